// A buyer's text is never markup: the demo inquiry 7301000030 carries <script>,
// an <img onerror>, markup in the buyer's name, a right-to-left override, a
// `javascript:` link and a host hidden behind zero-width characters. Tagged, opened
// and answered with an inserted reply, under no CSP and a strict one, nothing of it
// runs, Xunpan draws no link, image or handler of any kind, and the reply holds it as
// text. A message of over 1 MB is tagged and answered and the card keeps its size.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, startDemo } from './harness.mjs';
import { clickByRole, findByRole, overlayActiveMarkup, visibleTexts } from './shadow.mjs';

const ID = '7301000030';

for (const csp of [null, 'strict']) {
  describe(`hostile buyer text (${csp ? 'strict CSP' : 'no CSP'})`, () => {
    // The demo pages' query: a strict CSP, or none.
    const query = csp ? '?csp=strict' : '';
    const sep = csp ? '&' : '?';
    let demo;
    let browser;
    before(async () => {
      demo = await startDemo(csp ? { csp } : {});
      browser = await launch(demo.port);
    });
    after(async () => {
      await browser?.close();
      await demo?.close();
    });

    test('nothing runs, the card and the reply show the text as text', async () => {
      const page = await browser.context.newPage();
      const dialogs = [];
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        d.dismiss().catch(() => {});
      });
      await page.goto(`https://message.alibaba.com/message/default.htm${query}${sep}pageSize=50#feedback/all`);
      await page.waitForSelector(`a.inquiry-item[data-trade-id="${ID}"][data-xunpan-verdict]`, { timeout: 20_000 });
      // Its chip's reasons (the links it saw among them) are text: no element that could follow them.
      await page.locator(`a.inquiry-item[data-trade-id="${ID}"] [data-xunpan-host]`).click();
      assert.ok((await findByRole(page, 'button', new RegExp(`^not spam$`))).length > 0, 'the reasons are open');
      assert.deepEqual(await overlayActiveMarkup(page), [], 'the list overlay draws nothing active');
      await page.goto(`https://message.alibaba.com/message/maDetail.htm${query}${sep}imInquiryId=${ID}`);
      await page.waitForSelector('[data-xunpan-verdict]', { timeout: 20_000 });
      await clickByRole(page, 'button', /^(Insert reply|插入回复)$/);
      await page.waitForFunction(() => (window.tinymce?.get?.('normal-im-send')?.getContent?.() ?? '').length > 40);
      const html = await page.evaluate(() => window.tinymce.get('normal-im-send').getContent());
      // The quoted question arrives as text; any markup of the buyer's is escaped.
      assert.ok(!/<script|<img|<b>/i.test(html), html);
      assert.match(html, /Price of 5 wigs\?/);
      // No element of the buyer's appeared anywhere in the page.
      assert.equal(await page.evaluate(() => document.querySelectorAll('img[src="x"], b').length), 0);
      await page.waitForTimeout(500);
      assert.deepEqual(dialogs, [], 'no script of the buyer ran');
      assert.equal(await page.evaluate(() => window.__demoSent ?? null), null, 'nothing was sent');
      // The overlay's own text is readable (no right-to-left override turned it around).
      const texts = await visibleTexts(page);
      assert.ok(texts.some((t) => /Insert reply|插入回复/.test(t)));
      // The page shows the buyer's message itself; Xunpan's shadow roots add no copy
      // of a right-to-left override (the accessibility tree sees both, innerText only the page's).
      const inTree = texts.filter((t) => t.includes('\u202E')).length;
      const inPage = await page.evaluate(() => document.body.innerText.split('\u202E').length - 1);
      assert.equal(inTree, inPage, 'no bidi override in what Xunpan shows');
      assert.deepEqual(await overlayActiveMarkup(page), [], 'the card draws nothing active');
      await page.close();
    });

    test('a message of over 1 MB: tagged, answered, and the card keeps its size', async () => {
      const page = await browser.context.newPage();
      await page.goto(`https://message.alibaba.com/message/maDetail.htm${query}${sep}huge=1&imInquiryId=7301000001`);
      assert.ok(await page.evaluate(() => document.body.innerText.length > 1_000_000), 'the page holds the whole message');
      await page.waitForSelector('[data-xunpan-verdict]', { timeout: 30_000 });
      const box = await page.evaluate(() => {
        const r = document.querySelector('[data-xunpan-host]').getBoundingClientRect();
        return { width: r.width, height: r.height, viewport: window.innerWidth };
      });
      assert.ok(box.width > 100 && box.width <= box.viewport, `the card fits the page width: ${JSON.stringify(box)}`);
      assert.ok(box.height < 600, `the card stays compact: ${JSON.stringify(box)}`);
      await clickByRole(page, 'button', /^(Insert reply|插入回复)$/);
      await page.waitForFunction(() => (window.tinymce?.get?.('normal-im-send')?.getContent?.() ?? '').length > 40, null, { timeout: 15_000 });
      const reply = await page.evaluate(() => window.tinymce.get('normal-im-send').getContent());
      assert.ok(reply.length < 20_000, `the reply stays a reply (${reply.length} characters)`);
      assert.equal(await page.evaluate(() => window.__demoSent ?? null), null, 'nothing was sent');
      await page.close();
    });
  });
}
