// The service worker's settings and engine: an administrator's policy (managed
// storage), the rep's own changes on top, the spam filter the rep taught kept apart
// from both, and the one engine built from them.
//
// The learned filter lives under its own storage key (see storage.js): the spam and
// not-spam clicks on the seller pages change it while Options may be open, and saving
// Options writes the settings only, so it can never put back a filter older than the
// clicks. The settings in force are the layers with the learned filter laid in.
import init, { WasmEngine, layerSettings, ownSettingsLayer, useConceptTables } from './pkg/xunpan.js';
import { buildEngine, CONCEPT_TABLES, compileEngine, extensionText, languageFiles, useLanguageFiles } from './engine-files.js';
import { managedPolicy as readManagedPolicy, STORE_LEARNED, STORE_SETTINGS } from './storage.js';
import { api, hasOffscreenDocuments, onManagedStorageChanged } from './browser-compat.js';

const STORE_LAST_POLICY = 'lastPolicy';

/**
 * When this worker life's first steps were done, in ms since its start (each noted
 * once): the engine's files asked for (`prefetch`, as this, the first of the worker's
 * modules, runs: after every module was loaded), its modules evaluated (`evaluated`),
 * the first page setup and list data in (`setupIn`, `listIn`, as their messages
 * arrive), the engine's module compiled (`module`), its concept tables (`tables`) and
 * language data (`language`) handed over, the stored settings and the policy read
 * (`settingsRead`, `policyRead`), the stored data's version checked
 * (`storageChecked`, which every message waits for), the readings kept for rows known
 * by their thread alone asked for and read (`itemsAsked`, `itemsRead`, see
 * background.js), the engine built (`engine`), the first triage begun and ended
 * (`triageStart`, `triageEnd`: of the list's rows in view where it is answered in
 * parts), the first list's answer written (`answered`: its first part) and its rest
 * (`restAnswered`); `origin` is the start itself (epoch ms). A few clock reads,
 * nothing stored or sent: the benchmark reads them over DevTools
 * (`tests/bench/page.mjs`) to split a stopped worker's first answer.
 */
export const startTimes = { origin: performance.timeOrigin };
globalThis.XunpanStartTimes = startTimes;
/** Notes `step` as done now, the first time only. */
export function markStart(step) {
  startTimes[step] ??= Math.round(performance.now() * 10) / 10;
}

// How long the engine waits for the managed store before building on the policy last
// seen (see policyForEngine).
const POLICY_WAIT_MS = 200;

/**
 * What the engine is made from, asked for as the worker starts: the wasm compiled
 * (`WebAssembly.compileStreaming` compiles off the worker's thread as the bytes come)
 * and the texts of its data files read. Nothing of it runs on the worker's thread
 * until `engineModule` is called: a worker started again is most often started by a
 * seller page, whose list waits for the engine, and the compile used to begin only
 * when the list came in (the list then waited 50 to 100 ms for it); a worker woken by
 * its minute alarm pays only the read and the compile, off its thread.
 */
let prefetched = null;
function prefetch() {
  markStart('prefetch');
  prefetched ??= {
    module: compileEngine(),
    tables: extensionText(CONCEPT_TABLES),
    language: languageFiles(),
  };
  // A failure is met where the engine is loaded (and asked for again there).
  for (const asked of Object.values(prefetched)) asked.catch(() => {});
  return prefetched;
}

/**
 * The engine's module, loaded once per worker life and ready: compiled, given its
 * concept tables and its language data (see engine-files.js).
 */
let loading = null;
export const engineModule = () => {
  loading ??= (async () => {
    const files = prefetch();
    const [compiled, tables] = await Promise.all([files.module, files.tables]);
    const module = await init({ module_or_path: compiled });
    markStart('module');
    useConceptTables(tables);
    markStart('tables');
    useLanguageFiles(await files.language);
    markStart('language');
    return module;
  })().catch((error) => {
    loading = null; // try again on the next call
    prefetched = null;
    throw error;
  });
  return loading;
};

// Asked for as the worker starts, while its other scripts are still to run
// (background.js imports this file first). Not where an engine is kept warm beside the
// worker (worker-warm.js): a list is then triaged there, and the files' read and
// compile on a worker just started held its start back (the page's setup came in
// 80 to 110 ms later at p50 under load, see docs/performance.md); the worker's own
// engine, when it is wanted, asks for them then.
if (!hasOffscreenDocuments) prefetch();

/**
 * The policy last seen by any worker: null for none, undefined while no worker of this
 * install has had the store's answer.
 */
async function lastSeenPolicy() {
  return lastSeenIn(await api.storage.local.get(STORE_LAST_POLICY));
}

/** The policy last seen in what storage.local gave for a read that asked for it. */
const lastSeenIn = (stored) => (STORE_LAST_POLICY in stored ? stored[STORE_LAST_POLICY] ?? null : undefined);

const samePolicy = (a, b) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The policy as the managed store has it now; also kept as the one last seen. */
export async function managedPolicy() {
  const policy = await readManagedPolicy(api);
  try {
    const last = await lastSeenPolicy();
    if (last === undefined || !samePolicy(last, policy)) await api.storage.local.set({ [STORE_LAST_POLICY]: policy });
  } catch {
    // kept on the next read
  }
  return policy;
}

/**
 * The policy to build the engine on. The browser's managed store answers the first
 * read of a browser session only after seconds (about 3 s in Chromium, whether a
 * policy is set or not), and a worker started again often waits longer than
 * POLICY_WAIT_MS for it too: the first tags must not wait for it. The policy last seen
 * stands in at once (policies change seldom, and never while the store is silent);
 * should the store's answer differ, the engine is rebuilt on it for the next message.
 * Only before any worker of this install has had an answer is the store given
 * POLICY_WAIT_MS, the policy's first chance to be in force from the first tag.
 * `lastSeen`: the policy last seen as already read (for the first engine, as the
 * worker started: see readSettingsAtStart).
 */
async function policyForEngine(lastSeen = lastSeenPolicy()) {
  const reading = managedPolicy();
  const waiting = Symbol('waiting');
  const waited = new Promise((resolve) => setTimeout(resolve, POLICY_WAIT_MS, waiting));
  let standIn = await lastSeen;
  if (standIn === undefined) {
    const early = await Promise.race([reading, waited]);
    if (early !== waiting) return early;
    standIn = null;
  }
  reading.then((policy) => {
    if (!samePolicy(policy, standIn)) replaceEngine();
  });
  return standIn;
}

/** A settings document without the learned filter (which is stored apart). */
export function withoutLearned(settings) {
  if (!settings?.triage || !('learned' in settings.triage)) return settings;
  const { learned, ...triage } = settings.triage;
  return { ...settings, triage };
}

/**
 * The settings in force: the rep's stored layer (`own`) over the policy, if any
 * (`policy`: the one to use, else the managed store is asked), with the filter the
 * rep taught (`learned`, stored apart; null: the layers' own) laid in.
 */
export async function settingsInForce(own, policy, learned = null) {
  if (policy === undefined) policy = await managedPolicy();
  let settings = own ?? null;
  if (policy) {
    await engineModule();
    try {
      settings = layerSettings(policy, own ?? null);
    } catch (err) {
      // A rep's layer that no longer fits the policy must not hide the policy.
      console.warn('Xunpan: settings layers not usable, the policy alone is in force:', String(err));
      try {
        settings = layerSettings(policy, null);
      } catch {
        settings = own ?? null;
      }
    }
  }
  if (!learned) return settings;
  const base = settings ?? { format: 'xunpan-settings', version: 1 };
  return { ...base, triage: { ...(base.triage ?? {}), learned } };
}

/** What is stored: the rep's settings layer and the learned filter. */
export async function storedSettings() {
  const stored = await api.storage.local.get([STORE_SETTINGS, STORE_LEARNED]);
  return { own: stored[STORE_SETTINGS] ?? null, learned: stored[STORE_LEARNED] ?? null };
}

/** storedSettings and the policy last seen (`lastSeen`, see lastSeenPolicy), in one read. */
async function storedSettingsAndLastPolicy() {
  const stored = await api.storage.local.get([STORE_SETTINGS, STORE_LEARNED, STORE_LAST_POLICY]);
  return { own: stored[STORE_SETTINGS] ?? null, learned: stored[STORE_LEARNED] ?? null, lastSeen: lastSeenIn(stored) };
}

/**
 * Stores a full settings document (the learned filter in it is not stored: see
 * storeLearned): under a policy, only what differs from it.
 */
export async function storeSettings(full) {
  const settings = withoutLearned(full);
  const policy = await managedPolicy();
  if (!policy) {
    await api.storage.local.set({ [STORE_SETTINGS]: settings });
    return;
  }
  await engineModule();
  const policyEngine = new WasmEngine(policy);
  const complete = withoutLearned(policyEngine.settings()); // the policy with every default filled in
  policyEngine.free();
  await api.storage.local.set({ [STORE_SETTINGS]: ownSettingsLayer(complete, settings) });
}

/** Stores the learned filter (null: forgotten, the policy's or the defaults apply). */
export async function storeLearned(learned) {
  if (learned) await api.storage.local.set({ [STORE_LEARNED]: learned });
  else await api.storage.local.remove(STORE_LEARNED);
}

// --- the engine ---------------------------------------------------------------

let enginePromise = null;
// What the engine in place is built from (see engineInputs) and the settings in force
// from them (engineSettings); null: read again for the next engine.
let inputsPromise = null;
let settingsPromise = null;
// The policy the engine in place was built on (undefined: none built, or building).
let enginePolicy;
const replaceListeners = [];

/** `listener()` runs whenever the engine is replaced (its earlier answers no longer stand). */
export function onEngineReplaced(listener) {
  replaceListeners.push(listener);
}

/**
 * Puts `next` (an engine promise; null: built again on the next message) in place of
 * the engine, and tells those who kept its answers.
 */
export function replaceEngine(next = null) {
  enginePromise = next;
  inputsPromise = null;
  settingsPromise = null;
  enginePolicy = undefined;
  settingsAtStart = null; // what was read then may be out of date now
  for (const listener of replaceListeners) listener();
}

/**
 * Has what the engine kept warm is built from (see worker-warm.js) read again once
 * `stored` (the learned filter's write) settles, after the engine in place learned in
 * place (`learn` in background.js): the engine stays, and what it answers by now holds
 * the filter as stored. From this call on, a list asks the engine kept warm only for the
 * settings read after the write, so none is answered on the filter before the lesson.
 */
export function settingsLearned(stored) {
  inputsPromise = null;
  settingsPromise = null;
  settingsAtStart = stored.then(() => storedSettingsAndLastPolicy());
  settingsAtStart.catch(() => {});
}

// The stored settings and the policy last seen for the first engine of this worker
// life, read as the worker starts (see readSettingsAtStart); null once used or out of
// date.
let settingsAtStart = null;

/**
 * Reads what the first engine is built from now, as the worker starts, not when the
 * first page asks, in one storage read: the stored settings and the policy last seen
 * (the stand-in for the managed store's answer, see policyForEngine). On a worker
 * started again for a list, a read then waited behind the page's own (its kept
 * answers, the stored items): the settings held the engine 60 to 120 ms after its
 * module was ready, and the stand-in, read apart, about 100 ms more. `upgraded`
 * resolves to whether the stored data was upgraded meanwhile: all is then read again.
 *
 * The stand-in read now is the one an earlier worker life stored: in this life only
 * this worker writes it, when the store has answered (managedPolicy), and the engine
 * built on the stand-in asks the store itself and is built again should the answer
 * differ, as it is when the store answers after the stand-in was read.
 */
export function readSettingsAtStart(upgraded) {
  const read = storedSettingsAndLastPolicy();
  read.catch(() => {});
  settingsAtStart = upgraded.then((changed) => (changed ? storedSettingsAndLastPolicy() : read));
  settingsAtStart.catch(() => {});
}

/**
 * What the engine is built from, read once per engine: the rep's stored layer (`own`),
 * the learned filter (`learned`) and the policy, or its stand-in (`policy`). The
 * settings in force are a function of these alone (settingsInForce), so they name them:
 * the engine kept warm is asked for these (worker-warm.js) without the worker's module
 * loaded, which laying a policy under the rep's layer needs.
 */
export function engineInputs() {
  inputsPromise ??= (async () => {
    const atStart = settingsAtStart;
    settingsAtStart = null;
    const settings = atStart ?? storedSettings();
    const lastSeen = atStart?.then((read) => read.lastSeen);
    const [{ own, learned }, policy] = await Promise.all([
      settings.finally(() => markStart('settingsRead')),
      policyForEngine(lastSeen).finally(() => markStart('policyRead')),
    ]);
    return { own, learned, policy };
  })().catch((err) => {
    inputsPromise = null; // read again on the next message
    throw err;
  });
  return inputsPromise;
}

/**
 * The settings the engine is built on (`settings`: the settings in force, null for the
 * defaults) and the policy in them (`policy`), from engineInputs: the engine in this
 * worker and the one kept warm beside it (worker-warm.js) are built on the same.
 */
export function engineSettings() {
  settingsPromise ??= (async () => {
    const { own, learned, policy } = await engineInputs();
    return { settings: await settingsInForce(own, policy, learned), policy };
  })().catch((err) => {
    settingsPromise = null; // read again on the next message
    throw err;
  });
  return settingsPromise;
}

/** The engine, built once per worker life from the stored settings. */
export function engine() {
  enginePromise ??= (async () => {
    // The module loads while the settings and the policy are read.
    const [, { settings, policy }] = await Promise.all([engineModule(), engineSettings()]);
    const built = buildEngine(settings);
    markStart('engine');
    enginePolicy = policy;
    return built;
  })().catch((err) => {
    enginePromise = null; // try again on the next message
    throw err;
  });
  return enginePromise;
}

// An administrator's new policy applies from the next message on. (The managed area's
// own event: a listener on storage.onChanged would be handed every write of the items,
// old and new values in full, about 20 ms per 500-row answer.) Where the browser has no
// such event (Firefox), the worker calls checkPolicy on its minute alarm and when a
// seller page opens; every engine start reads the policy anyway.
export const policyChangesHeard = onManagedStorageChanged(() => replaceEngine());

/**
 * Reads the managed store again and, if its policy is not the one the engine in place
 * was built on, has the engine built again for the next message.
 */
export async function checkPolicy() {
  if (enginePolicy === undefined) return; // the next engine reads the store itself
  const built = enginePolicy;
  const policy = await managedPolicy();
  if (enginePolicy === built && !samePolicy(policy, built)) replaceEngine();
}

// The worker starts with the browser: ask the managed store at once, so its slow first
// answer is usually in before the rep opens a seller page.
managedPolicy();
