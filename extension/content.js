// Xunpan content script: reads the seller page, asks the engine, draws the answer.
//
// It never compiles WebAssembly (pages with a strict CSP forbid it): every decision
// comes from the service worker. What it does itself is what must happen in the
// page — find the items (through XunpanSite, the one place that knows the pages),
// mark each item's own element with `data-xunpan-verdict`, draw chips and cards
// (XunpanOverlay), tick the clocks, and put reply text into the page's editor.
// It never sends a message on the rep's behalf. It is loaded once the page is parsed;
// what cannot wait for that (the setup, the list's rows handed to the engine) was begun
// at the page's start by content-start.js.
(() => {
  'use strict';

  const api = globalThis.browser ?? globalThis.chrome;
  const Site = globalThis.XunpanSite;
  const Overlay = globalThis.XunpanOverlay;
  const Start = globalThis.XunpanStart; // what content-start.js began at document_start
  const { TYPES, LIST_KINDS, accept, isAnswer, signature: fingerprint } = globalThis.XunpanMessages;
  if (!Site || !Overlay || !Start || !api?.runtime?.id) return;
  // In a frame only where no seller page is around it (the manifest runs it in all
  // frames): elsewhere, nothing the page posts is kept.
  if (!Site.readsFrame(window)) {
    Start.take(() => {});
    return;
  }

  const store = Site.createPageDataStore();
  let openItem = null; // the detail or open chat item, with its card
  let lastHealth = null; // what the adapter found on the last scan (no personal data)
  // item key → { signature, result, remembered }: `remembered` marks an answer the
  // worker kept from this address's last load, drawn at once and asked for again.
  const results = new Map();
  const asked = new Map(); // item key → { signature, answer } while the engine works on it
  const triagedAhead = new Set(); // keys answered from page data, their rows not yet drawn
  const drawn = new WeakMap(); // mount element → { key, known (the answer drawn), host }
  const drawnOn = new WeakMap(); // item element → its mount, while something is drawn there
  let pageType = Site.detect(location.href);
  let overrides = {};
  let lang = (api.i18n?.getUILanguage?.() ?? 'en').toLowerCase().startsWith('zh') ? 'zh' : 'en';
  let templateNames = {};
  let setupMissing = false; // the rep has not set name and company yet
  // The rep's selector overrides, language and template names, asked once at start:
  // every scan waits for them so no page is read with the wrong selectors.
  let ready = Promise.resolve();
  let setUp = false; // `ready` has settled

  /** Sends a typed message to the service worker; resolves to its answer. */
  async function ask(type, fields = {}) {
    const reply = await api.runtime.sendMessage({ type, ...fields });
    if (!reply) throw new Error(`no answer to ${type}`);
    if (reply.error) throw new Error(reply.error);
    return reply;
  }

  // Page data posted by page-data.js (MAIN world) as JSON text, checked by the store,
  // heard by content-start.js from the page's start and handed over here (see `start`).
  // The list's rows went to the engine as they came, at once (see `askAhead`), and are
  // read here only when first needed or in a free moment (see `readPageData`): the
  // page's rows, still to come, wait for nothing more than the hand-over.
  const unreadData = []; // list page data not yet read into the store
  function heard(data, answer) {
    if (typeof data.json === 'string' && LIST_KINDS.includes(data.kind) && Site.detect(location.href) === 'inquiryList') {
      askAhead(data, answer);
      unreadData.push(data);
      const readWhenFree = () => (globalThis.requestIdleCallback ?? ((run) => setTimeout(run, 0)))(() => {
        // Rows the answers kept from the address's last load match are drawn now,
        // without waiting for the engine (a long list's rest comes in idle time).
        const matched = triagedAhead.size;
        readPageData();
        if (setUp && triagedAhead.size > matched) drawKnown();
      });
      // While the page is parsed, a free moment is often the parser waiting for the
      // page's own row script, which would then wait for this reading (10 to 30 ms for
      // 100 rows loaded): the rows' arrival reads the data where answers were kept (see
      // the observer in `start`), and what is left is read once the page is parsed.
      if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', readWhenFree, { once: true });
      else readWhenFree();
    } else if (store.accept(data)) {
      triageAhead();
    }
    schedule();
  }

  /**
   * Reads the list page data handed over so far into the store; with `match`, its rows
   * are matched against the answers kept from the address's last load, if there are
   * any (not needed where the engine's fresh answers for them are here).
   */
  function readPageData({ match = true } = {}) {
    if (!unreadData.length) return;
    let took = false;
    for (const data of unreadData.splice(0)) took = store.accept(data) || took;
    if (!took) return;
    if (match && keptSignatures !== null) drawAheadWhatIsHere(Site.detect(location.href));
    // Rows announced and never sent are read from the page once given up on.
    const until = store.awaitedUntil?.() ?? 0;
    if (until) setTimeout(schedule, Math.max(0, until - Date.now()) + 50);
  }

  // --- scanning ------------------------------------------------------------------------

  let scheduled = false;
  let running = false;
  let again = false;

  // While the page is still being parsed, its changes are read at most this often: the
  // parser adds nodes in many small steps, and a scan for each would be the page's own
  // time before its rows. (Rows whose answers are here are drawn at once regardless,
  // see the observer in `start`.)
  const LOADING_SCAN_MS = 100;

  /**
   * Coalesces a burst of page changes (one task's worth) into one scan. While the
   * engine is asked about the list's page data (or, while the page is parsed, about
   * anything), the scan waits for that answer: a scan would wait for it anyway, and run
   * before it, it would hold up the answer's drawing after the page's first frame.
   */
  function schedule() {
    if (scheduled) return;
    scheduled = true;
    const run = () => setTimeout(() => {
      scheduled = false;
      scan();
    }, document.readyState === 'loading' ? LOADING_SCAN_MS : 0);
    const inFlight = [...ahead, ...(document.readyState === 'loading' ? new Set([...asked.values()].map((a) => a.answer)) : [])];
    if (inFlight.length) settledOrLate(inFlight).then(run);
    else run();
  }

  // Fingerprints by inquiry object: an inquiry read from the page is never changed
  // afterwards, and a list row's is the same object on every read (see Site.collect).
  const signatures = new WeakMap();

  /** A cheap fingerprint of what we sent to the engine for an item (see messages.js). */
  function signature(inquiry) {
    let known = signatures.get(inquiry);
    if (known === undefined) {
      known = fingerprint(inquiry);
      signatures.set(inquiry, known);
    }
    return known;
  }

  /** The item's answer for its present content, if there is one (remembered or fresh). */
  function answerFor(item) {
    item.key ??= item.id;
    item.signature ??= signature(item.inquiry);
    let known = results.get(item.key);
    if (!known && keptResultsJson !== null && keptSignatures?.get(item.key) === item.signature) {
      readKept();
      known = results.get(item.key);
    }
    return known?.signature === item.signature ? known : null;
  }

  /** Whether the item can be drawn now: an answer for its present content is here. */
  const drawable = (item) => answerFor(item) !== null;

  /** Whether the engine has answered on this load for the item's present content. */
  const answered = (item) => answerFor(item)?.remembered === false;

  /** Keeps a fresh answer; one equal to the remembered answer keeps its drawing. */
  function keepAnswer(item, result) {
    const known = answerFor(item);
    if (known?.remembered && JSON.stringify(known.result) === JSON.stringify(result)) {
      known.remembered = false;
      return;
    }
    results.set(item.key, { signature: item.signature, result, remembered: false, ask: listAsks });
  }

  // The answers the worker kept from this address's last load (see setup): their
  // signatures at once, their results (JSON text, hundreds of KB for a long list) read
  // only when a row's content matches one, so an inbox changed since never pays for it.
  let keptSignatures = null; // item key → signature
  let keptResultsJson = null;

  function adoptRemembered(signaturesJson, resultsJson) {
    try {
      const signatures = JSON.parse(signaturesJson ?? 'null');
      if (!signatures || typeof signatures !== 'object' || typeof resultsJson !== 'string') return;
      keptSignatures = new Map(Object.entries(signatures).filter(([, s]) => typeof s === 'string'));
      keptResultsJson = resultsJson;
    } catch {
      // nothing kept is used
    }
  }

  /** Reads the kept results: each becomes the remembered answer for its signature. */
  function readKept() {
    const text = keptResultsJson;
    const signatures = keptSignatures;
    keptResultsJson = null;
    keptSignatures = null;
    let entries = null;
    try {
      entries = JSON.parse(text);
    } catch {
      return;
    }
    if (!entries || typeof entries !== 'object') return;
    for (const [key, result] of Object.entries(entries)) {
      const signature = signatures.get(key);
      if (results.has(key) || typeof signature !== 'string' || !isAnswer(result)) continue;
      results.set(key, { signature, result, remembered: true });
    }
  }

  /**
   * Makes sure the engine has answered for every item: asks once for those it has no
   * answer for (or one for other content), and waits for answers already on their way,
   * so an item is never triaged twice at the same time. True if there was anything to
   * wait for.
   */
  async function triage(items, url = itemUrl) {
    // The list's rows asked for from its page data: their answers first, then only
    // what they did not answer is asked for.
    if (ahead.size) await settledOrLate([...ahead]);
    const waits = [];
    const fresh = [];
    for (const item of items) {
      if (answered(item)) continue;
      const pending = asked.get(item.key);
      if (pending?.signature === item.signature) waits.push(pending.answer);
      else fresh.push(item);
    }
    if (fresh.length) {
      const answer = ask(TYPES.TRIAGE, {
        page: location.href,
        itemsJson: JSON.stringify(fresh.map((i) => ({
          inquiry: i.inquiry, url: url(i), key: i.key, signature: i.signature, receivedOn: i.receivedOn, preview: i.preview, threadOnly: i.threadOnly,
        }))),
      }).then(({ resultsJson }) => {
        const answers = JSON.parse(resultsJson);
        // An item the worker could not take (skipped with a logged reason) has no answer.
        fresh.forEach((item, n) => isAnswer(answers[n]) && keepAnswer(item, answers[n]));
      }).finally(() => {
        for (const item of fresh) if (asked.get(item.key)?.answer === answer) asked.delete(item.key);
      });
      for (const item of fresh) asked.set(item.key, { signature: item.signature, answer });
      waits.push(answer);
    }
    await Promise.all(waits);
    return waits.length > 0;
  }

  /**
   * The items the page data announces, those whose answers are already here (kept
   * from the last load) marked to be drawn in the step that adds their rows.
   */
  function drawAheadWhatIsHere(type) {
    readPageData();
    const items = Site.predict(type, store);
    if (!items.length) return items;
    matchToken += 1;
    // The first rows (those the rep sees as the list opens) decide: where none of them
    // matches an answer kept from the last load, the inbox has changed at its top and
    // those rows wait for the engine anyway; the rest is matched in idle time, not in
    // the step between the page's first frame and the first tags (5 to 10 ms for 500
    // rows on this machine, for nothing on an inbox not seen before).
    const first = items.slice(0, MATCH_FIRST);
    let matched = false;
    for (const item of first) {
      if (!drawable(item)) continue;
      triagedAhead.add(item.key);
      matched = true;
    }
    const rest = items.slice(MATCH_FIRST);
    if (matched || !rest.length || keptSignatures === null) {
      matchKept(rest);
    } else {
      const token = matchToken;
      (globalThis.requestIdleCallback ?? ((run) => setTimeout(run, 0)))(() => {
        // Page data read again since: its own matching replaces this one.
        if (token !== matchToken) return;
        const before = triagedAhead.size;
        matchKept(rest);
        if (setUp && triagedAhead.size > before) drawKnown();
      }, { timeout: 200 });
    }
    return items;
  }

  // How many of the list's first rows decide whether its kept answers are matched now.
  const MATCH_FIRST = 20;
  let matchToken = 0; // the latest matching of kept answers (see drawAheadWhatIsHere)

  /** Marks the items whose kept answers match; forgets the kept answers once all are matched. */
  function matchKept(items) {
    for (const item of items) if (drawable(item)) triagedAhead.add(item.key);
    // Every row of the list was matched against the answers kept from the last load
    // and none is to come: what no row matched is of no use any more.
    if (keptResultsJson !== null && !(store.awaitedUntil?.() ?? 0)) {
      keptResultsJson = null;
      keptSignatures = null;
    }
  }

  // Answers asked for from the list's page data and not yet here.
  const ahead = new Set();
  // How long scans wait for such an answer at most (a worker started again with the
  // engine to build takes a second or two).
  const AHEAD_WAIT_MS = 5000;

  /** Settles when `answers` have, or after AHEAD_WAIT_MS: an answer that never comes holds nothing up. */
  const settledOrLate = (answers) => Promise.race([Promise.allSettled(answers), new Promise((r) => setTimeout(r, AHEAD_WAIT_MS))]);

  /**
   * The list's page data usually arrives before the page draws its rows: the engine is
   * asked at once with the data as it came (the worker reads the rows from it as this
   * script reads them from the page, with the same fingerprints), and the rows are
   * tagged in the same step that puts them on screen (see the observer in `start`), or,
   * when the answer comes after the page's first frame with them, the rows in view first.
   * The answer comes in parts, the rows that can be in view first (see askList in
   * content-start.js): each part's rows are drawn as it comes, and scans wait for the
   * last part (or its failure: then the scan asks for the rows still unanswered), so no
   * row is asked for twice. A part for a list the page has replaced meanwhile draws
   * nothing: only rows on the page, with the same content, are drawn.
   */
  function askAhead(data, asked = null) {
    // Asked by content-start.js as the data came (else, in a frame read, now).
    const answer = asked ?? Start.askList(data);
    listAsks += 1;
    const askNumber = listAsks;
    answer.take((answersJson) => {
      let answers = [];
      try {
        answers = JSON.parse(answersJson);
      } catch {
        return; // the scan asks for these rows again
      }
      if (!Array.isArray(answers)) return;
      for (const [key, signature, result] of answers) {
        if (typeof key !== 'string' || typeof signature !== 'string' || !isAnswer(result)) continue;
        keepListAnswer(key, signature, result, askNumber);
        triagedAhead.add(key);
      }
      if (answers.length && setUp) drawAnswered();
    });
    const done = answer.done.catch(() => {
      // the scan asks again for what was not answered, and shows the error
    }).finally(() => ahead.delete(done));
    ahead.add(done);
    setTimeout(() => ahead.delete(done), AHEAD_WAIT_MS);
  }

  // The lists asked for so far: each fresh answer notes the latest (see keepListAnswer).
  let listAsks = 0;

  /**
   * Keeps a fresh answer for a row of the list (from the list asked for `askNumber`th);
   * one equal to the remembered answer keeps its drawing. A part of an earlier list
   * that comes after a fresh answer given since (a list posted after it, or the row
   * asked for on its own) is of older content: it replaces nothing.
   */
  function keepListAnswer(key, signature, result, askNumber) {
    const known = results.get(key);
    if (known && !known.remembered && known.ask > askNumber) return;
    if (known?.remembered && known.signature === signature && JSON.stringify(known.result) === JSON.stringify(result)) {
      known.remembered = false;
      return;
    }
    results.set(key, { signature, result, remembered: false, ask: askNumber });
  }

  /**
   * Page data of other kinds, read at once: the engine is asked for what it announces
   * (see `askAhead`).
   */
  function triageAhead() {
    const type = Site.detect(location.href);
    const items = drawAheadWhatIsHere(type);
    if (!items.length) return;
    triage(items, (item) => itemUrlFor(type, item)).then((waited) => {
      // Page data posted again with nothing new: its rows were drawn already.
      if (!waited) return;
      for (const item of items) triagedAhead.add(item.key);
      if (setUp) drawAnswered();
    }, () => {
      // the scan asks again and shows the error
    });
  }

  async function scan() {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      await ready;
      // While the list's answer is on its way, reading the page now would only stand
      // between the page and its rows, or the answer and its tags: read after it.
      if (ahead.size) {
        again = true;
        return;
      }
      pageType = Site.detect(location.href);
      if (!pageType) return;
      readPageData();
      const page = Site.collect(pageType, document, store, overrides);
      reportHealth(page);
      const readable = page.items.filter((item) => !item.unread);
      for (const item of page.items) if (item.unread) drawUnread(item);
      drawInTurn(readable.filter(drawable));
      await triage(readable);
      drawInTurn(readable);
      // The rows are in: from now on changes are found by scans (a row the page data
      // named but the page never showed must not make every change read the page twice).
      if (page.items.length) triagedAhead.clear();
    } catch (err) {
      Overlay.status(`${Overlay.t('extName')}: ${Overlay.t('engineUnavailable')} (${err.message})`);
    } finally {
      running = false;
      if (again) {
        again = false;
        schedule();
      }
    }
  }

  /**
   * Reads the page and draws, in this very task, every item the engine has answered
   * for. True if no item on the page waits for the engine (no scan is needed).
   */
  function drawKnown() {
    pageType = Site.detect(location.href);
    if (!pageType) return true;
    readPageData();
    const page = Site.collect(pageType, document, store, overrides);
    reportHealth(page);
    let complete = true;
    const answeredItems = [];
    for (const item of page.items) {
      if (item.unread) {
        drawUnread(item);
        continue;
      }
      if (!drawable(item)) {
        complete = false;
        continue;
      }
      answeredItems.push(item);
      triagedAhead.delete(item.key);
    }
    drawInTurn(answeredItems);
    return complete;
  }

  /**
   * Draws what an answer that just came in tagged: once the browser has placed the
   * list's rows (after the page's first frame with them), the rows in view are read and
   * drawn in this task and the rest of the page in the next; before it, the whole page
   * at once (in the page's order, see `drawInTurn`).
   */
  function drawAnswered() {
    pageType = Site.detect(location.href);
    const visible = pageType === 'inquiryList' ? rowsSeenInView() : [];
    if (!visible.length) {
      drawKnown();
      return;
    }
    readPageData({ match: false });
    const page = Site.collect(pageType, document, store, overrides, Date.now(), { rows: visible });
    for (const item of page.items) if (item.unread) drawUnread(item);
    drawInTurn(page.items.filter((item) => !item.unread && drawable(item)));
    // Parts of a list's answer that come one after the other are drawn in one go.
    knownTimer ??= setTimeout(() => {
      knownTimer = null;
      drawKnown();
      flushSoon();
    }, 0);
  }
  let knownTimer = null; // the rest of the page drawn in the next task (see drawAnswered)

  function itemUrl(item) {
    return itemUrlFor(pageType, item);
  }

  function itemUrlFor(type, item) {
    return Site.itemUrl(type, item, location.href);
  }

  // The extension's version, for the diagnostic: read once (getManifest builds the
  // whole manifest anew on every call, and the health is reported on every drawing).
  let manifestVersion = null;
  const extensionVersion = () => (manifestVersion ??= api.runtime.getManifest().version);

  /** Tells the rep, quietly, when the page could not be read fully. */
  function reportHealth(page) {
    lastHealth = {
      pageType,
      path: location.pathname,
      route: location.hash.replace(/\d{3,}/g, 'N').slice(0, 60),
      items: page.items.length,
      unread: page.items.filter((i) => i.unread).length,
      editor: page.editor?.kind ?? null,
      found: [...(page.health?.found ?? [])].sort(),
      missing: [...(page.health?.missing ?? [])].sort(),
      overrides: Object.keys(overrides).sort(),
      version: extensionVersion(),
    };
    const missing = page.health?.missing ?? [];
    // While the page is still arriving, what is missing may simply not be there yet.
    if (document.readyState === 'loading') return;
    // Any part that feeds the engine (the items, their text, time, buyer) is named,
    // whether or not rows were found; only where-to-draw misses stay quiet.
    if (!globalThis.XunpanHealth?.mattersToRep(missing)) {
      Overlay.status(null);
      return;
    }
    const words = globalThis.XunpanHealth.partsInWords(missing, Overlay.t);
    Overlay.status(`${Overlay.t('extName')}: ${Overlay.t('pageNotRead')} ${words} (${missing.join(', ')})`);
  }

  /** An item whose text could not be read: a grey "not read" chip, never a verdict. */
  function drawUnread(item) {
    const mount = item.mount ?? item.element;
    if (!mount || !item.element) return;
    if (item.element.getAttribute('data-xunpan-verdict') !== 'unread') item.element.setAttribute('data-xunpan-verdict', 'unread');
    const prev = drawn.get(mount);
    if (prev && prev.key === item.key && prev.known === 'unread' && prev.host.isConnected) return;
    prev?.host.remove();
    const words = globalThis.XunpanHealth.partsInWords(item.missing?.length ? item.missing.map((m) => ({ text: 'messageText', time: 'receivedTime' })[m] ?? m) : ['messageText'], Overlay.t);
    const host = Overlay.unreadChip(words, { compact: Boolean(item.compact) });
    host.setAttribute('data-xunpan-key', item.key);
    if (item.open) mount.prepend(host);
    else mount.append(host);
    drawn.set(mount, { key: item.key, known: 'unread', host });
    drawnOn.set(item.element, mount);
    drawnSince = true;
  }

  /**
   * A row element the page reused for another item (a virtualised list: its link now
   * names another inquiry): what was drawn on it belongs to the item it showed before
   * and is taken off at once, before the page paints; the scan that follows draws the
   * new item's.
   */
  function undrawReused(node) {
    for (let el = node; el && el !== document.body; el = el.parentElement) {
      const mount = drawnOn.get(el);
      if (!mount) continue;
      drawnOn.delete(el);
      drawn.get(mount)?.host.remove();
      drawn.delete(mount);
      el.removeAttribute('data-xunpan-verdict');
      el.removeAttribute('data-xunpan-read');
      return;
    }
  }

  let drawnSince = false; // whether anything was drawn yet (before, no subtree is looked through)
  const IDENTITY_SELECTOR = Site.IDENTITY_ATTRIBUTES.map((a) => `[${a}]`).join(',');

  /**
   * A subtree the page put (back) into the document: a row element it took out and
   * filled with another item while it was out (a list redrawn from a pool of rows), whose
   * change no observer saw, keeps what was drawn for the item it showed before. Taken off
   * at once, before the page paints, where the row's identity no longer names the item
   * drawn; the work is the added subtree's, never the page's.
   */
  function undrawStaleIn(node) {
    if (!drawnSince) return;
    const marked = node.matches(IDENTITY_SELECTOR) ? [node, ...node.querySelectorAll(IDENTITY_SELECTOR)] : node.querySelectorAll(IDENTITY_SELECTOR);
    for (const el of marked) {
      let id = null;
      for (const name of Site.IDENTITY_ATTRIBUTES) id ??= Site.itemOfAttribute(name, el.getAttribute(name));
      if (!id) continue;
      for (let at = el; at && at !== node.parentElement; at = at.parentElement) {
        const mount = drawnOn.get(at);
        if (!mount) continue;
        const key = drawn.get(mount)?.key ?? '';
        if (key.slice(key.indexOf(':') + 1) !== id) undrawReused(at);
        break;
      }
    }
  }

  // --- drawing ---------------------------------------------------------------------------

  // A list draws hundreds of chips, and each costs the page layout time: the rows the
  // rep can see are drawn at once, the rest of the list's first FIRST_ROWS in the task
  // right after, the others in idle time a few milliseconds at a time, so the page stays
  // responsive; a row scrolled into view before its turn is drawn as it appears. Which
  // rows are in view the browser computes in its frames (every list row is watched from
  // the moment it appears, see `watchRows`); until it has, the first FIRST_ROWS rows in
  // the page's order stand for them: a list opens at its top.
  const FIRST_ROWS = 100;
  const CHUNK_MS = 8;
  const waiting = new Map(); // row element → item, to be drawn in idle time
  const soon = new Map(); // row element → item, to be drawn in the next task
  const watched = new WeakSet(); // rows whose place the browser is asked for
  const placed = new WeakSet(); // rows whose place it has computed
  let placedAny = false; // the browser (or `placeFirstRows`) has placed some row
  const inView = new Set(); // of those, the rows in view
  let draining = false;
  let soonTimer = null;

  /** What the browser found of the rows' places (from its callback or taken early). */
  function seen(entries) {
    if (!rowHeightNoted && entries.length) noteRowHeight(entries.map((entry) => entry.boundingClientRect?.height ?? entry.height));
    for (const entry of entries) {
      placedAny = true;
      placed.add(entry.target);
      if (!entry.isIntersecting) {
        inView.delete(entry.target);
        // A row the page took away is no longer watched (nor kept by the observer).
        if (!entry.target.isConnected) unwatch(entry.target);
        continue;
      }
      inView.add(entry.target);
      const item = waiting.get(entry.target) ?? soon.get(entry.target);
      if (!item) continue;
      waiting.delete(entry.target);
      soon.delete(entry.target);
      drawRow(item);
    }
  }

  /** Stops watching a row: drawn, or gone from the page. */
  function unwatch(row) {
    if (!watched.delete(row)) return;
    rowsInView?.unobserve(row);
    inView.delete(row);
  }

  /** Draws a list row's chip; the row needs watching no more (a later change queues it again). */
  function drawRow(item) {
    draw(item);
    if (!item.open) unwatch(item.element);
  }
  const rowsInView = typeof IntersectionObserver === 'function' ? new IntersectionObserver(seen) : null;

  /**
   * Asks the browser to compute, in its next frame, whether each list row is in view:
   * watched as the rows appear, so the answer that comes after the page's first frame
   * with them knows at once which rows the rep sees. True if new rows were found.
   */
  function watchRows() {
    if (pageType !== 'inquiryList') return false;
    // A list opens at its top: its first rows are the ones that can be in view at
    // first (the others are watched once queued, see `drawInTurn`).
    let found = false;
    for (const row of Site.rows(pageType, document, overrides).slice(0, FIRST_ROWS)) {
      if (watched.has(row)) continue;
      watched.add(row);
      rowsInView?.observe(row);
      found = true;
    }
    return found;
  }

  /**
   * The rows in view as last computed, the browser's latest findings taken first. An
   * answer that comes once the page is parsed but before the browser's first findings
   * (the usual case: this script comes just after the page's first frame with its rows,
   * and the browser computes the rows' places only in its next frame) measures the
   * first rows' boxes itself (see `placeFirstRows`), so that the rows in view are drawn
   * in this task and the rest of the first FIRST_ROWS in the next one.
   */
  function rowsSeenInView() {
    if (rowsInView) seen(rowsInView.takeRecords());
    if (rowsInView && !placedAny && !drawnSince && document.readyState !== 'loading') placeFirstRows();
    for (const row of inView) if (!row.isConnected) inView.delete(row);
    return [...inView];
  }

  /**
   * The first FIRST_ROWS rows' places, read from their boxes the way the browser's
   * observer would report them. Only while nothing of ours is drawn yet, and read
   * before anything is: the page's own frame has laid them out already, so this costs
   * no layout of its own (read after our first chips, it would lay the list out again).
   */
  function placeFirstRows() {
    const rows = Site.rows(pageType, document, overrides).slice(0, FIRST_ROWS);
    const height = window.innerHeight;
    const width = window.innerWidth;
    const entries = rows.map((target) => {
      const box = target.getBoundingClientRect();
      const isIntersecting = (box.width > 0 || box.height > 0) && box.bottom >= 0 && box.top <= height && box.right >= 0 && box.left <= width;
      return { target, isIntersecting, height: box.height };
    });
    seen(entries);
  }

  // Whether the list's row height was measured on this page (once is enough).
  let rowHeightNoted = false;

  /**
   * The list's row height, the middle one of the first rows the page drew (px), told to
   * content-start.js (the lists asked on this page after now) and to the worker (the
   * list's next load): the worker answers the rows that can be in view first, and
   * counts them with it (see answerList in background.js). Rows not drawn (0 high) say
   * nothing.
   */
  function noteRowHeight(heights) {
    if (pageType !== 'inquiryList') return;
    const drawnHeights = heights.filter((h) => Number.isFinite(h) && h > 0).sort((a, b) => a - b);
    if (!drawnHeights.length) return;
    rowHeightNoted = true;
    const rowHeight = Math.round(drawnHeights[Math.floor(drawnHeights.length / 2)]);
    if (rowHeight <= 0) return;
    Start.noteRowHeight(rowHeight);
    // Told after the task that measured it: that task draws the rows in view.
    setTimeout(() => ask(TYPES.LIST_VIEW, { rowHeight }).catch(() => {}), 0);
  }

  /** Whether the item's present answer is drawn already (nothing to do). */
  function isDrawn(item) {
    const prev = drawn.get(item.mount ?? item.element);
    return Boolean(prev && prev.key === item.key && prev.known === shownAnswer(item) && prev.host.isConnected);
  }

  /**
   * Draws the items that have an answer: the open item and the rows in view now (the
   * first FIRST_ROWS while the browser has not placed them), the rest of the first
   * FIRST_ROWS in the next task, the others in idle time.
   */
  function drawInTurn(items) {
    if (rowsInView) seen(rowsInView.takeRecords());
    let shown = 0;
    for (const item of items) {
      if (!results.has(item.key) || !item.element) continue;
      const element = item.element;
      if (isDrawn(item)) {
        shown += 1;
        continue;
      }
      const now = item.open || !rowsInView || (placed.has(element) ? inView.has(element) : shown < FIRST_ROWS);
      if (now) {
        waiting.delete(element);
        soon.delete(element);
        drawRow(item);
        shown += 1;
        continue;
      }
      if (!watched.has(element)) {
        watched.add(element);
        rowsInView.observe(element);
      }
      if (shown < FIRST_ROWS) {
        waiting.delete(element);
        soon.set(element, item);
      } else {
        waiting.set(element, item);
      }
      shown += 1;
    }
    drawSoon();
    drainSoon();
  }

  /** Draws the rows set for the next task (the first rows out of view). */
  function drawSoon() {
    if (soonTimer !== null || !soon.size) return;
    soonTimer = setTimeout(flushSoon, 0);
  }

  function flushSoon() {
    clearTimeout(soonTimer);
    soonTimer = null;
    for (const [element, item] of soon) if (element.isConnected) drawRow(item);
    soon.clear();
  }

  /** Draws the waiting rows in idle time, CHUNK_MS at a time. */
  function drainSoon() {
    if (draining || !waiting.size) return;
    draining = true;
    const idle = globalThis.requestIdleCallback ??
      ((run) => setTimeout(() => run({ didTimeout: true, timeRemaining: () => 0 }), 0));
    idle((deadline) => {
      draining = false;
      const until = performance.now() + CHUNK_MS;
      for (const [element, item] of waiting) {
        if (performance.now() >= until || (!deadline.didTimeout && deadline.timeRemaining() <= 0)) break;
        waiting.delete(element);
        if (element.isConnected) drawRow(item);
        else unwatch(element);
      }
      drainSoon();
    }, { timeout: 100 });
  }

  /**
   * The answer an item shows: a row whose item is open on the page (a contact row beside
   * its conversation) shows the open item's, read from everything shown there, once it
   * has one; any other item its own.
   */
  function shownAnswer(item) {
    return (item.fuller && results.get(item.fuller)) || results.get(item.key);
  }

  // Per open item (by key), what the rep did on its card (see Overlay.card): the few
  // conversations opened on this page, the oldest forgotten past CARDS_KEPT.
  const CARDS_KEPT = 20;
  const cardsKept = new Map();

  function cardKept(key) {
    let kept = cardsKept.get(key);
    if (kept) cardsKept.delete(key);
    else kept = {};
    cardsKept.set(key, kept);
    if (cardsKept.size > CARDS_KEPT) cardsKept.delete(cardsKept.keys().next().value);
    return kept;
  }

  function draw(item) {
    const known = shownAnswer(item);
    const fuller = known !== results.get(item.key);
    if (!known || !item.element) return;
    const { result } = known;
    // The stable hook for tests and other tools, on the page's own element. Known by its
    // thread alone, no verdict: "replied" (the page data says the latest message is our
    // reply) or "conversation" (the row says it is in conversation, not whose message
    // it shows).
    const ours = Boolean(item.inquiry.thread);
    const state = result.threadOnly ? (ours ? 'replied' : 'conversation') : result.verdict;
    if (item.element.getAttribute('data-xunpan-verdict') !== state) {
      item.element.setAttribute('data-xunpan-verdict', state);
    }
    // A text the page showed cut short: said on the element too (see docs/formats.md).
    if (item.preview && !fuller) item.element.setAttribute('data-xunpan-read', 'preview');
    else if (item.element.hasAttribute('data-xunpan-read')) item.element.removeAttribute('data-xunpan-read');
    const isSingle = Boolean(item.open);
    const mount = item.mount ?? item.element;
    if (!mount) return;
    const prev = drawn.get(mount);
    if (prev && prev.key === item.key && prev.known === known && prev.host.isConnected) return;
    prev?.host.remove();
    const actions = {
      lang,
      templateName: (id) => templateNames[id] ?? id,
      feedback: (spam) => feedback(item, spam),
      undoFeedback: (token) => undoFeedback(item, token),
      insert: (template, mode, language) => renderAndInsert(item, template, mode, language),
      // The rep's doings on the open item's card, kept while it is drawn again.
      kept: isSingle ? cardKept(item.key) : undefined,
      // No clock, since the buyer's first message since our reply was not read: the card says so.
      firstTimeNotRead: Boolean(item.missing?.includes('firstUnanswered')),
      // The language the suggested reply is written in, and the buyer's (for the switch).
      replyLanguage: async (template) => {
        const { rendered } = await ask(TYPES.RENDER, { inquiry: item.inquiry, template });
        return { language: rendered.language, buyer: rendered.buyerLanguage, languages: rendered.languages ?? [] };
      },
      setupMissing,
      openSetup: () => ask(TYPES.OPEN_WELCOME).catch(() => {}),
      // A list row drew part of its answer (XunpanMessages.rowAnswer): the whole of it.
      fullAnswer: async () => {
        const { resultsJson } = await ask(TYPES.TRIAGE, {
          page: location.href,
          itemsJson: JSON.stringify([{ inquiry: item.inquiry, url: itemUrl(item), key: item.key, signature: item.signature, receivedOn: item.receivedOn, preview: item.preview }]),
        });
        return JSON.parse(resultsJson)[0] ?? null;
      },
    };
    // Read from a preview: only what the part shown proves (see XunpanHealth.previewReading).
    const preview = item.preview && !fuller ? globalThis.XunpanHealth.previewReading(result) : null;
    const host = result.threadOnly
      ? Overlay.threadChip(result, { compact: Boolean(item.compact), ours })
      : isSingle ? Overlay.card(result, actions)
        : Overlay.chip(result, actions, { compact: Boolean(item.compact), preview, timeNotRead: Boolean(item.missing?.includes('time')) });
    // Whose chip this is, for tests and other tools (a reused row must never show another's).
    host.setAttribute('data-xunpan-key', item.key);
    if (isSingle) openItem = { item, host };
    if (isSingle) mount.prepend(host);
    else mount.append(host);
    drawn.set(mount, { key: item.key, known, host });
    drawnOn.set(item.element, mount);
    drawnSince = true;
  }

  /** The rep's "spam" / "not spam": the filter learns and the item is tagged again. */
  async function feedback(item, spam) {
    try {
      const answer = await ask(TYPES.FEEDBACK, { inquiry: item.inquiry, spam });
      results.delete(item.key);
      schedule();
      return answer;
    } catch (err) {
      Overlay.status(`${Overlay.t('extName')}: ${err.message}`);
      return null;
    }
  }

  /** Takes the last lesson back (see background.js) and tags the item again. */
  async function undoFeedback(item, token) {
    const answer = await ask(TYPES.UNDO_FEEDBACK, { token });
    if (answer.ok) {
      results.delete(item.key);
      schedule();
    }
    return answer;
  }

  // --- inserting a reply -------------------------------------------------------------------

  /**
   * Renders `template` for the item and puts it into the page's reply editor, the one
   * the adapter names for this page (never whatever box has the focus: a search box
   * must never receive a reply). Resolves to `{ ok, lint, editor }`: `editor` is the
   * box the text went into, for the card to bring into view. Nothing is ever sent.
   */
  async function renderAndInsert(item, template, mode = 'insert', language = null) {
    const { rendered } = await ask(TYPES.RENDER, { inquiry: item.inquiry, template, language });
    const editor = Site.replyEditor(pageType, document, overrides);
    const ok = editor ? await insertInto(editor, rendered.text, mode) : false;
    // Not confirmed in the box: the reply goes to the clipboard for the rep to paste.
    const copied = ok ? false : await copyText(rendered.text);
    if (!ok && !editor) Overlay.status(`${Overlay.t('extName')}: ${Overlay.t('insertFailed')}`);
    // The TinyMCE frame exists only once the editor was opened: ask again for the box.
    const box = ok ? Site.replyEditor(pageType, document, overrides)?.element ?? null : null;
    return { ok, lint: rendered.lint ?? [], editor: box, copied };
  }

  /** What the rep is told when a reply is not in the box: none found, or found and not taking it (copied or not). */
  const notInMessage = (editor, copied) => (!editor ? 'insertFailed' : copied ? 'insertNotTakenCopied' : 'insertNotTaken');

  /**
   * Puts `text` on the clipboard (the rep's click on the card allows it); the browser's
   * copy command on a hidden box of our own where the clipboard API is refused.
   * Whether it worked.
   */
  async function copyText(text) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      const el = document.createElement('span');
      el.setAttribute('data-xunpan-host', '');
      const root = el.attachShadow({ mode: 'closed' });
      const area = document.createElement('textarea');
      area.value = text;
      root.append(area);
      document.documentElement.append(el);
      const before = document.activeElement;
      area.select();
      const done = Boolean(document.execCommand?.('copy'));
      el.remove();
      before?.focus?.({ preventScroll: true });
      return done;
    }
  }

  /**
   * "Insert reply" pressed in the side panel: the item must be the one open on this
   * page (its detail, or its conversation in the chat); its reply goes into this
   * page's editor, and the card shows the lint flags. Nothing is sent.
   */
  async function insertFromPanel({ id, channel, template }) {
    if (!pageType) return { ok: false, reason: 'notOpen' };
    readPageData();
    const page = Site.collect(pageType, document, store, overrides);
    const item = page.items.find((i) => i.open && i.inquiry?.id === id && (i.inquiry.channel ?? 'inquiry') === channel);
    if (!item || !page.editor) return { ok: false, reason: 'notOpen' };
    const { ok, lint, copied } = await renderAndInsert(item, template);
    if (openItem?.host.isConnected) Overlay.setCardFlags(openItem.host, lint);
    // The page has its box (checked above): it did not take the reply.
    return ok ? { ok } : { ok, reason: notInMessage(page.editor, copied) };
  }

  /** Puts text into the adapter's editor with the method its kind needs. */
  function insertInto(editor, text, mode = 'insert') {
    switch (editor.kind) {
      case 'tinymce':
        return insertViaPage(text, mode, editor.spec ?? Site.EDITOR).then((ok) => {
          if (ok !== 'noApi') return ok;
          // The page keeps no editor API within reach: its frame is the box.
          const body = frameBody(document.getElementById(`${(editor.spec ?? Site.EDITOR).id}_ifr`));
          return body ? insertIntoEditable(body, text, mode) : false;
        });
      case 'frame':
      case 'contenteditable':
        return insertIntoEditable(editor.element, text, mode);
      case 'textarea':
      case 'controlled':
        return Promise.resolve(insertIntoField(editor.element, text, mode));
      default:
        return Promise.resolve(false);
    }
  }

  function isEditable(el) {
    return el instanceof HTMLTextAreaElement ||
      (el instanceof HTMLInputElement && /^(text|search|)$/.test(el.type)) ||
      el?.isContentEditable;
  }

  /**
   * A contenteditable box: the text goes in at the rep's cursor when it is inside the
   * box, else at its end (or over everything, `replace`). The browser's own insertText
   * makes it one undo step and fires the input events the page's counter listens to.
   */
  async function insertIntoEditable(el, text, mode) {
    if (!el?.isConnected || !el.isContentEditable) return false;
    // The box's own document: the page's, or that of the frame an editor draws in.
    const doc = el.ownerDocument;
    const sel = placeCaret(el, mode);
    if (!sel) return false;
    await caretSeen(doc);
    // A box its framework owns (it draws the box from its own model) puts back the line
    // breaks insertText draws behind its back: such a framework takes a paste whole,
    // lines and all, and says so by cancelling it. A plain box ignores a paste that is
    // not the rep's own, and gets insertText; so does a page that cancels pastes only
    // to refuse them (the text never arrives).
    if (text.includes('\n') && await pastedInto(el, text)) return true;
    if (!el.isConnected || !placeCaret(el, mode)) return false;
    if (text.includes('\n') && !PASTE_CARRIES_TEXT && doc.queryCommandSupported?.('insertParagraph')) {
      await typedLineByLine(el, text);
    } else if (!doc.execCommand?.('insertText', false, text)) {
      // Refused (an engine without execCommand): the same by hand, with the input event.
      const range = sel.getRangeAt(0);
      range.deleteContents();
      const node = doc.createTextNode(text);
      range.insertNode(node);
      range.setStartAfter(node);
      range.collapse(true);
      sel.removeAllRanges();
      sel.addRange(range);
      el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: text }));
    }
    // Done only if the box shows the reply once its page has drawn it: a framework
    // draws its box from its model, so what it refused or lost is not there.
    await new Promise((done) => setTimeout(done, 50));
    return el.isConnected && showsText(el.innerText ?? el.textContent, text);
  }

  /**
   * Whether a paste event made by a script carries its text to the page. Chromium's
   * does; Firefox's arrives empty, so a framework that takes pastes gets nothing.
   */
  const PASTE_CARRIES_TEXT = (() => {
    try {
      const data = new DataTransfer();
      data.setData('text/plain', 'x');
      return new ClipboardEvent('paste', { clipboardData: data }).clipboardData?.getData('text/plain') === 'x';
    } catch {
      return false;
    }
  })();

  /**
   * Gives `text` to a box as the rep would type it, where no paste can carry it: each
   * line, then a new paragraph. An editor framework that reads the box's DOM (Quill,
   * ProseMirror) glues lines given in one piece, but takes each new paragraph. One that
   * puts back the browser's paragraph (Lexical) takes the text in one piece and splits
   * its lines itself. Which kind the box is, a paragraph tried first tells (and is
   * taken back out where it was taken).
   */
  async function typedLineByLine(el, text) {
    const document = el.ownerDocument;
    const task = () => new Promise((done) => setTimeout(done, 0));
    // A framework draws what it took after a task: blocks are counted once it has.
    await task();
    const blocks = el.childElementCount;
    document.execCommand('insertParagraph');
    await task();
    if (el.childElementCount <= blocks) {
      document.execCommand('insertText', false, text);
      return;
    }
    document.execCommand('delete');
    for (const [i, line] of text.split('\n').entries()) {
      if (i > 0) document.execCommand('insertParagraph');
      if (line) document.execCommand('insertText', false, line);
    }
  }

  /**
   * Whether `shown` holds `text`: its first and last lines, spaces aside, and its first
   * two lines apart (a box that glued the lines into one did not take the reply as it is).
   */
  function showsText(shown, text) {
    const flat = (s) => String(s ?? '').replace(/\s+/g, ' ').trim();
    const lines = text.split('\n').map(flat).filter(Boolean);
    const all = flat(shown);
    return lines.length > 0 && all.includes(lines[0]) && all.includes(lines.at(-1)) &&
      (lines.length < 2 || !all.includes(lines[0] + lines[1]));
  }

  /**
   * Waits until the page has seen where the caret now is. An editor framework keeps its
   * own selection, read from the browser's `selectionchange`, which comes a task after
   * the caret moved: text given before that goes where the framework last thought the
   * caret was, or, in an editor never focused, past its undo history.
   */
  function caretSeen(document = window.document) {
    return new Promise((done) => {
      const seen = () => {
        document.removeEventListener('selectionchange', seen);
        clearTimeout(timer);
        setTimeout(done, 0);
      };
      const timer = setTimeout(seen, 50);
      document.addEventListener('selectionchange', seen);
    });
  }

  /** Focuses `el` with the caret where the text goes: the rep's, else the end (or all of it, `replace`). */
  function placeCaret(el, mode) {
    const doc = el.ownerDocument;
    el.focus({ preventScroll: true });
    const sel = doc.getSelection();
    if (!sel) return null;
    if (mode === 'replace') sel.selectAllChildren(el);
    else if (!sel.rangeCount || !el.contains(sel.anchorNode)) {
      const range = doc.createRange();
      range.selectNodeContents(el);
      range.collapse(false);
      sel.removeAllRanges();
      sel.addRange(range);
    }
    return sel;
  }

  /**
   * Whether the page took `text` as a paste into `el`: its framework cancelled the paste
   * and the text's first line is in the box, at once or once the framework has drawn
   * (some draw after a microtask or a task; waited for up to about 100 ms).
   */
  async function pastedInto(el, text) {
    let event;
    try {
      const data = new DataTransfer();
      data.setData('text/plain', text);
      event = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true });
    } catch {
      return false; // an engine that cannot make one: insertText does
    }
    const flat = (s) => s.replace(/\s+/g, ' ').trim();
    const before = el.textContent;
    const firstLine = flat(text.split('\n').find((line) => line.trim()) ?? '');
    const arrived = () => el.textContent !== before && flat(el.textContent).includes(firstLine);
    el.dispatchEvent(event);
    if (!event.defaultPrevented) return false;
    for (let i = 0; i < 5 && !arrived(); i++) await new Promise((done) => setTimeout(done, i ? 25 : 0));
    return arrived();
  }

  /**
   * A textarea or input, plain or controlled by the page's framework: insertText at
   * the box's own cursor (kept while it is not focused), one undo step with the input
   * events; refused, the native value setter and an input event, which a controlled
   * component takes as typing.
   */
  function insertIntoField(el, text, mode) {
    if (!el?.isConnected || !(el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement)) return false;
    el.focus({ preventScroll: true });
    if (mode === 'replace') el.select?.();
    // insertText goes to whatever has the focus: only when the box took it.
    if (el.ownerDocument.activeElement === el && el.ownerDocument.execCommand?.('insertText', false, text) && el.value.includes(text)) return true;
    const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
    const setter = Object.getOwnPropertyDescriptor(proto, 'value')?.set;
    const start = mode === 'replace' ? 0 : el.selectionStart ?? el.value.length;
    const end = mode === 'replace' ? el.value.length : el.selectionEnd ?? el.value.length;
    const next = el.value.slice(0, start) + text + el.value.slice(end);
    setter ? setter.call(el, next) : (el.value = next);
    el.dispatchEvent(new Event('input', { bubbles: true }));
    return true;
  }

  let insertSeq = 0;

  /** The editable body of a same-origin frame, or null. */
  function frameBody(frame) {
    try {
      const body = frame?.contentDocument?.body;
      return body?.isContentEditable ? body : null;
    } catch {
      return null;
    }
  }

  /**
   * The TinyMCE editor lives in the page's own world: page-editor.js does the insert.
   * Resolves to whether it did, or to 'noApi' when the page keeps no editor API in reach.
   */
  function insertViaPage(text, mode = 'insert', spec = Site.EDITOR) {
    const id = `x${Date.now()}-${++insertSeq}`;
    return new Promise((resolve) => {
      const done = (ok) => {
        window.removeEventListener('message', onReply);
        clearTimeout(timer);
        resolve(ok);
      };
      const onReply = (ev) => {
        if (ev.source === window && ev.data?.source === 'xunpan-editor-result' && ev.data.id === id) done(ev.data.noApi === true ? 'noApi' : Boolean(ev.data.ok));
      };
      // The page's helper waits up to 8 s for an editor still being set up.
      const timer = setTimeout(() => done(false), 10_000);
      window.addEventListener('message', onReply);
      window.postMessage({ source: 'xunpan-editor', id, action: 'insert', mode, text, editor: spec }, location.origin);
    });
  }

  // --- live lint of what the rep types ------------------------------------------------------------

  let lintTimer = null;

  /** The text of the reply box the rep is typing in (chat box or the editor's frame). */
  function draftText(target) {
    if (target instanceof HTMLTextAreaElement || target instanceof HTMLInputElement) return target.value;
    if (target?.isContentEditable) return target.innerText ?? target.textContent ?? '';
    return '';
  }

  function lintSoon(target) {
    clearTimeout(lintTimer);
    lintTimer = setTimeout(async () => {
      const text = draftText(target);
      if (!openItem?.host.isConnected || text.trim().length < 3) return;
      try {
        const { lint } = await ask(TYPES.LINT, { text: text.slice(0, 20_000), inquiry: openItem.item.inquiry });
        Overlay.setCardFlags(openItem.host, lint);
      } catch {
        // linting is a help, never a blocker
      }
    }, 400);
  }

  function watchTyping(doc) {
    doc.addEventListener('input', (ev) => {
      const el = ev.composedPath?.()[0] ?? ev.target;
      if (el?.closest?.('[data-xunpan-host]')) return;
      if (isEditable(el)) lintSoon(el);
    }, true);
  }

  // The detail page's editor is a same-origin frame created later: watch it once it exists.
  const watchedFrames = new WeakSet();
  function watchEditorFrame() {
    const frame = Site.replyEditor(pageType, document, overrides)?.frame;
    const doc = frame?.contentDocument;
    if (doc && !watchedFrames.has(doc)) {
      watchedFrames.add(doc);
      watchTyping(doc);
    }
  }

  // --- the template picker (keyboard shortcut) ---------------------------------------------------------

  async function openPicker() {
    const anchor = document.activeElement;
    const { templates } = await ask(TYPES.TEMPLATES);
    const suggested = openItem ? results.get(openItem.item.key)?.result : null;
    const order = suggested ? [suggested.template, ...(suggested.alternatives ?? [])] : [];
    const sorted = [...templates].sort((a, b) => {
      const ia = order.indexOf(a.id);
      const ib = order.indexOf(b.id);
      return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib);
    });
    const label = (tpl) => (lang === 'zh' ? tpl.nameZh || tpl.name : tpl.name);
    Overlay.picker(sorted.map((tpl) => ({ id: tpl.id, label: label(tpl), body: tpl.body })), anchor, async (id) => {
      const inquiry = openItem?.item.inquiry ?? { body: '' };
      const { rendered } = await ask(TYPES.RENDER, { inquiry, template: id });
      anchor?.focus?.();
      // Into the page's reply editor, as the adapter names it; never into another box.
      const editor = Site.replyEditor(pageType, document, overrides);
      const ok = editor ? await insertInto(editor, rendered.text) : false;
      if (!ok) Overlay.status(`${Overlay.t('extName')}: ${Overlay.t(notInMessage(editor, await copyText(rendered.text)))}`);
      if (openItem) Overlay.setCardFlags(openItem.host, rendered.lint);
    });
  }

  api.runtime.onMessage.addListener((message, sender, sendResponse) => {
    if (sender?.id !== api.runtime.id) return false;
    if (message?.type === TYPES.HEALTH) {
      sendResponse({ health: lastHealth });
      return false;
    }
    if (message?.type === TYPES.INSERT_REPLY) {
      if (!accept(message, sender, api.runtime.id)) return false;
      insertFromPanel(message).then(sendResponse, (err) => sendResponse({ ok: false, reason: String(err?.message ?? err) }));
      return true; // answered when the text is in
    }
    if (message?.type !== TYPES.OPEN_PICKER) return false;
    openPicker().catch((err) => Overlay.status(`${Overlay.t('extName')}: ${err.message}`));
    return false;
  });

  // --- start -----------------------------------------------------------------------------------

  /** What a seller page needs from the worker before its first scan. */
  async function setup() {
    try {
      // Asked at document_start by content-start.js (in a frame, now).
      const answer = await (Start.takeSetup() ?? ask(TYPES.PAGE_SETUP, { page: location.href }));
      overrides = answer.overrides ?? {};
      adoptRemembered(answer.answersJson, answer.answerResultsJson);
      Overlay.useLanguage(answer.locale?.language ?? null, answer.locale?.messages ?? null);
      // The browser's own language (the messages its table): the reasons follow it as before.
      if (!answer.locale?.browser) lang = globalThis.XunpanLocale?.isChinese() ? 'zh' : 'en';
      setupMissing = Boolean(answer.setupMissing);
      for (const [id, n] of Object.entries(answer.templateNames ?? {})) {
        templateNames[id] = lang === 'zh' ? n.nameZh || n.name : n.name;
      }
    } catch {
      // The engine is asked again on the first scan; its error is shown there.
    } finally {
      setUp = true;
      // The first part of a list's answer came before the setup, and its rest is still
      // on its way (scans wait for it): the rows answered are drawn now, those in view
      // first, before anything else of the start.
      const firstPart = ahead.size > 0 && triagedAhead.size > 0;
      if (firstPart) drawAnswered();
      else readyFirstDraw();
      // The answers kept from the address's last load: matched now, or, where the
      // engine's answer for the list is here or on its way, in a task of their own, so
      // that the rows in view are drawn from it first (reading the list's data and
      // fingerprinting its rows for the match took 8 to 21 ms before the first tag on a
      // loaded 2-CPU machine, for nothing on an inbox not seen before).
      if (keptSignatures !== null) {
        if (ahead.size > 0) setTimeout(matchKeptAnswers, 0);
        else matchKeptAnswers();
      }
      // The first chips' code and texts, readied in a free moment (see start).
      (globalThis.requestIdleCallback ?? ((run) => setTimeout(run, 0)))(() => Overlay.prewarm({ texts: true }));
    }
  }

  /**
   * What the first drawing on a list needs, done while its answer (or the answers kept
   * from its last load, matched in the next task) is still on its way: the rows' places
   * read (see `rowsSeenInView`), so that the first answer drawn, kept or fresh, tags the
   * rows in view in a task of their own and the others after; the list's data read into
   * the store (its match against the kept answers comes after, see `matchKeptAnswers`);
   * the chips' style sheet parsed. Not work of its own: the first drawing would do all
   * three, and the page's frame has laid the rows out.
   */
  function readyFirstDraw() {
    if (Site.detect(location.href) !== 'inquiryList' || document.readyState === 'loading' || drawnSince) return;
    if (!ahead.size && keptSignatures === null) return;
    pageType = 'inquiryList';
    rowsSeenInView();
    readPageData({ match: false });
    Overlay.prewarm();
  }

  /**
   * The rows whose answers were kept from the address's last load, drawn without
   * waiting for the engine: rows read already are matched against them now (rows still
   * unread are matched when their rows appear, see the observer in `start`), and, once
   * the page is parsed (this script comes then), the page is read for them where the
   * list's data matched some, or where no list data tells (another page, a list read
   * from its rows alone: the page itself is matched).
   */
  function matchKeptAnswers() {
    if (keptSignatures === null) return;
    const readAlready = !unreadData.length;
    if (readAlready) drawAheadWhatIsHere(Site.detect(location.href));
    if (document.readyState === 'loading') return;
    readPageData();
    // Rows to draw from what was kept (rows the engine answered on this load are drawn
    // from its answer, see drawAnswered).
    let keptMatched = false;
    for (const key of triagedAhead) {
      if (!results.get(key)?.remembered) continue;
      keptMatched = true;
      break;
    }
    if (keptMatched || (readAlready && !store.rows().length)) drawKnown();
  }

  // content-start.js began with the page (document_start: the setup asked, the list's
  // rows handed to the engine); this script comes once the page is parsed, and its
  // rows are tagged as soon as their answers are here.
  function start() {
    ready = setup();
    watchTyping(document);
    const ours = (nodes) => {
      for (const n of nodes) if (n.nodeType !== 1 || !n.hasAttribute('data-xunpan-host')) return false;
      return true;
    };
    const observer = new MutationObserver((records) => {
      watchEditorFrame();
      // Our own drawing must not wake us again.
      let added = false;
      let onlyOurs = true;
      for (const r of records) {
        if (r.type === 'attributes' && Site.itemOfAttribute(r.attributeName, r.oldValue) !== Site.itemOfAttribute(r.attributeName, r.target.getAttribute(r.attributeName))) {
          undrawReused(r.target);
        }
        if (r.addedNodes.length) {
          added = true;
          for (const n of r.addedNodes) if (n.nodeType === 1 && !n.hasAttribute('data-xunpan-host')) undrawStaleIn(n);
        }
        if (onlyOurs && (r.type !== 'childList' || !ours(r.addedNodes) || !ours(r.removedNodes))) onlyOurs = false;
      }
      if (onlyOurs) return;
      const rowsCame = added && watchRows();
      // Rows whose answers are already here are drawn before the page is painted: the
      // list's data read now when answers kept from the address's last load may match.
      if (setUp && rowsCame && unreadData.length && keptSignatures !== null) readPageData();
      if (setUp && added && triagedAhead.size && drawKnown()) return;
      schedule();
    });
    observer.observe(document, {
      childList: true,
      subtree: true,
      attributes: true,
      attributeFilter: Site.IDENTITY_ATTRIBUTES,
      attributeOldValue: true,
    });
    // The page data heard so far, then every later post (see content-start.js).
    Start.take(heard);
    // Rows already on the page (this script comes once the page is parsed): the browser
    // places them in its next frame, and an answer drawn after it draws those in view first.
    watchRows();
    window.addEventListener('hashchange', schedule);
    window.addEventListener('popstate', schedule);
    // Once the page is whole, read it again: only then is anything missing really missing.
    // (After the page's next frame, in idle time: the page draws what it has first.)
    const whenIdle = globalThis.requestIdleCallback ?? ((run) => setTimeout(run, 0));
    if (document.readyState === 'loading') {
      document.addEventListener('DOMContentLoaded', () => whenIdle(schedule, { timeout: 200 }), { once: true });
    }
    // What the first chips need, readied in the page's first free moment.
    whenIdle(() => Overlay.prewarm());
    schedule();
  }

  start();
})();
