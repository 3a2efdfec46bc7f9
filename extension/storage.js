// The layout of what Xunpan keeps in storage.local, versioned, with the steps that
// bring data written by an older version up to date, and the shape and size budget of
// the item records. Pure functions (tested in Node); the service worker applies the
// steps once per start, before it answers anything, and writes the result in one
// storage call so no half-upgraded state can remain.
//
// Layout (version 3):
//   schemaVersion  3
//   settings       the settings document ({format: "xunpan-settings", version, ...}),
//                  without the learned filter
//   learned        the spam filter the rep taught ({spamDocs, genuineDocs, tokens});
//                  apart from the settings, so saving Options never puts back an older one
//   items          { [key]: item record } — what the pages showed, for the queue and
//                  exports, within ITEMS_BUDGET_BYTES
//   reading:<key>  the buyer's text an item's record kept ({receivedAt, body,
//                  attachments?}, see readingOf), one key per item that has one: a
//                  list's rows known by their thread alone get their text back from
//                  these few keys, not from a read of every item (up to the budget).
//                  Written in the same storage call as `items`, counted in the item's
//                  bytes; a dropped item's key is written null there, then removed.
//   warned         { [key]: ms } — deadline warnings already given
// On a managed browser, storage.managed `settings` holds the administrator's policy and
// `settings` above holds only the rep's changes on top of it.
// Version 0 is what builds before the version key wrote: the same keys, unstamped.

export const SCHEMA_VERSION = 3;
export const STORE_SCHEMA = 'schemaVersion';
export const STORE_SETTINGS = 'settings';
export const STORE_LEARNED = 'learned';
export const STORE_ITEMS = 'items';
export const STORE_WARNED = 'warned';
/** The storage key of the reading an item's record kept (see readingOf). */
export const readingKey = (itemKey) => `reading:${itemKey}`;

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
  // 1 → 2: the learned filter leaves the settings for its own key.
  (data) => {
    const learned = data.settings?.triage?.learned;
    if (!learned || typeof learned !== 'object') return data;
    const { learned: _, ...triage } = data.settings.triage;
    return { ...data, settings: { ...data.settings, triage }, [STORE_LEARNED]: learned };
  },
  // 2 → 3: each record's reading of the buyer's text also under a key of its own, and
  // the records' sizes counted again with it. Items past the budget so counted go as
  // the next write would drop them (least recently seen first): the one upgrade write
  // then stays within the budget, far from the browser's quota.
  (data) => {
    if (!data.items || typeof data.items !== 'object') return data;
    const out = { ...data, items: {} };
    for (const [key, item] of Object.entries(data.items)) {
      if (!item || typeof item !== 'object') continue;
      const { bytes: _, ...record } = item;
      recordBytes(key, record);
      out.items[key] = record;
    }
    fitBudget(out.items);
    for (const [key, record] of Object.entries(out.items)) {
      const reading = readingOf(record);
      if (reading) out[readingKey(key)] = reading;
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

// --- item records and their size budget ----------------------------------------------

/**
 * The items' share of storage.local, in bytes of JSON. Chrome gives an extension 10 MB
 * (without the unlimitedStorage permission, which Xunpan does not ask for); the
 * settings, the learned filter and the warnings need well under 1 MB. Past the budget
 * the items least recently seen are dropped.
 */
export const ITEMS_BUDGET_BYTES = 6 * 1024 * 1024;
/** No more items than this, however small. */
export const MAX_ITEMS = 2000;
/** The stored message text (the JSON Lines export carries it): enough to triage again. */
export const MAX_BODY_CHARS = 2000;
/** Any other text field of a stored inquiry. */
export const MAX_FIELD_CHARS = 300;
/** Attachments kept per inquiry (their names and sizes only). */
export const MAX_ATTACHMENTS = 10;

const text = (value, max = MAX_FIELD_CHARS) => (typeof value === 'string' ? value.slice(0, max) : undefined);

/** A copy of `object` with every text field cut to `max` and anything not text or a number dropped. */
function cappedFields(object, max = MAX_FIELD_CHARS) {
  if (!object || typeof object !== 'object' || Array.isArray(object)) return undefined;
  const out = {};
  for (const [k, v] of Object.entries(object)) {
    if (typeof v === 'string') out[k] = v.slice(0, max);
    else if ((typeof v === 'number' && Number.isFinite(v)) || typeof v === 'boolean') out[k] = v;
  }
  return out;
}

/**
 * The inquiry as the exports need it, within a known size: the conversation dropped,
 * the body cut to MAX_BODY_CHARS, every other field to MAX_FIELD_CHARS, at most
 * MAX_ATTACHMENTS attachments.
 */
export function storedInquiry(inquiry) {
  const out = {};
  for (const [k, v] of Object.entries(inquiry ?? {})) {
    if (k === 'thread' || k === 'body' || k === 'attachments' || k === 'buyer' || k === 'product') continue;
    if (typeof v === 'string') out[k] = v.slice(0, MAX_FIELD_CHARS);
    else if (typeof v === 'number' && Number.isFinite(v)) out[k] = v;
  }
  out.body = String(inquiry?.body ?? '').slice(0, MAX_BODY_CHARS);
  const buyer = cappedFields(inquiry?.buyer);
  if (buyer) out.buyer = buyer;
  const product = cappedFields(inquiry?.product);
  if (product) out.product = product;
  if (Array.isArray(inquiry?.attachments)) {
    out.attachments = inquiry.attachments.slice(0, MAX_ATTACHMENTS).map(cappedFields).filter(Boolean);
  }
  return out;
}

/** Bytes of `value` as JSON in UTF-8 (what the browser counts against the quota). */
export function jsonBytes(value) {
  const json = JSON.stringify(value) ?? '';
  let bytes = json.length;
  // Characters beyond ASCII take 2–3 bytes (a surrogate pair, 4 for two code units).
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (c >= 0x80) bytes += c >= 0x800 && (c < 0xd800 || c > 0xdfff) ? 2 : 1;
  }
  return bytes;
}

/**
 * What a record kept of the buyer's text, as a list's row known by its thread alone
 * may use it again (`{ receivedAt, body, attachments? }`); null when it kept none to
 * use: a reading of a preview, no text, or the subject that older versions took for
 * the buyer's text (the same text as its subject). Stored under readingKey(key).
 */
export function readingOf(record) {
  const kept = record?.inquiry;
  if (!kept || record.preview || typeof kept.body !== 'string' || !kept.body.trim()) return null;
  if (kept.body === kept.subject) return null;
  return {
    receivedAt: record.receivedAt ?? null,
    body: kept.body,
    ...(Array.isArray(kept.attachments) && kept.attachments.length ? { attachments: kept.attachments } : {}),
  };
}

/**
 * One item's size in bytes as stored, its reading's key included (kept on the record;
 * measured once).
 */
export function recordBytes(key, record) {
  if (!Number.isFinite(record?.bytes)) {
    const reading = readingOf(record);
    const readingBytes = reading ? jsonBytes(readingKey(key)) + jsonBytes(reading) + 16 : 0;
    record.bytes = jsonBytes(key) + jsonBytes(record) + 16 + readingBytes;
  }
  return record.bytes;
}

/**
 * Drops from `stored` (the items, changed in place) the least recently seen until they
 * fit `budget` bytes and MAX_ITEMS. Returns the keys dropped.
 */
export function fitBudget(stored, budget = ITEMS_BUDGET_BYTES) {
  const keys = Object.keys(stored);
  let total = keys.reduce((sum, k) => sum + recordBytes(k, stored[k]), 0);
  let count = keys.length;
  if (total <= budget && count <= MAX_ITEMS) return [];
  keys.sort((a, b) => (stored[a].updated ?? 0) - (stored[b].updated ?? 0));
  const dropped = [];
  for (const k of keys) {
    if (total <= budget && count <= MAX_ITEMS) break;
    total -= stored[k].bytes;
    count -= 1;
    delete stored[k];
    dropped.push(k);
  }
  return dropped;
}
