// The engine's start, step by step, in Node: what a service worker started again pays
// before its first answer, apart from the browser's own start and messaging.
//
//   node tests/bench/engine-start.mjs [dist] [--until=STEP] [--batch=N]
//
// Steps, in the worker's order (worker-policy.js): `compile` (the wasm's bytes to a
// WebAssembly.Module), `instantiate`, `tables` (useConceptTables), `language`
// (loadLanguageWords and loadLanguageVersions), `engine` (new WasmEngine(null)),
// `first` (the first batch's triage: the first N inquiries of the development set,
// 20 by default, the list's first page), `second` (the next N), `again` (the first N
// once more: all warm). Prints one JSON line of milliseconds per step.
//
// With --until=STEP it stops after that step: run under `valgrind --tool=cachegrind
// --cache-sim=no node ...` once per step, the difference between two runs is the
// instruction count of the step (Node's own start cancels out). The wall times move
// with the machine's load; the counts do not. Count with `node --liftoff-only
// --no-wasm-tier-up`: with V8's default tiers, TurboFan's compiles of hot functions
// (on threads valgrind runs in turn) move the first batch's count by about ±80 M
// instructions from run to run; on Liftoff alone it is steady to about ±3 M.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const args = process.argv.slice(2);
const option = (name) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const dist = resolve(args.find((a) => !a.startsWith('--')) ?? join(here, '..', '..', 'dist'));
const until = option('until') ?? 'again';
const batch = Number(option('batch') ?? 20);
const STEPS = ['compile', 'instantiate', 'tables', 'language', 'engine', 'first', 'second', 'again'];
if (!STEPS.includes(until)) throw new Error(`--until=${until}: use one of ${STEPS.join(', ')}`);
if (!Number.isInteger(batch) || batch < 1) throw new Error(`--batch=${option('batch')}: give a whole number above 0`);

const corpus = join(here, '..', '..', '..', 'shared', 'corpus', 'inquiries-dev.jsonl');
const inquiries = readFileSync(process.env.XUNPAN_START_CORPUS ?? corpus, 'utf8')
  .split('\n').filter(Boolean).map((line) => JSON.parse(line));
if (inquiries.length < 2 * batch) throw new Error(`the corpus holds ${inquiries.length} inquiries: ${2 * batch} needed`);
const glue = await import(pathToFileURL(join(dist, 'pkg', 'xunpan.js')).href);
const bytes = readFileSync(join(dist, 'pkg', 'xunpan_bg.wasm'));
const tables = readFileSync(join(dist, 'data', 'concept-tables.txt'), 'utf8');
const words = readFileSync(join(dist, 'language-words.tsv'), 'utf8');
const versions = readFileSync(join(dist, 'template-versions.json'), 'utf8');
const now = Date.parse('2026-01-20T12:00:00Z');
const zone = { offsetMinutes: 480, transitions: [] };

const ms = {};
let module;
let engine;
const run = {
  compile: () => { module = new WebAssembly.Module(bytes); },
  instantiate: () => glue.initSync({ module }),
  tables: () => glue.useConceptTables(tables),
  language: () => { glue.loadLanguageWords(words); glue.loadLanguageVersions(versions); },
  engine: () => { engine = new glue.WasmEngine(null); },
  first: () => engine.triage(inquiries.slice(0, batch), now, zone),
  second: () => engine.triage(inquiries.slice(batch, 2 * batch), now, zone),
  again: () => engine.triage(inquiries.slice(0, batch), now, zone),
};
for (const step of STEPS) {
  const start = performance.now();
  run[step]();
  ms[step] = Math.round((performance.now() - start) * 10) / 10;
  if (step === until) break;
}
console.log(JSON.stringify(ms));
