// Extension pages (popup, side panel, options) in the rep's language from their first
// frame. Loaded as a classic script in each page's head, after locale.js, it writes
// every label as the parser adds it, and again if its text comes later: a mutation
// observer's records arrive before the browser may draw again, so no frame shows a
// label in another language. The language
// is the one last in force (kept in this extension's localStorage by i18n.js), else
// the browser's; i18n.js then checks the stored choice and writes the page again only
// if it changed.
(() => {
  'use strict';

  const Locale = globalThis.XunpanLocale;
  try {
    const kept = JSON.parse(localStorage.getItem('xunpan.locale') ?? 'null');
    if (kept?.language) Locale.use(kept.language, kept.table);
  } catch {
    // nothing kept yet (or storage refused): the browser's language
  }
  document.documentElement.lang = Locale.language().replace('_', '-');
  // The parser may stop between a label's element and its text, or inside the text:
  // text that arrives after the label was written is written over again.
  const rewrite = (text) => {
    const label = text.parentElement?.closest('[data-i18n]');
    if (!label) return;
    const wanted = Locale.t(label.dataset.i18n);
    if (label.textContent !== wanted) label.textContent = wanted;
  };
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === 'characterData') rewrite(record.target);
      for (const node of record.addedNodes) {
        if (node.nodeType === 1) Locale.localize(node);
        else if (node.nodeType === 3) rewrite(node);
      }
    }
  });
  observer.observe(document.documentElement, { childList: true, characterData: true, subtree: true });
  document.addEventListener('DOMContentLoaded', () => {
    observer.disconnect();
    Locale.localize(document);
  }, { once: true });
})();
