// Message shapes: what the worker accepts from a seller page's content script, case by
// case (the page address and the item keys that let it keep a page's answers included).
import assert from 'node:assert/strict';
import test from 'node:test';
import '../../extension/messages.js';

const { TYPES, accept, signature } = globalThis.XunpanMessages;
const EXTENSION = 'xunpan-test-id';
const ours = { id: EXTENSION };
const inquiry = { id: '1', body: 'Price for 500 pcs?' };
const triage = (items, extra = {}) => ({ type: TYPES.TRIAGE, itemsJson: JSON.stringify(items), ...extra });

const CASES = [
  ['triage, items only', triage([{ inquiry }]), true],
  ['triage with address, keys and signatures', triage([{ inquiry, url: 'https://message.alibaba.com/x', key: 'inquiry:1', signature: '18:42' }], { page: 'https://message.alibaba.com/message/default.htm#feedback/all' }), true],
  ['triage, address not text', triage([{ inquiry }], { page: 7 }), false],
  ['triage, address too long', triage([{ inquiry }], { page: `https://x/${'a'.repeat(5000)}` }), false],
  // An odd item is skipped (null in its place), never the batch: see the typing tests below.
  ['triage, key not text', triage([{ inquiry, key: 1 }]), true],
  ['triage, signature too long', triage([{ inquiry, signature: 'x'.repeat(65) }]), true],
  ['triage, item without a body', triage([{ inquiry: { id: '1' } }]), true],
  ['triage, not a list', { type: TYPES.TRIAGE, itemsJson: '{"inquiry": {}}' }, false],
  ['triage, items not JSON', { type: TYPES.TRIAGE, itemsJson: '[{' }, false],
  ['page setup, nothing', { type: TYPES.PAGE_SETUP }, true],
  ['page setup with its address', { type: TYPES.PAGE_SETUP, page: 'https://message.alibaba.com/' }, true],
  ['page setup, address not text', { type: TYPES.PAGE_SETUP, page: ['x'] }, false],
  // The list's page data handed on as the page posted it (JSON text; the worker reads it).
  ['list data', { type: TYPES.TRIAGE_LIST, page: 'https://message.alibaba.com/message/default.htm', kind: 'feedbackList', json: '[]' }, true],
  ['list data, its head', { type: TYPES.TRIAGE_LIST, page: 'https://message.alibaba.com/', kind: 'feedbackListHead', json: '{"rows":[],"rest":[]}' }, true],
  ['list data, a kind that is no list', { type: TYPES.TRIAGE_LIST, page: 'https://message.alibaba.com/', kind: 'opMessages', json: '[]' }, false],
  ['list data, not text', { type: TYPES.TRIAGE_LIST, page: 'https://message.alibaba.com/', kind: 'feedbackList', json: [] }, false],
  ['list data, no address', { type: TYPES.TRIAGE_LIST, kind: 'feedbackList', json: '[]' }, false],
  ['list data, address too long', { type: TYPES.TRIAGE_LIST, page: `https://x/${'a'.repeat(5000)}`, kind: 'feedbackList', json: '[]' }, false],
  // The page's view, for the rows that can be in view to be answered first.
  ['list data with its view', { type: TYPES.TRIAGE_LIST, page: 'https://message.alibaba.com/', kind: 'feedbackList', json: '[]', view: { top: 0, height: 800 } }, true],
  ['list data with its view and row height', { type: TYPES.TRIAGE_LIST, page: 'https://message.alibaba.com/', kind: 'feedbackList', json: '[]', view: { top: 120, height: 800, rowHeight: 84 } }, true],
  ['list data, view not numbers', { type: TYPES.TRIAGE_LIST, page: 'https://message.alibaba.com/', kind: 'feedbackList', json: '[]', view: { top: '0', height: 800 } }, false],
  ['list data, view height not finite', { type: TYPES.TRIAGE_LIST, page: 'https://message.alibaba.com/', kind: 'feedbackList', json: '[]', view: { top: 0, height: Infinity } }, false],
  ['list data, row height nil', { type: TYPES.TRIAGE_LIST, page: 'https://message.alibaba.com/', kind: 'feedbackList', json: '[]', view: { top: 0, height: 800, rowHeight: 0 } }, false],
  ['list row height', { type: TYPES.LIST_VIEW, rowHeight: 84 }, true],
  ['list row height, negative', { type: TYPES.LIST_VIEW, rowHeight: -1 }, false],
  ['list row height, not a number', { type: TYPES.LIST_VIEW, rowHeight: '84' }, false],
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

// Issue 26.2: one item with a non-text field broke the queue. Every field is typed at
// the door (text to text, numbers to numbers, odd values dropped with a logged reason),
// and an item that cannot be used is skipped, never the list.
const TYPING = [
  ['a number for the buyer name is its text', { body: 'Price?', buyer: { name: 42 } }, { body: 'Price?', buyer: { name: '42' } }],
  ['a numeric id and body are text', { id: 7301, body: 12345 }, { id: '7301', body: '12345' }],
  ['counts given as text are numbers', { body: 'x', buyer: { loginDays: '3', productViews: 'many' } }, { body: 'x', buyer: { loginDays: 3 } }],
  ['epoch ms for a time is RFC 3339', { body: 'x', receivedAt: 1795425120000 }, { body: 'x', receivedAt: '2026-11-23T09:12:00.000Z' }],
  ['an object where text belongs is dropped', { body: 'x', subject: { a: 1 }, buyer: { country: ['US'] } }, { body: 'x' }],
  ['unknown fields are left out', { body: 'x', toString: 'boom', extra: 1 }, { body: 'x' }],
  ['thread messages typed, odd ones dropped', { body: 'x', thread: { ourLastReplyAt: 5, messages: [{ from: 'buyer', at: 1, text: 9 }, 'odd'] } },
    { body: 'x', thread: { ourLastReplyAt: '1970-01-01T00:00:00.005Z', messages: [{ from: 'buyer', at: '1970-01-01T00:00:00.001Z', text: '9' }] } }],
  ['no body: skipped', { id: '1' }, null],
  ['a body that is an object: skipped', { body: { text: 'x' } }, null],
  ['not an object: skipped', 'x', null],
];
for (const [name, given, want] of TYPING) {
  test(`typed at the door: ${name}`, () => {
    const { inquiry, dropped } = globalThis.XunpanMessages.normaliseInquiry(given);
    assert.deepEqual(inquiry, want);
    if (want === null) assert.ok(dropped.length > 0, 'the reason is given');
  });
}

test('one bad item of a batch is skipped in its place, the others go on typed', () => {
  const warn = console.warn;
  const logged = [];
  console.warn = (line) => logged.push(line);
  try {
    const message = triage([{ inquiry }, { inquiry: { body: 42, buyer: { name: 7 } } }, { inquiry: 'not one' }, 5, { inquiry, receivedOn: '2026-12-02' }]);
    assert.equal(accept(message, ours, EXTENSION), true, 'the batch is taken');
    assert.equal(message.items.length, 5, 'every item keeps its place');
    assert.deepEqual(message.items[0].inquiry, inquiry);
    assert.deepEqual(message.items[1].inquiry, { body: '42', buyer: { name: '7' } });
    assert.equal(message.items[2], null);
    assert.equal(message.items[3], null);
    assert.equal(message.items[4].receivedOn, '2026-12-02');
    assert.ok(logged.some((l) => /item 2 skipped: the inquiry is not an object/.test(l)), logged.join('\n'));
    assert.ok(logged.some((l) => /item 3 skipped/.test(l)), logged.join('\n'));
  } finally {
    console.warn = warn;
  }
});

// A replied list row is known by its thread alone: it comes without a body and keeps
// that mark; the mark cannot make an item with a text of its own skip the triage.
test('an item known by its thread alone is taken without a body, and only then', () => {
  const thread = { ourLastReplyAt: '2026-11-21T16:40:00.000Z' };
  const message = triage([
    { inquiry: { id: '17', thread }, threadOnly: true },
    { inquiry: { id: '18', body: 'Price?', thread }, threadOnly: true },
    { inquiry: { id: '19', thread }, threadOnly: 'yes' },
  ]);
  const warn = console.warn;
  console.warn = () => {};
  try {
    assert.equal(accept(message, ours, EXTENSION), true);
  } finally {
    console.warn = warn;
  }
  assert.deepEqual(message.items[0], { inquiry: { id: '17', body: '', thread }, threadOnly: true });
  assert.equal(message.items[1].threadOnly, undefined, 'a text of its own is triaged');
  assert.equal(message.items[2], null, 'no body and no mark: skipped as before');
  const { isAnswer } = globalThis.XunpanMessages;
  assert.equal(isAnswer({ id: '17', threadOnly: true }), true);
  assert.equal(isAnswer({ verdict: 'genuine' }), true);
  assert.equal(isAnswer({ error: 'item 0 was skipped' }), false);
  assert.equal(isAnswer(null), false);
});

test('signature: the same content, the same fingerprint, whatever object holds it; other content, another', () => {
  const a = { id: '1', body: 'Price for 500 pcs?', buyer: { name: 'Ana' } };
  assert.equal(signature(a), signature(JSON.parse(JSON.stringify(a))));
  assert.notEqual(signature(a), signature({ ...a, body: 'Price for 600 pcs?' }));
  assert.match(signature(a), /^\d+:-?\d+$/);
});

// What a list row's answer keeps when it crosses to the page: each case, the answer's
// reasons as [code, weight] and the codes kept, strongest deciding reason first.
test('a list row gets what it draws of the answer, the deciding reasons first', () => {
  const { rowAnswer } = globalThis.XunpanMessages;
  const r = (code, weight) => ({ code, weight, detail: code, detailZh: code });
  const cases = [
    ['spam', [['GREETS', -0.5], ['SHORTENED_LINK', 2], ['CREDENTIAL_LINK', 7], ['FREE_WEBMAIL', 0.5]], ['CREDENTIAL_LINK', 'SHORTENED_LINK']],
    ['suspicious', [['NO_BUYING_WORDS', 2.5]], ['NO_BUYING_WORDS']],
    ['genuine', [['FREE_WEBMAIL', 0.5], ['NAMES_PRODUCT', -1], ['GIVES_QUANTITY', -1.5], ['GREETS', -0.5]], ['GIVES_QUANTITY', 'NAMES_PRODUCT']],
    ['genuine', [], []],
  ];
  for (const [verdict, reasons, kept] of cases) {
    const full = { id: '1', verdict, score: 1, kind: 'questions', grade: 'B', priority: 'high', template: 'answer_questions',
      alternatives: ['open_questions'], deadline: { status: 'on_track' }, reasons: reasons.map(([c, w]) => r(c, w)) };
    const row = rowAnswer(full);
    assert.deepEqual(row.reasons.map((x) => x.code), kept, `${verdict}: ${JSON.stringify(reasons)}`);
    assert.equal(row.partial, true);
    assert.equal(row.alternatives, undefined);
    for (const key of ['id', 'verdict', 'score', 'kind', 'grade', 'priority', 'template', 'deadline']) assert.deepEqual(row[key], full[key], key);
    assert.equal(full.reasons.length, reasons.length, 'the engine\'s answer is left as it was');
  }
  assert.equal(rowAnswer(null), null);
});
