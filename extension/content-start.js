// Xunpan's first content script: what must happen as a seller page starts, and nothing
// more. It runs at document_start, in the page's first parse task, so every
// millisecond it takes is a millisecond later for the page's own rows; the rest of the
// content script (reading the page, drawing, the card, the editors: content.js and the
// files before it) is loaded once the page is parsed and takes over from here.
//
// What cannot wait:
// - the page's setup, asked at once: its message wakes the service worker (which may
//   have to start again) while the page still loads, and brings the answers kept from
//   the address's last load;
// - the list's page data, handed to the engine the moment page-data.js posts it (as
//   JSON text, as it came), so the engine works while the page draws its rows;
// - every page-data post heard from the start, kept for content.js.
// Both scripts share the extension's isolated world: what this one started is handed
// over through `globalThis.XunpanStart`.
(() => {
  'use strict';

  const api = globalThis.browser ?? globalThis.chrome;
  const Messages = globalThis.XunpanMessages;
  if (!Messages || !api?.runtime?.id || globalThis.XunpanStart) return;
  const { TYPES, LIST_KINDS } = Messages;

  // A frame is read only where no seller page is around it (content.js asks site.js,
  // which knows the seller pages, once the page is parsed): nothing is asked of the
  // worker for a frame here, and its posts are only kept.
  const top = window === window.top;

  /** Sends a typed message to the service worker; resolves to its answer. */
  async function ask(type, fields = {}) {
    const reply = await api.runtime.sendMessage({ type, ...fields });
    if (!reply) throw new Error(`no answer to ${type}`);
    if (reply.error) throw new Error(reply.error);
    return reply;
  }
  /** `answer`, with its failure left for content.js to handle (not reported meanwhile). */
  const held = (answer) => {
    answer.catch(() => {});
    return answer;
  };

  const posts = []; // [data, answer] heard before content.js took them
  let taker = null;
  window.addEventListener('message', (ev) => {
    if (ev.source !== window || ev.data?.source !== 'xunpan-page-data') return;
    const data = ev.data;
    // The list's rows go to the engine now; the worker reads them only on a list page.
    const answer = top && typeof data.json === 'string' && LIST_KINDS.includes(data.kind)
      ? held(ask(TYPES.TRIAGE_LIST, { page: location.href, kind: data.kind, json: data.json }))
      : null;
    if (taker) taker(data, answer);
    else posts.push([data, answer]);
  });
  // page-data.js (the page's world) may have posted before we listened: ask it to post
  // those again.
  window.postMessage({ source: 'xunpan-page-data-request', since: performance.now() }, location.origin);

  let setup = top ? held(ask(TYPES.PAGE_SETUP, { page: location.href })) : null;

  globalThis.XunpanStart = Object.freeze({
    /**
     * The page's setup answer on its way, handed over once and not kept here (it holds
     * the kept answers, hundreds of KB on a long list); null in a frame (content.js
     * asks there if it reads the frame) or once taken.
     */
    takeSetup() {
      const answer = setup;
      setup = null;
      return answer;
    },
    /**
     * Hands every page-data post, those heard so far first, to `onPost(data, answer)`,
     * `answer` being the engine's answer on its way for a list's rows (else null).
     */
    take(onPost) {
      taker = onPost;
      for (const [data, answer] of posts.splice(0)) onPost(data, answer);
    },
  });
})();
