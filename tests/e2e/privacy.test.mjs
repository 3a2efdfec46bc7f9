// Nothing leaves the browser: every request made while Xunpan works through the demo
// pages (list, detail with a reply inserted, chat, RFQ market, popup, side panel,
// options) is recorded, in the pages and in the service worker, and any that is not
// the seller page's own (a *.alibaba.com address) or the extension's own files fails
// the test.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, startDemo } from './harness.mjs';
import { clickByRole } from './shadow.mjs';

let demo;
let browser;
const requests = [];

before(async () => {
  demo = await startDemo();
  browser = await launch(demo.port);
  // The context reports the pages' requests and the service worker's (which have no frame).
  browser.context.on('request', (r) => {
    let from = 'service worker';
    try {
      from = r.frame().url();
    } catch {
      // a worker's request
    }
    requests.push({ url: r.url(), from });
  });
});

after(async () => {
  await browser?.close();
  await demo?.close();
});

const allowed = (url) =>
  /^https:\/\/([a-z0-9-]+\.)*alibaba\.com(:\d+)?\//.test(url) ||
  url.startsWith(`chrome-extension://${browser.extensionId}/`) ||
  /^(data|blob):/.test(url);

test('working through every demo page makes no request beyond the pages\' own', async () => {
  const page = await browser.context.newPage();
  await page.goto('https://message.alibaba.com/message/default.htm?lang=en#feedback/all');
  await page.waitForSelector('a.inquiry-item[data-xunpan-verdict="genuine"]', { timeout: 20_000 });
  const id = await page.$eval('a.inquiry-item[data-xunpan-verdict="genuine"]', (r) => r.getAttribute('data-trade-id'));
  await page.click('.ui2-tab-nav a[data-folder="spam"]');
  await page.waitForTimeout(500);

  await page.goto(`https://message.alibaba.com/message/maDetail.htm?lang=en&imInquiryId=${id}`);
  await page.waitForSelector('[data-xunpan-verdict]', { timeout: 20_000 });
  await clickByRole(page, 'button', /^(Insert reply|插入回复)$/);
  await page.waitForFunction(() => (window.tinymce?.get?.('normal-im-send')?.getContent?.() ?? '').length > 40);

  await page.goto('https://onetalk.alibaba.com/message/weblitePWA.htm#/');
  await page.waitForFunction(() => document.querySelector('[data-xunpan-verdict]'), null, { timeout: 20_000 });

  await page.goto('https://sourcing.alibaba.com/rfq/rfq_search_list.htm');
  await page.waitForTimeout(1500);

  for (const view of ['popup.html', 'sidepanel.html', 'options.html']) {
    await page.goto(`chrome-extension://${browser.extensionId}/${view}`);
    await page.waitForTimeout(800);
  }
  await page.close();

  assert.ok(requests.some((r) => r.url.includes('alibaba.com')), 'the recorder saw the pages');
  assert.ok(requests.some((r) => r.from === 'service worker'), 'the recorder saw the service worker');
  const foreign = requests.filter((r) => !allowed(r.url));
  assert.deepEqual(foreign, [], 'requests to anywhere else');
});
