// OneTalk shapes of the thirteenth round (server.js chat13Page names the evidence):
//   chatvirt the open chat's message list virtualised: of its 60 messages only those near
//            the view are in the DOM (rows of a fixed height placed in a tall inner box,
//            as a windowed React list draws them); scrolling drops the rows that leave
//            and draws the ones that come, each keyed by its message. The message
//            service emits the newest messages it loads at the start (cache=all: all
//            60, cache=20: the last 20, cache=0: none); older ones are only drawn.
//            virt=0: every message drawn in the list's flow; fresh=1 (server): a new
//            chat, no reply of ours.
//   chatdiv  the same chat whose composer is a contenteditable div: the draft is the
//            page's state, taken from the box's text on each input event, and the box is
//            drawn again from the state (one block per line); the send button sends it.
// The truth for the tests: `window.__demo.chat` (every message: who, when, text, id),
// `window.__demoDraft()` (the state the send button would send).
(() => {
  'use strict';
  const demo = window.__demo;
  const t = demo.labels;
  const en = demo.lang === 'en';
  const { el, pad, hhmm } = window.__demoKit;
  const SELF = window.aliId;
  const ROW_H = 60; // a windowed list of fixed row heights
  const OVERSCAN = 3;
  const fullTime = (ms) => {
    const d = new Date(ms);
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${hhmm(ms)}:${pad(d.getSeconds())}`;
  };

  // --- the message service: an emitter the page's SDK sends every loaded message through ---
  const listeners = [];
  const emitter = {
    on(name, fn) { listeners.push([name, fn]); },
    emit(name, payload) { for (const [n, fn] of listeners) if (n === name) fn(payload); return true; },
  };
  window.IcbuIM = { IMBaaSSDK: { IcbuEventServiceImpl: { instance: { emitter } } } };

  const contacts = demo.contacts;
  const buyerOf = (c) => c.contactAccountId;

  // --- the contact list (short: not virtualised here) ---------------------------------------
  const list = document.getElementById('c13-list');
  for (const c of contacts) {
    const row = el('div', 'contact-item-container');
    const info = window.__demoKit.contactInfo(row, c);
    const meta = el('div', 'contact-meta');
    meta.append(el('span', 'contact-time', hhmm(c.latestMessage.sendTime)));
    if (c.unread) meta.append(el('span', 'unread-num', String(c.unread)));
    row.append(info, el('div', 'last-msg', c.latestMessage.content), meta);
    row.classList.toggle('active', c.cid === demo.chat.cid);
    list.append(row);
  }

  // --- the open chat ----------------------------------------------------------------------------
  const c = contacts.find((x) => x.cid === demo.chat.cid);
  const messages = demo.chat.messages;
  const conv = document.getElementById('c13-conv');
  const header = el('div', 'content-header');
  header.append(el('span', 'name', c.contactNick), el('span', 'tag-item', `${c.countryCode} · ${c.userNewLevel}`));
  const scroller = el('div', 'message-container');
  const inner = el('div', 'c13-inner');
  inner.style.height = `${messages.length * ROW_H}px`;
  scroller.append(inner);

  function messageRow(m, n) {
    const row = el('div', `message-item-wrapper ${m.by === 'buyer' ? 'item-left' : 'item-right'}`);
    if (demo.virt) row.style.top = `${n * ROW_H}px`;
    row.setAttribute('data-expinfo', JSON.stringify({ messageId: m.messageId, sendTime: m.at, senderId: m.by === 'buyer' ? buyerOf(c) : SELF, messageType: 1 }));
    const info = el('div', 'item-base-info');
    info.append(el('span', 'name', m.by === 'buyer' ? c.contactNick : 'Lily Chen'), el('span', 'time', fullTime(m.at)));
    const body = el('div', 'session-rich-content text', m.text);
    if (m.auto) body.append(el('span', 'auto-mark', '自动接待发送'));
    row.append(info, body);
    return row;
  }

  // The rows drawn, by message index: a row that stays in the window is kept as it is.
  const drawn = new Map();
  // virt=0: every message drawn, in the flow of the list (no windowing).
  if (!demo.virt) {
    inner.classList.add('c13-flow');
    inner.style.height = '';
  }
  function drawWindow() {
    const top = scroller.scrollTop;
    const first = demo.virt ? Math.max(0, Math.floor(top / ROW_H) - OVERSCAN) : 0;
    const last = demo.virt ? Math.min(messages.length - 1, Math.ceil((top + scroller.clientHeight) / ROW_H) + OVERSCAN) : messages.length - 1;
    for (const [n, row] of drawn) {
      if (n < first || n > last) {
        row.remove();
        drawn.delete(n);
      }
    }
    for (let n = first; n <= last; n++) {
      if (drawn.has(n)) continue;
      const row = messageRow(messages[n], n);
      drawn.set(n, row);
      // In message order among the rows drawn.
      const next = [...drawn.keys()].filter((k) => k > n).sort((a, b) => a - b)[0];
      inner.insertBefore(row, next === undefined ? null : drawn.get(next));
    }
  }
  scroller.addEventListener('scroll', drawWindow);

  // --- the composer ----------------------------------------------------------------------------
  let draft = '';
  window.__demoDraft = () => draft;
  const wrapper = el('div');
  wrapper.id = 'send-box-wrapper';
  const areas = el('div', 'send-input-areas');
  const boxWrap = el('div', 'send-textarea-box undefined');
  const tools = el('div', 'send-tools');
  const length = el('span', '_len_Pq7w', '0');
  const send = el('button', 'send-tool-button im-next-btn', t.send);
  send.type = 'button';
  send.addEventListener('click', () => {
    window.__demoSent = draft;
  });
  tools.append(length, send);
  areas.append(boxWrap);
  wrapper.append(areas, tools);
  const placeholder = en ? 'Enter to send, Shift+Enter for a new line' : '按 Enter 发送，Shift+Enter 换行';

  if (demo.shape === 'chatdiv') {
    // A contenteditable div kept by the page's state: each input event takes the box's
    // text into the state, and the box is drawn again from it, one block per line.
    const box = el('div', 'send-textarea');
    box.contentEditable = 'true';
    box.setAttribute('role', 'textbox');
    box.setAttribute('aria-multiline', 'true');
    box.setAttribute('data-placeholder', placeholder);
    // The box's lines as its blocks and <br>s make them (what the component draws, read back the same).
    const textOf = () => {
      if (!box.textContent) return '';
      const lines = [''];
      const walk = (node, top) => {
        for (const child of node.childNodes) {
          if (child.nodeType === Node.TEXT_NODE) {
            const parts = child.data.replace(/\u00a0/g, ' ').split('\n');
            lines[lines.length - 1] += parts[0];
            for (const part of parts.slice(1)) lines.push(part);
          } else if (child.nodeName === 'BR') {
            // A block's lone <br> is its empty line, not a break after it.
            if (!(child.parentNode !== box && child.parentNode.childNodes.length === 1)) lines.push('');
          } else if (child.nodeType === Node.ELEMENT_NODE) {
            const block = /^(DIV|P)$/.test(child.nodeName);
            if (block && top && !(lines.length === 1 && lines[0] === '' && child === box.firstChild)) lines.push('');
            walk(child, false);
          }
        }
      };
      walk(box, true);
      return lines.join('\n');
    };
    const render = () => {
      const lines = draft ? draft.split('\n') : [];
      const blocks = lines.map((line) => {
        const block = el('div');
        if (line) block.textContent = line;
        else block.append(el('br'));
        return block;
      });
      box.replaceChildren(...blocks);
      length.textContent = String(draft.length);
      // The caret back at the end, as the component restores it after drawing.
      if (document.activeElement === box && blocks.length) {
        const sel = getSelection();
        const range = document.createRange();
        range.selectNodeContents(box.lastChild);
        range.collapse(false);
        sel.removeAllRanges();
        sel.addRange(range);
      }
    };
    box.addEventListener('input', () => {
      draft = textOf();
      render();
    });
    box.addEventListener('keydown', (ev) => {
      if (ev.key === 'Enter' && !ev.shiftKey) {
        ev.preventDefault();
        window.__demoSent = draft;
      }
    });
    boxWrap.append(box);
  } else {
    // The controlled textarea of the tenth round: React's value tracker included.
    const box = el('textarea', 'send-textarea');
    box.rows = 4;
    box.placeholder = placeholder;
    const mirror = el('pre', 'send-textarea-mirror');
    boxWrap.append(box, mirror);
    const render = () => {
      if (box.value !== draft) box.value = draft;
      mirror.textContent = draft;
      length.textContent = String(draft.length);
    };
    window.__demoKit.controlledTextarea(box, (now) => {
      draft = now;
      render();
    });
    setInterval(render, 300);
  }

  conv.append(header, scroller, wrapper);
  // The chat opens at its newest message.
  drawWindow();
  scroller.scrollTop = scroller.scrollHeight;
  drawWindow();

  // The SDK, once up, emits the history it loaded with the chat: its newest messages.
  const loaded = demo.cache === 'all' ? messages : demo.cache === '20' ? messages.slice(-20) : [];
  setTimeout(() => {
    for (const m of loaded) {
      emitter.emit('message', {
        messageModel: {
          cid: c.cid, messageId: m.messageId, uuid: `u-${m.messageId}`, content: { text: { content: m.text } }, createAt: m.at,
          sender: { uid: m.by === 'buyer' ? buyerOf(c) : SELF }, autoReply: m.auto ? 1 : 0,
        },
      });
    }
  }, 1200);
})();
