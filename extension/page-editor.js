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
  const NO_API = 'noApi';

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
  const flat = (s) => String(s ?? '').replace(/\s+/g, ' ').trim();

  /**
   * Whether an editor can take text: TinyMCE lists an editor as soon as it begins to set
   * it up, and says `initialized` only once its theme, model and frame are loaded (a
   * second or more for one created from its placeholder); text given before that is
   * dropped. An editor that keeps no such flag is taken as ready.
   */
  const ready = (ed) => Boolean(ed) && ed.initialized !== false && !ed.removed;

  /** The editor's frame body, once the editor drew it. */
  const frameBody = (spec) => document.getElementById(`${spec.id}_ifr`)?.contentDocument?.body ?? null;

  /**
   * The editor once ready, opening it through its placeholder first if it is not created
   * yet. A page that keeps the library to itself (no window.tinymce) while its editor's
   * frame is drawn has no API to wait for: null at once.
   */
  async function editor(spec) {
    const get = () => window.tinymce?.get?.(spec.id) ?? null;
    if (!get()) (spec.opener ? document.querySelector(spec.opener) : null)?.click();
    for (let i = 0; i < 80 && !ready(get()) && (window.tinymce || !frameBody(spec)); i++) await sleep(100);
    return ready(get()) ? get() : null;
  }

  /** Whether the editor's own model now holds `text` (its first and last lines), read from its content. */
  function holds(ed, text) {
    const parsed = new DOMParser().parseFromString(String(ed.getContent?.() ?? ''), 'text/html');
    const model = flat(parsed.body?.textContent);
    const lines = text.split('\n').map(flat).filter(Boolean);
    return lines.length > 0 && model.includes(lines[0]) && model.includes(lines.at(-1));
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
      // Done only when the editor says it has the text (an editor that dropped it is
      // reported, and the rep told).
      return holds(ed, text);
    }
    // No editor API: the content script puts the text into the editor's frame body,
    // as it does for any editable box.
    return frameBody(spec) ? NO_API : false;
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
      .then((ok) => window.postMessage({ source: RESULT, id: m.id, ok: ok === true, noApi: ok === NO_API }, location.origin));
  });
})();
