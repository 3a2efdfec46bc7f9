// The Firefox tier: the built extension in Debian's Firefox ESR (headless), driven by
// geckodriver over WebDriver, on the demo seller inbox.
//
// Firefox has no --host-resolver-rules: the pref network.dns.forceResolve sends every
// host to 127.0.0.1, where the demo server listens on 443 (so the real URLs and the
// manifest's match patterns are exercised); acceptInsecureCerts takes its self-signed
// certificate. The extension is installed as a temporary add-on (a zip of dist/)
// with a fixed extensions.webextensions.uuids entry, so its pages have a known
// address. An administrator's policy comes from managed storage, as Firefox reads it
// on Linux: ~/.mozilla/managed-storage/<add-on id>.json under the HOME Firefox runs
// with.
//
//   XUNPAN_DIST=dist FIREFOX=/usr/bin/firefox-esr node --test tests/firefox/
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Session, startGeckodriver } from './webdriver.mjs';
import { shownDisagrees } from '../e2e/harness.mjs';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const DIST = resolve(process.env.XUNPAN_DIST ?? join(here, '../../dist'));
const ARTIFACTS = resolve(process.env.XUNPAN_ARTIFACTS ?? join(here, '../artifacts'));
const FIREFOX = process.env.FIREFOX ?? '/usr/bin/firefox-esr';
const GECKODRIVER = process.env.GECKODRIVER ?? 'geckodriver';

const ADDON_ID = JSON.parse(readFileSync(join(DIST, 'manifest.json'), 'utf8')).browser_specific_settings.gecko.id;
const UUID = '7a1c3e55-9d0b-4c1e-8f3a-2b6d4e5f6a70';
const BASE = `moz-extension://${UUID}`;
const LIST = 'https://message.alibaba.com/message/default.htm';
const CHAT = 'https://onetalk.alibaba.com/message/weblitePWA.htm';
const ROW = 'a.inquiry-item[data-trade-id]';
const CONTACT = 'div.contact-item-container[data-cid]';
// The administrator's policy at start-up: a company name, which changes no verdict.
const START_POLICY = { format: 'xunpan-settings', version: 1, reply: { profile: { company: 'Policy Trading Co.' } } };
const EVERYTHING_SPAM = { format: 'xunpan-settings', version: 1, triage: { spamThreshold: -100, suspiciousThreshold: -100 } };

mkdirSync(ARTIFACTS, { recursive: true });

let server;
let gecko;
let ff;
let home;
const started = Date.now();

/** Writes the administrator's policy where Firefox reads managed storage (null: none). */
function writePolicy(policy) {
  const dir = join(home, '.mozilla', 'managed-storage');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${ADDON_ID}.json`);
  // As managed-schema.json has it: the settings file's JSON text.
  const data = policy ? { settings: JSON.stringify(policy) } : {};
  writeFileSync(file, JSON.stringify({ name: ADDON_ID, description: 'Xunpan team policy', type: 'storage', data }));
}

/** dist/ as a zip, base64, for geckodriver's add-on endpoint. */
function zippedDist() {
  const zip = join(mkdtempSync(join(tmpdir(), 'xunpan-xpi-')), 'xunpan.xpi');
  execFileSync('zip', ['-qr', '-X', zip, '.'], { cwd: DIST });
  const bytes = readFileSync(zip);
  rmSync(dirname(zip), { recursive: true, force: true });
  return bytes.toString('base64');
}

/** Sizes the window so that the page gets `width` × `height` CSS pixels. */
async function viewport(width, height) {
  await ff.setSize(width, height);
  const [w, h] = await ff.run(() => [window.innerWidth, window.innerHeight]);
  await ff.setSize(width + (width - w), height + (height - h));
}

async function shot(name) {
  writeFileSync(join(ARTIFACTS, name), await ff.screenshot());
}

/**
 * Opens one of the extension's pages at `width` × `height` CSS pixels, the size the
 * sidebar or the popup gives it (a Firefox window is at least 500 pixels wide): in a
 * frame of that size on another of its pages. The test goes on inside the frame;
 * `done(name)` takes the frame's screenshot and leaves it.
 */
async function framed(path, width, height) {
  await openExtensionPage('popup.html');
  await viewport(Math.max(width + 40, 600), height + 40);
  await ff.run((url, w, h) => {
    const frame = document.createElement('iframe');
    frame.id = 'xunpan-test-frame';
    frame.src = url;
    frame.style.cssText = `width:${w}px;height:${h}px;border:0;display:block`;
    document.body.replaceChildren(frame);
    document.body.style.cssText = 'margin:0;width:auto;min-width:0';
  }, `${BASE}/${path}`, width, height);
  const [frame] = await ff.find('#xunpan-test-frame');
  await ff.cmd('POST', '/frame', { id: Session.ref(frame) });
  await ff.waitFor(() => document.readyState === 'complete', { what: path });
  return {
    async done(name) {
      await ff.cmd('POST', '/frame/parent', {});
      const png = await ff.cmd('GET', `/element/${frame}/screenshot`);
      writeFileSync(join(ARTIFACTS, name), Buffer.from(png, 'base64'));
      await viewport(1366, 768);
    },
  };
}

/**
 * Clicks the first button whose text matches `pattern` inside Xunpan's (closed) shadow
 * roots on the page; tries again while the overlay is being redrawn.
 */
async function clickInOverlay(pattern, attempts = 40) {
  for (let i = 0; i < attempts; i++) {
    for (const host of await ff.find('[data-xunpan-host]')) {
      const shadow = await ff.shadowOf(host);
      if (!shadow) continue;
      for (const button of await ff.findInShadow(shadow, 'button').catch(() => [])) {
        const text = await ff.text(button).catch(() => '');
        if (pattern.test(text.trim())) {
          try {
            await ff.click(button);
            return text.trim();
          } catch {
            // redrawn meanwhile: look again
          }
        }
      }
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no button ${pattern} in the overlay`);
}

/** Verdicts of every row once all rows of the list are tagged. */
async function listVerdicts(url) {
  await ff.go(url);
  return ff.waitFor(
    (sel) => {
      const rows = [...document.querySelectorAll(sel)];
      if (!rows.length || !rows.every((r) => r.hasAttribute('data-xunpan-verdict'))) return null;
      return rows.map((r) => [r.getAttribute('data-trade-id'), r.getAttribute('data-xunpan-verdict')]);
    },
    { args: [ROW], what: 'every row tagged' },
  );
}

/** A response header of a demo page, fetched as the browser would. */
function headerOf(url, name) {
  const { hostname, pathname, search } = new URL(url);
  return new Promise((resolve, reject) => {
    https
      .get({ host: '127.0.0.1', port: 443, path: pathname + search, headers: { host: hostname }, rejectUnauthorized: false }, (res) => {
        res.resume();
        resolve(String(res.headers[name] ?? ''));
      })
      .on('error', reject);
  });
}

/**
 * Opens one of the extension's pages in the current tab. WebDriver may not navigate a
 * tab to a moz-extension: address, but the browser's own code may: the page is loaded
 * from the privileged context, then the test goes on in the page.
 */
async function openExtensionPage(path) {
  await ff.cmd('POST', '/moz/context', { context: 'chrome' });
  try {
    await ff.run((url) => {
      const { gBrowser, Services } = window;
      gBrowser.selectedBrowser.fixupAndLoadURIString(url, { triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal() });
    }, `${BASE}/${path}`);
  } finally {
    await ff.cmd('POST', '/moz/context', { context: 'content' });
  }
  await ff.waitFor((base) => location.href.startsWith(base) && document.readyState === 'complete', { args: [BASE], what: path });
}

/** Runs `fn` in an extension page (the popup's address), where `browser` is at hand. */
async function inExtension(fn, ...args) {
  const url = await ff.url();
  if (!url.startsWith(BASE)) await openExtensionPage('popup.html');
  return ff.runAsync(fn, ...args);
}

const storedItems = () => inExtension(async () => (await browser.storage.local.get('items')).items ?? {});

before(async () => {
  home = mkdtempSync(join(tmpdir(), 'xunpan-firefox-home-'));
  writePolicy(START_POLICY);
  const { start } = require('../demo/server.js');
  server = await start({ port: 443 });
  gecko = await startGeckodriver({ binary: GECKODRIVER, env: { ...process.env, HOME: home, MOZ_HEADLESS: '1' },
    // The privileged context opens the extension's pages (see openExtensionPage).
    args: ['--allow-system-access'],
  });
  ff = await Session.create(gecko.url, {
    browserName: 'firefox',
    acceptInsecureCerts: true,
    'moz:firefoxOptions': {
      binary: FIREFOX,
      args: ['-headless'],
      prefs: {
        'network.dns.forceResolve': '127.0.0.1',
        'network.trr.mode': 5,
        'network.proxy.type': 0,
        'extensions.webextensions.uuids': JSON.stringify({ [ADDON_ID]: UUID }),
        'intl.locale.requested': 'en-US',
        'intl.accept_languages': 'en-US, en',
        'browser.shell.checkDefaultBrowser': false,
        'datareporting.policy.dataSubmissionEnabled': false,
      },
    },
  });
  await ff.setScriptTimeout(30_000);
  const first = await ff.cmd('GET', '/window');
  await ff.installAddon(zippedDist());
  // A fresh install opens the welcome page in a tab of its own; the tests work in the
  // first tab (the privileged loads go to the selected tab), so it is closed.
  welcomeOpened = await closeWelcomeTab(first);
  await viewport(1366, 768);
});

let welcomeOpened = false;

/** Waits up to 10 s for the welcome tab, closes it; says whether it showed welcome.html. */
async function closeWelcomeTab(first) {
  const end = Date.now() + 10_000;
  let handles = [];
  while (Date.now() < end) {
    handles = await ff.cmd('GET', '/window/handles');
    if (handles.length > 1) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  let sawWelcome = false;
  for (const handle of handles.filter((h) => h !== first)) {
    await ff.cmd('POST', '/window', { handle });
    await ff.waitFor(() => /welcome\.html/.test(location.href), { timeout: 5_000, what: 'the welcome page' }).catch(() => {});
    sawWelcome ||= /welcome\.html/.test(await ff.url());
    await ff.cmd('DELETE', '/window');
  }
  await ff.cmd('POST', '/window', { handle: first });
  return sawWelcome;
}

after(async () => {
  await ff?.close().catch(() => {});
  await gecko?.close();
  await server?.close();
  if (home) rmSync(home, { recursive: true, force: true });
  console.log(`# Firefox tier: ${((Date.now() - started) / 1000).toFixed(1)} s`);
});

describe('Xunpan in Firefox ESR on the demo inbox', () => {
  test('a fresh install opens the welcome page', () => {
    assert.ok(welcomeOpened, 'the welcome page opened in a tab of its own');
  });

  test('every inquiry row is tagged with the engine\'s verdict', async () => {
    const tagged = await listVerdicts(`${LIST}#feedback/all`);
    assert.ok(tagged.length >= 10, `a full first page of rows (${tagged.length})`);
    await shot('firefox-list.png');
    // The worker writes its records after the rows are tagged: wait for them (10 s at most).
    let stored = await storedItems();
    for (let i = 0; i < 40 && !tagged.every(([id]) => stored[`inquiry:${id}`]); i++) {
      await new Promise((r) => setTimeout(r, 250));
      stored = await storedItems();
    }
    for (const [id, verdict] of tagged) {
      assert.equal(shownDisagrees(verdict, stored[`inquiry:${id}`]), null, `row ${id} shows the stored verdict`);
    }
    const verdicts = new Set(tagged.map(([, v]) => v));
    assert.ok(verdicts.has('spam') && verdicts.has('genuine'), `a mixed inbox is told apart: ${[...verdicts]}`);
  });

  test('under a strict page CSP the rows are tagged all the same', async () => {
    const tagged = await listVerdicts(`${LIST}?csp=strict#feedback/all`);
    assert.ok(tagged.length >= 10, `${tagged.length} rows`);
    assert.match(await headerOf(`${LIST}?csp=strict`, 'content-security-policy'), /script-src 'self'/, 'the page really is strict');
  });

  test('the detail page gets its card, and Insert fills the editor without sending', async () => {
    const tagged = await listVerdicts(`${LIST}#feedback/all`);
    const [id] = tagged.find(([, v]) => v === 'genuine');
    await ff.go(`https://message.alibaba.com/message/maDetail.htm?imInquiryId=${id}`);
    await ff.waitFor(() => document.querySelector('[data-xunpan-verdict]'), { what: 'the detail card' });
    await clickInOverlay(/^(Insert reply|插入回复)$/);
    const draft = await ff.waitFor(
      () => {
        const text = window.tinymce?.get?.('normal-im-send')?.getContent?.() ?? document.querySelector('#normal-im-send_ifr')?.contentDocument?.body?.innerText ?? '';
        return text.length > 40 ? text : null;
      },
      { what: 'the reply in the editor' },
    );
    assert.match(draft, /Dear|Hello|Hi/, 'a greeting');
    assert.match(await ff.run(() => document.getElementById('draft-counter')?.textContent ?? ''), /\d{2,}/, 'the page saw the draft');
    assert.equal(await ff.run(() => window.__demoSent ?? null), null, 'nothing was sent');
    await shot('firefox-detail.png');
  });

  test('chat contacts are tagged and Insert fills the chat box without sending', async () => {
    await ff.go(`${CHAT}#/`);
    await ff.waitFor((sel) => [...document.querySelectorAll(sel)].some((r) => r.hasAttribute('data-xunpan-verdict')), {
      args: [CONTACT],
      what: 'a tagged contact',
    });
    await clickInOverlay(/^(Insert reply|插入回复)$/);
    await ff.waitFor(() => (document.querySelector('textarea.send-textarea')?.value ?? '').length > 20, { what: 'the reply in the chat box' });
    assert.equal(await ff.run(() => window.__demoSent ?? null), null, 'nothing was sent');
    await shot('firefox-chat.png');
  });

  // The real editor libraries of tests/demo (shape= tiny8, quill, prosemirror, lexreal):
  // Firefox's editing commands and events differ from Chromium's, and each library
  // reads them its own way. The reply must reach the library's model, line by line,
  // the page's counter must see it, one undo of the library takes it out, and nothing
  // is sent.
  for (const shape of ['tiny8', 'quill', 'prosemirror', 'lexreal']) {
    test(`Insert reaches the model of a real editor library: ${shape}`, async () => {
      await ff.go(`https://message.alibaba.com/message/maDetail.htm?imInquiryId=7301000001&tz=UTC&shape=${shape}`);
      await ff.waitFor(() => window.__demoEditor && document.querySelector('[data-xunpan-verdict]'), { what: 'the editor and the card' });
      await clickInOverlay(/^(Insert reply|插入回复)$/);
      const model = await ff.waitFor(() => {
        const text = window.__demoEditor.text();
        return text.trim().length > 40 ? text : null;
      }, { what: `the reply in ${shape}'s model` }).catch(() => '');
      const f = {
        lines: model.split('\n').map((l) => l.trim()).filter(Boolean).length,
        counter: Number((await ff.run(() => document.getElementById('draft-counter')?.textContent ?? '')).match(/\d+/)?.[0] ?? 0),
        sent: await ff.run(() => window.__demoSent ?? null),
      };
      await shot(`firefox-${shape}.png`);
      await ff.run(() => window.__demoEditor.undo());
      f.afterUndo = (await ff.run(() => window.__demoEditor.text())).trim().length;
      assert.equal(f.sent, null, 'nothing was sent');
      assert.match(model, /Dear|Hello|Hi/, `the reply is in the model: ${JSON.stringify(f)}`);
      assert.ok(f.lines >= 3, `the reply's lines are the model's lines: ${JSON.stringify(f)}`);
      assert.ok(f.counter >= 40, `the page's counter saw the reply: ${JSON.stringify(f)}`);
      assert.equal(f.afterUndo, 0, `one undo takes the reply out: ${JSON.stringify(f)}`);
    });
  }

  test('the buyer\'s text each item kept is under the item\'s own key too, and a cleared key reads as none', async () => {
    const all = await inExtension(async () => browser.storage.local.get(null));
    const withText = Object.values(all.items ?? {}).filter((i) => !i.preview && i.inquiry?.body?.trim() && i.inquiry.body !== i.inquiry.subject);
    assert.ok(withText.length > 0, 'items read with their text');
    for (const item of withText) assert.equal(all[`reading:${item.key}`]?.body, item.inquiry.body, `${item.key}: its reading`);
    assert.equal(all.schemaVersion, 3);
    // The worker clears a dropped item's reading with null in the items' own write.
    const cleared = await inExtension(async () => {
      await browser.storage.local.set({ 'reading:inquiry:cleared-test': { body: 'x' } });
      await browser.storage.local.set({ 'reading:inquiry:cleared-test': null });
      const got = await browser.storage.local.get('reading:inquiry:cleared-test');
      await browser.storage.local.remove('reading:inquiry:cleared-test');
      return got['reading:inquiry:cleared-test'] ?? 'none';
    });
    assert.equal(cleared, 'none');
  });

  test('the sidebar shows the work queue of the items seen', async () => {
    const items = Object.values(await storedItems());
    const panel = await framed('sidepanel.html', 400, 900); // a sidebar's size
    const keys = await ff.waitFor(() => {
      const rows = [...document.querySelectorAll('#queue li.row')].map((r) => r.getAttribute('data-key'));
      return rows.length ? rows : null;
    }, { what: 'queue rows' });
    assert.ok(keys.every((k) => items.some((i) => i.key === k)), 'only items the pages showed');
    const open = Number((await ff.run(() => document.getElementById('counts').textContent)).match(/\d+/)?.[0]);
    assert.equal(keys.length, open, 'the list and its count agree');
    await panel.done('firefox-sidebar.png');
  });

  test('the popup counts the open work', async () => {
    const popup = await framed('popup.html', 360, 560);
    const open = await ff.waitFor(() => {
      const n = Number(document.getElementById('open')?.textContent);
      return Number.isFinite(n) && n > 0 ? n : null;
    }, { what: 'the open count' });
    assert.ok(open > 0);
    await popup.done('firefox-popup.png');
  });

  test('Options saves the profile', async () => {
    await openExtensionPage('options.html');
    await ff.waitFor(() => document.getElementById('form') && !document.getElementById('form').hasAttribute('aria-busy'), { what: 'the form ready' });
    const [name] = await ff.find('[name="profile.repName"]');
    await ff.run((el) => {
      el.value = '';
    }, Session.ref(name));
    await ff.type(name, 'Lily Chen');
    const [save] = await ff.find('button[type=submit]');
    await ff.click(save);
    await ff.waitFor(() => document.querySelector('#saved.ok'), { what: '"Saved."' });
    const settings = await ff.runAsync(async () => (await browser.storage.local.get('settings')).settings);
    assert.equal(settings?.reply?.profile?.repName, 'Lily Chen');
  });

  test('a changed team policy reaches the engine without a browser event for it', async () => {
    const before = new Set((await listVerdicts(`${LIST}#feedback/all`)).map(([, v]) => v));
    assert.ok(before.has('genuine'), 'no policy yet: genuine buyers are told apart');
    // Firefox reads its managed storage once per start of the extension and never fires
    // storage.managed.onChanged: the store's new answer is put in place in the event
    // page, and the extension must find it by asking again, as it does when a seller
    // page opens (and every minute).
    const patched = await inExtension(async (policy) => {
      const page = await browser.runtime.getBackgroundPage();
      const managed = page.browser.storage.managed;
      managed.get = async () => ({ settings: policy });
      return typeof page.browser.storage.managed.onChanged;
    }, JSON.stringify(EVERYTHING_SPAM));
    assert.equal(patched, 'object', 'Firefox declares the event all the same');
    let after = null;
    for (let i = 0; i < 10; i++) {
      // (Rows whose latest message is our reply have no verdict, under any policy.)
      after = new Set((await listVerdicts(`${LIST}#feedback/all`)).map(([, v]) => v).filter((v) => v !== 'replied'));
      if (after.size === 1 && after.has('spam')) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    assert.deepEqual([...after], ['spam'], 'the new policy is in force');
  });

  test('the policy in managed storage at start-up is read', async () => {
    // Written before Firefox started (see the set-up): the rep's Options say so.
    await openExtensionPage('options.html');
    const note = await ff.waitFor(() => {
      const el = document.getElementById('policyNote');
      return el && !el.hidden ? el.textContent : null;
    }, { what: 'the policy note' });
    assert.ok(note.length > 10, note);
  });
});
