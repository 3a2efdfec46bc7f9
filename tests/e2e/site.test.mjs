// The site adapters in a real browser engine: every selector of extension/site.js
// matches exactly the number of elements its `fixtures` table says on each demo page,
// the URL detectors recognise their own URLs and no one else's, and a page whose
// markup changed is reported as unreadable instead of being misread.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, startDemo } from './harness.mjs';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const SITE_JS = readFileSync(join(here, '../../extension/site.js'), 'utf8');
const PAGE_DATA_JS = readFileSync(join(here, '../../extension/page-data.js'), 'utf8');
const Site = require('../../extension/site.js');

const NOW = Date.parse('2026-11-23T10:00:00+08:00');
const PAGES = {
  list: `https://message.alibaba.com/message/default.htm?now=${NOW}#feedback/all`,
  'list-en': `https://message.alibaba.com/message/default.htm?now=${NOW}&lang=en#feedback/all`,
  'list-gen2': `https://message.alibaba.com/message/default.htm?now=${NOW}&gen=2#feedback/all`,
  'list-spam': `https://message.alibaba.com/message/default.htm?now=${NOW}#feedback/spam`,
  detail: `https://message.alibaba.com/message/maDetail.htm?imInquiryId=7301000001&now=${NOW}`,
  'detail-replied': `https://message.alibaba.com/message/maDetail.htm?imInquiryId=7301000011&now=${NOW}`,
  'detail-attachments': `https://message.alibaba.com/message/maDetail.htm?imInquiryId=7301000013&now=${NOW}`,
  chat: `https://onetalk.alibaba.com/message/weblitePWA.htm?now=${NOW}#/`,
  rfq: `https://sourcing.alibaba.com/rfq/rfq_search_list.htm?now=${NOW}`,
};

describe('URL detection', () => {
  const cases = [
    ['https://message.alibaba.com/message/default.htm#feedback/all', 'inquiryList'],
    ['https://message.alibaba.com/message/default.htm?spm=a2700#feedback/unread', 'inquiryList'],
    ['https://message.alibaba.com/message/default.htm?imInquiryId=1#feedback/detail/all/1/2/3/', 'inquiryDetail'],
    ['https://message.alibaba.com/message/maDetail.htm?imInquiryId=10452245876', 'inquiryDetail'],
    ['https://onetalk.alibaba.com/message/weblitePWA.htm?isGray=1&from=menu&hideMenu=1#/', 'chat'],
    ['https://sourcing.alibaba.com/rfq/rfq_search_list.htm?page=2', 'rfqList'],
    ['https://www.alibaba.com/product-detail/x.html', null],
    ['https://message.alibaba.com.evil.example/message/default.htm', null],
    ['https://onetalk.alibaba.com/message/alicrm.htm', null],
    ['not a url', null],
  ];
  for (const [url, want] of cases) {
    test(`${url} → ${want}`, () => assert.equal(Site.detect(url), want));
  }
  test('each page type has URLs of its own and none of the others', () => {
    const types = new Set(cases.map(([, t]) => t).filter(Boolean));
    assert.deepEqual([...types].sort(), Object.keys(Site.PAGES).sort());
  });
});

describe('selectors against the demo pages (Chromium)', () => {
  let server;
  let browser;
  before(async () => {
    server = await startDemo();
    browser = await launch(server.port, { extension: false });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(url) {
    const page = await browser.context.newPage();
    await page.addInitScript(PAGE_DATA_JS);
    await page.goto(url);
    await page.waitForLoadState('networkidle');
    await page.addScriptTag({ content: SITE_JS });
    return page;
  }

  for (const [pageId, url] of Object.entries(PAGES)) {
    test(`every selector's expected count on ${pageId}`, async () => {
      const page = await open(url);
      const expectations = Object.entries(Site.SELECTORS)
        .filter(([, s]) => pageId in s.fixtures)
        .map(([key, s]) => ({ key, css: s.css, want: s.fixtures[pageId] }));
      assert.ok(expectations.length > 0, `${pageId} is covered by some selector`);
      const counts = await page.evaluate((exp) => exp.map(({ key, css }) => {
        const first = css.find((c) => document.querySelectorAll(c).length);
        return { key, got: first ? document.querySelectorAll(first).length : 0 };
      }), expectations);
      for (const { key, want } of expectations) {
        assert.equal(counts.find((c) => c.key === key).got, want, `${key} on ${pageId}`);
      }
      await page.close();
    });
  }

  test('the list is read from the page data and matches the rows', async () => {
    const page = await open(PAGES.list);
    const items = await page.evaluate(() => {
      const store = XunpanSite.createPageDataStore();
      store.accept({ source: 'xunpan-page-data', kind: 'feedbackList', payload: window.feedbackListResponse.list });
      return XunpanSite.collect('inquiryList', document, store, {}).items.map((i) => i.inquiry);
    });
    assert.equal(items.length, 20);
    const first = items[0];
    assert.equal(first.id, '7301000001');
    assert.equal(first.buyer.name, 'Keisha Monroe');
    assert.equal(first.buyer.country, 'US');
    assert.equal(first.product.title, '13x4 HD Lace Frontal Wig Body Wave 180% Density');
    assert.equal(first.receivedAt, new Date(NOW - 2 * 60_000).toISOString());
    const replied = items.find((i) => i.id === '7301000011');
    assert.ok(replied.thread?.ourLastReplyAt, 'our reply is known from the page data');
    await page.close();
  });

  test('the detail page gives the thread, attachments and the hidden profile as absent', async () => {
    const page = await open(`https://message.alibaba.com/message/maDetail.htm?imInquiryId=7301000022&now=${NOW}`);
    const [item] = await page.evaluate(() => XunpanSite.collect('inquiryDetail', document, null, {}).items.map((i) => i.inquiry));
    assert.equal(item.id, '7301000022');
    assert.match(item.body, /interested in your product/);
    assert.equal(item.buyer.name, 'Grace Mensah');
    for (const hidden of ['productViews', 'validInquiries', 'spamMarkedCount', 'loginDays']) {
      assert.equal(item.buyer[hidden], undefined, `${hidden} hidden by the buyer reads as absent`);
    }
    const page2 = await open(PAGES['detail-attachments']);
    const [withFiles] = await page2.evaluate(() => XunpanSite.collect('inquiryDetail', document, null, {}).items.map((i) => i.inquiry));
    assert.deepEqual(withFiles.attachments.map((a) => a.name), ['Purchase Order 2211.pdf.exe', 'invoice.zip']);
    await page.close();
    await page2.close();
  });

  test('folders and pages are re-read after the single-page app re-renders', async () => {
    const page = await open(PAGES.list);
    const ids = () => page.evaluate(() => XunpanSite.collect('inquiryList', document, null, {}).items.map((i) => i.id));
    const first = await ids();
    await page.click('.ui2-pagination-pages a[data-page="2"]');
    await page.waitForFunction((old) => document.querySelector('a.inquiry-item')?.getAttribute('data-trade-id') !== old, first[0]);
    const second = await ids();
    assert.equal(second.length, 12);
    assert.equal(second.filter((id) => first.includes(id)).length, 0, 'page 2 shows other inquiries');
    await page.evaluate(() => { location.hash = '#feedback/spam'; });
    await page.waitForSelector('.empty-folder');
    const empty = await page.evaluate(() => XunpanSite.collect('inquiryList', document, null, {}));
    assert.equal(empty.items.length, 0);
    assert.deepEqual(empty.health.missing, [], 'an empty folder is not a broken page');
    await page.close();
  });

  test('the virtualised chat list keeps ids right while scrolling', async () => {
    const page = await open(PAGES.chat);
    const read = () => page.evaluate(() => XunpanSite.collect('chat', document, null, {}).items.filter((i) => !i.open).map((i) => [i.id, i.inquiry.buyer.name]));
    const top = await read();
    await page.evaluate(() => { document.getElementById('contact-scroll').scrollTop = 64 * 12; });
    await page.waitForFunction(() => [...document.querySelectorAll('.contact-item-container')].some((r) => r.getAttribute('data-cid')?.includes('buyerali120')));
    const scrolled = await read();
    const cache = await page.evaluate(() => Object.fromEntries(window.__VMFsConv__cache__.map((c) => [c.cid, c.contactNick])));
    for (const [id, name] of [...top, ...scrolled]) assert.equal(name, cache[id], `${id} is shown with its own buyer`);
    assert.ok(scrolled.some(([id]) => !top.map(([t]) => t).includes(id)), 'scrolling shows other contacts');
    await page.close();
  });

  test('a page whose markup changed is reported, not misread', async () => {
    const page = await open(`https://message.alibaba.com/message/default.htm?now=${NOW}&broken=1#feedback/all`);
    await page.waitForSelector('.zz-inquiry-item');
    const result = await page.evaluate(() => XunpanSite.collect('inquiryList', document, null, {}));
    assert.equal(result.items.length, 0, 'no wrong tags');
    assert.ok(result.health.missing.includes('listRow'), JSON.stringify(result.health));
    // A selector override from the settings patches it.
    const patched = await page.evaluate(() => XunpanSite.collect('inquiryList', document, null, { listRow: 'a.zz-inquiry-item' }));
    assert.equal(patched.health.missing.includes('listRow'), false);
    await page.close();
  });
});
