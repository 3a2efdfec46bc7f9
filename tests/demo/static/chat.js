// The OneTalk chat: a virtualised contact list (a small pool of row elements reused
// while scrolling, so one element shows different contacts over time) and a
// React-style controlled text box: the page keeps the draft in its own state, takes
// changes only from `input` events, and writes its state back into the box whenever it
// re-renders — a value set without an input event is lost, as on the real page.
// Like the real page's IM SDK, a message service boots a moment after the page and
// emits every message that arrives; the contact row shows only a short preview of it.
// `window.__demoReceive(cid, text, { fromSelf })` makes a message arrive.
(() => {
  'use strict';
  const demo = window.__demo;
  const t = demo.labels;
  // The page's working copy; the cache object stays as it was at load, as on the real page.
  const contacts = window.__VMFsConv__cache__.map((c) => ({ ...c, latestMessage: { ...c.latestMessage } }));
  const PREVIEW_CHARS = 24;
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
    const content = c.latestMessage.content;
    const preview = content.length > PREVIEW_CHARS ? `${content.slice(0, PREVIEW_CHARS)}…` : content;
    const last = el('div', 'last-msg', `${c.unread ? '[未读] ' : ''}${preview}`);
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
      const stamp = `${c.cid === openCid}:${c.latestMessage.sendTime}:${c.unread}`;
      if (row.getAttribute('data-cid') !== c.cid || row.dataset.rendered !== stamp) {
        fillRow(row, c);
        row.dataset.rendered = stamp;
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

  // The IM SDK: boots late, then emits one event per message (shape of the real SDK's
  // messageModel). Nothing on the page listens here; the event only exists to be seen.
  const listeners = {};
  const emitter = {
    on(name, fn) {
      (listeners[name] ??= []).push(fn);
    },
    emit(name, payload) {
      for (const fn of listeners[name] ?? []) fn(payload);
    },
  };
  setTimeout(() => {
    window.IcbuIM = { IMBaaSSDK: { IcbuEventServiceImpl: { instance: { emitter } } } };
  }, 800);
  let serial = 0;
  window.__demoReceive = (cid, content, { fromSelf = false } = {}) => {
    const c = contacts.find((x) => x.cid === cid);
    if (!c) return false;
    const sendTime = Math.max(Date.now(), c.latestMessage.sendTime + 1000);
    const buyerUid = c.contactAccountId;
    window.IcbuIM?.IMBaaSSDK.IcbuEventServiceImpl.instance.emitter.emit('onMessageReceived', {
      messageModel: {
        cid,
        messageId: `demo-${++serial}`,
        createAt: sendTime,
        content: { contentType: 1, text: { content } },
        sender: { uid: fromSelf ? window.aliId : buyerUid },
      },
    });
    c.latestMessage = { content, sendTime, fromBuyer: !fromSelf };
    c.unread = fromSelf ? 0 : (c.unread || 0) + 1;
    renderList();
    return true;
  };
  setInterval(render, 300); // other state changes re-render the box too
  renderList();
  open(contacts[0]?.cid);
})();
