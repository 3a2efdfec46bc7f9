// The inquiry list over a rep's hour (shapes spa and refill, server.js names the
// evidence): one script, one page that is never loaded again.
//   spa     the list and the detail as one hash-routed app: a row opens its inquiry in
//           place (history.pushState to the row's `url`), the detail's "next" button
//           changes the hash alone, Back brings the list back, fetched and drawn anew;
//   drawer  the same, the detail opened in a drawer over the list, which stays drawn;
//   refill  the list redrawn in place by its folders, pages, search box and a refresh:
//           a pool of row elements reused by position, their text nodes and attributes
//           updated as a framework updates them, an empty folder, a page that fails.
(() => {
  'use strict';
  const demo = window.__demo;
  const t = demo.labels;
  const { el, pad } = window.__demoKit;
  const app = document.getElementById('l11-app');
  const known = new Map(); // tradeId → the last row the page was given for it
  const day = (ms) => {
    const d = new Date(ms);
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  };
  const stamp = (ms) => {
    const d = new Date(ms);
    return `${day(ms)} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  };

  // --- the page's requests (its own boot query, not the address bar's) ---------------
  function request(method, url, body) {
    return new Promise((resolve) => {
      const xhr = new XMLHttpRequest();
      xhr.open(method, url);
      if (body) xhr.setRequestHeader('content-type', 'application/x-www-form-urlencoded');
      xhr.onload = () => {
        try {
          resolve(JSON.parse(xhr.responseText));
        } catch {
          resolve(null);
        }
      };
      xhr.onerror = () => resolve(null);
      xhr.send(body ?? null);
    });
  }
  function subjectList(params) {
    const all = { system: 'feedback', pageSize: demo.pageSize, pagination: { nextPage: 1, pageSize: demo.pageSize }, ...params };
    all.pagination = { ...all.pagination, pageSize: demo.pageSize };
    return request('POST', `/message/ajax/feedback/subjectList.htm?${demo.q}`,
      `_csrf_token_=demo&postId=${Date.now()}&params=${encodeURIComponent(JSON.stringify(all))}`);
  }

  // --- a row of the aui2 grid, updated in place as a framework updates it ------------
  /** Sets a node's text as React does: the one text node's value when there is one. */
  function text(node, value) {
    const v = String(value ?? '');
    if (node.firstChild && node.firstChild === node.lastChild && node.firstChild.nodeType === 3) {
      if (node.firstChild.nodeValue !== v) node.firstChild.nodeValue = v;
    } else node.textContent = v;
  }
  function attr(node, name, value) {
    if (node.getAttribute(name) !== value) node.setAttribute(name, value);
  }
  function makeRow() {
    const wrap = el('div', 'aui2-grid-wraper');
    const a = el('a', 'inquiry-item');
    const head = el('div', 'aui2-grid-header');
    const no = el('span', 'spec-inquiry-id');
    const dates = el('span', 'dates');
    head.append(no, dates);
    const body = el('div', 'aui2-grid-body');
    const who = el('div', 'who');
    const name = el('span', 'aui2-grid-name u-text-center');
    const flag = el('span', 'ui2-flag');
    const level = el('span', 'level-tag-icon');
    who.append(name, flag, level);
    const what = el('div', 'what');
    const product = el('div', 'buyer-product-name-content');
    const msg = el('div', 'buyer-chat-msg');
    what.append(product, msg);
    const status = el('span', 'aui2-grid-quo-status-col');
    const view = el('span', 'actions-view-detail', t.detail);
    body.append(who, what, status, view);
    a.append(head, body);
    wrap.append(a);
    const fill = (r) => {
      known.set(r.tradeId, r);
      attr(a, 'data-trade-id', r.tradeId);
      attr(a, 'href', r.url);
      a.classList.toggle('unread', Boolean(r.hasUnread));
      text(no, `${t.no}${r.requestNo}`);
      text(dates, `${t.update}${day(r.modifiedTime)} ${t.create}${day(r.createTime)}`);
      text(name, r.sender.name);
      attr(name, 'title', r.sender.name);
      text(flag, r.sender.countryCode);
      attr(flag, 'class', `ui2-flag ui2-flag-${r.sender.countryCode.toLowerCase()}`);
      attr(flag, 'title', r.sender.countryName);
      text(level, r.sender.userNewLevel ?? '');
      text(product, r.productInfo[0]?.productName ?? r.subject);
      text(msg, r.latestMessage.content);
      text(status, r.replyStatus ? '洽谈中' : '新询盘');
    };
    return { wrap, a, fill };
  }

  function pager(count, current, onPage) {
    const pages = el('div', 'ui2-pagination-pages');
    for (let n = 1; n <= count && count > 1; n++) {
      const a = el('a', n === current ? 'current' : '', String(n));
      a.setAttribute('data-page', String(n));
      a.href = '#';
      a.addEventListener('click', (e) => {
        e.preventDefault();
        onPage(n);
      });
      pages.append(a);
    }
    return pages;
  }

  // --- spa: the list and the detail in one page ----------------------------------------
  function spa(drawer) {
    let route = 0; // bumped by every navigation: an answer for an older route is dropped
    let editor = null;

    function tinymceStub() {
      window.tinymce = {
        get: (id) => (id === 'normal-im-send' && editor ? editor : null),
        activeEditor: null,
        remove() {
          editor?.destroy();
          editor = null;
          this.activeEditor = null;
        },
      };
    }

    let listDrawn = false;
    const pane = el('aside', 'l11-drawer');
    async function showList(under = false) {
      const mine = under ? null : ++route;
      if (!under) window.tinymce.remove();
      // The drawer closes over the list it was opened from, which stays as it was.
      if (drawer && listDrawn) {
        pane.remove();
        window.__l11Shown = { ...window.__l11Shown, view: 'list' };
        return;
      }
      listDrawn = true;
      const main = el('main', 'content');
      main.append(el('h2', 'reply-info-title', t.inbox));
      const body = el('div', 'ui2-list-body');
      const root = el('div', 'main-content');
      root.append(body);
      main.append(root);
      const layout = el('div', 'layout');
      const nav = el('nav', 'side');
      nav.append(el('a', 'active', t.inbox));
      layout.append(nav, main);
      app.replaceChildren(layout);
      // The first view comes with the page; every later one is asked for again.
      let rows;
      if (window.feedbackListResponse && !demo.listShown) rows = window.feedbackListResponse.list;
      else rows = ((await subjectList({ listType: 'all' }))?.data?.list ?? []).map((e) => e[0]);
      if (mine !== null && mine !== route) return;
      demo.listShown = true;
      for (const r of rows) {
        const row = makeRow();
        row.fill(r);
        row.a.addEventListener('click', (e) => {
          e.preventDefault();
          history.pushState(null, '', r.url);
          show();
        });
        body.append(row.wrap);
      }
      window.__l11Shown = under ? { ...window.__l11Shown, ids: rows.map((r) => r.tradeId) } : { view: 'list', ids: rows.map((r) => r.tradeId) };
    }

    function field(label, value) {
      const item = el('div', 'base-information-form-item');
      item.append(el('div', 'base-information-form-item-label', label), el('div', 'base-information-form-item-content', value));
      return item;
    }

    async function showDetail(id) {
      const mine = ++route;
      window.tinymce.remove();
      const r = known.get(id);
      const layout = el('div', drawer ? 'l11-pane detail' : 'layout detail');
      const main = el('main', 'content');
      const title = el('h2', 'detail-title', `${t.no}${id}${r ? ` · ${r.subject}` : ''}`);
      const ids = window.__l11Shown?.ids ?? [];
      const next = ids[ids.indexOf(id) + 1];
      const back = el('a', 'l11-back', drawer ? '× 关闭' : `‹ ${t.inbox}`);
      back.href = '#feedback/all';
      back.addEventListener('click', (e) => {
        e.preventDefault();
        history.back();
      });
      const bar = el('div', 'l11-bar');
      bar.append(back);
      if (next && known.get(next)) {
        const n = known.get(next);
        const a = el('a', 'l11-next', '下一条 ›');
        // The hash alone changes: the address keeps the imInquiryId it was opened with.
        a.href = `#feedback/detail/all/${n.tradeId}/${n.feedbackId}/${n.secTradeId}/`;
        bar.append(a);
      }
      const messages = el('div', 'common-load-more');
      messages.id = 'messages';
      const reply = el('div', 'reply-wrapper');
      const menu = el('div', 'send-header-menu');
      menu.append(el('span', '', t.quote), el('span', '', '☺'));
      const mock = el('div', 'mock-reply');
      mock.append(el('div', 'holder', t.holder));
      const slot = el('div');
      slot.id = 'editor-slot';
      const footer = el('div', 'reply-footer');
      const counter = el('span', '', `${t.draft}: 0 ${t.chars}`);
      counter.id = 'draft-counter';
      const send = el('div', 'send', t.send);
      send.id = 'send-button';
      send.setAttribute('role', 'button');
      send.addEventListener('click', () => {
        window.__demoSent = editor ? editor.getContent() : '';
      });
      footer.append(counter, send);
      reply.append(menu, mock, slot, footer);
      main.append(bar, title, messages, reply);
      const aside = el('aside', 'crm');
      const tabs = el('ul', 'tabs');
      const tab = el('li', 'active', 'CRM');
      tab.setAttribute('data-key', 'crm');
      tabs.append(tab);
      const card = el('div', 'alicrm-customer-detail-card');
      aside.append(tabs, card);
      layout.append(main, aside);
      if (drawer) {
        if (!listDrawn) showList(true);
        pane.replaceChildren(layout);
        if (!pane.isConnected) app.append(pane);
      } else app.replaceChildren(layout);
      mock.addEventListener('click', () => {
        if (!editor) editor = createEditor(slot, counter, mock);
        window.tinymce.activeEditor = editor;
      });

      // The conversation and the buyer's profile, asked for each inquiry opened.
      const ops = await request('GET', `/message/getOpMessages.htm?tradeId=${id}&${demo.q}`);
      if (mine !== route) return;
      for (const m of [...(ops?.data?.list ?? [])].reverse()) {
        const ours = m.messageType === 'send';
        const w = el('div', `message-item-wrapper ${ours ? 'item-right' : 'item-left'}`);
        w.setAttribute('data-expinfo', JSON.stringify({ messageId: m.messageId, sendTime: m.sendTime, messageType: ours ? 1 : 50 }));
        const info = el('div', 'item-base-info');
        info.append(el('span', 'name', ours ? t.msgMe : m.contact?.name ?? ''), el('span', '', stamp(m.sendTime)));
        const content = el('div', ours ? 'session-rich-content text' : 'item-content-left');
        if (ours) content.textContent = m.content;
        else content.append(el('div', 'description-container session-rich-content text', m.content));
        w.append(info, content);
        messages.append(w);
      }
      const callback = `jsonp_${route}_${Date.now().toString(36)}`;
      window[callback] = (answer) => {
        delete window[callback];
        if (mine !== route) return;
        const b = answer?.data?.data?.buyerInfo;
        if (!b) return;
        const name = el('a', 'name-text', `${b.firstName} ${b.lastName}`.trim());
        card.append(name, document.createTextNode(' '), el('span', 'country-flag-label', b.country), el('span', 'icon-content', b.highQualityLevelTag ?? ''));
        if (b.companyName) card.append(field('Company', b.companyName));
        card.append(field(t.registered, b.registerDate > 0 ? day(b.registerDate * 1000) : '-'));
        if (b.buyerContactInfo?.email) card.append(field(t.email, b.buyerContactInfo.email));
      };
      const crm = document.createElement('script');
      crm.src = `https://alicrm.alibaba.com/jsonp/customerPluginQueryServiceI/queryCustomerInfo.json?tradeId=${id}&${demo.q}&callback=${callback}`;
      crm.onload = () => crm.remove();
      document.head.append(crm);
      window.__l11Shown = { view: 'detail', id, ids };
    }

    function show() {
      const m = location.hash.match(/^#feedback\/detail\/\w+\/(\d+)\//);
      if (m) showDetail(m[1]);
      else showList();
    }
    tinymceStub();
    window.addEventListener('popstate', show);
    window.addEventListener('hashchange', show);
    show();
  }

  /** The detail's TinyMCE-like editor, made from the placeholder (`mock`). */
  function createEditor(slot, counter, mock) {
    const editor = window.__demoKit.tinyMceLike(slot, counter, t);
    mock.hidden = true;
    return editor;
  }

  // --- refill: the list redrawn in place ----------------------------------------------------
  function refill() {
    const pool = [];
    const state = { folder: 'all', page: 1, keyword: '', poll: 0 };
    let asked = 0;
    const main = el('main', 'content');
    const tabs = el('div', 'ui2-tab-nav');
    for (const [folder, label] of [['all', t.all], ['unread', t.unread], ['spam', t.spam]]) {
      const a = el('a', '', label);
      a.href = `#feedback/${folder}`;
      a.setAttribute('data-folder', folder);
      tabs.append(a);
    }
    const search = el('input', 'l11-search');
    search.type = 'search';
    search.placeholder = '搜索买家、产品';
    search.setAttribute('aria-label', '搜索询盘');
    const refresh = el('button', 'l11-refresh', '刷新');
    refresh.type = 'button';
    const tools = el('div', 'l11-tools');
    tools.append(search, refresh);
    const body = el('div', 'ui2-list-body');
    const root = el('div', 'main-content');
    const note = el('div', 'l11-note');
    root.append(body);
    const pages = el('div', 'l11-pages');
    main.append(el('h2', 'reply-info-title', t.inbox), tabs, tools, note, root, pages);
    const layout = el('div', 'layout');
    const nav = el('nav', 'side');
    nav.append(el('a', 'active', t.inbox));
    layout.append(nav, main);
    app.replaceChildren(layout);

    function draw(rows, total) {
      note.textContent = '';
      note.className = 'l11-note';
      // Position n keeps element n: only its content changes (no keys).
      while (pool.length < rows.length) pool.push(makeRow());
      rows.forEach((r, n) => {
        pool[n].fill(r);
        if (pool[n].wrap.parentNode !== body || body.children[n] !== pool[n].wrap) body.insertBefore(pool[n].wrap, body.children[n] ?? null);
      });
      for (const extra of pool.slice(rows.length)) extra.wrap.remove();
      if (!rows.length) note.textContent = t.empty;
      pages.replaceChildren(pager(Math.ceil(total / demo.pageSize), state.page, (n) => {
        state.page = n;
        load();
      }));
      for (const a of tabs.children) a.classList.toggle('active', a.dataset.folder === state.folder);
      window.__l11Shown = { view: 'list', ids: rows.map((r) => r.tradeId), state: { ...state } };
    }

    async function load() {
      const mine = ++asked;
      const first = state.folder === 'all' && state.page === 1 && !state.keyword && !state.poll && window.feedbackListResponse;
      if (first) return draw(window.feedbackListResponse.list, window.feedbackListResponse.total);
      const answer = await subjectList({
        listType: state.folder, pagination: { nextPage: state.page }, poll: state.poll,
        search: state.keyword ? { keyword: state.keyword } : {},
      });
      if (mine !== asked) return undefined;
      if (answer?.code !== 200) {
        // The page says the list could not be loaded, and shows no rows.
        for (const row of pool) row.wrap.remove();
        note.textContent = `加载失败（${answer?.message ?? '网络错误'}），请稍后重试`;
        note.className = 'l11-note l11-error';
        window.__l11Shown = { view: 'error', ids: [], state: { ...state } };
        return undefined;
      }
      return draw(answer.data.list.map((e) => e[0]), answer.data.pagination.totalCount);
    }

    const folder = () => location.hash.match(/^#feedback\/(\w+)/)?.[1] ?? 'all';
    window.addEventListener('hashchange', () => {
      state.folder = folder();
      state.page = 1;
      load();
    });
    let typing = 0;
    search.addEventListener('input', () => {
      clearTimeout(typing);
      typing = setTimeout(() => {
        state.keyword = search.value.trim();
        state.page = 1;
        load();
      }, 300);
    });
    // The refresh the page runs by itself every few minutes; the button runs it now.
    refresh.addEventListener('click', () => {
      state.poll += 1;
      load();
    });
    state.folder = folder();
    load();
  }

  if (demo.shape === 'spa' || demo.shape === 'drawer') spa(demo.shape === 'drawer');
  else refill();
})();
