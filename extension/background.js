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
//   worker-warm.js     the engine kept warm between worker starts (Chrome's offscreen
//                      document, offscreen.js): a list's triage asked of it first
//   engine-files.js    the engine's files and its build rule, shared with offscreen.js
//
// worker-policy.js comes first: scripts run in the order imported, and it asks for the
// engine's wasm and data as it runs, while the others are still to run.
import {
  checkPolicy, engine, engineModule, managedPolicy, markStart, policyChangesHeard, readSettingsAtStart, replaceEngine,
  settingsInForce, settingsLearned, storedSettings, storeLearned, storeSettings,
} from './worker-policy.js';
import { keepWarm, keepWarmAfterStart, warmAvailable, warmTriage } from './worker-warm.js';
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
import {
  answersFor, answersGeneration, chosenLocale, forgetAnswers, listRowHeight, noteListRowHeight, pageSetup, rememberAnswers,
} from './worker-answers.js';

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
// The engine kept warm (Chrome): its document opened, or told the settings, once the
// worker's start is over (see keepWarmAfterStart); a list that finds it missing or not
// ready is answered by this worker.
keepWarmAfterStart();

// --- the browser's time zone, with its daylight-saving switches ------------------

let zoneCache = { until: 0, zone: null };

/**
 * The browser's zone as the engine wants it: the offset a year ago and every switch
 * up to a year ahead, found by scanning day by day and narrowing to the millisecond.
 * Each switch is the first instant of its new offset exactly: `now` has seconds, and a
 * switch narrowed only to the minute from it fell up to a minute late, so a deadline
 * at the very instant of a switch (01:00 UTC in Berlin on the end of summer time) was
 * written with the old offset, an hour off on the rep's clock ("03:00+02:00", a time
 * Berlin never shows that night, for 02:00+01:00).
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
    // offsetAt(lo) is the old offset, offsetAt(hi) the new: halve until they touch.
    let lo = t - DAY;
    let hi = t;
    while (hi - lo > 1) {
      const mid = lo + Math.floor((hi - lo) / 2);
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
  const storing = storeLearned(after);
  // The engine kept warm is built again on the filter as stored (read once written).
  settingsLearned(storing);
  await storing;
  keepWarm();
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
  // Without an engine kept warm, this worker's own is built meanwhile.
  if (!warmAvailable) await engine();
  const items = await completing;
  markStart('triageStart');
  const results = await triageRead(items, now);
  markStart('triageEnd');
  keepAnswered(page, items, results, now, generation);
  return { results, now };
}

/**
 * The engine's answers for `items` (typed, their kept readings put back), in their
 * items' places: null for an item skipped. Items the door could not type are null
 * (skipped, their reason logged there); an item the engine could not read answers an
 * error record. Either way the rest of the batch is triaged, and each answer keeps its
 * item's place. For an item known by its thread alone the engine answers the clocks the
 * thread gives, never a verdict; it is not asked when the page did not say when we
 * replied (no clock is known). With `from`, the items before it are triaged only for
 * what the batch remembers of them (repeated texts, see `Batch` in the engine), and
 * answer null: the rest of a list answered in two parts gets the answers one batch of
 * the whole list would give.
 */
async function triageRead(items, now, from = 0) {
  const asked = (item) => item !== null && (!item.threadOnly || Boolean(item.inquiry.thread?.ourLastReplyAt));
  const taken = items.map((item, n) => ({ item, n })).filter(({ item }) => asked(item));
  const answers = taken.length
    ? await engineTriage(taken.map(({ item }) => {
      if (item.threadOnly) return { ...item.inquiry, threadOnly: true };
      return item.receivedOn ? { ...item.inquiry, receivedOn: item.receivedOn } : item.inquiry;
    }), now)
    : [];
  const results = items.map((item, n) => (n >= from && item?.threadOnly ? { ...(item.inquiry.id ? { id: item.inquiry.id } : {}), threadOnly: true } : null));
  taken.forEach(({ item, n }, k) => {
    if (n < from) return;
    // The engine's clocks for an item known by its thread alone say nothing of what
    // was asked: marked here, for the page and the records.
    const answer = item.threadOnly && answers[k] && !('error' in answers[k]) ? { ...answers[k], threadOnly: true } : answers[k];
    if (isAnswer(answer)) results[n] = answer;
    else console.warn(`Xunpan: item ${n} skipped: ${answer?.error ?? 'no answer'}`);
  });
  return results;
}

/**
 * The engine's answers for `inquiries` at `now` in the browser's zone: the engine kept
 * warm gives them where it is built on the settings in force (worker-warm.js), else
 * this worker's own engine.
 */
async function engineTriage(inquiries, now) {
  const zone = browserZone(now);
  const warm = await warmTriage(inquiries, now, zone);
  if (warm) return warm;
  return (await engine()).triage(inquiries, now, zone);
}

/**
 * Keeps what a page was answered: the items and the badge brought up to date, the
 * answers kept for the page's next load. Called once the page has its answers.
 */
function keepAnswered(page, items, results, now, generation) {
  const kept = items.map((item, n) => (results[n] ? item : null));
  const keptItems = kept.filter(Boolean);
  const keptResults = results.filter(Boolean);
  if (!keptItems.length) return;
  updateItems((stored) => rememberItems(stored, keptItems, keptResults, now))
    .then(({ stored }) => refreshBadge(now, stored))
    .catch(() => refreshBadge(now).catch(() => {}));
  rememberAnswers(page, keptItems, keptResults, now, generation).catch(() => {});
}

// --- a list's rows, those in view answered first -----------------------------------

// A list row is at least this high where the page has drawn none to measure: two lines
// of text (a name, a subject) with their padding, about the least any inbox list draws
// (the demo's rows are 84 px). Too low only makes the first answer a few rows longer;
// too high would leave rows in view for the second.
const LEAST_ROW_PX = 56;
// Without the page's view (a frame, an old content script): a tall window's height.
const DEFAULT_VIEW_PX = 1200;
// The first answer holds at most this many rows (a page scrolled far down as it is
// loaded again: the rows above the view are answered first all the same).
const MOST_FIRST_ROWS = 100;
// The rest goes to the page in answers of at most this many rows: each is read and
// kept in one task of the page's (about 1 ms for 100 rows), its rows then drawn the
// way every answer's are (the rows in view at once, the others in idle time).
const REST_PART_ROWS = 100;

/**
 * How many of a list's first rows can be in view: the rows from the top of the page to
 * the bottom of its view (`view`: the page's scroll `top` and view `height`, px), at the
 * row height the content script measured on the list's drawn rows (`rowHeight`, the
 * page's or the last one reported, see LIST_VIEW), else LEAST_ROW_PX. The list begins
 * below the page's top, so this counts a row or two more than are in view, never fewer.
 * 0: no view given (a list's rest, posted on its own): the whole list in one answer.
 */
function rowsThatCanBeInView(view, reportedRowHeight) {
  if (!view) return 0;
  const rowHeight = view.rowHeight ?? reportedRowHeight ?? LEAST_ROW_PX;
  const bottom = (view.top ?? 0) + (view.height ?? DEFAULT_VIEW_PX);
  return Math.min(MOST_FIRST_ROWS, Math.max(1, Math.ceil(bottom / Math.max(rowHeight, 1))));
}

/** `items`' answers (`results`, in their places) as a list's rows draw them, JSON text. */
function rowAnswersJson(items, results) {
  const answers = [];
  // Only what the rows draw crosses to the page (the rest when a chip is opened).
  items.forEach((item, n) => results[n] && answers.push([item.key, item.signature, rowAnswer(results[n])]));
  return JSON.stringify(answers);
}

/**
 * Answers a list's rows (TRIAGE_LIST) on its port: the first rows, those that can be in
 * view, triaged and posted first, `{ answersJson, rest }` (`rest`: how many rows are
 * still to come); then the whole list triaged as one batch (the answers the first rows
 * got do not change, a batch reads its items in order) and the rest posted in parts of
 * REST_PART_ROWS, the last with `done: true`. A short list, or a list's rest, in one
 * part. The list is read once; `post` returns false once the page has gone (the rest
 * is triaged and kept all the same, as the rows were shown). An error in the rest
 * posts `{ error, done: true }` after the first part, which is kept.
 */
async function answerList(msg, post) {
  const items = listItems(msg.page, msg.kind, msg.json);
  const now = Date.now();
  const generation = answersGeneration();
  const completing = withKeptReadings(items);
  // Without an engine kept warm, this worker's own is built meanwhile.
  const building = warmAvailable ? null : engine();
  // The row height last reported is read beside the engine's start (kept with the
  // page answers, read as the page's setup is).
  const reportedRowHeight = msg.view && !msg.view.rowHeight ? await listRowHeight().catch(() => null) : null;
  const first = rowsThatCanBeInView(msg.view, reportedRowHeight);
  await building;
  const read = await completing;
  markStart('triageStart');
  if (first > 0 && first < read.length) {
    const head = read.slice(0, first);
    const headResults = await triageRead(head, now);
    markStart('triageEnd');
    post({ answersJson: rowAnswersJson(head, headResults), rest: read.length - first });
    markStart('answered');
    let results;
    try {
      // In a task of its own: the first part leaves before the rest's triage begins,
      // and so do the pages' setups under way (the page draws nothing before its
      // setup: on a worker just started, the setup waits on the same engine).
      await new Promise((resolve) => setTimeout(resolve, 0));
      await setupsAnswered();
      results = await triageRead(read, now, first);
      postInParts(read, results, first, post);
    } catch (err) {
      // The first part stands: its rows are kept; the page asks for the others again.
      keepAnswered(msg.page, head, headResults, now, generation);
      throw err;
    }
    markStart('restAnswered');
    for (let n = 0; n < first; n++) results[n] = headResults[n];
    keepAnswered(msg.page, read, results, now, generation);
    return;
  }
  const results = await triageRead(read, now);
  markStart('triageEnd');
  postInParts(read, results, 0, post);
  markStart('answered');
  keepAnswered(msg.page, read, results, now, generation);
}

// The pages' setups being answered (PAGE_SETUP), and how long a list's rest waits for
// them at most.
const setupsUnderWay = new Set();
const SETUP_WAIT_MS = 250;

/** Settles once the setups under way now are answered, or after SETUP_WAIT_MS. */
function setupsAnswered() {
  if (!setupsUnderWay.size) return Promise.resolve();
  return Promise.race([Promise.allSettled([...setupsUnderWay]), new Promise((resolve) => setTimeout(resolve, SETUP_WAIT_MS))]);
}

/** Posts the answers of `items` from `from` on, REST_PART_ROWS at a time, the last marked done. */
function postInParts(items, results, from, post) {
  let at = from;
  do {
    const to = Math.min(items.length, at + REST_PART_ROWS);
    const part = { answersJson: rowAnswersJson(items.slice(at, to), results.slice(at, to)) };
    if (to >= items.length) part.done = true;
    else part.rest = items.length - to;
    if (!post(part)) return; // the page has gone: nothing more is posted
    at = to;
  } while (at < items.length);
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
  async [TYPES.TRIAGE](msg) {
    const { results, now } = await triageItems(msg.page, msg.items);
    return { resultsJson: JSON.stringify(results), now };
  },
  async [TYPES.LIST_VIEW](msg) {
    noteListRowHeight(msg.rowHeight);
    return { ok: true };
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
  if (message.type === TYPES.PAGE_SETUP) markStart('setupIn');
  const answering = storageReady
    .then(() => handler(message))
    .then((reply) => sendResponse(reply))
    .catch((err) => sendResponse({ error: String(err?.message ?? err) }));
  if (message.type === TYPES.PAGE_SETUP) {
    setupsUnderWay.add(answering);
    answering.finally(() => setupsUnderWay.delete(answering));
  }
  return true; // the answer comes asynchronously
});

// A list's rows are answered on a port (TRIAGE_LIST as its name), the rows in view
// first: one message from the page, two or more answers (see answerList). A page that
// goes away (a tab closed or sent elsewhere) closes its port: nothing more is posted on
// it, and what was triaged is kept as for any page. A list the page replaced meanwhile
// is answered to its end all the same: the page draws only rows it still shows.
api.runtime.onConnect.addListener((port) => {
  if (port.name !== TYPES.TRIAGE_LIST) return;
  let open = true;
  port.onDisconnect.addListener(() => {
    open = false;
  });
  /** Posts `message` to the page while its port is open; false once it is not. */
  const post = (message) => {
    if (!open) return false;
    try {
      port.postMessage(message);
      return true;
    } catch {
      open = false; // closed as we posted
      return false;
    }
  };
  let asked = false;
  port.onMessage.addListener((message) => {
    // One list a port, from this extension's own content script, in the list's shape.
    if (asked || message?.type !== TYPES.TRIAGE_LIST || !accept(message, port.sender, api.runtime.id)) {
      post({ error: 'not a list of this extension\'s: send one TRIAGE_LIST message a port', done: true });
      return;
    }
    asked = true;
    markStart('listIn');
    storageReady
      .then(() => answerList(message, post))
      .catch((err) => post({ error: String(err?.message ?? err), done: true }));
  });
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
