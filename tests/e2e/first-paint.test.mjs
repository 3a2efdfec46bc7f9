// An extension page's labels are written in the rep's language while the page is
// parsed (extension/first-paint.js). The parser may stop between a label's element and
// its text, or in the middle of the text, whenever the data arrives in pieces or the
// machine is busy; the label must not then read "导出 CSVExport CSV". Here a local
// server sends the markup in pieces, with pauses exactly there, so the case is the same
// on every run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { CHROMIUM, DIST } from './harness.mjs';

const { chromium } = createRequire(import.meta.url)('playwright-core');
const pause = (ms) => new Promise((done) => setTimeout(done, ms));
const scripts = ['locale.js', 'first-paint.js'];

// The Chinese label as the language table has it, kept where first-paint.js looks.
const zh = JSON.parse(readFileSync(join(DIST, '_locales/zh_CN/messages.json'), 'utf8'));
const KEPT = JSON.stringify({ language: 'zh_CN', table: { exportCsv: zh.exportCsv, metricsTitle: zh.metricsTitle } });

/** What the label reads each time the parser reaches a script after it. */
const SEEN = '<script>window.seen.push(document.getElementById("label").textContent)</script>';

// Each piece is sent after a pause: the label's element alone, then half its text, then
// the rest; a second label ends its element before its text comes.
const PIECES = [
  `<!doctype html><html><head><meta charset="utf-8">${scripts.map((s) => `<script src="/${s}"></script>`).join('')}<script>window.seen = []</script></head><body>
   <button id="label" data-i18n="exportCsv">`,
  'Export',
  ' CSV</button>',
  SEEN,
  '<details><summary id="summary" data-i18n="metricsTitle"></summary>',
  'Last 30 days</details><script>window.seen.push(document.getElementById("summary").textContent)</script></body></html>',
];

test('a label whose text arrives after its element is still written in the rep\'s language', async () => {
  const server = createServer(async (request, response) => {
    const name = request.url.slice(1);
    if (scripts.includes(name)) {
      response.writeHead(200, { 'content-type': 'text/javascript' });
      response.end(readFileSync(join(DIST, name)));
      return;
    }
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    for (const piece of PIECES) {
      response.write(piece);
      await pause(150);
    }
    response.end();
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage();
    await page.addInitScript((kept) => localStorage.setItem('xunpan.locale', kept), KEPT);
    await page.goto(`http://127.0.0.1:${server.address().port}/`, { waitUntil: 'load' });
    const seen = await page.evaluate(() => window.seen);
    assert.deepEqual(seen, [zh.exportCsv.message, zh.metricsTitle.message], 'what each label read while the page was parsed');
  } finally {
    await browser.close();
    server.close();
  }
});
