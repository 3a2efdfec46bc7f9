// The layout of what Xunpan keeps in storage.local, versioned, with the steps that
// bring data written by an older version up to date. Pure functions (tested in Node);
// the service worker applies them once per start, before it answers anything, and
// writes the result in one storage call so no half-upgraded state can remain.
//
// Layout (version 1):
//   schemaVersion  1
//   settings       the settings document ({format: "xunpan-settings", version, ...})
//   items          { [key]: item record } — what the pages showed, for the queue and exports
//   warned         { [key]: ms } — deadline warnings already given
// On a managed browser, storage.managed `settings` holds the administrator's policy and
// `settings` above holds only the rep's changes on top of it.
// Version 0 is what builds before the version key wrote: the same keys, unstamped.

export const SCHEMA_VERSION = 1;
export const STORE_SCHEMA = 'schemaVersion';

/** Each step takes the stored data at version n and returns it at version n + 1. */
const STEPS = [
  // 0 → 1: stamp the settings as a settings document (an unstamped one would be
  // refused by the engine and the rep's settings lost to the defaults); key items by
  // their own key and drop records that cannot be shown (no verdict).
  (data) => {
    const out = { ...data };
    if (data.settings && typeof data.settings === 'object' && !Array.isArray(data.settings) && !data.settings.format) {
      out.settings = { format: 'xunpan-settings', version: 1, ...data.settings };
    }
    if (data.items && typeof data.items === 'object') {
      const items = {};
      for (const [k, item] of Object.entries(data.items)) {
        if (!item || typeof item !== 'object' || !item.verdict) continue;
        const key = typeof item.key === 'string' && item.key ? item.key : k;
        items[key] = { ...item, key, channel: item.channel ?? 'inquiry' };
      }
      out.items = items;
    }
    return out;
  },
];

/**
 * `data` (everything in storage.local) brought to SCHEMA_VERSION. Returns
 * `{ data, from, changed }`; `changed` lists the keys to write. Data from a newer
 * version is left alone (`changed` empty) rather than misread.
 */
export function migrate(data) {
  const from = Number.isInteger(data?.[STORE_SCHEMA]) ? data[STORE_SCHEMA] : 0;
  if (from >= SCHEMA_VERSION) return { data, from, changed: [] };
  let out = { ...data };
  for (let v = from; v < SCHEMA_VERSION; v++) out = STEPS[v](out);
  out[STORE_SCHEMA] = SCHEMA_VERSION;
  const changed = Object.keys(out).filter((k) => JSON.stringify(out[k]) !== JSON.stringify(data?.[k]));
  return { data: out, from, changed };
}

/** The part of `data` to write for a migration: the changed keys only, in one object. */
export function writeSet({ data, changed }) {
  return Object.fromEntries(changed.map((k) => [k, data[k]]));
}

/**
 * The administrator's settings policy from managed storage (`settings`: a settings
 * document or its JSON text, see managed-schema.json), or null — the usual case.
 */
export async function managedPolicy(api) {
  try {
    const { settings } = (await api.storage.managed?.get('settings')) ?? {};
    const policy = typeof settings === 'string' ? JSON.parse(settings) : settings;
    return policy && typeof policy === 'object' && !Array.isArray(policy) ? policy : null;
  } catch {
    return null; // no managed storage here, or no policy set
  }
}
