// Tier 2: the wasm package as JavaScript sees it. Pins the exported names and the
// shapes (camelCase, docs/formats.md) the extension relies on, against the built dist/pkg.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join, resolve } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const pkg = resolve(process.env.XUNPAN_DIST ?? join(here, '../../dist'), 'pkg');
const glue = await import(pathToFileURL(join(pkg, 'xunpan.js')).href);
glue.initSync({ module: readFileSync(join(pkg, 'xunpan_bg.wasm')) });
glue.useConceptTables(readFileSync(join(pkg, '..', 'data', 'concept-tables.txt'), 'utf8'));

const ZONE = { offsetMinutes: 480 };
const NOW = Date.parse('2026-11-23T09:15:00+08:00');
const INQUIRY = {
  id: '10452245876',
  channel: 'inquiry',
  receivedAt: '2026-11-23T09:12:00+08:00',
  body: 'Hi, I need 500 pcs of the 20 inch body wave wig. What is your price FOB Guangzhou?',
  buyer: { name: 'Mr. John Smith', country: 'US' },
};

test('exports the engine class and a version', () => {
  assert.equal(typeof glue.WasmEngine, 'function');
  assert.match(glue.engineVersion(), /^\d+\.\d+\.\d+/);
});

test('triage returns one docs/formats.md result per inquiry, in order', () => {
  const engine = new glue.WasmEngine(null);
  const results = engine.triage([INQUIRY, { body: 'second' }], NOW, ZONE);
  assert.equal(results.length, 2);
  const [r] = results;
  assert.equal(r.id, INQUIRY.id);
  assert.ok(['spam', 'suspicious', 'genuine'].includes(r.verdict));
  assert.equal(typeof r.score, 'number');
  assert.ok(Array.isArray(r.reasons));
  for (const key of ['kind', 'grade', 'priority', 'template']) assert.equal(typeof r[key], 'string', key);
  assert.ok(Array.isArray(r.alternatives));
  assert.deepEqual(Object.keys(r.deadline).sort(), ['companyDue', 'dueSoonMinutes', 'platformDue', 'status']);
  assert.equal(r.deadline.companyDue, '2026-11-23T09:22:00+08:00');
  assert.equal(r.deadline.platformDue, '2026-11-24T09:12:00+08:00');
  assert.equal(r.deadline.status, 'on_track');
});

// A list row whose latest message is our reply: the buyer's text was not shown, and the
// engine answers only what the thread proves, whatever the body it is handed.
test('an inquiry known by its thread alone answers its clocks, never a verdict', () => {
  const engine = new glue.WasmEngine(null);
  const replied = {
    id: '7301000017',
    channel: 'inquiry',
    receivedAt: '2026-11-22T09:00:00+08:00',
    body: '',
    thread: { ourLastReplyAt: '2026-11-22T09:20:00+08:00' },
    threadOnly: true,
  };
  const [clocks, spammy, triaged] = engine.triage([replied, { ...replied, body: 'verify your password here' }, { ...replied, threadOnly: false }], NOW, ZONE);
  assert.deepEqual(Object.keys(clocks).sort(), ['deadline', 'followUp']);
  assert.equal(clocks.deadline.status, 'met');
  assert.deepEqual([clocks.followUp.kind, clocks.followUp.step, clocks.followUp.due], ['unread', 1, '2026-11-23T09:20:00+08:00']);
  assert.deepEqual(spammy, clocks, 'the body is not read');
  assert.equal(triaged.verdict, 'spam', 'without the mark the empty text is triaged as any text');
});

test('render gives the text to insert and its lint flags', () => {
  const engine = new glue.WasmEngine(null);
  const r = engine.render(INQUIRY, 'answer_questions', NOW, ZONE);
  assert.equal(r.template, 'answer_questions');
  assert.equal(typeof r.text, 'string');
  assert.ok(r.text.length > 20);
  assert.ok(Array.isArray(r.lint));
});

// Issue 26.5/26.6: one unreadable optional field (a company name read as the
// registration date, a time past any real one) once failed the whole batch, and with it
// every row's tag and "Insert reply". It is left out and named; the batch is triaged.
test('an unreadable optional field is dropped and named, the batch triaged', () => {
  const engine = new glue.WasmEngine(null);
  const odd = {
    ...INQUIRY,
    id: 'odd',
    buyer: { name: 'Ana', company: '2024-13-45 Beauty Supply', registeredAt: '2024-13-45 Beauty Supply' },
    thread: { ourLastReplyAt: 8.21e15 },
  };
  const results = engine.triage([odd, INQUIRY], NOW, ZONE);
  assert.equal(results.length, 2);
  assert.deepEqual(results[0].dropped.map((d) => d.field), ['buyer.registeredAt', 'thread.ourLastReplyAt']);
  assert.match(results[0].dropped[0].reason, /not a time/);
  assert.equal(results[0].deadline.companyDue, '2026-11-23T09:22:00+08:00');
  assert.equal(results[1].dropped, undefined, 'nothing dropped from a clean item');
  assert.ok(engine.render(odd, null, NOW, ZONE).text.length > 20, 'its reply is filled too');
  assert.throws(() => engine.triage([INQUIRY], 1e300, ZONE), /nowMs/);
});

test('items are read as JSON: text cut inside a pair is kept, non-JSON is an error', () => {
  // Text with a lone surrogate (page text cut inside a pair) reads with U+FFFD in its
  // place; what JSON cannot hold (a BigInt, a cycle) skips that item alone, with why.
  const engine = new glue.WasmEngine(null);
  const cut = { ...INQUIRY, id: 'cut', body: `${INQUIRY.body} \ud83d` };
  const big = { ...INQUIRY, id: 'big', buyer: { name: 'Ana', inquiriesSent: 3n } };
  const cyclic = { ...INQUIRY, id: 'cyclic' };
  cyclic.self = cyclic;
  const [plain] = engine.triage([INQUIRY], NOW, ZONE);
  const [first, second, third] = engine.triage([cut, big, cyclic], NOW, ZONE);
  assert.equal(first.id, 'cut');
  assert.equal(first.verdict, plain.verdict);
  assert.match(second.error ?? '', /item 1 was skipped \(it cannot be written as JSON: .*BigInt/);
  assert.match(third.error ?? '', /item 2 was skipped \(it cannot be written as JSON: .*circular/);
});

test('bad input is a clear error, not a crash', () => {
  const engine = new glue.WasmEngine(null);
  // One inquiry that cannot be read answers an error record in its place; the rest of
  // the batch is triaged (issue 26.2: one bad item never sinks a batch).
  const [skipped, answered] = engine.triage([{ id: 'no body' }, INQUIRY], NOW, ZONE);
  assert.match(skipped.error, /item 0 was skipped .*body/);
  assert.equal(typeof answered.verdict, 'string');
  assert.throws(() => engine.triage({ id: 'not a list' }, NOW, ZONE), /list/);
  assert.throws(() => engine.render(INQUIRY, 'no_such_template', NOW, ZONE), /no_such_template/);
  assert.throws(() => new glue.WasmEngine({ format: 'something-else' }), /format|settings/);
  // The engine still works after an error.
  assert.equal(engine.triage([INQUIRY], NOW, ZONE).length, 1);
});

test('templates list every contract id with names in both languages', () => {
  const engine = new glue.WasmEngine(null);
  const ids = engine.templates().map((t) => t.id);
  assert.deepEqual(ids, [
    'answer_questions', 'fulfil_requests', 'one_click_reply', 'open_questions', 'follow_up_unread', 'follow_up_read',
    'rfq_quote', 'rfq_message', 'rtm_precise', 'rtm_generic', 'visitor_mail', 'shipping_notice', 'review_thanks', 'short_ack',
  ]);
  for (const t of engine.templates()) {
    for (const key of ['name', 'nameZh', 'descriptionZh', 'body']) assert.ok(t[key], `${t.id}.${key}`);
  }
});

test('lint flags come with a code and a fix in both languages', () => {
  const engine = new glue.WasmEngine(null);
  const flags = engine.lint('Dear XX, thanks.', INQUIRY);
  const codes = flags.map((f) => f.code);
  assert.ok(codes.includes('PLACEHOLDER_LEFT'), codes.join());
  assert.ok(codes.includes('NO_CLOSING_QUESTION'), codes.join());
  for (const f of flags) assert.ok(f.fix && f.fixZh, f.code);
});

test('learning from the rep changes the settings and the next verdict', () => {
  const engine = new glue.WasmEngine(null);
  const pitch = { body: 'We offer cheap promotion packages for your store listing, contact our team.', buyer: { name: 'Promo' } };
  const before = engine.triage([pitch], NOW, ZONE)[0].score;
  let settings;
  for (let i = 0; i < 3; i++) settings = engine.learn(pitch, true);
  assert.equal(settings.triage.learned.spamDocs, 3);
  const after = engine.triage([pitch], NOW, ZONE)[0];
  assert.ok(after.score > before, `${after.score} > ${before}`);
  assert.ok(after.reasons.some((r) => r.code === 'REP_FILTER_SPAM'));
  // The learned settings round-trip into a new engine.
  const again = new glue.WasmEngine(settings);
  assert.equal(again.triage([pitch], NOW, ZONE)[0].score, after.score);
});

test('learning many examples at once equals learning them one by one', () => {
  const spam = { body: 'Cheap SEO packages and store promotion, reply to get our offer today.', buyer: { name: 'Promo' } };
  const real = { body: 'Need 300 pcs of the 13x4 frontal wig, price FOB Ningbo and lead time?', buyer: { name: 'Ann Lee' } };
  const one = new glue.WasmEngine(null);
  one.learn(spam, true);
  one.learn(real, false);
  const many = new glue.WasmEngine(null);
  assert.equal(many.learnMany([{ inquiry: spam, spam: true }, { inquiry: real, spam: false }]), 2);
  assert.deepEqual(many.settings().triage.learned, one.settings().triage.learned);
  assert.throws(() => many.learnMany([{ inquiry: spam }]), /spam/);
});
