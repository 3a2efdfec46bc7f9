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

/** Where what is kept stands: answers given before a later generation are not kept. */
export const answersGeneration = () => rememberedGeneration;

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
export async function rememberAnswers(page, items, results, now, generation) {
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
export function forgetAnswers() {
  rememberedGeneration += 1;
  remembered = { setup: null, pages: {} };
  clearTimeout(rememberedWrite);
  rememberedWrite = null;
  sessionArea?.remove(STORE_ANSWERS).catch(() => {});
}

/**
 * The answers last given for `page` (null: none), as two JSON texts: `signaturesJson`,
 * { [key]: signature }, and `resultsJson`, { [key]: result }. A page reads the results
 * only once one of its rows matches a signature: an inbox not seen before (its rows
 * changed since) never pays for reading them.
 */
export async function answersFor(page) {
  if (typeof page !== 'string' || !page) return null;
  const entry = (await rememberedState()).pages[page];
  if (!entry) return null;
  const signatures = {};
  const results = {};
  // A list's rows draw only part of each answer (see XunpanMessages.rowAnswer).
  const drawn = globalThis.XunpanSite?.detect(page) === 'inquiryList' ? globalThis.XunpanMessages.rowAnswer : (r) => r;
  for (const [key, [signature, result]] of Object.entries(entry.entries)) {
    signatures[key] = signature;
    results[key] = drawn(result);
  }
  return { signaturesJson: JSON.stringify(signatures), resultsJson: JSON.stringify(results) };
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
