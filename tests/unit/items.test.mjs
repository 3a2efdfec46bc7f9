// The record the service worker keeps of an item: its summary is made one way for
// every item (what it concerns, then the start of the buyer's message), never the
// platform's own stand-in subject, and its fields stay small.
import assert from 'node:assert/strict';
import test from 'node:test';
import { itemRecord, summary } from '../../extension/worker-items.js';

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
