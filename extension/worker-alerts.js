// What the service worker tells the rep while no seller page needs to be open: the
// toolbar badge (items overdue or due soon, or "!" while the items cannot be stored)
// and one grouped notification a few minutes before deadlines pass. Urgency is the
// clock module's (clock.js): the policy's due-soon lead, and never spam.
import './clock.js';
import { settingsInForce, storedSettings } from './worker-policy.js';
import { itemsWriteProblem } from './worker-items.js';
import { chosenLocale } from './worker-answers.js';
import { STORE_ITEMS, STORE_WARNED } from './storage.js';

const api = globalThis.browser ?? globalThis.chrome;
const Clock = globalThis.XunpanClock;
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/**
 * The badge: how many items are overdue or due soon (`items`: the stored items, read
 * when not given), red when one is overdue; "!" while new items cannot be stored.
 */
export async function refreshBadge(now = Date.now(), items = null) {
  if (itemsWriteProblem()) {
    await api.action.setBadgeText({ text: '!' });
    await api.action.setBadgeBackgroundColor({ color: '#b42318' });
    return 0;
  }
  const stored = items ?? (await api.storage.local.get(STORE_ITEMS))[STORE_ITEMS] ?? {};
  const urgent = Object.values(stored).filter((i) => Clock.isUrgent(i.deadline, now, i.replied));
  const overdue = urgent.some((i) => Clock.state(i.deadline, now, i.replied) === 'overdue');
  await api.action.setBadgeText({ text: urgent.length ? String(urgent.length) : '' });
  await api.action.setBadgeBackgroundColor({ color: overdue ? '#b42318' : '#b54708' });
  return urgent.length;
}

/** Minutes since local midnight of `ms` in the browser's zone. */
const localMinutes = (ms) => {
  const d = new Date(ms);
  return d.getHours() * 60 + d.getMinutes();
};

/** Quiet hours `{ start: "22:00", end: "08:00" }` (may wrap past midnight). */
export function isQuiet(quiet, now) {
  const parse = (s) => {
    const m = /^(\d{1,2}):(\d{2})$/.exec(String(s ?? ''));
    return m ? Number(m[1]) * 60 + Number(m[2]) : null;
  };
  const start = parse(quiet?.start);
  const end = parse(quiet?.end);
  if (start === null || end === null || start === end) return false;
  const t = localMinutes(now);
  return start < end ? t >= start && t < end : t >= start || t < end;
}

const NOTIFICATION_ID = 'xunpan-due-soon';

/**
 * One grouped notification for every open item whose nearest deadline falls within
 * its due-soon lead and that was not announced yet: no storm of one per item. A
 * warning counts as given only once its notification exists: if the browser refuses
 * it, the next minute's check tries again.
 */
export async function warnBeforeBreaches(now = Date.now()) {
  const stored = await api.storage.local.get([STORE_ITEMS, STORE_WARNED]);
  const { own, learned } = await storedSettings();
  const settings = (await settingsInForce(own, undefined, learned)) ?? {};
  if (settings.notifications?.enabled === false || isQuiet(settings.notifications?.quietHours, now)) return 0;
  const warned = { ...(stored[STORE_WARNED] ?? {}) };
  const soon = [];
  for (const item of Object.values(stored[STORE_ITEMS] ?? {})) {
    if (!Clock.isUrgent(item.deadline, now, item.replied) || Clock.state(item.deadline, now, item.replied) !== 'due_soon') continue;
    const due = Clock.nextDue(item.deadline);
    if (warned[item.key] === due) continue;
    soon.push([item, due]);
  }
  let changed = false;
  for (const [key, due] of Object.entries(warned)) {
    if (due < now - DAY) {
      delete warned[key];
      changed = true;
    }
  }
  if (soon.length) {
    // In the language the rep chose (the browser's by default).
    const locale = await chosenLocale(settings.language);
    globalThis.XunpanLocale.use(locale?.language ?? null, locale?.messages ?? null);
    const t = globalThis.XunpanLocale.t;
    const names = soon.slice(0, 4).map(([i]) => `${i.buyer ?? t('buyerUnnamed')} (${i.country ?? '—'})`);
    await api.notifications.create(NOTIFICATION_ID, {
      type: 'basic',
      iconUrl: api.runtime.getURL('icons/128.png'),
      title: t('notifyTitle', [String(soon.length)]),
      message: names.join(', ') + (soon.length > 4 ? ' …' : ''),
      priority: 2,
    });
    for (const [item, due] of soon) warned[item.key] = due;
    changed = true;
  }
  if (changed) await api.storage.local.set({ [STORE_WARNED]: warned });
  return soon.length;
}
