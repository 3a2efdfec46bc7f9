// The inquiry list as a virtualised grid (shape=vtable), built like a React table with
// a windowing library: a small pool of row elements that stay in the page while the
// rows they show change under them (text nodes and links updated in place, the element
// kept), every text in nested spans, Chinese column headers, and the creation time as
// the page shows it: "N 分钟前" / "N 小时前" (the exact time only in a tooltip title, and
// not on every row), "昨天 HH:MM" or "MM-DD HH:MM" — in the browser's zone.
(() => {
  'use strict';
  const store = window.__vtStore;
  const viewport = document.querySelector('._vp_Xx2m7');
  const sizer = document.querySelector('._sizer_Q1t0z');
  const ROW = 72;
  const POOL = 8;
  const { el, pad, hhmm } = window.__demoKit;
  const full = (ms) => {
    const d = new Date(ms);
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${hhmm(d)}:${pad(d.getSeconds())}`;
  };
  /** The time cell: its text, and the tooltip some rows carry. */
  function when(ms, index) {
    const ago = Date.now() - ms;
    const d = new Date(ms);
    const yesterday = new Date(Date.now() - 864e5).toDateString() === d.toDateString();
    if (ago < 60 * 60_000) return { text: `${Math.max(1, Math.floor(ago / 60_000))} 分钟前`, title: index % 2 ? null : full(ms) };
    if (ago < 24 * 60 * 60_000 && !yesterday) return { text: `${Math.floor(ago / 3_600_000)} 小时前`, title: full(ms) };
    if (yesterday) return { text: `昨天 ${hhmm(d)}`, title: null };
    return { text: `${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${hhmm(d)}`, title: null };
  }
  /** `<span><span>text</span></span>`, the inner span returned too. */
  const nested = (cls) => {
    const outer = el('span', cls);
    const inner = el('span', '');
    outer.append(inner);
    return [outer, inner];
  };

  // One pool row: its elements made once, filled again and again.
  function makeRow() {
    const row = el('div', '_tr_Hh3x2 _body_Ro4t1');
    row.setAttribute('role', 'row');
    const cell = () => {
      const c = el('div', '_td_Gm2p8');
      c.setAttribute('role', 'gridcell');
      return c;
    };
    const [buyer, what, at, status, action] = [cell(), cell(), cell(), cell(), cell()];
    const [nameBox, name] = nested('_u_Fw1k3');
    const flag = el('span', '_fl_U5e');
    flag.setAttribute('role', 'img');
    const level = el('span', '_lv_Pq7z2');
    buyer.append(nameBox, flag, level);
    const product = el('a', '_pl_Ck9w1');
    product.target = '_blank';
    const [productBox, productName] = nested('_pn_Lz3d5');
    product.append(productBox);
    const [textBox, text] = nested('_mt_Yh6s3');
    what.append(product, textBox);
    const time = el('span', '_tm_Dd2f0');
    at.append(time);
    const [stBox, st] = nested('_st_Vn1g7');
    status.append(stBox);
    const view = el('a', '_vw_Tz5h4', '查看详情');
    view.target = '_blank';
    action.append(view);
    row.append(buyer, what, at, status, action);
    return { row, name, flag, level, product, productName, text, time, st, view };
  }

  const pool = Array.from({ length: POOL }, makeRow);
  sizer.style.height = `${store.rows.length * ROW}px`;
  viewport.append(...pool.map((p) => p.row));

  function fill(p, r, index) {
    p.row.setAttribute('aria-rowindex', String(index + 2));
    p.row.style.top = `${index * ROW}px`;
    p.name.textContent = r.name;
    p.flag.setAttribute('aria-label', r.country);
    p.flag.textContent = r.flag || r.cc;
    p.level.textContent = r.level;
    p.product.href = `https://www.alibaba.com/product-detail/demo_${r.productId}.html`;
    p.productName.textContent = r.product;
    p.text.textContent = r.text;
    const w = when(r.created, index);
    p.time.textContent = w.text;
    if (w.title) p.time.title = w.title;
    else p.time.removeAttribute('title');
    p.st.textContent = r.replied ? '洽谈中' : '新询盘';
    p.view.href = `/message/maDetail.htm?imInquiryId=${r.id}`;
  }

  function render() {
    const first = Math.max(0, Math.min(Math.floor(viewport.scrollTop / ROW) - 1, store.rows.length - POOL));
    pool.forEach((p, i) => {
      const index = first + i;
      const r = store.rows[index];
      p.row.hidden = !r;
      if (r) fill(p, r, index);
    });
  }
  viewport.addEventListener('scroll', () => requestAnimationFrame(render), { passive: true });
  setInterval(render, 30_000); // "N 分钟前" moves on, as on a live page
  render();
})();
