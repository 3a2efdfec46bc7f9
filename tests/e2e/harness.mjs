// Shared set-up for the browser tiers: the demo seller inbox on a local HTTPS port,
// and Debian's Chromium (never a downloaded one) with the built extension loaded.
// Chromium maps every *.alibaba.com host to the local server, so the extension's real
// match patterns and the real URLs are exercised.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { after, before } from 'node:test';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');
const here = dirname(fileURLToPath(import.meta.url));

export const DIST = resolve(process.env.XUNPAN_DIST ?? join(here, '../../dist'));
export const ARTIFACTS = resolve(process.env.XUNPAN_ARTIFACTS ?? join(here, '../artifacts'));
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

/** Starts the demo server (`csp: 'strict'` sends a strict Content-Security-Policy). */
export async function startDemo(options = {}) {
  const { start } = require('../demo/server.js');
  return start({ port: 0, ...options });
}

/**
 * Chromium with Xunpan loaded, every *.alibaba.com host mapped to `port`
 * (`timezoneId`: the browser's time zone, e.g. 'UTC'; `viewport`: the page size; `dist`:
 * the extension's directory, the built one by default; `profile`: the user-data
 * directory of a browser closed before with `close({ keepProfile: true })`, to start
 * it again with what its extension stored, as the rep's browser starts the next day).
 * Returns { context, worker, extensionId, profile (the user-data directory), close }.
 */
export async function launch(port, { extension = true, headless = true, locale = 'en-US', extraArgs = [], timezoneId, viewport, dist = DIST, profile = null } = {}) {
  profile ??= mkdtempSync(join(tmpdir(), 'xunpan-profile-'));
  const args = [
    '--no-sandbox',
    '--disable-gpu',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-quic',
    '--ignore-certificate-errors',
    `--host-resolver-rules=MAP *.alibaba.com 127.0.0.1:${port}`,
    `--lang=${locale}`,
  ];
  if (extension) args.push(`--disable-extensions-except=${dist}`, `--load-extension=${dist}`);
  args.push(...extraArgs);
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless,
    args,
    locale,
    viewport: viewport ?? { width: 1280, height: 800 },
    ...(timezoneId ? { timezoneId } : {}),
  });
  let worker = null;
  let extensionId = null;
  if (extension) {
    [worker] = context.serviceWorkers();
    worker ??= await context.waitForEvent('serviceworker', { timeout: 20_000 });
    extensionId = new URL(worker.url()).host;
  }
  return {
    context,
    worker,
    extensionId,
    profile,
    /** Closes the browser; its profile is removed unless `keepProfile`. */
    async close({ keepProfile = false } = {}) {
      await context.close();
      if (!keepProfile) rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The service worker, started again if the browser stopped it meanwhile. */
export async function serviceWorker(context) {
  const [sw] = context.serviceWorkers();
  return sw ?? context.waitForEvent('serviceworker', { timeout: 20_000 });
}

/** Waits until every inquiry row on `page` carries Xunpan's verdict. */
export function waitAllRowsTagged(page, timeout = 30_000) {
  return page.waitForFunction(() => {
    const rows = [...document.querySelectorAll('a.inquiry-item[data-trade-id]')];
    return rows.length > 0 && rows.every((r) => r.hasAttribute('data-xunpan-verdict'));
  }, null, { timeout });
}

/**
 * For a describe block: the demo server and Chromium with Xunpan, started before its
 * tests and closed after. `session.open(url)` opens a page and records its errors in
 * `session.pageErrors`.
 */
export function demoSession(serverOptions = {}, launchOptions = {}) {
  const session = {
    server: null,
    browser: null,
    pageErrors: [],
    async open(url) {
      const page = await session.browser.context.newPage();
      page.on('pageerror', (err) => session.pageErrors.push(`${url}: ${err.message}`));
      await page.goto(url, { waitUntil: 'domcontentloaded' });
      return page;
    },
  };
  before(async () => {
    session.server = await startDemo(serverOptions);
    session.browser = await launch(session.server.port, launchOptions);
  });
  after(async () => {
    await session.browser?.close();
    await session.server?.close();
  });
  return session;
}

/**
 * For a describe block of page shapes: a demo session in a browser on UTC at 1366 × 768,
 * readers of the store and of the adapter's health, and `figures`, which the block's
 * tests fill and which are written to artifacts/<name>-figures.json after them.
 */
export function shapeSession(name) {
  const session = demoSession({}, { timezoneId: 'UTC', viewport: { width: 1366, height: 768 } });
  const figures = {};
  after(() => {
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(join(ARTIFACTS, `${name}-figures.json`), `${JSON.stringify(figures, null, 2)}\n`);
  });
  return {
    session,
    figures,
    open: (url) => session.open(url),
    storedItems: () => readStoredItems(session.browser),
    health: (urlPart) => readHealth(session.browser, urlPart),
  };
}

/**
 * An init script for a page: the inquiry ids of every list post its page data makes
 * (each is asked of the engine once, by content-start.js, on a port of its own: a
 * second listener on that port in the worker would hold up its answers in Chrome, so
 * they are counted in the page). Read them with `listPosted`.
 */
export const LIST_POSTS_PROBE = `(() => {
  window.__xunpanListPosted = [];
  window.addEventListener('message', (ev) => {
    if (ev.source !== window || ev.data?.source !== 'xunpan-page-data') return;
    if (!['feedbackList', 'feedbackListHead', 'subjectList'].includes(ev.data.kind)) return;
    const data = JSON.parse(ev.data.json);
    window.__xunpanListPosted.push(...(Array.isArray(data) ? data : data.rows).map((r) => String(r.tradeId)));
  });
})();`;

/** The inquiry ids the page's list posts carried (see LIST_POSTS_PROBE). */
export const listPosted = (page) => page.evaluate(() => window.__xunpanListPosted);

/** The items Xunpan stored (`chrome.storage.local`'s "items"), by key. */
export function readStoredItems(browser) {
  return browser.worker.evaluate(async () => (await chrome.storage.local.get('items')).items ?? {});
}

/**
 * The stored items once `ready(items)` holds, or as they are after `timeout` ms: the
 * worker answers a page first and writes the items right after, so a page can show its
 * tags a moment before the store has them.
 */
export async function storedItemsWhen(browser, ready, timeout = 10_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const items = await readStoredItems(browser);
    if (ready(items) || Date.now() > deadline) return items;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Whether a row's `data-xunpan-verdict` agrees with the store: a verdict is the stored
 * one; "replied" (the list showed our reply, not the buyer's text: known by its thread
 * alone) has no verdict stored, since no text was read; "conversation" (the row does
 * not say whose message it shows) reads nothing, whatever is stored from elsewhere.
 * Returns the reason when not.
 */
export function shownDisagrees(shown, record) {
  if (shown === 'conversation') return null;
  if (shown === 'replied') return record?.verdict == null ? null : `shows "replied", but a reading is stored (${record.verdict})`;
  if (!['spam', 'suspicious', 'genuine'].includes(shown)) return `shows "${shown}"`;
  return shown === record?.verdict ? null : `shows ${shown}, stored ${record?.verdict}`;
}

/** What the adapter reported on the tab whose address holds `urlPart` (the popup's and panel's source); null without one. */
export function readHealth(browser, urlPart) {
  return browser.worker.evaluate(async (part) => {
    const tabs = await chrome.tabs.query({});
    const tab = tabs.find((t) => t.url?.includes(part));
    return tab ? (await chrome.tabs.sendMessage(tab.id, { type: 'xunpan/health' }))?.health : null;
  }, urlPart);
}

/** The welcome page the install opened, waited for (it opens without being asked). */
export async function welcomePage(browser) {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const page = browser.context.pages().find((p) => p.url().endsWith('/welcome.html'));
    if (page) {
      await page.waitForLoadState('domcontentloaded');
      return page;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return null;
}

/**
 * Saves `settings` (a settings document; format and version are added) through the
 * extension, as Options does. With `TEN_MINUTES` the company target is 10 minutes at
 * any hour of any day, so a test's clocks do not depend on when it runs.
 */
export async function saveSettings(browser, settings) {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/popup.html`);
  const answer = await page.evaluate((s) => chrome.runtime.sendMessage({ type: 'xunpan/save-settings', settings: { format: 'xunpan-settings', version: 1, ...s } }), settings);
  await page.close();
  if (!answer?.ok) throw new Error(`settings not saved: ${JSON.stringify(answer)}`);
}
export const TEN_MINUTES = { policy: { targets: { working: 10, afterHours: 10, sunday: 10 } } };

/**
 * A page's screenshot, and the side panel's at 400 px beside it, as a rep sees both:
 * `<ARTIFACTS>/<name>.png` and `<name>-panel-400.png`.
 */
export async function shotWithPanel(browser, page, name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
  const panel = await browser.context.newPage();
  await panel.setViewportSize({ width: 400, height: 768 });
  await panel.goto(`chrome-extension://${browser.extensionId}/sidepanel.html`);
  await panel.waitForTimeout(800);
  await panel.screenshot({ path: join(ARTIFACTS, `${name}-panel-400.png`) });
  await panel.close();
}

/** Whether the health (`readHealth`) names a part matching `re` as missing. */
export const reportedMissing = (health, re) => (health?.missing ?? []).some((m) => re.test(String(m)));

/**
 * One buyer's stored item against the truth (`want`: `text`, a list of the buyer's
 * words, any of which may be read; `name`; `at`, the time or the times it may carry):
 * text, buyer and time each read right or named missing by the health `h`; no verdict
 * but "unread" from no text; nothing matching `ours` (our own words) read as the
 * buyer's. Counts into `f` (text, textReported, buyer, buyerReported, time,
 * timeReported, oursAsBuyers); returns the problems found.
 */
export function judgeReading(label, item, want, h, f, ours) {
  const MINUTE = 60_000;
  const flat = (t) => String(t ?? '').replace(/\s+/g, ' ').trim();
  const problems = [];
  if (!item) return [`${label}: not stored (health missing ${JSON.stringify(h?.missing)})`];
  const body = item.inquiry?.body ?? '';
  if (ours.test(body)) {
    f.oursAsBuyers += 1;
    problems.push(`${label}: our own words read as the buyer's: "${body.slice(0, 100)}" (verdict ${item.verdict})`);
  }
  if (body) {
    if (want.text.some((t) => flat(body).includes(flat(t).slice(0, 60)))) f.text += 1;
    else problems.push(`${label}: the text read is not the buyer's: "${body.slice(0, 80)}"`);
  } else {
    if (reportedMissing(h, /message|text/i)) f.textReported += 1;
    else problems.push(`${label}: no text and the health does not say so`);
    if (item.verdict && item.verdict !== 'unread') problems.push(`${label}: a verdict (${item.verdict}) from no text`);
  }
  if (item.buyer === want.name) f.buyer += 1;
  else if (item.buyer) problems.push(`${label}: buyer "${item.buyer}", want "${want.name}"`);
  else if (reportedMissing(h, /buyer|name/i)) f.buyerReported += 1;
  else problems.push(`${label}: no buyer and the health does not say so`);
  if (item.receivedAt) {
    const off = Math.min(...[want.at].flat().map((at) => Math.abs(Date.parse(item.receivedAt) - at)));
    if (off < MINUTE) f.time += 1;
    else problems.push(`${label}: time ${item.receivedAt}, ${Math.round(off / MINUTE)} min off`);
  } else if (reportedMissing(h, /time|date/i)) f.timeReported += 1;
  else problems.push(`${label}: no time and the health does not say so`);
  return problems;
}
