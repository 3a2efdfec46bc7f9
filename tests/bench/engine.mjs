// The engine in its wasm build under Node, against the classifier a JavaScript
// developer would otherwise reach for: `natural`'s BayesClassifier.
//
//   node tests/bench/engine.mjs <dist/pkg> <corpus dir>
//
// Start: from the module's bytes to the first inquiry's answer (what a service worker
// started again pays before its first answer).
//
// Speed: the inquiries of inquiries-dev.jsonl repeated to at least 100 000 messages,
// triaged by the wasm engine (in batches, as the service worker does) and classified
// by natural (for as long as it takes to classify at least 5 000, it is slower).
//
// Quality, so speed is not bought with it: both corpora are split in two by a hash
// of each message id (the split `examples/train_model.rs --holdout` uses). Both
// classifiers learn from the training half only — natural through addDocument and
// train, Xunpan through its learned filter (learnMany) with the built-in word model
// off, since that model was trained on all of the development data — and both are
// scored on the other half. A message counts as called spam when Xunpan tags it spam
// or suspicious. The shipped engine's figure on the same half is printed too, marked
// as having seen it.
//
// Prints a table, then one JSON object as the last line.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const natural = require('natural');

const [pkgDir, corpusDir] = process.argv.slice(2).map((p) => resolve(p));
if (!pkgDir || !corpusDir) {
  console.error('usage: node engine.mjs <dist/pkg> <corpus dir>');
  process.exit(2);
}
const glue = await import(pathToFileURL(join(pkgDir, 'xunpan.js')).href);
const NOW = Date.parse('2026-11-23T08:00:00Z');
const ZONE = { offsetMinutes: 480 };

// Engine start, as a service worker pays it each time the browser starts it again:
// the module compiled and instantiated, an engine built, and a first inquiry triaged
// (which builds the patterns). Timed first, while nothing of the engine is warm.
const wasmBytes = readFileSync(join(pkgDir, 'xunpan_bg.wasm'));
const startT0 = performance.now();
glue.initSync({ module: new WebAssembly.Module(wasmBytes) });
glue.useConceptTables(readFileSync(join(pkgDir, '..', 'data', 'concept-tables.txt'), 'utf8'));
const starter = new glue.WasmEngine(null);
const engineReadyMs = performance.now() - startT0;
starter.triage([{ id: 'start', body: 'Hello, please quote 500 pcs of item A, FOB Ningbo. What is the MOQ?' }], NOW, ZONE);
const engineStartMs = performance.now() - startT0;
starter.free();
const MIN_MESSAGES = 100_000;

function readCorpus(name) {
  return readFileSync(join(corpusDir, name), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));
}

/** FNV-1a over the id's UTF-8 bytes; odd hashes are held out (as train_model does). */
function heldOut(id) {
  let h = 0xcbf29ce484222325n;
  for (const b of Buffer.from(String(id ?? ''), 'utf8')) {
    h ^= BigInt(b);
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return h % 2n === 1n;
}

const withoutLabel = ({ label, ...inquiry }) => inquiry;
const textOf = (q) => `${q.subject ?? ''}\n${q.body ?? ''}`;
const flagged = (r) => r.verdict !== 'genuine';

// --- speed ------------------------------------------------------------------------------

const dev = readCorpus('inquiries-dev.jsonl');
const speedSet = dev.map(withoutLabel);
const rounds = Math.ceil(MIN_MESSAGES / speedSet.length);

const shipped = new glue.WasmEngine(null);
shipped.triage(speedSet, NOW, ZONE); // compile the patterns before the clock starts
let t0 = performance.now();
let spamCount = 0;
for (let r = 0; r < rounds; r++) {
  for (const result of shipped.triage(speedSet, NOW, ZONE)) spamCount += result.verdict === 'spam';
}
const wasmSeconds = (performance.now() - t0) / 1000;
const wasmPerS = (rounds * speedSet.length) / wasmSeconds;

// --- quality on the held-out halves -------------------------------------------------------

const all = [...dev, ...readCorpus('spamassassin-dev.jsonl')];
const train = all.filter((q) => !heldOut(q.id));
const test = all.filter((q) => heldOut(q.id));
const isSpam = (q) => q.label === 'spam';

t0 = performance.now();
const bayes = new natural.BayesClassifier();
for (const q of train) bayes.addDocument(textOf(q), isSpam(q) ? 'spam' : 'genuine');
bayes.train();
const naturalTrainS = (performance.now() - t0) / 1000;

t0 = performance.now();
const learner = new glue.WasmEngine({ format: 'xunpan-settings', version: 1, triage: { contentModel: false } });
learner.learnMany(train.map((q) => ({ inquiry: withoutLabel(q), spam: isSpam(q) })));
const ours = new glue.WasmEngine(learner.settings());
const oursTrainS = (performance.now() - t0) / 1000;

function accuracy(predictSpam) {
  let right = 0;
  for (const q of test) right += predictSpam(q) === isSpam(q);
  return right / test.length;
}
const BATCH = 200;
function engineAccuracy(engine) {
  let right = 0;
  for (let i = 0; i < test.length; i += BATCH) {
    const slice = test.slice(i, i + BATCH);
    engine.triage(slice.map(withoutLabel), NOW, ZONE).forEach((r, k) => {
      right += flagged(r) === isSpam(slice[k]);
    });
  }
  return right / test.length;
}
const naturalAccuracy = accuracy((q) => bayes.classify(textOf(q)) === 'spam');
const oursAccuracy = engineAccuracy(ours);
const shippedAccuracy = engineAccuracy(shipped);

// --- natural's speed on the same messages as the engine's --------------------------------

const texts = speedSet.map(textOf);
let classified = 0;
t0 = performance.now();
while (classified < 5_000 || performance.now() - t0 < 3_000) {
  bayes.classify(texts[classified % texts.length]);
  classified++;
  if (classified >= MIN_MESSAGES) break;
}
const naturalPerS = classified / ((performance.now() - t0) / 1000);

const round = (x, d = 0) => Number(x.toFixed(d));
const figures = {
  engine_start_ms: round(engineStartMs, 1),
  engine_ready_ms: round(engineReadyMs, 1),
  triage_wasm_per_s: round(wasmPerS),
  wasm_messages: rounds * speedSet.length,
  natural_per_s: round(naturalPerS),
  natural_messages: classified,
  wasm_vs_natural: round(wasmPerS / naturalPerS, 1),
  heldout_messages: test.length,
  train_messages: train.length,
  xunpan_heldout_accuracy: round(oursAccuracy, 4),
  natural_heldout_accuracy: round(naturalAccuracy, 4),
  xunpan_shipped_accuracy_seen: round(shippedAccuracy, 4),
  xunpan_train_s: round(oursTrainS, 2),
  natural_train_s: round(naturalTrainS, 2),
};

const rows = [
  ['engine start to first answer (ms)', figures.engine_start_ms, `module and engine ready in ${figures.engine_ready_ms} ms, the rest builds the patterns`],
  ['wasm engine (Node), inquiries/s', figures.triage_wasm_per_s, `${figures.wasm_messages} messages, ${spamCount} spam`],
  ['natural BayesClassifier, classifications/s', figures.natural_per_s, `${classified} messages`],
  ['wasm / natural', figures.wasm_vs_natural, 'target >= 5'],
  ['held-out accuracy, Xunpan (rules + filter on the training half)', figures.xunpan_heldout_accuracy, `${test.length} messages`],
  ['held-out accuracy, natural (training half)', figures.natural_heldout_accuracy, `${test.length} messages`],
  ['same half, shipped engine (its model saw it)', figures.xunpan_shipped_accuracy_seen, 'for reference only'],
  ['training time, Xunpan / natural (s)', `${figures.xunpan_train_s} / ${figures.natural_train_s}`, `${train.length} messages`],
];
for (const [what, value, note] of rows) console.log(`${what.padEnd(66)} ${String(value).padStart(10)}  ${note}`);
console.log(JSON.stringify(figures));
