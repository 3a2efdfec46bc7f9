// Nothing leaves the browser, checked in the source: no script of the extension opens
// a connection, loads remote code or evaluates strings. The one exception is
// page-data.js, which wraps the page's own XMLHttpRequest and fetch to read answers the
// page asked for (it never starts a request itself): the test pins exactly that. Reading
// the extension's own files (`fetch(api.runtime.getURL(…))`, the chosen language's
// messages) stays inside the browser and is allowed in that form only.
import assert from 'node:assert/strict';
import test from 'node:test';
import { readFileSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const dir = join(root, 'extension');
const files = readdirSync(dir).filter((f) => /\.(js|html)$/.test(f));

/** The code of a file with its comments removed (URLs in comments are documentation). */
const code = (f) => readFileSync(join(dir, f), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');

const NETWORK = [/\bfetch\s*\(/, /\bXMLHttpRequest\b/, /\bWebSocket\b/, /\bsendBeacon\b/, /\bEventSource\b/, /\bimportScripts\s*\(/,
  /\beval\s*\(/, /\bnew\s+Function\s*\(/, /<script[^>]+src=["']https?:/i, /\bimport\s*\(\s*["'`]https?:/];

test('no script opens a connection, loads remote code or evaluates strings', () => {
  const found = [];
  for (const f of files) {
    // The extension's own packaged files are not the network.
    const text = code(f).replace(/\bfetch\s*\(\s*api\.runtime\.getURL\(/g, 'readPackaged(');
    for (const pattern of NETWORK) {
      if (!pattern.test(text)) continue;
      if (f === 'page-data.js' && ['\\bfetch\\s*\\(', '\\bXMLHttpRequest\\b'].includes(pattern.source)) continue;
      found.push(`${f}: ${pattern}`);
    }
  }
  assert.deepEqual(found, []);
});

test('page-data.js only wraps what the page calls: it starts no request of its own', () => {
  const text = code('page-data.js');
  assert.ok(!/new\s+XMLHttpRequest|\.send\s*\(/.test(text), 'no XHR of its own');
  assert.ok(!/(^|[^.\w])fetch\s*\(/m.test(text), 'no direct fetch call');
  assert.match(text, /original\.call\(this, input, init\)/, 'the page\'s fetch goes through unchanged');
});

test('the only web addresses in the code are Alibaba seller pages', () => {
  const urls = files.flatMap((f) => [...code(f).matchAll(/https?:\/\/[^\s'"`)]+/g)].map((m) => `${f}: ${m[0]}`));
  const foreign = urls.filter((u) => !/https:\/\/([a-z0-9-]+\.)*alibaba\.com\//.test(u.split(': ')[1]));
  assert.deepEqual(foreign, []);
});
