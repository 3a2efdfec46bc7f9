// A Chrome trace of one list load, summarised: the page's main thread task by task,
// from the navigation to a while after the rows, with what ran in each (our scripts,
// the page's, layout, garbage collection), so a page figure that misses its target
// says which task stands in the way.
//
//   node tests/bench/trace.mjs [url]        (XUNPAN_DIST: the built extension)
//
// XUNPAN_TRACE_LOADS (default 3) loads are traced after one warm-up load; each prints
// its tasks from the navigation to XUNPAN_TRACE_AFTER_MS (default 400) after the rows
// went in, times from the rows' insertion (negative: before it). XUNPAN_TRACE_BARE=1
// traces the page without the extension instead; XUNPAN_TRACE_SAVE=<file> writes the
// last load's raw trace (open it in DevTools' Performance panel).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { startDemo, launch } from '../e2e/harness.mjs';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');

const url = process.argv[2] ?? 'https://message.alibaba.com/message/default.htm?lang=en&rows=500&pageSize=500#feedback/all';
const LOADS = Number(process.env.XUNPAN_TRACE_LOADS ?? 3);
const AFTER_MS = Number(process.env.XUNPAN_TRACE_AFTER_MS ?? 400);
const BARE = process.env.XUNPAN_TRACE_BARE === '1';
const MAX_DEPTH = Number(process.env.XUNPAN_TRACE_DEPTH ?? 3);
const CATEGORIES = [
  'toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'v8',
  'blink.user_timing', 'loading', 'blink', 'disabled-by-default-devtools.timeline.frame', 'scheduler',
  ...(process.env.XUNPAN_TRACE_PROFILE === '1' ? ['disabled-by-default-v8.cpu_profiler', 'disabled-by-default-v8.cpu_profiler.hires'] : []),
].join(',');

// In the page: the rows' insertion and the first tag, as user-timing marks in the trace.
const MARKS = `(() => {
  let rows = false;
  new MutationObserver(() => {
    if (!rows && window.__demoRenderedAt) { rows = true; performance.mark('rows-in'); }
    if (!window.__firstTag && document.querySelector('[data-trade-id][data-xunpan-verdict]')) {
      window.__firstTag = performance.now();
      performance.mark('first-tag');
    }
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-xunpan-verdict'] });
})();`;

async function traced(browserCdp, page) {
  const events = [];
  const onData = (e) => events.push(...e.value);
  browserCdp.on('Tracing.dataCollected', onData);
  await browserCdp.send('Tracing.start', { categories: CATEGORIES, transferMode: 'ReportEvents' });
  await page.goto(url);
  await page.waitForFunction(() => window.__demoRenderedAt, null, { timeout: 30_000 });
  await page.waitForTimeout(AFTER_MS + 200);
  const done = new Promise((resolve) => browserCdp.once('Tracing.tracingComplete', resolve));
  await browserCdp.send('Tracing.end');
  await done;
  browserCdp.off('Tracing.dataCollected', onData);
  return events;
}

const short = (u) => (u ? u.replace(/^chrome-extension:\/\/[a-z]+\//, 'ext:').replace(/^https:\/\/[^/]+/, '').replace(/\?.*/, '') : '');

/**
 * The JavaScript samples of thread `pid`/`tid` (XUNPAN_TRACE_PROFILE=1): each with its
 * time and its stack (innermost first) as "function file:line" names.
 */
function samplesOf(events, pid, tid) {
  // Profile ids are per process.
  const profiles = new Set(events.filter((e) => e.name === 'Profile' && e.pid === pid && e.tid === tid).map((e) => e.id));
  events = events.filter((e) => e.pid === pid);
  const nodes = new Map();
  const out = [];
  const starts = new Map(events.filter((e) => e.name === 'Profile' && profiles.has(e.id)).map((e) => [e.id, e.args.data.startTime]));
  const clock = new Map();
  for (const e of events) {
    if (e.name !== 'ProfileChunk' || !profiles.has(e.id)) continue;
    const data = e.args.data;
    for (const n of data.cpuProfile?.nodes ?? []) nodes.set(n.id, n);
    let t = clock.get(e.id) ?? starts.get(e.id);
    const deltas = data.timeDeltas ?? [];
    (data.cpuProfile?.samples ?? []).forEach((id, k) => {
      t += deltas[k] ?? 0;
      out.push({ ts: t, id });
    });
    clock.set(e.id, t);
  }
  const stackOf = (id) => {
    const stack = [];
    for (let n = nodes.get(id); n; n = nodes.get(n.parent)) {
      const f = n.callFrame;
      stack.push(`${f.functionName || '(anon)'} ${short(f.url)}:${f.lineNumber + 1}`);
    }
    return stack;
  };
  return out.map((s) => ({ ts: s.ts, stack: stackOf(s.id) }));
}

/** The page's main thread, task by task, around the rows' insertion. */
function summarise(events) {
  const mark = (name) => events.find((e) => e.name === name && e.cat.includes('blink.user_timing'));
  const rowsMark = mark('rows-in');
  if (!rowsMark) return console.log('  (no rows-in mark in the trace)');
  const { pid, tid } = rowsMark;
  const t0 = rowsMark.ts;
  const firstTag = mark('first-tag');
  const nav = events.find((e) => e.pid === pid && e.name === 'navigationStart') ?? events.find((e) => e.pid === pid && e.name === 'CommitLoad');
  const thread = events.filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X').sort((a, b) => a.ts - b.ts);
  const from = nav ? nav.ts : t0 - 500_000;
  const samples = samplesOf(events, pid, tid);
  const to = t0 + AFTER_MS * 1000;
  // The scheduler's tasks (a task nested in another is shown within it).
  const runs = thread.filter((e) => (e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask') && e.ts >= from && e.ts <= to);
  const tasks = runs.filter((t) => !runs.some((o) => o !== t && o.ts <= t.ts && o.ts + o.dur >= t.ts + t.dur && (o.ts < t.ts || o.dur > t.dur || runs.indexOf(o) < runs.indexOf(t))));
  console.log(`  navigation at ${nav ? ((nav.ts - t0) / 1000).toFixed(1) : '?'} ms; first tag at ${firstTag ? ((firstTag.ts - t0) / 1000).toFixed(1) : '-'} ms`);
  // Our scripts' own time on the page's main thread (runs, calls and compiles of the
  // extension's files, each counted once: not where nested in another of ours), before
  // the rows went in and from then to the end of the window: a count that load moves
  // less than the wall-clock figures.
  const oursEvents = thread.filter((e) => ['EvaluateScript', 'FunctionCall', 'v8.compile'].includes(e.name) && /^chrome-extension:/.test(e.args?.data?.url ?? e.args?.fileName ?? '') && e.ts >= from && e.ts <= to);
  const outer = oursEvents.filter((e) => !oursEvents.some((o) => o !== e && o.ts <= e.ts && o.ts + o.dur >= e.ts + e.dur && (o.ts < e.ts || o.dur > e.dur || oursEvents.indexOf(o) < oursEvents.indexOf(e))));
  const sum = (xs) => xs.reduce((n, e) => n + e.dur, 0) / 1000;
  const before = outer.filter((e) => e.ts < t0);
  const byFile = new Map();
  for (const e of before) {
    const file = short(e.args?.data?.url ?? e.args?.fileName).replace(/^ext:/, '');
    byFile.set(file, (byFile.get(file) ?? 0) + e.dur / 1000);
  }
  console.log(`  ours: ${sum(before).toFixed(1)} ms before the rows (${[...byFile].map(([f, d]) => `${f} ${d.toFixed(1)}`).join(', ')}), ${sum(outer.filter((e) => e.ts >= t0)).toFixed(1)} ms after`);
  // The page's main thread from the navigation to the rows: its tasks' wall time against
  // their thread (CPU) time. Wall time well above CPU time is a thread waiting for a CPU
  // (other processes' work on a machine of 2 CPUs), not work of its own.
  const tasksBefore = runs.filter((t) => t.ts < t0 && !runs.some((o) => o !== t && o.ts <= t.ts && o.ts + o.dur >= t.ts + t.dur && (o.ts < t.ts || o.dur > t.dur || runs.indexOf(o) < runs.indexOf(t))));
  const cpuKnown = tasksBefore.every((t) => typeof t.tdur === 'number');
  console.log(`  main thread before the rows: ${tasksBefore.length} tasks, ${sum(tasksBefore).toFixed(1)} ms wall, ${cpuKnown ? `${(tasksBefore.reduce((n, t) => n + t.tdur, 0) / 1000).toFixed(1)} ms CPU` : 'CPU time not traced'}; the rows at ${nav ? ((t0 - nav.ts) / 1000).toFixed(1) : '?'} ms from the navigation`);
  const KINDS = new Set(['EvaluateScript', 'FunctionCall', 'v8.compile', 'Layout', 'UpdateLayoutTree', 'Paint', 'PrePaint', 'Layerize', 'ParseHTML', 'MinorGC', 'MajorGC', 'HitTest', 'IntersectionObserverController::computeIntersections', 'TimerFire', 'FireAnimationFrame', 'EventDispatch', 'RunMicrotasks', 'v8.callFunction', 'UserTiming', 'ParseAuthorStyleSheet', 'ScheduleStyleRecalculation', 'V8.GC_SCAVENGER']);
  for (const task of tasks) {
    const dur = task.dur / 1000;
    const end = task.ts + task.dur;
    const inside = thread.filter((e) => e !== task && KINDS.has(e.name) && e.ts >= task.ts && e.ts + (e.dur ?? 0) <= end);
    // Each event named by its innermost interesting parent chain: "outer > inner".
    const label = (e) => {
      const data = e.args?.data ?? {};
      if (e.name === 'EvaluateScript') return `run ${short(data.url)}`;
      if (e.name === 'FunctionCall') return `call ${short(data.url)}${data.functionName ? `:${data.functionName}` : ''}`;
      if (e.name === 'v8.compile') return `compile ${short(data.url ?? e.args?.fileName)}`;
      return e.name;
    };
    // The interesting events as a tree (depth by nesting), the small ones left out.
    const depthOf = (e) => inside.filter((o) => o !== e && o.ts <= e.ts && o.ts + o.dur >= e.ts + e.dur && (o.ts < e.ts || o.dur > e.dur || inside.indexOf(o) < inside.indexOf(e))).length;
    const shown = inside.filter((e) => (e.dur ?? 0) >= 500).map((e) => ({ e, depth: depthOf(e) })).filter(({ depth }) => depth < MAX_DEPTH);
    const ours = inside.some((e) => label(e).includes('ext:'));
    if (dur < 1 && !ours) continue;
    const top = shown.map(({ e, depth }) => `${'    '.repeat(depth + 1)}${label(e)} ${((e.ts - t0) / 1000).toFixed(1)} +${(e.dur / 1000).toFixed(1)}`).join('\n');
    console.log(`  task ${((task.ts - t0) / 1000).toFixed(1)} +${dur.toFixed(1)}${top ? `\n${top}` : ''}`);
    // Where our scripts' time went: self time by function, and time under each of ours.
    const within = samples.filter((x) => x.ts >= task.ts && x.ts <= end);
    if (within.some((x) => x.stack.some((f) => f.includes('ext:')))) {
      const self = new Map();
      const under = new Map();
      within.forEach((x, k) => {
        const next = within[k + 1]?.ts ?? end;
        const d = Math.min(next - x.ts, 2000) / 1000;
        const leaf = x.stack[0] ?? '(idle)';
        self.set(leaf, (self.get(leaf) ?? 0) + d);
        for (const f of new Set(x.stack.filter((f) => f.includes('ext:')))) under.set(f, (under.get(f) ?? 0) + d);
      });
      const list = (m, n) => [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, n).filter(([, d]) => d >= 0.2).map(([f, d]) => `${f} ${d.toFixed(1)}`).join('; ');
      console.log(`      self: ${list(self, 8)}`);
      console.log(`      under: ${list(under, 10)}`);
    }
  }
}

const demo = await startDemo();
const ext = await launch(demo.port, { extension: !BARE, extraArgs: ['--remote-debugging-port=0'] });
try {
  const port = readFileSync(join(ext.profile, 'DevToolsActivePort'), 'utf8').split('\n')[0];
  const devtools = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
  const browserCdp = await devtools.newBrowserCDPSession();
  const warm = await ext.context.newPage();
  await warm.goto(url);
  await warm.waitForFunction(() => window.__demoRenderedAt);
  await warm.waitForTimeout(1000);
  await warm.close();
  let events = [];
  for (let n = 0; n < LOADS; n++) {
    const page = await ext.context.newPage();
    await page.addInitScript(MARKS);
    events = await traced(browserCdp, page);
    console.log(`--- load ${n + 1}${BARE ? ' (without the extension)' : ''}`);
    summarise(events);
    await page.close();
  }
  if (process.env.XUNPAN_TRACE_SAVE) writeFileSync(process.env.XUNPAN_TRACE_SAVE, JSON.stringify({ traceEvents: events }));
  await devtools.close();
} finally {
  await ext.close();
  await demo.close();
}
