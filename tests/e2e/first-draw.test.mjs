// The first tags on a list come to the rows in view, in a task of their own, before
// the rest of the content script's start: the answers kept from the address's last
// load (matched against the list's rows and drawn from) and the rest of the list's
// rows come in the tasks after. A list seen before, its kept answers matching, used to
// get its first 100 rows tagged in one task at the start, before the rows in view
// were told apart from the others.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, startDemo, waitAllRowsTagged } from './harness.mjs';

const ROWS = 500;
// A fixed clock: every load of this address shows the same inbox (a list seen before).
const SEEN = `https://message.alibaba.com/message/default.htm?lang=en&rows=${ROWS}&pageSize=${ROWS}&now=${Date.parse('2026-11-23T02:00:00Z')}#feedback/all`;
// The demo's own clock: each load shows an inbox not seen before at the same address.
const UNSEEN = `https://message.alibaba.com/message/default.htm?lang=en&rows=${ROWS}&pageSize=${ROWS}#feedback/all`;

// In the page's own world: the rows tagged, batch by batch (one batch: what one task of
// the content script tagged), and how often each row's tag was set.
const BATCHES = `(() => {
  window.__batches = [];
  window.__sets = {};
  new MutationObserver((records) => {
    const batch = [];
    for (const r of records) {
      const id = r.target.getAttribute('data-trade-id');
      if (!id || !r.target.hasAttribute('data-xunpan-verdict')) continue;
      window.__sets[id] = (window.__sets[id] ?? 0) + 1;
      if (window.__sets[id] === 1) batch.push(id);
    }
    if (batch.length) window.__batches.push(batch);
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-xunpan-verdict'] });
})();`;

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

/** Opens `url` with the batch probe; resolves to the batches, the rows in view and the chips per row. */
async function load(url) {
  const page = await browser.context.newPage();
  await page.addInitScript(BATCHES);
  await page.goto(url);
  await waitAllRowsTagged(page);
  // A row's tag set again after its first would show in the counts: give it time.
  await page.waitForTimeout(300);
  const seen = await page.evaluate(() => {
    const rows = [...document.querySelectorAll('a.inquiry-item[data-trade-id]')];
    return {
      batches: window.__batches,
      sets: window.__sets,
      inView: rows.filter((r) => {
        const box = r.getBoundingClientRect();
        return box.height > 0 && box.bottom >= 0 && box.top <= window.innerHeight;
      }).map((r) => r.getAttribute('data-trade-id')),
      chips: rows.map((r) => r.querySelectorAll('[data-xunpan-key]').length),
    };
  });
  await page.close();
  return seen;
}

/** The first batch is the rows in view, all of them and no other; every row tagged once, with one chip. */
function assertViewFirst(seen, what) {
  assert.ok(seen.inView.length >= 5, `${what}: rows in view at 1280 × 800 (${seen.inView.length})`);
  const [first] = seen.batches;
  assert.deepEqual([...first].sort(), [...seen.inView].sort(),
    `${what}: the first task tags the rows in view and no other (${first.length} rows tagged in it, ${seen.inView.length} in view)`);
  assert.equal(Object.keys(seen.sets).length, ROWS, `${what}: every row tagged`);
  assert.deepEqual(Object.entries(seen.sets).filter(([, n]) => n !== 1), [], `${what}: every row tagged once`);
  assert.ok(seen.chips.every((n) => n === 1), `${what}: one chip a row`);
}

test('a list seen before: its rows in view are tagged first, before the answers kept for the rest', async () => {
  await load(SEEN); // tagged once: its answers are kept for the address
  for (let n = 0; n < 3; n++) assertViewFirst(await load(SEEN), `seen before, load ${n + 1}`);
});

test('a list not seen before at an address seen before: its rows in view are tagged first', async () => {
  await load(UNSEEN);
  for (let n = 0; n < 3; n++) assertViewFirst(await load(UNSEEN), `not seen before, load ${n + 1}`);
});
