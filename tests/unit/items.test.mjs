// The record the service worker keeps of an item: its summary is made one way for
// every item (what it concerns, then the start of the buyer's message), never the
// platform's own stand-in subject, and its fields stay small.
import assert from 'node:assert/strict';
import test from 'node:test';
import { itemRecord, readingFor, summary } from '../../extension/worker-items.js';
import { readingOf } from '../../extension/storage.js';

/**
 * What an earlier reading kept of the buyer's text for `inquiry`, a row known by its
 * thread alone: the record's reading (as stored under its own key) for the same message.
 */
const keptReading = (record, inquiry) => readingFor(readingOf(record), inquiry);

test('the summary says what the item concerns, then what the buyer wrote', () => {
  const cases = [
    [{ subject: 'Inquiry from Product Details Page', product: { title: '13x4 HD Lace Wig' }, body: 'Hello Lily,\nIs the lace HD?' }, '13x4 HD Lace Wig: Hello Lily, Is the lace HD?'],
    [{ subject: 'Inquiry from Store Homepage', body: 'hello, send catalogue' }, 'hello, send catalogue'],
    [{ subject: 'Government tender - commission agreement', body: 'Dear Sir, our ministry…' }, 'Government tender - commission agreement: Dear Sir, our ministry…'],
    [{ body: 'Can you quote 1000 mailer boxes?' }, 'Can you quote 1000 mailer boxes?'],
    [{ subject: 'LED panel', body: 'LED panel 600x600, price?' }, 'LED panel 600x600, price?'],
  ];
  for (const [inquiry, want] of cases) assert.equal(summary(inquiry), want, JSON.stringify(inquiry));
  assert.equal(summary({ body: 'x'.repeat(500) }).length, 140);
});

test('a record keeps small text and no odd values', () => {
  const record = itemRecord(
    { id: '1', channel: 'chat', body: 'hi', buyer: { name: 'N'.repeat(1000), country: 'USA-LONG-CODE' }, thread: { messages: [] } },
    { verdict: 'genuine', score: 1, kind: 'questions', grade: 'B', priority: 'high', template: 'answer_questions' },
    'https://onetalk.alibaba.com/x', null, 5,
  );
  assert.equal(record.key, 'chat:1');
  assert.equal(record.buyer.length, 200);
  assert.equal(record.country.length, 8);
  assert.equal(record.inquiry.thread, undefined);
  assert.equal(record.firstSeen, 5);
});

// What an answer for a message read from a preview may show (extension/health.js):
// only what the part shown proves. Each case: the engine's answer, the tag shown.
test('a record of a message read from a preview keeps no reply, and only what the part proves', async () => {
  await import('../../extension/health.js');
  const { previewReading } = globalThis.XunpanHealth;
  const reason = (code, weight) => ({ code, weight, detail: code.toLowerCase(), detailZh: code });
  const cases = [
    // "Hola, ¿tienen stock del…": vague from what is missing, no sign of spam
    [{ verdict: 'genuine', kind: 'vague', grade: 'D', reasons: [reason('GREETS', -0.5)] }, null, 0],
    // a cut phish without its link: "no buying words" is what is missing
    [{ verdict: 'suspicious', kind: 'vague', grade: 'D', reasons: [reason('NO_BUYING_WORDS', 2.5)] }, null, 0],
    // the link is in the part shown: proven whatever the rest says
    [{ verdict: 'spam', kind: 'phishing', grade: 'D', reasons: [reason('CREDENTIAL_LINK', 7), reason('TOO_SHORT', 2)] }, 'spam', 1],
    // other suppliers marked the buyer: the platform's record, not the text
    [{ verdict: 'suspicious', kind: 'junk', grade: 'D', reasons: [reason('SPAM_MARKS', 2), reason('NOTHING_TO_QUOTE', 2)] }, 'suspicious', 1],
    // a sign proven, but the answer is genuine: the tag does not say genuine either
    [{ verdict: 'genuine', kind: 'requests', grade: 'B', reasons: [reason('FREE_WEBMAIL', 0.5), reason('GIVES_QUANTITY', -1.5)] }, null, 1],
    // a code the extension does not know is not taken from a preview
    [{ verdict: 'spam', kind: 'junk', grade: 'D', reasons: [reason('SOME_NEW_CODE', 9)] }, null, 0],
  ];
  for (const [result, tag, signs] of cases) {
    const reading = previewReading(result);
    assert.equal(reading.tag, tag, JSON.stringify(result));
    assert.equal(reading.signs.length, signs, JSON.stringify(result));
    const record = itemRecord({ id: '7', channel: 'chat', body: 'Price for 2 tons 316L pi' }, { ...result, template: 'qualify_vague' }, null, null, 1, { preview: true });
    assert.equal(record.template, null, 'no reply suggested from part of a message');
    assert.deepEqual(record.preview, { tag });
    assert.equal(record.subject, 'Price for 2 tons 316L pi…');
  }
  const whole = itemRecord({ id: '7', channel: 'chat', body: 'Price for 2 tons 316L pipe?' }, { verdict: 'genuine', template: 'answer_questions' }, null, null, 1);
  assert.equal(whole.template, 'answer_questions');
  assert.equal(whole.preview, undefined);
});

// A list row whose latest message is our reply shows no buyer text: the text an earlier
// reading of the same message kept is used, and nothing else is taken for it.
test('an earlier reading is used for a replied row only when it read the same message whole', () => {
  const at = '2026-11-21T16:32:00.000Z';
  const row = { id: '17', receivedAt: at, subject: 'Inquiry from Product Details Page', thread: { ourLastReplyAt: '2026-11-21T16:40:00.000Z' } };
  const record = (inquiry, extra = {}) => ({ receivedAt: at, verdict: 'genuine', inquiry: { subject: row.subject, ...inquiry }, ...extra });
  const body = 'Can you do custom printed mailer boxes 10000 pcs?';
  const cases = [
    ['a whole reading of the same message', record({ body }), { body }],
    ['its attachments come back too', record({ body, attachments: [{ name: 'po.pdf' }] }), { body, attachments: [{ name: 'po.pdf' }] }],
    ['no record', undefined, null],
    ['a record without its inquiry', { receivedAt: at, verdict: 'spam' }, null],
    ['a reading of a preview', record({ body }, { preview: { tag: null } }), null],
    ['another message (another arrival time)', record({ body }, { receivedAt: '2026-11-20T10:00:00.000Z' }), null],
    ['the subject older versions took for the text', record({ body: row.subject }), null],
    ['an empty text', record({ body: '  ' }), null],
  ];
  for (const [what, stored, want] of cases) assert.deepEqual(keptReading(stored, row), want, what);
});
