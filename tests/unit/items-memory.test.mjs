// The service worker keeps the items it wrote (it is their only writer), and each
// record's reading of the buyer's text also under a key of its own: a page's triage
// looks up earlier readings of replied rows without reading the whole store, up to
// 6 MB, whether the worker has just started or has written the items.
import assert from 'node:assert/strict';
import test from 'node:test';

// A storage.local as the browser's: values copied in and out, `get` of a key, a list
// of keys or everything; every call counted, and writes refused while `refuse` says so.
const store = {};
const calls = [];
let refuse = () => false;
globalThis.chrome = {
  storage: {
    local: {
      get: async (keys) => {
        calls.push(['get', keys]);
        const wanted = keys === null ? Object.keys(store) : [keys].flat();
        return structuredClone(Object.fromEntries(wanted.filter((k) => k in store).map((k) => [k, store[k]])));
      },
      set: async (values) => {
        calls.push(['set', Object.keys(values)]);
        if (refuse(values)) throw new Error('QUOTA_BYTES quota exceeded');
        Object.assign(store, structuredClone(values));
      },
      remove: async (keys) => {
        calls.push(['remove', keys]);
        for (const k of [keys].flat()) delete store[k];
      },
    },
  },
};
const { itemsWrite, itemsWriteProblem, keptReadings, readingFor, updateItems } = await import('../../extension/worker-items.js');
const { readingKey, ITEMS_BUDGET_BYTES, MAX_BODY_CHARS } = await import('../../extension/storage.js');

const record = (id, body, extra = {}) => ({
  key: `inquiry:${id}`, id, verdict: 'genuine', receivedAt: '2026-12-01T08:00:00Z', updated: Number(id),
  inquiry: { id, subject: 'Inquiry from Product Details Page', body }, ...extra,
});

test('a worker just started reads the readings of the rows asked for, never the items', async () => {
  store.items = { 'inquiry:1': record('1', 'Price for 500 boxes?'), 'inquiry:2': record('2', 'MOQ?') };
  store[readingKey('inquiry:1')] = { receivedAt: '2026-12-01T08:00:00Z', body: 'Price for 500 boxes?' };
  store[readingKey('inquiry:2')] = { receivedAt: '2026-12-01T08:00:00Z', body: 'MOQ?' };
  calls.length = 0;
  const readings = await keptReadings(['inquiry:1', 'inquiry:9']);
  assert.deepEqual(calls, [['get', [readingKey('inquiry:1'), readingKey('inquiry:9')]]]);
  assert.deepEqual([...readings.keys()], ['inquiry:1'], 'a key without a reading is absent');
  const row = { id: '1', receivedAt: '2026-12-01T08:00:00Z' };
  assert.deepEqual(readingFor(readings.get('inquiry:1'), row), { body: 'Price for 500 boxes?' });
  assert.equal(readingFor(readings.get('inquiry:1'), { ...row, receivedAt: '2026-12-02T08:00:00Z' }), null, 'another message');
  assert.equal(readingFor(undefined, row), null);
});

test('the items and their readings go in one write; the readings of items gone are cleared', async () => {
  await updateItems((items) => {
    items['inquiry:3'] = record('3', 'Samples by DHL?', { inquiry: { id: '3', body: 'Samples by DHL?', attachments: [{ name: 'a.pdf' }] } });
    items['inquiry:2'] = record('2', '', { verdict: null }); // now known by its thread alone, no text
    delete items['inquiry:1'];
  });
  const sets = calls.filter(([what]) => what === 'set');
  assert.equal(sets.length, 1, 'one storage call');
  assert.deepEqual(sets[0][1].sort(), ['items', readingKey('inquiry:1'), readingKey('inquiry:2'), readingKey('inquiry:3')].sort());
  assert.deepEqual(store[readingKey('inquiry:3')], { receivedAt: '2026-12-01T08:00:00Z', body: 'Samples by DHL?', attachments: [{ name: 'a.pdf' }] });
  assert.ok(!(readingKey('inquiry:1') in store) && !(readingKey('inquiry:2') in store), 'removed after the write');
  // The worker now has the items: no read at all for the next list.
  calls.length = 0;
  const readings = await keptReadings(['inquiry:3', 'inquiry:2']);
  assert.deepEqual(calls, []);
  assert.deepEqual(readings.get('inquiry:3'), store[readingKey('inquiry:3')], 'the same reading as stored');
  assert.ok(!readings.has('inquiry:2'));
});

test('a record kept as it was is not written again; one whose text is cut short or a preview has no reading', () => {
  const kept = record('4', 'Unchanged');
  const before = new Map([['inquiry:4', kept], ['inquiry:5', record('5', 'x')]]);
  const preview = record('5', 'Read from the list…', { preview: { tag: null } });
  const { write, cleared } = itemsWrite({ 'inquiry:4': kept, 'inquiry:5': preview }, before);
  assert.deepEqual(Object.keys(write).sort(), ['items', readingKey('inquiry:5')]);
  assert.deepEqual(cleared, [readingKey('inquiry:5')], 'the preview replaced a reading: cleared, never left behind');
  assert.equal(write[readingKey('inquiry:5')], null);
});

test('a write refused is tried at half the budget with the readings of the items dropped cleared, then reported', async () => {
  // Items near the budget: each its body at the maximum, as a full store would be.
  const body = 'b'.repeat(MAX_BODY_CHARS);
  const count = Math.floor(ITEMS_BUDGET_BYTES / (2 * (MAX_BODY_CHARS + 400))) + 20;
  let refusals = 1;
  refuse = (values) => 'items' in values && refusals-- > 0;
  calls.length = 0;
  await updateItems((items) => {
    for (let n = 0; n < count; n++) items[`inquiry:${100 + n}`] = record(String(100 + n), `${n} ${body}`);
  });
  const sets = calls.filter(([what]) => what === 'set');
  assert.equal(sets.length, 2, 'tried again once');
  const kept = Object.keys(store.items);
  assert.ok(kept.length < count, 'items dropped to half the budget');
  const readingsStored = Object.keys(store).filter((k) => k.startsWith('reading:'));
  assert.deepEqual(readingsStored.sort(), kept.filter((k) => store.items[k].inquiry.body).map(readingKey).sort(), 'a reading for each item kept, none for those dropped');
  assert.equal(itemsWriteProblem(), null);
  // Refused twice: reported, nothing half-written.
  refuse = (values) => 'items' in values;
  const storedBefore = structuredClone(store);
  await assert.rejects(updateItems((items) => {
    items['inquiry:9999'] = record('9999', 'Late');
  }));
  assert.match(itemsWriteProblem().message, /QUOTA_BYTES/);
  assert.deepEqual(store, storedBefore);
  refuse = () => false;
});
