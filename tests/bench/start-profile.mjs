// What the drawing scripts' start costs the page: a CPU profile (DevTools' Profiler,
// 50 µs sampling) and a trace of script compiles over list loads, with the worker
// running, summarised per content script.
//
//   node tests/bench/start-profile.mjs [dist ...]   (default: XUNPAN_DIST or dist/)
//
// Each build is loaded in its own browser, the builds taking turns load by load
// (XUNPAN_START_PROFILE_LOADS each, 8 by default, after one warm-up load), on the unseen
// 500-row list and the unseen 100-row list. Per content script, p50 over the loads, ms:
// - compile: the browser's compile of the script as it is injected (trace events
//   `v8.compile` with the script's address, summed over the load; a function compiled
//   lazily on its first call is not in it);
// - top level: the script's top-level function, callees included (the profile's node
//   for the script's anonymous top level under the root);
// - self, all functions: every sample whose own frame is in the file, over the load,
//   top level or later (lazy compiles of a function count to its caller's frame);
// and the top level's largest callees. A diagnosis, not a figure of the bench: the
// profiler and the trace cost the page time themselves.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { DIST, launch, startDemo } from '../e2e/harness.mjs';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');

const LOADS = Number(process.env.XUNPAN_START_PROFILE_LOADS ?? 8);
const builds = (process.argv.length > 2 ? process.argv.slice(2) : [DIST]).map((d) => resolve(d));
const LISTS = {
  500: 'https://message.alibaba.com/message/default.htm?lang=en&rows=500&pageSize=500#feedback/all',
  100: 'https://message.alibaba.com/message/default.htm?lang=en&rows=100&pageSize=100#feedback/all',
};
const CATEGORIES = ['devtools.timeline', 'v8', 'disabled-by-default-v8.compile'].join(',');

const WATCH = `(() => {
  window.__tagged = 0;
  const seen = new Set();
  new MutationObserver((records) => {
    for (const r of records) {
      if (seen.has(r.target) || !r.target.hasAttribute('data-trade-id') || !r.target.hasAttribute('data-xunpan-verdict')) continue;
      seen.add(r.target);
      window.__tagged++;
    }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-xunpan-verdict'] });
})();`;

const fileOf = (url) => (url?.startsWith('chrome-extension://') ? url.replace(/^chrome-extension:\/\/[a-z]+\//, '') : null);

/** One load: its profile and its compile events. */
async function profiled(b, url, rows) {
  const page = await b.context.newPage();
  await page.addInitScript(WATCH);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
  const events = [];
  const onData = (e) => events.push(...e.value);
  b.browserCdp.on('Tracing.dataCollected', onData);
  await b.browserCdp.send('Tracing.start', { categories: CATEGORIES, transferMode: 'ReportEvents' });
  await cdp.send('Profiler.start');
  await page.goto(url);
  await page.waitForFunction((n) => window.__tagged >= n, rows, { timeout: 60_000 });
  const { profile } = await cdp.send('Profiler.stop');
  const done = new Promise((r) => b.browserCdp.once('Tracing.tracingComplete', r));
  await b.browserCdp.send('Tracing.end');
  await done;
  b.browserCdp.off('Tracing.dataCollected', onData);
  await cdp.detach();
  await page.close();
  if (process.env.XUNPAN_START_PROFILE_SAVE) saved.push({ url, profile });
  return summarise(profile, events);
}

/** Per file: compile, top level, self; and the top level's callees (ms). */
function summarise(profile, events) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map();
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + dt);
  }
  const total = new Map();
  const totalOf = (id) => {
    if (total.has(id)) return total.get(id);
    const n = byId.get(id);
    const t = (self.get(id) ?? 0) + (n.children ?? []).reduce((s, c) => s + totalOf(c), 0);
    total.set(id, t);
    return t;
  };
  const out = {};
  const file = (f) => (out[f] ??= { compile: 0, top: 0, self: 0, callees: {} });
  for (const n of profile.nodes) {
    const f = fileOf(n.callFrame.url);
    if (!f) continue;
    file(f).self += self.get(n.id) ?? 0;
    const p = byId.get(parent.get(n.id));
    const top = n.callFrame.functionName === '' && n.callFrame.lineNumber === 0 && n.callFrame.columnNumber === 0;
    if (top && p?.callFrame.functionName === '(root)') {
      file(f).top += totalOf(n.id);
      // One level down, and the anonymous wrapper of an IIFE opened.
      const callees = (n.children ?? []).flatMap((c) => {
        const cn = byId.get(c);
        return cn.callFrame.functionName === '' && fileOf(cn.callFrame.url) === f ? cn.children ?? [] : [c];
      });
      for (const c of callees) {
        const cn = byId.get(c);
        const name = `${cn.callFrame.functionName || '(anonymous)'}${fileOf(cn.callFrame.url) === f ? '' : ` [${fileOf(cn.callFrame.url) ?? cn.callFrame.url.slice(0, 30)}]`}`;
        file(f).callees[name] = (file(f).callees[name] ?? 0) + totalOf(c);
      }
    }
  }
  for (const e of events) {
    if (e.ph !== 'X' || e.name !== 'v8.compile') continue;
    const f = fileOf(e.args?.data?.url ?? e.args?.url ?? e.args?.fileName);
    if (f) file(f).compile += (e.dur ?? 0) / 1000;
  }
  return out;
}

// XUNPAN_START_PROFILE_SAVE=<file>: every load's raw profile written there (JSON).
const saved = [];

const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : 0;
};

const demo = await startDemo();
const runs = builds.map((dist) => ({ dist, loads: { 500: [], 100: [] } }));
try {
  for (const run of runs) {
    const ext = await launch(demo.port, { dist: run.dist, extraArgs: ['--remote-debugging-port=0'] });
    const port = readFileSync(join(ext.profile, 'DevToolsActivePort'), 'utf8').split('\n')[0];
    const devtools = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
    run.b = { ...ext, devtools, browserCdp: await devtools.newBrowserCDPSession() };
  }
  for (const rows of [500, 100]) {
    for (const run of runs) await profiled(run.b, LISTS[rows], rows);
    for (let n = 0; n < LOADS; n++) for (const run of runs) run.loads[rows].push(await profiled(run.b, LISTS[rows], rows));
  }
} finally {
  for (const run of runs) {
    await run.b?.devtools.close().catch(() => {});
    await run.b?.close();
  }
  await demo.close();
}

if (process.env.XUNPAN_START_PROFILE_SAVE) writeFileSync(process.env.XUNPAN_START_PROFILE_SAVE, JSON.stringify(saved));

const ORDER = ['content-start.js', 'messages.js', 'locale.js', 'clock.js', 'health.js', 'site.js', 'overlay.js', 'content.js'];
for (const run of runs) {
  console.log(`=== ${run.dist}`);
  for (const rows of [500, 100]) {
    const loads = run.loads[rows];
    console.log(`--- ${rows}-row list, ${loads.length} loads, p50 ms: compile, top level, self (all functions over the load); the top level's largest callees`);
    const files = [...new Set(loads.flatMap((l) => Object.keys(l)))].sort((a, b) => (ORDER.indexOf(a) + 99 * (ORDER.indexOf(a) < 0)) - (ORDER.indexOf(b) + 99 * (ORDER.indexOf(b) < 0)));
    const sums = { compile: [], top: [], self: [] };
    for (const f of files) {
      const p = (k) => percentile(loads.map((l) => l[f]?.[k] ?? 0), 50);
      console.log(`${f.padEnd(20)} ${p('compile').toFixed(2).padStart(7)} ${p('top').toFixed(2).padStart(7)} ${p('self').toFixed(2).padStart(7)}`);
      const names = [...new Set(loads.flatMap((l) => Object.keys(l[f]?.callees ?? {})))];
      const callees = names.map((name) => [name, percentile(loads.map((l) => l[f]?.callees?.[name] ?? 0), 50)]).filter(([, t]) => t >= 0.1).sort((a, b) => b[1] - a[1]).slice(0, 6);
      for (const [name, t] of callees) console.log(`    ${name.padEnd(44)} ${t.toFixed(2).padStart(7)}`);
    }
    for (const k of Object.keys(sums)) {
      const each = loads.map((l) => Object.values(l).reduce((s, v) => s + v[k], 0));
      console.log(`all files, ${k}: p50 ${percentile(each, 50).toFixed(2)}, p95 ${percentile(each, 95).toFixed(2)}`);
    }
  }
}
