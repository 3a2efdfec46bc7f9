// Tier 4: the built extension in Debian's Chromium on the demo seller inbox.
//
// Each scenario runs twice: on pages without a CSP, and on pages served with a strict
// one (`default-src 'self'; script-src 'self'`), where a content script could not
// compile WebAssembly — the tags must come from the engine in the service worker
// either way. Screenshots land in tests/artifacts/.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS, LIST_POSTS_PROBE, launch, listPosted, shownDisagrees, startDemo } from './harness.mjs';
import { clickByRole, findByRole, visibleTexts } from './shadow.mjs';

async function findByRoleEventually(page, role, pattern = /./) {
  for (let i = 0; i < 40; i++) {
    const found = await findByRole(page, role, pattern);
    if (found.length) return found;
    await page.waitForTimeout(100);
  }
  throw new Error(`no ${role} appeared`);
}

mkdirSync(ARTIFACTS, { recursive: true });

const LIST = 'https://message.alibaba.com/message/default.htm';
const CHAT = 'https://onetalk.alibaba.com/message/weblitePWA.htm';
const ROW = 'a.inquiry-item[data-trade-id]';
const CONTACT = 'div.contact-item-container[data-cid]';

for (const csp of [null, 'strict']) {
  const mode = csp ? 'strict CSP' : 'no CSP';
  const suffix = csp ? '-strict-csp' : '';
  const query = csp ? '?csp=strict' : '';

  describe(`extension on the demo inbox (${mode})`, () => {
    let server;
    let browser;
    const pageErrors = [];

    before(async () => {
      server = await startDemo();
      browser = await launch(server.port);
    });
    after(async () => {
      await browser?.close();
      await server?.close();
    });

    async function open(url) {
      const page = await browser.context.newPage();
      page.on('pageerror', (err) => pageErrors.push(`${url}: ${err.message}`));
      const response = await page.goto(url, { waitUntil: 'domcontentloaded' });
      if (csp) {
        assert.match(response.headers()['content-security-policy'] ?? '', /script-src 'self'/, 'the page really is strict');
      }
      return page;
    }

    test('every inquiry row carries the verdict the engine computed', async () => {
      const page = await open(`${LIST}${query}#feedback/all`);
      await page.waitForSelector(ROW);
      await page.waitForFunction(
        (sel) => {
          const rows = [...document.querySelectorAll(sel)];
          return rows.length > 0 && rows.every((r) => r.hasAttribute('data-xunpan-verdict'));
        },
        ROW,
        { timeout: 20_000 },
      );
      const tagged = await page.$$eval(ROW, (rows) =>
        rows.map((r) => ({ id: r.getAttribute('data-trade-id'), verdict: r.getAttribute('data-xunpan-verdict') })),
      );
      assert.ok(tagged.length >= 10, `a full first page of rows (${tagged.length})`);
      // The verdicts on the page are the ones the service worker's engine stored.
      const stored = await browser.worker.evaluate(async () => (await chrome.storage.local.get('items')).items);
      for (const { id, verdict } of tagged) {
        assert.equal(shownDisagrees(verdict, stored[`inquiry:${id}`]), null, `row ${id} shows the engine's verdict`);
      }
      const verdicts = new Set(tagged.map((t) => t.verdict));
      assert.ok(verdicts.has('spam') && verdicts.has('genuine'), `a mixed inbox is told apart: ${[...verdicts]}`);
      // Chips are reachable for assistive technology, with a name that says what they are.
      const chips = await findByRole(page, 'button', /Xunpan/);
      const replied = tagged.filter((t) => t.verdict === 'replied').length;
      assert.ok(chips.length >= tagged.length - replied, `one accessible chip per row (${chips.length})`);
      // A row whose latest message is our reply: a note saying so, not a verdict to open.
      assert.equal((await findByRole(page, 'note', /Xunpan/)).length, replied, 'one note per replied row');
      await page.screenshot({ path: join(ARTIFACTS, `list${suffix}.png`) });
      await page.close();
    });

    test('rows drawn after their page data come in tagged, in their first frame, each triaged once', async () => {
      // Count what the worker is asked to triage, from now on: the rows asked for one
      // by one, in the worker; the list's rows, asked for straight from its page data on
      // a port of their own (one ask a post), as the page posts them (a second listener
      // on that port in the worker would hold up its answers in Chrome).
      await browser.worker.evaluate(() => {
        globalThis.__xunpanTriaged = [];
        chrome.runtime.onMessage.addListener((m) => {
          if (m?.type === 'xunpan/triage') globalThis.__xunpanTriaged.push(...JSON.parse(m.itemsJson).map((i) => i.inquiry.id));
        });
      });
      const sep = query ? '&' : '?';
      // The page data is there at once; the page draws its rows 1.5 s later, as a
      // framework rendering in its own time would.
      const url = `${LIST}${query}${sep}rows=40&pageSize=40&renderAfter=1500#feedback/all`;
      const page = await browser.context.newPage();
      page.on('pageerror', (err) => pageErrors.push(`${url}: ${err.message}`));
      await page.addInitScript(LIST_POSTS_PROBE);
      await page.goto(url, { waitUntil: 'domcontentloaded' });
      await page.waitForFunction(() => window.__demoFirstFrameTagged !== undefined, null, { timeout: 20_000 });
      const rows = await page.$$eval(ROW, (r) => r.length);
      assert.equal(rows, 40);
      assert.equal(await page.evaluate(() => window.__demoFirstFrameTagged), rows, 'every row was tagged before it was first painted');
      await page.waitForTimeout(300);
      const triaged = [...await browser.worker.evaluate(() => globalThis.__xunpanTriaged), ...await listPosted(page)];
      assert.equal(triaged.length, rows, `each inquiry sent to the engine once (${triaged.length} for ${rows} rows)`);
      assert.equal(new Set(triaged).size, rows);
      await page.close();
    });

    test('the list page data reaches the content script once, however often the page is read', async () => {
      // The page's globals are read when set, at DOMContentLoaded and at load; only a
      // change is worth posting (each post makes the content script read it all again).
      const page = await browser.context.newPage();
      await page.addInitScript(() => {
        window.__xunpanListPosts = 0;
        window.addEventListener('message', (ev) => {
          if (ev.data?.source === 'xunpan-page-data' && ev.data.kind === 'feedbackList') window.__xunpanListPosts++;
        });
      });
      await page.goto(`${LIST}${query}#feedback/all`, { waitUntil: 'load' });
      await page.waitForSelector(`${ROW}[data-xunpan-verdict]`, { timeout: 20_000 });
      await page.waitForTimeout(300);
      assert.equal(await page.evaluate(() => window.__xunpanListPosts), 1);
      await page.close();
    });

    test('the detail page gets a verdict card and the reply goes into the TinyMCE editor', async () => {
      const list = await open(`${LIST}${query}#feedback/all`);
      await list.waitForSelector(`${ROW}[data-xunpan-verdict="genuine"]`, { timeout: 20_000 });
      const id = await list.$eval(`${ROW}[data-xunpan-verdict="genuine"]`, (r) => r.getAttribute('data-trade-id'));
      await list.close();
      const sep = query ? '&' : '?';
      const page = await open(`https://message.alibaba.com/message/maDetail.htm${query}${sep}imInquiryId=${id}`);
      await page.waitForSelector('[data-xunpan-verdict]', { timeout: 20_000 });
      await clickByRole(page, 'button', /^(Insert reply|插入回复)$/);
      await page.waitForFunction(() => (window.tinymce?.get?.('normal-im-send')?.getContent?.() ?? '').length > 40, null, {
        timeout: 10_000,
      });
      const draft = await page.evaluate(() => window.tinymce.get('normal-im-send').getContent());
      assert.match(draft, /Dear|Hello|Hi/, 'a greeting');
      // Insert again keeps the draft; replace swaps it whole.
      await clickByRole(page, 'button', /^(Insert reply|插入回复)$/);
      await page.waitForFunction((n) => window.tinymce.get('normal-im-send').getContent().length > n, draft.length);
      await clickByRole(page, 'button', /^(Replace draft|替换草稿)$/);
      await page.waitForFunction((n) => window.tinymce.get('normal-im-send').getContent().length === n, draft.length);
      assert.match(await page.textContent('#draft-counter'), /\d{2,}/, 'the page saw the draft through its editor');
      assert.equal(await page.evaluate(() => window.__demoSent ?? null), null, 'nothing was sent');
      await page.screenshot({ path: join(ARTIFACTS, `detail${suffix}.png`), fullPage: true });
      await page.close();
    });

    test('chat contacts are tagged and the reply reaches the controlled textarea', async () => {
      const page = await open(`${CHAT}${query}#/`);
      await page.waitForSelector(CONTACT);
      await page.waitForFunction(
        (sel) => [...document.querySelectorAll(sel)].some((r) => r.hasAttribute('data-xunpan-verdict')),
        CONTACT,
        { timeout: 20_000 },
      );
      // A contact's name line is one line high and hides what overflows: each chip
      // stays one line, inside it.
      const misfits = await page.evaluate((sel) => [...document.querySelectorAll(`${sel}[data-xunpan-verdict]`)].flatMap((row) => {
        const host = row.querySelector('[data-xunpan-host]');
        if (!host) return [`${row.dataset.cid}: no chip`];
        const line = host.parentElement.getBoundingClientRect();
        const chip = host.getBoundingClientRect();
        const fits = chip.height <= 22 && chip.top >= line.top - 0.5 && chip.bottom <= line.bottom + 0.5;
        return fits ? [] : [`${row.dataset.cid}: chip ${chip.top}-${chip.bottom} in line ${line.top}-${line.bottom}`];
      }), CONTACT);
      assert.deepEqual(misfits, [], 'every chip on its contact\'s name line');
      await clickByRole(page, 'button', /^(Insert reply|插入回复)$/);
      await page.waitForFunction(() => (document.querySelector('textarea.send-textarea')?.value ?? '').length > 20, null, {
        timeout: 10_000,
      });
      assert.equal(await page.evaluate(() => window.__demoSent ?? null), null, 'nothing was sent');
      await page.screenshot({ path: join(ARTIFACTS, `chat${suffix}.png`) });
      await page.close();
    });

    test('the shortcut picker inserts at the cursor and the typed reply is linted live', async () => {
      const page = await open(`${CHAT}${query}#/`);
      await page.waitForSelector(`${CONTACT}[data-xunpan-verdict]`, { timeout: 20_000 });
      await page.waitForSelector('.content-header[data-xunpan-verdict]', { timeout: 20_000 });
      const box = page.locator('textarea.send-textarea');
      await box.click();
      await page.keyboard.type('Hi, ');
      // What the keyboard shortcut does: the service worker asks the active tab to open the picker.
      await page.bringToFront();
      await browser.worker.evaluate(async () => {
        const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
        await chrome.tabs.sendMessage(tab.id, { type: 'xunpan/open-picker' });
      });
      await findByRoleEventually(page, 'listbox');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.getElementById('state-mirror').textContent.length > 30, null, { timeout: 10_000 });
      const draft = await page.textContent('#state-mirror');
      assert.ok(draft.startsWith('Hi, '), 'what the rep typed stays, the template goes in at the cursor');
      // Live lint: a reply that drops the greeting and the closing question is flagged.
      await box.fill('');
      await box.pressSequentially('We have it in stock.');
      let fixes = [];
      for (let i = 0; i < 30 && !fixes.length; i++) {
        await page.waitForTimeout(200);
        fixes = (await visibleTexts(page)).filter((t) => /given name|question the buyer/.test(t));
      }
      assert.ok(fixes.length > 0, 'lint flags shown on the card');
      assert.equal(await page.evaluate(() => window.__demoSent ?? null), null, 'nothing was sent');
      await page.close();
    });

    test('no page errors', () => {
      assert.deepEqual(pageErrors, []);
    });
  });
}
