// The clocks' arithmetic (overlay.js, loaded as the browser loads it): the open card
// counts in seconds, list chips in whole minutes that all turn over on the minute, and
// the state always follows the exact time.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import test from 'node:test';
import vm from 'node:vm';

const source = readFileSync(new URL('../../extension/overlay.js', import.meta.url), 'utf8');
const context = vm.createContext({});
vm.runInContext(source, context);
const { clockView, formatSpan } = context.XunpanOverlay;

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const T0 = Date.parse('2026-11-23T08:00:00Z');
const LEAD = 5 * MINUTE;
const deadline = (companyMs, platformMs) => ({
  companyDue: new Date(companyMs).toISOString(),
  platformDue: new Date(platformMs).toISOString(),
  status: 'open',
});

test('spans: mm:ss under an hour, h:mm h beyond or in whole minutes, + once overdue', () => {
  const cases = [
    [9 * MINUTE + 5 * SECOND, false, '09:05'],
    [9 * MINUTE + 5 * SECOND, true, '0:09 h'],
    [-(2 * MINUTE + 1 * SECOND), false, '+02:01'],
    [-(2 * MINUTE + 1 * SECOND), true, '+0:02 h'],
    [3 * HOUR + 7 * MINUTE + 59 * SECOND, false, '3:07 h'],
    [3 * HOUR + 7 * MINUTE + 59 * SECOND, true, '3:07 h'],
    [0, true, '0:00 h'],
  ];
  for (const [ms, whole, want] of cases) assert.equal(formatSpan(ms, whole), want, `${ms} ms, whole minutes ${whole}`);
});

test('the card counts seconds; a chip shows whole minutes counted from the minute', () => {
  const d = deadline(T0 + 10 * MINUTE + 30 * SECOND, T0 + 24 * HOUR);
  const now = T0 + 4 * MINUTE + 50 * SECOND;
  assert.match(clockView(d, now, LEAD, false, null, 'second').text, /clockCompany 05:40 /);
  // From 08:04:00 the company target (08:10:30) is 6 min 30 s away: 0:06 h until 08:05.
  assert.match(clockView(d, now, LEAD, false, null, 'minute').text, /clockCompany 0:06 h /);
  assert.match(clockView(d, now + 10 * SECOND, LEAD, false, null, 'minute').text, /clockCompany 0:05 h /);
});

test('chips on one page change together, on the minute, whatever their deadlines', () => {
  // Deadlines at scattered seconds; sample every second over ten minutes.
  const dues = Array.from({ length: 40 }, (_, i) => T0 + (i * 97 + 13) * SECOND);
  const deadlines = dues.map((due) => deadline(due, due + 23 * HOUR));
  const changes = new Set();
  let previous = null;
  for (let now = T0 - 3 * MINUTE; now <= T0 + 70 * MINUTE; now += SECOND) {
    const texts = deadlines.map((d) => clockView(d, now, LEAD, false, null, 'minute'));
    if (previous) {
      texts.forEach((v, i) => {
        const was = previous[i];
        // The text may change only on the minute, except where the state itself changes.
        if (v.text !== was.text && v.state === was.state) changes.add(now % MINUTE);
      });
    }
    previous = texts;
  }
  assert.deepEqual([...changes], [0]);
});

test('the state follows the exact time, and a passed deadline never shows time left', () => {
  const due = T0 + 10 * MINUTE + 30 * SECOND;
  const d = deadline(due, due + 23 * HOUR);
  for (const resolution of ['second', 'minute']) {
    assert.equal(clockView(d, due - LEAD - SECOND, LEAD, false, null, resolution).state, 'on_track');
    assert.equal(clockView(d, due - LEAD, LEAD, false, null, resolution).state, 'due_soon');
    assert.equal(clockView(d, due, LEAD, false, null, resolution).state, 'due_soon');
    const over = clockView(d, due + SECOND, LEAD, false, null, resolution);
    assert.equal(over.state, 'overdue');
    assert.match(over.text, /clockCompany \+/, `${resolution}: ${over.text}`);
  }
  assert.match(clockView(d, due + 95 * SECOND, LEAD, false, null, 'minute').text, /clockCompany \+0:01 h/);
});

test('an answered item shows its follow-up clock, or that it is answered', () => {
  const d = { ...deadline(T0, T0 + HOUR), status: 'met' };
  assert.equal(clockView(d, T0, LEAD, false, null, 'minute').state, 'met');
  const follow = { due: new Date(T0 + 2 * HOUR).toISOString() };
  const ahead = clockView(d, T0 + 30 * SECOND, LEAD, false, follow, 'minute');
  assert.equal(ahead.state, 'on_track');
  assert.match(ahead.text, /followUpIn 2:00 h/);
  const late = clockView(d, T0 + 3 * HOUR, LEAD, false, follow, 'second');
  assert.equal(late.state, 'due_soon');
  assert.match(late.text, /followUpNow \+1:00 h/);
});

test('the one-line form shows only the time to the nearer deadline; its title says the rest', () => {
  const d = deadline(T0 + 50 * MINUTE, T0 + 24 * HOUR);
  const full = clockView(d, T0 + 30 * SECOND, LEAD, false, null, 'minute');
  const short = clockView(d, T0 + 30 * SECOND, LEAD, false, null, 'minute', true);
  assert.equal(short.text, '0:50 h');
  assert.equal(short.title, full.text, 'the whole clock is in the title');
  assert.equal(short.state, full.state);
  // The platform's limit comes first: its time is shown.
  assert.equal(clockView(deadline(T0 + 3 * HOUR, T0 + HOUR), T0, LEAD, false, null, 'minute', true).text, '1:00 h');
  const over = clockView(d, T0 + 53 * MINUTE, LEAD, false, null, 'minute', true);
  assert.equal(over.state, 'overdue');
  assert.equal(over.text, '+0:03 h');
  const answered = { ...d, status: 'met' };
  assert.equal(clockView(answered, T0, LEAD, false, null, 'minute', true).text, 'clockMet');
  const follow = clockView(answered, T0, LEAD, false, { due: new Date(T0 + 2 * HOUR).toISOString() }, 'minute', true);
  assert.equal(follow.text, '↻ 2:00 h');
  assert.match(follow.title, /followUpIn 2:00 h/);
});
