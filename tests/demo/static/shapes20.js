// Shapes of the twentieth round (tests/demo/shapes20.js names them and their evidence):
// the life of the platform's translation and of OneTalk's composer on shapes xlate and
// xchat. A translation still "翻译中" arrives a second after load (the DOM changes under
// the reader); "显示原文" shows the original (arrangement above: it was in the DOM,
// hidden; fold: it is put into the DOM only now); OneTalk's composer is a React-controlled
// textarea (Enter sends, as its placeholder says), and the AI assistant's "Use this" puts
// its own suggestion into it. The truth for the tests: window.__x20 (the thread, its
// messages and translations, the page's words), window.__demoDraft() (what Send would send).
(() => {
  'use strict';
  const x = window.__x20;
  if (!x) return;
  const w = x.words;
  const { el } = window.__demoKit;
  const byId = Object.fromEntries(x.thread.messages.map((m) => [m.messageId, m]));
  const translationOf = (m) => (x.uiLang === 'en' ? m.en : m.zh);

  // The translation that was still being made when the page was drawn.
  setTimeout(() => {
    for (const box of document.querySelectorAll('[data-x20-pending]')) {
      const m = byId[box.getAttribute('data-x20-pending')];
      box.removeAttribute('data-x20-pending');
      if (x.xl === 'ref') {
        box.replaceChildren(document.createTextNode(translationOf(m)), el('span', 'translate-tip', w.marker));
      } else {
        box.replaceChildren(document.createTextNode(translationOf(m)));
        box.after(el('div', '_mk_W8e1', w.marker));
      }
    }
  }, 1000);

  // "显示原文" / "Show original": the original shown, or (fold) drawn only now.
  document.addEventListener('click', (ev) => {
    const toggle = ev.target.closest?.('[data-x20-original]');
    if (!toggle) return;
    const m = byId[toggle.getAttribute('data-x20-original')];
    let original = toggle.parentElement.querySelector('._og_Z4c6');
    if (!original) {
      original = el('div', '_og_Z4c6', m.text);
      original.style.display = 'none';
      toggle.after(original);
    }
    const shown = original.style.display !== 'none';
    original.style.display = shown ? 'none' : '';
    toggle.textContent = shown ? w.original : x.uiLang === 'en' ? 'Hide original' : '收起原文';
  });

  // OneTalk's composer: the draft is the page's state (React's value tracker included).
  const box = document.querySelector('#send-box-wrapper textarea.send-textarea');
  if (!box) return;
  let draft = '';
  window.__demoDraft = () => draft;
  const mirror = document.querySelector('.send-textarea-mirror');
  const length = document.querySelector('.x20-len');
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
  const send = () => {
    window.__demoSent = draft;
  };
  document.querySelector('.send-tool-button').addEventListener('click', send);
  box.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter' && !ev.shiftKey && !ev.isComposing) {
      ev.preventDefault();
      send();
    }
  });
  // The AI assistant: "Use this" puts its (editable) suggestion into the composer.
  document.querySelector('.assistant-use')?.addEventListener('click', () => {
    draft = document.querySelector('.assistant-suggest-text').value;
    window.__x20AiUsed = true;
    render();
  });
  document.getElementById('assistant-entry-icon')?.addEventListener('click', () => {
    document.getElementById('assistant-panel')?.toggleAttribute('hidden');
  });
})();
