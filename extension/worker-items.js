// The items the pages showed, as the service worker keeps them for the queue, the
// badge, the warnings and the exports: one small record per item (storage.js gives
// their shape and size budget), written one change at a time. A write that fails —
// the browser's storage full, say — is not swallowed: the items are cut to half the
// budget and written again, and if that fails too the rep is told (the badge shows
// "!", the popup and the side panel say what happened) until a write succeeds.
import './site.js';
import { fitBudget, ITEMS_BUDGET_BYTES, readingKey, readingOf, recordBytes, storedInquiry, STORE_ITEMS } from './storage.js';

const api = globalThis.browser ?? globalThis.chrome;

/** The storage key of an item. */
export const itemKey = (inquiry) => `${inquiry.channel ?? 'inquiry'}:${inquiry.id ?? ''}`;

/** Our reply after the buyer's message, if the page showed one. */
function firstReply(inquiry) {
  const at = inquiry.thread?.ourLastReplyAt;
  if (!at || !inquiry.receivedAt || Date.parse(at) < Date.parse(inquiry.receivedAt)) return null;
  return at;
}

function buyerAnswered(inquiry) {
  const t = inquiry.thread;
  return Boolean(t?.buyerRepliedAt && t?.ourLastReplyAt && Date.parse(t.buyerRepliedAt) > Date.parse(t.ourLastReplyAt));
}

const shortText = (value, max) => (typeof value === 'string' ? value.slice(0, max) : null);

/**
 * A small record of an item for the queue: no full message bodies are kept. An item
 * read from a preview (`preview`: the page showed its text cut short) keeps the
 * engine's answer but no suggested reply, and says what the part read proves
 * (`preview.tag`, see XunpanHealth.previewReading): the side panel shows it so.
 */
export function itemRecord(inquiry, result, url, previous, now, { preview = false } = {}) {
  const buyer = inquiry.buyer ?? {};
  const subject = summary(inquiry);
  return {
    key: itemKey(inquiry),
    id: inquiry.id ?? null,
    channel: inquiry.channel ?? 'inquiry',
    url: shortText(url, 2048) ?? previous?.url ?? null,
    buyer: shortText(buyer.name, 200),
    country: shortText(buyer.country, 8),
    subject: preview && subject && !subject.endsWith('…') ? `${subject}…` : subject,
    receivedAt: inquiry.receivedAt ?? null,
    // An item known by its thread alone has none of these (null, in every browser's storage).
    verdict: result.verdict ?? null,
    score: result.score ?? null,
    kind: result.kind ?? null,
    grade: result.grade ?? null,
    priority: result.priority ?? null,
    template: preview ? null : result.template ?? null,
    deadline: result.deadline ?? null,
    followUp: result.followUp ?? null,
    rfq: result.rfq ?? null,
    replied: result.deadline?.status === 'met' || previous?.replied === true,
    // For the reply metrics: our first real reply and whether the buyer wrote back.
    firstReplyAt: previous?.firstReplyAt ?? firstReply(inquiry),
    buyerAnswered: previous?.buyerAnswered === true || buyerAnswered(inquiry),
    counts: (inquiry.buyer?.country ?? '').toUpperCase() !== 'CN',
    firstSeen: previous?.firstSeen ?? now,
    updated: now,
    // For the exports (CSV report, JSON Lines for the `xunpan` tool), kept small.
    inquiry: storedInquiry(inquiry),
    ...(preview ? { preview: { tag: globalThis.XunpanHealth?.previewReading(result).tag ?? null } } : {}),
  };
}

/**
 * What the item is about, one line of at most 140 characters made the same way for
 * every item: what it concerns (the product, else a subject the buyer wrote), a colon,
 * and the start of the buyer's message. A subject the platform fills in for the buyer
 * ("Inquiry from Product Details Page") says nothing and is passed over.
 */
export function summary(inquiry) {
  const line = (s) => (typeof s === 'string' ? s.replace(/\s+/g, ' ').trim() : '');
  const subject = line(inquiry.subject);
  const about = line(inquiry.product?.title) || (globalThis.XunpanSite.isPlatformSubject(subject) ? '' : subject);
  const body = line(inquiry.body);
  const text = about && body && !body.startsWith(about) ? `${about}: ${body}` : body || about;
  return text.length > 140 ? `${text.slice(0, 139)}…` : text;
}

// The items as this worker last wrote them. The worker is their only writer, so within
// its life they stand for what is stored: the page's triage finds earlier readings
// here once the worker has written the items, and until then under their own keys.
let itemsInMemory = null;

/**
 * The readings kept for the items `keys` (a Map from key to `{ receivedAt, body,
 * attachments? }`, see readingOf; a key without one is absent): from this worker's
 * memory when it has the items, else one read of those keys alone, whatever the
 * items weigh.
 */
export async function keptReadings(keys) {
  const readings = new Map();
  if (itemsInMemory) {
    for (const key of keys) {
      const reading = readingOf(itemsInMemory[key]);
      if (reading) readings.set(key, reading);
    }
    return readings;
  }
  const stored = await api.storage.local.get(keys.map(readingKey));
  for (const key of keys) {
    const reading = stored[readingKey(key)];
    if (reading && typeof reading === 'object') readings.set(key, reading);
  }
  return readings;
}

/**
 * The one storage write for `stored` (the items after a change), its readings beside
 * it: for each record added or replaced since `before` (key → record as read), its
 * reading, or null where an item that had one may no longer; null too for each item
 * dropped. Returns the write and the keys written null (to remove once written).
 */
export function itemsWrite(stored, before) {
  const write = { [STORE_ITEMS]: stored };
  const cleared = [];
  for (const [key, record] of Object.entries(stored)) {
    if (before.get(key) === record) continue;
    const reading = readingOf(record);
    if (reading) write[readingKey(key)] = reading;
    else if (before.has(key)) cleared.push(readingKey(key));
  }
  for (const key of before.keys()) if (!(key in stored)) cleared.push(readingKey(key));
  for (const key of cleared) write[key] = null;
  return { write, cleared };
}

let itemWrites = Promise.resolve();
let writeProblem = null; // { at, message } while the items cannot be written

/** The last failed write of the items, while no write has succeeded since (null: none). */
export const itemsWriteProblem = () => writeProblem;

const problemListeners = [];
/** `listener(problem)` runs when writing the items starts or stops failing. */
export function onItemsWriteProblem(listener) {
  problemListeners.push(listener);
}
function setProblem(problem) {
  const changed = (problem === null) !== (writeProblem === null);
  writeProblem = problem;
  if (changed) for (const listener of problemListeners) listener(problem);
}

/**
 * Changes to the stored items, one at a time: each reads what the previous one wrote,
 * so two pages tagging at once cannot overwrite each other's items. `change(stored)`
 * edits the items in place (a record whose reading changes is replaced, not edited)
 * and returns what the caller waits for. The items are kept within their budget; a
 * write the browser refuses is tried once more at half the budget, then reported.
 * The items and their readings go in one storage call, so a worker stopped at any
 * point never finds a reading other than its record's; the readings of items gone are
 * written null there (read as none) and removed after.
 */
export function updateItems(change) {
  const run = itemWrites.then(async () => {
    const stored = (await api.storage.local.get(STORE_ITEMS))[STORE_ITEMS] ?? {};
    const before = new Map(Object.entries(stored));
    const answer = await change(stored);
    fitBudget(stored);
    let written;
    try {
      written = itemsWrite(stored, before);
      await api.storage.local.set(written.write);
    } catch (first) {
      fitBudget(stored, Math.floor(ITEMS_BUDGET_BYTES / 2));
      try {
        written = itemsWrite(stored, before);
        await api.storage.local.set(written.write);
      } catch (err) {
        setProblem({ at: Date.now(), message: String(err?.message ?? err ?? first) });
        throw err;
      }
    }
    setProblem(null);
    itemsInMemory = stored;
    // Before the next change: it may write one of these keys again.
    if (written.cleared.length) await api.storage.local.remove(written.cleared).catch(() => {});
    return { answer, stored };
  });
  itemWrites = run.catch((err) => console.warn('Xunpan: items not stored:', String(err)));
  return run;
}

/**
 * The buyer's text of `reading` (a record's, see readingOf, as stored under its own
 * key) for `inquiry`, the row known by its thread alone: null unless it is a reading
 * of the same message (the same arrival time).
 */
export function readingFor(reading, inquiry) {
  if (!reading || typeof reading.body !== 'string') return null;
  if ((reading.receivedAt ?? null) !== (inquiry.receivedAt ?? null)) return null;
  return { body: reading.body, ...(Array.isArray(reading.attachments) && reading.attachments.length ? { attachments: reading.attachments } : {}) };
}

/**
 * Records for what a page showed, added to the stored items. An item known by its
 * thread alone (a `threadOnly` answer: no verdict) is kept without one, for the queue,
 * its follow-up and the reply metrics, when the page said when we replied; it never
 * replaces a record of a reading of the buyer's text.
 */
export function rememberItems(stored, items, results, now) {
  items.forEach((item, n) => {
    if (!results[n]) return;
    const previous = stored[itemKey(item.inquiry)];
    if (results[n].threadOnly && (!item.inquiry.thread?.ourLastReplyAt || previous?.verdict)) return;
    const record = itemRecord(item.inquiry, results[n], item.url, previous, now, { preview: item.preview === true });
    if (!record.id) return;
    // The list's preview of a message already read whole (the chat was open) says less.
    if (record.preview && previous && !previous.preview && previous.receivedAt === record.receivedAt) return;
    recordBytes(record.key, record);
    stored[record.key] = record;
  });
}
