// Coming back to a list: the worker keeps the answers it gave for a page's address
// (in session storage, memory only), and the next load of that address draws them in
// the same task that puts the rows in, before the page paints; the engine is asked
// again and its fresh answers replace any that changed. Answers given under settings
// or a spam model since replaced are forgotten.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, startDemo, waitAllRowsTagged as allTagged } from './harness.mjs';

// A fixed clock: each load of this address shows the same inbox, as a real one does.
// The rows come a tenth of a second after the page data, as on a real page that takes
// a moment to render: time for the worker to hand over what it kept, never enough for
// a worker just started to build the engine (in a browser whose managed store has not
// answered yet, as here, it first waits 200 ms for the store), so the order the first
// test checks does not depend on luck.
const LIST = `https://message.alibaba.com/message/default.htm?lang=en&renderAfter=100&now=${Date.parse('2026-11-23T02:00:00Z')}#feedback/all`;

// In the page's own world: what the rows carry on the first frame after they appear.
const FIRST_FRAME = `(() => {
  new MutationObserver((_, observer) => {
    if (!window.__demoRenderedAt) return;
    observer.disconnect();
    requestAnimationFrame(() => {
      window.__firstFrame = [...document.querySelectorAll('a.inquiry-item[data-trade-id]')]
        .map((row) => [row.getAttribute('data-trade-id'), row.getAttribute('data-xunpan-verdict')]);
    });
  }).observe(document, { subtree: true, childList: true });
})();`;

let demo;
before(async () => {
  demo = await startDemo();
});
after(async () => {
  await demo?.close();
});

/** Opens the list with the first-frame probe; resolves when every row is tagged. */
async function openList(browser) {
  const page = await browser.context.newPage();
  await page.addInitScript(FIRST_FRAME);
  await page.goto(LIST);
  await allTagged(page);
  return page;
}

const verdicts = (page) => page.evaluate(() => Object.fromEntries(
  [...document.querySelectorAll('a.inquiry-item[data-trade-id]')]
    .map((row) => [row.getAttribute('data-trade-id'), row.getAttribute('data-xunpan-verdict')])));

/** An extension page of `browser`, to reach session storage and the worker. */
async function extensionPage(browser) {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/popup.html`);
  return page;
}

/**
 * The answers kept in session storage, put together as one object ({ version, setup,
 * pages: { [address]: { at, entries } } }); null when none are kept. They are stored
 * as `answers` (the version, the setup and each address's time and count) and one
 * `answers:<address>` key per address.
 */
const sessionAnswers = (ext) => ext.evaluate(async () => {
  const all = await chrome.storage.session.get(null);
  const meta = all.answers;
  if (!meta) return null;
  const pages = {};
  for (const [address, { at }] of Object.entries(meta.pages ?? {})) pages[address] = { at, entries: all[`answers:${address}`] ?? {} };
  return { version: meta.version, setup: meta.setup, pages };
});

/** Stores `kept` (the shape sessionAnswers gives) as the worker lays it out. */
const storeSessionAnswers = (ext, kept) => ext.evaluate((kept) => {
  const write = { answers: { version: kept.version, setup: kept.setup, pages: {} } };
  for (const [address, { at, entries }] of Object.entries(kept.pages)) {
    write.answers.pages[address] = { at, count: Object.keys(entries).length };
    write[`answers:${address}`] = entries;
  }
  return chrome.storage.session.set(write);
}, kept);

/** Polls session storage from `ext` (a page or the worker) until `want(answers)` holds. */
async function sessionUntil(ext, want, what) {
  for (let waited = 0; waited < 10_000; waited += 100) {
    const answers = await sessionAnswers(ext);
    if (want(answers)) return answers;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`session storage never had ${what}`);
}
const some = (answers) => answers !== null;
const none = (answers) => answers === null;

test('a list seen before is tagged on its first frame, and fresh answers replace changed ones', async () => {
  // First visit: the answers arrive from the engine, and the worker keeps them.
  const first = await launch(demo.port);
  let kept;
  let truth;
  try {
    const page = await openList(first);
    truth = await verdicts(page);
    assert.ok(Object.keys(truth).length >= 10, 'the demo list has rows');
    kept = await sessionUntil(first.worker, some, 'the page\'s answers');
    // Each address's answers under a key of its own, beside a small part that names
    // them: a worker started again reads that part and the one page it is asked for,
    // not every page's answers (megabytes, read as it starts, in the way of its other
    // storage reads).
    const raw = await first.worker.evaluate(() => chrome.storage.session.get(null));
    assert.deepEqual(Object.keys(raw.answers.pages[LIST]).sort(), ['at', 'count'], 'the small part holds no answers');
    assert.equal(raw.answers.pages[LIST].count, Object.keys(raw[`answers:${LIST}`] ?? {}).length, 'its count is the page\'s');
  } finally {
    await first.close();
  }
  const entries = kept.pages[LIST]?.entries ?? {};
  assert.equal(Object.keys(entries).length, Object.keys(truth).length, 'one answer kept per row');

  // The second visit, in a browser whose kept answers hold one verdict that is no
  // longer true (as after a clock moved on): it is drawn first, then replaced.
  const genuine = Object.keys(truth).find((id) => truth[id] === 'genuine');
  assert.ok(genuine, 'the demo list has a genuine inquiry');
  const key = Object.keys(entries).find((k) => k.endsWith(`:${genuine}`));
  entries[key][1].verdict = 'spam';
  const second = await launch(demo.port);
  try {
    // Written from the worker itself: no page of ours may start the engine first.
    await storeSessionAnswers(second.worker, kept);
    const page = await openList(second);
    // The probe's frame can come after the last tag on a loaded machine: waited for.
    const probe = await page.waitForFunction(() => window.__firstFrame, null, { timeout: 10_000 });
    const firstFrame = Object.fromEntries(await probe.jsonValue());
    for (const [id, verdict] of Object.entries(truth)) {
      assert.equal(firstFrame[id], id === genuine ? 'spam' : verdict, `row ${id} on the first frame`);
    }
    await page.waitForFunction((id) => document.querySelector(`[data-trade-id="${id}"]`)
      ?.getAttribute('data-xunpan-verdict') === 'genuine', genuine, { timeout: 10_000 });
    assert.deepEqual(await verdicts(page), truth, 'the engine answered again and its answers stand');
  } finally {
    await second.close();
  }
});

test('answers given under other settings are forgotten', async () => {
  const browser = await launch(demo.port);
  try {
    await openList(browser);
    const ext = await extensionPage(browser);
    const setup = () => ext.evaluate((page) => chrome.runtime.sendMessage({ type: 'xunpan/page-setup', page }), LIST);
    assert.ok((await setup()).answersJson, 'the page\'s answers are kept');
    await sessionUntil(ext, some, 'the page\'s answers');

    // Marking an inquiry as spam changes the model every answer came from.
    const marked = await ext.evaluate(() => chrome.runtime.sendMessage({
      type: 'xunpan/feedback', inquiry: { id: 'x-1', body: 'Cheap replica watches, click here' }, spam: true,
    }));
    assert.equal(marked.ok, true);
    assert.equal((await setup()).answersJson, null, 'nothing is kept once the model changed');
    // ...and session storage is emptied too (its write may land just after the answer).
    await sessionUntil(ext, none, 'nothing left');

    // The next load asks the engine and keeps its new answers.
    const page = await openList(browser);
    assert.ok(Object.values(await verdicts(page)).every(Boolean));
    await sessionUntil(ext, some, 'the new answers');
  } finally {
    await browser.close();
  }
});
