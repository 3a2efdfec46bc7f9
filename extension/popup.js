// The toolbar popup: today's counts at a glance, the reply metrics, whether Xunpan can
// read the page in the active tab (in plain words, with a diagnostic to copy for
// support), and the way to the queue and settings.
import init, { QueuePanel } from './pkg/xunpan.js';
import { t } from './i18n.js';
import { api, openWorkQueue } from './browser-compat.js';

const { TYPES } = globalThis.XunpanMessages;
const $ = (id) => document.getElementById(id);

$('panel').addEventListener('click', async () => {
  const win = await api.windows.getCurrent();
  await openWorkQueue(win.id);
  window.close();
});
$('options').addEventListener('click', () => api.runtime.openOptionsPage());

// The counts come from the stored items at once; the metrics when the worker answers.
await init({ module_or_path: api.runtime.getURL('pkg/xunpan_bg.wasm') });
const queue = new QueuePanel(document.createElement('div'), null);
const { items } = await api.storage.local.get('items');
for (const reason of queue.setItems(Object.values(items ?? {})) ?? []) console.warn(`Xunpan: ${reason}`);
const counts = queue.render(Date.now());
for (const key of ['open', 'overdue', 'dueSoon']) $(key).textContent = String(counts[key]);

// Adapter health of the seller page in the active tab, and a diagnostic to copy into a
// bug report (page structure only, no buyer data).
const [tab] = await api.tabs.query({ active: true, currentWindow: true }).catch(() => []);
const health = tab?.id !== undefined
  ? (await api.tabs.sendMessage(tab.id, { type: TYPES.HEALTH }).catch(() => null))?.health
  : null;
if (health) {
  $('health').hidden = false;
  const summary = $('healthSummary');
  summary.textContent = health.missing.length ? t('healthPartly', [globalThis.XunpanHealth.partsInWords(health.missing, t)]) : t('healthReadable', [String(health.items)]);
  summary.className = health.missing.length ? 'below' : 'ok';
}

// Reply metrics against the targets (99.5 % timely; top-10 peers answer in 0.159 h).
const state = await api.runtime.sendMessage({ type: TYPES.GET_STATE }).catch(() => null);
if (state?.storeProblem) {
  $('storeProblem').textContent = t('storeProblem', [state.storeProblem.message]);
  $('storeProblem').hidden = false;
}
const m = state?.metrics;
if (m) {
  const f = m.last30Days;
  const pct = (x) => (x == null ? '—' : `${(x * 100).toFixed(1)} %`);
  const timely = $('timely');
  timely.textContent = `${pct(f.timelyRate)} / ${pct(m.targets.timelyRate)}`;
  timely.className = f.timelyRate != null && f.timelyRate < m.targets.timelyRate ? 'below' : 'ok';
  $('average').textContent = f.avgFirstReplyHours == null
    ? '—'
    : t('hoursVsPeers', [f.avgFirstReplyHours.toFixed(2), String(m.targets.peersTop10AvgHours)]);
  $('second').textContent = pct(f.secondReplyRate);
  // The last seven days with activity, newest first.
  const days = m.perDay.slice(-7).reverse();
  if (days.length) {
    const body = document.querySelector('#days tbody');
    for (const [day, d] of days) {
      const row = document.createElement('tr');
      for (const text of [day.slice(5), String(d.received), pct(d.timelyRate), d.avgFirstReplyHours == null ? '—' : d.avgFirstReplyHours.toFixed(2)]) {
        row.append(Object.assign(document.createElement('td'), { textContent: text }));
      }
      body.append(row);
    }
    $('days').hidden = false;
  }
}

if (health) {
  $('copyDiagnostic').addEventListener('click', async () => {
    const diagnostic = { ...health, browser: navigator.userAgent.match(/(Chrome|Firefox)\/\d+/)?.[0] ?? 'unknown', engine: state?.engine };
    await navigator.clipboard.writeText(JSON.stringify(diagnostic, null, 2));
    $('copied').textContent = t('copied');
  });
}
