// The browser's managed store may take seconds to answer its first read of a session
// (about 3 s in Chromium, with a policy set or not). The first tags of the day must not
// wait for it: the engine is built on the policy last seen, and rebuilt on the store's
// answer when that differs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { demoSession, serviceWorker, waitAllRowsTagged, welcomePage } from './harness.mjs';

const LIST = 'https://message.alibaba.com/message/default.htm#feedback/all';
const ROW = '[data-trade-id]';

const session = demoSession();

/** The verdicts shown on a freshly opened inquiry list (rows known by their thread alone have none). */
async function verdictsOnTheList() {
  const page = await session.open(LIST);
  await waitAllRowsTagged(page, 20_000);
  const verdicts = await page.$$eval(ROW, (rows) => rows.map((r) => r.getAttribute('data-xunpan-verdict')));
  await page.close();
  return new Set(verdicts.filter((v) => v !== 'replied'));
}

test('a managed store that has not answered holds no tags back; its answer replaces the policy last seen', async () => {
  // The welcome page the install opened has asked for the state, which must not have
  // the engine built: the list opened below builds it, on the policy in force then.
  // Its answer is waited for, so the order is the same on every run.
  const welcome = await welcomePage(session.browser);
  assert.ok(welcome, 'the install opened the welcome page');
  await welcome.waitForFunction(() => document.getElementById('zone')?.textContent);
  const worker = await serviceWorker(session.browser.context);
  // A policy under which everything is spam, as the one last seen; the store answers
  // only when the test says so (the engine has not been built yet: no page asked).
  const everythingSpam = { format: 'xunpan-settings', version: 1, triage: { spamThreshold: -100, suspiciousThreshold: -100 } };
  await worker.evaluate(async (policy) => {
    // The store's first answer of the session, which the worker asked for when it
    // started, is let in first: coming after the stand-in below, it would replace it.
    await chrome.storage.managed.get('settings');
    await chrome.storage.local.get('lastPolicy');
    await chrome.storage.local.set({ lastPolicy: policy });
    globalThis.__policyReads = [];
    chrome.storage.managed.get = () => new Promise((resolve) => globalThis.__policyReads.push(resolve));
  }, everythingSpam);

  assert.deepEqual([...(await verdictsOnTheList())], ['spam'], 'the policy last seen is in force while the store is silent');

  // The store answers at last: no policy is set.
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
  const worker = await serviceWorker(session.browser.context);
  const listening = await worker.evaluate(() => ({
    managed: chrome.storage.managed.onChanged.hasListeners(),
    // Every write of the items would come to such a listener, old and new values in full.
    any: chrome.storage.onChanged.hasListeners(),
  }));
  assert.deepEqual(listening, { managed: true, any: false });
});

test('no page errors', () => {
  assert.deepEqual(session.pageErrors, []);
});
