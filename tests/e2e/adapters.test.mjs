// The site adapters through the built extension, as the rep uses them: a single-page
// inbox re-tags rows when the folder or page changes (one chip per row, never a stale
// one), the virtualised OneTalk list keeps each tag on its own contact while
// scrolling, a message event re-tags a contact from text the row hides, the RFQ
// market ranks requests by the rep's keywords, a list whose markup changed is read by
// its structure, and a page that cannot be read shows a status instead of tags.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ARTIFACTS, demoSession, readStoredItems, shownDisagrees, storedItemsWhen } from './harness.mjs';
import { clickByRole, visibleTexts } from './shadow.mjs';

const LIST = 'https://message.alibaba.com/message/default.htm';
const CHAT = 'https://onetalk.alibaba.com/message/weblitePWA.htm';
const RFQ = 'https://sourcing.alibaba.com/rfq/rfq_search_list.htm';
const ROW = 'a.inquiry-item[data-trade-id]';
const CONTACT = 'div.contact-item-container[data-cid]';

describe('site adapters through the extension', () => {
  const session = demoSession();
  const open = (url) => session.open(url);

  const storedItems = () => readStoredItems(session.browser);

  /** Every row tagged, with the engine's verdict for its own id and exactly one chip. */
  async function rowsTaggedRight(page) {
    await page.waitForFunction((sel) => {
      const rows = [...document.querySelectorAll(sel)];
      return rows.length > 0 && rows.every((r) => r.hasAttribute('data-xunpan-verdict') && r.querySelectorAll('[data-xunpan-host]').length === 1);
    }, ROW, { timeout: 20_000 });
    const rows = await page.$$eval(ROW, (els) => els.map((r) => ({
      id: r.getAttribute('data-trade-id'),
      verdict: r.getAttribute('data-xunpan-verdict'),
      chips: r.querySelectorAll('[data-xunpan-host]').length,
    })));
    const stored = await storedItems();
    for (const row of rows) {
      assert.equal(row.chips, 1, `row ${row.id} has one chip`);
      assert.equal(shownDisagrees(row.verdict, stored[`inquiry:${row.id}`]), null, `row ${row.id} shows its own verdict`);
    }
    return rows.map((r) => r.id);
  }

  test('folders and pages of the single-page inbox are re-tagged, one chip per row', async () => {
    const page = await open(`${LIST}#feedback/all`);
    const first = await rowsTaggedRight(page);
    assert.equal(first.length, 20);
    await page.click('.ui2-pagination-pages a[data-page="2"]');
    await page.waitForFunction((old) => document.querySelector('a.inquiry-item')?.getAttribute('data-trade-id') !== old, first[0]);
    const second = await rowsTaggedRight(page);
    assert.equal(second.filter((id) => first.includes(id)).length, 0, 'page 2 shows other inquiries, each tagged');
    await page.evaluate(() => { location.hash = '#feedback/unread'; });
    await page.waitForFunction((n) => document.querySelectorAll('a.inquiry-item').length !== n, second.length);
    const unread = await rowsTaggedRight(page);
    assert.ok(unread.length > 0);
    await page.evaluate(() => { location.hash = '#feedback/spam'; });
    await page.waitForSelector('.empty-folder');
    await page.waitForTimeout(300);
    const texts = await visibleTexts(page);
    assert.ok(!texts.some((t) => /could not be read/.test(t)), 'an empty folder is not reported as a broken page');
    await page.evaluate(() => { location.hash = '#feedback/all'; });
    const back = await rowsTaggedRight(page);
    assert.deepEqual(back, first, 'back in the first folder, the same rows and tags');
    await page.close();
  });

  test('the virtualised chat list keeps every tag on its own contact while scrolling', async () => {
    const page = await open(`${CHAT}#/`);
    await page.waitForSelector(CONTACT);
    const shown = async () => {
      await page.waitForFunction((sel) => [...document.querySelectorAll(sel)].filter((r) => !r.hidden)
        .every((r) => r.hasAttribute('data-xunpan-verdict') && r.querySelectorAll('[data-xunpan-host]').length === 1), CONTACT, { timeout: 20_000 });
      return page.$$eval(CONTACT, (rows) => rows.filter((r) => !r.hidden).map((r) => [r.getAttribute('data-cid'), r.getAttribute('data-xunpan-verdict')]));
    };
    const seen = new Map();
    for (const top of [0, 64 * 8, 64 * 16, 64 * 3, 0]) {
      await page.evaluate((y) => { document.getElementById('contact-scroll').scrollTop = y; }, top);
      await page.waitForTimeout(150);
      // The rows are drawn before their records are written: read once each row shown has one.
      const rows = await shown();
      const stored = await storedItemsWhen(session.browser, (items) => rows.every(([cid]) => items[`chat:${cid}`]));
      for (const [cid, verdict] of rows) {
        assert.equal(verdict, stored[`chat:${cid}`]?.verdict, `${cid} shows its own verdict at scroll ${top}`);
        if (seen.has(cid)) assert.equal(verdict, seen.get(cid), `${cid} keeps its verdict when it comes back`);
        seen.set(cid, verdict);
      }
    }
    assert.ok(seen.size >= 20, `scrolling showed most contacts (${seen.size})`);
    assert.equal(seen.get('sellerali01-buyerali111#11011@icbu'), 'spam', 'the account-suspension phish is spam wherever it is drawn');
    await page.close();
  });

  test('a OneTalk message event re-tags a contact from text the row does not show', async () => {
    const page = await open(`${CHAT}#/`);
    const cid = 'sellerali01-buyerali105#11011@icbu';
    const row = `${CONTACT}[data-cid="${cid}"]`;
    await page.waitForSelector(`${row}[data-xunpan-verdict="genuine"]`, { timeout: 20_000 });
    await page.waitForFunction(() => window.IcbuIM);
    await page.waitForTimeout(700); // the observer looks for the SDK every half second
    const phish = 'Hello, your store will be suspended today. Verify your account password here: http://alibaba-verify.example/login and pay the fee';
    await page.evaluate(({ cid, phish }) => window.__demoReceive(cid, phish), { cid, phish });
    await page.waitForSelector(`${row}[data-xunpan-verdict="spam"]`, { timeout: 20_000 });
    const preview = await page.$eval(`${row} .last-msg`, (e) => e.textContent);
    assert.ok(!preview.includes('password'), `the row shows only a preview: ${preview}`);
    await page.close();
  });

  test('RFQ cards are ranked by the rep\'s keywords, with quotes left and age', async () => {
    const options = await session.browser.context.newPage();
    await options.goto(`chrome-extension://${session.browser.extensionId}/options.html`);
    await options.waitForSelector('[name="rfq.keywords"]');
    await options.fill('[name="rfq.keywords"]', 'human hair wig\nLED panel');
    await options.fill('[name="rfq.freshHours"]', '24');
    await options.click('button[type=submit]');
    await options.waitForSelector('#saved.ok');
    await options.close();

    const page = await open(RFQ);
    await page.waitForFunction(() => {
      const cards = [...document.querySelectorAll('div.brh-rfq-item')];
      return cards.length === 7 && cards.every((c) => c.hasAttribute('data-xunpan-verdict'));
    }, null, { timeout: 20_000 });
    const stored = await storedItems();
    const wig = stored['rfq:RFQ-880101'];
    assert.equal(wig.rfq.relevance, 1);
    assert.deepEqual(wig.rfq.matched, ['human hair wig']);
    assert.equal(wig.priority, 'high', 'fresh and on the rep\'s list');
    assert.equal(wig.template, 'rfq_quote');
    assert.equal(stored['rfq:RFQ-880103'].priority, 'high', '"LED panel" named, 20 h old: still fresh');
    assert.equal(stored['rfq:RFQ-880106'].priority, 'low', 'mailer boxes are not on the list');
    assert.equal(stored['rfq:RFQ-880104'].priority, 'low', 'office chairs are not on the list');
    const full = stored['rfq:RFQ-880107'];
    assert.equal(full.rfq.quotesLeft, 0);
    assert.equal(full.rfq.worthQuoting, false, 'no quotes left');
    const texts = await visibleTexts(page);
    assert.ok(texts.some((t) => /fit 100% · 8 quotes left · 2 h ago/.test(t)), texts.filter((t) => /fit/.test(t)).join(' | '));
    await page.screenshot({ path: join(ARTIFACTS, 'rfq.png') });
    await page.close();
  });

  test('a list whose class names and ids all changed is read by its structure, each row its own verdict', async () => {
    const page = await open(`${LIST}?broken=1#feedback/all`);
    await page.waitForSelector('.zz-inquiry-item');
    // The rows are found by their "询价单号" labels, the inquiry number read from them.
    await page.waitForFunction(() => {
      const rows = [...document.querySelectorAll('.zz-inquiry-item')];
      return rows.length === 20 && rows.every((r) => r.closest('[data-xunpan-verdict]'));
    }, null, { timeout: 20_000 });
    const rows = await page.$$eval('.zz-inquiry-item', (els) => els.map((r) => {
      const tagged = r.closest('[data-xunpan-verdict]');
      return { no: r.textContent.match(/询价单号：(\d+)/)?.[1], verdict: tagged.getAttribute('data-xunpan-verdict'), chips: tagged.querySelectorAll('[data-xunpan-host]').length };
    }));
    const stored = await storedItems();
    for (const row of rows) {
      assert.equal(row.chips, 1, `row ${row.no} has one chip`);
      assert.equal(shownDisagrees(row.verdict, stored[`inquiry:${row.no}`]), null, `row ${row.no} shows its own verdict`);
    }
    await page.screenshot({ path: join(ARTIFACTS, 'list-broken.png') });
    await page.close();
  });

  test('a chat page whose markup changed shows a status naming what is missing, and no tags', async () => {
    const page = await open(`${CHAT}?broken=1#/`);
    await page.waitForSelector('.zz-contact-item-container');
    let texts = [];
    for (let i = 0; i < 40 && !texts.some((t) => /could not be read/.test(t)); i++) {
      await page.waitForTimeout(100);
      texts = await visibleTexts(page);
    }
    const note = texts.find((t) => /could not be read/.test(t));
    assert.match(note ?? '', /chatContact/, 'the status names what is missing');
    assert.match(note ?? '', /the list of inquiries/, 'in the rep\'s words too');
    assert.equal(await page.$$eval('[data-xunpan-verdict]', (e) => e.length), 0, 'no wrong tags');
    await page.screenshot({ path: join(ARTIFACTS, 'chat-broken.png') });
    // The note sits where pages put their send buttons: the rep can close it, and it
    // stays closed while it has nothing new to say.
    await clickByRole(page, 'button', /^Close$/);
    await page.waitForTimeout(1500);
    texts = await visibleTexts(page);
    assert.ok(!texts.some((t) => /could not be read/.test(t)), 'the closed note stays closed');
    await page.close();
  });

  // Last of the session: the reading it stores for the row would change what the rows
  // of the tests above show (their pages are dated from another `now`).
  test('a row whose latest message is our reply shows its follow-up, and the tag of the buyer\'s text once it is read', async () => {
    const ID = '7301000017';
    const row = `${ROW}[data-trade-id="${ID}"]`;
    // The demo dates its inquiries from `now`: the same on every page, as real times are.
    const now = Date.now() - 60_000;
    const shown = async (page, want) => {
      await page.waitForFunction(({ sel, want }) => want.test(document.querySelector(sel)?.getAttribute('data-xunpan-verdict') ?? ''),
        { sel: row, want: new RegExp(want) }, { timeout: 20_000 });
      const texts = await visibleTexts(page);
      return { verdict: await page.getAttribute(row, 'data-xunpan-verdict'), texts };
    };
    // The list shows our reply there: no verdict, the thread's clock, and a record
    // without one (the queue and the reply metrics still know we replied).
    let page = await open(`${LIST}?now=${now}#feedback/all`);
    const before = await shown(page, '^replied$');
    assert.ok(before.texts.includes('our reply'), before.texts.join(' | '));
    assert.ok(before.texts.some((t) => /^Follow up/.test(t)), 'the follow-up clock');
    let stored = (await storedItems())[`inquiry:${ID}`];
    assert.equal(stored.verdict, null, 'no verdict stored');
    assert.ok(stored.firstReplyAt && stored.followUp, JSON.stringify(stored));
    await page.locator(row).scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, 'list-replied-row.png') });
    await page.close();
    // The rep opens the inquiry: the buyer's text is read and tagged there.
    const detail = await open(`https://message.alibaba.com/message/maDetail.htm?imInquiryId=${ID}&now=${now}`);
    await detail.waitForSelector('[data-xunpan-verdict]', { timeout: 20_000 });
    const read = (await storedItems())[`inquiry:${ID}`];
    assert.ok(read.verdict && read.inquiry.body.includes('mailer boxes'), JSON.stringify(read));
    await detail.close();
    // Back on the list, the row shows that reading's tag, with the thread's clock.
    page = await open(`${LIST}?now=${now}#feedback/all`);
    const after = await shown(page, '^(spam|suspicious|genuine)$');
    stored = (await storedItems())[`inquiry:${ID}`];
    assert.equal(after.verdict, stored.verdict);
    assert.equal(stored.inquiry.body, read.inquiry.body, 'the text read on the detail page');
    assert.ok(stored.followUp, 'the follow-up from the list\'s thread');
    await page.close();
  });

  test('no page errors', () => assert.deepEqual(session.pageErrors, []));
});
