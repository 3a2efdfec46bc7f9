// The detail page's reply box on a real editor library (shape=tiny8, quill, prosemirror,
// lexreal; the server names the evidence for each). Each library is set up as its own
// documentation shows, with its undo history. The page's draft counter and send button
// read the library's model (its API), never the DOM: a text the library was not told
// about is not in the draft, as on a page built on it. The server points the bare
// imports below at tests/node_modules.
//
// For the tests only: window.__demoEditor = { text(), undo() } (the model's text and the
// library's own undo), window.__demoSent (what the send button would send).

const demo = window.__demo;
const t = demo.labels;
const counter = document.getElementById('draft-counter');
const sendButton = document.getElementById('send-button');

/** The page's reading of its draft: the counter and whether send is enabled. */
function showDraft(text) {
  const length = text.trim().length;
  counter.textContent = `${t.draft}: ${length} ${t.chars}`;
  sendButton.setAttribute('aria-disabled', String(length === 0));
}

/** The demo's TinyMCE as the page draws it: served locally, no menus, bars or brand. */
const TINYMCE_PLAIN = Object.freeze({
  base_url: '/demo/nm/tinymce',
  suffix: '.min',
  license_key: 'gpl',
  menubar: false,
  statusbar: false,
  promotion: false,
  branding: false,
});

/** Wires the page to an editor whose model's text `text()` gives, undone by `undo()`. */
function own(text, undo, kind) {
  window.__demoEditor = { kind, text, undo };
  sendButton.addEventListener('click', () => {
    if (text().trim()) window.__demoSent = text();
  });
  showDraft(text());
}

const placeholderText = demo.lang === 'en' ? 'Type a message' : '输入消息';

async function tinymce8() {
  const placeholder = document.querySelector('.mock-reply');
  let editor = null;
  own(() => (editor ? editor.getContent({ format: 'text' }) : ''), () => editor?.undoManager.undo(), 'tinymce');
  // Created lazily: the first click on the placeholder puts a textarea in its place
  // and starts TinyMCE on it (TinyMCE hides the textarea and keeps it up to date).
  placeholder.addEventListener('click', async () => {
    if (editor || document.getElementById('normal-im-send')) return;
    placeholder.hidden = true;
    const area = document.createElement('textarea');
    area.id = 'normal-im-send';
    document.getElementById('editor-slot').append(area);
    const [created] = await window.tinymce.init({
      target: area,
      ...TINYMCE_PLAIN,
      plugins: 'link',
      toolbar: 'bold italic | link',
      height: 180,
    });
    editor = created;
    editor.on('input change undo redo SetContent ExecCommand keyup', () => showDraft(editor.getContent({ format: 'text' })));
    editor.focus();
  });
}

/**
 * shape=mcemod: the same TinyMCE set up at load on the page's textarea normal-im-send,
 * the library then kept to the page's bundle alone (window.tinymce removed once the
 * editor is up: the theme and model it loads need the global until then).
 */
async function tinymceModule() {
  const lib = window.tinymce;
  let editor = null;
  own(() => (editor ? editor.getContent({ format: 'text' }) : ''), () => editor?.undoManager.undo(), 'tinymce');
  const [created] = await lib.init({
    target: document.getElementById('normal-im-send'),
    ...TINYMCE_PLAIN,
    toolbar: 'bold italic',
    height: 180,
  });
  editor = created;
  editor.on('input change undo redo SetContent ExecCommand keyup', () => showDraft(editor.getContent({ format: 'text' })));
  delete window.tinymce;
  window.__demoEditor.ready = true;
}

async function quill() {
  const host = document.querySelector('._rt_Vd5k');
  const editor = new window.Quill(host, {
    theme: 'snow',
    placeholder: placeholderText,
    modules: { toolbar: [['bold', 'italic'], ['link']], history: { delay: 1000, userOnly: false } },
  });
  const text = () => editor.getText().replace(/\n$/, '');
  editor.on('text-change', () => showDraft(text()));
  own(text, () => editor.history.undo(), 'quill');
}

async function prosemirror() {
  const { EditorState } = await import('prosemirror-state');
  const { EditorView } = await import('prosemirror-view');
  const { schema } = await import('prosemirror-schema-basic');
  const { history, undo, redo } = await import('prosemirror-history');
  const { keymap } = await import('prosemirror-keymap');
  const { baseKeymap } = await import('prosemirror-commands');
  const host = document.querySelector('._rt_Vd5k');
  const state = EditorState.create({
    schema,
    plugins: [history(), keymap({ 'Mod-z': undo, 'Mod-y': redo, 'Shift-Mod-z': redo }), keymap(baseKeymap)],
  });
  const view = new EditorView(host, {
    state,
    dispatchTransaction(transaction) {
      view.updateState(view.state.apply(transaction));
      showDraft(text());
    },
  });
  const text = () => view.state.doc.textBetween(0, view.state.doc.content.size, '\n\n', '\n');
  own(text, () => undo(view.state, view.dispatch), 'prosemirror');
}

async function lexical() {
  const { createEditor, $getRoot, UNDO_COMMAND } = await import('lexical');
  const { registerRichText, HeadingNode, QuoteNode } = await import('@lexical/rich-text');
  const { registerHistory, createEmptyHistoryState } = await import('@lexical/history');
  const host = document.querySelector('._rt_Vd5k');
  const root = document.createElement('div');
  root.className = '_ce_Hj7q';
  root.contentEditable = 'true';
  host.append(root);
  const editor = createEditor({ namespace: 'reply', nodes: [HeadingNode, QuoteNode], onError: (error) => console.error(error) });
  editor.setRootElement(root);
  registerRichText(editor);
  registerHistory(editor, createEmptyHistoryState(), 300);
  let current = '';
  editor.registerUpdateListener(({ editorState }) => {
    current = editorState.read(() => $getRoot().getTextContent());
    showDraft(current);
  });
  own(() => current, () => editor.dispatchCommand(UNDO_COMMAND, undefined), 'lexical');
}

const setUp = { tiny8: tinymce8, mcemod: tinymceModule, quill, prosemirror, lexreal: lexical }[demo.shape];
setUp?.();
