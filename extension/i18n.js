// Fills `data-i18n` (text) and `data-i18n-placeholder` attributes of extension pages
// from `_locales`, and gives the UI strings the Rust views need. The language is the
// one chosen in Options (settings.language), else the browser's (see locale.js).
import './locale.js';
import { managedPolicy } from './storage.js';

const api = globalThis.browser ?? globalThis.chrome;
const Locale = globalThis.XunpanLocale;

try {
  // The rep's own choice, else the administrator's policy (managed storage), else auto.
  const { settings } = await api.storage.local.get('settings');
  let language = settings?.language;
  if (language === undefined) {
    language = (await managedPolicy(api))?.language;
  }
  await Locale.load(language);
} catch {
  Locale.use(null); // the browser's language
}

/** The message for `key`, or the key itself so a missing string is visible. */
export const t = (key, subs) => Locale.t(key, subs);

/** Whether the UI reads Chinese. */
export const isChinese = () => Locale.isChinese();

export function localizePage(root = document) {
  document.documentElement.lang = Locale.language().replace('_', '-');
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-placeholder]')) el.placeholder = t(el.dataset.i18nPlaceholder);
}

/** Every string the queue view shows, keyed as in `_locales`. */
export function queueLabels(templates = []) {
  const keys = [
    'queueTitle', 'queueEmpty', 'insertReply',
    'channel_inquiry', 'channel_chat', 'channel_rfq', 'channel_rtm', 'channel_visitor',
    'verdict_spam', 'verdict_suspicious', 'verdict_genuine',
    'clockState_on_track', 'clockState_due_soon', 'clockState_overdue', 'clockState_met', 'clockState_none', 'clockState_follow_up',
  ];
  const labels = Object.fromEntries(keys.map((k) => [k, t(k)]));
  for (const tpl of templates) labels[`template_${tpl.id}`] = (isChinese() && tpl.nameZh) || tpl.name;
  return labels;
}

/** Every string the metric charts show (drawMetrics), keyed as in `_locales`. */
export function chartLabels() {
  const keys = ['chart_received', 'chart_timelyRate', 'chart_firstReplyHours', 'chartLast30', 'chartTarget', 'chartPeers', 'chartNoData'];
  return Object.fromEntries(keys.map((k) => [k, t(k)]));
}
