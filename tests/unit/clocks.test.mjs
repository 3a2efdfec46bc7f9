// The clocks in JavaScript (extension/clock.js, loaded as the browser loads it): the
// state of every deadline in tests/fixtures/clock-cases.jsonl (the cases the engine's
// own tests read) and the words of every span in clock-words.jsonl (which the engine's
// queue is tested against too), in English and Chinese; clocks on a list turn over
// together on the minute; spam's quiet clock is never urgent.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import test from 'node:test';
import vm from 'node:vm';

const read = (path) => readFileSync(new URL(path, import.meta.url), 'utf8');
const context = vm.createContext({});
vm.runInContext(read('../../extension/clock.js'), context);
vm.runInContext(read('../../extension/locale.js'), context);
const Clock = context.XunpanClock;
const Locale = context.XunpanLocale;
const tables = { en: JSON.parse(read('../../extension/_locales/en/messages.json')), zh: JSON.parse(read('../../extension/_locales/zh_CN/messages.json')) };
/** The locale's lookup in `lang`. */
function speaking(lang) {
  Locale.use(lang === 'zh' ? 'zh_CN' : 'en', tables[lang]);
  return Locale.t;
}
const lines = (path) => read(path).split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const T0 = Date.parse('2026-11-23T08:00:00Z');
const deadline = (companyMs, platformMs, extra = {}) => ({
  companyDue: companyMs === null ? undefined : new Date(companyMs).toISOString(),
  platformDue: platformMs === null ? undefined : new Date(platformMs).toISOString(),
  status: 'on_track',
  dueSoonMinutes: 5,
  ...extra,
});

test('every clock case the engine is tested on stands the same in JavaScript', () => {
  const cases = lines('../fixtures/clock-cases.jsonl');
  let checked = 0;
  for (const c of cases) {
    if (c.deadline === null || !c.status) continue;
    if (c.arrivedOn) {
      // A day-level deadline stands by the rep's day: noon of the case's own day here.
      const [y, m, d] = c.now.slice(0, 10).split('-').map(Number);
      const dayDeadline = { precision: 'day', dueOn: c.dueOn, status: c.status === 'met' ? 'met' : 'on_track' };
      assert.equal(Clock.state(dayDeadline, new Date(y, m - 1, d, 12).getTime()), c.status, c.case);
      checked += 1;
      continue;
    }
    // The deadline as the engine answered it (at its own `now`), read again at that moment.
    const d = { companyDue: c.companyDue ?? undefined, platformDue: c.platformDue ?? undefined, dueSoonMinutes: c.dueSoonMinutes, quiet: c.quiet ?? undefined };
    if (c.status === 'met') d.status = 'met';
    assert.equal(Clock.state(d, Date.parse(c.now)), c.status, c.case);
    checked += 1;
  }
  assert.ok(checked >= 25, `the cases are there (${checked})`);
});

test('spans read in words, the same words the engine\'s queue writes', () => {
  const cases = lines('../fixtures/clock-words.jsonl');
  assert.ok(cases.length >= 10);
  for (const c of cases) {
    assert.deepEqual(JSON.parse(JSON.stringify(Clock.spanWords(c.ms))), { key: c.key, args: c.args }, c.case);
    assert.equal(Clock.span(c.ms, speaking('en')), c.en, c.case);
    assert.equal(Clock.span(c.ms, speaking('zh')), c.zh, c.case);
  }
});

test('one line in words: reply in, overdue, the other clock with its time in the title', () => {
  const t = speaking('en');
  const d = deadline(T0 + 8 * MINUTE, T0 + 24 * HOUR);
  const v = Clock.view(d, T0, { resolution: 'minute', t });
  assert.equal(v.text, 'Reply in 8 min');
  assert.equal(v.state, 'on_track');
  const [company, platform] = v.title.split('\n');
  assert.match(company, /^Company target: in 8 min \(\d\d:\d\d\)$/);
  assert.match(platform, /^Alibaba's limit: in 24 h \(\d\d:\d\d\)$/);
  assert.match(v.name, /^Reply in 8 min \(Company target: in 8 min/, 'a screen reader hears the time left');
  const late = Clock.view(d, T0 + 20 * MINUTE, { resolution: 'minute', t });
  assert.equal(late.text, 'Overdue 12 min');
  assert.match(late.title, /^Company target: 12 min ago/);
  const zh = Clock.view(d, T0, { resolution: 'minute', t: speaking('zh') });
  assert.equal(zh.text, '8 分钟内回复');
});

test('chips on one page change together, on the minute, whatever their deadlines', () => {
  const t = speaking('en');
  const dues = Array.from({ length: 40 }, (_, i) => T0 + (i * 97 + 13) * SECOND);
  const deadlines = dues.map((due) => deadline(due, due + 23 * HOUR));
  const changes = new Set();
  let previous = null;
  for (let now = T0 - 3 * MINUTE; now <= T0 + 70 * MINUTE; now += SECOND) {
    const views = deadlines.map((d) => Clock.view(d, now, { resolution: 'minute', t }));
    if (previous) {
      views.forEach((v, i) => {
        if (v.text !== previous[i].text && v.state === previous[i].state) changes.add(now % MINUTE);
      });
    }
    previous = views;
  }
  assert.deepEqual([...changes], [0]);
});

test('the state follows the exact time with the policy\'s lead, and a passed deadline never shows time left', () => {
  const t = speaking('en');
  const due = T0 + 10 * MINUTE + 30 * SECOND;
  for (const lead of [5, 30]) {
    const d = deadline(due, due + 23 * HOUR, { dueSoonMinutes: lead });
    assert.equal(Clock.state(d, due - lead * MINUTE - SECOND), 'on_track', `lead ${lead}`);
    assert.equal(Clock.state(d, due - lead * MINUTE), 'due_soon', `lead ${lead}`);
    assert.equal(Clock.state(d, due), 'due_soon');
    assert.equal(Clock.state(d, due + SECOND), 'overdue');
    assert.match(Clock.view(d, due + SECOND, { resolution: 'minute', t }).text, /^Overdue 1 min$/);
  }
});

test('the badge\'s urgency follows the policy\'s lead, not a fixed five minutes', () => {
  // 20 minutes left with a 30-minute lead: due soon, so urgent (the worker's badge
  // counted it only from 5 minutes before).
  const d = deadline(T0 + 20 * MINUTE, T0 + 24 * HOUR, { dueSoonMinutes: 30 });
  assert.equal(Clock.isUrgent(d, T0), true);
  assert.equal(Clock.isUrgent({ ...d, dueSoonMinutes: 5 }, T0), false);
});

test('spam\'s quiet clock reads what the platform counts and is never urgent', () => {
  const t = speaking('en');
  const d = deadline(null, T0 + 23 * HOUR, { quiet: true });
  const v = Clock.view(d, T0, { resolution: 'minute', t });
  assert.equal(v.text, 'Counts in 23 h');
  assert.equal(v.quiet, true);
  assert.match(v.title, /spam folder/);
  assert.equal(Clock.isUrgent(d, T0 + 22 * HOUR + 59 * MINUTE), false, 'due soon, but spam');
  assert.equal(Clock.isUrgent(d, T0 + 24 * HOUR), false, 'passed, but spam');
  assert.equal(Clock.view(d, T0 + 24 * HOUR, { t }).text, 'Counted as late');
});

test('an answered item shows its follow-up clock, or that it is answered', () => {
  const t = speaking('en');
  const d = { ...deadline(T0, T0 + HOUR), status: 'met' };
  assert.equal(Clock.view(d, T0, { resolution: 'minute', t }).text, 'Replied');
  const follow = { due: new Date(T0 + 50 * HOUR).toISOString() };
  const ahead = Clock.view(d, T0 + 30 * SECOND, { resolution: 'minute', followUp: follow, t });
  assert.equal(ahead.state, 'on_track');
  assert.equal(ahead.text, 'Follow up in 3 days');
  const now = Clock.view(d, T0 + 51 * HOUR, { followUp: follow, t });
  assert.equal(now.state, 'due_soon');
  assert.equal(now.text, 'Follow up now');
  assert.equal(Clock.view(null, T0, { t }), null);
});

test('the open item\'s clock counts seconds in its last hour', () => {
  const t = speaking('en');
  const d = deadline(T0 + 7 * MINUTE + 58 * SECOND, T0 + 24 * HOUR);
  assert.equal(Clock.view(d, T0, { resolution: 'second', t }).text, 'Reply in 7 min 58 s');
  assert.equal(Clock.view(d, T0 + 7 * MINUTE + 30 * SECOND, { resolution: 'second', t }).text, 'Reply in 28 s');
  assert.equal(Clock.view(d, T0 + 9 * MINUTE, { resolution: 'second', t }).text, 'Overdue 1 min 2 s');
  assert.equal(Clock.view(d, T0 - 20 * MINUTE, { resolution: 'second', t }).text, 'Reply in 27 min 58 s');
  assert.equal(Clock.view(d, T0 - 60 * MINUTE, { resolution: 'second', t }).text, 'Reply in 1 h 8 min', 'minutes beyond the hour');
  assert.equal(Clock.view(d, T0, { resolution: 'second', t: speaking('zh') }).text, '7 分 58 秒内回复');
});
