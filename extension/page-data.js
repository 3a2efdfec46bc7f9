// Xunpan page-world observer: passes the data the seller pages already hold to Xunpan.
//
// The pages keep their inquiries, conversations and buyer profiles in page objects and
// XHR answers that an isolated content script cannot see. This script runs in the
// page's own world and only *observes*: it reads `window.feedbackListResponse` and
// `__VMFsConv__cache__`, and watches the answers to the page's own requests for the
// list (subjectList.htm), the conversation (getOpMessages.htm) and the buyer profile
// (queryCustomerInfo). It copies plain JSON data (size-capped) to the content script
// with window.postMessage. It changes no page behaviour, exposes nothing callable, and
// any failure is swallowed so the page never breaks because of it.
(() => {
  'use strict';

  const SOURCE = 'xunpan-page-data';
  const MAX_CHARS = 2_000_000;
  const WATCHED = [
    { kind: 'subjectList', test: /\/message\/ajax\/feedback\/subjectList\.htm/, pick: (j) => j?.data?.list?.map((e) => (Array.isArray(e) ? e[0] : e)) },
    { kind: 'opMessages', test: /\/getOpMessages\.htm/, pick: (j, url) => ({ tradeId: tradeIdOf(url), list: j?.data?.list }) },
    { kind: 'customerInfo', test: /queryCustomerInfo\.json/, pick: (j, url) => ({ tradeId: tradeIdOf(url), buyerInfo: j?.data?.data?.buyerInfo ?? j?.data?.buyerInfo }) },
  ];

  function tradeIdOf(url) {
    try {
      const u = new URL(url, location.href);
      return u.searchParams.get('tradeId') ?? u.searchParams.get('imInquiryId') ?? new URL(location.href).searchParams.get('imInquiryId');
    } catch {
      return null;
    }
  }

  // The last answer of each kind, posted again when the content script (which may
  // start after the page's first requests) asks for it.
  const last = new Map();

  function post(kind, payload, remember = true) {
    try {
      if (payload === undefined || payload === null) return;
      const json = JSON.stringify(payload);
      if (!json || json.length > MAX_CHARS) return;
      if (remember) last.set(kind, json);
      window.postMessage({ source: SOURCE, kind, payload: JSON.parse(json) }, location.origin);
    } catch {
      // never disturb the page
    }
  }

  function inspect(url, bodyText) {
    for (const w of WATCHED) {
      if (!w.test.test(url)) continue;
      try {
        if (typeof bodyText !== 'string' || bodyText.length > MAX_CHARS) return;
        post(w.kind, w.pick(JSON.parse(bodyText), url));
      } catch {
        // not JSON (or JSONP): the DOM fallback covers it
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

  // Page objects present once the page's own scripts have run.
  function readGlobals() {
    try {
      const list = window.feedbackListResponse?.list;
      if (Array.isArray(list)) post('feedbackList', list.map((e) => (Array.isArray(e) ? e[0] : e)));
      const conv = window.__VMFsConv__cache__;
      if (conv) post('conversations', Array.isArray(conv) ? conv : Object.values(conv));
    } catch {
      // ignore
    }
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', readGlobals, { once: true });
  else readGlobals();
  window.addEventListener('load', readGlobals, { once: true });
  window.addEventListener('message', (ev) => {
    if (ev.source !== window || ev.data?.source !== 'xunpan-page-data-request') return;
    readGlobals();
    for (const [kind, json] of last) post(kind, JSON.parse(json), false);
  });
})();
