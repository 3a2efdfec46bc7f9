// Messages between Xunpan's contexts: named types and their validators.
//
// Every message a context accepts is checked here first: its sender must be this
// extension, its type one of the names below, and its fields of the right shape.
// Anything else is dropped (and logged once), so a page can never drive the engine
// with made-up requests. Loaded as a classic script by content scripts and pages,
// and imported for its side effect by the service worker.
(() => {
  'use strict';

  /** Content script or page → service worker. */
  const TYPES = Object.freeze({
    // { itemsJson: JSON text of [{ inquiry, url, key?, signature? }], page? } → { resultsJson }
    TRIAGE: 'xunpan/triage',
    RENDER: 'xunpan/render', // { inquiry, template? } → { rendered }
    LINT: 'xunpan/lint', // { text, inquiry } → { lint }
    FEEDBACK: 'xunpan/feedback', // { inquiry, spam: boolean } → { ok, undo, spam, learned: { spamDocs, genuineDocs } }
    UNDO_FEEDBACK: 'xunpan/undo-feedback', // { token } → { ok, reason? }: the last lesson taken back
    TEMPLATES: 'xunpan/templates', // {} → { templates }
    GET_STATE: 'xunpan/get-state', // {} → { settings, items, metrics }
    // { page? } → { overrides, locale, templateNames, answersJson }: what a seller page needs
    // first, with the answers last given for the same address (see background.js)
    PAGE_SETUP: 'xunpan/page-setup',
    // { settings, learned? } → { ok } | { error }: the learned filter is replaced only when given
    SAVE_SETTINGS: 'xunpan/save-settings',
    ITEM_STATUS: 'xunpan/item-status', // { id, replied?: boolean } → { ok }
    HEALTH: 'xunpan/health', // popup → content script: what the page adapter found here
    OPEN_PICKER: 'xunpan/open-picker', // service worker → content script: the shortcut was pressed
    WARN_NOW: 'xunpan/warn-now', // {} → { warned }: the minute alarm's check, on demand
    INSERT_REPLY: 'xunpan/insert-reply', // side panel → content script: { id, channel, template } → { ok, reason? }
  });

  const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
  const isInquiry = (v) => isObject(v) && typeof v.body === 'string';
  const MAX_ITEMS = 1000;
  const MAX_TRIAGE_CHARS = 32 * 1024 * 1024;
  const MAX_ADDRESS_CHARS = 4096;
  const optionalText = (v, max = MAX_ADDRESS_CHARS) => v === undefined || (typeof v === 'string' && v.length <= max);

  /**
   * A page's items travel as JSON text: one string crosses between processes many
   * times faster than the same data as a tree of objects (500 rows: about 20 ms less).
   * Read here once, into `m.items`, then checked like any other field.
   */
  function readItems(m) {
    if (typeof m.itemsJson !== 'string' || m.itemsJson.length > MAX_TRIAGE_CHARS) return false;
    try {
      m.items = JSON.parse(m.itemsJson);
    } catch {
      return false;
    }
    return true;
  }

  /** Field checks per type: each returns true when the message is well formed. */
  const SHAPES = {
    [TYPES.TRIAGE]: (m) =>
      readItems(m) &&
      Array.isArray(m.items) &&
      m.items.length <= MAX_ITEMS &&
      optionalText(m.page) &&
      m.items.every((i) => isObject(i) && isInquiry(i.inquiry) && (i.url === undefined || typeof i.url === 'string') &&
        optionalText(i.key, 512) && optionalText(i.signature, 64)),
    [TYPES.RENDER]: (m) => isInquiry(m.inquiry) && (m.template == null || typeof m.template === 'string'),
    [TYPES.LINT]: (m) => typeof m.text === 'string' && (m.inquiry == null || isInquiry(m.inquiry)),
    [TYPES.FEEDBACK]: (m) => isInquiry(m.inquiry) && typeof m.spam === 'boolean',
    [TYPES.UNDO_FEEDBACK]: (m) => typeof m.token === 'string' && m.token.length <= 64,
    [TYPES.TEMPLATES]: () => true,
    [TYPES.GET_STATE]: () => true,
    [TYPES.PAGE_SETUP]: (m) => optionalText(m.page),
    [TYPES.SAVE_SETTINGS]: (m) => isObject(m.settings) && (!('learned' in m) || m.learned === null || isObject(m.learned)),
    [TYPES.WARN_NOW]: () => true,
    [TYPES.INSERT_REPLY]: (m) =>
      typeof m.id === 'string' && typeof m.channel === 'string' && typeof m.template === 'string',
    [TYPES.ITEM_STATUS]: (m) => typeof m.id === 'string' && (m.replied === undefined || typeof m.replied === 'boolean'),
  };

  /**
   * True when `message` from `sender` may be handled: it comes from this extension
   * (a content script of ours or one of our pages) and has a known, valid shape.
   */
  function accept(message, sender, extensionId) {
    if (!sender || sender.id !== extensionId) return false;
    if (!isObject(message) || typeof message.type !== 'string') return false;
    const shape = SHAPES[message.type];
    return Boolean(shape && shape(message));
  }

  globalThis.XunpanMessages = Object.freeze({ TYPES, accept });
})();
