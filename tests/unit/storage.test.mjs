// Storage schema: data written by an older build is upgraded in one step, and
// nothing is touched when the data is current or from a newer build.
import assert from 'node:assert/strict';
import test from 'node:test';
import {
  fitBudget, jsonBytes, migrate, readingKey, readingOf, recordBytes, storedInquiry, writeSet,
  ITEMS_BUDGET_BYTES, MAX_ATTACHMENTS, MAX_BODY_CHARS, MAX_FIELD_CHARS, MAX_ITEMS, SCHEMA_VERSION, STORE_SCHEMA,
} from '../../extension/storage.js';

const v0 = {
  settings: { triage: { spamThreshold: 7 }, reply: { profile: { repName: 'Lily' } } },
  items: {
    a: { key: 'inquiry:1', id: '1', verdict: 'genuine', grade: 'A', updated: 1 },
    b: { id: '2', verdict: 'spam', channel: 'chat', updated: 2 },
    broken: { id: '3' },
    junk: null,
  },
  warned: { 'inquiry:1': 5 },
};

test('a version-0 snapshot is upgraded', () => {
  const result = migrate(v0);
  assert.equal(result.from, 0);
  const { data } = result;
  assert.equal(data[STORE_SCHEMA], SCHEMA_VERSION);
  assert.equal(data.settings.format, 'xunpan-settings');
  assert.equal(data.settings.triage.spamThreshold, 7, 'the rep\'s settings kept');
  assert.deepEqual(Object.keys(data.items).sort(), ['b', 'inquiry:1']);
  assert.equal(data.items['inquiry:1'].grade, 'A');
  assert.equal(data.items.b.channel, 'chat');
  assert.equal(data.items.b.key, 'b');
  assert.deepEqual(data.warned, { 'inquiry:1': 5 });
  assert.deepEqual(result.changed.sort(), ['items', STORE_SCHEMA, 'settings'].sort());
  // One write holds every changed key.
  assert.deepEqual(Object.keys(writeSet(result)).sort(), result.changed.sort());
});

test('current data is left as it is', () => {
  const { data } = migrate(v0);
  const again = migrate(data);
  assert.deepEqual(again.changed, []);
  assert.equal(again.data, data);
});

test('data from a newer build is not touched', () => {
  const newer = { [STORE_SCHEMA]: SCHEMA_VERSION + 1, items: { x: { weird: true } } };
  const result = migrate(newer);
  assert.deepEqual(result.changed, []);
  assert.equal(result.data, newer);
});

test('empty storage becomes a stamped, empty layout', () => {
  const result = migrate({});
  assert.deepEqual(result.changed, [STORE_SCHEMA]);
});

test('version 1 keeps the learned filter inside the settings; version 2 apart', () => {
  const learned = { spamDocs: 3, genuineDocs: 1, tokens: { login: [3, 0] } };
  const v1 = { [STORE_SCHEMA]: 1, settings: { format: 'xunpan-settings', version: 1, triage: { spamThreshold: 7, learned } } };
  const { data, changed } = migrate(v1);
  assert.deepEqual(data.learned, learned);
  assert.equal(data.settings.triage.learned, undefined, 'saving the settings can no longer carry an old filter');
  assert.equal(data.settings.triage.spamThreshold, 7);
  assert.deepEqual(changed.sort(), ['learned', STORE_SCHEMA, 'settings'].sort());
});

test('a stored inquiry has a known size: body and fields cut, the conversation and odd values dropped', () => {
  const long = 'x'.repeat(50_000);
  const stored = storedInquiry({
    id: '1', body: long, subject: long, receivedAt: '2026-11-23T01:02:00Z', weird: { nested: [long] },
    buyer: { name: long, country: 'US', productViews: 3, extra: { deep: long } },
    attachments: Array.from({ length: 50 }, (_, i) => ({ name: `${i}${long}`, size: i })),
    thread: { messages: [{ from: 'buyer', text: long }] },
  });
  assert.equal(stored.body.length, MAX_BODY_CHARS);
  assert.equal(stored.subject.length, MAX_FIELD_CHARS);
  assert.equal(stored.buyer.name.length, MAX_FIELD_CHARS);
  assert.equal(stored.buyer.productViews, 3);
  assert.equal(stored.buyer.extra, undefined);
  assert.equal(stored.weird, undefined);
  assert.equal(stored.thread, undefined);
  assert.equal(stored.attachments.length, MAX_ATTACHMENTS);
  assert.ok(jsonBytes(stored) < 8 * 1024, `${jsonBytes(stored)} bytes`);
});

test('sizes are counted as the browser counts them: UTF-8 bytes of the JSON', () => {
  for (const value of ['abc', '询盘', { a: 'é', b: ['😀'] }, 'line\nbreak "quoted"']) {
    assert.equal(jsonBytes(value), new TextEncoder().encode(JSON.stringify(value)).length, JSON.stringify(value));
  }
});

test('version 2 keeps the buyer\'s text in the items only; version 3 also under a key of each item\'s own', () => {
  const read = { key: 'inquiry:1', id: '1', verdict: 'genuine', receivedAt: '2026-12-01T08:00:00Z', updated: 1,
    inquiry: { id: '1', subject: 'Boxes', body: 'Price for 500 mailer boxes?', attachments: [{ name: 'logo.ai', size: 9 }] } };
  const v2 = {
    [STORE_SCHEMA]: 2,
    settings: { format: 'xunpan-settings', version: 1 },
    items: {
      'inquiry:1': { ...read, bytes: 400 },
      // No reading to keep: a preview, a thread alone, an old record with its subject for text.
      'inquiry:2': { key: 'inquiry:2', id: '2', verdict: 'spam', preview: { tag: null }, inquiry: { body: 'Cheap…' }, bytes: 99 },
      'inquiry:3': { key: 'inquiry:3', id: '3', verdict: null, inquiry: { body: '' }, bytes: 99 },
      'inquiry:4': { key: 'inquiry:4', id: '4', verdict: 'spam', inquiry: { subject: 'Hi', body: 'Hi' }, bytes: 99 },
    },
  };
  const result = migrate(v2);
  assert.equal(result.from, 2);
  const { data } = result;
  assert.deepEqual(data[readingKey('inquiry:1')], { receivedAt: '2026-12-01T08:00:00Z', body: 'Price for 500 mailer boxes?', attachments: [{ name: 'logo.ai', size: 9 }] });
  assert.deepEqual(Object.keys(data).filter((k) => k.startsWith('reading:')), [readingKey('inquiry:1')], 'only a reading to use again');
  for (const k of ['inquiry:2', 'inquiry:3', 'inquiry:4']) assert.equal(readingOf(data.items[k]), null, k);
  // Each record's size counted again, its reading's key in it: the budget covers both.
  const { bytes, ...rest } = data.items['inquiry:1'];
  assert.deepEqual(rest, read, 'the record itself unchanged');
  assert.equal(bytes, jsonBytes('inquiry:1') + jsonBytes(read) + 16 + jsonBytes(readingKey('inquiry:1')) + jsonBytes(data[readingKey('inquiry:1')]) + 16);
  assert.deepEqual(result.changed.sort(), ['items', readingKey('inquiry:1'), STORE_SCHEMA].sort());
  assert.deepEqual(Object.keys(writeSet(result)).sort(), result.changed.sort(), 'one write');
  assert.deepEqual(migrate(data).changed, [], 'once');
});

test('a version-2 store at the budget is upgraded within it: the least recently seen go, with no reading left of them', () => {
  const body = 'z'.repeat(MAX_BODY_CHARS);
  const items = {};
  for (let i = 0; i < 2000; i++) {
    const key = `inquiry:${i}`;
    const record = { key, id: String(i), verdict: 'genuine', receivedAt: '2026-12-01T08:00:00Z', updated: i, inquiry: { id: String(i), body } };
    items[key] = { ...record, bytes: jsonBytes(key) + jsonBytes(record) + 16 };
  }
  const v2bytes = Object.values(items).reduce((sum, i) => sum + i.bytes, 0);
  assert.ok(v2bytes <= ITEMS_BUDGET_BYTES, 'within the budget as version 2 counted it');
  const { data, changed } = migrate({ [STORE_SCHEMA]: 2, items });
  const kept = Object.keys(data.items);
  assert.ok(kept.length < 2000, 'some items go once their readings are counted');
  assert.ok(!kept.includes('inquiry:0') && kept.includes('inquiry:1999'), 'the least recently seen first');
  const total = Object.values(data.items).reduce((sum, i) => sum + i.bytes, 0);
  assert.ok(total <= ITEMS_BUDGET_BYTES);
  const written = writeSet({ data, changed });
  assert.ok(jsonBytes(written) <= ITEMS_BUDGET_BYTES + 64 * 1024, `the upgrade write stays within the budget (${jsonBytes(written)} bytes)`);
  const readings = Object.keys(data).filter((k) => k.startsWith('reading:'));
  assert.deepEqual(readings.sort(), kept.map(readingKey).sort(), 'a reading for each item kept, none for those gone');
});

test('past the budget the items least recently seen go, by size, and never more than needed', () => {
  const items = {};
  for (let i = 0; i < 100; i++) items[`inquiry:${i}`] = { key: `inquiry:${i}`, updated: i, verdict: 'genuine', inquiry: { body: 'y'.repeat(1000) } };
  // A budget that holds exactly the 60 most recent.
  const budget = Array.from({ length: 60 }, (_, i) => recordBytes(`inquiry:${99 - i}`, items[`inquiry:${99 - i}`])).reduce((a, b) => a + b);
  const dropped = fitBudget(items, budget);
  assert.equal(Object.keys(items).length, 60);
  assert.deepEqual(dropped, Array.from({ length: 40 }, (_, i) => `inquiry:${i}`), 'the oldest first');
  assert.deepEqual(fitBudget(items, budget), [], 'within the budget nothing goes');
  const many = {};
  for (let i = 0; i < MAX_ITEMS + 5; i++) many[`k${i}`] = { key: `k${i}`, updated: i };
  fitBudget(many, ITEMS_BUDGET_BYTES);
  assert.equal(Object.keys(many).length, MAX_ITEMS, 'and no more items than the cap');
});
