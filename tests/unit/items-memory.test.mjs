// The service worker keeps the items it wrote (it is their only writer): a page's
// triage looks up earlier readings of replied rows without reading the whole store,
// up to 6 MB, on every list.
import assert from 'node:assert/strict';
import test from 'node:test';

test('the items are read from storage once per worker life, and what was written is what is read', async () => {
  const store = { items: { 'inquiry:1': { key: 'inquiry:1', verdict: 'genuine' } } };
  let reads = 0;
  globalThis.chrome = {
    storage: {
      local: {
        get: async (key) => {
          reads += 1;
          return { [key]: structuredClone(store[key]) };
        },
        set: async (values) => {
          Object.assign(store, structuredClone(values));
        },
      },
    },
  };
  const { storedItems, updateItems } = await import('../../extension/worker-items.js');
  assert.equal((await storedItems())['inquiry:1'].verdict, 'genuine');
  await storedItems();
  assert.equal(reads, 1, 'one read for both lookups');
  await updateItems((stored) => {
    stored['inquiry:2'] = { key: 'inquiry:2', verdict: 'spam' };
  });
  assert.equal(reads, 2, 'a write reads what the store holds first');
  const after = await storedItems();
  assert.equal(after['inquiry:2'].verdict, 'spam', 'the lookup sees what was written');
  assert.deepEqual(Object.keys(after).sort(), Object.keys(store.items).sort(), 'and what is stored');
  assert.equal(reads, 2, 'without reading the store again');
});
