// Xunpan service worker (Firefox: background script): the only place the engine runs.
//
// Content scripts cannot compile WebAssembly on pages whose CSP forbids it, so they
// send what they read here; the Rust engine triages, suggests and renders, and the
// results go back to be drawn. This worker also keeps the list of items seen (for
// the badge, the side panel and notifications). The worker may be stopped at any
// moment: nothing lives only in memory — the engine is rebuilt on demand from the
// stored settings, and the items a page showed are written to storage right after its
// answer leaves (one write at a time, in order, so none overwrites another's items).
import './messages.js';
import init, { WasmEngine, engineVersion, layerSettings, metrics, ownSettingsLayer } from './pkg/xunpan.js';
import './locale.js';
import { managedPolicy as readManagedPolicy, migrate, writeSet, SCHEMA_VERSION, STORE_SCHEMA } from './storage.js';

const api = globalThis.browser ?? globalThis.chrome;
const { TYPES, accept } = globalThis.XunpanMessages;

const STORE_SETTINGS = 'settings';
const STORE_ITEMS = 'items';
const MAX_ITEMS = 2000;
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

// --- stored data, brought up to date once per start ---------------------------------

/**
 * Upgrades what an older version stored (see storage.js), in one write. Every handler
 * waits for it, so nothing reads the old layout.
 */
const storageReady = (async () => {
  try {
    // The worker starts often (every alarm may wake it): read everything only when
    // the stored version says there is something to upgrade.
    const { [STORE_SCHEMA]: version } = await api.storage.local.get(STORE_SCHEMA);
    if (version === SCHEMA_VERSION) return;
    const upgrade = migrate(await api.storage.local.get(null));
    if (upgrade.changed.length) await api.storage.local.set(writeSet(upgrade));
  } catch (err) {
    console.warn('Xunpan: stored data could not be upgraded:', String(err));
  }
})();

// --- settings: an administrator's policy, the rep's changes on top -------------------

const STORE_LAST_POLICY = 'lastPolicy';
// How long the engine waits for the managed store before building on the policy last
// seen (see policyForEngine).
const POLICY_WAIT_MS = 200;

/** The policy last seen by any worker (null: none). */
async function lastSeenPolicy() {
  return (await api.storage.local.get(STORE_LAST_POLICY))[STORE_LAST_POLICY] ?? null;
}

/** The policy as the managed store has it now; also kept as the one last seen. */
async function managedPolicy() {
  const policy = await readManagedPolicy(api);
  try {
    if (!samePolicy(await lastSeenPolicy(), policy)) await api.storage.local.set({ [STORE_LAST_POLICY]: policy });
  } catch {
    // kept on the next read
  }
  return policy;
}

const samePolicy = (a, b) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * The policy to build the engine on. The browser's managed store answers the first
 * read of a browser session only after seconds (about 3 s in Chromium, whether a
 * policy is set or not): the first tags of the day must not wait for it. If it has not
 * answered within POLICY_WAIT_MS, the policy last seen stands in (policies change
 * seldom, and never while the store is silent); should the store's answer differ, the
 * engine is rebuilt on it for the next message.
 */
async function policyForEngine() {
  const reading = managedPolicy();
  const waiting = Symbol('waiting');
  const early = await Promise.race([reading, new Promise((resolve) => setTimeout(resolve, POLICY_WAIT_MS, waiting))]);
  if (early !== waiting) return early;
  const standIn = await lastSeenPolicy();
  reading.then((policy) => {
    if (!samePolicy(policy, standIn)) replaceEngine();
  });
  return standIn;
}

// The worker starts with the browser (see onStartup below): ask the managed store at
// once, so its slow first answer is usually in before the rep opens a seller page.
managedPolicy();

/**
 * The settings in force: the rep's stored layer (`own`) over the policy, if any
 * (`policy`: the one to use, else the managed store is asked).
 */
async function settingsInForce(own, policy) {
  if (policy === undefined) policy = await managedPolicy();
  if (!policy) return own ?? null;
  await init({ module_or_path: api.runtime.getURL('pkg/xunpan_bg.wasm') });
  try {
    return layerSettings(policy, own ?? null);
  } catch (err) {
    // A rep's layer that no longer fits the policy must not hide the policy.
    console.warn('Xunpan: settings layers not usable, the policy alone is in force:', String(err));
    try {
      return layerSettings(policy, null);
    } catch {
      return own ?? null;
    }
  }
}

/** Stores a full settings document: under a policy, only what differs from it. */
async function storeSettings(full) {
  const policy = await managedPolicy();
  if (!policy) {
    await api.storage.local.set({ [STORE_SETTINGS]: full });
    return;
  }
  const policyEngine = new WasmEngine(policy);
  const complete = policyEngine.settings(); // the policy with every default filled in
  policyEngine.free();
  const own = ownSettingsLayer(complete, full);
  await api.storage.local.set({ [STORE_SETTINGS]: own });
}

// --- the engine ---------------------------------------------------------------

let enginePromise = null;

// An administrator's new policy applies from the next message on. (The managed area's
// own event: a listener on storage.onChanged would be handed every write of the items,
// old and new values in full, about 20 ms per 500-row answer.)
api.storage.managed?.onChanged?.addListener(() => replaceEngine());

/**
 * Puts `next` (an engine promise; null: built again on the next message) in place of
 * the engine, and forgets the answers the old one gave (see rememberAnswers).
 */
function replaceEngine(next = null) {
  enginePromise = next;
  forgetAnswers();
}

/** The engine, built once per worker life from the stored settings. */
function engine() {
  enginePromise ??= (async () => {
    await init({ module_or_path: api.runtime.getURL('pkg/xunpan_bg.wasm') });
    const stored = await api.storage.local.get(STORE_SETTINGS);
    try {
      return new WasmEngine(await settingsInForce(stored[STORE_SETTINGS], await policyForEngine()));
    } catch (err) {
      // Stored settings that no longer validate must not stop the product: fall back
      // to the defaults and say so once.
      console.warn('Xunpan: stored settings not usable, defaults in force:', String(err));
      return new WasmEngine(null);
    }
  })().catch((err) => {
    enginePromise = null; // try again on the next message
    throw err;
  });
  return enginePromise;
}

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

// --- the UI language ---------------------------------------------------------------

const localeTables = new Map();

/**
 * The messages of the language the rep chose in Options, for content scripts (which
 * cannot read extension files on a seller page); null when Xunpan follows the browser.
 */
async function chosenLocale(language) {
  if (!globalThis.XunpanLocale.LANGUAGES.includes(language)) return null;
  if (!localeTables.has(language)) {
    const response = await fetch(api.runtime.getURL(`_locales/${language}/messages.json`));
    localeTables.set(language, await response.json());
  }
  return { language, messages: localeTables.get(language) };
}

// --- stored items ------------------------------------------------------------------

const itemKey = (inquiry) => `${inquiry.channel ?? 'inquiry'}:${inquiry.id ?? ''}`;

/** A small record of an item for the queue: no full message bodies are kept. */
function itemRecord(inquiry, result, url, previous, now) {
  const buyer = inquiry.buyer ?? {};
  return {
    key: itemKey(inquiry),
    id: inquiry.id ?? null,
    channel: inquiry.channel ?? 'inquiry',
    url: url ?? previous?.url ?? null,
    buyer: buyer.name ?? null,
    country: buyer.country ?? null,
    subject: (inquiry.subject ?? inquiry.body ?? '').slice(0, 140),
    receivedAt: inquiry.receivedAt ?? null,
    verdict: result.verdict,
    score: result.score,
    kind: result.kind,
    grade: result.grade,
    priority: result.priority,
    template: result.template,
    deadline: result.deadline ?? null,
    followUp: result.followUp ?? null,
    rfq: result.rfq ?? null,
    replied: result.deadline?.status === 'met' || previous?.replied === true,
    // For the reply metrics: our first real reply and whether the buyer wrote back.
    firstReplyAt: previous?.firstReplyAt ?? firstReply(inquiry),
    buyerAnswered: previous?.buyerAnswered === true || buyerAnswered(inquiry),
    counts: (inquiry.buyer?.country ?? '').toUpperCase() !== 'CN',
    firstSeen: previous?.firstSeen ?? now,
    updated: now,
    // For the exports (CSV report, JSON Lines for the `xunpan` tool), kept small.
    inquiry: storedInquiry(inquiry),
  };
}

/** The inquiry as the exports need it: the conversation dropped, long text cut. */
function storedInquiry(inquiry) {
  const { thread, ...rest } = inquiry;
  return {
    ...rest,
    body: String(inquiry.body ?? '').slice(0, 8000),
    attachments: Array.isArray(inquiry.attachments) ? inquiry.attachments.slice(0, 20) : undefined,
  };
}

/** Our reply after the buyer's message, if the page showed one. */
function firstReply(inquiry) {
  const at = inquiry.thread?.ourLastReplyAt;
  if (!at || !inquiry.receivedAt || Date.parse(at) < Date.parse(inquiry.receivedAt)) return null;
  return at;
}

function buyerAnswered(inquiry) {
  const t = inquiry.thread;
  return Boolean(t?.buyerRepliedAt && t?.ourLastReplyAt && Date.parse(t.buyerRepliedAt) > Date.parse(t.ourLastReplyAt));
}

/**
 * Changes to the stored items, one at a time: each reads what the previous one wrote,
 * so two pages tagging at once cannot overwrite each other's items. `change(stored)`
 * edits the items in place and returns what the caller waits for.
 */
let itemWrites = Promise.resolve();
function updateItems(change) {
  const run = itemWrites.then(async () => {
    const stored = (await api.storage.local.get(STORE_ITEMS))[STORE_ITEMS] ?? {};
    const answer = await change(stored);
    await api.storage.local.set({ [STORE_ITEMS]: stored });
    return { answer, stored };
  });
  itemWrites = run.catch((err) => console.warn('Xunpan: items not stored:', String(err)));
  return run;
}

/** Records for what a page showed, added to the stored items (oldest dropped past the cap). */
function rememberItems(stored, items, results, now) {
  items.forEach((item, n) => {
    const record = itemRecord(item.inquiry, results[n], item.url, stored[itemKey(item.inquiry)], now);
    if (record.id) stored[record.key] = record;
  });
  const keys = Object.keys(stored);
  if (keys.length > MAX_ITEMS) {
    keys.sort((a, b) => stored[a].updated - stored[b].updated);
    for (const k of keys.slice(0, keys.length - MAX_ITEMS)) delete stored[k];
  }
}

/** Where an item's clock stands at `now`, from its stored deadlines. */
function clockState(item, now, dueSoonMs) {
  const d = item.deadline;
  if (!d) return 'none';
  if (item.replied || d.status === 'met') return 'met';
  const dues = [d.companyDue, d.platformDue].filter(Boolean).map((t) => Date.parse(t));
  if (!dues.length) return 'none';
  const next = Math.min(...dues);
  if (now > next) return 'overdue';
  if (now + dueSoonMs >= next) return 'due_soon';
  return 'on_track';
}

/** The badge: items overdue or due soon (`items`: the stored items, read when not given). */
async function refreshBadge(now = Date.now(), items = null) {
  const stored = items ?? (await api.storage.local.get(STORE_ITEMS))[STORE_ITEMS] ?? {};
  const urgent = Object.values(stored).filter((i) => {
    const s = clockState(i, now, 5 * MINUTE);
    return s === 'overdue' || s === 'due_soon';
  });
  const overdue = urgent.some((i) => clockState(i, now, 0) === 'overdue');
  await api.action.setBadgeText({ text: urgent.length ? String(urgent.length) : '' });
  await api.action.setBadgeBackgroundColor({ color: overdue ? '#c62828' : '#ef6c00' });
  return urgent.length;
}

// --- answers remembered per page ------------------------------------------------------

// A rep reloads the inquiry list, and comes back to it from a detail, all day: the
// answers the engine gave for a page are kept for the next load of the same address,
// so that load can tag its rows the moment they appear, before any round trip to the
// engine. The page still asks the engine again and redraws what changed (clocks move
// on, follow-ups fall due). What every seller page needs first (selector overrides,
// language, template names) is kept beside them, so a worker just woken answers a page
// without building the engine. Kept in the browser's session storage: in memory only,
// gone when the browser closes or Xunpan is updated, never written to disk; and
// forgotten whenever the settings or the spam model they came from change.
const STORE_ANSWERS = 'answers';
const ANSWER_PAGES = 8; // addresses kept, the most recently tagged
const ANSWERS_PER_PAGE = 1000;
// About 1.2 KB each: 3000 stay well inside session storage's 10 MB.
const ANSWERS_KEPT = 3000;
const ANSWERS_WRITE_DELAY_MS = 500;

const sessionArea = api.storage.session ?? null;
const extensionVersion = api.runtime.getManifest().version;
// { setup: PAGE_SETUP's answer or null, pages: { [address]: { at, entries: { [key]: [signature, result] } } } }
let remembered = null;
let rememberedWrite = null;
let rememberedGeneration = 0; // moves on whenever what is kept is forgotten

/** What is kept, read from session storage once per worker life. */
async function rememberedState() {
  if (remembered) return remembered;
  let stored = null;
  try {
    stored = sessionArea ? (await sessionArea.get(STORE_ANSWERS))[STORE_ANSWERS] : null;
  } catch {
    // no session storage here: this worker's memory only
  }
  const usable = stored?.version === extensionVersion && stored.pages && typeof stored.pages === 'object';
  remembered ??= usable ? { setup: stored.setup ?? null, pages: stored.pages } : { setup: null, pages: {} };
  return remembered;
}

/** Keeps the answers a page was given, for its next load (written a moment later, once). */
async function rememberAnswers(page, items, results, now, generation) {
  if (typeof page !== 'string' || !page) return;
  const { pages } = await rememberedState();
  if (generation !== rememberedGeneration) return; // given under settings since replaced
  const entry = (pages[page] ??= { at: now, entries: {} });
  entry.at = now;
  items.forEach((item, n) => {
    if (typeof item.key !== 'string' || typeof item.signature !== 'string') return;
    delete entry.entries[item.key]; // the newest last: the oldest are dropped past the cap
    entry.entries[item.key] = [item.signature, results[n]];
  });
  const keys = Object.keys(entry.entries);
  for (const key of keys.slice(0, Math.max(0, keys.length - ANSWERS_PER_PAGE))) delete entry.entries[key];
  let total = 0;
  const addresses = Object.keys(pages).sort((a, b) => pages[b].at - pages[a].at);
  addresses.forEach((address, n) => {
    total += Object.keys(pages[address].entries).length;
    if (n >= ANSWER_PAGES || (n > 0 && total > ANSWERS_KEPT)) delete pages[address];
  });
  writeRememberedSoon();
}

function writeRememberedSoon() {
  if (rememberedWrite || !sessionArea) return;
  rememberedWrite = setTimeout(() => {
    rememberedWrite = null;
    sessionArea.set({ [STORE_ANSWERS]: { version: extensionVersion, ...remembered } }).catch(() => {});
  }, ANSWERS_WRITE_DELAY_MS);
}

/** Forgets everything kept: the engine it came from was replaced or learned. */
function forgetAnswers() {
  rememberedGeneration += 1;
  remembered = { setup: null, pages: {} };
  clearTimeout(rememberedWrite);
  rememberedWrite = null;
  sessionArea?.remove(STORE_ANSWERS).catch(() => {});
}

/** The answers last given for `page`, as JSON text of { [key]: [signature, result] } (null: none). */
async function answersFor(page) {
  if (typeof page !== 'string' || !page) return null;
  const entry = (await rememberedState()).pages[page];
  return entry ? JSON.stringify(entry.entries) : null;
}

/** What a seller page needs before its first scan: kept, or asked of the engine and kept. */
async function pageSetup() {
  const kept = await rememberedState();
  if (kept.setup) return kept.setup;
  const generation = rememberedGeneration;
  const eng = await engine();
  const settings = eng.settings();
  const templateNames = {};
  for (const t of eng.templates()) templateNames[t.id] = { name: t.name, nameZh: t.nameZh };
  const setup = {
    overrides: settings?.selectorOverrides ?? {},
    locale: await chosenLocale(settings?.language),
    templateNames,
  };
  if (generation === rememberedGeneration) {
    remembered.setup = setup;
    writeRememberedSoon();
  }
  return setup;
}

// --- handlers ----------------------------------------------------------------------

const handlers = {
  async [TYPES.TRIAGE](msg) {
    const now = Date.now();
    const generation = rememberedGeneration;
    const eng = await engine();
    const inquiries = msg.items.map((i) => i.inquiry);
    const results = eng.triage(inquiries, now, browserZone(now));
    // The page draws as soon as it has the results; the items and the badge follow.
    updateItems((stored) => rememberItems(stored, msg.items, results, now))
      .then(({ stored }) => refreshBadge(now, stored))
      .catch(() => {});
    rememberAnswers(msg.page, msg.items, results, now, generation).catch(() => {});
    return { resultsJson: JSON.stringify(results), now };
  },
  async [TYPES.RENDER](msg) {
    const now = Date.now();
    const eng = await engine();
    return { rendered: eng.render(msg.inquiry, msg.template ?? null, now, browserZone(now)) };
  },
  async [TYPES.TEMPLATES]() {
    return { templates: (await engine()).templates() };
  },
  async [TYPES.PAGE_SETUP](msg) {
    return { ...(await pageSetup()), answersJson: await answersFor(msg.page) };
  },
  async [TYPES.LINT](msg) {
    return { lint: (await engine()).lint(msg.text, msg.inquiry ?? null) };
  },
  async [TYPES.FEEDBACK](msg) {
    const eng = await engine();
    const learned = eng.learn(msg.inquiry, msg.spam);
    forgetAnswers(); // the engine's model changed: its earlier answers no longer stand
    await storeSettings(learned);
    return { ok: true };
  },
  async [TYPES.GET_STATE]() {
    await engine();
    const stored = await api.storage.local.get([STORE_SETTINGS, STORE_ITEMS]);
    const items = Object.values(stored[STORE_ITEMS] ?? {});
    const now = Date.now();
    const records = items
      .filter((i) => i.receivedAt)
      .map((i) => ({ channel: i.channel, buyerAt: i.receivedAt, firstReplyAt: i.firstReplyAt ?? null, buyerAnswered: Boolean(i.buyerAnswered), counts: i.counts !== false }));
    const policy = await managedPolicy();
    const settings = await settingsInForce(stored[STORE_SETTINGS], policy);
    return {
      settings,
      policy: policy !== null,
      locale: await chosenLocale(settings?.language),
      items,
      metrics: metrics(records, now, browserZone(now)),
      engine: engineVersion(),
    };
  },
  async [TYPES.SAVE_SETTINGS](msg) {
    await init({ module_or_path: api.runtime.getURL('pkg/xunpan_bg.wasm') });
    // Validate by building an engine from them first: a bad file changes nothing.
    const next = new WasmEngine(msg.settings);
    await storeSettings(msg.settings);
    replaceEngine(Promise.resolve(next));
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
  storageReady
    .then(() => handler(message))
    .then((reply) => sendResponse(reply))
    .catch((err) => sendResponse({ error: String(err?.message ?? err) }));
  return true; // the answer comes asynchronously
});

// --- clocks that must fire while no page is open -------------------------------------

api.runtime.onInstalled.addListener(() => {
  api.alarms.create('xunpan-clock', { periodInMinutes: 1 });
});
api.runtime.onStartup?.addListener(() => {
  api.alarms.create('xunpan-clock', { periodInMinutes: 1 });
});
api.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name !== 'xunpan-clock') return;
  storageReady.then(() => Promise.all([refreshBadge(), warnBeforeBreaches()])).catch(() => {});
});

// --- warnings a few minutes before a deadline passes ------------------------------------

const WARN_MINUTES = 5;
const STORE_WARNED = 'warned';

/** Minutes since local midnight of `ms` in the browser's zone. */
const localMinutes = (ms) => {
  const d = new Date(ms);
  return d.getHours() * 60 + d.getMinutes();
};

/** Quiet hours `{ start: "22:00", end: "08:00" }` (may wrap past midnight). */
function isQuiet(quiet, now) {
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

/**
 * One grouped notification for every open item whose nearest deadline falls within
 * the next few minutes and that was not announced yet: no storm of one per item.
 */
async function warnBeforeBreaches(now = Date.now()) {
  const stored = await api.storage.local.get([STORE_ITEMS, STORE_WARNED, STORE_SETTINGS]);
  const settings = (await settingsInForce(stored[STORE_SETTINGS])) ?? {};
  if (settings.notifications?.enabled === false || isQuiet(settings.notifications?.quietHours, now)) return 0;
  const warned = stored[STORE_WARNED] ?? {};
  const soon = [];
  for (const item of Object.values(stored[STORE_ITEMS] ?? {})) {
    if (clockState(item, now, WARN_MINUTES * MINUTE) !== 'due_soon') continue;
    const due = Math.min(...[item.deadline.companyDue, item.deadline.platformDue].filter(Boolean).map(Date.parse));
    if (warned[item.key] === due) continue;
    warned[item.key] = due;
    soon.push(item);
  }
  for (const [key, due] of Object.entries(warned)) if (due < now - DAY) delete warned[key];
  await api.storage.local.set({ [STORE_WARNED]: warned });
  if (!soon.length) return 0;
  const t = (key, subs) => api.i18n.getMessage(key, subs) || key;
  await api.notifications.create('xunpan-due-soon', {
    type: 'basic',
    iconUrl: api.runtime.getURL('icons/128.png'),
    title: t('notifyTitle', [String(soon.length)]),
    message: soon.slice(0, 4).map((i) => `${i.buyer ?? i.id} (${i.country ?? '—'})`).join(', ') + (soon.length > 4 ? ' …' : ''),
    priority: 2,
  });
  return soon.length;
}

// The keyboard shortcut opens the template picker in the active seller page.
api.commands?.onCommand.addListener(async (command) => {
  if (command !== 'open-template-picker') return;
  const [tab] = await api.tabs.query({ active: true, currentWindow: true });
  if (tab?.id !== undefined && /^https:\/\/[a-z0-9.-]+\.alibaba\.com\//.test(tab.url ?? '')) {
    api.tabs.sendMessage(tab.id, { type: TYPES.OPEN_PICKER }).catch(() => {});
  }
});

// The side panel opens from the toolbar icon where the browser has one (Chrome).
api.sidePanel?.setPanelBehavior?.({ openPanelOnActionClick: false }).catch?.(() => {});
