// The service worker may be stopped at any moment (Manifest V3). Here it is stopped
// on purpose — the way chrome://serviceworker-internals does — right after the page
// asked it to tag a folder: nothing the rep had is lost, the clocks on the page keep
// ticking, and the next request starts the worker again and tags as before.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, startDemo, waitAllRowsTagged as allTagged } from './harness.mjs';
import { visibleTexts } from './shadow.mjs';

const LIST = 'https://message.alibaba.com/message/default.htm?lang=en';
let demo;
let browser;

before(async () => {
  demo = await startDemo();
  browser = await launch(demo.port);
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
  const stop = internals.locator('cr-button[data-command="stop"]');
  await stop.first().waitFor();
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
  const page = await browser.context.newPage();
  await page.goto(`${LIST}#feedback/all`);
  await allTagged(page);
  const before = await stored();
  const itemsBefore = Object.keys(before.items ?? {});
  assert.ok(itemsBefore.length > 0);
  const clocks = async () => (await visibleTexts(page)).filter((t) => /(on track|due soon|overdue) · /.test(t));
  const clocksBefore = await clocks();

  // Ask for work (another folder), and stop the worker while it may be doing it.
  await page.click('.ui2-tab-nav a[data-folder="unread"]');
  await stopWorker();

  // The page's clocks do not depend on the worker.
  await page.waitForTimeout(1500);
  assert.notDeepEqual(await clocks(), clocksBefore, 'the clocks kept ticking');

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
