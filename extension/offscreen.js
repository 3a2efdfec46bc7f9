// The engine kept warm (Chrome's offscreen document; see worker-warm.js).
//
// The browser stops the service worker after 30 s idle, and a worker started again for
// a seller page's list paid the engine's first use there (about 90 ms for 20 rows: its
// patterns compiled, its automata's first states, the wasm's functions compiled on
// first call). This document is not stopped with the worker: it holds one engine,
// built on the settings the worker sends (the settings in force, exactly as the
// worker's own engine would be built on them), and triages for the worker the items,
// the time and the zone the worker sends. Everything else stays the worker's: the
// storage (a document opened this way has only `chrome.runtime`), the kept readings,
// the answers kept, the items and the badge.
//
// Each request names the settings it is for by their digest; an engine built on other
// settings (or none yet) answers `{ stale: true }`, and the worker answers from its own
// engine. Built again on new settings, the engine triages the last items it was asked
// about once, answers dropped, so that the next list finds it warm.
import init, { useConceptTables } from './pkg/xunpan.js';
import { buildEngine, CONCEPT_TABLES, compileEngine, extensionText, languageFiles, useLanguageFiles } from './engine-files.js';

const api = globalThis.chrome;
// The messages this document answers (worker-warm.js sends them, the worker alone):
// the settings and the status as extension messages, the triage on the worker's channel.
const WARM_SETTINGS = 'xunpan-warm-settings';
const WARM_TRIAGE = 'xunpan-warm-triage';
const WARM_STATUS = 'xunpan-warm-status';
// The last items asked about, kept to warm an engine built again: at most this many.
// In this document's memory only (as the worker holds a list while it answers it):
// never stored, never sent, gone with the document.
const MOST_KEPT_FOR_WARMING = 100;

/** The module loaded once: compiled, given its concept tables and language data. */
let moduleReady = null;
// The wasm's memory, for the status (its size: what the document holds beside its heap).
let wasmMemory = null;
function engineModule() {
  moduleReady ??= (async () => {
    const [compiled, tables, language] = await Promise.all([compileEngine(), extensionText(CONCEPT_TABLES), languageFiles()]);
    const exports = await init({ module_or_path: compiled });
    wasmMemory = exports.memory;
    useConceptTables(tables);
    useLanguageFiles(language);
  })().catch((err) => {
    moduleReady = null;
    throw err;
  });
  return moduleReady;
}

// The engine in place: the digest of the settings it is built on, and the engine.
let current = { digest: null, engine: null };
let lastItems = null;

/** Builds the engine on `settings` (digest `digest`) and warms it; the old one is freed. */
async function build(digest, settings) {
  if (current.digest === digest) return;
  const previous = current.engine;
  const building = (async () => {
    await engineModule();
    // The worker's own rule: the defaults where the settings no longer validate.
    return buildEngine(settings);
  })();
  current = { digest, engine: building };
  building.then((engine) => {
    previous?.then((old) => old.free()).catch(() => {});
    if (current.engine === building && lastItems) warm(engine, lastItems);
  }).catch(() => {
    if (current.engine === building) current = { digest: null, engine: null };
  });
}

/** Triages `items` once on `engine`, answers dropped: its first use paid now. */
function warm(engine, { inquiries, now, zone }) {
  setTimeout(() => {
    try {
      engine.triage(inquiries, now, zone);
    } catch {
      // a warm-up that fails changes nothing
    }
  }, 0);
}

/**
 * The answers of the engine built on `digest` for `inquiries`; `{ stale }` for other
 * settings (or none yet).
 */
async function triage({ digest, inquiries, now, zone }) {
  if (!digest || current.digest !== digest || !current.engine || !Array.isArray(inquiries)) return { stale: true };
  const engine = await current.engine;
  lastItems = { inquiries: inquiries.slice(0, MOST_KEPT_FOR_WARMING), now, zone };
  return { answers: engine.triage(inquiries, now, zone) };
}

// The worker's triage requests come over the service worker's own channel (its
// `client.postMessage`, the answer on the port it sends): a structured copy, without
// the extension messages' JSON both ways (a 400-row list: about 25 ms less, worker and
// document together). Only this extension's own worker can post here.
navigator.serviceWorker.onmessage = (event) => {
  const [port] = event.ports;
  if (!port || event.data?.type !== WARM_TRIAGE) return;
  triage(event.data).then(
    (reply) => port.postMessage(reply),
    (err) => port.postMessage({ error: String(err?.message ?? err) }),
  );
};

api.runtime.onMessage.addListener((message, sender, reply) => {
  // The worker alone talks to this document (a content script's message has a tab).
  if (sender.id !== api.runtime.id || sender.tab) return false;
  let answering;
  if (message?.type === WARM_SETTINGS) answering = build(message.digest, message.settings).then(() => ({ ok: true }));
  else if (message?.type === WARM_STATUS) answering = Promise.resolve({ digest: current.digest, wasmBytes: wasmMemory?.buffer.byteLength ?? 0 });
  else return false;
  answering.then(reply, (err) => reply({ error: String(err?.message ?? err) }));
  return true;
});
