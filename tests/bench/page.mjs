// Xunpan on a 500-row inbox in headless Chromium: how long until every row is tagged,
// what the clocks cost the page's main thread, and what memory the extension takes.
//
//   node tests/bench/page.mjs          (XUNPAN_DIST: the built extension, dist/ by default)
//
// - page_500_tag_ms_p50 / _p95: from the moment the page's script put the 500 rows in
//   (window.__demoRenderedAt) to the moment the last row carries data-xunpan-verdict
//   (set in the same step that draws its chip and clock), over 12 loads after one
//   warm-up load (the first load also starts the engine; reported on its own). The
//   demo dates its inquiries from the moment of each load, so every load shows an
//   inbox Xunpan has not seen: nothing kept from a load before can be drawn.
//   Beside them, the p50 of where each of those loads' time went, from the rows'
//   insertion: page_500_data_lead_ms (how long before the rows the list's page data was
//   posted, the moment Xunpan asks the engine) and page_500_page_frame_end_ms (the end of
//   the page's first long task after the rows, its own first frame with them).
// - page_500_visible_after_frame_ms_p95 (and _p50): on the same loads, from the end of
//   the page's own first frame with the rows to the moment every row in the viewport
//   (1280 x 800; the rows whose box is on screen once the load is over) carries its
//   verdict: what the rep waits after the page has shown its list. The frame is the
//   first long animation frame (PerformanceObserver 'long-animation-frame') whose
//   rendering starts after the rows went in, its end the end of that frame's rendering;
//   a row counts as tagged when the page's own MutationObserver sees its
//   data-xunpan-verdict, that is at the end of the task that drew its chip (the next
//   frame paints it). Below 0: the tags were in the page's own frame.
// - page_100_unseen_tag_ms_p95 (and _p50): a 100-row inbox (the real list's largest
//   page) not seen before, from the rows' insertion to the last row tagged, over 12
//   loads after one warm-up load.
// - sw_cold_first_answer_ms_p95 (and _p50): the service worker stopped before each of 12
//   loads (DevTools' ServiceWorker.stopAllWorkers, as the browser stops it after 30 s
//   idle), the default list opened (its first page of 20 rows, not seen before), from
//   the navigation's start (the page's time origin) to its first row tagged: what the
//   rep waits for the first tag when the worker has to start again.
//   sw_warm_first_answer_ms_p50 is the same with the worker running, for comparison.
//   Before these loads each browser's worker lives until it has stored the policy last
//   seen (see policySeen), as in a browser that has been running; the table says so.
//   sw_cold_<step>_at_ms_p50: on the same loads, when the worker's steps were done, ms
//   from the navigation (its own timeline, XunpanStartTimes in worker-policy.js, read
//   over DevTools after each load): workerStart, prefetch (its first module runs and asks
//   for the wasm), evaluated (its modules), setupIn and listIn (the page's setup and the
//   list's data came in), module (the wasm compiled),
//   tables, language, settingsRead, policyRead, itemsRead, engine (built), triageStart,
//   triageEnd, answered. A build without the timeline gives none.
// - page_500_rows_delay_ms: how much later the page's own rows go in with the extension
//   than without (p50 of the same loads, from navigation start: the timed loads above and
//   the loads of page_500_own_frame_ms_p50 below): what Xunpan's start, the page data
//   passed on and the engine asked cost the page before it can show its list at all.
//   page_500_frame_delay_ms: the same for the end of the page's first frame with the
//   rows (its first long animation frame after them), what the rep sees: work of ours
//   moved from before the rows to between them and their frame shows here.
// - page_500_revisit_ms_p50 / _p95: the same, over 12 loads of one address whose
//   inbox stays the same (the demo's clock fixed), as when the rep reloads the list or
//   comes back to it: the rows are drawn from the answers kept from the load before
//   (see background.js), and the engine's fresh answers follow.
// - page_500_own_frame_ms_p50: the same page without the extension, from the rows'
//   insertion to the first moment its main thread is free after painting them: what
//   the page itself costs before any content script's answer can be drawn.
// - tick_ms_per_s: main-thread task time per second on the tagged page while only the
//   clocks run, minus the same page without the extension, both measured over the
//   same 60 s (CDP Performance metrics, once the page has settled: a whole minute,
//   since list clocks turn over on the minute).
// - page_heap_added_mb: the page's JS heap after garbage collection with the extension
//   minus without it (content scripts share the page's heap).
// - sw_heap_mb: the service worker's JS heap after garbage collection, measured over
//   the DevTools protocol while the page is open.
//
// Prints a table, then one JSON object as the last line. XUNPAN_BENCH_PARTS (a comma list
// of unseen, revisit, rest, cold, 100) runs only those parts, for a quick look
// while working; `./build.sh bench` runs them all.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { startDemo, launch } from '../e2e/harness.mjs';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');

const ROWS = 500;
// XUNPAN_BENCH_RUNS: loads per part (12 by default), more for a firmer before/after.
const RUNS = Number(process.env.XUNPAN_BENCH_RUNS ?? 12);
const IDLE_MS = 60_000;
const SETTLE_MS = 3_000;
const MB = 1024 * 1024;
const listUrl = `https://message.alibaba.com/message/default.htm?lang=en&rows=${ROWS}&pageSize=${ROWS}#feedback/all`;
const revisitUrl = listUrl.replace('#', `&now=${Date.now()}#`);
const list100Url = 'https://message.alibaba.com/message/default.htm?lang=en&rows=100&pageSize=100#feedback/all';
// The list as it opens: its first page, 20 rows (the real page's first answer holds 20).
const defaultListUrl = 'https://message.alibaba.com/message/default.htm?lang=en#feedback/all';

// In the page's own world: note when each row got its verdict, and where the time
// before it went: when the list's page data was posted (Xunpan asks the engine then)
// and the page's own long tasks and long animation frames (its first frame with the
// rows is one), so a figure that misses its target says why.
const watchTags = (want) => `(() => {
  const want = ${want};
  window.__longTasks = [];
  window.__frames = [];
  window.__tagTimes = new Map();
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, end: e.startTime + e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {}
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__frames.push({ start: e.startTime, end: e.startTime + e.duration, renderStart: e.renderStart });
    }).observe({ type: 'long-animation-frame', buffered: true });
  } catch {}
  window.addEventListener('message', (ev) => {
    if (!window.__dataAt && ev.data?.source === 'xunpan-page-data' && /^feedbackList/.test(ev.data.kind)) window.__dataAt = performance.now();
  });
  new MutationObserver((records) => {
    const now = performance.now();
    for (const r of records) {
      const row = r.target;
      if (window.__tagTimes.has(row) || !row.hasAttribute('data-trade-id') || !row.hasAttribute('data-xunpan-verdict')) continue;
      window.__tagTimes.set(row, now);
      window.__firstTaggedAt ??= now;
    }
    if (!window.__taggedAt && window.__tagTimes.size >= want) window.__taggedAt = now;
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-xunpan-verdict'] });
})();`;
const WATCH_TAGS = watchTags(ROWS);

/**
 * Where one load's time went: how long before the rows' insertion the page data was
 * posted, how long after it the page's own first frame with the rows ended, and when,
 * from that frame's end, the last row in the viewport was tagged; null where unknown.
 */
const phasesOf = (page) => page.evaluate(() => {
  const rows = window.__demoRenderedAt;
  const loaf = window.__frames.find((f) => f.renderStart > 0 && f.renderStart >= rows);
  const task = window.__longTasks.find((t) => t.start >= rows - 1);
  const frameEnd = loaf ? loaf.end : task ? task.end : null;
  const inView = [...document.querySelectorAll('[data-trade-id]')].filter((r) => {
    const box = r.getBoundingClientRect();
    return box.width > 0 && box.bottom > 0 && box.top < innerHeight;
  });
  const times = inView.map((r) => window.__tagTimes.get(r));
  const visibleAt = inView.length && times.every((t) => t !== undefined) ? Math.max(...times) : null;
  return {
    dataLead: window.__dataAt ? rows - window.__dataAt : null,
    pageFrameEnd: frameEnd !== null ? frameEnd - rows : null,
    visibleAfterFrame: frameEnd !== null && visibleAt !== null ? visibleAt - frameEnd : null,
    rowsInView: inView.length,
  };
});

/** Loads the list with `watch` in the page; `doneAt` (a window field) less the rows' insertion. */
async function loadAndTime(context, watch, doneAt, url = listUrl) {
  const page = await context.newPage();
  await page.addInitScript(watch);
  await page.goto(url);
  await page.waitForFunction((field) => window[field], doneAt, { timeout: 60_000 });
  const { ms, rowsAt } = await page.evaluate((field) => ({ ms: window[field] - window.__demoRenderedAt, rowsAt: window.__demoRenderedAt }), doneAt);
  return { page, ms, rowsAt };
}

const openTagged = (context, url = listUrl) => loadAndTime(context, WATCH_TAGS, '__taggedAt', url);

// In the page's own world, without the extension: when the main thread is first free
// after the rows' first frame.
const WATCH_OWN_FRAME = `(() => {
  window.__frames = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__frames.push({ end: e.startTime + e.duration, renderStart: e.renderStart });
    }).observe({ type: 'long-animation-frame', buffered: true });
  } catch {}
  new MutationObserver((_, obs) => {
    if (!window.__demoRenderedAt) return;
    obs.disconnect();
    requestAnimationFrame(() => setTimeout(() => { window.__ownFrameDoneAt = performance.now(); }, 0));
  }).observe(document, { subtree: true, childList: true });
})();`;

/**
 * The page alone: its rows to its first free moment, when its rows went in, and when
 * its first frame with them ended (from the navigation; null where unknown).
 */
async function ownFrame(context) {
  const { page, ms, rowsAt } = await loadAndTime(context, WATCH_OWN_FRAME, '__ownFrameDoneAt');
  const frameAt = await page.evaluate(() => window.__frames.find((f) => f.renderStart > 0 && f.renderStart >= window.__demoRenderedAt)?.end ?? null);
  await page.close();
  return { ms, rowsAt, frameAt };
}

async function mainThreadMsPerS(page) {
  await page.waitForTimeout(SETTLE_MS);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const task = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration').value;
  const before = await task();
  await page.waitForTimeout(IDLE_MS);
  const after = await task();
  await cdp.detach();
  return ((after - before) * 1000) / (IDLE_MS / 1000);
}

async function heapMb(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize / MB;
}

/** The service worker's heap, over a second DevTools connection to the same browser. */
async function workerHeapMb(profile, extensionId) {
  const port = readFileSync(join(profile, 'DevToolsActivePort'), 'utf8').split('\n')[0];
  const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
  try {
    const cdp = await browser.newBrowserCDPSession();
    const { targetInfos } = await cdp.send('Target.getTargets');
    const sw = targetInfos.find((t) => t.type === 'service_worker' && t.url.includes(extensionId));
    if (!sw) throw new Error('the service worker is not running');
    const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: sw.targetId, flatten: false });
    let nextId = 1;
    const pending = new Map();
    cdp.on('Target.receivedMessageFromTarget', (e) => {
      const msg = JSON.parse(e.message);
      pending.get(msg.id)?.(msg);
    });
    const send = (method, params = {}) => new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, (msg) => (msg.error ? reject(new Error(msg.error.message)) : resolve(msg.result)));
      cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) }).catch(reject);
    });
    await send('HeapProfiler.collectGarbage');
    const { usedSize } = await send('Runtime.getHeapUsage');
    await cdp.send('Target.detachFromTarget', { sessionId });
    return usedSize / MB;
  } finally {
    await browser.close();
  }
}

const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

const PARTS = new Set((process.env.XUNPAN_BENCH_PARTS ?? 'unseen,revisit,rest,cold,100').split(',').map((p) => p.trim()));
// XUNPAN_BENCH_BEFORE: another build of the extension (say main's dist/), measured in
// the same run, load for load in turn with this one, its figures printed beside (and
// saved under before_<key>): a before/after comparison on a machine whose load changes.
const BEFORE = process.env.XUNPAN_BENCH_BEFORE ?? null;
// XUNPAN_BENCH_JS_FLAGS: V8 flags for this build's browser only (say `--liftoff-only`,
// beside XUNPAN_BENCH_BEFORE=dist: how much of a figure is V8's compiling). A
// diagnosis: an extension cannot choose V8's flags.
const JS_FLAGS = process.env.XUNPAN_BENCH_JS_FLAGS ?? null;

/**
 * Stops every service worker of the browser and waits until the extension's is gone.
 * A worker asked to stop while an event for it is on its way (a page closed a moment
 * before, its port's last message) can be started again at once: the stop is then
 * asked again, once a second, for up to 10 s.
 */
async function stopWorker(page, browserCdp, extensionId) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  try {
    for (let attempt = 0; attempt < 10; attempt++) {
      await cdp.send('ServiceWorker.stopAllWorkers');
      for (let i = 0; i < 20; i++) {
        const { targetInfos } = await browserCdp.send('Target.getTargets');
        if (!targetInfos.some((t) => t.type === 'service_worker' && t.url.includes(extensionId))) return;
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  } finally {
    await cdp.detach();
  }
  throw new Error('the service worker did not stop in 10 s of asking');
}

/** The default list opened in a new page: its first row tagged, from the navigation's start. */
async function firstTag(context, timeline = null) {
  const page = await context.newPage();
  await page.addInitScript(watchTags(1));
  await page.goto(defaultListUrl);
  await page.waitForFunction(() => window.__firstTaggedAt, null, { timeout: 60_000 });
  const { ms, origin } = await page.evaluate(() => ({ ms: window.__firstTaggedAt, origin: performance.timeOrigin }));
  if (timeline) timeline.push({ ...(await timeline.read()), pageOrigin: origin, tagged: ms });
  await page.close();
  return ms;
}

/** `expression` evaluated in the extension's service worker (awaited); null when it is not running. */
async function inWorker(browserCdp, extensionId, expression) {
  const { targetInfos } = await browserCdp.send('Target.getTargets');
  const sw = targetInfos.find((t) => t.type === 'service_worker' && t.url.includes(extensionId));
  if (!sw) return null;
  const { sessionId } = await browserCdp.send('Target.attachToTarget', { targetId: sw.targetId, flatten: false });
  try {
    const answer = new Promise((resolve) => {
      const listener = (e) => {
        if (e.sessionId !== sessionId) return;
        const msg = JSON.parse(e.message);
        if (msg.id !== 1) return;
        browserCdp.off('Target.receivedMessageFromTarget', listener);
        resolve(msg.result?.result?.value ?? null);
      };
      browserCdp.on('Target.receivedMessageFromTarget', listener);
    });
    await browserCdp.send('Target.sendMessageToTarget', {
      sessionId,
      message: JSON.stringify({ id: 1, method: 'Runtime.evaluate', params: { expression, returnByValue: true, awaitPromise: true } }),
    });
    return await answer;
  } finally {
    await browserCdp.send('Target.detachFromTarget', { sessionId }).catch(() => {});
  }
}

/**
 * The worker's own timeline of its start (`XunpanStartTimes`, see worker-policy.js),
 * read over DevTools; null when the build keeps none.
 */
async function workerStartTimes(browserCdp, extensionId) {
  return JSON.parse((await inWorker(browserCdp, extensionId, 'JSON.stringify(globalThis.XunpanStartTimes ?? null)')) ?? 'null');
}

/**
 * Has the policy last seen stored (`lastPolicy` in storage.local, worker-policy.js)
 * before the cold loads, as in a rep's browser that has been running: until a worker
 * life of the install has had the managed store's answer, every worker start waits
 * POLICY_WAIT_MS (200 ms) for it. The store's first answer comes about 3 s after the
 * browser's start, but a worker life that asked before it may never hear it (seen here:
 * pending 30 s, in whichever of a run's browsers, so the first-launched one was slow
 * whatever its build). So the worker is watched for 5 s, then stopped and started
 * again by a list load (its start asks the store anew), up to 8 times, checking the
 * storage each time. Returns what it took (`ms`, `starts`: worker starts added), or
 * throws: figures taken on a worker that waits for the store would not be comparable.
 */
async function policySeen(b) {
  const { browserCdp, extensionId } = b.ext;
  const seen = "chrome.storage.local.get('lastPolicy').then((r) => 'lastPolicy' in r)";
  const began = Date.now();
  for (let starts = 0; starts <= 8; starts++) {
    if (starts > 0) {
      await stopWorker(b.s.blank, browserCdp, extensionId);
      await firstTag(b.ext.context);
    }
    for (let i = 0; i < 20; i++) {
      if (await inWorker(browserCdp, extensionId, seen)) return { ms: Date.now() - began, starts };
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  throw new Error('no worker life stored the policy last seen in 9 starts: the managed store never answered');
}

// The steps of a stopped worker's first answer, each as ms from the page's navigation
// (p50 over the cold loads): the worker's timeline put on the page's clock.
const START_STEPS = [
  ['workerStart', 'the worker starts'],
  ['prefetch', 'its first module runs (wasm asked for)'],
  ['evaluated', 'its modules evaluated'],
  ['storageChecked', 'the stored data\'s version checked'],
  ['setupIn', 'the page\'s setup in'],
  ['listIn', 'the list\'s data in'],
  ['module', 'the engine\'s module compiled'],
  ['tables', 'its concept tables handed over'],
  ['language', 'its language data handed over'],
  ['settingsRead', 'the stored settings read'],
  ['policyRead', 'the team policy read (or its stand-in)'],
  ['itemsAsked', 'the kept readings asked for'],
  ['itemsRead', 'the kept readings read'],
  ['engine', 'the engine built'],
  ['triageStart', 'the first triage begun'],
  ['warmAsked', 'asked of the engine kept warm'],
  ['warmAnswered', 'answered by the engine kept warm'],
  ['warmMissed', 'the engine kept warm could not answer'],
  ['triageEnd', 'the first triage done'],
  ['answered', 'its answer written'],
];
/** Each cold load's steps as ms from the page's navigation (absent steps left out). */
function startSteps(timeline) {
  return timeline.filter((t) => t && t.origin).map((t) => {
    const start = t.origin - t.pageOrigin;
    const steps = { workerStart: start };
    for (const [step] of START_STEPS) if (typeof t[step] === 'number') steps[step] = start + t[step];
    return steps;
  });
}

/** Chromium with one build of the extension, and a DevTools connection to stop its worker. */
async function browserWith(port, dist, jsFlags = null) {
  const extraArgs = ['--remote-debugging-port=0', ...(jsFlags ? [`--js-flags=${jsFlags}`] : [])];
  const ext = await launch(port, { extraArgs, ...(dist ? { dist } : {}) });
  const devtoolsPort = readFileSync(join(ext.profile, 'DevToolsActivePort'), 'utf8').split('\n')[0];
  const devtools = await chromium.connectOverCDP(`http://127.0.0.1:${devtoolsPort}`);
  const browserCdp = await devtools.newBrowserCDPSession();
  return {
    ...ext,
    browserCdp,
    async close() {
      await devtools.close();
      await ext.close();
    },
  };
}

const r1 = (x) => Number(x.toFixed(1));
const r2 = (x) => Number(x.toFixed(2));
const all = (xs) => `all: ${xs.map((t) => t.toFixed(0)).join(' ')}`;

/** Every part's figures of one build, from the samples taken (`s`), with the table's rows. */
function figuresOf(s, ownFrames, rowsWithout, framesWithout) {
  const figures = {};
  const rows = [];
  if (s.times) {
    const known = (field) => s.phases.map((p) => p[field]).filter((x) => x !== null);
    const p50Of = (field) => (known(field).length ? r1(percentile(known(field), 50)) : null);
    const visible = known('visibleAfterFrame');
    Object.assign(figures, {
      page_500_tag_ms_p50: r1(percentile(s.times, 50)),
      page_500_tag_ms_p95: r1(percentile(s.times, 95)),
      page_500_runs: s.times.length,
      page_500_data_lead_ms_p50: p50Of('dataLead'),
      page_500_page_frame_end_ms_p50: p50Of('pageFrameEnd'),
      page_500_visible_after_frame_ms_p50: visible.length ? r1(percentile(visible, 50)) : null,
      page_500_visible_after_frame_ms_p95: visible.length === s.phases.length ? r1(percentile(visible, 95)) : null,
      page_500_rows_in_view: s.phases[0]?.rowsInView ?? null,
      page_500_first_load_ms: r1(s.first),
      page_500_own_frame_ms_p50: r1(percentile(ownFrames, 50)),
      page_500_rows_at_ms_p50_with: r1(percentile(s.rowsWith, 50)),
      page_500_rows_at_ms_p50_without: r1(percentile(rowsWithout, 50)),
      page_500_rows_delay_ms: r1(percentile(s.rowsWith, 50) - percentile(rowsWithout, 50)),
    });
    // The page's first frame with its rows, from the navigation: what the rep sees.
    const framesWith = s.phases.map((p, n) => (p.pageFrameEnd === null ? null : s.rowsWith[n] + p.pageFrameEnd)).filter((x) => x !== null);
    const framesBare = framesWithout.filter((x) => x !== null);
    if (framesWith.length && framesBare.length) {
      Object.assign(figures, {
        page_500_frame_at_ms_p50_with: r1(percentile(framesWith, 50)),
        page_500_frame_at_ms_p50_without: r1(percentile(framesBare, 50)),
        page_500_frame_delay_ms: r1(percentile(framesWith, 50) - percentile(framesBare, 50)),
      });
    }
    rows.push(
      ['500 rows tagged, p50 (ms)', figures.page_500_tag_ms_p50, `${RUNS} loads of an inbox not seen before`],
      ['500 rows tagged, p95 (ms)', figures.page_500_tag_ms_p95, all(s.times)],
      ['  page data posted before the rows, p50 (ms)', figures.page_500_data_lead_ms_p50, 'the engine is asked at that moment'],
      ['  the page\'s own frame ends, p50 (ms)', figures.page_500_page_frame_end_ms_p50, 'its first frame after the rows: nothing else runs on the page until it ends'],
      ['viewport tagged after the page\'s frame, p50', figures.page_500_visible_after_frame_ms_p50, `${figures.page_500_rows_in_view} rows in view`],
      ['viewport tagged after the page\'s frame, p95', figures.page_500_visible_after_frame_ms_p95, `target <= 16; ${all(visible)}`],
      ['first load, engine starting (ms)', figures.page_500_first_load_ms, ''],
      ['page alone: rows to first free moment (ms)', figures.page_500_own_frame_ms_p50, 'p50 without the extension: the floor of any answer drawn after the rows'],
      ['the page\'s rows go in later by (ms)', figures.page_500_rows_delay_ms, `target <= 10; p50 from navigation ${figures.page_500_rows_at_ms_p50_with} with, ${figures.page_500_rows_at_ms_p50_without} without`],
      ['its first frame with them ends later by (ms)', figures.page_500_frame_delay_ms ?? null, `p50 from navigation ${figures.page_500_frame_at_ms_p50_with ?? '-'} with, ${figures.page_500_frame_at_ms_p50_without ?? '-'} without`],
    );
  }
  if (s.revisits) {
    Object.assign(figures, {
      page_500_revisit_ms_p50: r1(percentile(s.revisits, 50)),
      page_500_revisit_ms_p95: r1(percentile(s.revisits, 95)),
    });
    rows.push(
      ['500 rows tagged again, p50 (ms)', figures.page_500_revisit_ms_p50, `${RUNS} loads of an inbox seen before`],
      ['500 rows tagged again, p95 (ms)', figures.page_500_revisit_ms_p95, all(s.revisits)],
    );
  }
  if (s.times100) {
    Object.assign(figures, {
      page_100_unseen_tag_ms_p50: r1(percentile(s.times100, 50)),
      page_100_unseen_tag_ms_p95: r1(percentile(s.times100, 95)),
    });
    rows.push(
      ['100 rows tagged, p50 (ms)', figures.page_100_unseen_tag_ms_p50, `${RUNS} loads of an inbox not seen before`],
      ['100 rows tagged, p95 (ms)', figures.page_100_unseen_tag_ms_p95, `target <= 50; ${all(s.times100)}`],
    );
  }
  if (s.cold) {
    Object.assign(figures, {
      sw_cold_first_answer_ms_p50: r1(percentile(s.cold, 50)),
      sw_cold_first_answer_ms_p95: r1(percentile(s.cold, 95)),
      sw_warm_first_answer_ms_p50: r1(percentile(s.warm, 50)),
      sw_cold_policy_seen_starts: s.policySeen.starts,
    });
    rows.push(
      ['policy last seen stored before the cold loads', 'yes', `after ${s.policySeen.ms} ms, ${s.policySeen.starts} worker start(s) added: no cold load waits for the managed store`],
      ['worker stopped: list opened to first tag, p50', figures.sw_cold_first_answer_ms_p50, `ms from navigation, the 20-row list; ${RUNS} loads`],
      ['worker stopped: list opened to first tag, p95', figures.sw_cold_first_answer_ms_p95, `target <= 150; ${all(s.cold)}`],
      ['worker running: list opened to first tag, p50', figures.sw_warm_first_answer_ms_p50, all(s.warm)],
    );
    // Where the cold loads' time went, step by step (a build that keeps no timeline: none).
    const steps = startSteps(s.timeline ?? []);
    for (const [step, what] of steps.length ? START_STEPS : []) {
      const known = steps.map((t) => t[step]).filter((x) => x !== undefined);
      if (!known.length) continue;
      figures[`sw_cold_${step}_at_ms_p50`] = r1(percentile(known, 50));
      rows.push([`  ${what}, p50`, figures[`sw_cold_${step}_at_ms_p50`], `ms from navigation; ${all(known)}`]);
    }
  }
  if (s.tickWith !== undefined) {
    Object.assign(figures, {
      tick_ms_per_s: r2(Math.max(0, s.tickWith - s.tickBare)),
      page_main_thread_ms_per_s_with: r2(s.tickWith),
      page_main_thread_ms_per_s_without: r2(s.tickBare),
      page_heap_added_mb: r2(s.heapWith - s.heapBare),
      sw_heap_mb: r2(s.swHeap),
    });
    rows.push(
      ['at rest, main-thread ms per s added', figures.tick_ms_per_s, `target <= 1; with ${figures.page_main_thread_ms_per_s_with}, without ${figures.page_main_thread_ms_per_s_without}`],
      ['page heap added (MB)', figures.page_heap_added_mb, 'target <= 5'],
      ['service worker heap (MB)', figures.sw_heap_mb, 'target <= 20'],
    );
  }
  return { figures, rows };
}

const demo = await startDemo();
let figures = {};
try {
  const builds = [{ name: 'now', ext: await browserWith(demo.port, null, JS_FLAGS), s: {} }];
  if (BEFORE) builds.push({ name: 'before', ext: await browserWith(demo.port, BEFORE), s: {} });
  const bare = await launch(demo.port, { extension: false });
  const ownFrames = [];
  const rowsWithout = [];
  const framesWithout = [];
  try {
    if (PARTS.has('unseen')) {
      for (const b of builds) {
        const first = await openTagged(b.ext.context);
        await first.page.close();
        Object.assign(b.s, { first: first.ms, times: [], phases: [], rowsWith: [], last: null });
      }
      // With and without the extension in turn, so each sees the same load of the machine.
      for (let run = 0; run < RUNS; run++) {
        const own = await ownFrame(bare.context);
        ownFrames.push(own.ms);
        rowsWithout.push(own.rowsAt);
        framesWithout.push(own.frameAt);
        for (const b of builds) {
          const { page, ms, rowsAt } = await openTagged(b.ext.context);
          b.s.times.push(ms);
          b.s.rowsWith.push(rowsAt);
          b.s.phases.push(await phasesOf(page));
          if (b.s.last) await b.s.last.close();
          b.s.last = page;
        }
      }
    }

    if (PARTS.has('revisit')) {
      // The same inbox again and again: one load to tag it, then the timed ones.
      for (const b of builds) {
        await (await openTagged(b.ext.context, revisitUrl)).page.close();
        b.s.revisits = [];
      }
      for (let run = 0; run < RUNS; run++) {
        for (const b of builds) {
          const { page, ms } = await openTagged(b.ext.context, revisitUrl);
          b.s.revisits.push(ms);
          await page.close();
        }
      }
    }

    if (PARTS.has('100')) {
      const watch = watchTags(100);
      for (const b of builds) {
        await (await loadAndTime(b.ext.context, watch, '__taggedAt', list100Url)).page.close();
        b.s.times100 = [];
      }
      for (let run = 0; run < RUNS; run++) {
        for (const b of builds) {
          const { page, ms } = await loadAndTime(b.ext.context, watch, '__taggedAt', list100Url);
          b.s.times100.push(ms);
          await page.close();
        }
      }
    }

    if (PARTS.has('cold')) {
      for (const b of builds) {
        await firstTag(b.ext.context);
        const timeline = Object.assign([], { read: () => workerStartTimes(b.ext.browserCdp, b.ext.extensionId) });
        Object.assign(b.s, { warm: [], cold: [], timeline, blank: await b.ext.context.newPage() });
        b.s.policySeen = await policySeen(b);
      }
      for (let run = 0; run < RUNS; run++) {
        for (const b of builds) b.s.warm.push(await firstTag(b.ext.context));
        for (const b of builds) {
          await stopWorker(b.s.blank, b.ext.browserCdp, b.ext.extensionId);
          // As after 30 s idle: nothing of the worker's start left in flight.
          await new Promise((r) => setTimeout(r, 300));
          b.s.cold.push(await firstTag(b.ext.context, b.s.timeline));
        }
      }
      for (const b of builds) await b.s.blank.close();
    }

    if (PARTS.has('rest')) {
      const plain = await bare.context.newPage();
      await plain.goto(listUrl);
      await plain.waitForFunction(() => window.__demoRenderedAt);
      for (const b of builds) b.s.last ??= (await openTagged(b.ext.context)).page;
      // Every page at rest over the same minute, so all see the same load of the machine.
      const ticks = await Promise.all([plain, ...builds.map((b) => b.s.last)].map((p) => mainThreadMsPerS(p)));
      const heapBare = await heapMb(plain);
      for (const [n, b] of builds.entries()) {
        Object.assign(b.s, {
          tickWith: ticks[n + 1],
          tickBare: ticks[0],
          heapWith: await heapMb(b.s.last),
          heapBare,
          swHeap: await workerHeapMb(b.ext.profile, b.ext.extensionId),
        });
      }
    }

    for (const b of builds) {
      const { figures: f, rows } = figuresOf(b.s, ownFrames, rowsWithout, framesWithout);
      if (BEFORE) console.log(`--- ${b.name === 'now' ? 'this build' : `before: ${BEFORE}`}`);
      for (const [what, value, note] of rows) console.log(`${what.padEnd(46)} ${String(value).padStart(10)}  ${note}`);
      if (b.name === 'now') Object.assign(figures, f);
      else for (const [key, value] of Object.entries(f)) figures[`before_${key}`] = value;
    }
  } finally {
    for (const b of builds) await b.ext.close();
    await bare.close();
  }
} finally {
  await demo.close();
}
console.log(JSON.stringify(figures));
