// Times as the pages show them, read by the site table (extension/site.js) in the
// browser's zone (UTC here): 24-hour and 12-hour clocks, the en-US date with its
// 12-hour clock, weekdays and month names with or without a clock, and what is not
// read (a clock that is no 12-hour one, a slashed date with a 24-hour clock).
process.env.TZ = 'UTC';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import test from 'node:test';

const Site = createRequire(import.meta.url)('../../extension/site.js');
const NOW = Date.parse('2026-12-04T06:45:00Z'); // a Friday
const at = (iso) => ({ at: Date.parse(iso) });

test('a row or contact time in the forms English and Chinese lists show', () => {
  const cases = [
    ['4:35 AM', at('2026-12-04T04:35:00Z')],
    ['12:05 am', at('2026-12-04T00:05:00Z')],
    ['12:30 PM', at('2026-12-03T12:30:00Z')], // today's would be to come: yesterday's
    ['Yesterday 11:55 PM', at('2026-12-03T23:55:00Z')],
    ['下午 2:32', at('2026-12-03T14:32:00Z')],
    ['Wed 4:25 PM', at('2026-12-02T16:25:00Z')],
    ['Sat', { day: '2026-11-28' }],
    ['Nov 4, 10:05 AM', at('2026-11-04T10:05:00Z')],
    ['Sep 11', { day: '2026-09-11' }],
    ['Dec 28', { day: '2025-12-28' }], // a day still to come is last year's
    ['Oct 13, 2025', { day: '2025-10-13' }],
    ['13:05 PM', {}],
    ['11-28', { day: '2026-11-28' }],
    ['11/28 09:14', at('2026-11-28T09:14:00Z')],
    ['12-28', { day: '2025-12-28' }], // later this month: still to come, so last year's
    ['12-28 09:14', at('2025-12-28T09:14:00Z')],
    ['12-04 06:30', at('2026-12-04T06:30:00Z')],
  ];
  for (const [shown, want] of cases) assert.deepEqual(Site.contactWhen(shown, NOW), want, shown);
});

test('a month and day alone is a list row\'s time, as Chinese lists show older rows', () => {
  for (const shown of ['11-28', '11/28', '11-28 09:14', '周二', '昨天', 'Nov 28']) assert.equal(Site.isListTime(shown), true, shown);
  for (const shown of ['13-45', '02-30', '10-20 pcs', '0-0']) assert.equal(Site.isListTime(shown), false, shown);
});

test('a chat\'s day divider: a day still to come is last year\'s', () => {
  assert.equal(Site.dividerDay('11月28日', NOW), '2026-11-28');
  assert.equal(Site.dividerDay('12月4日', NOW), '2026-12-04');
  assert.equal(Site.dividerDay('12月28日', NOW), '2025-12-28');
  assert.equal(Site.dividerDay('昨天', NOW), '2026-12-03');
});

test('an exact time kept in a tooltip: ISO, en-US with its 12-hour clock, a month name with the year', () => {
  assert.deepEqual(Site.shownWhen('2026-12-01 10:05 PM'), at('2026-12-01T22:05:00Z'));
  assert.deepEqual(Site.shownWhen('12/3/2026, 2:32:10 PM'), at('2026-12-03T14:32:10Z'));
  assert.deepEqual(Site.shownWhen('Dec 1, 2026, 10:05 AM'), at('2026-12-01T10:05:00Z'));
  // Day first or month first? A slashed date with a 24-hour clock does not say.
  assert.deepEqual(Site.shownWhen('03/12/2026, 14:32:10'), {});
});

test('just after midnight in Shanghai, while it is still yesterday in UTC: the rep\'s day decides', () => {
  process.env.TZ = 'Asia/Shanghai';
  try {
    const now = Date.parse('2026-12-04T16:30:00Z'); // Saturday 5 December, 00:30 in Shanghai
    const cases = [
      ['00:10', at('2026-12-04T16:10:00Z')],
      ['23:50', at('2026-12-04T15:50:00Z')], // today's would be to come: yesterday's
      ['昨天 14:32', at('2026-12-04T06:32:00Z')],
      ['昨天', { day: '2026-12-04' }],
      ['周四', { day: '2026-12-03' }],
      ['周五 09:05', at('2026-12-04T01:05:00Z')],
      ['12-04', { day: '2026-12-04' }],
      ['12-05 00:01', at('2026-12-04T16:01:00Z')],
      ['12-06', { day: '2025-12-06' }], // tomorrow in Shanghai: last year's
    ];
    for (const [shown, want] of cases) assert.deepEqual(Site.contactWhen(shown, now), want, shown);
    assert.deepEqual(Site.relativeWhen('3 小时前', now), { day: '2026-12-04' }, 'three to four hours back: the rep\'s yesterday');
    assert.deepEqual(Site.relativeWhen('1 小时前', now), {}, 'an hour or so back may cross the rep\'s midnight: no day');
    assert.deepEqual(Site.relativeWhen('5 分钟前', now), at('2026-12-04T16:24:30Z'));
  } finally {
    process.env.TZ = 'UTC';
  }
});
