// Extension pages (popup, side panel, options) in the rep's language from their first
// frame. Loaded as a classic script at the end of each page's body, after locale.js: it
// runs before the page is first drawn and writes every label at once, in the language
// last in force (kept in this extension's localStorage by i18n.js), else the browser's.
// i18n.js then checks the stored choice and writes the page again only if it changed.
(() => {
  'use strict';

  const Locale = globalThis.XunpanLocale;
  try {
    const kept = JSON.parse(localStorage.getItem('xunpan.locale') ?? 'null');
    if (kept?.language) Locale.use(kept.language, kept.table);
  } catch {
    // nothing kept yet (or storage refused): the browser's language
  }
  Locale.localize(document);
})();
