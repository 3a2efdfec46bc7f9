// Xunpan service worker (Firefox: background script): the only place the engine runs.
//
// Content scripts cannot compile WebAssembly on pages whose CSP forbids it, so they
// send what they read here; the Rust engine triages, suggests and renders, and the
// results go back to be drawn. The worker may be stopped at any moment: nothing lives
// only in memory — the engine is rebuilt on demand from the stored settings, and the
// items a page showed are written to storage right after its answer leaves.
//
// This file routes the messages; each concern has its module:
//   worker-policy.js   the settings in force (policy, the rep's layer, the learned
//                      filter kept apart) and the engine built from them
//   worker-items.js    the items the pages showed (records, size budget, writes)
//   worker-alerts.js   the badge and the deadline warnings
//   worker-answers.js  answers kept for pages, what a page needs first, languages
//
// worker-policy.js comes first: scripts run in the order imported, and it asks for the
// engine's wasm and data as it runs, while the others are still to run.
import {
  checkPolicy, engine, engineModule, managedPolicy, markStart, policyChangesHeard, readSettingsAtStart, replaceEngine,
  settingsInForce, storedSettings, storeLearned, storeSettings,
} from './worker-policy.js';
import './messages.js';
import './locale.js';
import './clock.js';
import './site.js';
import './health.js';
import { engineVersion, metrics, WasmEngine } from './pkg/xunpan.js';
import { migrate, writeSet, SCHEMA_VERSION, STORE_ITEMS, STORE_SCHEMA } from './storage.js';
import { keepPopupOnToolbarIcon } from './browser-compat.js';
import { itemKey, itemsWriteProblem, keptReadings, onItemsWriteProblem, readingFor, rememberItems, updateItems } from './worker-items.js';
import { refreshBadge, warnBeforeBreaches } from './worker-alerts.js';
import { answersFor, answersGeneration, chosenLocale, forgetAnswers, pageSetup, rememberAnswers } from './worker-answers.js';

const api = globalThis.browser ?? globalThis.chrome;
const { TYPES, accept, isAnswer, normaliseItem, rowAnswer, signature } = globalThis.XunpanMessages;
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

// --- stored data, brought up to date once per start ---------------------------------

/**
 * Upgrades what an older version stored (see storage.js), in one write. Every handler
 * waits for it, so nothing reads the old layout. Resolves to whether anything stored
 * may have changed.
 */
const storageReady = (async () => {
  try {
    // The worker starts often (every alarm may wake it): read everything only when
    // the stored version says there is something to upgrade.
    const { [STORE_SCHEMA]: version } = await api.storage.local.get(STORE_SCHEMA);
    markStart('storageChecked');
    if (version === SCHEMA_VERSION) return false;
    const upgrade = migrate(await api.storage.local.get(null));
    if (upgrade.changed.length) await api.storage.local.set(writeSet(upgrade));
    return upgrade.changed.length > 0;
  } catch (err) {
    console.warn('Xunpan: stored data could not be upgraded:', String(err));
    return true;
  }
})();
// The settings the first engine is built on are read now, beside the upgrade (and read
// again if it changed anything): see readSettingsAtStart.
readSettingsAtStart(storageReady);

// --- the browser's time zone, with its daylight-saving switches ------------------

let zoneCache = { until: 0, zone: null };

/**
 * The browser's zone as the engine wants it: the offset a year ago and every switch
 * up to a year ahead, found by scanning day by day and narrowing to the minute.
 */
function browserZone(nowMs) {
  if (zoneCache.zone && nowMs < zoneCache.until) return zoneCache.zone;
  const offsetAt = (t) => -new Date(t).getTimezoneOffset();
  const start = nowMs - 370 * DAY;
  const end = nowMs + 370 * DAY;
  const first = offsetAt(start);
  const transitions = [];
  let prev = first;
  for (let t = start + DAY; t <= end; t += DAY) {
    const off = offsetAt(t);
    if (off === prev) continue;
    let lo = t - DAY;
    let hi = t;
    while (hi - lo > MINUTE) {
      const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE || lo + MINUTE;
      if (offsetAt(mid) === prev) lo = mid;
      else hi = mid;
    }
    transitions.push([hi, off]);
    prev = off;
  }
  zoneCache = { until: nowMs + DAY, zone: { offsetMinutes: first, transitions } };
  return zoneCache.zone;
}

// --- the rep's "spam" / "not spam", and its undo ------------------------------------------

// The last lesson, so the rep can take it back: the filter before it and a fingerprint
// of the filter after it. Undone only while nothing was learned since (a later click
// would otherwise be lost with it). In the browser's session storage, like the answers.
const STORE_UNDO = 'learnUndo';
const fingerprint = (learned) => `${learned?.spamDocs}/${learned?.genuineDocs}/${JSON.stringify(learned ?? null).length}`;

async function learn(inquiry, spam) {
  const eng = await engine();
  const before = eng.settings()?.triage?.learned ?? null;
  const after = eng.learn(inquiry, spam).triage.learned;
  forgetAnswers(); // the engine's model changed: its earlier answers no longer stand
  await storeLearned(after);
  const token = `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  await api.storage.session?.set({ [STORE_UNDO]: { token, before, after: fingerprint(after) } }).catch(() => {});
  return { ok: true, undo: token, spam, learned: { spamDocs: after.spamDocs, genuineDocs: after.genuineDocs } };
}

async function undoLearn(token) {
  const undo = (await api.storage.session?.get(STORE_UNDO).catch(() => null))?.[STORE_UNDO];
  if (!undo || undo.token !== token) return { ok: false, reason: 'gone' };
  const current = (await engine()).settings()?.triage?.learned ?? null;
  if (fingerprint(current) !== undo.after) return { ok: false, reason: 'changed' };
  await storeLearned(undo.before);
  await api.storage.session.remove(STORE_UNDO);
  replaceEngine(); // built again, on the filter as it was
  return { ok: true };
}

// --- handlers ----------------------------------------------------------------------

/**
 * The list's rows from its page data, as the content script reads the same rows once
 * the page has drawn them (Site.predict, the same fingerprints): typed at the door like
 * a triage request's items, null where an item cannot be used.
 */
function listItems(page, kind, json) {
  const Site = globalThis.XunpanSite;
  // The content script hands any list data on as it comes: only a list's rows are read.
  if (Site.detect(page) !== 'inquiryList') return [];
  const store = Site.createPageDataStore();
  if (!store.accept({ source: 'xunpan-page-data', kind, json })) return [];
  // A row without text is shown as not read, never triaged (as the content script
  // does); one whose latest message is our reply is answered by its thread.
  const rows = Site.predict('inquiryList', store).filter((item) => item.inquiry.body || item.threadOnly).slice(0, MAX_LIST_ITEMS);
  return rows.map((item, n) => normaliseItem({
    inquiry: item.inquiry,
    url: Site.itemUrl('inquiryList', item, page),
    key: item.key,
    signature: signature(item.inquiry),
    threadOnly: item.threadOnly,
  }, n));
}
const MAX_LIST_ITEMS = 1000;

/**
 * Triages a page's items (typed, null where one cannot be used): the answers in their
 * items' places (null for a skipped one), kept for the page's next load; the items
 * and the badge are brought up to date after the answer leaves.
 */
async function triageItems(page, pageItems) {
  const now = Date.now();
  const generation = answersGeneration();
  // Earlier readings are looked up while the engine is got ready (built, on a cold start).
  const completing = withKeptReadings(pageItems);
  const eng = await engine();
  const items = await completing;
  // Items the door could not type are null (skipped, their reason logged there); an
  // item the engine could not read answers an error record. Either way the rest of
  // the batch is triaged, and each answer keeps its item's place. For an item known by
  // its thread alone the engine answers the clocks the thread gives, never a verdict;
  // it is not asked when the page did not say when we replied (no clock is known).
  const asked = (item) => item !== null && (!item.threadOnly || Boolean(item.inquiry.thread?.ourLastReplyAt));
  const taken = items.map((item, n) => ({ item, n })).filter(({ item }) => asked(item));
  markStart('triageStart');
  const answers = taken.length
    ? eng.triage(taken.map(({ item }) => {
      if (item.threadOnly) return { ...item.inquiry, threadOnly: true };
      return item.receivedOn ? { ...item.inquiry, receivedOn: item.receivedOn } : item.inquiry;
    }), now, browserZone(now))
    : [];
  markStart('triageEnd');
  const results = items.map((item) => (item?.threadOnly ? { ...(item.inquiry.id ? { id: item.inquiry.id } : {}), threadOnly: true } : null));
  taken.forEach(({ item, n }, k) => {
    // The engine's clocks for an item known by its thread alone say nothing of what
    // was asked: marked here, for the page and the records.
    const answer = item.threadOnly && answers[k] && !('error' in answers[k]) ? { ...answers[k], threadOnly: true } : answers[k];
    if (isAnswer(answer)) results[n] = answer;
    else console.warn(`Xunpan: item ${n} skipped: ${answer?.error ?? 'no answer'}`);
  });
  const kept = items.map((item, n) => (results[n] ? item : null));
  const keptItems = kept.filter(Boolean);
  const keptResults = results.filter(Boolean);
  // The page draws as soon as it has the results; the items and the badge follow.
  updateItems((stored) => rememberItems(stored, keptItems, keptResults, now))
    .then(({ stored }) => refreshBadge(now, stored))
    .catch(() => refreshBadge(now).catch(() => {}));
  rememberAnswers(page, keptItems, keptResults, now, generation).catch(() => {});
  return { results, now };
}

/**
 * `items` with the buyer's text put back into those known by their thread alone, where
 * an earlier reading of the same message kept it (see `readingOf`): they are then
 * triaged as any item, their thread giving the clocks. Only those items' readings are
 * read, under their own keys (see storage.js), never the whole item store.
 */
async function withKeptReadings(items) {
  const needsReading = (item) => Boolean(item?.threadOnly && item.inquiry.thread);
  const keyOf = (item) => item.key ?? itemKey(item.inquiry);
  const keys = items.filter(needsReading).map(keyOf);
  if (!keys.length) return items;
  let readings = new Map();
  try {
    markStart('itemsAsked');
    readings = await keptReadings(keys);
    markStart('itemsRead');
  } catch (err) {
    console.warn('Xunpan: earlier readings could not be read:', String(err));
  }
  return items.map((item) => {
    if (!needsReading(item)) return item;
    const reading = readingFor(readings.get(keyOf(item)), item.inquiry);
    if (!reading) return item;
    const { threadOnly: _, ...rest } = item;
    return { ...rest, inquiry: { ...item.inquiry, ...reading } };
  });
}

const handlers = {
  async [TYPES.TRIAGE_LIST](msg) {
    // The page's own data, handed on as it came: the page's task that posted it pays
    // nothing more, and the engine starts while the page still draws its rows.
    const items = listItems(msg.page, msg.kind, msg.json);
    const { results } = await triageItems(msg.page, items);
    const answers = [];
    // Only what the rows draw crosses to the page (the rest when a chip is opened).
    items.forEach((item, n) => results[n] && answers.push([item.key, item.signature, rowAnswer(results[n])]));
    markStart('answered');
    return { answersJson: JSON.stringify(answers) };
  },
  async [TYPES.TRIAGE](msg) {
    const { results, now } = await triageItems(msg.page, msg.items);
    return { resultsJson: JSON.stringify(results), now };
  },
  async [TYPES.RENDER](msg) {
    const now = Date.now();
    const eng = await engine();
    return { rendered: eng.render(msg.inquiry, msg.template ?? null, now, browserZone(now), msg.language ?? null) };
  },
  async [TYPES.TEMPLATES]() {
    return { templates: (await engine()).templates() };
  },
  async [TYPES.PAGE_SETUP](msg) {
    // Without the browser's event for it (Firefox), a changed team policy is looked for
    // as a seller page opens, so the page is triaged on it; never waited on for long.
    if (!policyChangesHeard) await Promise.race([checkPolicy().catch(() => {}), new Promise((r) => setTimeout(r, 300))]);
    const kept = await answersFor(msg.page);
    return { ...(await pageSetup()), answersJson: kept?.signaturesJson ?? null, answerResultsJson: kept?.resultsJson ?? null };
  },
  async [TYPES.LINT](msg) {
    return { lint: (await engine()).lint(msg.text, msg.inquiry ?? null) };
  },
  async [TYPES.FEEDBACK](msg) {
    return learn(msg.inquiry, msg.spam);
  },
  async [TYPES.UNDO_FEEDBACK](msg) {
    return undoLearn(msg.token);
  },
  async [TYPES.GET_STATE]() {
    // The module only (for the settings' layers and the figures): an extension page
    // never has the triage engine built, so it is built when a seller page first asks,
    // on the policy in force then.
    await engineModule();
    const stored = await api.storage.local.get(STORE_ITEMS);
    const items = Object.values(stored[STORE_ITEMS] ?? {});
    const now = Date.now();
    const records = items
      .filter((i) => i.receivedAt)
      .map((i) => ({ channel: i.channel, buyerAt: i.receivedAt, firstReplyAt: i.firstReplyAt ?? null, buyerAnswered: Boolean(i.buyerAnswered), counts: i.counts !== false }));
    const policy = await managedPolicy();
    const { own, learned } = await storedSettings();
    const settings = await settingsInForce(own, policy, learned);
    return {
      settings,
      policy: policy !== null,
      locale: await chosenLocale(settings?.language),
      items,
      metrics: metrics(records, now, browserZone(now)),
      engine: engineVersion(),
      storeProblem: itemsWriteProblem(),
    };
  },
  async [TYPES.SAVE_SETTINGS](msg) {
    await engineModule();
    // The learned filter is the stored one unless the message replaces it (an imported
    // file, "forget what I taught"): a Save never puts back one older than the clicks.
    const replacesLearned = 'learned' in msg;
    const learned = replacesLearned ? msg.learned : (await storedSettings()).learned;
    // Validate by building an engine from them first: a bad file changes nothing.
    const base = { ...msg.settings, triage: { ...(msg.settings.triage ?? {}) } };
    delete base.triage.learned;
    new WasmEngine(learned ? { ...base, triage: { ...base.triage, learned } } : base).free();
    await storeSettings(base);
    if (replacesLearned) await storeLearned(learned);
    // Built again from what is stored, on the next message: under a policy the
    // settings in force are its layers, not the document saved.
    replaceEngine();
    return { ok: true };
  },
  async [TYPES.OPEN_WELCOME]() {
    await api.tabs.create({ url: api.runtime.getURL('welcome.html') });
    return { ok: true };
  },
  async [TYPES.WARN_NOW]() {
    return { warned: await warnBeforeBreaches() };
  },
  async [TYPES.ITEM_STATUS](msg) {
    const { answer: found, stored } = await updateItems((items) => {
      const item = Object.values(items).find((i) => i.id === msg.id);
      if (item && msg.replied !== undefined) item.replied = msg.replied;
      return Boolean(item);
    });
    await refreshBadge(Date.now(), stored);
    return { ok: found };
  },
};

api.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (!accept(message, sender, api.runtime.id)) return false;
  const handler = handlers[message.type];
  if (!handler) return false;
  if (message.type === TYPES.TRIAGE_LIST) markStart('listIn');
  if (message.type === TYPES.PAGE_SETUP) markStart('setupIn');
  storageReady
    .then(() => handler(message))
    .then((reply) => sendResponse(reply))
    .catch((err) => sendResponse({ error: String(err?.message ?? err) }));
  return true; // the answer comes asynchronously
});

markStart('evaluated');

// The rep is told at once when the items cannot be stored, and when they can again.
onItemsWriteProblem(() => refreshBadge().catch(() => {}));

// --- clocks that must fire while no page is open -------------------------------------

api.runtime.onInstalled.addListener((details) => {
  api.alarms.create('xunpan-clock', { periodInMinutes: 1 });
  // A new install opens the welcome page; an update or a browser update never does.
  if (details?.reason === 'install') {
    api.tabs.create({ url: api.runtime.getURL('welcome.html') }).catch(() => {});
  }
});
api.runtime.onStartup?.addListener(() => {
  api.alarms.create('xunpan-clock', { periodInMinutes: 1 });
});
api.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name !== 'xunpan-clock') return;
  if (!policyChangesHeard) checkPolicy().catch(() => {});
  storageReady.then(() => Promise.all([refreshBadge(), warnBeforeBreaches()])).catch(() => {});
});

// The keyboard shortcut opens the template picker in the active seller page.
api.commands?.onCommand.addListener(async (command) => {
  if (command !== 'open-template-picker') return;
  const [tab] = await api.tabs.query({ active: true, currentWindow: true });
  if (tab?.id !== undefined && globalThis.XunpanSite.isSellerPage(tab.url ?? '')) {
    api.tabs.sendMessage(tab.id, { type: TYPES.OPEN_PICKER }).catch(() => {});
  }
});

// The toolbar icon opens the popup; the work queue opens from there.
keepPopupOnToolbarIcon();
