// The browser's managed store may take seconds to answer its first read of a session
// (about 2 to 3 s in Chromium, with a policy set or not). The first tags of the day must
// not wait for it: the engine is built on the policy last seen, which an earlier worker
// life stored, and rebuilt on the store's answer when that differs.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, serviceWorker, startDemo, waitAllRowsTagged, welcomePage } from './harness.mjs';

const LIST = 'https://message.alibaba.com/message/default.htm#feedback/all';
const ROW = '[data-trade-id]';

let demo;
let browser;
const pageErrors = [];

before(async () => {
  demo = await startDemo();
  browser = await launch(demo.port);
});

after(async () => {
  await browser?.close();
  await demo?.close();
});

/** The verdicts shown on a freshly opened inquiry list (rows known by their thread alone have none). */
async function verdictsOnTheList() {
  const page = await browser.context.newPage();
  page.on('pageerror', (err) => pageErrors.push(`${LIST}: ${err.message}`));
  await page.goto(LIST, { waitUntil: 'domcontentloaded' });
  await waitAllRowsTagged(page, 20_000);
  const verdicts = await page.$$eval(ROW, (rows) => rows.map((r) => r.getAttribute('data-xunpan-verdict')));
  await page.close();
  return new Set(verdicts.filter((v) => v !== 'replied'));
}

test('a managed store that has not answered holds no tags back; its answer replaces the policy last seen', async () => {
  // Yesterday: a worker of this install had the store's answer, a policy under which
  // everything is spam, and kept it as the policy last seen (the store's own answer,
  // no policy, is let in first, so that it does not overwrite it). Then the browser
  // was closed.
  const everythingSpam = { format: 'xunpan-settings', version: 1, triage: { spamThreshold: -100, suspiciousThreshold: -100 } };
  const welcome = await welcomePage(browser);
  assert.ok(welcome, 'the install opened the welcome page');
  await welcome.waitForFunction(() => document.getElementById('zone')?.textContent);
  await welcome.close();
  const yesterday = await serviceWorker(browser.context);
  await yesterday.evaluate(async (policy) => {
    await chrome.storage.managed.get('settings');
    while (!('lastPolicy' in (await chrome.storage.local.get('lastPolicy')))) await new Promise((r) => setTimeout(r, 50));
    await chrome.storage.local.set({ lastPolicy: policy });
  }, everythingSpam);
  const { profile } = browser;
  await browser.close({ keepProfile: true });

  // Today: the browser starts again, and with it a new worker, which reads the policy
  // last seen as it starts. The store's first answer of the session, which that worker
  // asked for as it started, comes by itself later; any read asked for from now on is
  // answered only when the test says so (the engine has not been built yet: no seller
  // page asked).
  browser = await launch(demo.port, { profile });
  const worker = await serviceWorker(browser.context);
  await worker.evaluate(() => {
    globalThis.__policyReads = [];
    chrome.storage.managed.get = () => new Promise((resolve) => globalThis.__policyReads.push(resolve));
  });

  assert.deepEqual([...(await verdictsOnTheList())], ['spam'], 'the policy last seen is in force while the store is silent');

  // The store answers the engine at last: no policy is set.
  const answered = await worker.evaluate(() => {
    for (const resolve of globalThis.__policyReads) resolve({});
    return globalThis.__policyReads.length;
  });
  assert.ok(answered >= 1, 'the engine asked the store');

  // The worker takes the answer in on its own time (on a loaded machine, more than a
  // moment, and each load of the list then takes seconds): the list is loaded again
  // until it shows it, for 30 s at most.
  let now = await verdictsOnTheList();
  for (const until = Date.now() + 30_000; !now.has('genuine') && Date.now() < until;) now = await verdictsOnTheList();
  assert.ok(now.has('genuine'), `the store's answer (no policy) replaced the stand-in: ${[...now]}`);
  const { lastPolicy } = await worker.evaluate(() => chrome.storage.local.get('lastPolicy'));
  assert.equal(lastPolicy, null, 'the answer is the policy last seen from now on');
});

test('the worker hears policy changes without being handed every write of the items', async () => {
  const worker = await serviceWorker(browser.context);
  const listening = await worker.evaluate(() => ({
    managed: chrome.storage.managed.onChanged.hasListeners(),
    // Every write of the items would come to such a listener, old and new values in full.
    any: chrome.storage.onChanged.hasListeners(),
  }));
  assert.deepEqual(listening, { managed: true, any: false });
});

test('no page errors', () => {
  assert.deepEqual(pageErrors, []);
});
