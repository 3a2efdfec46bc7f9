// The exports: CSV that Excel opens correctly and cannot be turned into formulas,
// JSON Lines in the Inquiry shape.
import assert from 'node:assert/strict';
import test from 'node:test';
import { csvCell, fileDay, toCsv, toJsonl, CSV_COLUMNS } from '../../extension/export.js';

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

test('every cell is quoted, quotes doubled: a ; or , stays in its cell in every locale', () => {
  for (const [value, want] of [
    ['plain', '"plain"'], ['a,b', '"a,b"'], ['a;b', '"a;b"'], ['say "hi"', '"say ""hi"""'], ['two\nlines', '"two\nlines"'],
    [null, '""'], [undefined, '""'], [42, '"42"'], ['询盘', '"询盘"'],
  ]) assert.equal(csvCell(value), want, String(value));
});

test('text a spreadsheet would run as a formula is neutralised, whatever comes before it', () => {
  for (const evil of ['=HYPERLINK("http://x","y")', '+1+1', '-2+3', '@SUM(A1)', '\tx', '\rx',
    ' =1+1', '\u00a0=1+1', '\u3000=1+1', '\ufeff=1', '  \t@x',
    '\uff1dcmd|" /c calc"!A1', '\uff0b1', '\uff0d1', '\uff20SUM(A1)', ' \uff1d1']) {
    assert.ok(csvCell(evil).startsWith(`"'`), JSON.stringify(evil));
  }
  for (const fine of ['Lily Chen', '1+1', 'a=b', '询盘 = 好']) assert.ok(!csvCell(fine).startsWith(`"'`), fine);
});

test('the CSV has a BOM, CRLF lines, the report columns with tag and priority, and reads back', () => {
  const words = (key) => ({ csvNumber: '编号', csvName: '姓名', csvInquiryTime: '询盘时间', verdict_spam: '垃圾', verdict_genuine: '真实', priority_high: '高', channel_inquiry: '询盘', channel_chat: '聊天' })[key] ?? key;
  const text = toCsv([
    item({ verdict: 'genuine', priority: 'high' }),
    item({ id: '2', subject: '=cmd|" /c calc"!A1', inquiry: undefined, buyer: 'Ann', country: 'US', verdict: 'spam', priority: 'low' }),
    item({ id: 'c-881', key: 'chat:c-881', channel: 'chat', inquiry: undefined, buyer: 'Bo', verdict: 'genuine' }),
  ], words, 'Asia/Shanghai');
  assert.ok(text.startsWith('\uFEFF'));
  assert.ok(text.endsWith('\r\n'));
  const rows = parseCsv(text.slice(1));
  assert.equal(rows.length, 4);
  const col = Object.fromEntries(CSV_COLUMNS.map(([key], n) => [key, n]));
  assert.equal(rows[0].length, CSV_COLUMNS.length);
  assert.equal(rows[0][col.csvNumber], '编号');
  assert.equal(rows[0][col.csvInquiryTime], '询盘时间 (Asia/Shanghai)', 'the times say their zone');
  assert.equal(rows[1][col.csvName], '王小明');
  assert.equal(rows[1][col.csvPhoneAddress], "'+86 1 / Road 1"); // a leading + would be read as a formula
  assert.equal(rows[1][col.csvCompany], 'ACME "Ltd"');
  assert.equal(rows[1][col.csvTag], '真实');
  assert.equal(rows[1][col.csvPriority], '高');
  assert.match(rows[1][col.csvInquiryTime], /^2026-11-2\d \d\d:02$/);
  assert.equal(rows[2][col.csvName], 'Ann');
  assert.equal(rows[2][col.csvTag], '垃圾', 'spam can be sorted away');
  assert.ok(rows[2][col.csvSummary].startsWith("'="));
  assert.equal(rows[3][col.csvNumber], '', 'a chat has no inquiry number: no page id in its place');
  assert.equal(rows[3][col.csvChannel], '聊天');
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

test('a file saved now is named for the rep\'s day, not UTC\'s', () => {
  const zone = process.env.TZ;
  try {
    for (const [tz, iso, want] of [
      ['Asia/Shanghai', '2026-12-05T23:30:00Z', '2026-12-06'], // 07:30 on the 6th in Shanghai
      ['America/Los_Angeles', '2026-12-06T03:00:00Z', '2026-12-05'], // 19:00 on the 5th
      ['UTC', '2026-12-05T23:30:00Z', '2026-12-05'],
    ]) {
      process.env.TZ = tz;
      assert.equal(fileDay(Date.parse(iso)), want, `${iso} in ${tz}`);
    }
  } finally {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  }
});
