// The engine kept warm beside the worker (Chrome only; see offscreen.js).
//
// A worker started again for a seller page's list built a fresh engine and paid its
// first use, about 90 ms of the 20-row list's ~220 ms to the first tag. An offscreen
// document (`chrome.offscreen`, reason WORKERS: it holds the engine's work off the
// worker) is not stopped with the worker: its engine stays warm from one worker life
// to the next. The worker stays the one that answers the page: it reads the list, the
// kept readings, `now` and the zone as before, and only the engine's triage of the
// items is asked of the document, for the settings the worker's own engine is built
// on, named by the digest of what they are made from (engineInputs). The document
// answers only from an engine built on exactly those; when it is missing, not ready
// or built on others, the worker's own engine answers (as before this file) and the
// document is sent the settings, for the next list. Firefox has no offscreen documents: there
// nothing here runs, and its path is the one it had.
import { api, hasOffscreenDocuments } from './browser-compat.js';
import { engineInputs, markStart, onEngineReplaced, settingsInForce } from './worker-policy.js';

const WARM_SETTINGS = 'xunpan-warm-settings';
const WARM_TRIAGE = 'xunpan-warm-triage';
const WARM_STATUS = 'xunpan-warm-status';
const DOCUMENT = 'offscreen.html';

/** Whether this browser can keep an engine warm (Chrome's offscreen documents). */
export const warmAvailable = hasOffscreenDocuments;

/**
 * The digest of what the settings in force are made from (`inputs`, see engineInputs):
 * SHA-256 of their JSON, hex. It names the settings without laying them together (which,
 * under a policy, needs the engine's module in this worker).
 */
async function digestOf(inputs) {
  const { own, learned, policy } = inputs;
  const bytes = new TextEncoder().encode(JSON.stringify([own ?? null, learned ?? null, policy ?? null]));
  const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(hash, (b) => b.toString(16).padStart(2, '0')).join('');
}

// The digest of the inputs last asked for (see engineInputs: a new promise whenever the
// engine is replaced).
let digestKept = null;
function digestFor(inputs) {
  if (digestKept?.inputs !== inputs) {
    const digest = inputs.then(digestOf);
    digest.catch(() => {});
    digestKept = { inputs, digest };
  }
  return digestKept.digest;
}

/** Opens the document if it is not open (one per extension; a second create fails). */
let opening = null;
function openDocument() {
  opening ??= (async () => {
    const open = await api.runtime.getContexts?.({ contextTypes: ['OFFSCREEN_DOCUMENT'] }).catch(() => null);
    if (open?.length) return;
    await api.offscreen.createDocument({
      url: DOCUMENT,
      reasons: ['WORKERS'],
      justification: 'Keeps the triage engine ready between service worker starts, so a seller page is tagged at once.',
    }).catch((err) => {
      // Opened meanwhile (by this worker's previous life, still closing): it stands.
      if (!/single offscreen/i.test(String(err?.message ?? err))) throw err;
    });
  })().finally(() => {
    opening = null;
  });
  return opening;
}

/**
 * Sends the document the settings in force, unless its engine is built on them
 * (`known`: the digest it has). The settings are laid together from the same inputs
 * the digest names, so the two always go together.
 */
async function sendSettings(known = null) {
  const inputs = engineInputs();
  const digest = await digestFor(inputs);
  if (known === digest) return;
  const { own, learned, policy } = await inputs;
  const settings = await settingsInForce(own, policy, learned);
  await api.runtime.sendMessage({ type: WARM_SETTINGS, digest, settings });
}

/**
 * Has the document open with an engine on the settings in force: after the worker's
 * start, whenever the engine is replaced, and when a list found it missing or stale. Never waited on by a page; a failure leaves the
 * worker's own engine answering.
 */
export function keepWarm() {
  if (!warmAvailable) return;
  (async () => {
    await openDocument();
    const status = await api.runtime.sendMessage({ type: WARM_STATUS });
    await sendSettings(status?.digest ?? null);
  })().catch((err) => console.warn('Xunpan: the engine kept warm could not be set up:', String(err?.message ?? err)));
}

// How long after the worker's start the document is looked for (see keepWarmAfterStart).
const START_CHECK_DELAY_MS = 1000;

/**
 * Has the document looked for (opened, told the settings) once the worker's start is
 * over: asked as the worker started, the look (the browser asked for its contexts, the
 * document for its settings, the settings read and named) held the worker's start back
 * (its modules evaluated 26 ms and the list in 68 ms later at p50, the first tag 56 ms;
 * see docs/performance.md). A list needs none of it when the document is there with
 * the settings in force, as after every stop but the browser's own; when it is not, the
 * list finds out and has it done then (warmTriage).
 */
export function keepWarmAfterStart() {
  if (warmAvailable) setTimeout(keepWarm, START_CHECK_DELAY_MS);
}

/**
 * The warm engine's answers for `inquiries` (the engine's input, as the worker's own
 * would be given them) at `now` in `zone`; null when it cannot give them (no document,
 * not ready, built on other settings: sent them for next time), the worker's own
 * engine then answering.
 */
export async function warmTriage(inquiries, now, zone) {
  if (!warmAvailable) return null;
  try {
    const [digest, client] = await Promise.all([digestFor(engineInputs()), documentClient()]);
    if (!client) throw new Error('no document');
    markStart('warmAsked');
    const reply = await askDocument(client, { type: WARM_TRIAGE, digest, inquiries, now, zone });
    if (Array.isArray(reply?.answers) && reply.answers.length === inquiries.length) {
      markStart('warmAnswered');
      return reply.answers;
    }
    markStart('warmMissed');
    if (reply?.stale) keepWarm();
    else if (reply?.error) console.warn('Xunpan: the engine kept warm could not answer:', reply.error);
  } catch {
    markStart('warmMissed');
    // No document (closed by the browser, or not yet open): opened for the next list.
    keepWarm();
  }
  return null;
}

/** The document as this worker's client (null when it is not open). */
async function documentClient() {
  const open = await globalThis.clients.matchAll({ type: 'window', includeUncontrolled: true });
  return open.find((client) => new URL(client.url).pathname === `/${DOCUMENT}`) ?? null;
}

// How often a request still unanswered checks that the document is still open.
const DOCUMENT_ALIVE_CHECK_MS = 1000;

/**
 * `message` posted to the document (`client`), its answer on a channel of its own: a
 * structured copy both ways, without the extension messages' JSON (see offscreen.js).
 * Rejects when the document goes away before it answers (a channel says nothing of
 * that itself: its being open is checked every DOCUMENT_ALIVE_CHECK_MS, so no
 * answer waits on a slow triage's account, only on a closed document's).
 */
function askDocument(client, message) {
  return new Promise((resolve, reject) => {
    const channel = new MessageChannel();
    const check = setInterval(() => {
      globalThis.clients.get(client.id).then((still) => {
        if (still) return;
        done();
        reject(new Error('the document closed before it answered'));
      }, () => {});
    }, DOCUMENT_ALIVE_CHECK_MS);
    const done = () => {
      clearInterval(check);
      channel.port1.close();
    };
    channel.port1.onmessage = (event) => {
      done();
      resolve(event.data);
    };
    client.postMessage(message, [channel.port2]);
  });
}

// New settings (saved, a new policy, an undo): the document's engine follows at once.
onEngineReplaced(() => keepWarm());
