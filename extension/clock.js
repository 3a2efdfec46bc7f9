// Xunpan's reply clocks in JavaScript: where an item stands at a moment, and how its
// clock reads in words ("Reply in 8 min"). Written once, for every JS view that shows
// a clock or acts on one: the chips and cards on the seller pages (overlay.js), and the
// badge and deadline warnings of the service worker. The engine decides the deadlines
// (src/core/clock); this only reads them against the time. The side panel's queue,
// drawn by the engine, reads its clocks with the same words (src/core/queue.rs): both
// are tested against tests/fixtures/clock-cases.jsonl and clock-words.jsonl.
//
// A classic script (content scripts load it before overlay.js) that the service worker
// imports for its side effect, like messages.js: it sets globalThis.XunpanClock.
(() => {
  'use strict';

  const MINUTE = 60_000;
  const HOUR = 60 * MINUTE;
  /** The lead for an item whose deadline does not carry the policy's (stored by old builds). */
  const DEFAULT_LEAD_MINUTES = 5;

  /** A deadline's times in ms, parsed once per deadline object (the clocks tick every second). */
  const parsed = new WeakMap();
  function dueTimes(deadline) {
    let times = parsed.get(deadline);
    if (!times) {
      const at = (iso) => {
        const ms = typeof iso === 'string' ? Date.parse(iso) : NaN;
        return Number.isFinite(ms) ? ms : null;
      };
      times = { company: at(deadline.companyDue), platform: at(deadline.platformDue), follow: at(deadline.due) };
      parsed.set(deadline, times);
    }
    return times;
  }

  /** The nearest of a deadline's clocks, in ms (null: it has none). */
  function nextDue(deadline) {
    if (!deadline) return null;
    const { company, platform } = dueTimes(deadline);
    const dues = [company, platform].filter((d) => d !== null);
    return dues.length ? Math.min(...dues) : null;
  }

  /** The due-soon lead of a deadline in ms: the policy's, as the engine gave it. */
  function leadMs(deadline) {
    const minutes = Number(deadline?.dueSoonMinutes);
    return (Number.isFinite(minutes) && minutes >= 0 ? minutes : DEFAULT_LEAD_MINUTES) * MINUTE;
  }

  /**
   * Where a deadline stands at `now` (ms): 'none' (no clock), 'met' (answered),
   * 'overdue' (a clock has passed), 'due_soon' (within the lead of one) or 'on_track'.
   * The engine's own rule (src/core/clock), read against another moment.
   */
  function state(deadline, now, replied = false) {
    if (!deadline) return 'none';
    if (replied || deadline.status === 'met') return 'met';
    if (deadline.precision === 'day') return dayState(deadline, now);
    const next = nextDue(deadline);
    if (next === null) return 'none';
    if (now > next) return 'overdue';
    if (now + leadMs(deadline) >= next) return 'due_soon';
    return 'on_track';
  }

  /** The browser's day of `ms` as "YYYY-MM-DD". */
  function localDay(ms) {
    const d = new Date(ms);
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  }

  /**
   * A day-level deadline (the page showed a date without a time; the engine gave the
   * day the reply is due, `dueOn`): 'overdue' after that day, 'due_soon' on it (the
   * hour is not known, so the whole day is urgent), 'on_track' before it. No minute
   * clock is ever made up for it.
   */
  function dayState(deadline, now) {
    const due = typeof deadline.dueOn === 'string' ? deadline.dueOn : null;
    if (!due) return 'none';
    const today = localDay(now);
    if (today > due) return 'overdue';
    if (today === due) return 'due_soon';
    return 'on_track';
  }

  /**
   * Whether an item is urgent work at `now` (overdue or due soon): never spam, whose
   * quiet clock is only the platform's count of it.
   */
  function isUrgent(deadline, now, replied = false) {
    if (!deadline || deadline.quiet) return false;
    const s = state(deadline, now, replied);
    return s === 'overdue' || s === 'due_soon';
  }

  /**
   * How a span reads (its size; the sign is the caller's): the `_locales` key and its
   * numbers. Whole minutes counted up (7 min 5 s reads "8 min": never "0 min" while
   * time is left); minutes kept under 10 hours, whole hours under two days, then days.
   */
  function spanWords(ms) {
    const minutes = Math.max(1, Math.ceil(Math.abs(ms) / MINUTE));
    const hours = Math.floor(minutes / 60);
    const rest = minutes % 60;
    if (minutes < 60) return { key: 'spanMinutes', args: [minutes] };
    if (minutes < 10 * 60) return rest ? { key: 'spanHoursMinutes', args: [hours, rest] } : { key: 'spanHours', args: [hours] };
    if (minutes < 48 * 60) return { key: 'spanHours', args: [Math.ceil(minutes / 60)] };
    const days = Math.ceil(minutes / (24 * 60));
    return days === 1 ? { key: 'spanDay', args: [] } : { key: 'spanDays', args: [days] };
  }

  /**
   * A span in words, through `t` (the locale's lookup). `seconds`: under an hour the
   * seconds too ("57 min 58 s"), for the open item's clock that counts them.
   */
  function span(ms, t, seconds = false) {
    const abs = Math.abs(ms);
    if (seconds && abs < HOUR) {
      const s = Math.floor(abs / 1000);
      return s >= 60 ? t('spanMinutesSeconds', [String(Math.floor(s / 60)), String(s % 60)]) : t('spanSeconds', [String(s)]);
    }
    const { key, args } = spanWords(ms);
    return t(key, args.map(String));
  }

  /** `HH:MM` of a moment in the browser's zone (the zone the deadlines are drawn in). */
  function timeOfDay(ms) {
    const d = new Date(ms);
    return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
  }

  /**
   * A deadline at `now` as the rep reads it: `{ state, quiet, text, title, name }`, or
   * null when there is no clock to show.
   * - `text`: one line in words — "Reply in 8 min", "Overdue 12 min", "Replied",
   *   "Follow up in 2 days", and for spam's quiet clock "Counts in 23 h";
   * - `title`: every clock with its time ("Company target: in 8 min (10:08)"), for the
   *   hover and the card;
   * - `name`: what a screen reader says (the text, and the clock it counts to).
   * `resolution` 'minute' counts from the start of the current minute, so every such
   * clock on a page changes at the same moment; 'second' (the open item's card) shows
   * the seconds under an hour. The state always follows the exact time.
   * `t(key, subs)` is the locale's lookup.
   */
  function view(deadline, now, { replied = false, followUp = null, resolution = 'second', t }) {
    if (!deadline) return null;
    const shownAt = resolution === 'minute' ? Math.floor(now / MINUTE) * MINUTE : now;
    const seconds = resolution === 'second';
    // Time left as shown (negative: passed); a passed deadline never shows as left.
    const left = (due) => (now > due ? Math.min(due - shownAt, -1) : Math.max(due - shownAt, 0));
    const s = state(deadline, now, replied);
    if (s === 'met') {
      // Our reply is the last word: the next clock is the follow-up's.
      const due = followUp?.due ? dueTimes(followUp).follow : null;
      if (due === null) return { state: 'met', quiet: false, text: t('clockReplied'), title: t('clockMetTitle'), name: t('clockReplied') };
      const text = now >= due ? t('followUpNow') : t('followUpIn', [span(left(due), t, seconds)]);
      return { state: now >= due ? 'due_soon' : 'on_track', quiet: false, text, title: text, name: text };
    }
    if (s === 'none') return null;
    if (deadline.precision === 'day') {
      const key = { overdue: 'clockDayOverdue', due_soon: 'clockDayToday', on_track: 'clockDayLater' }[s];
      const text = t(key, [deadline.dueOn]);
      return { state: s, quiet: Boolean(deadline.quiet), text, title: t('clockDayTitle', [deadline.dueOn]), name: text };
    }
    const { company, platform } = dueTimes(deadline);
    const next = nextDue(deadline);
    const quiet = Boolean(deadline.quiet);
    let text;
    if (quiet) text = now > next ? t('clockQuietLate') : t('clockQuietIn', [span(left(next), t)]);
    else if (s === 'overdue') text = t('clockOverdue', [span(left(next), t, seconds)]);
    else text = t('clockReplyIn', [span(left(next), t, seconds)]);
    const lines = [];
    for (const [key, due] of [['clockCompanyDue', company], ['clockPlatformDue', platform]]) {
      if (due === null) continue;
      const when = now > due ? t('clockDueAgo', [span(left(due), t), timeOfDay(due)]) : t('clockDueIn', [span(left(due), t), timeOfDay(due)]);
      lines.push(t(key, [when]));
    }
    if (quiet) lines.push(t('clockQuietTitle'));
    return { state: s, quiet, text, title: lines.join('\n'), name: `${text} (${lines[0] ?? ''})` };
  }

  globalThis.XunpanClock = Object.freeze({ MINUTE, HOUR, dueTimes, nextDue, leadMs, state, dayState, localDay, isUrgent, spanWords, span, timeOfDay, view });
})();
