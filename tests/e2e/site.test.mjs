// The site adapters in a real browser engine: every selector of extension/site.js
// matches exactly the number of elements its `fixtures` table says on each demo page,
// the URL detectors recognise their own URLs and no one else's, and a page whose
// markup changed is reported as unreadable instead of being misread.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, startDemo } from './harness.mjs';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const SITE_JS = readFileSync(join(here, '../../extension/site.js'), 'utf8');
const PAGE_DATA_JS = readFileSync(join(here, '../../extension/page-data.js'), 'utf8');
const Site = require('../../extension/site.js');
const EXPECTED = join(here, '../fixtures/pages');
const UPDATE = process.env.XUNPAN_UPDATE_FIXTURES === '1';

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

describe('shown times and country names', () => {
  const now = Date.parse('2026-11-23T10:00:00+08:00');
  const cases = [
    ['3 hours before', now - 3 * 3600e3],
    ['Date Posted: 25 minutes ago', now - 25 * 60e3],
    ['1 hour ago', now - 3600e3],
    ['2 days before', now - 2 * 86400e3],
    ['发布于 5 小时前', now - 5 * 3600e3],
    ['10分钟前', now - 10 * 60e3],
    // Shown times are in the browser's zone (here: the test's own), unless they say otherwise.
    ['2026-11-20 14:30', new Date(2026, 10, 20, 14, 30).getTime()],
    ['2026-11-20 14:30 GMT+8', Date.parse('2026-11-20T14:30:00+08:00')],
    ['Posted 2026-11-19', new Date(2026, 10, 19).getTime()],
    ['just now, somewhere', undefined],
  ];
  for (const [shown, want] of cases) test(`"${shown}"`, () => assert.equal(Site.postedAt(shown, now), want));
  // A list's relative time: minutes to the minute (the middle of the one named), hours
  // only as the day, and only when the hour named cannot straddle midnight; days never.
  // Here now is 10:00 in the test's zone.
  const local = (h, m = 0, day = 0) => new Date(new Date(now).getFullYear(), new Date(now).getMonth(), new Date(now).getDate() + day, h, m).getTime();
  const dayOf = (ms) => new Date(ms - new Date(ms).getTimezoneOffset() * 60e3).toISOString().slice(0, 10);
  const localNow = local(10);
  const relative = [
    ['3 分钟前', { at: localNow - 3.5 * 60e3 }],
    ['25 minutes ago', { at: localNow - 25.5 * 60e3 }],
    ['刚刚', { at: localNow }],
    ['2 小时前', { day: dayOf(localNow) }],
    ['9 hours ago', { day: dayOf(localNow) }],
    ['10 hours ago', {}],
    ['3 天前', {}],
    ['创建于昨天', {}],
  ];
  for (const [shown, want] of relative) test(`relative "${shown}"`, () => assert.deepEqual(Site.relativeWhen(shown, localNow), want));
  test('a month-day with a time, as lists show this year\'s dates', () => {
    assert.deepEqual(Site.contactWhen('11-20 14:30', local(10)), { at: new Date(new Date(now).getFullYear(), 10, 20, 14, 30).getTime() });
    assert.deepEqual(Site.contactWhen('13-45 14:30', local(10)), {});
  });
  test('a weekday in a contact row names the last such day before today (its own name: a week ago)', () => {
    const zh = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];
    const en = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
    for (let back = 1; back <= 7; back++) {
      const day = local(12, 0, -back);
      assert.deepEqual(Site.contactWhen(zh[new Date(day).getDay()], localNow), { day: dayOf(day) }, zh[new Date(day).getDay()]);
      assert.deepEqual(Site.contactWhen(en[new Date(day).getDay()], localNow), { day: dayOf(day) }, en[new Date(day).getDay()]);
    }
    assert.deepEqual(Site.contactWhen('星期八', localNow), {});
  });
  test('country names read as ISO codes, unknown ones as absent', () => {
    const names = [['United States', 'US'], ['Turkey', 'TR'], ['Saudi Arabia', 'SA'], ['kenya', 'KE'], ['UK', 'GB'],
      ['de', 'DE'], ['Atlantis', undefined], ['', undefined]];
    for (const [name, code] of names) assert.equal(Site.countryCode(name), code, name);
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
    await page.evaluate(SITE_JS); // from outside the page: a strict CSP would refuse a script tag
    return page;
  }

  /** Everything the adapter reads from a page, the page data included (as the extension sees it). */
  function readPage(page, type, now, usePageData = true) {
    return page.evaluate(async ({ type, now, usePageData }) => {
      const store = XunpanSite.createPageDataStore();
      const kinds = new Set();
      window.addEventListener('message', (ev) => {
        if (ev.source === window && store.accept(ev.data)) kinds.add(ev.data.kind);
      });
      window.postMessage({ source: 'xunpan-page-data-request' }, location.origin);
      await new Promise((done) => setTimeout(done, 300));
      const read = XunpanSite.collect(type, document, usePageData ? store : null, {}, now);
      return {
        pageData: [...kinds].sort(),
        found: [...read.health.found].sort(),
        missing: read.health.missing,
        inquiries: read.items.map((i) => i.inquiry),
        // Known by their thread alone: the row shows our reply, or may (see ROW_STATUS).
        threadOnly: read.items.filter((i) => i.threadOnly).map((i) => i.id),
      };
    }, { type, now, usePageData });
  }

  const READ_PAGES = {
    ...PAGES,
    'detail-strict': `https://message.alibaba.com/message/maDetail.htm?imInquiryId=7301000001&now=${NOW}&csp=strict`,
    'detail-en': `https://message.alibaba.com/message/maDetail.htm?imInquiryId=7301000001&now=${NOW}&lang=en`,
    'list-dom-only': PAGES.list,
    'detail-en-dom-only': `https://message.alibaba.com/message/maDetail.htm?imInquiryId=7301000011&now=${NOW}&lang=en`,
    'detail-hidden-profile': `https://message.alibaba.com/message/maDetail.htm?imInquiryId=7301000022&now=${NOW}`,
    'detail-hash-route': `https://message.alibaba.com/message/default.htm?imInquiryId=7301000011&now=${NOW}#feedback/detail/all/7301000011/97301000011/s7301000011x/`,
  };
  for (const [pageId, url] of Object.entries(READ_PAGES)) {
    test(`${pageId} reads to its expected inquiries (tests/fixtures/pages/${pageId}.json)`, async () => {
      const page = await open(url);
      // "-dom-only": the fallback, as if the page held no data Xunpan can read.
      const got = await readPage(page, Site.detect(url), NOW, !pageId.endsWith('-dom-only'));
      await page.close();
      const file = join(EXPECTED, `${pageId}.json`);
      if (UPDATE) {
        mkdirSync(EXPECTED, { recursive: true });
        writeFileSync(file, `${JSON.stringify(got, null, 1)}\n`);
      }
      const want = JSON.parse(readFileSync(file, 'utf8'));
      assert.deepEqual(got, want, `${pageId}: run with XUNPAN_UPDATE_FIXTURES=1 to see the difference, then review it`);
    });
  }

  test('the buyer profile arrives through the page\'s own JSONP callback, which still gets it unchanged', async () => {
    const page = await open(READ_PAGES['detail-strict']);
    const got = await readPage(page, 'inquiryDetail', NOW);
    assert.ok(got.pageData.includes('customerInfo'), JSON.stringify(got.pageData));
    assert.ok(got.found.includes('buyerData'));
    const [inquiry] = got.inquiries;
    assert.equal(inquiry.buyer.loginDays, await page.evaluate(() => window.__demoBuyerInfo.loginDays), 'the page saw the same answer');
    assert.ok(inquiry.buyer.registeredAt, 'the registration date comes from the profile data');
    await page.close();
  });

  test('OneTalk message events: the whole text behind a short preview, and our own replies', async () => {
    const page = await open(PAGES.chat);
    await page.waitForFunction(() => window.IcbuIM, null, { timeout: 5000 });
    // Let the observer find the SDK (it looks every half second).
    await page.waitForTimeout(700);
    const cid = 'sellerali01-buyerali105#11011@icbu';
    const long = 'Do you ship chairs to Poland? Also please confirm the payment to our new bank account at http://pay-check.example/verify before Friday';
    const read = () => page.evaluate(async ({ cid, now }) => {
      const store = XunpanSite.createPageDataStore();
      window.addEventListener('message', (ev) => ev.source === window && store.accept(ev.data));
      window.postMessage({ source: 'xunpan-page-data-request' }, location.origin);
      await new Promise((done) => setTimeout(done, 200));
      const item = XunpanSite.collect('chat', document, store, {}, now).items.find((i) => i.id === cid && !i.open);
      const row = document.querySelector(`[data-cid="${CSS.escape(cid)}"] .last-msg`);
      return { inquiry: item.inquiry, preview: row.textContent, events: store.chatEvents(cid) };
    }, { cid, now: Date.now() });
    await page.evaluate(({ cid, long }) => window.__demoReceive(cid, long), { cid, long });
    const got = await read();
    assert.ok(got.preview.length < 40, `the row shows a preview only: ${got.preview}`);
    assert.equal(got.inquiry.body, long, 'the adapter reads the whole message from the event');
    assert.equal(got.inquiry.thread, undefined, 'nothing of ours yet');
    await page.evaluate(({ cid }) => window.__demoReceive(cid, 'Dear Anna, yes we ship to Poland.', { fromSelf: true }), { cid });
    const after = await read();
    assert.equal(after.inquiry.body, long, 'our reply is not taken for the buyer\'s message');
    assert.ok(after.inquiry.thread?.ourLastReplyAt, 'our reply is known from the event');
    await page.close();
  });

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

  test('hostile page data of every shape is read without a throw into plain inquiries', async () => {
    const page = await open(PAGES.list);
    const report = await page.evaluate(() => {
      // Seeded (xorshift), so a failing round can be replayed.
      let seed = 0x2545f491;
      const rnd = () => {
        seed ^= seed << 13;
        seed ^= seed >>> 17;
        seed ^= seed << 5;
        return (seed >>> 0) / 2 ** 32;
      };
      const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
      const ids = [...document.querySelectorAll('[data-trade-id]')].map((e) => e.getAttribute('data-trade-id'));
      const strings = ['', 'x'.repeat(1 << 20), '<script>alert(1)</script>', '\u202egnp.exe', 'a\u200bb\u200d',
        '\u0000\u0007\u001b', 'javascript:alert(1)', '😀'.repeat(500), '1e400', 'NaN', '2026-02-30 25:61:00'];
      const keys = ['tradeId', 'subject', 'sender', 'latestMessage', 'productInfo', 'createTime', 'content', 'name',
        'list', 'buyerInfo', 'cid', 'text', 'at', 'countryCode', 'sendType', '__proto__', 'constructor', 'toString'];
      const leaf = () => pick([null, true, false, 0, -1, 1e308, NaN, Infinity, -Infinity, ...strings, ...ids]);
      const value = (depth) => {
        const r = rnd();
        if (depth > 5 || r < 0.3) return leaf();
        if (r < 0.5) return Array.from({ length: Math.floor(rnd() * 4) }, () => value(depth + 1));
        const o = {};
        // Own properties, as JSON.parse makes them (a "__proto__" key included).
        for (let n = Math.floor(rnd() * 7); n > 0; n--) {
          Object.defineProperty(o, pick(keys), { value: value(depth + 1), enumerable: true, configurable: true, writable: true });
        }
        return o;
      };
      const deep = (levels) => {
        let v = { tradeId: ids[0] };
        for (let i = 0; i < levels; i++) v = { tradeId: ids[0], list: [v], sender: v, latestMessage: v };
        return v;
      };
      const kinds = ['feedbackList', 'subjectList', 'opMessages', 'customerInfo', 'conversations', 'chatMessage', 'other'];
      const failures = [];
      for (let round = 0; round < 200; round++) {
        const store = XunpanSite.createPageDataStore();
        for (let n = 0; n < 4; n++) {
          let payload;
          if (round % 40 === 0) payload = [deep(1000)];
          else if (rnd() < 0.6) payload = Array.from({ length: 3 }, () => Object.assign(value(1) ?? {}, { tradeId: pick(ids) }));
          else payload = value(0);
          try {
            store.accept({ source: 'xunpan-page-data', kind: pick(kinds), payload });
          } catch (err) {
            failures.push(`round ${round}: accept threw ${err.message}`);
          }
        }
        const read = XunpanSite.collect('inquiryList', document, store, {}, Date.now());
        for (const m of read.health.missing) if (m.startsWith('error:')) failures.push(`round ${round}: ${m}`);
        for (const { inquiry, threadOnly } of read.items) {
          // Known by its thread alone (the row shows our reply, or may): no text at all.
          const bodyRead = threadOnly ? inquiry.body === undefined : typeof inquiry.body === 'string';
          if (!bodyRead || typeof inquiry.id !== 'string') failures.push(`round ${round}: body or id not text: ${String(JSON.stringify(inquiry)).slice(0, 200)}`);
          try {
            JSON.stringify(inquiry);
          } catch (err) {
            failures.push(`round ${round}: not plain data (${err.message})`);
          }
        }
      }
      return { failures: failures.slice(0, 10), rows: ids.length, polluted: Object.keys(Object.prototype) };
    });
    await page.close();
    assert.ok(report.rows > 5, 'the list has rows to aim at');
    assert.deepEqual(report.failures, []);
    assert.deepEqual(report.polluted, [], 'nothing was added to Object.prototype');
  });

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

  test('the list predicted from its page data alone is what is read once the rows are in', async () => {
    const page = await open(PAGES.list);
    const { predicted, read, others } = await page.evaluate(() => {
      const store = XunpanSite.createPageDataStore();
      store.accept({ source: 'xunpan-page-data', kind: 'feedbackList', payload: window.feedbackListResponse.list });
      const pick = (items) => items.map((i) => ({ key: i.key, inquiry: i.inquiry }));
      return {
        predicted: pick(XunpanSite.predict('inquiryList', store)),
        read: pick(XunpanSite.collect('inquiryList', document, store, {}).items),
        others: ['inquiryDetail', 'chat', 'rfqList', null].map((t) => XunpanSite.predict(t, store).length),
      };
    });
    assert.equal(predicted.length, 20);
    // Same keys and the same inquiries (so the same signatures): no row is triaged twice.
    assert.deepEqual(predicted, read);
    assert.deepEqual(others, [0, 0, 0, 0], 'pages read from their markup are not predicted');
    await page.close();
  });

  test('a row read again is the same inquiry until the page posts it again changed', async () => {
    const page = await open(PAGES.list);
    const { same, predictedSame, before, after, others } = await page.evaluate(() => {
      const store = XunpanSite.createPageDataStore();
      const list = window.feedbackListResponse.list;
      store.accept({ source: 'xunpan-page-data', kind: 'feedbackList', payload: list });
      const read = () => XunpanSite.collect('inquiryList', document, store, {}).items;
      const first = read();
      const second = read();
      const predicted = XunpanSite.predict('inquiryList', store);
      // The buyer writes again: the page posts the row anew with the new message.
      const changed = structuredClone(list[0]);
      changed.latestMessage = { ...(changed.latestMessage ?? {}), sendType: 'receive', content: 'Second message: can you ship by March?' };
      store.accept({ source: 'xunpan-page-data', kind: 'feedbackList', payload: [changed] });
      const third = read();
      return {
        same: first.every((item, n) => item.inquiry === second[n].inquiry),
        predictedSame: predicted.every((item) => item.inquiry === first.find((i) => i.key === item.key)?.inquiry),
        before: first[0].inquiry.body,
        after: third[0].inquiry.body,
        others: third.slice(1).every((item, n) => item.inquiry === first[n + 1].inquiry),
      };
    });
    assert.ok(same, 'reading the list again reuses each row\'s inquiry');
    assert.ok(predictedSame, 'the predicted list and the rows share their inquiries');
    assert.notEqual(before, after);
    assert.equal(after, 'Second message: can you ship by March?', 'a row posted again is read afresh');
    assert.ok(others, 'the rows not posted again are kept');
    await page.close();
  });

  // The inquiry card shows the platform's subject above the buyer's words; the page's
  // data has the words alone. The DOM reading came first and was stored until the data's
  // replaced it, so what was kept depended on which came last.
  test('a detail page reads the buyer\'s words the same from its DOM and its data', async () => {
    const page = await open(`https://message.alibaba.com/message/maDetail.htm?imInquiryId=7301000017&now=${NOW}&lang=en`);
    const shown = await page.textContent('.item-content-left .description-container');
    assert.match(shown, /^Inquiry from Product Details Page/, 'the card shows the platform subject');
    const fromDom = await readPage(page, 'inquiryDetail', NOW, false);
    const fromData = await readPage(page, 'inquiryDetail', NOW, true);
    await page.close();
    assert.ok(fromData.found.includes('pageData'), fromData.found.join());
    assert.equal(fromDom.inquiries[0]?.body, 'Can you do custom printed mailer boxes 10000 pcs?');
    assert.equal(fromData.inquiries[0]?.body, fromDom.inquiries[0].body);
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

  test('a list whose markup changed is read by its structure, and what it cannot read is named', async () => {
    const page = await open(`https://message.alibaba.com/message/default.htm?now=${NOW}&broken=1#feedback/all`);
    await page.waitForSelector('.zz-inquiry-item');
    const result = await page.evaluate(() => {
      const read = XunpanSite.collect('inquiryList', document, null, {});
      return { health: read.health, items: read.items.map((i) => ({ id: i.id, inquiry: i.inquiry, missing: i.missing, unread: i.unread ?? false, threadOnly: i.threadOnly ?? false, text: i.element.textContent })) };
    });
    assert.equal(result.items.length, 20, 'every row found by its 询价单号 label');
    assert.ok(result.health.found.includes('listRowStructure'), JSON.stringify(result.health));
    let read = 0;
    let replied = 0;
    for (const item of result.items) {
      assert.equal(item.id, item.text.match(/询价单号：(\d+)/)?.[1], 'the inquiry number is the row\'s own');
      assert.ok(item.inquiry.buyer?.name, `${item.id}: the buyer's name beside the flag`);
      // The message is read from the row, or (too short to tell from a name or a level
      // by layout alone, like a bare "hi") the row is unread and says so: never a guess.
      if (item.unread) {
        assert.equal(item.inquiry.body, '', `${item.id}: nothing handed on as the message`);
        assert.ok(item.missing.includes('text'), `${item.id}: the missing text is named`);
      } else if (item.threadOnly) {
        // Its status says we replied: the text shown may be ours, and is not taken.
        assert.equal(item.inquiry.body, undefined, `${item.id}: no text handed on`);
        assert.match(item.text, /洽谈中/, `${item.id}: a row in conversation`);
        replied += 1;
      } else {
        assert.ok(item.text.includes(item.inquiry.body.split('\n')[0].slice(0, 30)), `${item.id}: the message is read from the row`);
        read += 1;
      }
    }
    assert.equal(replied, 2, 'the two rows we replied to');
    assert.ok(read >= 16, `most messages read by structure (${read} of 18)`);
    assert.ok(result.health.missing.some((m) => /^messageText \d+\/20$/.test(m)) === (read < 18), JSON.stringify(result.health.missing));
    // The older rows show the creation date without a time: a day, never a made-up minute.
    assert.ok(result.items.every((i) => i.inquiry.receivedAt === undefined), 'no minute clock from a date');
    // A selector override from the settings still comes first.
    const patched = await page.evaluate(() => XunpanSite.collect('inquiryList', document, null, { listRow: 'a.zz-inquiry-item' }));
    assert.ok(patched.health.found.includes('listRow'), JSON.stringify(patched.health));
    await page.close();
  });

  test('a list with nothing to read by is reported, not misread', async () => {
    const page = await open(`https://message.alibaba.com/message/default.htm?now=${NOW}&broken=1#feedback/all`);
    await page.waitForSelector('.zz-inquiry-item');
    // Labels gone as well: only the rows' links to their detail pages say where a row
    // is; the rows are found by them, and the times, shown only beside the labels, are
    // reported missing rather than guessed.
    await page.evaluate(() => document.querySelectorAll('.zz-aui2-grid-header').forEach((h) => h.remove()));
    const byLinks = await page.evaluate(() => {
      const read = XunpanSite.collect('inquiryList', document, null, {});
      return { health: read.health, items: read.items.map((i) => ({ id: i.id, link: i.element.querySelector('a[href*="imInquiryId="]')?.getAttribute('href'), at: i.inquiry.receivedAt ?? null })) };
    });
    assert.equal(byLinks.items.length, 20, JSON.stringify(byLinks.health));
    for (const item of byLinks.items) {
      assert.ok(item.link.endsWith(`imInquiryId=${item.id}`), `${item.id}: the row of its own link`);
      assert.equal(item.at, null, `${item.id}: no time made up`);
    }
    assert.ok(byLinks.health.missing.includes('receivedTime 20/20'), JSON.stringify(byLinks.health));
    // The links gone too: nothing says where a row is. A lone link left elsewhere on the
    // page (a menu's "latest inquiry") is no list: the page is not read as its row.
    await page.evaluate(() => {
      document.querySelectorAll('a[href*="imInquiryId="]').forEach((a) => a.removeAttribute('href'));
      const bar = document.createElement('div');
      bar.innerHTML = '<span>New: <a href="/message/maDetail.htm?imInquiryId=7301000001">Latest inquiry</a></span>';
      document.body.prepend(bar);
    });
    const result = await page.evaluate(() => XunpanSite.collect('inquiryList', document, null, {}));
    assert.equal(result.items.length, 0, 'no wrong tags');
    assert.ok(result.health.missing.includes('listRow'), JSON.stringify(result.health));
    await page.close();
  });
});
