// The exports: CSV that Excel opens correctly and cannot be turned into formulas,
// JSON Lines in the Inquiry shape.
import assert from 'node:assert/strict';
import test from 'node:test';
import { csvCell, toCsv, toJsonl, CSV_COLUMNS } from '../../extension/export.js';

const header = (key) => ({ csvNumber: '编号', csvName: '姓名' })[key] ?? key;
const item = (over = {}) => ({
  key: 'inquiry:1', id: '1', grade: 'A', subject: 'Price for 200 pcs, FOB?', receivedAt: '2026-11-23T01:02:00Z',
  inquiry: { id: '1', channel: 'inquiry', body: 'Price for 200 pcs, FOB?', buyer: { name: '王小明', email: 'w@x.cn', phone: '+86 1', address: 'Road 1', company: 'ACME "Ltd"', country: 'CN' } },
  ...over,
});

/** Splits CSV text into rows of cells (RFC 4180, enough for the test). */
function parseCsv(text) {
  const rows = [[]];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = false; else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { rows.at(-1).push(cell); cell = ''; } else if (c === '\r' && text[i + 1] === '\n') { rows.at(-1).push(cell); cell = ''; rows.push([]); i++; } else cell += c;
  }
  if (rows.at(-1).length === 0) rows.pop();
  return rows;
}

test('cells are quoted only when needed, quotes doubled', () => {
  for (const [value, want] of [
    ['plain', 'plain'], ['a,b', '"a,b"'], ['say "hi"', '"say ""hi"""'], ['two\nlines', '"two\nlines"'],
    [null, ''], [undefined, ''], [42, '42'], ['询盘', '询盘'],
  ]) assert.equal(csvCell(value), want, String(value));
});

test('text a spreadsheet would run as a formula is neutralised', () => {
  for (const evil of ['=HYPERLINK("http://x","y")', '+1+1', '-2+3', '@SUM(A1)', '\tx', '\rx']) {
    assert.ok(csvCell(evil).replace(/^"/, '').startsWith("'"), evil);
  }
});

test('the CSV has a BOM, CRLF lines, the report columns and reads back', () => {
  const text = toCsv([item(), item({ id: '2', subject: '=cmd|" /c calc"!A1', inquiry: undefined, buyer: 'Ann', country: 'US' })], header);
  assert.ok(text.startsWith('\uFEFF'));
  assert.ok(text.endsWith('\r\n'));
  const rows = parseCsv(text.slice(1));
  assert.equal(rows.length, 3);
  assert.deepEqual(rows[0].slice(0, 2), ['编号', '姓名']);
  assert.equal(rows[0].length, CSV_COLUMNS.length);
  assert.equal(rows[1][1], '王小明');
  assert.equal(rows[1][3], "'+86 1 / Road 1"); // a leading + would be read as a formula
  assert.equal(rows[1][4], 'ACME "Ltd"');
  assert.match(rows[1][8], /^2026-11-2\d \d\d:02$/);
  assert.equal(rows[2][1], 'Ann');
  assert.ok(rows[2][7].startsWith("'="));
});

test('an empty list still gives the header row', () => {
  assert.equal(parseCsv(toCsv([], header).slice(1)).length, 1);
});

test('JSON Lines: one Inquiry per line, the stored copy when there is one', () => {
  const lines = toJsonl([item(), item({ inquiry: undefined, id: '9', channel: 'chat', buyer: 'Bo' })]).trimEnd().split('\n');
  assert.equal(lines.length, 2);
  const [a, b] = lines.map((l) => JSON.parse(l));
  assert.equal(a.buyer.name, '王小明');
  assert.equal(b.id, '9');
  assert.equal(b.channel, 'chat');
  assert.equal(b.buyer.name, 'Bo');
});
