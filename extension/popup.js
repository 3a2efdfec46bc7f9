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
}

document.getElementById('panel').addEventListener('click', async () => {
  const win = await api.windows.getCurrent();
  if (api.sidePanel?.open) await api.sidePanel.open({ windowId: win.id });
  else if (api.sidebarAction?.open) await api.sidebarAction.open();
  window.close();
});
document.getElementById('options').addEventListener('click', () => api.runtime.openOptionsPage());
