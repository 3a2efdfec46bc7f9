// The side panel (Firefox: sidebar): every open item, in the order to work them.
// The queue is ordered, filtered and drawn by the Rust engine (QueuePanel, web-sys);
// this script only wires the filters, storage updates and row clicks.
import init, { QueuePanel } from './pkg/xunpan.js';
import { localizePage, queueLabels, t } from './i18n.js';
import { toCsv, toJsonl } from './export.js';

const api = globalThis.browser ?? globalThis.chrome;
const { TYPES } = globalThis.XunpanMessages;

localizePage();
await init({ module_or_path: api.runtime.getURL('pkg/xunpan_bg.wasm') });
const templates = (await api.runtime.sendMessage({ type: TYPES.TEMPLATES }).catch(() => null))?.templates ?? [];
const panel = new QueuePanel(document.getElementById('queue'), queueLabels(templates));
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
  };
}

function draw() {
  const counts = panel.render(Date.now());
  countsEl.textContent = t('queueCounts', [String(counts.open), String(counts.overdue), String(counts.dueSoon), String(counts.followUps ?? 0)]);
}

let storedItems = [];
async function loadItems() {
  const { items } = await api.storage.local.get('items');
  storedItems = Object.values(items ?? {});
  panel.setItems(storedItems);
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
const day = () => new Date().toISOString().slice(0, 10);
const headers = {
  csvNumber: t('csvNumber'), csvName: t('csvName'), csvEmail: t('csvEmail'), csvPhoneAddress: t('csvPhoneAddress'),
  csvCompany: t('csvCompany'), csvCountry: t('csvCountry'), csvGrade: t('csvGrade'), csvSummary: t('csvSummary'),
  csvInquiryTime: t('csvInquiryTime'),
};
document.getElementById('export-csv').addEventListener('click', () => {
  save(toCsv(storedItems, (key) => headers[key] ?? key), `xunpan-inquiries-${day()}.csv`, 'text/csv;charset=utf-8');
});
document.getElementById('export-jsonl').addEventListener('click', () => {
  save(toJsonl(storedItems), `xunpan-inquiries-${day()}.jsonl`, 'application/x-ndjson');
});

form.addEventListener('input', () => {
  panel.setFilter(readFilter());
  draw();
});
form.addEventListener('submit', (e) => e.preventDefault());

// A click (or Enter) on a row opens its page, or focuses it when already open.
async function openRow(row) {
  const url = row?.dataset.url;
  if (!url || !/^https:\/\/([a-z0-9-]+\.)*alibaba\.com\//.test(url)) return;
  const [tab] = await api.tabs.query({ url: url.split('#')[0] + '*' }).catch(() => []);
  if (tab) {
    await api.tabs.update(tab.id, { active: true });
    await api.windows?.update?.(tab.windowId, { focused: true });
  } else {
    await api.tabs.create({ url });
  }
}
const queue = document.getElementById('queue');
queue.addEventListener('click', (e) => openRow(e.target.closest('li.row')));
queue.addEventListener('keydown', (e) => e.key === 'Enter' && openRow(e.target.closest('li.row')));

api.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && changes.items) loadItems();
});
await loadItems();
panel.start();
