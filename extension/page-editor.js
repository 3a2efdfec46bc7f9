// Xunpan page-world helper: puts reply text into the detail page's TinyMCE editor.
//
// TinyMCE keeps its own model of the draft, reachable only from the page's own world
// (`window.tinymce`), so this small script runs there. It answers one request — insert
// this text — posted by Xunpan's content script, and nothing else: it never sends,
// never clicks a send button, and exposes no function to the page.
(() => {
  'use strict';

  const REQUEST = 'xunpan-editor';
  const RESULT = 'xunpan-editor-result';
  const MAX_TEXT = 20_000;

  const escapeHtml = (s) =>
    s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

  /** Plain text to the editor's HTML: one paragraph per blank-line block, <br> inside. */
  function toHtml(text) {
    return text
      .split(/\n{2,}/)
      .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
      .join('');
  }

  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

  /** The editor, opening it through its placeholder first if it is not created yet. */
  async function editor(spec) {
    const get = () => window.tinymce?.get?.(spec.id) ?? null;
    if (get()) return get();
    const opener = spec.opener ? document.querySelector(spec.opener) : null;
    opener?.click();
    for (let i = 0; i < 50 && !get(); i++) await sleep(100);
    return get();
  }

  async function insert(text, spec, mode) {
    const ed = await editor(spec);
    if (ed) {
      const html = toHtml(text);
      // Through the editor's own API, so its undo history keeps the previous draft.
      const apply = () => {
        if (mode === 'replace') ed.setContent(html);
        else if (typeof ed.insertContent === 'function') ed.insertContent(html);
        else ed.setContent((ed.getContent?.() ?? '') + html);
      };
      if (typeof ed.undoManager?.transact === 'function') ed.undoManager.transact(apply);
      else apply();
      for (const name of ['input', 'change']) ed.fire?.(name);
      const area = document.getElementById(spec.id);
      if (area && 'value' in area) area.value = ed.getContent?.() ?? area.value;
      return true;
    }
    // Fallback: the editor's iframe body, when the page has no editor API.
    const frame = document.getElementById(`${spec.id}_ifr`);
    const body = frame?.contentDocument?.body;
    if (!body) return false;
    body.focus();
    if (!frame.contentDocument.execCommand('insertText', false, text)) body.append(text);
    body.dispatchEvent(new Event('input', { bubbles: true }));
    return true;
  }

  window.addEventListener('message', (ev) => {
    const m = ev.data;
    if (ev.source !== window || !m || m.source !== REQUEST || m.action !== 'insert') return;
    if (typeof m.text !== 'string' || m.text.length > MAX_TEXT || typeof m.id !== 'string') return;
    const spec = {
      id: typeof m.editor?.id === 'string' ? m.editor.id : 'normal-im-send',
      opener: typeof m.editor?.opener === 'string' ? m.editor.opener : '.mock-reply',
    };
    insert(m.text, spec, m.mode === 'replace' ? 'replace' : 'insert')
      .catch(() => false)
      .then((ok) => window.postMessage({ source: RESULT, id: m.id, ok }, location.origin));
  });
})();
