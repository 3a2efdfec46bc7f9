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
    // { itemsJson: JSON text of [{ inquiry, url, key?, signature?, receivedOn?, preview? }], page? }
    // → { resultsJson }; `preview`: the page showed the text cut short
    TRIAGE: 'xunpan/triage',
    // On a port of this name (runtime.connect), one message:
    // { page, kind, json: the list's page data as the page posted it (see page-data.js),
    //   view?: { top, height, rowHeight? }: the page's scroll top and view height and the
    //   list's row height where its rows were measured (px); none: the list's rest }
    // → on the port, two or more answers { answersJson: JSON text of
    // [[key, signature, result], …], rest?: rows still to come, done?: true on the last,
    // error? }: the list's rows (each result as the row draws it, see `rowAnswer`)
    // triaged straight from its data, before the page has drawn them, those that can be
    // in view first (see answerList in background.js)
    TRIAGE_LIST: 'xunpan/triage-list',
    // { rowHeight }: the list's rows as the content script measured them (px) → { ok }
    LIST_VIEW: 'xunpan/list-view',
    RENDER: 'xunpan/render', // { inquiry, template?, language? } → { rendered }
    LINT: 'xunpan/lint', // { text, inquiry } → { lint }
    FEEDBACK: 'xunpan/feedback', // { inquiry, spam: boolean } → { ok, undo, spam, learned: { spamDocs, genuineDocs } }
    UNDO_FEEDBACK: 'xunpan/undo-feedback', // { token } → { ok, reason? }: the last lesson taken back
    TEMPLATES: 'xunpan/templates', // {} → { templates }
    GET_STATE: 'xunpan/get-state', // {} → { settings, items, metrics }
    // { page? } → { overrides, locale, templateNames, answersJson, answerResultsJson }: what
    // a seller page needs first, with the answers last given for the same address, their
    // signatures and their results apart (see worker-answers.js)
    PAGE_SETUP: 'xunpan/page-setup',
    // { settings, learned? } → { ok } | { error }: the learned filter is replaced only when given
    SAVE_SETTINGS: 'xunpan/save-settings',
    ITEM_STATUS: 'xunpan/item-status', // { id, replied?: boolean } → { ok }
    HEALTH: 'xunpan/health', // popup → content script: what the page adapter found here
    OPEN_PICKER: 'xunpan/open-picker', // service worker → content script: the shortcut was pressed
    WARN_NOW: 'xunpan/warn-now', // {} → { warned }: the minute alarm's check, on demand
    INSERT_REPLY: 'xunpan/insert-reply', // side panel → content script: { id, channel, template } → { ok, reason? }
    OPEN_WELCOME: 'xunpan/open-welcome', // {} → { ok }: the card's "Set up Xunpan" opens the welcome page
  });

  const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

  // --- every field of an inquiry in its contract type (docs/formats.md) --------------------

  const MAX_FIELD_CHARS = 100_000;
  /** Text: text as it is, a number or a boolean as its text; anything else is dropped. */
  const asText = (v) => {
    if (typeof v === 'string') return v.length <= MAX_FIELD_CHARS ? v : v.slice(0, MAX_FIELD_CHARS);
    if ((typeof v === 'number' && Number.isFinite(v)) || typeof v === 'boolean') return String(v);
    return undefined;
  };
  /** A count: a finite number, or text that is one; anything else is dropped. */
  const asNumber = (v) => {
    const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
    return Number.isFinite(n) ? n : undefined;
  };
  const asBool = (v) => (typeof v === 'boolean' ? v : v === 'true' ? true : v === 'false' ? false : undefined);
  /** A time: RFC 3339 text as it is, epoch milliseconds as RFC 3339; anything else is dropped. */
  const asTime = (v) => {
    if (typeof v === 'string') return v.length <= 64 ? v : undefined;
    if (typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= 8.64e15) return new Date(v).toISOString();
    return undefined;
  };

  // The contract's fields, by type; a nested object's own table.
  const BUYER = {
    text: ['name', 'country', 'company', 'email', 'website', 'phone', 'level', 'ipCountry', 'accountId'],
    number: ['productViews', 'inquiriesSent', 'validInquiries', 'repliedInquiries', 'spamMarkedCount', 'blacklistedCount',
      'loginDays', 'suppliersContacted'],
    time: ['registeredAt'],
    bool: ['emailVerified'],
  };
  const INQUIRY = { text: ['id', 'channel', 'subject', 'body', 'keyword'], time: ['receivedAt'] };
  const PRODUCT = { text: ['id', 'title'] };
  const SHIPMENT = { text: ['carrier', 'trackingNumber'], number: ['days'] };
  const THREAD = { time: ['ourLastReplyAt', 'buyerReadAt', 'buyerRepliedAt'] };
  const MESSAGE = { text: ['from', 'text'], time: ['at'] };
  const ATTACHMENT = { text: ['name'], number: ['size'] };
  const RFQ = { number: ['quotesLeft'] };
  const CASTS = { text: asText, number: asNumber, time: asTime, bool: asBool };

  /** The fields of `table` from `value`, each cast; what does not cast is named in `dropped`. */
  function fields(value, table, path, dropped) {
    const out = {};
    if (!isObject(value)) {
      if (value !== undefined && value !== null) dropped.push(`${path} is not an object`);
      return out;
    }
    for (const [type, names] of Object.entries(table)) {
      for (const name of names) {
        const v = value[name];
        if (v === undefined || v === null) continue;
        const cast = CASTS[type](v);
        if (cast === undefined) dropped.push(`${path}${name} is not ${type === 'time' ? 'a time' : type === 'bool' ? 'true or false' : type}`);
        else out[name] = cast;
      }
    }
    return out;
  }

  /** A list of objects of one table; odd entries dropped. */
  function list(value, table, path, dropped, max = 1000) {
    if (value === undefined || value === null) return undefined;
    if (!Array.isArray(value)) {
      dropped.push(`${path} is not a list`);
      return undefined;
    }
    return value.slice(0, max).filter((v, n) => isObject(v) || (dropped.push(`${path}[${n}] is not an object`), false))
      .map((v, n) => fields(v, table, `${path}[${n}].`, dropped));
  }

  /**
   * An inquiry as the contract types it, from whatever a page produced: text to text,
   * numbers to numbers, times to RFC 3339; unknown fields left out; every value that
   * could not be typed dropped and named in `dropped`. null (with the reason) when
   * nothing usable is left: no text body. One odd item is thereby skipped, never the batch.
   */
  function normaliseInquiry(value) {
    const dropped = [];
    if (!isObject(value)) return { inquiry: null, dropped: ['the inquiry is not an object'] };
    const inquiry = fields(value, INQUIRY, '', dropped);
    if (typeof inquiry.body !== 'string') {
      return { inquiry: null, dropped: [...dropped, value.body === undefined ? 'the inquiry has no body' : 'body is not text'] };
    }
    const attachments = list(value.attachments, ATTACHMENT, 'attachments', dropped, 100);
    if (attachments?.length) inquiry.attachments = attachments;
    for (const [key, table] of [['product', PRODUCT], ['buyer', BUYER], ['shipment', SHIPMENT]]) {
      if (value[key] === undefined || value[key] === null) continue;
      const part = fields(value[key], table, `${key}.`, dropped);
      if (Object.keys(part).length) inquiry[key] = part;
    }
    if (value.thread !== undefined && value.thread !== null) {
      const thread = fields(value.thread, THREAD, 'thread.', dropped);
      const messages = list(value.thread?.messages, MESSAGE, 'thread.messages', dropped);
      if (messages?.length) thread.messages = messages.filter((m) => typeof m.text === 'string' || typeof m.at === 'string');
      if (Object.keys(thread).length) inquiry.thread = thread;
    }
    if (value.rfq !== undefined && value.rfq !== null) {
      const rfq = fields(value.rfq, RFQ, 'rfq.', dropped);
      if (Array.isArray(value.rfq?.buyerTags)) rfq.buyerTags = value.rfq.buyerTags.map(asText).filter((t) => t !== undefined).slice(0, 50);
      if (Object.keys(rfq).length) inquiry.rfq = rfq;
    }
    return { inquiry, dropped };
  }

  const warned = new Set();
  /** Logs why an item (or a field of it) was dropped, once per reason. */
  function logDropped(where, reasons) {
    for (const reason of reasons) {
      const line = `Xunpan: ${where}: ${reason}`;
      if (warned.has(line) || warned.size > 200) continue;
      warned.add(line);
      console.warn(line);
    }
  }

  /**
   * One item of a triage request, typed; null (its reason logged) when it cannot be
   * used. A day-level time (`receivedOn`, "YYYY-MM-DD") is kept only in that shape.
   * An item known by its thread alone (`threadOnly`: the page showed our reply, not
   * the buyer's text, see site.js) comes without a body and is kept with an empty one,
   * which is never triaged: the worker asks the engine for its clocks only.
   */
  function normaliseItem(item, n) {
    if (!isObject(item)) {
      logDropped(`item ${n} skipped`, ['it is not an object']);
      return null;
    }
    const threadOnly = item.threadOnly === true && isObject(item.inquiry) && item.inquiry.body === undefined;
    const { inquiry, dropped } = normaliseInquiry(threadOnly ? { ...item.inquiry, body: '' } : item.inquiry);
    if (!inquiry) {
      logDropped(`item ${n} skipped`, dropped);
      return null;
    }
    if (dropped.length) logDropped(`item ${n}`, dropped.map((d) => `${d}: dropped`));
    const out = { inquiry };
    const url = asText(item.url);
    if (url !== undefined && url.length <= MAX_ADDRESS_CHARS) out.url = url;
    for (const [name, max] of [['key', 512], ['signature', 64]]) {
      if (item[name] === undefined) continue;
      if (typeof item[name] !== 'string' || item[name].length > max) {
        logDropped(`item ${n} skipped`, [`${name} is not text of at most ${max} characters`]);
        return null;
      }
      out[name] = item[name];
    }
    if (typeof item.receivedOn === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(item.receivedOn)) out.receivedOn = item.receivedOn;
    // The page showed the text cut short (see site.js): kept with the item, shown so.
    if (item.preview === true) out.preview = true;
    if (threadOnly) out.threadOnly = true;
    return out;
  }

  /**
   * Whether a worker's answer for an item can be drawn: the engine's triage (a
   * verdict), or the clocks of an item known by its thread alone (`threadOnly`).
   */
  const isAnswer = (result) => isObject(result) && (typeof result.verdict === 'string' || result.threadOnly === true);
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

  /** `m.inquiry` typed in place (see normaliseInquiry); false when it cannot be used. */
  function typedInquiry(m) {
    const { inquiry, dropped } = normaliseInquiry(m.inquiry);
    if (!inquiry) {
      logDropped('inquiry refused', dropped);
      return false;
    }
    m.inquiry = inquiry;
    return true;
  }

  /**
   * A fingerprint of an item's content as both sides compute it: the content script
   * for what it reads from the page, the worker for what it reads from the page's data.
   * An answer is drawn on a row only for content with the same fingerprint.
   */
  function signature(inquiry) {
    const s = JSON.stringify(inquiry);
    let hash = 0;
    for (let i = 0; i < s.length; i++) hash = (Math.imul(hash, 31) + s.charCodeAt(i)) | 0;
    return `${s.length}:${hash}`;
  }

  // The kinds of page data that carry the inquiry list's rows.
  const LIST_KINDS = Object.freeze(['feedbackList', 'feedbackListHead', 'subjectList']);

  /** A length on the page in CSS pixels: finite, not below 0, at most a million. */
  const isPixels = (v) => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 1_000_000;
  /** A page's view as a list's message gives it (see TRIAGE_LIST). */
  const isView = (v) => isObject(v) && isPixels(v.top) && isPixels(v.height) &&
    (v.rowHeight === undefined || (isPixels(v.rowHeight) && v.rowHeight > 0));

  /** Field checks per type: each returns true when the message is well formed. */
  const SHAPES = {
    [TYPES.TRIAGE_LIST]: (m) => LIST_KINDS.includes(m.kind) && typeof m.json === 'string' && m.json.length <= MAX_TRIAGE_CHARS &&
      typeof m.page === 'string' && m.page.length <= MAX_ADDRESS_CHARS && (m.view === undefined || isView(m.view)),
    [TYPES.LIST_VIEW]: (m) => isPixels(m.rowHeight) && m.rowHeight > 0,
    // Each item is typed at the door; one that cannot be used becomes null (skipped,
    // with its reason logged) and the rest of the batch goes on.
    [TYPES.TRIAGE]: (m) => {
      if (!readItems(m) || !Array.isArray(m.items) || m.items.length > MAX_ITEMS || !optionalText(m.page)) return false;
      m.items = m.items.map(normaliseItem);
      return true;
    },
    [TYPES.RENDER]: (m) => typedInquiry(m) && (m.template == null || typeof m.template === 'string') && (m.language == null || (typeof m.language === 'string' && /^[a-z]{2}$/.test(m.language))),
    [TYPES.LINT]: (m) => typeof m.text === 'string' && (m.inquiry == null || typedInquiry(m)),
    [TYPES.FEEDBACK]: (m) => typedInquiry(m) && typeof m.spam === 'boolean',
    [TYPES.UNDO_FEEDBACK]: (m) => typeof m.token === 'string' && m.token.length <= 64,
    [TYPES.TEMPLATES]: () => true,
    [TYPES.GET_STATE]: () => true,
    [TYPES.PAGE_SETUP]: (m) => optionalText(m.page),
    [TYPES.SAVE_SETTINGS]: (m) => isObject(m.settings) && (!('learned' in m) || m.learned === null || isObject(m.learned)),
    [TYPES.WARN_NOW]: () => true,
    [TYPES.OPEN_WELCOME]: () => true,
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

  /**
   * What a list row draws of the engine's answer, and only that: the tag, grade,
   * priority, the clocks' inputs, the suggested template and the one or two reasons
   * that decided the tag (those the chip's pop-up opens with), marked `partial`. The
   * rest (every reason, the alternatives) is asked for when the rep opens the chip:
   * a list's answers cross to the page at about a third of their size. The engine's
   * answer itself is not changed; the side panel's records are made from it whole.
   */
  function rowAnswer(result) {
    if (!isObject(result) || typeof result.verdict !== 'string') return result;
    const spamward = result.verdict === 'spam' || result.verdict === 'suspicious';
    const reasons = Array.isArray(result.reasons) ? result.reasons : [];
    const lead = reasons
      .filter((r) => Number.isFinite(Number(r?.weight)) && (spamward ? Number(r.weight) > 0 : Number(r.weight) < 0))
      .sort((a, b) => (spamward ? Number(b.weight) - Number(a.weight) : Number(a.weight) - Number(b.weight)))
      .slice(0, 2);
    const { alternatives: _a, dropped: _d, reasons: _r, ...drawn } = result;
    return { ...drawn, reasons: lead, partial: true };
  }

  globalThis.XunpanMessages = Object.freeze({ TYPES, LIST_KINDS, accept, normaliseInquiry, normaliseItem, isAnswer, rowAnswer, signature });
})();
