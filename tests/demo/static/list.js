// The inquiry list: a hash-routed single-page app like the real one. The first page
// comes from window.feedbackListResponse; folders and further pages are fetched from
// subjectList.htm and the rows are replaced in place.
(() => {
  'use strict';
  const demo = window.__demo;
  const t = demo.labels;
  const root = document.getElementById('list-root');
  const pages = document.getElementById('pages');
  let page = 1;

  // The browser's zone, as the real page draws its dates.
  const day = (ms) => {
    const d = new Date(ms);
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  };
  const { el } = window.__demoKit;
  const folder = () => (location.hash.match(/^#feedback\/(\w+)/)?.[1] ?? 'all');

  function rowGen1(r) {
    const wrap = el('div', 'aui2-grid-wraper');
    const a = el('a', 'inquiry-item');
    a.setAttribute('data-trade-id', r.tradeId);
    a.href = `/message/maDetail.htm?imInquiryId=${r.tradeId}`;
    a.target = '_blank';
    const head = el('div', 'aui2-grid-header');
    head.append(el('span', 'spec-inquiry-id', `${t.no}${r.requestNo}`),
      el('span', 'dates', `${t.update}${day(r.modifiedTime)} ${t.create}${day(r.createTime)}`));
    const body = el('div', 'aui2-grid-body');
    const name = el('span', 'aui2-grid-name u-text-center', r.sender.name);
    name.title = r.sender.name;
    const flag = el('span', `ui2-flag ui2-flag-${r.sender.countryCode.toLowerCase()}`, r.sender.countryCode);
    flag.title = r.sender.countryName;
    const level = el('span', 'level-tag-icon', r.sender.userNewLevel ?? '');
    const product = el('div', 'buyer-product-name-content', r.productInfo[0]?.productName ?? r.subject);
    const msg = el('div', 'buyer-chat-msg', r.latestMessage.content);
    const status = el('span', 'aui2-grid-quo-status-col', r.replyStatus ? '洽谈中' : '新询盘');
    const view = el('span', 'actions-view-detail', t.detail);
    const who = el('div', 'who');
    who.append(name, flag, level);
    const what = el('div', 'what');
    what.append(product, msg);
    body.append(who, what, status, view);
    a.append(head, body);
    if (r.hasUnread) a.classList.add('unread');
    wrap.append(a);
    return wrap;
  }

  function rowGen2(r) {
    const a = el('a', 'inquiry-item l1-row');
    a.setAttribute('data-trade-id', r.tradeId);
    a.href = `/message/maDetail.htm?imInquiryId=${r.tradeId}`;
    a.target = '_blank';
    const name = el('span', 'l1-buyer-name', r.sender.name);
    name.title = r.sender.name;
    const flag = el('span', `ui2-flag ui2-flag-${r.sender.countryCode.toLowerCase()}`, r.sender.countryCode);
    flag.title = r.sender.countryName;
    a.append(el('span', 'spec-inquiry-id', `${t.no}${r.requestNo}`), name, flag,
      el('div', 'buyer-product-name-content', r.productInfo[0]?.productName ?? r.subject),
      el('div', 'buyer-chat-msg', r.latestMessage.content), el('span', 'l1-time', day(r.createTime)));
    return a;
  }

  function render(rows, total) {
    const list = el('div', demo.gen === 2 ? 'aui-inquirylist-grid-container' : 'ui2-list-body');
    const inner = demo.gen === 2 ? el('div', '_l1ListWrap_-uoFL-') : list;
    if (demo.gen === 2) list.append(inner);
    if (!rows.length) inner.append(el('div', 'empty-folder', t.empty));
    for (const r of rows) inner.append(demo.gen === 2 ? rowGen2(r) : rowGen1(r));
    root.replaceChildren(list);
    // When the rows went in, for the page benchmark (tests/bench/page.mjs).
    window.__demoRenderedAt = performance.now();
    pages.replaceChildren();
    const count = Math.ceil(total / demo.pageSize);
    for (let n = 1; n <= count && count > 1; n++) {
      const a = el('a', n === page ? 'current' : '', String(n));
      a.setAttribute('data-page', String(n));
      a.href = '#';
      pages.append(a);
    }
    for (const tab of document.querySelectorAll('.ui2-tab-nav a')) tab.classList.toggle('active', tab.dataset.folder === folder());
    window.__demoRename?.();
    // What the page test of rows drawn already tagged looks at: the rows' first frame.
    requestAnimationFrame(() => {
      window.__demoFirstFrameTagged = [...document.querySelectorAll('[data-trade-id]')].filter((r) => r.hasAttribute('data-xunpan-verdict')).length;
    });
  }

  function load() {
    const listType = folder();
    if (listType === 'all' && page === 1 && window.feedbackListResponse) {
      render(window.feedbackListResponse.list, window.feedbackListResponse.total);
      return;
    }
    const xhr = new XMLHttpRequest();
    const q = new URLSearchParams(location.search);
    xhr.open('POST', `/message/ajax/feedback/subjectList.htm?${q.toString()}`);
    xhr.setRequestHeader('content-type', 'application/x-www-form-urlencoded');
    xhr.onload = () => {
      const res = JSON.parse(xhr.responseText);
      render(res.data.list.map((e) => e[0]), res.data.pagination.totalCount);
    };
    const params = { system: 'feedback', listType, pageSize: demo.pageSize, pagination: { nextPage: page, pageSize: demo.pageSize } };
    xhr.send(`_csrf_token_=demo&postId=${Date.now()}&params=${encodeURIComponent(JSON.stringify(params))}`);
  }

  pages.addEventListener('click', (e) => {
    const a = e.target.closest('a[data-page]');
    if (!a) return;
    e.preventDefault();
    page = Number(a.dataset.page);
    load();
  });
  window.addEventListener('hashchange', () => {
    page = 1;
    load();
  });
  if (demo.renderAfter) setTimeout(load, demo.renderAfter);
  else load();
})();
