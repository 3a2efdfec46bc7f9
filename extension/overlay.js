// Xunpan's overlay: the tags, clocks and verdict cards drawn on the seller pages.
//
// Everything is drawn inside closed shadow roots, so the page's CSS cannot break it
// and the page's scripts cannot read or change it. Buyer-controlled text only ever
// goes in through `textContent` — never as markup, never as a followed link.
// One ticker per page updates the clocks on screen once a second (none while hidden).
// The open item's card counts in seconds; the chips of a list count in whole minutes,
// all turning over together on the minute, so a list of hundreds of rows is redrawn
// once a minute rather than every second (each redraw of a big seller page costs its
// main thread several milliseconds, whatever changed).
(() => {
  'use strict';

  const api = globalThis.browser ?? globalThis.chrome;
  const MINUTE = 60_000;
  const HOUR = 60 * MINUTE;

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

  const CSS = `
    :host { all: initial; display: inline-flex; vertical-align: middle; margin: 0 4px; }
    :host([data-block]) { display: block; margin: 8px 0; }
    * { box-sizing: border-box; font-family: -apple-system, "Segoe UI", "PingFang SC", "Microsoft YaHei", sans-serif; }
    .chip { display: inline-flex; flex-wrap: wrap; align-items: center; gap: 2px 4px; font-size: 12px; line-height: 18px;
      border-radius: 9px; padding: 0 2px 0 0; background: #fff; border: 1px solid #d0d5dd; cursor: pointer;
      max-width: 100%; color: #1d2939; }
    .chip .clock { white-space: nowrap; font-variant-numeric: tabular-nums; }
    .chip.compact { flex-wrap: nowrap; white-space: nowrap; }
    .chip.compact .tag { padding: 0 5px; }
    .chip.compact .clock { padding: 0 5px; }
    .tag { border-radius: 9px 0 0 9px; padding: 0 7px; font-weight: 600; color: #fff; }
    .tag.spam { background: #b42318; } .tag.suspicious { background: #b54708; } .tag.genuine { background: #067647; }
    .grade { font-weight: 600; padding: 0 2px; }
    .clock { font-variant-numeric: tabular-nums; padding: 0 6px; border-radius: 8px; }
    .clock.on_track { color: #067647; } .clock.due_soon { color: #fff; background: #dc6803; }
    .clock.overdue { color: #fff; background: #b42318; } .clock.met { color: #667085; }
    .pop { position: absolute; z-index: 2147483000; margin-top: 22px; width: 340px; max-width: 90vw; background: #fff;
      border: 1px solid #d0d5dd; border-radius: 8px; box-shadow: 0 8px 24px rgba(16,24,40,.18); padding: 10px 12px;
      white-space: normal; font-size: 12px; color: #1d2939; cursor: default; }
    .pop[hidden] { display: none; }
    .pop h4 { margin: 0 0 6px; font-size: 13px; }
    .reasons { margin: 0 0 8px; padding: 0; list-style: none; max-height: 220px; overflow: auto; }
    .reasons li { display: flex; gap: 6px; padding: 2px 0; border-bottom: 1px dashed #eaecf0; }
    .reasons .w { font-variant-numeric: tabular-nums; min-width: 34px; text-align: right; color: #b42318; }
    .reasons .w.neg { color: #067647; }
    .reasons code { font-size: 10px; color: #667085; }
    .row { display: flex; gap: 6px; flex-wrap: wrap; align-items: center; }
    button { font: inherit; font-size: 12px; border-radius: 6px; border: 1px solid #d0d5dd; background: #fff;
      padding: 2px 8px; cursor: pointer; color: #1d2939; }
    button.primary { background: #e85d04; border-color: #e85d04; color: #fff; }
    button:focus-visible { outline: 2px solid #2e90fa; outline-offset: 1px; }
    .card { border: 1px solid #d0d5dd; border-radius: 10px; background: #fff; padding: 10px 12px; font-size: 13px;
      color: #1d2939; box-shadow: 0 1px 2px rgba(16,24,40,.06); max-width: 760px; }
    .card .head { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; margin-bottom: 6px; }
    .card .big { font-size: 15px; }
    .card .tpl { color: #475467; }
    .flags { margin: 6px 0 0; padding-left: 16px; color: #b54708; }
    .status { position: fixed; right: 12px; bottom: 12px; z-index: 2147483000; background: #fffaeb; color: #93370d;
      border: 1px solid #fec84b; border-radius: 8px; padding: 6px 10px; font-size: 12px; max-width: 360px; }
    .muted { color: #667085; }
    .fit { padding: 0 6px; border-radius: 8px; white-space: nowrap; font-variant-numeric: tabular-nums; }
    .fit.worth { color: #067647; background: #ecfdf3; } .fit.skip { color: #667085; background: #f2f4f7; }
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

  // --- clocks ------------------------------------------------------------------------

  const pad = (n) => String(n).padStart(2, '0');

  /**
   * `mm:ss` under an hour, `h:mm h` beyond (always `h:mm h` in whole minutes); a `+`
   * once overdue (it counts up).
   */
  function formatSpan(ms, wholeMinutes = false) {
    const abs = Math.abs(ms);
    const sign = ms < 0 ? '+' : '';
    if (abs < HOUR && !wholeMinutes) {
      const s = Math.floor(abs / 1000);
      return `${sign}${pad(Math.floor(s / 60))}:${pad(s % 60)}`;
    }
    const m = Math.floor(abs / MINUTE);
    return `${sign}${Math.floor(m / 60)}:${pad(m % 60)} h`;
  }

  /** A deadline's times in ms, parsed once per deadline object (the clocks tick every second). */
  const parsedDues = new WeakMap();
  function dueTimes(deadline) {
    let times = parsedDues.get(deadline);
    if (!times) {
      const at = (iso) => (iso ? Date.parse(iso) : null);
      times = { company: at(deadline.companyDue), platform: at(deadline.platformDue), follow: at(deadline.due) };
      parsedDues.set(deadline, times);
    }
    return times;
  }

  /**
   * The state and text of a deadline at `now` (ms). `resolution` 'minute' counts from
   * the start of the current minute, so every such clock on a page changes at the same
   * moment; the state (on track, due soon, overdue) always follows the exact time.
   * `short`: for rows one line high, the text is only the time to the nearer deadline
   * (its colour tells the state) and the title carries the whole text.
   */
  function clockView(deadline, now, dueSoonMs, replied, followUp, resolution = 'second', short = false) {
    const view = fullClockView(deadline, now, dueSoonMs, replied, followUp, resolution);
    if (!view || !short) return view;
    return { state: view.state, text: view.short, title: view.text };
  }

  function fullClockView(deadline, now, dueSoonMs, replied, followUp, resolution) {
    if (!deadline) return null;
    const wholeMinutes = resolution === 'minute';
    const shownAt = wholeMinutes ? Math.floor(now / MINUTE) * MINUTE : now;
    // Time left (negative: overdue) as shown; a passed deadline never shows as left.
    const span = (due) => formatSpan(now > due ? Math.min(due - shownAt, -1) : due - shownAt, wholeMinutes);
    const { company, platform } = dueTimes(deadline);
    if (replied || deadline.status === 'met') {
      // Our reply is the last word: the next clock is the follow-up's.
      const due = followUp?.due ? dueTimes(followUp).follow : null;
      if (due === null) return { state: 'met', text: t('clockMet'), title: t('clockMetTitle'), short: t('clockMet') };
      const state = now >= due ? 'due_soon' : 'on_track';
      const label = t(now >= due ? 'followUpNow' : 'followUpIn');
      return { state, text: `${label} ${span(due)}`, title: label, short: `↻ ${span(due)}` };
    }
    const dues = [company, platform].filter((d) => d !== null);
    const next = Math.min(...dues);
    const state = now > next ? 'overdue' : now + dueSoonMs >= next ? 'due_soon' : 'on_track';
    const parts = [];
    if (company !== null) parts.push(`${t('clockCompany')} ${span(company)}`);
    if (platform !== null && platform !== company) parts.push(`${t('clockPlatform')} ${span(platform)}`);
    const label = t(`clockState_${state}`);
    return { state, text: `${label} · ${parts.join(' · ')}`, title: label, short: span(next) };
  }

  /** One ticker for the whole page; each clock registers its element and deadline. */
  const clocks = new Map(); // element → { deadline, replied }
  let ticker = null;
  let dueSoonMs = 5 * MINUTE;

  // Only clocks on screen are redrawn every second (a 500-row inbox shows about 15);
  // one scrolled into view is brought up to date as it appears.
  const onScreen = new Set();
  const visibility = typeof IntersectionObserver === 'function'
    ? new IntersectionObserver((entries) => {
      const now = Date.now();
      for (const e of entries) {
        if (e.isIntersecting) {
          onScreen.add(e.target);
          const c = clocks.get(e.target);
          if (c) refresh(e.target, c, now);
        } else {
          onScreen.delete(e.target);
        }
      }
    })
    : null;

  function tick() {
    if (document.hidden) return;
    const now = Date.now();
    for (const [el, c] of clocks) {
      if (!el.isConnected || !visibility || onScreen.has(el)) refresh(el, c, now);
    }
  }

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
    const lead = Number.isFinite(c.deadline?.dueSoonMinutes) ? c.deadline.dueSoonMinutes * MINUTE : dueSoonMs;
    const v = clockView(c.deadline, now, lead, c.replied, c.followUp, c.resolution, c.short);
    if (!v) return;
    if (el.textContent !== v.text) el.textContent = v.text;
    const cls = `clock ${v.state}`;
    if (el.className !== cls) el.className = cls;
    if (el.title !== v.title) el.title = v.title;
  }

  /**
   * Registers a clock with the page's one ticker and shows its time at once
   * (`resolution`: 'second' or 'minute'; `short`: the one-line form; see clockView).
   */
  function watchClock(el, deadline, replied, followUp = null, resolution = 'second', short = false) {
    const c = { deadline, replied, followUp, resolution, short, born: Date.now(), placed: false };
    clocks.set(el, c);
    paint(el, c, Date.now());
    visibility?.observe(el);
    if (!ticker) ticker = setInterval(tick, 1000);
  }

  // --- the row chip ------------------------------------------------------------------

  const VERDICT_KEYS = { spam: 'verdictSpam', suspicious: 'verdictSuspicious', genuine: 'verdictGenuine' };

  function reasonList(result, lang) {
    const list = h('ul', { class: 'reasons' });
    for (const r of result.reasons ?? []) {
      const w = Number(r.weight) || 0;
      list.append(
        h(
          'li',
          {},
          h('span', { class: `w${w < 0 ? ' neg' : ''}`, text: (w > 0 ? '+' : '') + w.toFixed(1) }),
          h('span', {}, h('span', { text: lang === 'zh' ? r.detailZh || r.detail : r.detail }), h('br'), h('code', { text: r.code })),
        ),
      );
    }
    if (!list.childElementCount) list.append(h('li', { class: 'muted', text: t('noReasons') }));
    return list;
  }

  /**
   * A chip for a list row or chat contact: tag, grade and clock; a click opens the
   * reasons with "spam" / "not spam" buttons. `actions.feedback(spam)` trains the filter.
   * `compact`: for a line that cannot grow (a chat contact's name line), the chip stays
   * on one line and its clock shows only the time left (the whole clock in its title).
   */
  function chip(result, actions, { compact = false } = {}) {
    const { el, root } = host('span');
    const tag = h('span', { class: `tag ${result.verdict}`, text: t(VERDICT_KEYS[result.verdict] ?? 'verdictGenuine') });
    const grade = h('span', { class: 'grade', text: result.grade, title: t('gradeTitle', [result.grade]) });
    const clock = h('span', { class: 'clock' });
    const pop = h('div', { class: 'pop', hidden: true, role: 'dialog' });
    const chipEl = h('span', {
      class: compact ? 'chip compact' : 'chip',
      role: 'button',
      tabindex: '0',
      'aria-label': `${t('extName')}: ${tag.textContent}, ${t('gradeTitle', [result.grade])}`,
      'aria-expanded': 'false',
    }, tag, grade, clock);
    if (result.rfq) chipEl.append(rfqBadge(result.rfq));
    const toggle = (ev) => {
      ev.preventDefault();
      ev.stopPropagation();
      if (pop.hidden) fillPop(pop, result, actions);
      pop.hidden = !pop.hidden;
      chipEl.setAttribute('aria-expanded', String(!pop.hidden));
    };
    chipEl.addEventListener('click', toggle);
    chipEl.addEventListener('keydown', (ev) => (ev.key === 'Enter' || ev.key === ' ') && toggle(ev));
    // The row is often a link: clicks inside Xunpan must neither open it nor reach the page.
    el.addEventListener('click', (ev) => {
      ev.stopPropagation();
      ev.preventDefault();
    });
    root.append(chipEl, pop);
    if (result.deadline) watchClock(clock, result.deadline, false, result.followUp, 'minute', compact);
    else clock.remove();
    return el;
  }

  /**
   * How a buying request fits the rep: relevance to their keywords, quotes left and age,
   * green when it is worth spending a quote on.
   */
  function rfqBadge(fit) {
    const parts = fit.ranked ? [t('rfqFit', [String(Math.round(Number(fit.relevance) * 100))])] : [];
    if (fit.quotesLeft !== undefined) parts.push(t('rfqQuotesLeft', [String(fit.quotesLeft)]));
    const age = Number(fit.ageHours);
    if (fit.ageHours !== undefined && Number.isFinite(age)) {
      parts.push(age < 48 ? t('rfqAgeHours', [String(Math.max(0, Math.round(age)))]) : t('rfqAgeDays', [String(Math.floor(age / 24))]));
    }
    return h('span', {
      class: `fit ${fit.worthQuoting ? 'worth' : 'skip'}`,
      text: parts.join(' · '),
      title: t(fit.worthQuoting ? 'rfqWorth' : 'rfqSkip'),
    });
  }

  /** The RFQ lines of the reasons pop-up: matched keywords and the advice. */
  function rfqLines(fit) {
    if (!fit) return [];
    const matched = fit.matched?.length ? fit.matched.join(', ') : t(fit.ranked ? 'rfqNoMatch' : 'rfqNoKeywords');
    return [
      h('div', { class: 'muted', text: `${t('rfqMatched')}: ${matched}` }),
      h('div', { class: 'muted', text: `${t(fit.worthQuoting ? 'rfqWorth' : 'rfqSkip')} · ${t(fit.fresh ? 'rfqFresh' : 'rfqStale')}` }),
    ];
  }

  function fillPop(pop, result, actions) {
    pop.replaceChildren(
      h('h4', { text: `${t(VERDICT_KEYS[result.verdict])} · ${t('score')} ${Number(result.score).toFixed(1)} · ${t('priority_' + result.priority)}` }),
      ...rfqLines(result.rfq),
      reasonList(result, actions.lang),
      h('div', { class: 'muted', text: `${t('suggested')}: ${actions.templateName?.(result.template) ?? result.template}` }),
      h(
        'div',
        { class: 'row' },
        h('button', { text: t('markSpam'), onclick: (e) => (e.stopPropagation(), actions.feedback?.(true)) }),
        h('button', { text: t('markNotSpam'), onclick: (e) => (e.stopPropagation(), actions.feedback?.(false)) }),
      ),
    );
  }

  // --- the verdict card (detail page, open chat) ----------------------------------------

  /**
   * The larger card: verdict, grade, priority, both clocks, all reasons, the suggested
   * template with two alternatives and an "Insert reply" button.
   */
  function card(result, actions) {
    const { el, root } = host('div');
    el.setAttribute('data-block', '');
    const clock = h('span', { class: 'clock big' });
    const flags = h('ul', { class: 'flags', hidden: true });
    const select = h('select', { 'aria-label': t('templateChoice') });
    for (const id of [result.template, ...(result.alternatives ?? [])]) {
      select.append(h('option', { value: id, text: actions.templateName?.(id) ?? id }));
    }
    const run = (mode) => async (e) => {
      e.stopPropagation();
      insert.disabled = replace.disabled = true;
      try {
        const lint = await actions.insert?.(select.value, mode);
        showFlags(flags, lint, actions.lang);
      } finally {
        insert.disabled = replace.disabled = false;
      }
    };
    // Insert keeps what the rep typed (the text goes in at the cursor); replace swaps
    // the whole draft, and the editor's undo brings it back.
    const insert = h('button', { class: 'primary', text: t('insertReply'), onclick: run('insert') });
    const replace = h('button', { text: t('replaceDraft'), title: t('replaceDraftTitle'), onclick: run('replace') });
    const box = h(
      'div',
      { class: 'card', role: 'region', 'aria-label': t('extName') },
      h(
        'div',
        { class: 'head' },
        h('span', { class: `tag ${result.verdict} big`, text: t(VERDICT_KEYS[result.verdict]) }),
        h('span', { class: 'grade big', text: `${t('grade')} ${result.grade}` }),
        h('span', { class: 'muted', text: `${t('priority')}: ${t('priority_' + result.priority)}` }),
        clock,
      ),
      reasonList(result, actions.lang),
      h('div', { class: 'row' }, h('span', { class: 'tpl', text: t('suggested') }), select, insert, replace,
        h('button', { text: t('markSpam'), onclick: (e) => (e.stopPropagation(), actions.feedback?.(true)) }),
        h('button', { text: t('markNotSpam'), onclick: (e) => (e.stopPropagation(), actions.feedback?.(false)) })),
      flags,
    );
    root.append(box);
    if (result.deadline) watchClock(clock, result.deadline, false, result.followUp);
    else clock.remove();
    // Live lint of what the rep types lands here. The property lives in Xunpan's own
    // script world: the page cannot see or call it.
    cardFlags.set(el, (lint) => showFlags(flags, lint, actions.lang));
    return el;
  }

  const cardFlags = new WeakMap();

  /** Shows lint flags on a card drawn by `card()`. */
  function setCardFlags(cardHost, lint) {
    cardFlags.get(cardHost)?.(lint);
  }

  // --- the template picker (keyboard shortcut) -----------------------------------------------

  let pickerHost = null;

  /**
   * A small list of templates near the focused editor: arrows move, Enter inserts,
   * Escape closes. `choose(id)` does the insert.
   */
  function picker(templates, anchor, choose) {
    pickerHost?.el.remove();
    pickerHost = host('div');
    const list = h('ul', { class: 'reasons', role: 'listbox', 'aria-label': t('templateChoice') });
    let index = 0;
    const items = templates.map((tpl, n) => {
      const li = h('li', { role: 'option', tabindex: '-1', 'data-id': tpl.id }, h('span', { text: tpl.label }));
      li.addEventListener('click', () => done(n));
      list.append(li);
      return li;
    });
    const focus = () => items.forEach((li, n) => {
      li.setAttribute('aria-selected', String(n === index));
      li.style.background = n === index ? '#fff4eb' : '';
      if (n === index) li.focus();
    });
    const close = () => {
      pickerHost?.el.remove();
      pickerHost = null;
      anchor?.focus?.();
    };
    const done = (n) => {
      close();
      choose(templates[n].id);
    };
    const box = h('div', { class: 'pop', role: 'dialog', 'aria-label': t('templateChoice') }, h('h4', { text: t('templateChoice') }), list);
    box.style.position = 'fixed';
    const rect = anchor?.getBoundingClientRect?.() ?? { left: 20, top: 20 };
    box.style.left = `${Math.max(8, Math.min(rect.left, innerWidth - 360))}px`;
    box.style.top = `${Math.max(8, Math.min(rect.top - 10, innerHeight - 300))}px`;
    box.style.marginTop = '0';
    box.addEventListener('keydown', (ev) => {
      ev.stopPropagation();
      if (ev.key === 'ArrowDown') index = Math.min(items.length - 1, index + 1);
      else if (ev.key === 'ArrowUp') index = Math.max(0, index - 1);
      else if (ev.key === 'Enter') return done(index);
      else if (ev.key === 'Escape') return close();
      else return;
      ev.preventDefault();
      focus();
    });
    pickerHost.root.append(box);
    document.documentElement.append(pickerHost.el);
    focus();
  }

  function showFlags(list, lint, lang) {
    list.replaceChildren();
    for (const f of lint ?? []) list.append(h('li', { text: lang === 'zh' ? f.fixZh || f.fix : f.fix }));
    list.hidden = !list.childElementCount;
  }

  // --- page status -----------------------------------------------------------------------

  let statusHost = null;

  /** A small fixed note when the page could not be read fully (null hides it). */
  function status(text) {
    if (!text) {
      statusHost?.el.remove();
      statusHost = null;
      return;
    }
    if (!document.documentElement) {
      // Too early (the page has not begun): say it once the page is there.
      document.addEventListener('DOMContentLoaded', () => status(text), { once: true });
      return;
    }
    if (!statusHost) {
      statusHost = host('div');
      statusHost.root.append(h('div', { class: 'status', role: 'status' }));
      document.documentElement.append(statusHost.el);
    }
    statusHost.root.querySelector('.status').textContent = text;
  }

  globalThis.XunpanOverlay = Object.freeze({
    useLanguage,
    chip,
    card,
    setCardFlags,
    picker,
    status,
    formatSpan,
    clockView,
    setDueSoon(ms) {
      dueSoonMs = ms;
    },
    t,
  });
})();
