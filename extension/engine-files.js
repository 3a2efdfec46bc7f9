// The engine's files and how an engine is built on them, shared by the two contexts
// that run the engine: the service worker (worker-policy.js) and, in Chrome, the
// offscreen document that keeps one warm (offscreen.js). The wasm and its data are
// files of the extension rather than part of the wasm, to keep its download small; the
// concept tables are required (triage reads them), the language data optional (without
// it the replies are in English and nothing else changes). Nothing here runs on import.
import { WasmEngine, loadLanguageVersions, loadLanguageWords } from './pkg/xunpan.js';
import { api } from './browser-compat.js';

/** Where the engine's concept tables are, in the extension's package. */
export const CONCEPT_TABLES = 'data/concept-tables.txt';

/**
 * The engine's wasm (`file`, in the extension's package) compiled, as it streams in
 * where the browser can. Only the package's own files are read, in the form the
 * no-network check allows.
 */
export async function compileEngine(file = 'pkg/xunpan_bg.wasm') {
  try {
    return await WebAssembly.compileStreaming(fetch(api.runtime.getURL(file)));
  } catch {
    // Served without the wasm type, or no streaming compile: from the whole bytes.
    return WebAssembly.compile(await (await fetch(api.runtime.getURL(file))).arrayBuffer());
  }
}

/** The text of one of the extension's files. */
export function extensionText(file) {
  return fetch(api.runtime.getURL(file)).then((r) => r.text());
}

/** The engine's language data files' texts (null for one that cannot be read). */
export function languageFiles() {
  return Promise.all(['language-words.tsv', 'template-versions.json'].map((file) => extensionText(file).catch(() => null)));
}

/** Hands the language data files to the engine (a missing or bad one leaves English). */
export function useLanguageFiles([words, versions]) {
  for (const [text, use] of [[words, loadLanguageWords], [versions, loadLanguageVersions]]) {
    try {
      if (text !== null) use(text);
    } catch {
      // English replies for that part; nothing else changes
    }
  }
}

/**
 * An engine built on `settings` (the settings in force), on a loaded module: the
 * defaults where they no longer validate (stored settings that no longer validate
 * must not stop the product; said once per build).
 */
export function buildEngine(settings) {
  try {
    return new WasmEngine(settings);
  } catch (err) {
    console.warn('Xunpan: stored settings not usable, defaults in force:', String(err));
    return new WasmEngine(null);
  }
}
