// What the service worker keeps for the seller pages: the engine's last answers for
// each page address (so a page loaded again is tagged at once), what every seller page
// needs before its first scan, and the tables of the language the rep chose.
import { engine, onEngineReplaced } from './worker-policy.js';

const api = globalThis.browser ?? globalThis.chrome;

const localeTables = new Map();

/**
 * The messages of the language the rep chose in Options, for content scripts (which
 * cannot read extension files on a seller page); null when Xunpan follows the browser.
 */
export async function chosenLocale(language) {
  if (!globalThis.XunpanLocale.LANGUAGES.includes(language)) return null;
  if (!localeTables.has(language)) {
    const response = await fetch(api.runtime.getURL(`_locales/${language}/messages.json`));
    localeTables.set(language, await response.json());
  }
  return { language, messages: localeTables.get(language) };
}

/**
 * The messages of the shipped language the browser shows Xunpan in, when the rep chose
 * none: found by the one message each table words its own way, so it is the table
 * the browser itself picked (`browser`: the language of the reasons and template
 * names stays the browser's own). Content scripts then never ask the browser for a
 * message: its first lookup costs a seller page milliseconds, while the rep waits for
 * the first tags.
 */
async function browserLocale() {
  const shown = api.i18n?.getMessage?.('extName');
  for (const language of globalThis.XunpanLocale.LANGUAGES) {
    const locale = await chosenLocale(language);
    if (locale?.messages?.extName?.message === shown) return { ...locale, browser: true };
  }
  return null;
}

// A rep reloads the inquiry list, and comes back to it from a detail, all day: the
// answers the engine gave for a page are kept for the next load of the same address,
// so that load can tag its rows the moment they appear, before any round trip to the
// engine. The page still asks the engine again and redraws what changed (clocks move
// on, follow-ups fall due). What every seller page needs first (selector overrides,
// language, template names) is kept beside them, so a worker just woken answers a page
// without building the engine. Kept in the browser's session storage: in memory only,
// gone when the browser closes or Xunpan is updated, never written to disk; and
// forgotten whenever the settings or the spam model they came from change.
//
// Layout: `answers` holds the version, the setup and each address's time and count;
// each address's answers are under `answers:<address>`. A worker just started reads the
// small part and the one page it is asked for, in one call: up to ANSWERS_KEPT answers
// (megabytes) read and copied to the worker as it starts would hold up the storage reads
// behind them, the first triage's among them.
const STORE_ANSWERS = 'answers';
const pageKey = (address) => `${STORE_ANSWERS}:${address}`;
const ANSWER_PAGES = 8; // addresses kept, the most recently tagged
const ANSWERS_PER_PAGE = 1000;
// About 1.2 KB each: 3000 stay well inside session storage's 10 MB.
const ANSWERS_KEPT = 3000;
const ANSWERS_WRITE_DELAY_MS = 500;

const sessionArea = api.storage.session ?? null;
const extensionVersion = api.runtime.getManifest().version;
// { setup: PAGE_SETUP's answer or null,
//   pages: { [address]: { at, count, entries: { [key]: [signature, result] } or undefined (not read yet) } } }
let remembered = null;
let rememberedReading = null; // the first read, shared by the callers that wait for it
const pagesToWrite = new Set(); // addresses whose answers changed since the last write
const pagesToRemove = new Set(); // addresses dropped since the last write
let rememberedWrite = null;
let rememberedGeneration = 0; // moves on whenever what is kept is forgotten

/** Where what is kept stands: answers given before a later generation are not kept. */
export const answersGeneration = () => rememberedGeneration;

/** A page's stored answers, as read: its entries, or none when they are not usable. */
const entriesIn = (value) => (value && typeof value === 'object' && !Array.isArray(value) ? value : {});

/**
 * What is kept (the setup, each address's time and count), read from session storage
 * once per worker life; with `page`, that address's answers too, in the same read.
 */
async function rememberedState(page = null) {
  if (!remembered) {
    rememberedReading ??= (async () => {
      let stored = {};
      try {
        if (sessionArea) stored = await sessionArea.get(page ? [STORE_ANSWERS, pageKey(page)] : STORE_ANSWERS);
      } catch {
        // no session storage here: this worker's memory only
      }
      const meta = stored[STORE_ANSWERS];
      const usable = meta?.version === extensionVersion && meta.pages && typeof meta.pages === 'object';
      const pages = {};
      if (usable) {
        for (const [address, info] of Object.entries(meta.pages)) {
          if (!Number.isFinite(info?.at)) continue;
          pages[address] = { at: info.at, count: Number.isFinite(info.count) ? info.count : 0, entries: undefined };
          if (address === page) pages[address].entries = entriesIn(stored[pageKey(page)]);
        }
      }
      const rowHeight = usable && Number.isFinite(meta.rowHeight) ? meta.rowHeight : null;
      remembered ??= { setup: usable ? meta.setup ?? null : null, pages, rowHeight };
    })();
    await rememberedReading;
  }
  return remembered;
}

/** The answers kept for `page` (read once if this worker has not yet); null: none. */
async function pageEntries(page) {
  const state = await rememberedState(page);
  const entry = state.pages[page];
  if (!entry) return null;
  if (entry.entries === undefined) {
    const generation = rememberedGeneration;
    let stored = {};
    try {
      stored = sessionArea ? await sessionArea.get(pageKey(page)) : {};
    } catch {
      // as if none were kept
    }
    if (generation !== rememberedGeneration) return null; // forgotten while it was read
    // Answers this worker gave meanwhile were laid on what was read (rememberAnswers
    // waits for this read): none were, so what was read stands.
    entry.entries ??= entriesIn(stored[pageKey(page)]);
  }
  return entry.entries;
}

/** Keeps the answers a page was given, for its next load (written a moment later, once). */
export async function rememberAnswers(page, items, results, now, generation) {
  if (typeof page !== 'string' || !page) return;
  const entries = (await pageEntries(page)) ?? {};
  if (generation !== rememberedGeneration) return; // given under settings since replaced
  const { pages } = remembered;
  const entry = (pages[page] ??= { at: now, count: 0, entries });
  entry.entries ??= entries;
  entry.at = now;
  items.forEach((item, n) => {
    if (typeof item.key !== 'string' || typeof item.signature !== 'string') return;
    delete entry.entries[item.key]; // the newest last: the oldest are dropped past the cap
    entry.entries[item.key] = [item.signature, results[n]];
  });
  const keys = Object.keys(entry.entries);
  for (const key of keys.slice(0, Math.max(0, keys.length - ANSWERS_PER_PAGE))) delete entry.entries[key];
  entry.count = Math.min(keys.length, ANSWERS_PER_PAGE);
  pagesToWrite.add(page);
  pagesToRemove.delete(page);
  let total = 0;
  const addresses = Object.keys(pages).sort((a, b) => pages[b].at - pages[a].at);
  addresses.forEach((address, n) => {
    total += pages[address].count;
    if (n >= ANSWER_PAGES || (n > 0 && total > ANSWERS_KEPT)) {
      delete pages[address];
      pagesToWrite.delete(address);
      pagesToRemove.add(address);
    }
  });
  writeRememberedSoon();
}

function writeRememberedSoon() {
  if (rememberedWrite || !sessionArea) return;
  rememberedWrite = setTimeout(() => {
    rememberedWrite = null;
    const pages = {};
    for (const [address, entry] of Object.entries(remembered.pages)) pages[address] = { at: entry.at, count: entry.count };
    // The addresses' answers and the part that names them, in one call.
    const write = { [STORE_ANSWERS]: { version: extensionVersion, setup: remembered.setup, pages, rowHeight: remembered.rowHeight ?? null } };
    for (const address of pagesToWrite) {
      const entries = remembered.pages[address]?.entries;
      if (entries) write[pageKey(address)] = entries;
    }
    const removed = [...pagesToRemove].map(pageKey);
    pagesToWrite.clear();
    pagesToRemove.clear();
    sessionArea.set(write).catch(() => {});
    if (removed.length) sessionArea.remove(removed).catch(() => {});
  }, ANSWERS_WRITE_DELAY_MS);
}

/** Forgets everything kept: the engine it came from was replaced or learned. */
export function forgetAnswers() {
  rememberedGeneration += 1;
  // The list's row height is the page's, not the engine's: it stays (written with the next answers).
  remembered = { setup: null, pages: {}, rowHeight: remembered?.rowHeight ?? null };
  pagesToWrite.clear();
  pagesToRemove.clear();
  clearTimeout(rememberedWrite);
  rememberedWrite = null;
  // Every address's key, including those this worker never read.
  sessionArea?.get(null)
    .then((all) => sessionArea.remove(Object.keys(all).filter((k) => k === STORE_ANSWERS || k.startsWith(`${STORE_ANSWERS}:`))))
    .catch(() => {});
}

/**
 * The answers last given for `page` (null: none), as two JSON texts: `signaturesJson`,
 * { [key]: signature }, and `resultsJson`, { [key]: result }. A page reads the results
 * only once one of its rows matches a signature: an inbox not seen before (its rows
 * changed since) never pays for reading them.
 */
export async function answersFor(page) {
  if (typeof page !== 'string' || !page) return null;
  const kept = await pageEntries(page);
  if (!kept) return null;
  const signatures = {};
  const results = {};
  // A list's rows draw only part of each answer (see XunpanMessages.rowAnswer).
  const drawn = globalThis.XunpanSite?.detect(page) === 'inquiryList' ? globalThis.XunpanMessages.rowAnswer : (r) => r;
  for (const [key, [signature, result]] of Object.entries(kept)) {
    signatures[key] = signature;
    results[key] = drawn(result);
  }
  return { signaturesJson: JSON.stringify(signatures), resultsJson: JSON.stringify(results) };
}

/**
 * The height of the inquiry list's rows as a content script last measured them on the
 * page (px; null: none measured yet), kept beside the answers: a list opened later is
 * answered in view first with it (see answerList in background.js).
 */
export async function listRowHeight() {
  return (await rememberedState()).rowHeight ?? null;
}

/** Keeps the list's row height a content script measured (written a moment later, once). */
export function noteListRowHeight(px) {
  rememberedState().then((state) => {
    if (state.rowHeight === px) return;
    state.rowHeight = px;
    writeRememberedSoon();
  }).catch(() => {});
}

/** What a seller page needs before its first scan: kept, or asked of the engine and kept. */
export async function pageSetup() {
  const kept = await rememberedState();
  if (kept.setup) return kept.setup;
  const generation = rememberedGeneration;
  const eng = await engine();
  const settings = eng.settings();
  const templateNames = {};
  for (const t of eng.templates()) templateNames[t.id] = { name: t.name, nameZh: t.nameZh };
  const setup = {
    overrides: settings?.selectorOverrides ?? {},
    locale: (await chosenLocale(settings?.language)) ?? (await browserLocale().catch(() => null)),
    templateNames,
    // Replies sign with the rep's name and company: until both are set, cards say so.
    setupMissing: !settings?.reply?.profile?.repName?.trim() || !settings?.reply?.profile?.company?.trim(),
  };
  if (generation === rememberedGeneration) {
    remembered.setup = setup;
    writeRememberedSoon();
  }
  return setup;
}

// The engine was replaced or learned: what it answered before no longer stands.
onEngineReplaced(forgetAnswers);
