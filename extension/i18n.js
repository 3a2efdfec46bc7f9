// The UI language of the extension pages, and the UI strings the Rust views need. The
// language is the one chosen in Options (settings.language), else the administrator's
// policy's, else the browser's (see locale.js).
//
// Each page loads locale.js and first-paint.js as classic scripts, so its labels are in
// the language last in force from its first frame; this module reads the stored choice,
// and when it differs (chosen elsewhere meanwhile) loads it, writes the page again and
// keeps it for the next page's first frame.
import { managedPolicy } from './storage.js';

const api = globalThis.browser ?? globalThis.chrome;
const Locale = globalThis.XunpanLocale;
const KEPT = 'xunpan.locale';

/** Keeps `language` (null: the browser's) and its table for the next page's first frame. */
export function keepLanguage(language, table = null) {
  try {
    localStorage.setItem(KEPT, JSON.stringify(language ? { language, table } : { language: null }));
  } catch {
    // no localStorage here: the next page starts in the browser's language
  }
}

/** Puts `language` (a settings value) in force if it is not already, and keeps it. */
async function inForce(language) {
  const want = Locale.LANGUAGES.includes(language) ? language : null;
  if (want === Locale.chosenLanguage()) return;
  const table = await Locale.load(want);
  Locale.localize(document);
  keepLanguage(want, table);
}

// The language in force: the rep's own choice, else the policy's, else the browser's.
// The rep's is read before the page's script goes on; the managed store can take
// seconds to answer its first read, so the policy's is not waited for.
try {
  const { settings } = await api.storage.local.get('settings');
  if (settings?.language !== undefined) await inForce(settings.language);
  else managedPolicy(api).then((policy) => inForce(policy?.language)).catch(() => {});
} catch {
  // The first frame's language stands.
}

/** The message for `key`, or the key itself so a missing string is visible. */
export const t = (key, subs) => Locale.t(key, subs);

/** Whether the UI reads Chinese. */
export const isChinese = () => Locale.isChinese();

/** Writes the UI language into `root`'s labels (see locale.js). */
export const localizePage = (root = document) => Locale.localize(root);

/** Every string the queue view shows, keyed as in `_locales`. */
export function queueLabels(templates = []) {
  const keys = [
    'queueTitle', 'queueEmpty', 'insertReply', 'insertFollowUp', 'buyerUnnamed',
    'channel_inquiry', 'channel_chat', 'channel_rfq', 'channel_rtm', 'channel_visitor',
    'verdict_spam', 'verdict_suspicious', 'verdict_genuine',
    'clockReplied', 'clockReplyIn', 'clockOverdue', 'clockQuietIn', 'clockQuietLate', 'clockQuietTitle',
    'clockCompanyDue', 'clockPlatformDue', 'clockDueIn', 'clockDueAgo', 'followUpIn', 'followUpNow',
    'spanMinutes', 'spanHoursMinutes', 'spanHours', 'spanDay', 'spanDays',
  ];
  // With their $1, $2 left in: the panel fills them.
  const labels = Object.fromEntries(keys.map((k) => [k, Locale.message(k)]));
  for (const tpl of templates) labels[`template_${tpl.id}`] = (isChinese() && tpl.nameZh) || tpl.name;
  return labels;
}

/** Every string the metric charts show (drawMetrics), keyed as in `_locales`. */
export function chartLabels() {
  const keys = ['chart_received', 'chart_timelyRate', 'chart_firstReplyHours', 'chartLast30', 'chartTarget', 'chartPeers', 'chartNoData'];
  return Object.fromEntries(keys.map((k) => [k, t(k)]));
}
