// The rep's desk: the side panel lists what the pages showed and exports it — a CSV
// that reads back with every item, spam tagged and last — and Options' advanced part
// exports JSON Lines the `xunpan` tool accepts.
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
  await panel.waitForSelector('#charts figure.chart');
  mkdirSync(ARTIFACTS, { recursive: true });
  await panel.setViewportSize({ width: 420, height: 800 });
  await panel.screenshot({ path: join(ARTIFACTS, 'panel-en.png') });
});

after(async () => {
  await browser?.close();
  await demo?.close();
});

async function download(buttonId, page = panel) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(`#${buttonId}`)]);
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
  const zone = await panel.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
  assert.equal(lines[0], `"Number","Channel","Name","E-mail","Phone and address","Company","Country","Tag","Grade","Priority","Summary","Inquiry time (${zone})"`);
  // Buyer text may hold line breaks inside quotes; count records by their summaries instead.
  for (const item of items) assert.ok(text.includes(`"${(item.subject ?? '').slice(0, 30)}`), `row for ${item.key}`);
  assert.ok(lines.length >= items.length + 1);
  // Buyers first, spam last, each row saying its tag.
  const tags = lines.slice(1).map((l) => l.match(/^(?:"[^"]*",){7}"([^"]*)"/)?.[1]).filter(Boolean);
  assert.ok(tags.includes('spam') && tags.includes('genuine'), tags.join());
  assert.ok(tags.indexOf('spam') > tags.lastIndexOf('genuine'), 'spam sorted after the buyers');
});

test('the JSON Lines export is read by the xunpan tool, line for line', async () => {
  const items = await storedItems();
  const options = await browser.context.newPage();
  await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
  await options.waitForSelector('button[type=submit]:not([disabled])');
  await options.click('#advanced summary');
  const { path, text } = await download('exportJsonl', options);
  await options.close();
  const lines = text.trimEnd().split('\n');
  assert.equal(lines.length, items.length);
  for (const line of lines) assert.ok(JSON.parse(line).body !== undefined);
  const cli = resolve('..', 'target', 'debug', 'xunpan'); // built by the cargo test tier
  if (!existsSync(cli)) execFileSync('cargo', ['build', '-q', '--bin', 'xunpan'], { cwd: resolve('..') });
  const out = execFileSync(cli, ['triage', path], { encoding: 'utf8' }).trimEnd().split('\n');
  assert.equal(out.length, items.length);
  for (const line of out) assert.ok(['spam', 'suspicious', 'genuine'].includes(JSON.parse(line).verdict), line);
});

test('filters, search and counts narrow the queue to what the rep asks for', async () => {
  const items = await storedItems();
  const rows = () => panel.$$eval('#queue li.row', (els) => els.map((e) => e.getAttribute('data-key')));
  const all = await rows();
  const open = Number((await panel.textContent('#counts')).match(/\d+/)?.[0]);
  assert.equal(all.length, open, 'the list and its count agree');
  assert.ok(all.every((k) => items.some((i) => i.key === k)), 'only items the pages showed');
  await panel.selectOption('#verdict', 'spam');
  await panel.waitForFunction((n) => document.querySelectorAll('#queue li.row').length < n, all.length);
  const spam = await rows();
  const byKey = Object.fromEntries(items.map((i) => [i.key, i]));
  assert.ok(spam.length > 0 && spam.every((k) => byKey[k].verdict === 'spam'), spam.join());
  await panel.selectOption('#verdict', '');
  const someone = items.find((i) => i.verdict === 'genuine' && !i.replied && i.buyer);
  await panel.fill('#search', someone.buyer.split(' ')[0]);
  await panel.waitForFunction((n) => document.querySelectorAll('#queue li.row').length < n, all.length);
  const found = await rows();
  assert.ok(found.includes(someone.key), `search finds ${someone.buyer}`);
  await panel.screenshot({ path: join(ARTIFACTS, 'panel-en-filtered.png') });
  await panel.fill('#search', '');
  await panel.waitForFunction((n) => document.querySelectorAll('#queue li.row').length === n, all.length);
});

test('a click on a row opens that inquiry\'s page', async () => {
  // A buyer whose detail page keeps it genuine (spam is out of the queue by default).
  const key = await panel.$eval('#queue li.row[data-url*="maDetail"]:has(.tag.genuine)', (e) => e.getAttribute('data-key'));
  const url = await panel.$eval(`#queue li.row[data-key="${key}"]`, (e) => e.getAttribute('data-url'));
  const [opened] = await Promise.all([
    browser.context.waitForEvent('page', { timeout: 10_000 }),
    panel.click(`#queue li.row[data-key="${key}"]`),
  ]);
  await opened.waitForLoadState('domcontentloaded');
  assert.equal(opened.url().split('#')[0], url.split('#')[0]);
  await opened.waitForSelector('[data-xunpan-verdict]', { timeout: 20_000 });
  // A second click focuses the open page instead of opening another.
  const pagesBefore = browser.context.pages().length;
  await panel.click(`#queue li.row[data-key="${key}"]`);
  await panel.waitForTimeout(500);
  assert.equal(browser.context.pages().length, pagesBefore, 'no second tab for the same inquiry');
  await opened.close();
});

test('the metrics charts show a fortnight of bars against the targets', async () => {
  await panel.waitForSelector('#charts figure.chart');
  const charts = await panel.$$eval('#charts figure.chart', (figs) => figs.map((f) => ({
    metric: f.dataset.metric,
    caption: f.querySelector('figcaption').textContent,
    bars: f.querySelectorAll('rect.bar').length,
    titled: [...f.querySelectorAll('rect.bar title')].every((t) => /^\d{2}-\d{2}: /.test(t.textContent)),
    target: Boolean(f.querySelector('line.target')),
    measured: f.querySelectorAll('rect.bar:not(.none)').length,
  })));
  assert.deepEqual(charts.map((c) => c.metric), ['received', 'timelyRate', 'firstReplyHours']);
  for (const c of charts) {
    assert.equal(c.bars, 14, `${c.metric}: one bar per day`);
    assert.ok(c.titled, `${c.metric}: every bar says its day and value`);
  }
  assert.deepEqual(charts.map((c) => c.target), [false, true, true], 'target lines where there is a target');
  assert.ok(charts[0].measured >= 1, 'today received something');
  assert.match(charts[1].caption, /target 99\.5 %/);
  assert.match(charts[2].caption, /top-10 peers 0\.16 h/);
});

test('"Insert reply" on a row opens the inquiry and puts the reply in its editor, unsent', async () => {
  const items = await storedItems();
  const keys = await panel.$$eval('#queue li.row[data-url*="maDetail"]:has(button.insert)', (els) => els.map((e) => e.getAttribute('data-key')));
  const item = items.find((i) => keys.includes(i.key) && i.verdict === 'genuine' && i.buyer);
  const row = item.key;
  // The page is not open: the panel opens it and inserts once the page shows the item.
  const [opened] = await Promise.all([
    browser.context.waitForEvent('page', { timeout: 10_000 }),
    panel.click(`#queue li.row[data-key="${row}"] button.insert`),
  ]);
  const editorText = () => opened.evaluate(() => window.tinymce?.get?.('normal-im-send')?.getContent?.({ format: 'text' }) ?? '');
  await opened.waitForFunction(() => (window.tinymce?.get?.('normal-im-send')?.getContent?.() ?? '').length > 40, null, { timeout: 25_000 });
  const first = await editorText();
  const given = item.buyer.split(/\s+/)[0];
  assert.ok(first.includes(given), `the reply greets ${given}: ${first.slice(0, 80)}`);
  await panel.waitForSelector('#panelStatus:not([hidden])');
  assert.match(await panel.textContent('#panelStatus'), /check it and send it yourself/);
  assert.equal(await opened.evaluate(() => window.__demoSent), undefined, 'nothing was sent');
  // The page is open now: a second press inserts into it again, no new tab.
  const pagesBefore = browser.context.pages().length;
  await panel.click(`#queue li.row[data-key="${row}"] button.insert`);
  await opened.waitForFunction((n) => window.tinymce.get('normal-im-send').getContent({ format: 'text' }).length > n, first.length);
  assert.equal(browser.context.pages().length, pagesBefore, 'the open page was used');
  await opened.close();
});

test('a row whose follow-up is due offers "Insert follow-up" and puts the follow-up in, unsent', async () => {
  // The demo's list shows one inquiry whose last word is our reply, unread for more
  // than a day: the row's Insert is the follow-up for an unread reply, by its name.
  const row = await panel.$eval('#queue li.row[data-state="follow_up"]', (el) => ({
    key: el.getAttribute('data-key'),
    url: el.getAttribute('data-url'),
    template: el.querySelector('.template')?.textContent ?? null,
    button: el.querySelector('button.insert')?.textContent ?? null,
    chosen: el.querySelector('button.insert')?.dataset.template ?? null,
  }));
  assert.deepEqual([row.button, row.chosen, row.template], ['Insert follow-up', 'follow_up_unread', 'Follow up: not read yet'], JSON.stringify(row));
  // Answered rows with nothing due offer no Insert.
  const quiet = await panel.$$eval('#queue li.row[data-state="met"] button.insert', (els) => els.length);
  assert.equal(quiet, 0);
  const [opened] = await Promise.all([
    browser.context.waitForEvent('page', { timeout: 10_000 }),
    panel.click(`#queue li.row[data-key="${row.key}"] button.insert`),
  ]);
  await opened.waitForFunction(() => (window.tinymce?.get?.('normal-im-send')?.getContent?.() ?? '').length > 40, null, { timeout: 25_000 });
  const text = await opened.evaluate(() => window.tinymce.get('normal-im-send').getContent({ format: 'text' }));
  assert.match(text, /following up/i, text.slice(0, 200));
  await panel.waitForFunction(() => /check it and send it yourself/.test(document.getElementById('panelStatus')?.textContent ?? ''), null, { timeout: 15_000 });
  assert.equal(await opened.evaluate(() => window.__demoSent), undefined, 'nothing was sent');
  await opened.close();
});

test('"Insert reply" into a page whose editor does not take the reply says so, not "not found"', async () => {
  const items = await storedItems();
  const keys = await panel.$$eval('#queue li.row[data-url*="maDetail"]:has(button.insert)', (els) => els.map((e) => e.getAttribute('data-key')));
  const item = items.find((i) => keys.includes(i.key) && i.verdict === 'genuine' && i.buyer);
  const page = await browser.context.newPage();
  await page.goto(item.url);
  await page.waitForSelector('[data-xunpan-verdict]', { timeout: 20_000 });
  // The page's editor is there and answers, but keeps nothing it is given.
  await page.evaluate(() => {
    const open = document.querySelector('div.mock-reply div.holder');
    open?.click();
  });
  await page.waitForFunction(() => window.tinymce?.get?.('normal-im-send'));
  await page.evaluate(() => {
    const ed = window.tinymce.get('normal-im-send');
    ed.setContent = () => {};
    ed.insertContent = () => {};
  });
  await panel.click(`#queue li.row[data-key="${item.key}"] button.insert`);
  await panel.waitForFunction(() => /did not take the reply/.test(document.getElementById('panelStatus')?.textContent ?? ''), null, { timeout: 15_000 });
  const said = await panel.textContent('#panelStatus');
  assert.doesNotMatch(said, /was not found/, said);
  assert.equal(await page.evaluate(() => window.__demoSent), undefined, 'nothing was sent');
  await page.close();
});

test('"Insert reply" for an item whose page shows something else says so and changes nothing', async () => {
  const rows = await panel.$$eval('#queue li.row[data-url*="maDetail"]:has(button.insert)', (els) => els.map((e) => e.getAttribute('data-key')));
  const other = rows[1];
  // The panel's message reaches a detail page that shows a different inquiry.
  const items = await storedItems();
  const shown = items.find((i) => i.key === rows[0]);
  const target = items.find((i) => i.key === other);
  const page = await browser.context.newPage();
  await page.goto(shown.url);
  await page.waitForSelector('[data-xunpan-verdict]', { timeout: 20_000 });
  const draft = () => page.evaluate(() => window.tinymce?.get?.('normal-im-send')?.getContent?.() ?? '');
  const before = await draft();
  const answer = await panel.evaluate(async ({ url, id, channel, template }) => {
    const [tab] = await chrome.tabs.query({ url: url.split('#')[0] + '*' });
    return chrome.tabs.sendMessage(tab.id, { type: 'xunpan/insert-reply', id, channel, template });
  }, { url: shown.url, id: target.id, channel: target.channel, template: target.template });
  assert.deepEqual(answer, { ok: false, reason: 'notOpen' });
  await page.waitForTimeout(300);
  assert.equal(await draft(), before, 'the editor is untouched');
  await page.close();
});
