// The engine kept warm (Chrome's offscreen document, see worker-warm.js and
// offscreen.js): it stays open when the browser stops the service worker, a list
// opened then is triaged by it, and its answers are the ones the worker's own engine
// gives for the same inbox, under the same settings; new settings reach it; with the
// document gone the worker answers by itself and opens it again.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, saveSettings, serviceWorker, startDemo, TEN_MINUTES, waitAllRowsTagged as allTagged } from './harness.mjs';

// A fixed clock: each load of this address shows the same inbox.
const LIST = `https://message.alibaba.com/message/default.htm?lang=en&now=${Date.parse('2026-11-23T02:00:00Z')}#feedback/all`;

let demo;
let browser;
let blank;
let extensionPage;

before(async () => {
  demo = await startDemo();
  browser = await launch(demo.port);
  blank = await browser.context.newPage();
  extensionPage = await browser.context.newPage();
  await extensionPage.goto(`chrome-extension://${browser.extensionId}/popup.html`);
});

after(async () => {
  await browser?.close();
  await demo?.close();
});

/** The extension's targets of `type` (service_worker, background_page: the document). */
async function targets(type) {
  const cdp = await browser.context.newCDPSession(blank);
  try {
    const { targetInfos } = await cdp.send('Target.getTargets');
    return targetInfos.filter((t) => t.type === type && t.url.startsWith(`chrome-extension://${browser.extensionId}/`));
  } finally {
    await cdp.detach();
  }
}
const warmDocuments = async () => (await targets('background_page')).filter((t) => t.url.endsWith('/offscreen.html'));

/** Stops the worker as the browser does after 30 s idle, and waits until it is gone. */
async function stopWorker() {
  const cdp = await browser.context.newCDPSession(blank);
  try {
    await cdp.send('ServiceWorker.enable');
    for (let attempt = 0; attempt < 10; attempt++) {
      await cdp.send('ServiceWorker.stopAllWorkers');
      for (let i = 0; i < 20; i++) {
        if (!(await targets('service_worker')).length) return;
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  } finally {
    await cdp.detach();
  }
  throw new Error('the service worker did not stop');
}

/** The worker's timeline of this life (XunpanStartTimes, worker-policy.js). */
async function workerTimes() {
  return (await serviceWorker(browser.context)).evaluate(() => globalThis.XunpanStartTimes);
}

/** `fn(arg)` evaluated in the worker, awaited. */
async function inWorker(fn, arg) {
  return (await serviceWorker(browser.context)).evaluate(fn, arg);
}

/** The digest of the settings the warm engine is built on (null: none). */
const warmDigest = () => inWorker(() => chrome.runtime.sendMessage({ type: 'xunpan-warm-status' }).then((r) => r?.digest ?? null));

/**
 * Opens the list, waits for every row's tag and for the answers the worker keeps for
 * the page (written a moment after they were posted), and returns those answers:
 * { [row key]: [signature, answer] }.
 */
async function listAnswers() {
  // Read from an extension page: the worker may be stopped, and reading must not wake it.
  const kept = () => extensionPage.evaluate(async (list) => {
    const all = await chrome.storage.session.get(null);
    return { at: all.answers?.pages?.[list]?.at ?? null, entries: all[`answers:${list}`] ?? null };
  }, LIST);
  const before = (await kept()).at;
  const page = await browser.context.newPage();
  await page.goto(LIST);
  await allTagged(page);
  await page.close();
  // Kept once the engine's answer has left (the rows may show the answers kept before).
  for (let waited = 0; waited < 10_000; waited += 100) {
    const now = await kept();
    if (now.entries && now.at !== before) return now.entries;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the worker never kept the list\'s answers');
}

/** The answers the worker's own engine gives: the document closed first, in this worker life. */
async function ownAnswers() {
  // Once the worker's own look for the document, a second after its start, is over
  // (keepWarmAfterStart), so that nothing opens it again before the list.
  await inWorker(() => new Promise((resolve) => setTimeout(resolve, Math.max(0, 1500 - performance.now()))));
  await inWorker(() => chrome.offscreen.closeDocument());
  assert.equal((await warmDocuments()).length, 0, 'the document is closed');
  const answers = await listAnswers();
  const times = await workerTimes();
  assert.ok(times.warmMissed !== undefined, 'the warm engine was asked and could not answer');
  return answers;
}

/** Waits until the document is open again with an engine (a digest). */
async function warmAgain(notDigest = null) {
  for (let waited = 0; waited < 10_000; waited += 100) {
    if ((await warmDocuments()).length) {
      const digest = await warmDigest().catch(() => null);
      if (digest && digest !== notDigest) return digest;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the engine kept warm never came back');
}

test('a stopped worker\'s list is triaged by the engine kept warm, as its own engine would', async () => {
  // The first list of the browser: the worker opens the document as it starts.
  await listAnswers();
  const digest = await warmAgain();
  assert.equal((await warmDocuments()).length, 1, 'one document');

  // Stopped, as after 30 s idle: the document stays, its engine answers the list.
  await stopWorker();
  assert.equal((await warmDocuments()).length, 1, 'the document outlives the worker');
  const warm = await listAnswers();
  const times = await workerTimes();
  assert.ok(times.warmAnswered !== undefined, `the warm engine answered (${JSON.stringify(times)})`);
  assert.equal(times.engine, undefined, 'the worker built no engine of its own');
  assert.equal(await warmDigest(), digest, 'on the same settings');

  // The same inbox answered by the worker's own engine: the same answers.
  const own = await ownAnswers();
  assert.ok(Object.keys(own).length >= 10, 'the demo list has rows');
  assert.deepEqual(warm, own);

  // The document is opened again for the next list (the worker saw it missing).
  await warmAgain();
  await stopWorker();
  assert.deepEqual(await listAnswers(), own, 'the document opened again answers the same');
  assert.ok((await workerTimes()).warmAnswered !== undefined, 'and it answered');
});

test('new settings reach the engine kept warm before the next list', async () => {
  await listAnswers();
  const before = await warmAgain();
  const oldAnswers = await listAnswers();
  // Ten-minute reply targets: every open row's deadline moves.
  await saveSettings(browser, TEN_MINUTES);
  const after = await warmAgain(before);
  assert.notEqual(after, before, 'the document was sent the new settings');

  await stopWorker();
  const warm = await listAnswers();
  assert.ok((await workerTimes()).warmAnswered !== undefined, 'the warm engine answered');
  assert.notDeepEqual(warm, oldAnswers, 'the new targets changed the answers');
  const own = await ownAnswers();
  assert.deepEqual(warm, own, 'the warm engine answers as the worker\'s own on the new settings');
});

test('a spam lesson reaches the engine kept warm', async () => {
  await listAnswers();
  const before = await warmAgain();
  // A lesson, as the chip's spam button sends it.
  const ext = await browser.context.newPage();
  await ext.goto(`chrome-extension://${browser.extensionId}/popup.html`);
  const answer = await ext.evaluate(() => chrome.runtime.sendMessage({
    type: 'xunpan/feedback',
    spam: true,
    inquiry: { id: 'lesson-1', channel: 'message', buyer: { name: 'Test' }, subject: 'cheap watches', body: 'cheap watches cheap watches click here', receivedAt: '2026-11-23T01:00:00Z' },
  }));
  await ext.close();
  assert.ok(answer?.ok, `the lesson was taken (${JSON.stringify(answer)})`);
  const after = await warmAgain(before);
  assert.notEqual(after, before, 'the document was sent the filter as learned');
  await stopWorker();
  const warm = await listAnswers();
  assert.ok((await workerTimes()).warmAnswered !== undefined, 'the warm engine answered');
  assert.deepEqual(warm, await ownAnswers(), 'as the worker\'s own engine after the lesson');
});
