// The newer inquiry list (shape=hashed): built like a CSS-modules React page. Class
// names are build hashes that say nothing, labels are English, the rows come from the
// page's own store (no feedbackListResponse, no subjectList answer Xunpan could read),
// and paging is a hash route: #feedback/all/2. Times are shown in the browser's zone.
(() => {
  'use strict';
  const store = window.__hxStore;
  const root = document.getElementById('hx-root');
  const pager = document.getElementById('hx-pager');
  const { el, pad } = window.__demoKit;
  /** "YYYY-MM-DD HH:MM" in the browser's zone. */
  const shown = (ms) => {
    const d = new Date(ms);
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
  };
  const page = () => Number(location.hash.match(/^#feedback\/all\/(\d+)/)?.[1] ?? 1);

  function row(r) {
    const item = el('div', '_row_k3J9s');
    const head = el('div', '_head_R7c2q');
    head.append(el('span', '_no_b81Xe', `Inquiry No.: ${r.id}`), el('span', '_date_Pq0w2', `Created ${shown(r.created)}`));
    const who = el('div', '_who_M2n8v');
    const name = el('span', '_nm_x1Lq4', r.name);
    name.title = r.name;
    const flag = el('i', `_flag_Q8x2a _flag-${r.cc.toLowerCase()}`);
    flag.title = r.country;
    const avatar = el('span', '_av_c7Ks1', r.name[0]);
    who.append(avatar, name, flag, el('span', '_lvl_9Rr2t', r.level));
    const what = el('div', '_what_Vb5e3');
    const product = el('a', '_pd_J2x8m', r.product);
    product.href = `https://www.alibaba.com/product-detail/demo_${r.productId}.html`;
    product.target = '_blank';
    what.append(product, el('p', '_txt_7Hk2d', r.text));
    const side = el('div', '_side_Tt4g0');
    const view = el('a', '_btn_Fh3n2', 'View details');
    view.href = `/message/maDetail.htm?imInquiryId=${r.id}`;
    view.target = '_blank';
    side.append(el('span', '_st_G6m1w', r.replied ? 'Negotiating' : 'New'), view);
    item.append(head, who, what, side);
    return item;
  }

  function render() {
    const n = page();
    const rows = store.rows.slice((n - 1) * store.pageSize, n * store.pageSize);
    root.replaceChildren(...rows.map(row));
    pager.replaceChildren();
    const count = Math.ceil(store.rows.length / store.pageSize);
    for (let i = 1; i <= count && count > 1; i++) {
      const a = el('a', i === n ? '_pg_Ya1c3 _cur_Ys0p1' : '_pg_Ya1c3', String(i));
      a.href = `#feedback/all/${i}`;
      pager.append(a);
    }
  }
  window.addEventListener('hashchange', render);
  render();
})();
