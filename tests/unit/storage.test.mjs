// Storage schema: data written by an older build is upgraded in one step, and
// nothing is touched when the data is current or from a newer build.
import assert from 'node:assert/strict';
import test from 'node:test';
import { migrate, writeSet, SCHEMA_VERSION, STORE_SCHEMA } from '../../extension/storage.js';

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
