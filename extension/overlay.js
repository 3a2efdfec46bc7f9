// Xunpan's overlay: the tags, clocks and verdict cards drawn on the seller pages.
//
// Everything is drawn inside closed shadow roots, so the page's CSS cannot break it
// and the page's scripts cannot read or change it. Buyer-controlled text only ever
// goes in through `textContent` — never as markup, never as a followed link.
//
// What the rep sees, and why it looks so:
// - a list row's chip is one line (tag, grade, the clock in words: "Reply in 8 min"),
//   sits in the line gap under the buyer's name and leaves the row its height; the
//   other clock and its time are in the clock's title;
// - a click on a chip opens its reasons where there is room (above when below is
//   short), the one or two that decided the tag in plain words first, weights and codes
//   behind "Details"; Escape, a click outside or the chip again closes it;
// - the open item's card is compact (verdict, the deciding reasons on one line, the
//   template, Insert) so the page's reply box stays in view; after Insert the box is
//   brought into view and a note says the reply is in and waits to be checked;
// - "spam" / "not spam" says what was learned, with Undo;
// - the template picker filters as the rep types and previews the highlighted
//   template; no key pressed in it ever reaches the page's editor.
// Clocks come from clock.js. One ticker per page updates the clocks on screen: once a
// second while one counts seconds, else on the minute, none while hidden; list chips
// count whole minutes, all turning over together on the minute, so a list of hundreds
// of rows is redrawn once a minute and costs the page nothing in between.
(() => {
  'use strict';

  const api = globalThis.browser ?? globalThis.chrome;
  const Clock = globalThis.XunpanClock;

  /**
   * A message from `_locales` (XunpanLocale keeps each text it looked up: the clocks ask
   * for several per row every second), with a fallback for tests outside the extension.
   */
  function t(key, subs) {
    return globalThis.XunpanLocale?.t(key, subs) ?? (api?.i18n?.getMessage?.(key, subs) || key);
  }

  /** Switches to the rep's chosen language (`table` from the worker); null = the browser's. */
  function useLanguage(language, table) {
    globalThis.XunpanLocale?.use(language, table);
  }

  // Colours: every text at least 4.5:1 against what it is drawn on (WCAG AA for 12–13 px
  // text); tests/e2e/look.test.mjs computes the ratios from the drawn styles.
  const CSS = `
    :host { all: initial; display: inline-flex; vertical-align: middle; margin: 0 4px; max-width: 100%; min-width: 0; }
    :host([data-block]) { display: block; margin: 8px 0; }
    * { box-sizing: border-box; font-family: -apple-system, "Segoe UI", "PingFang SC", "Microsoft YaHei", sans-serif; }
    .chip { display: inline-flex; flex-wrap: nowrap; align-items: center; gap: 4px; font-size: 12px; line-height: 16px;
      height: 18px; border-radius: 9px; padding: 0 2px 0 0; background: #fff; border: 1px solid #d0d5dd; cursor: pointer;
      max-width: 100%; color: #1d2939; white-space: nowrap; overflow: hidden; }
    .chip:focus-visible { outline: 2px solid #175cd3; outline-offset: 1px; }
    /* Short of room (a long name on a contact's line), the verdict's word gives way to
       an ellipsis and its colour; the clock's minutes stay whole. */
    .chip .clock { flex: none; }
    .chip.compact .tag { padding: 0 5px; }
    .chip.compact .clock { padding: 0 5px; }
    .tag { border-radius: 9px 0 0 9px; padding: 0 7px; font-weight: 600; color: #fff; flex: 0 1 auto; min-width: 18px;
      overflow: hidden; text-overflow: ellipsis; }
    .tag.unread { background: #667085; border-radius: 9px; }
    .tag.preview { background: #475467; }
    .tag.replied { background: #475467; } .tag:only-child { border-radius: 9px; }
    .pop .cut { margin: 0 0 6px; color: #344054; }
    .tag.spam { background: #b42318; } .tag.suspicious { background: #b54708; } .tag.genuine { background: #067647; }
    .grade { font-weight: 600; padding: 0 2px; flex: none; }
    .clock { font-variant-numeric: tabular-nums; padding: 0 6px; border-radius: 8px; white-space: nowrap; }
    .clock.on_track { color: #067647; } .clock.due_soon { color: #fff; background: #b54708; }
    .clock.overdue { color: #fff; background: #b42318; } .clock.met { color: #475467; }
    .clock.quiet { color: #475467; background: none; font-weight: 400; }
    .pop { position: fixed; z-index: 2147483000; width: 340px; max-width: calc(100vw - 16px); max-height: calc(100vh - 8px);
      overflow: auto; background: #fff;
      border: 1px solid #d0d5dd; border-radius: 8px; box-shadow: 0 8px 24px rgba(16,24,40,.18); padding: 10px 12px;
      white-space: normal; font-size: 12px; line-height: 1.45; color: #1d2939; cursor: default; text-align: left; }
    .pop[hidden] { display: none; }
    .pop h4 { margin: 0 0 4px; font-size: 13px; }
    .why { margin: 0 0 6px; padding: 0; list-style: none; }
    .why li { margin: 2px 0; }
    .why li::before { content: "• "; color: #475467; }
    .pop .more { margin: 4px 0 8px; }
    .reasons { margin: 6px 0 0; padding: 0; list-style: none; max-height: 200px; overflow: auto; }
    .reasons li { display: flex; gap: 6px; padding: 2px 0; border-bottom: 1px dashed #eaecf0; }
    .reasons .w { font-variant-numeric: tabular-nums; min-width: 34px; text-align: right; color: #b42318; }
    .reasons .w.neg { color: #067647; }
    .reasons code { font-size: 11px; color: #475467; }
    .row { display: flex; gap: 6px; flex-wrap: wrap; align-items: center; }
    button { font: inherit; font-size: 12px; border-radius: 6px; border: 1px solid #98a2b3; background: #fff;
      padding: 2px 8px; cursor: pointer; color: #1d2939; }
    button.primary { background: #c2410c; border-color: #c2410c; color: #fff; font-weight: 600; }
    button:disabled { opacity: .6; cursor: progress; }
    button:focus-visible, select:focus-visible, input:focus-visible { outline: 2px solid #175cd3; outline-offset: 1px; }
    select { font: inherit; font-size: 12px; max-width: 240px; color: #1d2939; background: #fff; border: 1px solid #98a2b3; border-radius: 6px; }
    .card { border: 1px solid #d0d5dd; border-radius: 10px; background: #fff; padding: 8px 12px; font-size: 13px; line-height: 1.4;
      color: #1d2939; box-shadow: 0 1px 2px rgba(16,24,40,.06); max-width: 760px; }
    .card .head { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; }
    .card .head .clock { font-size: 13px; }
    .card .because { display: flex; gap: 8px; align-items: baseline; margin: 4px 0 6px; color: #344054; }
    .card .because .text { min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    .card .more { margin: 6px 0 0; }
    .pop button.link { margin: 0 0 6px; }
    button.link { border: 0; background: none; padding: 0; color: #175cd3; text-decoration: underline; flex: none; }
    .card .actions { display: flex; gap: 6px; flex-wrap: wrap; align-items: center; }
    .card .actions .sep { flex: 1; }
    .card .done { color: #067647; font-weight: 600; }
    .card .done.warn { color: #b42318; }
    .card .reply-language { display: inline-flex; gap: 6px; align-items: baseline; color: #344054; font-size: 12px; }
    .card .reply-language[hidden] { display: none; }
    .card .setup { padding: 0 6px; background: #fffaeb; border-radius: 6px; font-size: 12px; }
    .tpl { color: #475467; }
    .flags { margin: 6px 0 0; padding-left: 16px; color: #93370d; }
    .status { position: fixed; right: 12px; bottom: 12px; z-index: 2147483000; background: #fffaeb; color: #7a2e0e;
      border: 1px solid #fec84b; border-radius: 8px; padding: 6px 10px; font-size: 12px; max-width: 360px;
      display: flex; gap: 8px; align-items: flex-start; }
    .status button { flex: none; padding: 0 6px; background: transparent; color: #7a2e0e; border-color: #fec84b; }
    .toast { position: fixed; left: 50%; bottom: 20px; transform: translateX(-50%); z-index: 2147483001; display: flex; gap: 10px;
      align-items: center; background: #101828; color: #fff; border-radius: 8px; padding: 8px 12px; font-size: 13px;
      box-shadow: 0 8px 24px rgba(16,24,40,.3); max-width: min(560px, calc(100vw - 24px)); }
    .toast.top { top: 20px; bottom: auto; }
    .toast button { background: transparent; color: #fff; border-color: #d0d5dd; }
    .toast button:focus-visible { outline-color: #84caff; }
    .muted { color: #475467; }
    .fit { padding: 0 6px; border-radius: 8px; white-space: nowrap; font-variant-numeric: tabular-nums; flex: none; }
    .fit.worth { color: #05603a; background: #ecfdf3; } .fit.skip, .fit.unranked { color: #475467; background: #f2f4f7; }
    .picker { width: 420px; }
    .picker input { width: 100%; font: inherit; font-size: 13px; padding: 4px 8px; border: 1px solid #98a2b3; border-radius: 6px; margin: 0 0 6px; color: #1d2939; }
    .picker .options { margin: 0; padding: 0; list-style: none; max-height: 180px; overflow: auto; }
    .picker .options li { padding: 3px 6px; border-radius: 4px; cursor: pointer; }
    .picker .options li[aria-selected="true"] { background: #fef0c7; }
    .picker .preview { margin: 6px 0 0; padding: 6px 8px; background: #f9fafb; border: 1px solid #eaecf0; border-radius: 6px;
      white-space: pre-wrap; max-height: 150px; overflow: auto; font-size: 12px; color: #344054; }
    .picker .hint { margin: 4px 0 0; }
  `;

  // One constructed style sheet shared by every shadow root: it is not subject to the
  // page's CSP (a strict style-src would block a <style> element) and is parsed once.
  let sheet = null;
  function styleSheet() {
    if (sheet === null) {
      try {
        sheet = new CSSStyleSheet();
        sheet.replaceSync(CSS);
      } catch {
        sheet = false;
      }
    }
    return sheet;
  }

  /** Creates a host element with a closed shadow root and our styles in it. */
  function host(tagName = 'span') {
    const el = document.createElement(tagName);
    el.setAttribute('data-xunpan-host', '');
    const root = el.attachShadow({ mode: 'closed' });
    const shared = styleSheet();
    if (shared) {
      root.adoptedStyleSheets = [shared];
    } else {
      const style = document.createElement('style');
      style.textContent = CSS;
      root.append(style);
    }
    return { el, root };
  }

  /** `document.createElement` with text (never markup) and attributes. */
  function h(tag, attrs = {}, ...children) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (k === 'text') el.textContent = v;
      else if (k === 'class') el.className = v;
      else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
      else if (v !== undefined && v !== null && v !== false) el.setAttribute(k, String(v));
    }
    for (const c of children) if (c) el.append(c);
    return el;
  }

  /** Stops an event from reaching the page (its listeners and its default action). */
  function keep(ev) {
    ev.preventDefault();
    ev.stopPropagation();
    ev.stopImmediatePropagation?.();
  }

  // --- clocks ------------------------------------------------------------------------

  /**
   * One ticker for the whole page; each clock registers its element and deadline. It
   * wakes only when a clock on screen can change: every second while one counts
   * seconds (the open item's card), else on the minute (list chips count whole
   * minutes) or at the moment a clock on screen changes state, if that comes first.
   */
  const clocks = new Map(); // element → { deadline, replied, followUp, resolution, onName }
  let ticker = null;

  // Only clocks on screen are redrawn every second (a 500-row inbox shows about 15);
  // one scrolled into view is brought up to date as it appears.
  const onScreen = new Set();
  const visibility = typeof IntersectionObserver === 'function'
    ? new IntersectionObserver((entries) => {
      const now = Date.now();
      let shown = false;
      for (const e of entries) {
        if (e.isIntersecting) {
          onScreen.add(e.target);
          const c = clocks.get(e.target);
          if (c) refresh(e.target, c, now);
          shown ||= Boolean(c);
        } else {
          onScreen.delete(e.target);
        }
      }
      if (shown) retime();
    })
    : null;

  function tick() {
    if (document.hidden) return;
    const now = Date.now();
    for (const [el, c] of clocks) {
      if (!el.isConnected || !visibility || onScreen.has(el)) refresh(el, c, now);
    }
  }

  /** The moments a clock's state or its lines change (its dues passed, its lead reached). */
  function changesOf(c) {
    const { company, platform } = Clock.dueTimes(c.deadline);
    const next = Clock.nextDue(c.deadline);
    const follow = c.followUp?.due ? Clock.dueTimes(c.followUp).follow : null;
    return [company, platform, next === null ? null : next - Clock.leadMs(c.deadline), follow]
      .filter((at) => at !== null && Number.isFinite(at))
      .map((at) => at + 1);
  }

  /** Milliseconds to the next moment a clock on screen may show something else. */
  function nextTickIn(now) {
    let at = Math.floor(now / Clock.MINUTE) * Clock.MINUTE + Clock.MINUTE;
    for (const [el, c] of clocks) {
      // Off screen: brought up to date as it comes into view.
      if (visibility && el.isConnected && !onScreen.has(el)) continue;
      if (c.resolution !== 'minute') return 1000 - (now % 1000);
      for (const change of changesOf(c)) if (change > now && change < at) at = change;
    }
    return Math.max(20, at - now);
  }

  function tickSoon() {
    if (ticker !== null || !clocks.size) return;
    ticker = setTimeout(() => {
      ticker = null;
      tick();
      tickSoon();
    }, nextTickIn(Date.now()));
  }

  // A clock that comes into view or a page shown again may need the next second, not
  // the next minute; a hidden page is brought up to date as it is shown.
  function retime() {
    clearTimeout(ticker);
    ticker = null;
    tickSoon();
  }
  document.addEventListener('visibilitychange', () => {
    if (document.hidden) return;
    tick();
    retime();
  });

  /** Brings one clock up to date, or forgets it once it has left the page. */
  function refresh(el, c, now) {
    if (!el.isConnected) {
      // Drawn but not yet placed: keep it a moment; once placed and then removed: drop it.
      if (c.placed || now - c.born > 10_000) {
        clocks.delete(el);
        onScreen.delete(el);
        visibility?.unobserve(el);
      }
      return;
    }
    c.placed = true;
    paint(el, c, now);
  }

  /** Writes a clock's text, state and title; the page is touched only where they changed. */
  function paint(el, c, now) {
    const v = Clock.view(c.deadline, now, { replied: c.replied, followUp: c.followUp, resolution: c.resolution, t });
    if (!v) return;
    const text = c.short && v.state !== 'met' && !c.replied && c.deadline.status !== 'met' ? shortText(c.deadline, now, v) : v.text;
    if (el.textContent !== text) el.textContent = text;
    const cls = `clock ${v.state}${v.quiet ? ' quiet' : ''}`;
    if (el.className !== cls) el.className = cls;
    const title = v.title || v.text;
    if (el.title !== title) el.title = title;
    c.onName?.(v.name ?? v.text);
  }

  /**
   * The shortest form, for a line that cannot grow: the time alone ("8 min", or "8 min
   * late"); the colour says the state, the title and the chip's name say the rest.
   */
  function shortText(deadline, now, v) {
    // A day-level clock: the state and, still to come, the day as MM-DD.
    if (deadline.precision === 'day') {
      if (v.state === 'overdue') return t('clockDayLate');
      return v.state === 'on_track' && typeof deadline.dueOn === 'string' ? t('clockDayLater', [deadline.dueOn.slice(5)]) : v.text;
    }
    const next = Clock.nextDue(deadline);
    if (next === null) return v.text;
    const shownAt = Math.floor(now / Clock.MINUTE) * Clock.MINUTE;
    // Whole hours past the first ("1 h", not "1 h 3 min"): a name line has little room.
    const left = now > next ? Math.min(next - shownAt, -1) : next - shownAt;
    const hours = Math.abs(left) / Clock.HOUR;
    const whole = left < 0 ? Math.floor(hours) : Math.ceil(hours);
    const span = Clock.span(hours >= 1 && hours < 10 ? Math.sign(left) * whole * Clock.HOUR : left, t);
    // Past the deadline: "−36 min" in the overdue colour (the title says "Overdue 36 min").
    return v.state === 'overdue' && !v.quiet ? t('clockLate', [span]) : span;
  }

  /**
   * Registers a clock with the page's one ticker and shows its time at once
   * (`resolution`: 'second' or 'minute'; `short`: the span alone, for a line that
   * cannot grow; `onName(text)`: told the clock's words, for an accessible name).
   */
  function watchClock(el, deadline, { replied = false, followUp = null, resolution = 'second', short = false, onName = null } = {}) {
    const c = { deadline, replied, followUp, resolution, short, onName, born: Date.now(), placed: false };
    clocks.set(el, c);
    paint(el, c, Date.now());
    visibility?.observe(el);
    if (resolution !== 'minute' && ticker !== null) retime();
    else tickSoon();
  }

  // --- reasons -----------------------------------------------------------------------

  const VERDICT_KEYS = { spam: 'verdictSpam', suspicious: 'verdictSuspicious', genuine: 'verdictGenuine' };
  const verdictWord = (verdict) => t(VERDICT_KEYS[verdict] ?? 'verdictGenuine');

  /** A reason's sentence in the rep's language. */
  const reasonText = (r, lang) => String((lang === 'zh' ? r.detailZh || r.detail : r.detail) ?? '');

  /**
   * The reasons that decided the tag, strongest first: for spam or suspicious the signs
   * pointing to spam, for genuine the signs of a real buyer. (A genuine buyer's message
   * may also carry a weak spam sign; it is not what decided the tag.)
   */
  function decidingReasons(result) {
    const reasons = (result.reasons ?? []).filter((r) => Number.isFinite(Number(r.weight)) && reasonText(r, 'en'));
    const spamward = result.verdict === 'spam' || result.verdict === 'suspicious';
    return reasons
      .filter((r) => (spamward ? Number(r.weight) > 0 : Number(r.weight) < 0))
      .sort((a, b) => (spamward ? Number(b.weight) - Number(a.weight) : Number(a.weight) - Number(b.weight)));
  }

  /** The one or two reasons that decided the tag, as plain sentences. */
  function leadReasons(result, lang, count = 2) {
    const lead = decidingReasons(result).slice(0, count).map((r) => reasonText(r, lang));
    return lead.length ? lead : [t(result.verdict === 'genuine' ? 'noSpamSigns' : 'noReasons')];
  }

  /** Every reason with its weight and code, and the score. */
  function allReasons(result, lang) {
    const list = h('ul', { class: 'reasons' });
    for (const r of result.reasons ?? []) {
      const w = Number(r.weight) || 0;
      list.append(h('li', {},
        h('span', { class: `w${w < 0 ? ' neg' : ''}`, text: (w > 0 ? '+' : '') + w.toFixed(1) }),
        h('span', {}, h('span', { text: reasonText(r, lang) }), h('br'), h('code', { text: r.code ?? '' }))));
    }
    if (!list.childElementCount) list.append(h('li', { class: 'muted', text: t('noReasons') }));
    return [h('div', { class: 'muted', text: t('scoreLine', [Number(result.score ?? 0).toFixed(1)]) }), list];
  }

  /**
   * "Details" and what it opens: every reason with its weight and code, and the score.
   * A button rather than <details>: a chip's host cancels every click's default action
   * (the row is often a link), which would keep a <details> shut.
   */
  function detailsToggle(result, lang) {
    const more = h('div', { class: 'more', hidden: true }, ...allReasons(result, lang));
    const button = h('button', {
      type: 'button', class: 'link', text: t('details'), 'aria-expanded': 'false',
      onclick: (ev) => {
        keep(ev);
        more.hidden = !more.hidden;
        button.setAttribute('aria-expanded', String(!more.hidden));
      },
    });
    return { button, more };
  }

  // --- pop-ups: open where there is room, close like every pop-up ---------------------

  let openPop = null; // { pop, anchor, close }

  /**
   * Shows `pop` (fixed, inside a shadow root) next to `anchor`: below it, or above when
   * below is short of room; kept inside the viewport. Escape, a click outside `owner`
   * and scrolling the anchor out of view close it; `onClose` runs once then.
   */
  function showPop(pop, anchor, owner, onClose) {
    openPop?.close();
    pop.hidden = false;
    const place = () => {
      const a = anchor.getBoundingClientRect();
      if (a.bottom < 0 || a.top > innerHeight) return close();
      const height = pop.offsetHeight;
      const width = pop.offsetWidth;
      const below = innerHeight - a.bottom;
      const top = below >= height + 8 || a.top < height + 8 ? Math.min(a.bottom + 4, innerHeight - height - 4) : a.top - height - 4;
      pop.style.top = `${Math.max(4, top)}px`;
      pop.style.left = `${Math.max(8, Math.min(a.left, innerWidth - width - 8))}px`;
    };
    const onKey = (ev) => {
      if (ev.key !== 'Escape') return;
      keep(ev);
      close();
      anchor.focus?.();
    };
    const onPointer = (ev) => {
      if (!ev.composedPath().includes(owner)) close();
    };
    const onScroll = () => place();
    // Opening "Details" makes it taller: placed again, still on screen.
    const resized = typeof ResizeObserver === 'function' ? new ResizeObserver(() => place()) : null;
    let closed = false;
    function close() {
      if (closed) return;
      closed = true;
      pop.hidden = true;
      document.removeEventListener('keydown', onKey, true);
      document.removeEventListener('pointerdown', onPointer, true);
      removeEventListener('scroll', onScroll, true);
      removeEventListener('resize', onScroll);
      resized?.disconnect();
      if (openPop?.pop === pop) openPop = null;
      onClose?.();
    }
    document.addEventListener('keydown', onKey, true);
    document.addEventListener('pointerdown', onPointer, true);
    addEventListener('scroll', onScroll, { capture: true, passive: true });
    addEventListener('resize', onScroll);
    place();
    resized?.observe(pop);
    openPop = { pop, anchor, close };
    return close;
  }

  // --- a note at the foot of the page (what was done, with Undo) ------------------------

  /** How far under the reply box the page's own send buttons may sit (px). */
  const REPLY_AREA_BELOW_PX = 72;
  let toastHost = null;
  let toastTimer = null;

  /**
   * A short note at the foot of the window that the rep's action worked ("Inserted —
   * check and send"), with an optional action (`{ label, run }`, e.g. Undo); it goes
   * after `ms` or when closed. One at a time; it lives outside the chips and cards, so
   * it stays while they are drawn again. `avoid` is the reply box just filled: the note
   * must not hide it or the page's own send button, which sits beside or under it, so
   * when the foot of the window is where they are, the note goes to the top.
   */
  function toast(text, action = null, ms = 8000, avoid = null) {
    toastHost?.el.remove();
    clearTimeout(toastTimer);
    toastHost = host('div');
    const hide = () => {
      toastHost?.el.remove();
      toastHost = null;
    };
    const box = h('div', { class: 'toast', role: 'status', 'aria-live': 'polite' }, h('span', { text }));
    if (action) {
      box.append(h('button', {
        type: 'button',
        text: action.label,
        onclick: async (ev) => {
          keep(ev);
          ev.currentTarget.disabled = true;
          await action.run();
        },
      }));
    }
    box.append(h('button', { type: 'button', text: '×', 'aria-label': t('close'), onclick: (ev) => (keep(ev), hide()) }));
    box.addEventListener('keydown', (ev) => {
      if (ev.key === 'Escape') {
        keep(ev);
        hide();
      }
    });
    toastHost.root.append(box);
    (document.body ?? document.documentElement).append(toastHost.el);
    if (avoid?.isConnected && covers(box.getBoundingClientRect(), replyArea(avoid))) box.classList.add('top');
    toastTimer = setTimeout(hide, ms);
    return box;
  }

  /**
   * Where the rep's eyes and mouse go after an Insert: the reply box, widened to its
   * container's width and taken down past the box, where pages put their send, attach
   * and translate buttons.
   */
  function replyArea(editor) {
    const box = editor.getBoundingClientRect();
    const row = editor.parentElement?.getBoundingClientRect() ?? box;
    return {
      left: Math.min(box.left, row.left),
      right: Math.max(box.right, row.right),
      top: box.top,
      bottom: box.bottom + REPLY_AREA_BELOW_PX,
    };
  }

  /** Whether two viewport rectangles share any area. */
  function covers(a, b) {
    return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  }

  /**
   * The rep's "spam" / "not spam": the filter learns, the note says what it learned,
   * with Undo while nothing was learned since.
   */
  async function teach(actions, spam) {
    const answer = await actions.feedback?.(spam);
    if (!answer?.ok) return;
    const said = t(spam ? 'learnedSpam' : 'learnedNotSpam');
    toast(said, answer.undo && actions.undoFeedback ? {
      label: t('undo'),
      run: async () => {
        const undone = await actions.undoFeedback(answer.undo).catch(() => null);
        toast(t(undone?.ok ? 'learnUndone' : 'learnNotUndone'));
      },
    } : null, 12_000);
  }

  // --- the row chip ------------------------------------------------------------------

  /**
   * Sets the host into the line gap under the name when the chip wrapped onto its own
   * line of a flex container, so the row keeps its height. Measured once, when placed:
   * all the chips drawn in one go are measured first and moved after, in one frame,
   * so a 500-row list is laid out once, not once per chip.
   */
  const toFit = new Set();
  const fitTries = new WeakMap(); // a chip drawn before its row is placed waits a few frames
  function fitIntoGap(el) {
    if (!toFit.size) requestAnimationFrame(fitAll);
    toFit.add(el);
  }
  function fitAll() {
    const moves = [];
    const later = [];
    for (const el of toFit) {
      const parent = el.parentElement;
      if (!parent || !el.isConnected) {
        const tries = (fitTries.get(el) ?? 0) + 1;
        fitTries.set(el, tries);
        if (tries < 30) later.push(el);
        continue;
      }
      const style = getComputedStyle(parent);
      const gap = parseFloat(style.rowGap);
      if (!style.display.includes('flex') || !(gap > 0)) continue;
      const first = parent.firstElementChild;
      if (first && first !== el && el.offsetTop > first.offsetTop + first.offsetHeight / 2) moves.push([el, Math.min(gap, 8)]);
    }
    toFit.clear();
    for (const [el, gap] of moves) el.style.marginTop = `-${gap}px`;
    for (const el of later) fitIntoGap(el);
  }

  /**
   * A chip for a list row or chat contact: tag, grade and clock on one line; a click
   * opens the reasons with "spam" / "not spam". `actions.feedback(spam)` trains the
   * filter and `actions.undoFeedback(token)` takes it back.
   * `compact`: for a line one line high (a chat contact's name line): the clock shows
   * only the time (its colour the state; the whole clock in its title).
   */
  function chip(result, actions, { compact = false, preview = null, timeNotRead = false } = {}) {
    const { el, root } = host('span');
    // Read from a preview (`preview`: XunpanHealth.previewReading): the tag shows only
    // what the part read proves, no grade, and the pop-up says the message was cut.
    const shownVerdict = preview ? preview.tag : result.verdict;
    const tag = shownVerdict
      ? h('span', { class: `tag ${shownVerdict}`, text: verdictWord(shownVerdict) })
      : h('span', { class: 'tag preview', text: t('chipPreview') });
    const grade = preview ? null : h('span', { class: 'grade', text: result.grade, title: t('gradeTitle', [result.grade]) });
    const clock = h('span', { class: 'clock' });
    const pop = h('div', { class: 'pop', hidden: true, role: 'dialog', 'aria-label': t(preview ? 'previewTitle' : 'reasonsTitle') });
    const chipEl = h('span', {
      class: compact ? 'chip compact' : 'chip',
      role: 'button',
      tabindex: '0',
      'aria-haspopup': 'dialog',
      'aria-expanded': 'false',
      title: preview ? t('previewTitle') : null,
    }, tag, grade, clock);
    const about = preview ? t('previewTitle') : t('gradeTitle', [result.grade]);
    const name = (clockWords) => `${t('extName')}: ${tag.textContent}, ${about}${clockWords ? `, ${clockWords}` : ''}`;
    chipEl.setAttribute('aria-label', name(''));
    if (result.rfq) chipEl.append(rfqBadge(result.rfq));
    let close = null;
    const toggle = (ev) => {
      keep(ev);
      if (!pop.hidden) return close?.();
      if (preview) fillPreviewPop(pop, preview, actions);
      else fillPop(pop, result, actions, () => close?.());
      chipEl.setAttribute('aria-expanded', 'true');
      close = showPop(pop, chipEl, el, () => chipEl.setAttribute('aria-expanded', 'false'));
    };
    chipEl.addEventListener('click', toggle);
    chipEl.addEventListener('keydown', (ev) => (ev.key === 'Enter' || ev.key === ' ') && toggle(ev));
    keepClicks(el);
    root.append(chipEl, pop);
    chipClock(clock, chipEl, result, { compact, name, timeNotRead });
    if (!compact) fitIntoGap(el);
    return el;
  }

  /** The row is often a link: clicks inside Xunpan must neither open it nor reach the page. */
  const keepClicks = (el) => el.addEventListener('click', keep);

  /**
   * A list chip's clock (to the minute; `compact`: the time alone), its words kept in the
   * chip's accessible name (`name(words)`); taken out when the result has no deadline,
   * or said to be missing when the page showed no time to start one from (`timeNotRead`).
   */
  function chipClock(clock, chipEl, result, { compact, name, timeNotRead }) {
    if (!result.deadline) {
      if (!timeNotRead) {
        clock.remove();
        return;
      }
      clock.className = 'clock quiet';
      clock.textContent = t('chipNoTime');
      clock.title = t('chipNoTimeTitle');
      chipEl.setAttribute('aria-label', name(t('chipNoTimeTitle')));
      return;
    }
    watchClock(clock, result.deadline, {
      followUp: result.followUp,
      resolution: 'minute',
      short: compact,
      onName: (words) => {
        const label = name(words);
        if (chipEl.getAttribute('aria-label') !== label) chipEl.setAttribute('aria-label', label);
      },
    });
  }

  /**
   * The chip of an item Xunpan could not read (`missing`: the parts, in the rep's
   * words): grey, "not read", no verdict and no clock — never a verdict from empty text.
   */
  function unreadChip(missing, { compact = false } = {}) {
    const { el, root } = host('span');
    const title = t('chipUnreadTitle', [missing]);
    const tag = h('span', { class: 'tag unread', text: t('chipUnread') });
    root.append(h('span', { class: compact ? 'chip compact' : 'chip', role: 'note', title, 'aria-label': `${t('extName')}: ${title}` }, tag));
    keepClicks(el);
    if (!compact) fitIntoGap(el);
    return el;
  }

  /**
   * The chip of a list row known by its thread alone (`result`: the worker's
   * `threadOnly` answer), with no verdict: the row shows our reply, not the buyer's
   * text (`ours`), or it is in conversation and does not say whose message it shows;
   * the clock the thread gives (the next follow-up), if any.
   */
  function threadChip(result, { compact = false, ours = true } = {}) {
    const { el, root } = host('span');
    const title = t(ours ? 'chipRepliedTitle' : 'chipConversationTitle');
    const tag = h('span', { class: 'tag replied', text: t(ours ? 'chipReplied' : 'chipConversation') });
    const clock = h('span', { class: 'clock' });
    const chipEl = h('span', { class: compact ? 'chip compact' : 'chip', role: 'note', title, 'aria-label': `${t('extName')}: ${title}` }, tag, clock);
    root.append(chipEl);
    keepClicks(el);
    chipClock(clock, chipEl, result, { compact, name: (words) => `${t('extName')}: ${title}${words ? `, ${words}` : ''}` });
    if (!compact) fitIntoGap(el);
    return el;
  }

  /**
   * How a buying request fits the rep: relevance to their keywords, quotes left and age,
   * green when it is worth spending a quote on. Without keywords relevance is not
   * judged, and the badge says so instead of calling it relevant.
   */
  function rfqBadge(fit) {
    const parts = fit.ranked ? [t('rfqFit', [String(Math.round(Number(fit.relevance) * 100))])] : [];
    if (fit.quotesLeft !== undefined) parts.push(t('rfqQuotesLeft', [String(fit.quotesLeft)]));
    const age = Number(fit.ageHours);
    if (fit.ageHours !== undefined && Number.isFinite(age)) {
      parts.push(age < 48 ? t('rfqAgeHours', [String(Math.max(0, Math.round(age)))]) : t('rfqAgeDays', [String(Math.floor(age / 24))]));
    }
    const kind = !fit.ranked ? 'unranked' : fit.worthQuoting ? 'worth' : 'skip';
    return h('span', { class: `fit ${kind}`, text: parts.join(' · '), title: rfqAdvice(fit) });
  }

  /** The advice on a buying request, true to what was judged. */
  function rfqAdvice(fit) {
    if (!fit.ranked) return t('rfqNoKeywords');
    return t(fit.worthQuoting ? 'rfqWorth' : 'rfqSkip');
  }

  /** The RFQ lines of the reasons pop-up: matched keywords and the advice. */
  function rfqLines(fit) {
    if (!fit) return [];
    const lines = [h('div', { text: `${rfqAdvice(fit)} · ${t(fit.fresh ? 'rfqFresh' : 'rfqStale')}` })];
    if (fit.ranked) lines.push(h('div', { class: 'muted', text: `${t('rfqMatched')}: ${fit.matched?.length ? fit.matched.join(', ') : t('rfqNoMatch')}` }));
    return lines;
  }

  function fillPop(pop, result, actions, close) {
    const lang = actions.lang;
    const teachAndClose = (spam) => async (ev) => {
      keep(ev);
      close();
      await teach(actions, spam);
    };
    const details = detailsToggle(result, lang);
    // A list row's answer holds the deciding reasons only: the rest is asked for now.
    if (result.partial && actions.fullAnswer) {
      actions.fullAnswer().then((full) => {
        if (typeof full?.verdict === 'string') details.more.replaceChildren(...allReasons(full, lang));
      }, () => {});
    }
    pop.replaceChildren(
      h('h4', { text: t('verdictLine', [verdictWord(result.verdict), t('priority_' + result.priority)]) }),
      ...rfqLines(result.rfq),
      h('ul', { class: 'why' }, ...leadReasons(result, lang).map((text) => h('li', { text }))),
      details.button,
      details.more,
      h('div', { class: 'muted', text: `${t('suggested')}: ${actions.templateName?.(result.template) ?? result.template}` }),
      h('div', { class: 'row', style: 'margin-top:6px' },
        h('button', { type: 'button', text: t('markSpam'), onclick: teachAndClose(true) }),
        h('button', { type: 'button', text: t('markNotSpam'), onclick: teachAndClose(false) })),
    );
  }

  /**
   * The pop-up of a chip read from a preview: the message was cut, so no reading of it
   * as a whole and no reply; the signs the part read proves, if any; the full message
   * is read when the rep opens it.
   */
  function fillPreviewPop(pop, preview, actions) {
    const lang = actions.lang;
    const parts = [h('h4', { text: t('previewTitle') }), h('p', { class: 'cut', text: t('previewBody') })];
    if (preview.signs.length) {
      parts.push(h('div', { class: 'muted', text: t('previewSigns') }),
        h('ul', { class: 'why' }, ...preview.signs.slice(0, 3).map((r) => h('li', { text: reasonText(r, lang) }))));
    }
    pop.replaceChildren(...parts);
  }

  // --- the verdict card (detail page, open chat) ----------------------------------------

  /**
   * The compact card: verdict, grade, priority and clock on one line; the reasons that
   * decided the tag on the next (every reason behind "Details"); the suggested template
   * with its alternatives and "Insert reply". `actions.insert(template, mode)` puts the
   * reply into the page's editor and resolves to `{ ok, lint, editor }` (or the lint
   * flags alone): the editor is brought into view and the card says it is done.
   */
  function card(result, actions) {
    // What the rep did on this item's card outlives the card: a fuller reading of the
    // item draws the card again, perhaps while an Insert is still waiting for the box.
    // The template chosen, the reply's language, an Insert under way or how it ended,
    // and the flags on the reply carry over; the newest card shows them.
    const kept = actions.kept ?? {};
    const { el, root } = host('div');
    el.setAttribute('data-block', '');
    const clock = h('span', { class: 'clock' });
    const flags = h('ul', { class: 'flags', hidden: true });
    const done = h('span', { class: 'done', role: 'status', 'aria-live': 'polite' });
    const select = h('select', { 'aria-label': t('templateChoice') });
    for (const id of [result.template, ...(result.alternatives ?? [])]) {
      select.append(h('option', { value: id, text: actions.templateName?.(id) ?? id }));
    }
    if (kept.template && [...select.options].some((o) => o.value === kept.template)) select.value = kept.template;
    // The reply's language: the buyer's where the template has it; one click to English.
    let language = kept.language ?? null; // null: the buyer's
    const languageLine = h('span', { class: 'reply-language', hidden: true });
    const showLanguage = async () => {
      const info = await actions.replyLanguage?.(select.value).catch(() => null);
      if (!info) return;
      const name = (code) => t('lang_' + code) || code;
      const inBuyers = info.language !== 'en';
      const buyerHas = info.languages.includes(info.buyer) && info.buyer !== 'en';
      const showing = language === 'en' ? 'en' : info.language;
      const label = h('span', { text: t('replyLanguage', [name(showing)]) });
      const parts = [label];
      if (inBuyers || (language === 'en' && buyerHas)) {
        parts.push(h('button', {
          type: 'button',
          class: 'link',
          text: language === 'en' ? t('replyInBuyers', [name(info.buyer)]) : t('replyInEnglish'),
          onclick: (ev) => {
            keep(ev);
            language = kept.language = language === 'en' ? null : 'en';
            showLanguage();
          },
        }));
      }
      languageLine.replaceChildren(...parts);
      languageLine.hidden = false;
    };
    select.addEventListener('change', () => {
      kept.template = select.value;
      showLanguage();
    });
    // The newest card of the item draws what is kept (an Insert pressed on an older one ends here).
    kept.show = () => {
      insert.disabled = replace.disabled = Boolean(kept.busy);
      done.textContent = kept.notice ? t(kept.notice) : '';
      done.classList.toggle('warn', kept.notice !== undefined && kept.notice !== 'insertedCheck');
      showFlags(flags, kept.lint, actions.lang);
    };
    const run = (mode) => async (e) => {
      keep(e);
      kept.busy = true;
      kept.notice = undefined;
      kept.show();
      try {
        const answer = await actions.insert?.(select.value, mode, language);
        const { ok, lint, editor } = Array.isArray(answer) || !answer ? { ok: answer !== undefined, lint: answer ?? [] } : answer;
        kept.lint = lint;
        // The box did not take the reply (or there is none): say so, and where the reply is.
        if (ok) kept.notice = 'insertedCheck';
        else if (answer && !Array.isArray(answer)) kept.notice = answer.copied ? 'insertNotTakenCopied' : 'insertNotTaken';
        // Drawn before the editor is scrolled to: the flags make the card taller.
        kept.busy = false;
        kept.show();
        if (ok) {
          // The draft must be seen before it is sent: bring the editor into view.
          (editor?.isConnected ? editor : null)?.scrollIntoView?.({ block: 'center', inline: 'nearest' });
          toast(t('insertedCheck'), null, 6000, editor);
        }
      } finally {
        if (kept.busy) {
          kept.busy = false;
          kept.show();
        }
      }
    };
    // Insert keeps what the rep typed (the text goes in at the cursor); replace swaps
    // the whole draft, and the editor's undo brings it back.
    const insert = h('button', { type: 'button', class: 'primary', text: t('insertReply'), onclick: run('insert') });
    const replace = h('button', { type: 'button', text: t('replaceDraft'), title: t('replaceDraftTitle'), onclick: run('replace') });
    const teachFrom = (spam) => async (ev) => {
      keep(ev);
      await teach(actions, spam);
    };
    const lead = leadReasons(result, actions.lang);
    // "Details" sits at the end of the reasons' line and opens every reason below it.
    const { button: moreButton, more } = detailsToggle(result, actions.lang);
    const box = h(
      'div',
      { class: 'card', role: 'region', 'aria-label': t('extName') },
      h('div', { class: 'head' },
        h('span', { class: `tag ${result.verdict}`, text: verdictWord(result.verdict) }),
        h('span', { class: 'grade', text: `${t('grade')} ${result.grade}`, title: t('gradeTitle', [result.grade]) }),
        h('span', { class: 'muted', text: `${t('priority')}: ${t('priority_' + result.priority)}` }),
        clock),
      h('div', { class: 'because' }, h('span', { class: 'text', text: lead.join(' · '), title: lead.join('\n') }), moreButton),
      h('div', { class: 'actions' },
        h('span', { class: 'tpl', text: t('suggested') }), select, languageLine, insert, replace, done,
        h('span', { class: 'sep' }),
        h('button', { type: 'button', text: t('markSpam'), onclick: teachFrom(true) }),
        h('button', { type: 'button', text: t('markNotSpam'), onclick: teachFrom(false) })),
      flags,
      more,
    );
    // Until the rep's name and company are set, the card's first line says so.
    if (actions.setupMissing) {
      box.querySelector('.head').append(h('span', { class: 'setup' },
        h('span', { text: t('setupMissing') + ' ' }),
        // A button of ours (the worker opens the page): the card carries no links.
        h('button', { type: 'button', class: 'link', text: t('setupLink'), onclick: (ev) => { keep(ev); actions.openSetup?.(); } })));
    }
    root.append(box);
    kept.show();
    showLanguage();
    if (result.deadline) watchClock(clock, result.deadline, { followUp: result.followUp });
    else if (actions.firstTimeNotRead) {
      // The first unanswered message was not read: no clock, and the card says why.
      clock.className = 'clock quiet';
      clock.textContent = t('cardNoFirstTime');
      clock.title = t('cardNoFirstTimeTitle');
    } else clock.remove();
    // Live lint of what the rep types lands here. The property lives in Xunpan's own
    // script world: the page cannot see or call it.
    cardFlags.set(el, (lint) => {
      kept.lint = lint;
      showFlags(flags, lint, actions.lang);
    });
    return el;
  }

  const cardFlags = new WeakMap();

  /** Shows lint flags on a card drawn by `card()`. */
  function setCardFlags(cardHost, lint) {
    cardFlags.get(cardHost)?.(lint);
  }

  function showFlags(list, lint, lang) {
    list.replaceChildren();
    for (const f of lint ?? []) list.append(h('li', { text: lang === 'zh' ? f.fixZh || f.fix : f.fix }));
    list.hidden = !list.childElementCount;
  }

  // --- the template picker (keyboard shortcut) -----------------------------------------------

  let pickerHost = null;

  /**
   * The rest of a key press (its keyup, and a keypress) must not reach the page once we
   * handled its keydown: a chat box that sends on Enter would send. Swallowed once, or
   * given up after a second.
   */
  function swallowRestOf(key) {
    return new Promise((resolve) => {
      const stop = (ev) => {
        if (ev.key !== key) return;
        keep(ev);
        if (ev.type === 'keyup') finish();
      };
      const finish = () => {
        removeEventListener('keyup', stop, true);
        removeEventListener('keypress', stop, true);
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(finish, 1000);
      addEventListener('keyup', stop, true);
      addEventListener('keypress', stop, true);
    });
  }

  /**
   * A list of templates near the focused editor, over the editor rather than over the
   * card above it: typing filters it, arrows move, the highlighted template is
   * previewed, Enter inserts, Escape closes. No key pressed here reaches the page.
   * `templates`: [{ id, label, body? }]; `choose(id)` does the insert.
   */
  function picker(templates, anchor, choose) {
    pickerHost?.el.remove();
    pickerHost = host('div');
    const filter = h('input', { type: 'text', 'aria-label': t('pickerFilter'), placeholder: t('pickerFilter'), autocomplete: 'off', spellcheck: 'false' });
    const list = h('ul', { class: 'options', role: 'listbox', 'aria-label': t('templateChoice') });
    const preview = h('pre', { class: 'preview', 'aria-live': 'polite' });
    let shown = templates;
    let index = 0;
    const draw = () => {
      const words = filter.value.toLowerCase().split(/\s+/).filter(Boolean);
      shown = templates.filter((tpl) => words.every((w) => `${tpl.label} ${tpl.id}`.toLowerCase().includes(w)));
      index = Math.min(index, Math.max(0, shown.length - 1));
      list.replaceChildren(...shown.map((tpl, n) => {
        const li = h('li', { role: 'option', id: `xunpan-tpl-${n}`, 'data-id': tpl.id, 'aria-selected': String(n === index), text: tpl.label });
        li.addEventListener('pointerdown', (ev) => keep(ev));
        li.addEventListener('click', (ev) => {
          keep(ev);
          index = n;
          done();
        });
        return li;
      }));
      if (!shown.length) list.append(h('li', { class: 'muted', text: t('pickerNone') }));
      filter.setAttribute('aria-activedescendant', shown.length ? `xunpan-tpl-${index}` : '');
      list.children[index]?.scrollIntoView?.({ block: 'nearest' });
      preview.textContent = shown[index]?.body ?? '';
      preview.hidden = !preview.textContent;
    };
    const close = (refocus = true) => {
      pickerHost?.el.remove();
      pickerHost = null;
      if (refocus) anchor?.focus?.();
    };
    const done = () => {
      const tpl = shown[index];
      if (!tpl) return;
      close(false);
      choose(tpl.id);
    };
    const box = h('div', { class: 'pop picker', role: 'dialog', 'aria-label': t('templateChoice') },
      h('h4', { text: t('templateChoice') }), filter, list, preview,
      h('div', { class: 'muted hint', text: t('pickerHint') }));
    box.addEventListener('keydown', (ev) => {
      // Every key typed here is ours: none may reach the page's editor or shortcuts.
      ev.stopPropagation();
      if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
        keep(ev);
        index = Math.max(0, Math.min(shown.length - 1, index + (ev.key === 'ArrowDown' ? 1 : -1)));
        draw();
      } else if (ev.key === 'Enter') {
        keep(ev);
        if (ev.repeat || !shown[index]) return;
        // The insert and the focus given back wait for the key to come up.
        swallowRestOf('Enter').then(done);
      } else if (ev.key === 'Escape') {
        keep(ev);
        swallowRestOf('Escape').then(() => close());
      }
    });
    box.addEventListener('keyup', (ev) => ev.stopPropagation());
    box.addEventListener('keypress', (ev) => ev.stopPropagation());
    filter.addEventListener('input', () => {
      index = 0;
      draw();
    });
    // Outside the picker is outside: a click there closes it.
    const onPointer = (ev) => {
      if (!pickerHost || ev.composedPath().includes(pickerHost.el)) return;
      document.removeEventListener('pointerdown', onPointer, true);
      close(false);
    };
    document.addEventListener('pointerdown', onPointer, true);
    box.style.marginTop = '0';
    pickerHost.root.append(box);
    document.documentElement.append(pickerHost.el);
    draw();
    // Over the editor's top, below the card and its warnings; above the editor when
    // the editor sits low in the window.
    const rect = anchor?.getBoundingClientRect?.() ?? { left: 20, top: 20, bottom: 20 };
    const height = box.offsetHeight;
    const top = rect.top + 4 + height <= innerHeight - 8 ? rect.top + 4 : Math.max(8, rect.top - height - 4);
    box.style.left = `${Math.max(8, Math.min(rect.left, innerWidth - box.offsetWidth - 8))}px`;
    box.style.top = `${Math.max(8, Math.min(top, innerHeight - height - 8))}px`;
    filter.focus();
  }

  // --- page status -----------------------------------------------------------------------

  let statusHost = null;
  // The note shown, and the one the rep closed (closed, it stays so on this page until
  // it says something else).
  let statusShown = null;
  let statusClosed = null;

  /**
   * A small fixed note when the page could not be read fully (null hides it). It sits in
   * a corner where pages also put their send buttons, so the rep can close it (×, or
   * Escape in it); a different note shows again.
   */
  function status(text) {
    if (!text || text === statusClosed) {
      statusHost?.el.remove();
      statusHost = null;
      statusShown = null;
      return;
    }
    if (!document.documentElement) {
      // Too early (the page has not begun): say it once the page is there.
      document.addEventListener('DOMContentLoaded', () => status(text), { once: true });
      return;
    }
    if (!statusHost) {
      statusHost = host('div');
      const close = (ev) => {
        keep(ev);
        statusClosed = statusShown;
        status(null);
      };
      const note = h('div', { class: 'status', role: 'status' },
        h('span'),
        h('button', { type: 'button', text: '×', 'aria-label': t('close'), onclick: close }));
      note.addEventListener('keydown', (ev) => {
        if (ev.key === 'Escape') close(ev);
      });
      statusHost.root.append(note);
      document.documentElement.append(statusHost.el);
    }
    statusHost.root.querySelector('.status span').textContent = text;
    statusShown = text;
  }

  /**
   * Readies what the first chips need, in a moment the page does not use: the shared
   * style sheet (parsed once, milliseconds) and a shadow root's first making; with
   * `texts` (once the language is known), a chip and its clock drawn off the page, so
   * their code is compiled and their words looked up. Otherwise the first answer drawn
   * after the page's frame would pay for all of it while the rep waits.
   */
  function prewarm({ texts = false } = {}) {
    try {
      styleSheet();
      if (!texts) {
        host('span');
        return;
      }
      const now = Date.now();
      const deadline = {
        companyDue: new Date(now + 8 * Clock.MINUTE).toISOString(),
        platformDue: new Date(now + 24 * Clock.HOUR).toISOString(),
        status: 'on_track',
        dueSoonMinutes: 5,
      };
      for (const verdict of Object.keys(VERDICT_KEYS)) chip({ verdict, grade: 'B' }, {}, { compact: true });
      for (const grade of ['A', 'C', 'D']) t('gradeTitle', [grade]);
      const clock = h('span', { class: 'clock' });
      paint(clock, { deadline, resolution: 'minute' }, now);
      paint(clock, { deadline: { ...deadline, status: 'overdue', companyDue: new Date(now - 8 * Clock.MINUTE).toISOString() }, resolution: 'minute' }, now);
    } catch {
      // only a head start: the first chip does the same
    }
  }

  globalThis.XunpanOverlay = Object.freeze({
    useLanguage,
    prewarm,
    chip,
    unreadChip,
    threadChip,
    card,
    setCardFlags,
    picker,
    status,
    toast,
    leadReasons,
    t,
  });
})();
