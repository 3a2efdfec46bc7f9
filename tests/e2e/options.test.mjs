// The options page: the profile is saved, templates are edited with a live preview,
// a bad settings file is refused with the reason and changes nothing, and the saved
// profile signs the replies the engine renders.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ARTIFACTS, launch } from './harness.mjs';

describe('options page', () => {
  let browser;
  let page;
  const stored = async () => (await browser.worker.evaluate(() => chrome.storage.local.get('settings'))).settings;

  before(async () => {
    browser = await launch(1, {}); // no page of the demo is needed
    page = await browser.context.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await page.waitForFunction(() => document.getElementById('tplList').options.length >= 14);
  });
  after(async () => browser?.close());

  test('the profile is saved and signs the replies', async () => {
    await page.fill('[name="profile.repName"]', 'Lily Chen');
    await page.fill('[name="profile.company"]', 'Demo Trading Co.');
    await page.fill('[name="profile.signature"]', 'Lily Chen\nDemo Trading Co.');
    await page.click('button[type=submit]');
    await page.waitForSelector('#saved.ok');
    const s = await stored();
    assert.equal(s.reply.profile.repName, 'Lily Chen');
    assert.equal(s.format, 'xunpan-settings');
    await page.waitForFunction(() => document.getElementById('preview').textContent.endsWith('Demo Trading Co.'));
    const preview = await page.textContent('#preview');
    assert.match(preview, /Lily Chen\nDemo Trading Co\.$/, preview);
  });

  test('a new template is previewed live, linted, saved and listed', async () => {
    await page.click('#tplNew');
    await page.fill('#tplName', 'Price list sent');
    await page.fill('#tplBody', 'Dear {{buyer_given_name}},\n\nOur price list for {{product}} is attached.\n\nXX\n{{signature}}');
    await page.waitForFunction(() => document.getElementById('preview').textContent.startsWith('Dear John,'));
    const flags = await page.$$eval('#previewLint li', (li) => li.map((x) => x.textContent));
    assert.ok(flags.some((f) => /placeholder/i.test(f)), flags.join(' | '));
    assert.ok(flags.some((f) => /question/i.test(f)), flags.join(' | '));
    await page.click('button[type=submit]');
    await page.waitForSelector('#saved.ok');
    const s = await stored();
    assert.ok(s.reply.templates.some((t) => t.name === 'Price list sent'));
    const templates = await page.evaluate(() => chrome.runtime.sendMessage({ type: 'xunpan/templates' }));
    assert.ok(templates.templates.some((t) => t.name === 'Price list sent'), 'the engine lists it');
  });

  test('a bad settings file is refused with the reason and changes nothing', async () => {
    const before = await stored();
    const dir = mkdtempSync(join(tmpdir(), 'xunpan-bad-'));
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ format: 'xunpan-settings', version: 1, policy: { workingHours: { mon: ['17:00-08:00'] } } }));
    await page.setInputFiles('#import', bad);
    await page.waitForSelector('#importResult.error');
    assert.match(await page.textContent('#importResult'), /end must be after the start/);
    const notJson = join(dir, 'not.json');
    writeFileSync(notJson, '{ nope');
    await page.setInputFiles('#import', notJson);
    await page.waitForFunction(() => /not JSON/.test(document.getElementById('importResult').textContent));
    assert.deepEqual(await stored(), before, 'nothing changed');
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.screenshot({ path: join(ARTIFACTS, 'options.png') });
  });

  test('an exported settings file imports back without loss', async () => {
    const before = await stored();
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export')]);
    const file = await download.path();
    await page.setInputFiles('#import', file);
    await page.waitForSelector('#importResult.ok');
    const after = await stored();
    assert.deepEqual(after.reply, before.reply);
    assert.deepEqual(after.policy, before.policy);
    assert.deepEqual(after.triage, before.triage);
  });

  test('hours typed the ways people write them are taken, and shown as stored', async () => {
    await page.fill('[name="hours.mon"]', '8.30 - 5.30pm');
    await page.locator('[name="hours.mon"]').blur();
    await page.waitForFunction(() => document.querySelector('[name="hours.mon"]').value === '08:30-17:30');
    await page.fill('[name="quiet.start"]', '10pm');
    await page.fill('[name="quiet.end"]', '7.30');
    await page.click('button[type=submit]');
    await page.waitForSelector('#saved.ok');
    const s = await stored();
    assert.deepEqual(s.policy.workingHours.mon, ['08:30-17:30']);
    assert.deepEqual(s.notifications.quietHours, { start: '22:00', end: '07:30' });
    assert.equal(await page.inputValue('[name="quiet.start"]'), '22:00');
  });

  test('a field that cannot be used is marked where it is; the rest is saved, and "Saved." is not said', async () => {
    const before = await stored();
    await page.fill('[name="hours.tue"]', 'after lunch');
    await page.fill('[name="profile.repName"]', 'Lily C.');
    await page.fill('[name="targets.working"]', '');
    await page.click('button[type=submit]');
    await page.waitForSelector('#saved.error');
    assert.match(await page.textContent('#saved'), /^Saved, except 2 field/);
    assert.equal(await page.getAttribute('[name="hours.tue"]', 'aria-invalid'), 'true');
    assert.match(await page.textContent('#err-hours\\.tue'), /8:30-17:30/, 'it says how to write it');
    assert.equal(await page.getAttribute('[name="targets.working"]', 'aria-invalid'), 'true');
    assert.equal(await page.getAttribute('[name="profile.repName"]', 'aria-invalid'), null);
    const s = await stored();
    assert.equal(s.reply.profile.repName, 'Lily C.', 'the good field is saved');
    assert.deepEqual(s.policy.workingHours.tue, before.policy.workingHours.tue, 'the bad one keeps its stored value');
    assert.equal(s.policy.targets.working, before.policy.targets.working);
  });

  test('Export writes what is saved, not the edits on the form', async () => {
    // The form still shows the refused hours and the empty target from the test before.
    const saved = await stored();
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export')]);
    const file = JSON.parse(readFileSync(await download.path(), 'utf8'));
    assert.deepEqual(file.policy.workingHours, saved.policy.workingHours);
    assert.equal(file.policy.targets.working, saved.policy.targets.working);
    assert.match(await page.textContent('#importResult'), /unsaved changes are not in the file/);
    // And the file imports back.
    // (The export's own message is marked ok too: the import's words are waited for, or
    // the form would be filled in while the import still writes it.)
    await page.setInputFiles('#import', await download.path());
    await page.waitForFunction(() => /^Imported:/.test(document.querySelector('#importResult.ok')?.textContent ?? ''));
    await page.fill('[name="hours.tue"]', '08:00-17:30');
    await page.fill('[name="targets.working"]', '10');
    await page.click('button[type=submit]');
    await page.waitForSelector('#saved.ok');
  });

  test('the form takes input only once it shows the stored settings', async () => {
    // The managed store answers slowly (as on a browser's first read of a session).
    await browser.worker.evaluate(() => {
      globalThis.__managedGet ??= chrome.storage.managed.get.bind(chrome.storage.managed);
      chrome.storage.managed.get = (...args) => new Promise((resolve) => setTimeout(() => resolve(globalThis.__managedGet(...args)), 1500));
    });
    const slow = await browser.context.newPage();
    await slow.goto(`chrome-extension://${browser.extensionId}/options.html`);
    assert.equal(await slow.isDisabled('[name="profile.repName"]'), true, 'no typing before the settings are shown');
    assert.equal(await slow.isDisabled('button[type=submit]'), true, 'no Save before the settings are shown');
    await slow.waitForSelector('button[type=submit]:not([disabled])', { timeout: 20_000 });
    assert.equal(await slow.inputValue('[name="profile.repName"]'), 'Lily C.', 'the stored settings are shown');
    await slow.close();
    await browser.worker.evaluate(() => {
      chrome.storage.managed.get = globalThis.__managedGet;
    });
  });

  test('a company policy from managed storage lies under the rep\'s own changes', async () => {
    // Managed storage is set by the browser's administrator; the test plays that part by
    // answering the worker's managed-storage reads with a policy.
    const setPolicy = (policy) => browser.worker.evaluate((text) => {
      chrome.storage.managed.get = async () => ({ settings: text });
    }, JSON.stringify(policy));
    const policy = { format: 'xunpan-settings', version: 1, reply: { profile: { company: 'Policy Trading Co.' } }, triage: { spamThreshold: 7.5 } };
    await setPolicy(policy);
    await browser.worker.evaluate(() => chrome.storage.local.remove('settings'));
    await page.reload();
    await page.waitForFunction(() => document.getElementById('tplList').options.length >= 14);
    assert.equal(await page.isVisible('#policyNote'), true, 'the rep is told a policy applies');
    assert.equal(await page.inputValue('[name="profile.company"]'), 'Policy Trading Co.');
    assert.equal(await page.inputValue('[name="triage.spamThreshold"]'), '7.5');
    await page.fill('[name="profile.repName"]', 'Lily Chen');
    await page.click('button[type=submit]');
    await page.waitForSelector('#saved.ok');
    const own = await stored();
    assert.deepEqual(own.reply, { profile: { repName: 'Lily Chen' } }, 'only the rep\'s change is stored');
    assert.equal(own.triage, undefined);
    // The administrator changes the policy: what the rep left alone follows it.
    await setPolicy({ ...policy, reply: { profile: { company: 'Policy Trading Group' } } });
    await page.reload();
    await page.waitForFunction(() => document.getElementById('tplList').options.length >= 14);
    assert.equal(await page.inputValue('[name="profile.company"]'), 'Policy Trading Group');
    assert.equal(await page.inputValue('[name="profile.repName"]'), 'Lily Chen');
  });
});
