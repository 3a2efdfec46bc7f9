// OneTalk shapes of the tenth round (server.js names the evidence of each):
//   tabs   the contact list under its tabs; a tab change refills the same row elements
//          in place; row times in the forms chat lists use for older contacts, or none;
//   fiber  the open conversation drawn like React: hashed classes, every bubble on one
//          side, the author only in the fiber's `memoizedProps.itemData`; the panel and
//          its composer made anew for each contact.
// The composer on both is controlled the way React controls one: the page keeps the
// draft in its state, takes a change only from an `input` event whose value differs from
// the last value it set or saw (React's value tracker, which an instance `value` setter
// feeds), and writes its state back on every render.
// The truth for the tests: `window.__demo.contacts` (every contact, with `timeShown`,
// `awaiting`) and `window.__demo.conversations` (fiber: every message and its author).
(() => {
  'use strict';
  const demo = window.__demo;
  const t = demo.labels;
  const en = demo.lang === 'en';
  const contacts = demo.contacts.map((c) => ({ ...c, latestMessage: { ...c.latestMessage } }));
  const list = document.getElementById('c10-list');
  const root = document.querySelector('._root_R8s1k');
  const SELF = window.aliId;
  // fiber=0: the same page without its React data (as a build that hides it would be), for the test of a page that does not say who wrote what.
  const withFibers = new URLSearchParams(location.search).get('fiber') !== '0';

  const { el, pad, hhmm } = window.__demoKit;
  const startOfDay = (ms) => new Date(new Date(ms).toDateString()).getTime();
  const WEEKDAYS_ZH = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];
  const WEEKDAYS_EN = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  /** A contact row's time as chat lists show it: minutes ago, today's clock, yesterday, a weekday this week, a date. */
  const rowTime = (ms) => {
    const now = demo.now;
    const minutes = Math.floor((now - ms) / 60_000);
    if (minutes < 60) return en ? `${Math.max(minutes, 1)} min ago` : `${Math.max(minutes, 1)} 分钟前`;
    const days = Math.round((startOfDay(now) - startOfDay(ms)) / 864e5);
    if (days === 0) return hhmm(ms);
    if (days === 1) return en ? 'Yesterday' : '昨天';
    if (days < 7) return (en ? WEEKDAYS_EN : WEEKDAYS_ZH)[new Date(ms).getDay()];
    return `${pad(new Date(ms).getMonth() + 1)}/${pad(new Date(ms).getDate())}`;
  };
  const fullTime = (ms) => {
    const d = new Date(ms);
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${hhmm(ms)}:${pad(d.getSeconds())}`;
  };

  // --- the contact list ------------------------------------------------------------------
  let openCid = null;
  let tab = 'pending';
  const byTime = (a, b) => b.latestMessage.sendTime - a.latestMessage.sendTime;
  const shownContacts = () => (demo.shape === 'tabs' && tab === 'pending' ? contacts.filter((c) => c.awaiting) : contacts).sort(byTime);
  // A pool of row elements, refilled in place (a new tab gives the same elements new contacts).
  const pool = [];

  function fillRow(row, c) {
    const info = window.__demoKit.contactInfo(row, c);
    const meta = el('div', 'contact-meta');
    if (c.timeShown !== false) meta.append(el('span', 'contact-time', demo.shape === 'tabs' ? rowTime(c.latestMessage.sendTime) : hhmm(c.latestMessage.sendTime)));
    if (c.unread) meta.append(el('span', 'unread-num', String(c.unread)));
    const unreadMark = en ? '[Unread] ' : '[未读] ';
    row.replaceChildren(info, el('div', 'last-msg', `${c.unread ? unreadMark : ''}${c.latestMessage.content}`), meta);
    row.classList.toggle('active', c.cid === openCid);
  }

  function renderList() {
    const shown = shownContacts();
    while (pool.length < shown.length) {
      const row = el('div', 'contact-item-container');
      row.addEventListener('click', () => open(row.getAttribute('data-cid')));
      list.append(row);
      pool.push(row);
    }
    pool.forEach((row, n) => {
      row.hidden = n >= shown.length;
      if (!row.hidden) fillRow(row, shown[n]);
    });
    const count = document.querySelector('.c10-count');
    if (count) count.textContent = ` ${contacts.filter((c) => c.awaiting).length}`;
  }

  for (const item of document.querySelectorAll('.list-tab-item[data-tab]')) {
    item.addEventListener('click', () => {
      tab = item.getAttribute('data-tab');
      for (const other of document.querySelectorAll('.list-tab-item[data-tab]')) other.classList.toggle('active', other === item);
      renderList();
    });
  }

  // --- React-like pieces: fibers on nodes, a controlled composer ------------------------------
  const KEY = Math.random().toString(36).slice(2, 13);
  const FIBER = `__reactFiber$${KEY}`;
  const PROPS = `__reactProps$${KEY}`;
  function MessageList() {}
  function MessageItem() {}
  function ChatPanel() {}
  /** Gives `node` and its element descendants host fibers whose parent is `parent`. */
  function attachFibers(node, parent) {
    const props = { className: node.className, children: node.children.length ? [] : node.textContent };
    const fiber = { tag: 5, type: node.tagName.toLowerCase(), key: null, stateNode: node, memoizedProps: props, pendingProps: props, return: parent, child: null, sibling: null };
    node[FIBER] = fiber;
    node[PROPS] = props;
    for (const child of node.children) attachFibers(child, fiber);
    return fiber;
  }

  const drafts = new Map(); // the page's state: a draft per contact
  /** The composer of one panel, controlled from `drafts` (React's value tracker included). */
  function composer(cid) {
    const wrapper = el('div');
    wrapper.id = 'send-box-wrapper';
    const areas = el('div', 'send-input-areas');
    const boxWrap = el('div', 'send-textarea-box undefined');
    const box = el('textarea', 'send-textarea');
    box.rows = 4;
    box.placeholder = en ? 'Enter to send, Shift+Enter for a new line' : '按 Enter 发送，Shift+Enter 换行';
    const mirror = el('pre', 'send-textarea-mirror');
    boxWrap.append(box, mirror);
    areas.append(boxWrap);
    const tools = el('div', 'send-tools');
    const length = el('span', '_len_Pq7w');
    const send = el('button', 'send-tool-button im-next-btn', t.send);
    send.type = 'button';
    tools.append(length, send);
    wrapper.append(areas, tools);
    const render = () => {
      const draft = drafts.get(cid) ?? '';
      if (box.value !== draft) box.value = draft;
      mirror.textContent = draft;
      length.textContent = String(draft.length);
    };
    window.__demoKit.controlledTextarea(box, (now) => {
      drafts.set(cid, now);
      render();
    });
    send.addEventListener('click', () => {
      window.__demoSent = drafts.get(cid) ?? '';
    });
    render();
    return { wrapper, render };
  }

  // --- the open conversation -------------------------------------------------------------------
  let rerender = null;

  function open(cid) {
    const c = contacts.find((x) => x.cid === cid);
    if (!c) return;
    openCid = cid;
    const panel = el('div', demo.shape === 'fiber' ? '_panel_Gk3m' : 'conversation');
    const header = el('div', demo.shape === 'fiber' ? '_hd_Tn5r' : 'content-header');
    header.append(el('span', demo.shape === 'fiber' ? '_hn_Bb1' : 'name', c.contactNick), el('span', demo.shape === 'fiber' ? '_hm_Bb2' : 'tag-item', `${c.countryCode} · ${c.userNewLevel}`));
    const box = composer(cid);
    const messages = demo.shape === 'fiber' ? fiberMessages(c) : plainMessages(c);
    panel.append(header, messages, box.wrapper);
    // A new panel for every contact, as a keyed React subtree is made anew.
    root.replaceChildren(panel);
    if (demo.shape === 'fiber' && withFibers) {
      const panelFiber = { tag: 0, type: ChatPanel, memoizedProps: { conversationCode: cid, chatData: { productCardNum: 0, inquiryCardNum: 1, quotationCardNum: 0, unPayOrderNum: 0 } }, return: null };
      attachFibers(header, panelFiber);
      attachFibers(box.wrapper, panelFiber);
      const listFiber = { tag: 0, type: MessageList, memoizedProps: { conversationCode: cid }, return: panelFiber };
      const hostList = attachFibers(messages, listFiber);
      for (const row of messages.children) attachFibers(row, { tag: 0, type: MessageItem, memoizedProps: { itemData: row.__itemData, index: Number(row.dataset.index) }, return: hostList });
    }
    for (const row of messages.children) delete row.__itemData;
    rerender = box.render;
    renderList();
  }

  /** The tabs shape's conversation, in the markup of the evidence (item-left, .item-base-info, data-expinfo). */
  function plainMessages(c) {
    const container = el('div', 'message-container');
    const msg = el('div', 'message-item-wrapper item-left');
    msg.setAttribute('data-expinfo', JSON.stringify({ messageId: `${c.cid}-1`, sendTime: c.latestMessage.sendTime, senderId: c.contactAccountId, messageType: 1 }));
    const info = el('div', 'item-base-info');
    info.append(el('span', 'name', c.contactNick), el('span', 'time', fullTime(c.latestMessage.sendTime)));
    msg.append(info, el('div', 'session-rich-content text', c.latestMessage.content));
    container.append(msg);
    return container;
  }

  const MSG_TYPE = { text: 101, inquiry: 50, image: 2000, file: 61, rich: 63, card: 57, notice: 0 };
  /** The fiber shape's conversation: one compact column, the author only in itemData. */
  function fiberMessages(c) {
    const container = el('div', '_ml_Cw9x');
    const buyer = { aliId: c.contactAccountId, loginId: `${c.contactAccountId}-login`, name: c.contactNick, companyName: '', complianceCountryCode: c.countryCode, userNewLevel: c.userNewLevel, memberId: `m${c.contactAccountId}` };
    const owner = { aliId: SELF, name: 'Lily Chen' };
    const conversation = demo.conversations?.[c.cid] ?? [{ by: 'buyer', kind: 'text', at: c.latestMessage.sendTime, text: c.latestMessage.content }];
    conversation.forEach((m, n) => {
      const row = el('div', m.by === 'system' ? '_sy_Hd4p' : '_mr_Jx2v');
      row.dataset.index = String(n);
      const id = `${c.cid.split('#')[0]}-${n + 1}`;
      row.__itemData = {
        messageId: id, uuid: `u-${id}`, conversationCode: c.cid, sendTime: m.at,
        content: m.text ?? (m.paragraphs ? m.paragraphs.join('\n') : m.file ?? ''),
        sender: { targetId: m.by === 'buyer' ? buyer.aliId : m.by === 'ours' ? owner.aliId : '' },
        msgType: MSG_TYPE[m.kind], type: m.by === 'system' ? 'system' : 'normal', subType: m.kind,
        autoReply: m.auto ? 1 : 0, spamStatus: 0, loginId: m.by === 'buyer' ? buyer.loginId : '', owner, contact: buyer,
      };
      if (m.by === 'system') {
        row.append(el('span', '_st_Hd5', m.text));
        container.append(row);
        return;
      }
      // Every bubble alike: an avatar, the shown time, the content; ours are not set apart.
      const avatar = el('img', '_av_Jx3');
      avatar.alt = '';
      avatar.src = `data:image/svg+xml,${encodeURIComponent(`<svg xmlns="http://www.w3.org/2000/svg" width="28" height="28"><rect width="28" height="28" rx="14" fill="${m.by === 'buyer' ? '#9ab' : '#f90'}"/></svg>`)}`;
      const column = el('div', '_bc_Jx4');
      column.append(el('div', '_tm_Jx5', new Date(m.at).toDateString() === new Date(demo.now).toDateString() ? hhmm(m.at) : fullTime(m.at).slice(5, 16)));
      column.append(fiberContent(m));
      if (m.auto) column.append(el('div', '_au_Jx6', '自动接待发送'));
      row.append(avatar, column);
      container.append(row);
    });
    return container;
  }

  function fiberContent(m) {
    if (m.kind === 'text') return el('div', '_tx_Kd1', m.text);
    if (m.kind === 'inquiry') {
      const card = el('div', '_iq_Kd2');
      card.append(el('div', '_it_Kd3', `${en ? 'Inquiry' : '询盘'} · ${m.product}`), el('div', '_id_Kd4', m.text), el('div', '_iqq_Kd5', `${en ? 'Quantity' : '采购量'}: ${m.qty}`));
      return card;
    }
    if (m.kind === 'image') {
      const box = el('div', '_im_Kd6');
      const img = el('img');
      img.alt = '';
      img.width = 120;
      img.height = 80;
      img.src = `data:image/svg+xml,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" width="120" height="80"><rect width="120" height="80" fill="#cde"/></svg>')}`;
      box.append(img);
      return box;
    }
    if (m.kind === 'file') {
      const file = el('div', '_fl_Kd7');
      file.append(el('span', '_fn_Kd8', m.file), el('span', '_fs_Kd9', m.size));
      return file;
    }
    if (m.kind === 'rich') {
      const rich = el('div', '_rt_Ke1');
      rich.append(...m.paragraphs.map((p) => el('p', '', p)));
      return rich;
    }
    // A business card.
    const card = el('div', '_bz_Ke2');
    card.append(...m.text.split(' · ').map((part, n) => el(n ? 'span' : 'b', '', part)));
    return card;
  }

  setInterval(() => rerender?.(), 300); // other state changes re-render the composer too
  renderList();
  // The fiber shape opens the newest contact at load, as the page reopens the last one; the tabs shape waits for a click.
  if (demo.shape === 'fiber') open(shownContacts()[0]?.cid);
})();
