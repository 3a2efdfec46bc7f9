// The rep's desk: the side panel lists what the pages showed and exports it —
// a CSV that reads back with every item, and JSON Lines the `xunpan` tool accepts.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ARTIFACTS, launch, startDemo, waitAllRowsTagged } from './harness.mjs';

const LIST = 'https://message.alibaba.com/message/default.htm?lang=en';
let demo;
let browser;
let panel;

before(async () => {
  demo = await startDemo();
  browser = await launch(demo.port);
  const page = await browser.context.newPage();
  await page.goto(LIST);
  await waitAllRowsTagged(page);
  panel = await browser.context.newPage();
  await panel.goto(`chrome-extension://${browser.extensionId}/sidepanel.html`);
  await panel.waitForSelector('#queue li.row');
  mkdirSync(ARTIFACTS, { recursive: true });
  await panel.setViewportSize({ width: 420, height: 800 });
  await panel.screenshot({ path: join(ARTIFACTS, 'panel-en.png') });
});

after(async () => {
  await browser?.close();
  await demo?.close();
});

async function download(buttonId) {
  const [file] = await Promise.all([panel.waitForEvent('download'), panel.click(`#${buttonId}`)]);
  const path = join(mkdtempSync(join(tmpdir(), 'xunpan-export-')), file.suggestedFilename());
  await file.saveAs(path);
  return { path, name: file.suggestedFilename(), text: readFileSync(path, 'utf8') };
}

const storedItems = () => browser.worker.evaluate(async () => Object.values((await chrome.storage.local.get('items')).items ?? {}));

test('the CSV export has a BOM, the report columns and one row per item', async () => {
  const items = await storedItems();
  const { name, text } = await download('export-csv');
  assert.match(name, /^xunpan-inquiries-\d{4}-\d{2}-\d{2}\.csv$/);
  assert.ok(text.startsWith('\uFEFF'), 'UTF-8 byte-order mark for Excel');
  const lines = text.slice(1).split('\r\n').filter(Boolean);
  assert.equal(lines[0], 'Number,Name,E-mail,Phone and address,Company,Country,Grade,Summary,Inquiry time');
  // Buyer text may hold line breaks inside quotes; count records by ids instead.
  for (const item of items) assert.ok(text.includes(item.id ?? item.key), `row for ${item.id}`);
  assert.ok(lines.length >= items.length + 1);
});

test('the JSON Lines export is read by the xunpan tool, line for line', async () => {
  const items = await storedItems();
  const { path, text } = await download('export-jsonl');
  const lines = text.trimEnd().split('\n');
  assert.equal(lines.length, items.length);
  for (const line of lines) assert.ok(JSON.parse(line).body !== undefined);
  const cli = resolve('..', 'target', 'debug', 'xunpan'); // built by the cargo test tier
  if (!existsSync(cli)) execFileSync('cargo', ['build', '-q', '--bin', 'xunpan'], { cwd: resolve('..') });
  const out = execFileSync(cli, ['triage', path], { encoding: 'utf8' }).trimEnd().split('\n');
  assert.equal(out.length, items.length);
  for (const line of out) assert.ok(['spam', 'suspicious', 'genuine'].includes(JSON.parse(line).verdict), line);
});
