// The floor: what an extension that does nothing costs the seller's page, and how soon
// after the page's own first frame with its rows the browser runs any script injected
// at document_idle. Measured beside the real build, load for load, so the figures of
// tests/bench/page.mjs can be read against what no drawing path at document_idle can
// beat on this machine.
//
//   node tests/bench/floor.mjs [dist]   (default: XUNPAN_DIST or dist/)
//
// Three browsers take turns load by load (their order turned round each round), on the
// demo's unseen 500-row and 100-row lists (XUNPAN_FLOOR_LOADS each, 16 by default, after
// one warm-up load):
// - A: no extension;
// - B: the build's manifest with every content script (MAIN world included) replaced by
//   a file of the same name that only sets a user-timing mark, one more such file at
//   document_end (when a drawing path there could start), and a service worker that
//   listens to messages and ports and answers nothing: what the browser itself costs
//   to inject the extension's scripts, and when it runs them;
// - C: the build itself, its content scripts marked the same way in a copy (a mark as
//   each file starts; the page's own world sees the isolated world's marks);
// - with XUNPAN_FLOOR_SILENT=1, also D: C's content scripts beside B's silent worker
//   (nothing is triaged and nothing drawn): D−B is what the content scripts cost the
//   page, C−D what the worker's answers and the drawing add (its triage shares the
//   machine's CPUs with the page while the page lays its rows out).
// Per list, p50 / p95 in ms:
// - rows' delay and frame delay, B−A and C−A: how much later the page's rows go in
//   (window.__demoRenderedAt, from navigation) and the end of its first frame with them
//   (its first long animation frame whose rendering starts after the rows) end, p50 of
//   each browser's loads, as page.mjs's page_500_rows_delay_ms / _frame_delay_ms;
// - for B and C, from the end of that frame: DOMContentLoaded, the first document_start
//   script (page world, isolated world), B's document_end script, the first
//   document_idle script; for C, every row in the
//   viewport tagged (as page.mjs's page_500_visible_after_frame_ms) and the last row;
// - from the rows' insertion: B's document_end script, the first document_idle script
//   (B and C) and the last row
//   tagged (C; page.mjs's page_100_unseen_tag_ms on the 100-row list).
// A page whose frame with the rows is shorter than 50 ms has no long animation frame:
// such loads are counted ("frames seen") and left out of the figures from the frame.
// Prints a table per list and one JSON object as the last line.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DIST, launch, startDemo } from '../e2e/harness.mjs';
import { FRAMES_AND_TAGS } from './page-watch.mjs';

const LOADS = Number(process.env.XUNPAN_FLOOR_LOADS ?? 16);
const dist = resolve(process.argv[2] ?? DIST);
const LISTS = {
  500: 'https://message.alibaba.com/message/default.htm?lang=en&rows=500&pageSize=500#feedback/all',
  100: 'https://message.alibaba.com/message/default.htm?lang=en&rows=100&pageSize=100#feedback/all',
};

// A service worker that takes every message and port and answers nothing.
const SILENT_WORKER = `const api = globalThis.browser ?? globalThis.chrome;
api.runtime.onMessage.addListener(() => undefined);
api.runtime.onConnect.addListener(() => undefined);
`;
const markOf = (file, runAt, world) => `performance.mark(${JSON.stringify(`xp:${runAt}:${world}:${file}`)});`;

/** B: the manifest kept, every content script a mark, a worker that answers nothing. */
function nullBuild() {
  const dir = mkdtempSync(join(tmpdir(), 'xunpan-floor-null-'));
  cpSync(dist, dir, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  for (const c of manifest.content_scripts) {
    for (const file of c.js) writeFileSync(join(dir, file), `${markOf(file, c.run_at, c.world ?? 'ISOLATED')}\n`);
  }
  // And one script at document_end, which the build has not: when a drawing path there
  // could start.
  manifest.content_scripts.push({ ...manifest.content_scripts.at(-1), js: ['floor-end.js'], run_at: 'document_end', world: undefined });
  writeFileSync(join(dir, 'floor-end.js'), `${markOf('floor-end.js', 'document_end', 'ISOLATED')}\n`);
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  writeFileSync(join(dir, 'background.js'), SILENT_WORKER);
  return dir;
}

/**
 * C: a copy of the build, each content script marked as it starts; with
 * `silentWorker`, D: the same content scripts beside a worker that answers nothing.
 */
function markedBuild({ silentWorker = false } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'xunpan-floor-real-'));
  cpSync(dist, dir, { recursive: true });
  if (silentWorker) writeFileSync(join(dir, 'background.js'), SILENT_WORKER);
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  for (const c of manifest.content_scripts) {
    for (const file of c.js) writeFileSync(join(dir, file), `${markOf(file, c.run_at, c.world ?? 'ISOLATED')}\n${readFileSync(join(dir, file), 'utf8')}`);
  }
  return dir;
}

// In the page's own world: the rows' insertion, the page's long animation frames, the
// tags, and (for loads without a long frame) the first animation frame after the rows.
const WATCH = `(() => {${FRAMES_AND_TAGS}})();`;

/** One load: its times from navigation (ms), null where unknown. */
async function load(context, url, rows, tagged) {
  const page = await context.newPage();
  await page.addInitScript(WATCH);
  await page.goto(url);
  await page.waitForFunction(([n, all]) => document.readyState === 'complete' && window.__demoRenderedAt &&
    (!all || window.__tags.length >= n), [rows, tagged], { timeout: 60_000 });
  await page.waitForTimeout(150);
  const t = await page.evaluate(() => {
    const rowsAt = window.__demoRenderedAt;
    const { frame, inView } = window.__rowsSeen(rowsAt);
    const marks = performance.getEntriesByType('mark').filter((m) => m.name.startsWith('xp:'));
    const first = (prefix) => marks.find((m) => m.name.startsWith(prefix))?.startTime ?? null;
    const nav = performance.getEntriesByType('navigation')[0];
    return {
      rowsAt,
      frameEnd: frame ? frame.end : null,
      dcl: nav?.domContentLoadedEventStart ?? null,
      startIsolated: first('xp:document_start:ISOLATED:'),
      startMain: first('xp:document_start:MAIN:'),
      end: first('xp:document_end:'),
      idle: first('xp:document_idle:'),
      inView: inView.length && inView.every((x) => x !== undefined) ? Math.max(...inView) : null,
      last: window.__tags.at(-1)?.[1] ?? null,
    };
  });
  await page.close();
  return t;
}

const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : null;
};
const r1 = (x) => (x === null ? null : Number(x.toFixed(1)));
const loadavg = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

const demo = await startDemo();
const SILENT = process.env.XUNPAN_FLOOR_SILENT === '1';
const dirs = { B: nullBuild(), C: markedBuild(), ...(SILENT ? { D: markedBuild({ silentWorker: true }) } : {}) };
const builds = [
  { name: 'A', what: 'no extension', options: { extension: false } },
  { name: 'B', what: 'the manifest, scripts that only mark, a silent worker', options: { dist: dirs.B } },
  { name: 'C', what: `the build (${dist})`, options: { dist: dirs.C } },
  ...(SILENT ? [{ name: 'D', what: 'the build\'s content scripts, a silent worker', options: { dist: dirs.D } }] : []),
];
const figures = { floor_loads: LOADS, load_at_start: loadavg() };
try {
  for (const b of builds) b.browser = await launch(demo.port, b.options);
  for (const rows of [500, 100]) {
    for (const b of builds) {
      await load(b.browser.context, LISTS[rows], rows, b.name === 'C');
      b.loads = [];
    }
    for (let n = 0; n < LOADS; n++) {
      const order = [...builds.slice(n % builds.length), ...builds.slice(0, n % builds.length)];
      for (const b of order) b.loads.push(await load(b.browser.context, LISTS[rows], rows, b.name === 'C'));
    }
    figures[`load_after_${rows}`] = loadavg();
    const p50 = (b, field) => percentile(b.loads.map((l) => l[field]).filter((x) => x !== null), 50);
    const [A, ...others] = builds;
    const out = [];
    const put = (key, what, value) => {
      figures[`floor_${rows}_${key}`] = r1(value);
      out.push([what, r1(value)]);
    };
    for (const X of others) {
      put(`${X.name}_rows_delay_ms`, `${X.name}−A: the page's rows go in later, p50`, p50(X, 'rowsAt') - p50(A, 'rowsAt'));
      put(`${X.name}_frame_delay_ms`, `${X.name}−A: its first frame with them ends later, p50`, p50(X, 'frameEnd') - p50(A, 'frameEnd'));
    }
    for (const X of builds) out.push([`${X.name}: frames seen (a long animation frame after the rows)`, `${X.loads.filter((l) => l.frameEnd !== null).length}/${X.loads.length}`]);
    const steps = [
      ['dcl', 'DOMContentLoaded'],
      ['startMain', 'the first document_start script (page world)'],
      ['startIsolated', 'the first document_start script (isolated)'],
      ['end', 'a document_end script (B only: the build has none)'],
      ['idle', 'the first document_idle script'],
      ['inView', 'every row in view tagged'],
      ['last', 'the last row tagged'],
    ];
    for (const X of others) {
      for (const [field, what] of steps) {
        const after = (base) => X.loads.filter((l) => l[field] !== null && l[base] !== null).map((l) => l[field] - l[base]);
        const fromFrame = after('frameEnd');
        if (fromFrame.length) {
          put(`${X.name}_${field}_after_frame_ms_p50`, `${X.name}: ${what}, after the frame, p50`, percentile(fromFrame, 50));
          put(`${X.name}_${field}_after_frame_ms_p95`, `${X.name}: ${what}, after the frame, p95`, percentile(fromFrame, 95));
        }
        if (field === 'idle' || (field === 'end' && X.name === 'B') || (field === 'last' && X.name === 'C')) {
          const fromRows = after('rowsAt');
          put(`${X.name}_${field}_after_rows_ms_p50`, `${X.name}: ${what}, after the rows, p50`, percentile(fromRows, 50));
          put(`${X.name}_${field}_after_rows_ms_p95`, `${X.name}: ${what}, after the rows, p95`, percentile(fromRows, 95));
        }
      }
    }
    console.log(`--- ${rows}-row list, ${LOADS} loads each, load ${figures.load_at_start} → ${figures[`load_after_${rows}`]}`);
    for (const b of builds) console.log(`    ${b.name}: ${b.what}; rows in at p50 ${r1(p50(b, 'rowsAt'))}, frame ends at ${r1(p50(b, 'frameEnd'))} ms from navigation`);
    for (const [what, value] of out) console.log(`${what.padEnd(62)} ${String(value).padStart(8)}`);
  }
} finally {
  for (const b of builds) await b.browser?.close();
  await demo.close();
  for (const dir of Object.values(dirs)) rmSync(dir, { recursive: true, force: true });
}
console.log(JSON.stringify(figures));
