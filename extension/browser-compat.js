// What differs between Chrome and Firefox, in one place. Everything else in the
// extension is written once, against the WebExtension APIs both browsers share.
//
//   background    Chrome runs background.js as a service worker, Firefox as an event
//                 page (manifest.json names it both ways; each browser takes its own).
//                 Both may be stopped when idle: nothing lives only in memory.
//   work queue    Chrome's side panel (sidePanel) or Firefox's sidebar (sidebarAction),
//                 the same sidepanel.html in either.
//   team policy   Chrome tells of a changed managed storage (storage.managed.onChanged).
//                 Firefox declares that event but never fires it (and reads its managed
//                 storage once per start of the extension), so there the policy is read
//                 again on a timer and whenever a seller page opens (worker-policy.js).
//   warm engine   Chrome keeps the engine warm between worker starts in an offscreen
//                 document (worker-warm.js, offscreen.js); Firefox has no offscreen
//                 documents (its event page's engine answers, as it always did).

export const api = globalThis.browser ?? globalThis.chrome;

/** 'service-worker' (Chrome) or 'event-page' (Firefox), for diagnostics. */
export const backgroundKind =
  typeof globalThis.ServiceWorkerGlobalScope === 'function' && globalThis instanceof globalThis.ServiceWorkerGlobalScope
    ? 'service-worker'
    : 'event-page';

/** Opens the work queue beside the page: the side panel or the sidebar. */
export async function openWorkQueue(windowId) {
  if (api.sidePanel?.open) await api.sidePanel.open({ windowId });
  else if (api.sidebarAction?.open) await api.sidebarAction.open();
}

/** The toolbar icon opens the popup, not the side panel (Chrome; Firefox always does). */
export function keepPopupOnToolbarIcon() {
  api.sidePanel?.setPanelBehavior?.({ openPanelOnActionClick: false }).catch?.(() => {});
}

/** Whether the browser has offscreen documents (Chrome ≥ 109; not Firefox). */
export const hasOffscreenDocuments = typeof api.offscreen?.createDocument === 'function';

/** Firefox (the one browser with runtime.getBrowserInfo). */
export const isFirefox = typeof api.runtime?.getBrowserInfo === 'function';

/**
 * Has `listener` called when the browser reports a change of the managed storage.
 * Returns false where the browser cannot report one (Firefox: the event is declared,
 * not implemented): the caller must then read the managed storage again itself, on a
 * timer or at a suitable moment.
 */
export function onManagedStorageChanged(listener) {
  const event = api.storage?.managed?.onChanged;
  if (isFirefox || typeof event?.addListener !== 'function') return false;
  try {
    event.addListener(listener);
    return true;
  } catch {
    return false; // declared but not implemented
  }
}
