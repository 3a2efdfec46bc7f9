// Loads the built engine in Node and triages one inquiry: catches a broken wasm
// (e.g. from a bad wasm-opt) right after the build. Usage: node smoke.mjs dist/pkg
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const dir = resolve(process.argv[2] ?? 'dist/pkg');
const glue = await import(pathToFileURL(join(dir, 'xunpan.js')).href);
glue.initSync({ module: readFileSync(join(dir, 'xunpan_bg.wasm')) });
glue.useConceptTables(readFileSync(join(dir, '..', 'data', 'concept-tables.txt'), 'utf8'));
const engine = new glue.WasmEngine(null);
const [result] = engine.triage([{ id: 'smoke', body: 'Hello, price for 100 pcs?' }], Date.now(), { offsetMinutes: 480 });
if (!result || !['spam', 'suspicious', 'genuine'].includes(result.verdict)) {
  throw new Error(`unexpected triage result: ${JSON.stringify(result)}`);
}
console.log(`engine ${glue.engineVersion()} ok: ${result.verdict}`);
