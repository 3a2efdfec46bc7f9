// Tier 2: the extension's engine and the command-line tool decide alike.
//
// The wasm build and the native tool search the engine's patterns differently
// (regex-automata's lazy DFA alone in the wasm, the regex crate with every speed
// feature natively; see src/core/pattern.rs) and
// pass their input through different doors (JavaScript values as JSON text, JSON
// lines). Both
// must give the same result, field for field (verdict, score, every reason with its
// weight and text, kind, grade, priority, template and its alternatives, deadline): on
// every message of the two labelled inquiry sets, and on the first 1 500 of the
// SpamAssassin set, each read as one batch (repeated texts are judged across a batch).
// The sets are in ../shared/corpus beside the checkout: without them each test is
// skipped, saying so, and under CI (CI=true) it fails.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join, resolve } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const pkg = resolve(process.env.XUNPAN_DIST ?? join(root, 'dist'), 'pkg');
const glue = await import(pathToFileURL(join(pkg, 'xunpan.js')).href);
glue.initSync({ module: readFileSync(join(pkg, 'xunpan_bg.wasm')) });
glue.useConceptTables(readFileSync(join(pkg, '..', 'data', 'concept-tables.txt'), 'utf8'));
// As the extension's worker does at start: triage reads whether a text's language is
// one the tables read, and Latin languages are told by this table.
glue.loadLanguageWords(readFileSync(join(pkg, '..', 'language-words.tsv'), 'utf8'));

const NOW = '2026-11-23T09:15:00+08:00';
const corpora = ['inquiries-dev.jsonl', 'inquiries-dev2.jsonl', 'spamassassin-dev.jsonl'].map((name) => join(root, '../shared/corpus', name));
const underCi = process.env.CI === 'true';

// The native tool of the sources under test: built (or found up to date) once per run.
// A binary left from an earlier build would compare the wasm with older rules.
let built = null;
function cli() {
  built ??= (execFileSync('cargo', ['build', '-q', '--bin', 'xunpan'], { cwd: root, stdio: 'inherit' }),
    join(root, 'target', 'debug', 'xunpan'));
  return built;
}

for (const path of corpora) {
  const name = `wasm and native triage agree on ${path.split('/').pop()}`;
  if (!existsSync(path)) {
    const missing = `${path} not found (../shared beside the checkout)`;
    if (underCi) test(name, () => assert.fail(`${missing}: CI checks the engines against each other on it`));
    else test(name, { skip: missing }, () => {});
    continue;
  }
  test(name, () => {
    const lines = readFileSync(path, 'utf8').trim().split('\n').slice(0, 1500);
    const sample = join(mkdtempSync(join(tmpdir(), 'xunpan-parity-')), 'sample.jsonl');
    writeFileSync(sample, lines.join('\n') + '\n');
    const inquiries = lines.map((l) => {
      const { label, ...inquiry } = JSON.parse(l);
      return inquiry;
    });
    const native = execFileSync(cli(), ['triage', '--tz', '+08:00', '--now', NOW, sample], {
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    }).trimEnd().split('\n').map((l) => JSON.parse(l));
    // One batch, as the tool reads one file: repeated texts are judged across it.
    const wasm = new glue.WasmEngine(null).triage(inquiries, Date.parse(NOW), { offsetMinutes: 480 });
    assert.equal(wasm.length, native.length);
    for (let i = 0; i < native.length; i++) assertSameResult(wasm[i], native[i], `line ${i + 1} (${native[i].id})`);
  });
}

/** Every field of the two results, one by one so that a failure names the field. */
function assertSameResult(wasm, native, where) {
  assert.ok(native.verdict && Array.isArray(native.reasons), `${where}: the tool gave a triage result: ${JSON.stringify(native)}`);
  const keys = new Set([...Object.keys(wasm), ...Object.keys(native)]);
  for (const key of keys) assert.deepEqual(wasm[key], native[key], `${where}: ${key}`);
}
