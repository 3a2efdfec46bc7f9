// Where the time goes between the page's own first frame with its rows and the tags on
// the rows in view, with the service worker running: a timeline per load, from marks.
//
//   node tests/bench/first-tags.mjs [dist ...]   (default: XUNPAN_DIST or dist/)
//
// Each build given is copied to a temporary directory and marked there (never in
// place): every content script gets a user-timing mark as it starts and as its top
// level ends, and a few steps are marked where their code is found (the list's first
// part heard by content-start.js, the setup answer taken by content.js, the first
// drawing of an answer; the list's post in page-data.js; in the worker, the list's
// port heard, its rows read, the engine and the kept readings ready, the first part
// triaged), a step whose code is not found is simply not marked. The
// page's own world notes the rows' insertion, the list's post, the end of the page's
// first frame with the rows (its first long animation frame after them), the first
// row tagged, every row in view tagged and the last row tagged. The builds take turns
// load by load (XUNPAN_FIRST_TAGS_LOADS each, 12 by default, after one warm-up load),
// on the unseen 500-row list and the unseen 100-row list; each step is printed as its
// p50 and p95 in ms from the end of the page's frame (negative: before it).
// A diagnosis, not a figure of the bench: the marks cost a little time themselves.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DIST, launch, serviceWorker, startDemo } from '../e2e/harness.mjs';
import { FRAMES_AND_TAGS } from './page-watch.mjs';

const LOADS = Number(process.env.XUNPAN_FIRST_TAGS_LOADS ?? 12);
const builds = (process.argv.length > 2 ? process.argv.slice(2) : [DIST]).map((d) => resolve(d));
const LISTS = {
  500: 'https://message.alibaba.com/message/default.htm?lang=en&rows=500&pageSize=500#feedback/all',
  100: 'https://message.alibaba.com/message/default.htm?lang=en&rows=100&pageSize=100#feedback/all',
};

// The steps marked inside the extension's files: [file, code found, mark, before or after it].
// Marks in the worker (background.js) are named `w:…` and put on the page's clock; of
// a step marked more than once in a load (the 500-row list's head, then its rest), the
// first is shown.
const STEPS = [
  ['page-data.js', 'window.postMessage({ source: SOURCE, kind, json, ...extra }, location.origin);', 'list-post', 'before'],
  ['content-start.js', "if (ev.source !== window || ev.data?.source !== 'xunpan-page-data') return;", 'post-heard', 'after'],
  ['content-start.js', 'port.postMessage({ type: TYPES.TRIAGE_LIST', 'list-asked', 'before'],
  ['content-start.js', 'json: data.json, ...(view ? { view } : {}) });', 'list-sent', 'after'],
  ['content-start.js', 'if (onPart) onPart(part.answersJson);', 'part-heard', 'before'],
  ['background.js', "markStart('listIn');", 'w:list-in', 'before'],
  ['background.js', 'const items = listItems(msg.page, msg.kind, msg.json);', 'w:list-read', 'after'],
  ['background.js', 'const eng = await building;', 'w:engine', 'after'],
  ['background.js', 'const read = await completing;', 'w:kept-readings', 'after'],
  ['background.js', 'post({ answersJson: rowAnswersJson(head, headResults)', 'w:head-triaged', 'before'],
  ['background.js', "markStart('triageEnd');\n  postInParts(read, results, 0, post);", 'w:all-triaged', 'before'],
  ['content.js', 'overrides = answer.overrides ?? {};', 'setup-in', 'before'],
  ['content.js', 'function drawAnswered() {', 'draw-answered', 'after'],
  ['content.js', 'function drawFirstPart() {', 'draw-first-part', 'after'],
];

/** A copy of `dist` with the marks in its content scripts. */
function marked(dist) {
  const dir = mkdtempSync(join(tmpdir(), 'xunpan-first-tags-'));
  cpSync(dist, dir, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  const files = manifest.content_scripts.filter((c) => c.world !== 'MAIN').flatMap((c) => c.js);
  const others = [...manifest.content_scripts.filter((c) => c.world === 'MAIN').flatMap((c) => c.js), 'background.js'];
  const mark = (file, text) => {
    for (const [f, code, name, where] of STEPS) {
      if (f !== file || !text.includes(code)) continue;
      const mark = `performance.mark('xp:${name}');`;
      text = text.replace(code, where === 'before' ? `${mark} ${code}` : `${code} ${mark}`);
    }
    return text;
  };
  for (const file of new Set(files)) {
    const text = mark(file, readFileSync(join(dir, file), 'utf8'));
    writeFileSync(join(dir, file), `performance.mark('xp:${file}:start');\n${text}\nperformance.mark('xp:${file}:end');\n`);
  }
  // The page's own world and the worker: the steps only (a MAIN-world file's start is
  // the page's).
  for (const file of new Set(others)) writeFileSync(join(dir, file), mark(file, readFileSync(join(dir, file), 'utf8')));
  return { dir, order: manifest.content_scripts.map((c) => `${c.run_at}: ${c.js.join(' ')}`) };
}

// In the page's own world: the rows, the list's post, the frames and the tags.
const WATCH = `(() => {${FRAMES_AND_TAGS}
  window.addEventListener('message', (ev) => {
    if (!window.__dataAt && ev.data?.source === 'xunpan-page-data' && /^feedbackList/.test(ev.data.kind)) window.__dataAt = performance.now();
  });
})();`;

/** One load's steps, ms from the end of the page's first frame with the rows. */
async function timeline(context, url, rows) {
  const page = await context.newPage();
  await page.addInitScript(WATCH);
  await page.goto(url);
  await page.waitForFunction((n) => window.__tags?.length >= n, rows, { timeout: 60_000 });
  await page.waitForTimeout(100);
  const t = await page.evaluate(() => {
    const rowsAt = window.__demoRenderedAt;
    const { frame, inView } = window.__rowsSeen(rowsAt);
    const nav = performance.getEntriesByType('navigation')[0];
    const steps = {
      'rows in': rowsAt,
      'page frame starts': frame?.start ?? null,
      'list posted': window.__dataAt ?? null,
      'DOMContentLoaded': nav?.domContentLoadedEventStart ?? null,
      'load event': nav?.loadEventStart ?? null,
      'first row tagged': window.__tags[0]?.[1] ?? null,
      'rows in view tagged': inView.every((x) => x !== undefined) ? Math.max(...inView) : null,
      'last row tagged': window.__tags.at(-1)?.[1] ?? null,
    };
    for (const m of performance.getEntriesByType('mark')) if (m.name.startsWith('xp:') && !(m.name.slice(3) in steps)) steps[m.name.slice(3)] = m.startTime;
    return { frameEnd: frame ? frame.end : null, steps, origin: performance.timeOrigin };
  });
  await page.close();
  // The worker's marks of this load, on the page's clock.
  const worker = await serviceWorker(context);
  const marks = await worker.evaluate(() => {
    const found = performance.getEntriesByType('mark').filter((m) => m.name.startsWith('xp:w:')).map((m) => [m.name.slice(3), performance.timeOrigin + m.startTime]);
    performance.clearMarks();
    return found;
  });
  for (const [name, at] of marks) if (!(name in t.steps)) t.steps[name] = at - t.origin;
  if (t.frameEnd === null) return null;
  return Object.fromEntries(Object.entries(t.steps).filter(([, v]) => v !== null).map(([k, v]) => [k, v - t.frameEnd]));
}

const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

const demo = await startDemo();
const runs = builds.map((dist) => ({ dist, ...marked(dist), loads: { 500: [], 100: [] } }));
try {
  for (const run of runs) run.browser = await launch(demo.port, { dist: run.dir });
  for (const rows of [500, 100]) {
    for (const run of runs) await timeline(run.browser.context, LISTS[rows], rows);
    for (let n = 0; n < LOADS; n++) {
      for (const run of runs) run.loads[rows].push(await timeline(run.browser.context, LISTS[rows], rows));
    }
  }
} finally {
  for (const run of runs) await run.browser?.close();
  await demo.close();
  for (const run of runs) rmSync(run.dir, { recursive: true, force: true });
}

for (const run of runs) {
  console.log(`=== ${run.dist}\n    ${run.order.join('\n    ')}`);
  for (const rows of [500, 100]) {
    const loads = run.loads[rows].filter(Boolean);
    console.log(`--- ${rows}-row list, ${loads.length} loads: ms from the end of the page's frame, min / p50 / p95; then the p50 of each load's time since the step above`);
    const names = [...new Set(loads.flatMap((l) => Object.keys(l)))];
    const p50 = (name) => percentile(loads.map((l) => l[name]).filter((x) => x !== undefined), 50);
    names.sort((a, b) => p50(a) - p50(b));
    names.forEach((name, n) => {
      const xs = loads.map((l) => l[name]).filter((x) => x !== undefined);
      const gaps = n ? loads.filter((l) => l[name] !== undefined && l[names[n - 1]] !== undefined).map((l) => l[name] - l[names[n - 1]]) : [];
      const gap = gaps.length ? `+${percentile(gaps, 50).toFixed(1)}` : '';
      console.log(`${name.padEnd(34)} ${Math.min(...xs).toFixed(1).padStart(8)} ${percentile(xs, 50).toFixed(1).padStart(8)} ${percentile(xs, 95).toFixed(1).padStart(8)} ${gap.padStart(8)}  (${xs.length})`);
    });
  }
}
