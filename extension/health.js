// What the page adapter could not read, in the rep's words: one line for the popup,
// the side panel and the note on the page. The adapter (site.js) names the parts by
// its selectors and fields — listRow, messageText 3/20, receivedTime 20/20, buyer
// 1/20 — and this turns them into "message text (3 of 20), times (20 of 20)".
// A classic script: content scripts and the extension's pages load it before use.
(() => {
  'use strict';

  /** The `_locales` key of a part's name. */
  function partKey(name) {
    const rules = [
      [/^messageText$/, 'partMessages'],
      [/^receivedTime$/, 'partTimes'],
      [/^buyer(Card)?$/, 'partBuyer'],
      [/row|contact$|rfqCard$/i, 'partItems'],
      [/time|posted|date/i, 'partTimes'],
      [/editor|composer/i, 'partEditor'],
      [/name|buyer|country|level/i, 'partBuyer'],
      [/message|text|preview|conversation|subject|product|quantity/i, 'partMessages'],
      [/mount|header/i, 'partPlace'],
    ];
    return rules.find(([re]) => re.test(name))?.[1] ?? 'partOther';
  }

  /**
   * `missing` (the adapter's names, some with "n/m" counts of the items they are
   * missing from) as one line through `t`, the locale's lookup.
   */
  function partsInWords(missing, t) {
    const parts = new Map(); // key → [n, m] or null
    for (const entry of missing ?? []) {
      const [name, share] = String(entry).split(' ');
      const key = partKey(name);
      const m = share?.match(/^(\d+)\/(\d+)$/);
      const prev = parts.get(key);
      if (m) parts.set(key, prev ? [Math.max(prev[0], +m[1]), Math.max(prev[1], +m[2])] : [+m[1], +m[2]]);
      else if (!parts.has(key)) parts.set(key, null);
    }
    return [...parts].map(([key, n]) => (n ? t('partCount', [t(key), String(n[0]), String(n[1])]) : t(key))).join(', ');
  }

  /** Whether what is missing keeps Xunpan from reading items (not only where to draw). */
  function mattersToRep(missing) {
    return (missing ?? []).some((entry) => partKey(String(entry).split(' ')[0]) !== 'partPlace');
  }

  globalThis.XunpanHealth = Object.freeze({ partKey, partsInWords, mattersToRep });
})();
