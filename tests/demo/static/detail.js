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
  // shape=sides draws its conversation on the server and asks for none; shape=xlate
  // neither (what-if: the DOM is all there is to read).
  if (demo.shape !== 'sides' && demo.shape !== 'xlate') {
    const xhr = new XMLHttpRequest();
    xhr.open('GET', `/message/getOpMessages.htm?tradeId=${id}&${q}`);
    xhr.send();
  }
  const callback = `jsonp_${Date.now().toString(36)}`;
  window[callback] = (answer) => {
    window.__demoBuyerInfo = answer?.data?.data?.buyerInfo ?? null;
    delete window[callback];
  };
  const crm = document.createElement('script');
  crm.src = `https://alicrm.alibaba.com/jsonp/customerPluginQueryServiceI/queryCustomerInfo.json?tradeId=${id}&${q}&callback=${callback}`;
  document.head.append(crm);

  // The shapes on real editor libraries: real-editors.mjs sets up their reply box.
  if (['tiny8', 'quill', 'prosemirror', 'lexreal', 'mcemod'].includes(demo.shape)) return;

  let editor = null;
  const counter = document.getElementById('draft-counter');

  function createEditor(editorId = 'normal-im-send') {
    editor = window.__demoKit.tinyMceLike(document.getElementById('editor-slot'), counter, t, editorId);
    const placeholder = document.querySelector('.mock-reply');
    if (placeholder) placeholder.hidden = true;
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

  // shape=lexical: a framework-owned contenteditable (as Lexical or ProseMirror keep
  // one). The framework holds the draft in its model and draws the box from it; text
  // comes in only as the browser delivers it: a `beforeinput` it handles itself, a
  // `paste` with clipboard data, or an `input` event that carries its data (what
  // execCommand('insertText') fires). Any other change to its DOM is put back from the
  // model, so text written into the box behind its back is lost — as on such pages.
  if (demo.shape === 'lexical') {
    const root = document.querySelector('[data-lexical-editor]');
    const placeholder = document.querySelector('._ph_Kk2w4');
    let model = '';
    let drawn = '';
    const draw = () => {
      root.replaceChildren(...model.split('\n').map((line) => {
        const p = document.createElement('p');
        if (line) p.textContent = line;
        else p.append(document.createElement('br'));
        return p;
      }));
      drawn = root.innerHTML;
      placeholder.hidden = model.length > 0;
      counter.textContent = `${t.draft}: ${model.trim().length} ${t.chars}`;
      if (document.activeElement === root) {
        const range = document.createRange();
        range.selectNodeContents(root);
        range.collapse(false);
        getSelection().removeAllRanges();
        getSelection().addRange(range);
      }
    };
    const take = (text) => {
      model += String(text).replace(/\r\n?/g, '\n');
      draw();
    };
    root.addEventListener('beforeinput', (e) => {
      const text = e.data ?? e.dataTransfer?.getData('text/plain') ?? null;
      if (/^insert(Text|ReplacementText|FromPaste|FromDrop)$/.test(e.inputType) && text !== null) {
        e.preventDefault();
        take(text);
      } else if (e.inputType === 'insertParagraph' || e.inputType === 'insertLineBreak') {
        e.preventDefault();
        take('\n');
      } else if (e.inputType === 'deleteContentBackward') {
        e.preventDefault();
        model = model.slice(0, -1);
        draw();
      }
    });
    root.addEventListener('paste', (e) => {
      e.preventDefault();
      take(e.clipboardData?.getData('text/plain') ?? '');
    });
    root.addEventListener('input', (e) => {
      const text = e.data ?? e.dataTransfer?.getData?.('text/plain') ?? null;
      if (e.inputType === 'insertParagraph' || e.inputType === 'insertLineBreak') take('\n');
      else if (/^insert/.test(e.inputType ?? '') && text !== null) take(text);
      else draw();
    });
    new MutationObserver(() => {
      if (root.innerHTML !== drawn) draw();
    }).observe(root, { childList: true, subtree: true, characterData: true });
    window.__demoEditorModel = () => model;
    document.getElementById('send-button').addEventListener('click', () => {
      window.__demoSent = model;
    });
    draw();
    return;
  }

  // shape=cke4: an iframe-based rich editor drawn as CKEditor 4 draws one, a moment
  // after load (it fetches its parts first). Its model is the frame body's HTML, kept
  // on the frame document's input events and put into the hidden textarea; the counter
  // and the send button read the model. The browser's own undo in the frame is its undo.
  // For the tests: window.__demoEditor = { kind, text(), undo() }.
  if (demo.shape === 'cke4') {
    let data = '';
    const textOf = (html) => new DOMParser().parseFromString(html.replace(/<br\s*\/?>/gi, '\n').replace(/<\/p>/gi, '</p>\n'), 'text/html').body.textContent;
    setTimeout(() => {
      const frame = document.createElement('iframe');
      frame.className = 'cke_wysiwyg_frame cke_reset';
      frame.title = 'Rich Text Editor, reply-content';
      frame.setAttribute('frameborder', '0');
      frame.setAttribute('tabindex', '0');
      frame.style.cssText = 'width:100%;height:100%';
      document.getElementById('cke_1_contents').append(frame);
      const doc = frame.contentDocument;
      doc.open();
      doc.write('<!DOCTYPE html><html dir="ltr" lang="en"><head><title>Rich Text Editor, reply-content</title><style>body{font:14px sans-serif;margin:8px}p{margin:0 0 8px}</style></head>' +
        '<body contenteditable="true" class="cke_editable cke_editable_themed cke_contents_ltr" spellcheck="false"><p><br></p></body></html>');
      doc.close();
      const sync = () => {
        data = doc.body.innerHTML;
        document.getElementById('reply-content').value = data;
        counter.textContent = `${t.draft}: ${textOf(data).trim().length} ${t.chars}`;
      };
      for (const name of ['input', 'keyup', 'paste']) doc.addEventListener(name, () => setTimeout(sync, 0));
      window.__demoEditor = { kind: 'cke4', text: () => textOf(data), undo: () => doc.execCommand('undo'), ready: true };
    }, 300);
    document.getElementById('send-button').addEventListener('click', () => {
      if (textOf(data).trim()) window.__demoSent = textOf(data);
    });
    return;
  }

  // shape=mce4: an older TinyMCE set up at load under the id it generated.
  if (demo.shape === 'mce4') {
    createEditor('mce_0');
    window.tinymce = { get: (name) => (name === 'mce_0' || name === 0 ? editor : null), activeEditor: editor, editors: [editor] };
    document.getElementById('send-button').addEventListener('click', () => {
      window.__demoSent = editor.getContent();
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
