// Shared by the demo pages. With ?broken=1 every class name and id attribute the
// pages use is renamed, as if the site had been redesigned, so tests can check that
// Xunpan notices a page it cannot read instead of tagging the wrong things.
// The small DOM and time helpers every demo page script uses, loaded before them.
window.__demoKit = Object.freeze({
  /** A `tag` element with class `cls` and text `text` (either may be left out). */
  el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  },
  /**
   * A OneTalk contact row's identity as the reference shows it ([A] §4.1): `data-cid`,
   * `data-name`, `data-ali-id` on the row, and its `.contact-info` (name and country
   * tag), returned for the caller to place.
   */
  contactInfo(row, c) {
    row.setAttribute('data-cid', c.cid);
    row.setAttribute('data-name', c.contactNick);
    row.setAttribute('data-ali-id', c.contactAccountId);
    const info = this.el('div', 'contact-info');
    info.append(this.el('span', 'name', c.contactNick), this.el('span', 'tag-item', c.countryCode));
    return info;
  },
  /**
   * A controlled `textarea` with React's value tracker: a value set through the
   * element's `value` property is remembered, and an `input` event that carries the
   * remembered value is no change for the page. `onChange(value)` gets the others, as
   * a React page's state would.
   */
  controlledTextarea(box, onChange) {
    const nativeValue = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value');
    let tracked = '';
    Object.defineProperty(box, 'value', {
      configurable: true,
      get() { return nativeValue.get.call(this); },
      set(v) { tracked = String(v); nativeValue.set.call(this, v); },
    });
    box.addEventListener('input', () => {
      const now = nativeValue.get.call(box);
      if (now === tracked) return; // the tracker saw this value already: no change for React
      tracked = now;
      onChange(now);
    });
  },
  /**
   * The detail page's TinyMCE as the reference shows it ([A] §3.3): a hidden
   * `textarea#<id>` and an `<id>_ifr` frame appended to `slot`, the draft kept in the
   * editor's own model (getContent / setContent / insertContent, `change` and `input`
   * events). The page's counter (`counter`, with `labels`) reads the model. `destroy()`
   * makes the editor refuse text, as a removed TinyMCE does.
   */
  tinyMceLike(slot, counter, labels, id = 'normal-im-send') {
    const area = this.el('textarea');
    area.id = id;
    area.hidden = true;
    const frame = this.el('iframe', 'editor-frame');
    frame.id = `${id}_ifr`;
    slot.append(area, frame);
    const body = frame.contentDocument.body;
    body.contentEditable = 'true';
    body.style.font = '14px sans-serif';
    const listeners = {};
    let model = '';
    let alive = true;
    const fire = (name) => (listeners[name] ?? []).forEach((fn) => fn({ type: name }));
    const set = (html) => {
      if (!alive) throw new Error('this editor was removed');
      model = String(html);
      body.innerHTML = model;
      fire('change');
    };
    const editor = {
      id,
      getContent: () => model,
      setContent: set,
      insertContent: (html) => set(model + String(html)),
      fire,
      on(name, fn) {
        (listeners[name] ??= []).push(fn);
      },
      getBody: () => body,
      destroy() {
        alive = false;
      },
    };
    body.addEventListener('input', () => {
      model = body.innerHTML;
      fire('input');
    });
    const update = () => {
      counter.textContent = `${labels.draft}: ${(body.textContent ?? '').length} ${labels.chars}`;
      area.value = model;
    };
    editor.on('change', update);
    editor.on('input', update);
    return editor;
  },
  /** Two digits. */
  pad: (n) => String(n).padStart(2, '0'),
  /** "HH:MM" of a time (epoch ms or a Date) in the browser's zone. */
  hhmm(at) {
    const d = new Date(at);
    return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
  },
});

(() => {
  'use strict';
  if (!window.__demo?.broken && !document.querySelector('meta[name=demo][content*="\\"broken\\":true"]')) return;
  const renameAll = (root) => {
    for (const el of root.querySelectorAll('*')) {
      if (el.classList.length) el.className = [...el.classList].map((c) => (c.startsWith('zz-') ? c : `zz-${c}`)).join(' ');
      for (const attr of ['data-trade-id', 'data-cid', 'data-query', 'data-expinfo']) {
        if (el.hasAttribute(attr)) {
          el.setAttribute(`data-zz-${attr.slice(5)}`, el.getAttribute(attr));
          el.removeAttribute(attr);
        }
      }
    }
  };
  const run = () => renameAll(document.body);
  window.__demoRename = run;
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', run);
  else run();
})();
