// The rows in view answered first: the worker triages a list's first rows (those that
// can be in view) and answers them before it triages the rest, so the rep's rows are
// tagged while the rest of a long list is still with the engine; every row still ends
// tagged, once, and each inquiry goes to the engine once.
//
// The engine is made slow for long batches here (the worker's JSON.stringify, which the
// engine's glue uses to read a batch, waits SLOW_MS on a batch of more than SLOW_ITEMS
// inquiries): a list answered in one part then tags nothing for SLOW_MS, the rows in
// view included; answered in view first, the rows in view are tagged SLOW_MS before
// the rest.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { LIST_POSTS_PROBE, launch, listPosted, startDemo } from './harness.mjs';

const ROWS = 500;
const LIST = `https://message.alibaba.com/message/default.htm?lang=en&rows=${ROWS}&pageSize=${ROWS}#feedback/all`;
const SLOW_MS = 1500;
// More than the first part can hold in a 1280 × 800 view (a row is at least 56 px
// there, see rowsThatCanBeInView in background.js: 15 rows), fewer than the list's head.
const SLOW_ITEMS = 30;
// Rows past this many are never in the first part at this view (15 rows at most).
const FIRST_PART_MOST = 20;

// In the page's own world: when each row was tagged, and how often its tag was set.
const TAG_LOG = `(() => {
  window.__tagLog = {};
  new MutationObserver((records) => {
    const at = performance.now();
    for (const r of records) {
      const id = r.target.getAttribute('data-trade-id');
      if (!id) continue;
      const entry = (window.__tagLog[id] ??= { at, sets: 0 });
      if (r.target.hasAttribute('data-xunpan-verdict')) entry.sets += 1;
    }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-xunpan-verdict'] });
})();`;

/**
 * The list's rows as drawn: their ids in order, those in the viewport, the tag log
 * (see TAG_LOG) and each row's count of chips (or notes), whatever parts its answer
 * came in.
 */
const rowsAsDrawn = (page) => page.evaluate(() => {
  const rows = [...document.querySelectorAll('a.inquiry-item[data-trade-id]')];
  return {
    order: rows.map((r) => r.getAttribute('data-trade-id')),
    inView: rows.filter((r) => {
      const box = r.getBoundingClientRect();
      return box.height > 0 && box.bottom > 0 && box.top < window.innerHeight;
    }).map((r) => r.getAttribute('data-trade-id')),
    log: window.__tagLog,
    chips: Object.fromEntries(rows.map((r) => [r.getAttribute('data-trade-id'), r.querySelectorAll('[data-xunpan-key]').length])),
  };
});

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

test('the rows in view are tagged before the rest of a long list is triaged, and every row once', async () => {
  // The engine slow on long batches; the rows the worker is asked for one by one, counted.
  await browser.worker.evaluate(({ slowMs, slowItems }) => {
    const stringify = JSON.stringify;
    globalThis.__xunpanStringify = stringify;
    JSON.stringify = function (value, ...rest) {
      // A batch of inquiries as the engine reads it (not the answers written after).
      if (Array.isArray(value) && value.length > slowItems && typeof value[0]?.body === 'string') {
        const until = Date.now() + slowMs;
        while (Date.now() < until) { /* a slow engine */ }
      }
      return stringify.call(this, value, ...rest);
    };
    globalThis.__xunpanAsked = [];
    chrome.runtime.onMessage.addListener((m) => {
      if (m?.type === 'xunpan/triage') globalThis.__xunpanAsked.push(...JSON.parse(m.itemsJson).map((i) => i.inquiry.id));
    });
  }, { slowMs: SLOW_MS, slowItems: SLOW_ITEMS });
  try {
    const page = await browser.context.newPage();
    const errors = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await page.addInitScript(TAG_LOG);
    await page.addInitScript(LIST_POSTS_PROBE);
    await page.goto(LIST);
    await page.waitForFunction((rows) => {
      const tagged = document.querySelectorAll('a.inquiry-item[data-trade-id][data-xunpan-verdict]').length;
      return tagged === rows;
    }, ROWS, { timeout: 60_000 });
    await page.waitForTimeout(500); // anything drawn twice would be drawn by now
    const { order, inView, log, chips } = await rowsAsDrawn(page);
    assert.equal(order.length, ROWS);
    assert.ok(inView.length >= 5 && inView.length <= FIRST_PART_MOST, `rows in view: ${inView.length}`);
    // Every row tagged once, with one chip.
    for (const id of order) {
      assert.equal(log[id]?.sets, 1, `row ${id} tagged once (${log[id]?.sets ?? 0})`);
      assert.equal(chips[id], 1, `row ${id} has one chip (${chips[id]})`);
    }
    // The rows in view first: the last of them tagged well before any row the first
    // part cannot hold (the head's rows past it wait for the slow batch).
    const lastInView = Math.max(...inView.map((id) => log[id].at));
    const later = order.slice(FIRST_PART_MOST);
    const firstLater = Math.min(...later.map((id) => log[id].at));
    assert.ok(
      firstLater - lastInView >= SLOW_MS / 2,
      `the rows in view tagged ${Math.round(firstLater - lastInView)} ms before the rest (at least ${SLOW_MS / 2} expected)`,
    );
    // Each inquiry went to the engine once.
    const asked = [...await browser.worker.evaluate(() => globalThis.__xunpanAsked), ...await listPosted(page)];
    assert.equal(asked.length, ROWS, `each inquiry asked once (${asked.length} asks for ${ROWS} rows)`);
    assert.equal(new Set(asked).size, ROWS);
    // The rows' height the content script measured is kept for the list's next load
    // (and a worker started again), beside the page answers in session storage.
    const drawnHeight = await page.evaluate(() => Math.round(document.querySelector('a.inquiry-item').getBoundingClientRect().height));
    const keptHeight = await browser.worker.evaluate(async () => {
      for (let i = 0; i < 40; i++) {
        const kept = (await chrome.storage.session.get('answers')).answers?.rowHeight;
        if (kept) return kept;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return null;
    });
    assert.equal(keptHeight, drawnHeight, 'the list\'s row height kept');
    assert.deepEqual(errors, []);
    await page.close();
  } finally {
    await browser.worker.evaluate(() => {
      if (globalThis.__xunpanStringify) JSON.stringify = globalThis.__xunpanStringify;
    });
  }
});

test('an error in the rest of a list loses nothing of its first part', async () => {
  // The rest's answers fail once as the worker writes them (an array of more than
  // SLOW_ITEMS answers): the page is told, keeps the first part drawn and asks for the
  // rows still unanswered, one batch.
  await browser.worker.evaluate(({ slowItems }) => {
    const stringify = globalThis.__xunpanStringify ?? JSON.stringify;
    globalThis.__xunpanStringify = stringify;
    let failed = false;
    JSON.stringify = function (value, ...rest) {
      if (!failed && Array.isArray(value) && value.length > slowItems && Array.isArray(value[0])) {
        failed = true;
        throw new Error('the rest failed on purpose');
      }
      return stringify.call(this, value, ...rest);
    };
    globalThis.__xunpanAsked = [];
  }, { slowItems: SLOW_ITEMS });
  try {
    const rows = 100;
    const page = await browser.context.newPage();
    const errors = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await page.addInitScript(TAG_LOG);
    await page.goto(`https://message.alibaba.com/message/default.htm?lang=en&rows=${rows}&pageSize=${rows}#feedback/all`);
    await page.waitForFunction((n) => document.querySelectorAll('a.inquiry-item[data-trade-id][data-xunpan-verdict]').length === n, rows, { timeout: 30_000 });
    await page.waitForTimeout(500);
    const { order, inView, log } = await rowsAsDrawn(page);
    for (const id of order) assert.equal(log[id]?.sets, 1, `row ${id} tagged once (${log[id]?.sets ?? 0})`);
    // The rows asked again one by one are the rest's: none of the first part's.
    const again = await browser.worker.evaluate(() => globalThis.__xunpanAsked);
    assert.ok(again.length > 0 && again.length < rows - inView.length + 1, `the rest asked again (${again.length} rows)`);
    assert.equal(new Set(again).size, again.length, 'each row asked again once');
    for (const id of inView) assert.ok(!again.includes(id), `row ${id} in view was answered in the first part`);
    // Every row is stored, the first part's with the rest's.
    const stored = await browser.worker.evaluate(async () => Object.keys((await chrome.storage.local.get('items')).items ?? {}));
    for (const id of order) assert.ok(stored.includes(`inquiry:${id}`), `row ${id} stored`);
    assert.deepEqual(errors, []);
    await page.close();
  } finally {
    await browser.worker.evaluate(() => {
      if (globalThis.__xunpanStringify) JSON.stringify = globalThis.__xunpanStringify;
    });
  }
});
