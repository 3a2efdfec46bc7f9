// The service worker may be stopped at any moment (Manifest V3). Here it is stopped
// on purpose — the way chrome://serviceworker-internals does — right after the page
// asked it to tag a folder: nothing the rep had is lost, the clocks on the pages keep
// ticking, and the next request starts the worker again and tags as before.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, saveSettings, startDemo, TEN_MINUTES, waitAllRowsTagged as allTagged } from './harness.mjs';
import { visibleTexts } from './shadow.mjs';

const LIST = 'https://message.alibaba.com/message/default.htm?lang=en';
let demo;
let browser;

before(async () => {
  demo = await startDemo();
  browser = await launch(demo.port);
  // The open inquiry's card counts seconds (under an hour left) whatever the hour or the day.
  await saveSettings(browser, TEN_MINUTES);
});

after(async () => {
  await browser?.close();
  await demo?.close();
});

/**
 * Stops the extension's service worker from the browser's own service-worker page,
 * and waits until that page reports it stopped.
 */
async function stopWorker() {
  const internals = await browser.context.newPage();
  await internals.goto('chrome://serviceworker-internals/');
  await internals.waitForFunction(() => /RUNNING|STOPPED/.test(document.body.innerText));
  const stop = internals.locator('cr-button[data-command="stop"]');
  // A worker already stopped (idle) offers no Stop button: nothing to do.
  for (let i = 0; i < (await stop.count()); i++) await stop.nth(i).click();
  await internals.waitForFunction(() => !document.body.innerText.includes('RUNNING'), null, { timeout: 10_000 });
  await internals.close();
}

/** An extension page to read storage and the badge with, whatever the worker's state. */
let extensionPage;
async function stored() {
  extensionPage ??= await browser.context.newPage();
  if (!extensionPage.url().startsWith('chrome-extension://')) {
    await extensionPage.goto(`chrome-extension://${browser.extensionId}/popup.html`);
  }
  return extensionPage.evaluate(() => chrome.storage.local.get(null));
}

test('stopping the worker mid-work loses nothing and the page carries on', async () => {
  // An open inquiry whose card counts seconds (it came two minutes ago), and the list.
  const detail = await browser.context.newPage();
  await detail.goto('https://message.alibaba.com/message/maDetail.htm?imInquiryId=7301000001');
  await detail.waitForSelector('[data-xunpan-verdict]', { timeout: 20_000 });
  const page = await browser.context.newPage();
  await page.goto(`${LIST}#feedback/all`);
  await allTagged(page);
  const before = await stored();
  const itemsBefore = Object.keys(before.items ?? {});
  assert.ok(itemsBefore.length > 0);
  const clocks = async (p) => (await visibleTexts(p)).filter((t) => /^(Reply in|Overdue|Counts in) /.test(t));
  const cardBefore = await clocks(detail);
  const listBefore = await clocks(page);

  // Ask for work (another folder), and stop the worker while it may be doing it.
  await page.click('.ui2-tab-nav a[data-folder="unread"]');
  await stopWorker();

  // The clocks do not depend on the worker: the card's keeps counting seconds and the
  // chips already drawn keep theirs.
  await detail.waitForTimeout(1500);
  assert.notDeepEqual(await clocks(detail), cardBefore, 'the card\'s clock kept ticking');
  assert.ok(listBefore.length > 0 && (await clocks(page)).length > 0, 'the list still shows its clocks');
  await detail.close();

  // The next request wakes the worker: a reloaded page (whose content script has no
  // answers of its own yet) is tagged row by row again.
  await page.goto(`${LIST}#feedback/all`);
  await allTagged(page);
  const after = await stored();
  for (const key of itemsBefore) assert.ok(after.items[key], `item ${key} kept`);
  assert.deepEqual(after.settings ?? null, before.settings ?? null, 'settings untouched');
  assert.match(await extensionPage.evaluate(() => chrome.action.getBadgeText({})), /^\d+$/, 'the badge is back');
  await page.close();
});

test('data an older version wrote is upgraded when the worker starts', async () => {
  await stored(); // the extension page used to write storage directly
  await extensionPage.evaluate(async () => {
    const { items, settings } = await chrome.storage.local.get(['items', 'settings']);
    // What a build before the schema version wrote: no version key, an item keyed by
    // something other than its key, an unreadable record.
    const [first] = Object.values(items);
    const old = { old: { ...first, key: undefined }, broken: { id: 'x' } };
    await chrome.storage.local.remove('schemaVersion');
    await chrome.storage.local.set({ items: old, settings: settings ?? { triage: { spamThreshold: 7 } } });
  });
  await stopWorker();
  const page = await browser.context.newPage();
  await page.goto(`${LIST}#feedback/all`);
  await allTagged(page);
  const after = await stored();
  assert.equal(after.schemaVersion, 2);
  assert.ok(!after.items.broken, 'the unreadable record is gone');
  assert.ok(after.items.old?.key === 'old' || Object.values(after.items).every((i) => i.key), 'every item has its key');
  await page.close();
});
