// A buyer's text is never markup: the demo inquiry 7301000030 carries <script>,
// an <img onerror>, markup in the buyer's name and a right-to-left override. Tagged,
// opened and answered with an inserted reply, under no CSP and a strict one, nothing
// of it runs and the reply holds it as text.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, startDemo } from './harness.mjs';
import { clickByRole, visibleTexts } from './shadow.mjs';

const ID = '7301000030';

for (const csp of [null, 'strict']) {
  describe(`hostile buyer text (${csp ? 'strict CSP' : 'no CSP'})`, () => {
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
      const sep = csp ? '&' : '?';
      const query = csp ? '?csp=strict' : '';
      await page.goto(`https://message.alibaba.com/message/default.htm${query}${sep}pageSize=50#feedback/all`);
      await page.waitForSelector(`a.inquiry-item[data-trade-id="${ID}"][data-xunpan-verdict]`, { timeout: 20_000 });
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
      await page.close();
    });
  });
}
