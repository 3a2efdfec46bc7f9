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
  // shape=virtual: the page's own list store holds contacts its data cache does not.
  const contacts = [...window.__VMFsConv__cache__, ...(window.__demoMore ?? [])].map((c) => ({ ...c, latestMessage: { ...c.latestMessage } }));
  const pitch = demo.pitch ?? null;
  if (pitch) {
    const c = contacts.find((x) => x.cid === pitch.cid);
    c.latestMessage = { content: pitch.texts.at(-1), sendTime: pitch.at.at(-1), fromBuyer: true };
  }
  const PREVIEW_CHARS = 24;
  const ROW = 64;
  const POOL = 14;
  const scroller = document.getElementById('contact-scroll');
  const spacer = document.getElementById('contact-spacer');
  // shape=bare: the open conversation has hashed class names and no ids or data hints.
  const bare = demo.shape === 'bare';
  const header = bare ? document.querySelector('._hd_Wq81c') : document.getElementById('content-header');
  const messages = bare ? document.querySelector('._ml_Pz3cd') : document.getElementById('message-container');
  const box = bare ? document.querySelector('._ta_Q7dg5') : document.querySelector('textarea.send-textarea');
  const mirror = bare ? document.querySelector('._mr_K1h6') : document.getElementById('state-mirror');
  const lengthOut = bare ? document.querySelector('._len_X2j8') : document.getElementById('chat-state-length');
  const sendButton = bare ? document.querySelector('._btn_S3nk9') : document.querySelector('.send-tool-button');
  const pool = [];
  let openCid = null;
  let state = { draft: '' };

  const { el, pad, hhmm } = window.__demoKit;
  // Shown in the browser's zone, as the real page does: today "HH:MM", yesterday
  // "Yesterday HH:MM", older "MM-DD".
  const dayOf = (ms) => new Date(ms).toDateString();
  const shownTime = (ms) => {
    const now = demo.now;
    if (dayOf(ms) === dayOf(now)) return hhmm(ms);
    if (dayOf(ms) === dayOf(now - 864e5)) return `${demo.lang === 'en' ? 'Yesterday' : '昨天'} ${hhmm(ms)}`;
    return `${pad(new Date(ms).getMonth() + 1)}-${pad(new Date(ms).getDate())}`;
  };

  spacer.style.height = `${contacts.length * ROW}px`;
  for (let i = 0; i < POOL; i++) {
    const row = el('div', 'contact-item-container');
    row.style.top = '0px';
    row.addEventListener('click', () => open(row.getAttribute('data-cid')));
    scroller.append(row);
    pool.push(row);
  }

  function fillRow(row, c) {
    const info = window.__demoKit.contactInfo(row, c);
    const content = c.latestMessage.content;
    const preview = content.length > PREVIEW_CHARS ? `${content.slice(0, PREVIEW_CHARS)}…` : content;
    const unreadMark = demo.lang === 'en' ? '[Unread] ' : '[未读] ';
    const right = el('div', 'contact-meta');
    right.append(el('span', 'contact-time', shownTime(c.latestMessage.sendTime)));
    if (c.unread) right.append(el('span', 'unread-num', String(c.unread)));
    if (demo.shape === 'virtual') {
      // The newer row: an avatar letter, and the preview in a box without a class name of
      // ours: every other contact's text cut by the page's script ("…"), the others'
      // whole in a box the style cuts to its width (no mark in the text).
      const avatar = el('span', 'avatar-letter', c.contactNick[0]);
      const last = el('div', 'ct-body');
      const shown = contacts.indexOf(c) % 2 ? preview : content;
      last.append(el('span', '', `${c.unread ? unreadMark : ''}${shown}`));
      row.replaceChildren(avatar, info, last, right);
    } else {
      row.replaceChildren(info, el('div', 'last-msg', `${c.unread ? unreadMark : ''}${preview}`), right);
    }
    row.classList.toggle('active', c.cid === openCid);
    if (bare) row.setAttribute('aria-selected', String(c.cid === openCid));
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
    if (bare) header.replaceChildren(el('span', '_hn_Jr2', c.contactNick), el('span', '_hc_Mm3', `${c.countryCode} · ${c.userNewLevel}`));
    else {
      header.setAttribute('data-cid', cid);
      header.replaceChildren(el('span', 'name', c.contactNick), el('span', 'tag-item', `${c.countryCode} · ${c.userNewLevel}`));
    }
    // A bubble of the bare shape: ours right-aligned without a name, theirs with the
    // buyer's avatar letter and name; the shown "HH:MM" beside the name.
    const bareMessage = (side, who, at, text) => {
      const mine = side === 'item-right';
      const row = el('div', mine ? '_r_Lq2ab _me_Vz8cd' : '_r_Lq2ab');
      const meta = el('div', '_mt_N0gh');
      if (!mine) meta.append(el('span', '', who));
      meta.append(el('span', '', hhmm(at)));
      const column = el('div', '_c_H7kl');
      column.append(meta, el('div', '_b_Xe5ij', text));
      row.append(el('span', '_av_R1ef', mine ? 'L' : who[0]), column);
      return row;
    };
    const message = (side, who, at, text, n) => {
      if (bare) return bareMessage(side, who, at, text);
      const msg = el('div', `message-item-wrapper ${side}`);
      // The newer page keeps no send time on the row: only the shown "HH:MM".
      if (!pitch) msg.setAttribute('data-expinfo', JSON.stringify({ messageId: `${cid}-${n}`, sendTime: at, messageType: 1 }));
      const info = el('div', 'item-base-info');
      info.append(el('span', 'name', who), el('span', 'time', hhmm(at)));
      msg.append(info, el('div', 'session-rich-content text', text));
      return msg;
    };
    const divider = bare ? [el('div', '_dv_Hs3', demo.lang === 'en' ? 'Today' : '今天')] : [];
    if (pitch && cid === pitch.cid) {
      messages.replaceChildren(...divider,
        message('item-right', t.msgMe, pitch.ourAt, 'Thank you for your message. Which model and how many pieces do you need?', 0),
        ...pitch.texts.map((text, n) => message('item-left', c.contactNick, pitch.at[n], text, n + 1)),
      );
    } else {
      messages.replaceChildren(...divider, message('item-left', c.contactNick, c.latestMessage.sendTime, c.latestMessage.content, 1));
    }
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
  sendButton.addEventListener('click', () => {
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
