// The toolbar popup: today's counts at a glance, and the way to the queue and settings.
import init, { QueuePanel } from './pkg/xunpan.js';
import { localizePage, t } from './i18n.js';

const api = globalThis.browser ?? globalThis.chrome;
localizePage();
await init({ module_or_path: api.runtime.getURL('pkg/xunpan_bg.wasm') });

// The queue view computes the counts exactly as the side panel does.
const scratch = document.createElement('div');
const queue = new QueuePanel(scratch, null);
const { items } = await api.storage.local.get('items');
queue.setItems(Object.values(items ?? {}));
const counts = queue.render(Date.now());
for (const key of ['open', 'overdue', 'dueSoon']) document.getElementById(key).textContent = String(counts[key]);

// Reply metrics against the targets (99.5 % timely; top-10 peers answer in 0.159 h).
const state = await api.runtime.sendMessage({ type: globalThis.XunpanMessages.TYPES.GET_STATE }).catch(() => null);
const m = state?.metrics;
if (m) {
  const f = m.last30Days;
  const pct = (x) => (x == null ? '—' : `${(x * 100).toFixed(1)} %`);
  const timely = document.getElementById('timely');
  timely.textContent = `${pct(f.timelyRate)} / ${pct(m.targets.timelyRate)}`;
  timely.className = f.timelyRate != null && f.timelyRate < m.targets.timelyRate ? 'below' : 'ok';
  document.getElementById('average').textContent = f.avgFirstReplyHours == null
    ? '—'
    : t('hoursVsPeers', [f.avgFirstReplyHours.toFixed(2), String(m.targets.peersTop10AvgHours)]);
  document.getElementById('second').textContent = pct(f.secondReplyRate);
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
    document.getElementById('days').hidden = false;
  }
}

// Adapter health of the seller page in the active tab: what was found, what is missing,
// and a diagnostic to copy into a bug report (page structure only, no buyer data).
const [tab] = await api.tabs.query({ active: true, currentWindow: true }).catch(() => []);
const health = tab?.id !== undefined
  ? (await api.tabs.sendMessage(tab.id, { type: globalThis.XunpanMessages.TYPES.HEALTH }).catch(() => null))?.health
  : null;
if (health) {
  document.getElementById('health').hidden = false;
  document.getElementById('healthSummary').textContent = t(health.missing.length ? 'healthMissing' : 'healthOk', [health.pageType, String(health.items)]);
  const list = document.getElementById('healthList');
  for (const f of health.found) list.append(Object.assign(document.createElement('li'), { textContent: `✓ ${f}`, className: 'ok' }));
  for (const f of health.missing) list.append(Object.assign(document.createElement('li'), { textContent: `✗ ${f}`, className: 'below' }));
  document.getElementById('copyDiagnostic').addEventListener('click', async () => {
    const diagnostic = { ...health, browser: navigator.userAgent.match(/(Chrome|Firefox)\/\d+/)?.[0] ?? 'unknown', engine: state?.engine };
    await navigator.clipboard.writeText(JSON.stringify(diagnostic, null, 2));
    document.getElementById('copied').textContent = t('copied');
  });
}

document.getElementById('panel').addEventListener('click', async () => {
  const win = await api.windows.getCurrent();
  if (api.sidePanel?.open) await api.sidePanel.open({ windowId: win.id });
  else if (api.sidebarAction?.open) await api.sidebarAction.open();
  window.close();
});
document.getElementById('options').addEventListener('click', () => api.runtime.openOptionsPage());
