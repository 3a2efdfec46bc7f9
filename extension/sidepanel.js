// The side panel (Firefox: sidebar): every open item, in the order to work them, and
// the reply metrics as small charts. The queue is ordered, filtered and drawn by the
// Rust engine (QueuePanel, web-sys), the charts too (drawMetrics); this script only
// wires the filters, storage updates, row clicks and the rows' "Insert reply".
//
// The rows are drawn as soon as the engine's module is loaded, from the stored items;
// what needs the service worker (template names, the metrics) fills in when it answers,
// so a worker that is still starting never leaves the panel blank.
import init, { QueuePanel, drawMetrics } from './pkg/xunpan.js';
import { chartLabels, localizePage, queueLabels, t } from './i18n.js';
import { fileDay, toCsv } from './export.js';

const api = globalThis.browser ?? globalThis.chrome;
const { TYPES } = globalThis.XunpanMessages;

localizePage();
await init({ module_or_path: api.runtime.getURL('pkg/xunpan_bg.wasm') });
const panel = new QueuePanel(document.getElementById('queue'), queueLabels());
const form = document.getElementById('filters');
const countsEl = document.getElementById('counts');

function readFilter() {
  const value = (id) => document.getElementById(id).value || null;
  return {
    search: document.getElementById('search').value,
    channel: value('channel'),
    verdict: value('verdict'),
    grade: value('grade'),
    urgentOnly: document.getElementById('urgent').checked,
    includeSpam: document.getElementById('spam').checked,
  };
}

/**
 * Rows whose message the page showed cut short (the record's `preview`): the tag says
 * "preview" unless the part read proves spam, no grade, and a note that the full
 * message opens with the chat (no reply is suggested for them: their record has none).
 * The engine's panel draws the rows; they are marked here each time it draws them.
 */
function markPreviews() {
  for (const row of document.querySelectorAll('#queue li.row:not([data-read])')) {
    const item = storedItems.find((i) => i.key === row.dataset.key);
    if (!item?.preview) continue;
    row.dataset.read = 'preview';
    const tag = row.querySelector('.tag');
    if (tag && !item.preview.tag) {
      tag.className = 'tag from-preview';
      tag.textContent = t('chipPreview');
    }
    // The grade's place stays (the row's grid), empty.
    const grade = row.querySelector('.grade');
    if (grade) {
      grade.textContent = '';
      grade.removeAttribute('title');
    }
    const note = document.createElement('span');
    note.className = 'preview-note';
    note.textContent = t('previewNote');
    row.append(note);
  }
}
new MutationObserver(markPreviews).observe(document.getElementById('queue'), { childList: true });

function draw() {
  const counts = panel.render(Date.now());
  countsEl.textContent = t('queueCounts', [String(counts.open), String(counts.overdue), String(counts.dueSoon), String(counts.followUps ?? 0)]);
  document.getElementById('spamLabel').textContent = t('showSpam', [String(counts.spam ?? 0)]);
}

let storedItems = [];
async function loadItems() {
  const { items } = await api.storage.local.get('items');
  storedItems = Object.values(items ?? {});
  for (const reason of panel.setItems(storedItems) ?? []) console.warn(`Xunpan: ${reason}`);
  draw();
}

// --- what needs the worker: template names, metrics, a storage problem ------------------------

/** Redraws the charts from the worker's metrics (a failure leaves the last drawing). */
async function loadState() {
  const state = await api.runtime.sendMessage({ type: TYPES.GET_STATE }).catch(() => null);
  if (state?.metrics) drawMetrics(document.getElementById('charts'), state.metrics, chartLabels());
  const problem = document.getElementById('storeProblem');
  problem.textContent = state?.storeProblem ? t('storeProblem', [state.storeProblem.message]) : '';
  problem.hidden = !state?.storeProblem;
  // Replies sign with the rep's name and company: until both are set, say so.
  const profile = state?.settings?.reply?.profile;
  document.getElementById('setupMissing').hidden = !state || Boolean(profile?.repName?.trim() && profile?.company?.trim());
}
let stateTimer = null;
const loadStateSoon = () => {
  clearTimeout(stateTimer);
  stateTimer = setTimeout(loadState, 500);
};

async function loadTemplateNames() {
  const templates = (await api.runtime.sendMessage({ type: TYPES.TEMPLATES }).catch(() => null))?.templates;
  if (!templates) return;
  panel.setLabels(queueLabels(templates));
  draw();
}

/** Saves `text` as a file through the browser's own download (no extra permission). */
function save(text, name, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
document.getElementById('export-csv').addEventListener('click', () => {
  // Buyers first, spam last: the report reads top down.
  const rank = (i) => (i.verdict === 'spam' ? 1 : 0);
  const items = [...storedItems].sort((a, b) => rank(a) - rank(b) || String(b.receivedAt ?? '').localeCompare(String(a.receivedAt ?? '')));
  save(toCsv(items, (key) => t(key)), `xunpan-inquiries-${fileDay()}.csv`, 'text/csv;charset=utf-8');
});

form.addEventListener('input', () => {
  panel.setFilter(readFilter());
  draw();
});
form.addEventListener('submit', (e) => e.preventDefault());

// --- rows: open the item's page, put its reply in -----------------------------------------


/** The row's page, brought to the front: the open tab if there is one, else a new one. */
async function showRowPage(row) {
  const url = row?.dataset.url;
  if (!url || !globalThis.XunpanSite.isSellerPage(url)) return null;
  const [tab] = await api.tabs.query({ url: url.split('#')[0] + '*' }).catch(() => []);
  if (tab) {
    await api.tabs.update(tab.id, { active: true });
    await api.windows?.update?.(tab.windowId, { focused: true });
    return { tab, opened: false };
  }
  return { tab: await api.tabs.create({ url }), opened: true };
}

const statusEl = document.getElementById('panelStatus');
function status(text) {
  statusEl.textContent = text ?? '';
  statusEl.hidden = !text;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// What a page answers when the reply did not go in, each a message of its own.
const INSERT_REASONS = Object.freeze(['insertFailed', 'insertNotTaken', 'insertNotTakenCopied']);

/**
 * Puts the row's reply (the one its button names: the suggested reply, or the
 * follow-up once it is due) into its page's editor, opening the page first when it is
 * not open yet (then waiting, up to 20 s, for the page to show the item).
 * The rep checks and sends it; nothing is sent from here.
 */
async function insertFromRow(row, template) {
  const item = storedItems.find((i) => i.key === row?.dataset.key);
  if (!template || !item?.id) return;
  const who = item.buyer ?? t('buyerUnnamed');
  const shown = await showRowPage(row);
  if (!shown) return;
  if (shown.opened) status(t('panelInsertOpening', [who]));
  const message = { type: TYPES.INSERT_REPLY, id: item.id, channel: item.channel, template };
  const deadline = Date.now() + (shown.opened ? 20_000 : 3_000);
  let answer = null;
  for (;;) {
    answer = await api.tabs.sendMessage(shown.tab.id, message).catch(() => null);
    if (answer?.ok || (answer && answer.reason !== 'notOpen') || Date.now() > deadline) break;
    await sleep(400); // the page is still loading, or the content script not yet there
  }
  if (answer?.ok) status(t('panelInserted', [who]));
  else {
    const reason = !answer || answer.reason === 'notOpen' ? t('panelInsertNotOpen')
      : INSERT_REASONS.includes(answer.reason) ? t(answer.reason) : answer.reason;
    status(t('panelInsertFailed', [who, reason]));
  }
}

const queue = document.getElementById('queue');
queue.addEventListener('click', (e) => {
  const row = e.target.closest('li.row');
  const insert = e.target.closest('button.insert');
  if (insert) insertFromRow(row, insert.dataset.template);
  else showRowPage(row);
});
queue.addEventListener('keydown', (e) => {
  if (e.key !== 'Enter' || e.target.closest('button')) return; // a button's Enter is its click
  showRowPage(e.target.closest('li.row'));
});

api.storage.onChanged.addListener((changes, area) => {
  if (area !== 'local' || !changes.items) return;
  loadItems();
  loadStateSoon();
});
// What the adapter could read on the seller page in the active tab: named in the
// rep's words whenever a part is missing (rows found or not), with the diagnostic.
let health = null;
async function loadHealth() {
  const [tab] = await api.tabs.query({ active: true, lastFocusedWindow: true }).catch(() => []);
  health = tab?.id !== undefined
    ? (await api.tabs.sendMessage(tab.id, { type: TYPES.HEALTH }).catch(() => null))?.health ?? null
    : null;
  const section = document.getElementById('health');
  const missing = health?.missing ?? [];
  section.hidden = !health || !globalThis.XunpanHealth.mattersToRep(missing);
  if (section.hidden) return;
  const summary = document.getElementById('healthSummary');
  summary.textContent = t('healthPartly', [globalThis.XunpanHealth.partsInWords(missing, t)]);
  summary.className = 'below';
}
document.getElementById('copyDiagnostic').addEventListener('click', async () => {
  if (!health) return;
  const diagnostic = { ...health, browser: navigator.userAgent.match(/(Chrome|Firefox)\/\d+/)?.[0] ?? 'unknown' };
  await navigator.clipboard.writeText(JSON.stringify(diagnostic, null, 2));
  document.getElementById('copied').textContent = t('copied');
});
api.tabs.onActivated?.addListener(() => loadHealth());
api.tabs.onUpdated?.addListener((_id, change) => change.status === 'complete' && loadHealth());
setInterval(loadHealth, 5000);

await loadItems();
panel.start();
loadHealth();
loadTemplateNames();
loadState();
