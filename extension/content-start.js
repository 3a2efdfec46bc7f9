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
//   JSON text, as it came), so the engine works while the page draws its rows; on a
//   port of its own, with the page's view, so the rows that can be in view are
//   answered first and the rest after (see `askList`);
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

  // The list's rows measured by content.js once the page drew them (px), for lists
  // asked after that (another page of the list, a list redrawn).
  let rowHeight = null;

  // Whether the page's scroll top can be other than 0: it has scrolled (a scroll event
  // heard), or it was loaded again or gone back to (the browser puts its scroll back).
  // Reading window.scrollY makes the browser lay the page out first: a list posted once
  // the page is parsed comes with its rows just inserted, and the read made the page's
  // layout in our task before the list left for the worker (6 to 16 ms for the demo's
  // 100 rows, loaded; docs/performance.md, "The drawing scripts' start").
  let scrolled = false;
  window.addEventListener('scroll', () => {
    scrolled = true;
  }, { passive: true, once: true });
  const restored = () => ['reload', 'back_forward'].includes(performance.getEntriesByType?.('navigation')?.[0]?.type);

  /**
   * The page's view for a list's answer: its scroll top and its height, and the rows'
   * height where measured. While the page is parsed, and until it can have scrolled
   * (see `scrolled`), its top is taken as 0 without reading it (a page loaded again is
   * scrolled back only later, and reading the scroll would lay out a page still being
   * parsed or whose rows just came); null for a list's rest, which page-data.js posts on
   * its own once the head is drawn: no row of it is in view first.
   */
  function viewFor(data) {
    if (data.rest === true) return null;
    const px = (v) => Math.min(1_000_000, Math.max(0, Number.isFinite(v) ? v : 0));
    const top = document.readyState === 'loading' || !(scrolled || restored()) ? 0 : px(window.scrollY);
    const height = px(window.innerHeight);
    return { top, height, ...(rowHeight ? { rowHeight } : {}) };
  }

  /**
   * Asks the worker for a list's answers on a port of its own: the rows that can be in
   * view first, then the rest, in parts (see answerList in background.js). Returns
   * `{ take(onPart), done }`: each part's answers (JSON text) go to `onPart`, those
   * heard before it was given kept for it; `done` settles once the last part is in,
   * and fails on an error or a port closed before the end (the parts heard stay).
   */
  function askList(data) {
    const heardParts = [];
    let onPart = null;
    let over = false;
    let settle = null;
    const done = new Promise((resolve, reject) => {
      settle = (err) => (err ? reject(err) : resolve());
    });
    done.catch(() => {});
    let port = null;
    const end = (err) => {
      if (over) return;
      over = true;
      try {
        port?.disconnect();
      } catch {
        // closed already
      }
      settle(err);
    };
    try {
      port = api.runtime.connect({ name: TYPES.TRIAGE_LIST });
      port.onMessage.addListener((part) => {
        if (over) return;
        if (typeof part?.answersJson === 'string') {
          if (onPart) onPart(part.answersJson);
          else heardParts.push(part.answersJson);
        }
        if (part?.error) end(new Error(part.error));
        else if (part?.done) end(null);
      });
      port.onDisconnect.addListener(() => {
        void api.runtime.lastError; // read, so that a worker that could not be reached is not logged
        end(new Error('the list\'s answer was cut off before its end'));
      });
      const view = viewFor(data);
      port.postMessage({ type: TYPES.TRIAGE_LIST, page: location.href, kind: data.kind, json: data.json, ...(view ? { view } : {}) });
    } catch (err) {
      end(err);
    }
    return Object.freeze({
      done,
      take(fn) {
        onPart = fn;
        for (const part of heardParts.splice(0)) fn(part);
      },
    });
  }

  const posts = []; // [data, answer] heard before content.js took them
  let taker = null;
  window.addEventListener('message', (ev) => {
    if (ev.source !== window || ev.data?.source !== 'xunpan-page-data') return;
    const data = ev.data;
    // The list's rows go to the engine now; the worker reads them only on a list page.
    const answer = top && typeof data.json === 'string' && LIST_KINDS.includes(data.kind) ? askList(data) : null;
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
     * `answer` being the engine's answers on their way for a list's rows (see
     * `askList`; else null).
     */
    take(onPost) {
      taker = onPost;
      for (const [data, answer] of posts.splice(0)) onPost(data, answer);
    },
    /** Asks for a list's answers as the start does (a frame's list, read by content.js). */
    askList,
    /** The list's rows as content.js measured them (px), for the lists asked after. */
    noteRowHeight(px) {
      if (Number.isFinite(px) && px > 0) rowHeight = px;
    },
  });
})();
