// The RFQ market of the twelfth round (shapes rfqmore and rfqforms; server.js names the
// evidence): `div.brh-rfq-item` cards drawn from window.__demo.rfqs.
//   rfqmore   six cards, then more as the rep scrolls to the end or clicks "Load more"
//             (the second page sends the first page's last card again); a sort that
//             refills the same card elements by position; a category filter that
//             replaces every card; a card with no quotes left and a closed one;
//   rfqforms  the cards' fields in other forms, and a banner of the platform's own.
(() => {
  'use strict';
  const demo = window.__demo;
  const { el, pad } = window.__demoKit;
  const list = document.querySelector('.brh-rfq-list');
  const bar = document.querySelector('.rfq12-bar');
  const more = document.querySelector('.rfq12-more');
  const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

  /** "Date Posted" as the card shows it, in the request's form; null: not shown. */
  function postedText(r) {
    if (r.at === null) return null;
    const mins = Math.round((demo.now - r.at) / 60_000);
    const d = new Date(r.at);
    switch (r.form) {
      case 'mins': return `${mins} mins ago`;
      case 'hours': return mins < 48 * 60 ? `${Math.floor(mins / 60)} hours ago` : `${Math.floor(mins / 1440)} days ago`;
      case 'days': return `${Math.floor(mins / 1440)} days ago`;
      case 'zhdays': return `${Math.floor(mins / 1440)}天前`;
      case 'yesterday': return 'Yesterday';
      case 'date': return `${MONTHS[d.getMonth()]} ${d.getDate()}, ${d.getFullYear()}`;
      case 'datetime': return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
      default: return null;
    }
  }

  /** A new, empty card element with every part the page may fill. */
  function newCard() {
    const card = el('div', 'brh-rfq-item');
    const link = el('a', 'brh-rfq-item__subject-link');
    const qty = el('div', 'brh-rfq-item__quantity');
    qty.append(el('span', 'brh-rfq-item__quantity-label', 'Quantity Required:'), ' ', el('span', 'brh-rfq-item__quantity-num'), ' ', el('span', 'brh-rfq-item__quantity-unit'));
    const posted = el('div', 'brh-rfq-item__publishtime');
    posted.append('Date Posted: ', el('span'));
    const left = el('div', 'brh-rfq-item__quote-left');
    left.append(el('span'));
    const info = el('div', 'brh-rfq-item__other-info');
    info.append(el('span', 'text'));
    card.append(link, el('div', 'brh-rfq-item__detail'), qty, el('div', 'brh-rfq-item__country'), posted, left, info,
      el('div', 'brh-rfq-item__buyer-tag'), el('a', 'brh-rfq-item__quote-btn', 'Quote Now'));
    return card;
  }

  /** Fills `card` with request `r`, in place (its text nodes and attributes changed, parts shown or hidden). */
  function fill(card, r) {
    const part = (name) => card.querySelector(`.brh-rfq-item__${name}`);
    const link = part('subject-link');
    link.href = `/rfq/detail.htm?id=${r.id}`;
    link.textContent = r.title;
    part('detail').textContent = r.desc ?? '';
    part('detail').hidden = r.desc === null;
    part('quantity-num').textContent = r.qty;
    part('quantity-unit').textContent = r.unit;
    part('country').textContent = r.country ?? '';
    part('country').hidden = r.country === null;
    const shown = postedText(r);
    part('publishtime').querySelector('span').textContent = shown ?? '';
    part('publishtime').hidden = shown === null;
    const left = part('quote-left');
    left.firstChild.nodeType === Node.TEXT_NODE && left.firstChild.remove();
    left.prepend(r.closed ? 'Closed' : 'Quotes Left ');
    left.querySelector('span').textContent = r.closed ? '' : String(r.left);
    card.classList.toggle('is-closed', r.closed);
    part('quote-btn').hidden = r.closed || r.left === 0;
    part('quote-btn').href = `/rfq/quote.htm?id=${r.id}`;
    part('other-info').querySelector('.text').textContent = r.buyer ?? '';
    part('other-info').hidden = r.buyer === null;
    part('buyer-tag').replaceChildren(...r.tags.map((g) => {
      const tag = el('span', 'next-tag');
      tag.append(el('span', 'next-tag-body', g));
      return tag;
    }));
    return card;
  }

  /** Drops parts a server-drawn card would not have (the forms shape draws each card once). */
  function trim(card) {
    for (const e of card.querySelectorAll('[hidden]')) e.remove();
    return card;
  }

  if (demo.shape === 'rfqforms') {
    demo.rfqs.forEach((r, n) => {
      list.append(trim(fill(newCard(), r)));
      if (n === 2) {
        list.append(el('div', 'rfq12-banner',
          'Quotes used up? Buy 20 more RFQ quotes for US$29 today at https://sourcing.alibaba.com/rfq/buy-quotes.htm — pay now to keep your ranking.'));
      }
    });
    return;
  }

  // --- rfqmore: the list's life ------------------------------------------------------
  const PAGE = 6;
  let category = 'all';
  let sort = 'newest';
  let loaded = 1; // pages shown
  const view = () => {
    const rows = demo.rfqs.filter((r) => category === 'all' || r.category === category);
    return sort === 'quotes' ? [...rows].sort((a, b) => (b.closed ? -1 : b.left) - (a.closed ? -1 : a.left)) : rows;
  };
  window.__rfqView = () => ({ category, sort, loaded });

  const tabs = el('div', 'rfq12-tabs');
  for (const [key, label] of [['all', 'All Categories'], ['hair', 'Hair & Beauty'], ['lights', 'Lights & Lighting'], ['home', 'Home & Garden']]) {
    const a = el('a', key === 'all' ? 'rfq12-tab active' : 'rfq12-tab', label);
    a.href = '#';
    a.dataset.cat = key;
    a.addEventListener('click', (e) => {
      e.preventDefault();
      for (const t of tabs.children) t.classList.toggle('active', t === a);
      category = key;
      loaded = 1;
      // The whole list replaced by new cards.
      list.replaceChildren(...view().slice(0, PAGE).map((r) => fill(newCard(), r)));
    });
    tabs.append(a);
  }
  const select = el('select', 'rfq12-sort');
  for (const [key, label] of [['newest', 'Newest'], ['quotes', 'Most quotes left']]) {
    const o = el('option', '', label);
    o.value = key;
    select.append(o);
  }
  select.addEventListener('change', () => {
    sort = select.value;
    // The same card elements refilled by position, as a keyed-by-index framework does.
    const rows = view();
    const cards = [...list.children];
    cards.forEach((card, n) => (n < rows.length ? fill(card, rows[n]) : card.remove()));
  });
  bar.append(tabs, select);

  const button = el('button', 'rfq12-load', 'Load more');
  more.append(button);
  let loading = false;
  function loadMore() {
    const rows = view();
    if (loading || loaded * PAGE >= rows.length) return;
    loading = true;
    setTimeout(() => {
      // The next page starts one card early: the first page's last card is sent again.
      const next = rows.slice(loaded * PAGE - 1, (loaded + 1) * PAGE);
      list.append(...next.map((r) => fill(newCard(), r)));
      loaded += 1;
      loading = false;
    }, 300);
  }
  button.addEventListener('click', loadMore);
  window.addEventListener('scroll', () => {
    if (window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 40) loadMore();
  });
  list.append(...view().slice(0, PAGE).map((r) => fill(newCard(), r)));
})();
