// What delays the page's own rows: several builds of the extension (a build and its
// control copies, say with one group of content scripts emptied) and the page without
// any extension, load for load in one run of headless Chromium, each load of the
// 500-row list timed from the navigation to the page's rows going in
// (window.__demoRenderedAt) and to the end of its first frame with them (its first
// long animation frame after them). A build need not tag anything: each load waits
// for the rows, then for the tags or XUNPAN_ROWS_SETTLE_MS (default 1500), whichever
// comes first, so the next load starts on a quiet machine.
//
//   XUNPAN_ROWS_BUILDS=name=dir,name=dir,... node tests/bench/rows.mjs
//
// XUNPAN_ROWS_RUNS loads per build (default 12, after one warm-up load each); the
// order of the builds turns by one every load, so none is always first after the page
// alone. Prints, per build, the p50 of both moments and their delay against the page
// alone (p50 minus p50, as page.mjs's page_500_rows_delay_ms and
// page_500_frame_delay_ms), then one JSON object as the last line.
import { startDemo, launch } from '../e2e/harness.mjs';

const RUNS = Number(process.env.XUNPAN_ROWS_RUNS ?? 12);
const SETTLE_MS = Number(process.env.XUNPAN_ROWS_SETTLE_MS ?? 1500);
const url = process.env.XUNPAN_ROWS_URL ?? 'https://message.alibaba.com/message/default.htm?lang=en&rows=500&pageSize=500#feedback/all';
const BUILDS = (process.env.XUNPAN_ROWS_BUILDS ?? '').split(',').filter(Boolean).map((pair) => {
  const at = pair.indexOf('=');
  if (at < 1) throw new Error(`XUNPAN_ROWS_BUILDS: "${pair}" is not name=dir (a built extension's directory)`);
  return { name: pair.slice(0, at), dist: pair.slice(at + 1) };
});
if (!BUILDS.length) throw new Error('set XUNPAN_ROWS_BUILDS=name=dir,... (built extensions to measure against the page alone)');

// In the page's own world: its long animation frames and the tags as they come.
const WATCH = `(() => {
  window.__frames = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__frames.push({ end: e.startTime + e.duration, renderStart: e.renderStart });
    }).observe({ type: 'long-animation-frame', buffered: true });
  } catch {}
  new MutationObserver(() => {
    if (window.__demoRenderedAt && !window.__allTagged) {
      const rows = document.querySelectorAll('[data-trade-id]');
      if (rows.length && document.querySelectorAll('[data-trade-id][data-xunpan-verdict]').length === rows.length) window.__allTagged = performance.now();
    }
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-xunpan-verdict'] });
})();`;

async function load(context) {
  const page = await context.newPage();
  await page.addInitScript(WATCH);
  await page.goto(url);
  await page.waitForFunction(() => window.__demoRenderedAt, null, { timeout: 30_000 });
  await page.waitForFunction(() => window.__allTagged, null, { timeout: SETTLE_MS }).catch(() => {});
  const at = await page.evaluate(() => ({
    rows: window.__demoRenderedAt,
    frame: window.__frames.find((f) => f.renderStart > 0 && f.renderStart >= window.__demoRenderedAt)?.end ?? null,
  }));
  await page.close();
  return at;
}

const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const r1 = (x) => (x === null ? null : Number(x.toFixed(1)));
const p50 = (xs) => (xs.length ? percentile(xs, 50) : null);

const demo = await startDemo();
const figures = {};
try {
  const all = [{ name: 'bare', dist: null }, ...BUILDS];
  for (const b of all) {
    b.browser = await launch(demo.port, b.dist ? { dist: b.dist } : { extension: false });
    b.rows = [];
    b.frames = [];
    await load(b.browser.context);
  }
  try {
    for (let run = 0; run < RUNS; run++) {
      for (let k = 0; k < all.length; k++) {
        const b = all[(run + k) % all.length];
        const at = await load(b.browser.context);
        b.rows.push(at.rows);
        if (at.frame !== null) b.frames.push(at.frame);
      }
    }
  } finally {
    for (const b of all) await b.browser.close();
  }
  const [bare] = all;
  console.log(`${'build'.padEnd(16)} ${'rows at'.padStart(8)} ${'delay'.padStart(7)} ${'frame at'.padStart(9)} ${'delay'.padStart(7)}   rows' delay, each load`);
  for (const b of all) {
    const rowsDelay = b === bare ? 0 : p50(b.rows) - p50(bare.rows);
    const frameDelay = b === bare || !b.frames.length ? 0 : p50(b.frames) - p50(bare.frames);
    figures[b.name] = { rows_at_p50: r1(p50(b.rows)), rows_delay: r1(rowsDelay), frame_at_p50: r1(p50(b.frames)), frame_delay: r1(frameDelay), loads: b.rows.length };
    console.log(`${b.name.padEnd(16)} ${p50(b.rows).toFixed(1).padStart(8)} ${rowsDelay.toFixed(1).padStart(7)} ${(p50(b.frames) ?? NaN).toFixed(1).padStart(9)} ${frameDelay.toFixed(1).padStart(7)}   ${b.rows.map((x) => x.toFixed(0)).join(' ')}`);
  }
} finally {
  await demo.close();
}
console.log(JSON.stringify(figures));
