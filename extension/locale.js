// Xunpan's UI language: the browser's by default, or the one the rep chose in Options.
//
// `chrome.i18n` always answers in the browser's language, so a chosen language is served
// from its own `_locales/<lang>/messages.json`, with the same `$1`-style substitutions.
// Extension pages load that file themselves; content scripts receive it from the
// service worker (a seller page may not fetch extension files). A key missing from the
// chosen table falls back to the browser's language, then to the key itself, so a gap
// is visible rather than blank.
(() => {
  'use strict';

  const api = globalThis.browser ?? globalThis.chrome;
  /** Languages Xunpan ships; anything else follows the browser. */
  const LANGUAGES = Object.freeze(['en', 'zh_CN']);
  let chosen = null; // { language, table } or null for the browser's language
  // Messages as last looked up, with their substitutions: a list of 500 rows asks for
  // the same few labels (and the same four grade titles) thousands of times, and each
  // browser lookup crosses into the extension API. Emptied whenever the language
  // changes, and when full (texts with free substitutions would otherwise pile up).
  const texts = new Map();
  const MAX_TEXTS = 500;
  // Substitutions that leave a message's places as they are, to be filled by `format`.
  const PLACES = Object.freeze(['$1', '$2', '$3', '$4', '$5', '$6', '$7', '$8', '$9']);

  /** A messages.json entry with its `$1`…`$9` filled and `$$` as a dollar sign. */
  function format(entry, subs) {
    const list = subs === undefined ? [] : Array.isArray(subs) ? subs : [subs];
    return String(entry.message).replace(/\$(\$|[1-9])/g, (_, n) => (n === '$' ? '$' : String(list[Number(n) - 1] ?? '')));
  }

  /** True for an object shaped like a messages.json table. */
  function isTable(table) {
    return table !== null && typeof table === 'object' && !Array.isArray(table) &&
      Object.values(table).every((e) => e && typeof e === 'object' && typeof e.message === 'string');
  }

  /** Uses `table` for `language` (a shipped language); anything else returns to the browser's. */
  function use(language, table) {
    chosen = LANGUAGES.includes(language) && isTable(table) ? { language, table } : null;
    texts.clear();
  }

  /** Loads a shipped language from the extension's files (extension pages and the worker). */
  async function load(language) {
    if (!LANGUAGES.includes(language)) {
      use(null);
      return null;
    }
    const response = await fetch(api.runtime.getURL(`_locales/${language}/messages.json`));
    const table = await response.json();
    use(language, table);
    return table;
  }

  function t(key, subs) {
    const id = subs === undefined ? key : [key].concat(subs).join('\u0000');
    let text = texts.get(id);
    if (text === undefined) {
      text = lookUp(key, subs);
      if (texts.size >= MAX_TEXTS) texts.clear();
      texts.set(id, text);
    }
    return text;
  }

  // The browser's messages with their `$1`…`$9` left in, one lookup per key: each
  // crossing into the extension API costs a list of 100 rows, whose clocks ask for
  // texts with other numbers in them, milliseconds; the substitutions are filled here.
  const browserMessages = new Map();

  function lookUp(key, subs) {
    const entry = chosen?.table[key];
    if (entry) return format(entry, subs);
    let message = browserMessages.get(key);
    if (message === undefined) {
      message = api?.i18n?.getMessage?.(key, PLACES) || '';
      browserMessages.set(key, message);
    }
    return message ? format({ message }, subs) : key;
  }

  /**
   * A message with its `$1`…`$9` left in, for a view that fills them itself (the
   * engine's side panel).
   */
  function message(key) {
    const entry = chosen?.table[key];
    if (entry) return String(entry.message);
    return api?.i18n?.getMessage?.(key, PLACES) || key;
  }

  /** "zh_CN" / "en" for a chosen language, else the browser's UI language ("zh-CN", "en-US"). */
  function language() {
    return chosen?.language ?? api?.i18n?.getUILanguage?.() ?? 'en';
  }

  /** Whether the UI reads Chinese. */
  const isChinese = () => language().toLowerCase().startsWith('zh');

  /** The language chosen (a shipped one), or null while Xunpan follows the browser. */
  const chosenLanguage = () => chosen?.language ?? null;

  /**
   * Writes the UI language into an extension page's markup: `data-i18n` (text),
   * `data-i18n-placeholder`, `data-i18n-title` and `data-i18n-aria-label` (what a
   * screen reader says), and the document's `lang`.
   */
  function localize(root = document) {
    if (root === document) document.documentElement.lang = language().replace('_', '-');
    const all = (selector) => (root.matches?.(selector) ? [root] : []).concat([...root.querySelectorAll(selector)]);
    for (const el of all('[data-i18n]')) el.textContent = t(el.dataset.i18n);
    for (const el of all('[data-i18n-placeholder]')) el.placeholder = t(el.dataset.i18nPlaceholder);
    for (const el of all('[data-i18n-title]')) el.title = t(el.dataset.i18nTitle);
    for (const el of all('[data-i18n-aria-label]')) el.setAttribute('aria-label', t(el.dataset.i18nAriaLabel));
  }

  globalThis.XunpanLocale = Object.freeze({ LANGUAGES, use, load, t, message, language, chosenLanguage, isChinese, format, localize });
})();
