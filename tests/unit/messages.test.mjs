// Message shapes: what the worker accepts from a seller page's content script, case by
// case (the page address and the item keys that let it keep a page's answers included).
import assert from 'node:assert/strict';
import test from 'node:test';
import '../../extension/messages.js';

const { TYPES, accept } = globalThis.XunpanMessages;
const EXTENSION = 'xunpan-test-id';
const ours = { id: EXTENSION };
const inquiry = { id: '1', body: 'Price for 500 pcs?' };
const triage = (items, extra = {}) => ({ type: TYPES.TRIAGE, itemsJson: JSON.stringify(items), ...extra });

const CASES = [
  ['triage, items only', triage([{ inquiry }]), true],
  ['triage with address, keys and signatures', triage([{ inquiry, url: 'https://message.alibaba.com/x', key: 'inquiry:1', signature: '18:42' }], { page: 'https://message.alibaba.com/message/default.htm#feedback/all' }), true],
  ['triage, address not text', triage([{ inquiry }], { page: 7 }), false],
  ['triage, address too long', triage([{ inquiry }], { page: `https://x/${'a'.repeat(5000)}` }), false],
  ['triage, key not text', triage([{ inquiry, key: 1 }]), false],
  ['triage, signature too long', triage([{ inquiry, signature: 'x'.repeat(65) }]), false],
  ['triage, item without a body', triage([{ inquiry: { id: '1' } }]), false],
  ['triage, items not JSON', { type: TYPES.TRIAGE, itemsJson: '[{' }, false],
  ['page setup, nothing', { type: TYPES.PAGE_SETUP }, true],
  ['page setup with its address', { type: TYPES.PAGE_SETUP, page: 'https://message.alibaba.com/' }, true],
  ['page setup, address not text', { type: TYPES.PAGE_SETUP, page: ['x'] }, false],
  ['unknown type', { type: 'xunpan/nothing' }, false],
];

for (const [name, message, want] of CASES) {
  test(`accept: ${name}`, () => {
    assert.equal(accept(message, ours, EXTENSION), want);
  });
}

test('accept: nothing from another extension, however well formed', () => {
  assert.equal(accept(triage([{ inquiry }]), { id: 'someone-else' }, EXTENSION), false);
});
