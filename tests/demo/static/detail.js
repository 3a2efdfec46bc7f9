// The inquiry detail page: asks for the conversation and the buyer profile like the
// real page (observable data), and creates a TinyMCE-like editor when the reply box
// is clicked. The editor keeps its own model of the draft; the page "sees" the draft
// only through that model (the counter, the send button).
(() => {
  'use strict';
  const demo = window.__demo;
  const t = demo.labels;
  const q = new URLSearchParams(location.search);
  const id = q.get('imInquiryId');

  // The data requests the real detail page makes (answers are only kept, not drawn):
  // the conversation by XHR, the buyer profile as JSONP from the CRM host.
  const xhr = new XMLHttpRequest();
  xhr.open('GET', `/message/getOpMessages.htm?tradeId=${id}&${q}`);
  xhr.send();
  const callback = `jsonp_${Date.now().toString(36)}`;
  window[callback] = (answer) => {
    window.__demoBuyerInfo = answer?.data?.data?.buyerInfo ?? null;
    delete window[callback];
  };
  const crm = document.createElement('script');
  crm.src = `https://alicrm.alibaba.com/jsonp/customerPluginQueryServiceI/queryCustomerInfo.json?tradeId=${id}&${q}&callback=${callback}`;
  document.head.append(crm);

  let editor = null;
  const counter = document.getElementById('draft-counter');

  function createEditor() {
    const slot = document.getElementById('editor-slot');
    const area = document.createElement('textarea');
    area.id = 'normal-im-send';
    area.hidden = true;
    const frame = document.createElement('iframe');
    frame.id = 'normal-im-send_ifr';
    frame.className = 'editor-frame';
    slot.append(area, frame);
    const body = frame.contentDocument.body;
    body.contentEditable = 'true';
    body.style.font = '14px sans-serif';
    const listeners = {};
    let model = '';
    const fire = (name) => (listeners[name] ?? []).forEach((fn) => fn({ type: name }));
    editor = {
      id: 'normal-im-send',
      getContent: () => model,
      setContent(html) {
        model = String(html);
        body.innerHTML = model;
        fire('change');
      },
      insertContent(html) {
        model += String(html);
        body.innerHTML = model;
        fire('change');
      },
      fire,
      on(name, fn) {
        (listeners[name] ??= []).push(fn);
      },
      getBody: () => body,
    };
    body.addEventListener('input', () => {
      model = body.innerHTML;
      fire('input');
    });
    const update = () => {
      const text = body.textContent ?? '';
      counter.textContent = `${t.draft}: ${text.length} ${t.chars}`;
      area.value = model;
    };
    editor.on('change', update);
    editor.on('input', update);
    document.querySelector('.mock-reply').hidden = true;
  }

  // shape=ce / textarea: the reply box is a contenteditable element or a plain
  // textarea; the page's counter and send button read it, as a React page would, only
  // through its input events.
  if (demo.shape === 'ce' || demo.shape === 'textarea') {
    const box = document.querySelector('._editor_Q9a7');
    let draft = '';
    box.addEventListener('input', () => {
      draft = demo.shape === 'ce' ? box.innerText : box.value;
      counter.textContent = `${t.draft}: ${draft.trim().length} ${t.chars}`;
    });
    document.getElementById('send-button').addEventListener('click', () => {
      window.__demoSent = draft;
    });
    return;
  }

  window.tinymce = { get: (name) => (name === 'normal-im-send' ? editor : null), activeEditor: null };
  document.querySelector('.mock-reply').addEventListener('click', () => {
    if (!editor) createEditor();
    window.tinymce.activeEditor = editor;
  });
  document.getElementById('send-button').addEventListener('click', () => {
    window.__demoSent = editor ? editor.getContent() : '';
  });
})();
