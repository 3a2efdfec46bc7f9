// The toolbar popup: today's counts at a glance, and the way to the queue and settings.
import init, { QueuePanel } from './pkg/xunpan.js';
import { localizePage } from './i18n.js';

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

document.getElementById('panel').addEventListener('click', async () => {
  const win = await api.windows.getCurrent();
  if (api.sidePanel?.open) await api.sidePanel.open({ windowId: win.id });
  else if (api.sidebarAction?.open) await api.sidebarAction.open();
  window.close();
});
document.getElementById('options').addEventListener('click', () => api.runtime.openOptionsPage());
