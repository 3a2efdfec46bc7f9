// Firefox's own linter (web-ext lint) on the built extension: prints each finding,
// fails on any error. Usage: node lint-firefox.mjs ../dist
import { execFileSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const dist = resolve(process.argv[2] ?? join(here, '../dist'));
const bin = join(here, 'node_modules/.bin/web-ext');
let out;
try {
  out = execFileSync(bin, ['lint', '-s', dist, '--output', 'json', '--no-input'], { encoding: 'utf8' });
} catch (err) {
  out = err.stdout; // web-ext exits non-zero on errors; the report is still on stdout
}
const report = JSON.parse(out);
for (const kind of ['errors', 'warnings', 'notices']) {
  for (const m of report[kind]) console.log(`${kind.slice(0, -1)}: ${m.code} (${m.file ?? ''}) ${m.message}`);
}
const { errors, warnings } = report.summary;
console.log(`web-ext lint: ${errors} errors, ${warnings} warnings`);
process.exit(errors ? 1 : 0);
