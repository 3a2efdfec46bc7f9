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

// A row whose latest message is our reply gets the buyer's text from an earlier
// reading. A worker started again reads it under the item's own key (storage.js,
// layout 3), not from the whole item store; a store the previous release wrote has no
// such keys and is upgraded once, as the worker starts.
const REPLIED_ID = '7301000017';
const REPLIED_ROW = `a.inquiry-item[data-trade-id="${REPLIED_ID}"]`;
const READING_KEY = `reading:inquiry:${REPLIED_ID}`;
// The demo dates its inquiries from `now`: the same on every page, as real times are.
const REPLIED_NOW = Date.now() - 60_000;

/** The replied row's verdict on a list opened after the worker was stopped. */
async function repliedRowAfterStop() {
  await stopWorker();
  const page = await browser.context.newPage();
  await page.goto(`${LIST}&now=${REPLIED_NOW}#feedback/all`);
  await allTagged(page);
  await page.waitForFunction((sel) => document.querySelector(sel)?.hasAttribute('data-xunpan-verdict'), REPLIED_ROW, { timeout: 20_000 });
  const verdict = await page.getAttribute(REPLIED_ROW, 'data-xunpan-verdict');
  await page.close();
  return verdict;
}

test('a replied row gets its buyer\'s text from the reading kept under its own key', async () => {
  // The rep opens the inquiry: its text is read, and kept under its own key.
  const detail = await browser.context.newPage();
  await detail.goto(`https://message.alibaba.com/message/maDetail.htm?imInquiryId=${REPLIED_ID}&now=${REPLIED_NOW}`);
  await detail.waitForSelector('[data-xunpan-verdict]', { timeout: 20_000 });
  await detail.close();
  let store = await stored();
  for (let i = 0; i < 50 && !store.items?.[`inquiry:${REPLIED_ID}`]?.verdict; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    store = await stored();
  }
  const record = store.items[`inquiry:${REPLIED_ID}`];
  assert.ok(record?.verdict && /mailer boxes/.test(record.inquiry.body), JSON.stringify(record));
  assert.deepEqual(store[READING_KEY], { receivedAt: record.receivedAt, body: record.inquiry.body },
    'the reading beside its record, written with it');
  assert.equal(store.schemaVersion, 3);
  const verdict = await repliedRowAfterStop();
  assert.equal(verdict, record.verdict, 'the row shows that reading\'s tag');
  // Without its key the row has no text, though its record still holds it: the record
  // is not what the worker read.
  await extensionPage.evaluate((key) => chrome.storage.local.remove(key), READING_KEY);
  assert.equal(await repliedRowAfterStop(), 'replied', 'known by its thread alone');
  // Written again with the record as the list refreshed it (unless its text is gone).
  const again = await stored();
  assert.equal(again.items[`inquiry:${REPLIED_ID}`].inquiry.body, record.inquiry.body, 'the record kept its reading');
});

test('a store the previous release wrote is upgraded once: every reading kept, the row tagged as before', async () => {
  // What the previous release wrote: layout 2, the readings in the records alone, their
  // sizes counted without the keys.
  await extensionPage.evaluate(async () => {
    const all = await chrome.storage.local.get(null);
    const readings = Object.keys(all).filter((k) => k.startsWith('reading:'));
    if (readings.length) await chrome.storage.local.remove(readings);
    for (const item of Object.values(all.items)) delete item.bytes;
    await chrome.storage.local.set({ schemaVersion: 2, items: all.items });
  });
  const before = await stored();
  const record = before.items[`inquiry:${REPLIED_ID}`];
  assert.ok(record?.verdict && record.inquiry.body, 'the record of the reading, as that release kept it');
  assert.equal(before[READING_KEY], undefined);
  const verdict = await repliedRowAfterStop();
  assert.equal(verdict, record.verdict, 'tagged from the reading as that release would have');
  const after = await stored();
  assert.equal(after.schemaVersion, 3);
  assert.deepEqual(after[READING_KEY], { receivedAt: record.receivedAt, body: record.inquiry.body });
  const withText = Object.values(after.items).filter((i) => !i.preview && i.inquiry?.body?.trim() && i.inquiry.body !== i.inquiry.subject);
  assert.ok(withText.length > 1);
  for (const item of withText) assert.equal(after[`reading:${item.key}`]?.body, item.inquiry.body, `${item.key}: its reading kept`);
  assert.ok(Object.values(after.items).every((i) => Number.isFinite(i.bytes)), 'every size counted again');
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
  assert.equal(after.schemaVersion, 3);
  assert.ok(!after.items.broken, 'the unreadable record is gone');
  assert.ok(after.items.old?.key === 'old' || Object.values(after.items).every((i) => i.key), 'every item has its key');
  await page.close();
});
