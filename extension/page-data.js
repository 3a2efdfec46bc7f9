// Xunpan page-world observer: passes the data the seller pages already hold to Xunpan.
//
// The pages keep their inquiries, conversations and buyer profiles in page objects and
// XHR answers that an isolated content script cannot see. This script runs in the
// page's own world and only *observes*:
// - page objects: `window.feedbackListResponse` (inquiry list, seen when the page sets
//   it, read at the page's next frame) and `__VMFsConv__cache__` (OneTalk's cached
//   conversations);
// - answers to the page's own requests (XHR and fetch) for the list (subjectList.htm)
//   and the conversation (getOpMessages.htm);
// - the buyer profile, which the detail page loads as JSONP from alicrm
//   (queryCustomerInfo.json?callback=…): the page's own callback is wrapped so the
//   answer is seen on its way to the page, and passed on unchanged;
// - OneTalk's message events (IcbuIM…IcbuEventServiceImpl.instance.emitter): every
//   emitted payload shaped like a message is copied, whatever the event is called;
// - OneTalk's open conversation: asked, it marks each message element with who wrote it
//   and when, as the page's React data says (the only thing it writes into the page).
// It copies plain JSON data (size-capped) to the content script as JSON text with
// window.postMessage. It changes no page behaviour, exposes nothing callable, and any
// failure is swallowed so the page never breaks because of it.
(() => {
  'use strict';

  const SOURCE = 'xunpan-page-data';
  const MAX_CHARS = 2_000_000;
  const WATCHED = [
    { kind: 'subjectList', test: /\/message\/ajax\/feedback\/subjectList\.htm/, pick: (j) => j?.data?.list?.map((e) => (Array.isArray(e) ? e[0] : e)) },
    { kind: 'opMessages', test: /\/getOpMessages\.htm/, pick: (j, url) => ({ tradeId: tradeIdOf(url), list: j?.data?.list }) },
    { kind: 'customerInfo', test: /queryCustomerInfo\.json/, pick: (j, url) => ({ tradeId: tradeIdOf(url), buyerInfo: j?.data?.data?.buyerInfo ?? j?.data?.buyerInfo }) },
  ];
  const MAX_MESSAGE_CHARS = 20_000;

  /**
   * The inquiry a request is about: its own tradeId / imInquiryId parameter, else the
   * inquiry the page shows (the request's secTradeId is encrypted and matches nothing).
   */
  function tradeIdOf(url) {
    try {
      const u = new URL(url, location.href);
      const here = new URL(location.href);
      return u.searchParams.get('tradeId') ?? u.searchParams.get('imInquiryId') ??
        here.searchParams.get('imInquiryId') ?? here.hash.match(/feedback\/detail\/\w+\/(\d+)/)?.[1] ?? null;
    } catch {
      return null;
    }
  }

  /** JSON, or JSONP: `callback({...})`, optionally led by an empty comment or `;`. */
  function parseJsonOrJsonp(text) {
    try {
      return JSON.parse(text);
    } catch {
      const m = text.match(/^[\s;]*(?:\/\*\*\/)?\s*[\w$.]+\s*\(([\s\S]*)\)[\s;]*$/);
      if (!m) throw new Error('neither JSON nor JSONP');
      return JSON.parse(m[1]);
    }
  }

  // The last answer of each kind, posted again when the content script (which may
  // start after the page's first requests) asks for it.
  const last = new Map();

  function post(kind, payload, remember = true, extra = null) {
    try {
      if (payload === undefined || payload === null) return;
      const json = JSON.stringify(payload);
      if (!json || json.length > MAX_CHARS) return;
      if (remember) {
        // The globals are read again at DOMContentLoaded and load; the same answer
        // posted again would only make the content script read it again.
        if (last.get(kind)?.json === json) return;
        last.set(kind, { json, at: performance.now(), extra });
      }
      // As JSON text: one string is copied to the content script far faster than a tree
      // of objects, the page's own message listeners are not made to read a copy of
      // the rows, and the content script hands the text to the engine as it is.
      window.postMessage({ source: SOURCE, kind, json, ...extra }, location.origin);
    } catch {
      // never disturb the page
    }
  }

  function inspect(url, bodyText) {
    for (const w of WATCHED) {
      if (!w.test.test(url)) continue;
      try {
        if (typeof bodyText !== 'string' || bodyText.length > MAX_CHARS) return;
        post(w.kind, w.pick(parseJsonOrJsonp(bodyText), url));
      } catch {
        // neither JSON nor JSONP: the DOM fallback covers it
      }
      return;
    }
  }

  // XHR: remember the URL at open(), read the answer when it has loaded.
  try {
    const proto = XMLHttpRequest.prototype;
    const open = proto.open;
    const urls = new WeakMap();
    proto.open = function (method, url, ...rest) {
      try {
        urls.set(this, String(url));
        if (WATCHED.some((w) => w.test.test(String(url)))) {
          this.addEventListener('load', () => {
            try {
              if (this.responseType === '' || this.responseType === 'text') inspect(urls.get(this), this.responseText);
            } catch {
              // ignore
            }
          });
        }
      } catch {
        // ignore
      }
      return open.call(this, method, url, ...rest);
    };
  } catch {
    // ignore
  }

  // fetch: read a clone of the answer; the page gets the original untouched.
  try {
    const original = window.fetch;
    if (typeof original === 'function') {
      window.fetch = function (input, init) {
        const promise = original.call(this, input, init);
        try {
          const url = typeof input === 'string' ? input : input?.url ?? String(input);
          if (WATCHED.some((w) => w.test.test(url))) {
            promise.then((res) => res.clone().text().then((t) => inspect(url, t))).catch(() => {});
          }
        } catch {
          // ignore
        }
        return promise;
      };
    }
  } catch {
    // ignore
  }

  // JSONP: a <script src="…queryCustomerInfo.json?…&callback=NAME"> calls window[NAME].
  // The page defines NAME before adding the script; we wrap it as soon as the script
  // element appears (before it can load), see the answer, and hand it on unchanged.
  function watchJsonp(script) {
    try {
      const src = script.src;
      const w = WATCHED.find((x) => x.test.test(src));
      if (!w) return;
      const name = new URL(src, location.href).searchParams.get('callback');
      if (!name || !/^[\w$]+$/.test(name)) return;
      const original = window[name];
      if (typeof original !== 'function' || original.__xunpanSeen) return;
      const wrapped = function (...args) {
        try {
          const json = JSON.stringify(args[0]);
          if (json && json.length <= MAX_CHARS) post(w.kind, w.pick(JSON.parse(json), src));
        } catch {
          // ignore
        }
        return original.apply(this, args);
      };
      Object.defineProperty(wrapped, '__xunpanSeen', { value: true });
      window[name] = wrapped;
    } catch {
      // ignore
    }
  }
  try {
    new MutationObserver((records) => {
      for (const r of records) for (const n of r.addedNodes) if (n.nodeName === 'SCRIPT' && n.src) watchJsonp(n);
    }).observe(document.documentElement ?? document, { childList: true, subtree: true });
  } catch {
    // ignore
  }

  // OneTalk: the message service emits every received or changed message. The event
  // names are not known for certain, so any payload shaped like a message is taken.
  const selfIds = () => new Set([window.aliId, window.aliIdEncrypt, window.currentUserAccountId, window.currentUserAccountIdEncry]
    .filter((v) => v !== undefined && v !== null && v !== '').map(String));

  /** A plain `{cid, messageId, text, at, fromSelf, auto}` from one emitted payload, or null. */
  function chatMessageOf(payload) {
    const m = payload?.messageModel ?? payload;
    if (!m || typeof m !== 'object') return null;
    const cid = m.cid ?? m.conversationCode;
    const content = m.content;
    const text = typeof content === 'string' ? content : content?.text?.content ?? content?.text;
    const at = Number(m.createAt ?? m.sendTime);
    if (typeof cid !== 'string' || typeof text !== 'string' || !Number.isFinite(at) || at <= 0) return null;
    const sender = m.sender?.uid ?? m.sender?.aliId ?? m.sender?.targetId ?? m.sender;
    // The seller is the conversation's owner, one of the page's own ids, or the first
    // part of a "<sellerAliId>-<buyerAliId>#…" conversation code.
    const mine = selfIds();
    if (m.owner?.aliId != null) mine.add(String(m.owner.aliId));
    const codeOwner = cid.match(/^([^-#]+)-[^#]+#/)?.[1];
    if (codeOwner) mine.add(codeOwner);
    const fromSelf = sender !== undefined && sender !== null && mine.has(String(sender));
    // The platform's auto-reception writes from our account: not a reply of the rep's.
    const auto = Number(m.autoReply ?? payload?.autoReply) === 1 || undefined;
    return { cid, messageId: String(m.messageId ?? m.uuid ?? `${cid}@${at}`), text: text.slice(0, MAX_MESSAGE_CHARS), at, fromSelf, auto };
  }

  const recentChat = []; // replayed to a content script that starts late
  let emitterTapped = false;
  function tapEmitter() {
    if (emitterTapped) return true;
    try {
      const emitter = window.IcbuIM?.IMBaaSSDK?.IcbuEventServiceImpl?.instance?.emitter;
      if (!emitter || typeof emitter.emit !== 'function') return false;
      const emit = emitter.emit;
      emitter.emit = function (name, ...args) {
        try {
          const message = chatMessageOf(args[0]);
          if (message && !recentChat.some((r) => r.messageId === message.messageId)) {
            recentChat.push(message);
            if (recentChat.length > 200) recentChat.shift();
            post('chatMessage', message, false);
          }
        } catch {
          // ignore
        }
        return emit.call(this, name, ...args);
      };
      emitterTapped = true;
    } catch {
      // ignore
    }
    return emitterTapped;
  }
  // The SDK boots after the page; look for it a while, then stop looking.
  if (/(^|\.)onetalk\.alibaba\.com$/.test(location.hostname)) {
    let tries = 0;
    const timer = setInterval(() => {
      if (tapEmitter() || ++tries > 120) clearInterval(timer);
    }, 500);
  }

  // OneTalk's open conversation, when its markup does not say who wrote a message: the
  // page's React data does (a message node's fiber `memoizedProps.itemData`: sendTime,
  // sender.targetId, owner, contact, autoReply; reference §4.2). Asked by the content
  // script (an event on the message list, answered before its dispatch returns), each
  // message element of the list is marked with what that data says and nothing more:
  // data-xunpan-from (buyer, seller or system), data-xunpan-at (the send time, epoch
  // ms), data-xunpan-auto ("1": sent by the auto-reception). A message without such
  // data is left unmarked.
  const MESSAGE_EVENT = 'xunpan-page-messages'; // site.js asks with the same name
  const FIBER_DEPTH = 12; // fibers walked up from a node, at most
  const NODES_PER_MESSAGE = 40; // a message's first descendants tried, at most

  function fiberOf(node) {
    for (const key of Object.keys(node)) {
      if (key.startsWith('__reactFiber$') || key.startsWith('__reactInternalInstance$')) return node[key];
    }
    return null;
  }

  /** The itemData of a message element, on the fibers between one of its nodes and the list. */
  function itemDataOf(row, list) {
    for (const node of [row, ...[...row.querySelectorAll('*')].slice(0, NODES_PER_MESSAGE)]) {
      let fiber = fiberOf(node);
      for (let depth = 0; fiber && depth < FIBER_DEPTH && fiber.stateNode !== list; depth++, fiber = fiber.return) {
        const data = fiber.memoizedProps?.itemData;
        if (data && typeof data === 'object' && !Array.isArray(data) && (data.messageId ?? data.uuid) != null) return data;
      }
    }
    return null;
  }

  /** Who wrote a message, by its data: 'seller', 'buyer', 'system', or null when it does not say. */
  function authorOf(data) {
    const id = (v) => (v === undefined || v === null || v === '' || typeof v === 'object' ? null : String(v));
    const sender = id(data.sender?.targetId ?? data.sender?.uid ?? data.sender?.aliId ?? data.senderId ?? data.sender);
    const code = String(data.conversationCode ?? data.cid ?? '').match(/^([^-#]+)-([^#]+)#/);
    const mine = selfIds();
    const theirs = new Set();
    for (const v of [data.owner?.aliId, data.owner?.accountId, code?.[1]]) if (id(v)) mine.add(id(v));
    for (const v of [data.contact?.aliId, data.contact?.accountId, data.contact?.accountIdEncrypt, code?.[2]]) if (id(v)) theirs.add(id(v));
    if (sender && mine.has(sender)) return 'seller';
    if (sender && theirs.has(sender)) return 'buyer';
    return !sender && /system/i.test(String(data.type ?? '')) ? 'system' : null;
  }

  function markMessages(list) {
    for (const row of list.children) {
      const data = itemDataOf(row, list);
      const from = data ? authorOf(data) : null;
      const at = Number(data?.sendTime ?? data?.createAt);
      const marks = { 'data-xunpan-from': from, 'data-xunpan-at': from && at > 0 ? String(at) : null, 'data-xunpan-auto': from && Number(data.autoReply) === 1 ? '1' : null };
      for (const [name, value] of Object.entries(marks)) {
        if (value === null) row.removeAttribute(name);
        else if (row.getAttribute(name) !== value) row.setAttribute(name, value);
      }
    }
  }
  if (/(^|\.)onetalk\.alibaba\.com$/.test(location.hostname)) {
    document.addEventListener(MESSAGE_EVENT, (ev) => {
      try {
        if (ev.target instanceof Element) markMessages(ev.target);
      } catch {
        // never disturb the page
      }
    }, true);
  }

  // The list's rows, posted at the first frame after the page sets its list (see
  // listSet), so the engine is asked as the page draws: up to HEAD_ROWS (the real
  // list's largest page) at once; of a longer list the rest follow once the page is
  // parsed, has drawn a frame and is idle, so copying hundreds of rows never delays the
  // page's own rows or their first frame. The head names the rows still to come, so
  // they are not read from the page meanwhile.
  const HEAD_ROWS = 100;
  let listSeen = null; // the list array last handled (set again: handled again)
  let restTimer = null;

  function readList(response) {
    const list = response?.list;
    if (!Array.isArray(list) || list === listSeen) return;
    listSeen = list;
    const rowOf = (e) => (Array.isArray(e) ? e[0] : e);
    if (list.length <= HEAD_ROWS) {
      post('feedbackList', list.map(rowOf));
      return;
    }
    try {
      const rest = list.slice(HEAD_ROWS);
      const ids = rest.map((e) => rowOf(e)?.tradeId).filter((id) => typeof id === 'string' || typeof id === 'number').map(String);
      post('feedbackListHead', { rows: list.slice(0, HEAD_ROWS).map(rowOf), rest: ids });
      let sent = false;
      const send = () => {
        if (sent || listSeen !== list) return;
        sent = true;
        clearTimeout(restTimer);
        // Marked as the rest: the engine answers it in one go, no row of it in view first.
        post('feedbackList', rest.map(rowOf), true, { rest: true });
      };
      // Once the page is parsed (its row script has run), after its next frame, in idle
      // time: a frame drawn while the page still loads may come before its rows. A tab
      // in the background draws no frames: the timer sends them anyway.
      const later = () => requestAnimationFrame(() => (typeof requestIdleCallback === 'function' ? requestIdleCallback(send, { timeout: 500 }) : setTimeout(send, 0)));
      if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', later, { once: true });
      else later();
      restTimer = setTimeout(send, 2000);
    } catch {
      // ignore
    }
  }

  // Page objects present once the page's own scripts have run.
  function readGlobals() {
    try {
      readList(window.feedbackListResponse);
      const conv = window.__VMFsConv__cache__;
      if (conv) post('conversations', Array.isArray(conv) ? conv : Object.values(conv));
    } catch {
      // ignore
    }
  }
  /**
   * Sees the moment the page assigns one of its globals: the list page sets its first
   * rows while it loads, so they can be read by its next frame instead of after the
   * whole page has run. The page reads and writes the global as before (an accessor
   * over the same value); if anything defined it first, nothing is changed.
   */
  function watchGlobal(name, onSet) {
    try {
      if (Object.prototype.hasOwnProperty.call(window, name)) return;
      let value;
      Object.defineProperty(window, name, {
        configurable: true,
        enumerable: true,
        get: () => value,
        set: (next) => {
          value = next;
          onSet();
        },
      });
    } catch {
      // ignore
    }
  }
  // Set while the page is still parsed, the list is copied at the page's next frame (or
  // once it is parsed, whichever comes first: a tab in the background draws no frames),
  // not in the page's own script: a page that draws its rows as it is parsed has them
  // in first, and the copy, the hand-over and the engine's work on the machine's CPUs
  // no longer come before them (on the demo's 500-row list, loaded: its rows in 15 to
  // 65 ms and its first frame with them 50 to 125 ms sooner than with the copy in its
  // script; docs/performance.md, eighth round). A page that sets its list and draws
  // its rows later still gives the engine the time between. Set once the page is
  // parsed, the list is copied at once.
  const listSet = () => {
    if (document.readyState === 'loading') requestAnimationFrame(readGlobals);
    else readGlobals();
  };
  if (location.hostname === 'message.alibaba.com') watchGlobal('feedbackListResponse', listSet);

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', readGlobals, { once: true });
  else readGlobals();
  window.addEventListener('load', readGlobals, { once: true });
  window.addEventListener('message', (ev) => {
    if (ev.source !== window || ev.data?.source !== 'xunpan-page-data-request') return;
    readGlobals();
    // Only what was posted before the content script listened (`since`, on this page's
    // clock); without it, everything.
    const since = Number(ev.data.since);
    for (const [kind, { json, at, extra }] of last) if (!(at >= since)) window.postMessage({ source: SOURCE, kind, json, ...extra }, location.origin);
    for (const message of recentChat) post('chatMessage', message, false);
  });
})();
