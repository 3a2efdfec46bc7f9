// The OneTalk chat: a virtualised contact list (a small pool of row elements reused
// while scrolling, so one element shows different contacts over time) and a
// React-style controlled text box: the page keeps the draft in its own state, takes
// changes only from `input` events, and writes its state back into the box whenever it
// re-renders — a value set without an input event is lost, as on the real page.
(() => {
  'use strict';
  const demo = window.__demo;
  const t = demo.labels;
  const contacts = window.__VMFsConv__cache__;
  const ROW = 64;
  const POOL = 14;
  const scroller = document.getElementById('contact-scroll');
  const spacer = document.getElementById('contact-spacer');
  const header = document.getElementById('content-header');
  const messages = document.getElementById('message-container');
  const box = document.querySelector('textarea.send-textarea');
  const mirror = document.getElementById('state-mirror');
  const lengthOut = document.getElementById('chat-state-length');
  const pool = [];
  let openCid = null;
  let state = { draft: '' };

  const el = (tag, cls, text) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  };
  const hhmm = (ms) => new Date(ms + 8 * 3600e3).toISOString().slice(11, 16);

  spacer.style.height = `${contacts.length * ROW}px`;
  for (let i = 0; i < POOL; i++) {
    const row = el('div', 'contact-item-container');
    row.style.top = '0px';
    row.addEventListener('click', () => open(row.getAttribute('data-cid')));
    scroller.append(row);
    pool.push(row);
  }

  function fillRow(row, c) {
    row.setAttribute('data-cid', c.cid);
    row.setAttribute('data-name', c.contactNick);
    row.setAttribute('data-ali-id', c.contactAccountId);
    const info = el('div', 'contact-info');
    info.append(el('span', 'name', c.contactNick), el('span', 'tag-item', c.countryCode));
    const last = el('div', 'last-msg', `${c.unread ? '[未读] ' : ''}${c.latestMessage.content}`);
    const right = el('div', 'contact-meta');
    right.append(el('span', 'contact-time', hhmm(c.latestMessage.sendTime)));
    if (c.unread) right.append(el('span', 'unread-num', String(c.unread)));
    row.replaceChildren(info, last, right);
    row.classList.toggle('active', c.cid === openCid);
  }

  function renderList() {
    const first = Math.max(0, Math.floor(scroller.scrollTop / ROW) - 2);
    pool.forEach((row, i) => {
      const n = first + i;
      const c = contacts[n];
      if (!c) {
        row.hidden = true;
        return;
      }
      row.hidden = false;
      row.style.top = `${n * ROW}px`;
      if (row.getAttribute('data-cid') !== c.cid || row.dataset.rendered !== String(c.cid === openCid)) {
        fillRow(row, c);
        row.dataset.rendered = String(c.cid === openCid);
      }
    });
    window.__demoRename?.();
  }

  function open(cid) {
    const c = contacts.find((x) => x.cid === cid);
    if (!c) return;
    openCid = cid;
    header.setAttribute('data-cid', cid);
    header.replaceChildren(el('span', 'name', c.contactNick), el('span', 'tag-item', `${c.countryCode} · ${c.userNewLevel}`));
    const msg = el('div', 'message-item-wrapper item-left');
    msg.setAttribute('data-expinfo', JSON.stringify({ messageId: `${cid}-1`, sendTime: c.latestMessage.sendTime, messageType: 1 }));
    const info = el('div', 'item-base-info');
    info.append(el('span', 'name', c.contactNick), el('span', 'time', hhmm(c.latestMessage.sendTime)));
    msg.append(info, el('div', 'session-rich-content text', c.latestMessage.content));
    messages.replaceChildren(msg);
    state = { draft: '' };
    render();
    renderList();
  }

  /** Like a framework re-render: the box always shows the page's state. */
  function render() {
    if (box.value !== state.draft) box.value = state.draft;
    mirror.textContent = state.draft;
    lengthOut.textContent = String(state.draft.length);
  }

  box.addEventListener('input', () => {
    state = { ...state, draft: box.value };
    render();
  });
  document.querySelector('.send-tool-button').addEventListener('click', () => {
    window.__demoSent = state.draft;
  });
  scroller.addEventListener('scroll', renderList, { passive: true });
  setInterval(render, 300); // other state changes re-render the box too
  renderList();
  open(contacts[0]?.cid);
})();
