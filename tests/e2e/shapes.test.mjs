// The page shapes of the reference notes that the first demo pages lacked (issue 25),
// each through the built extension in a browser on UTC: the newer list with hashed
// class names, the older list with rows only in the HTML, the list from subjectList.htm,
// list rows whose latest message is the buyer's follow-up, the stand-alone detail page
// with a contenteditable or a plain textarea editor, the TinyMCE detail and the chat's
// controlled textarea, OneTalk with contacts outside its data cache, and the RFQ cards.
// On each: every item's text, buyer and time are read or reported missing, clocks are
// within a minute of the truth (or day-level where the page shows a date alone), Insert
// fills the page's own editor, nothing is sent, and the health names what is missing.
// The figures go to artifacts/shapes-figures.json; screenshots at 1366×768 (panel 400 px).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ARTIFACTS, shapeSession, storedItemsWhen } from './harness.mjs';
import { clickByRole, visibleTexts } from './shadow.mjs';

const LIST = 'https://message.alibaba.com/message/default.htm';
const DETAIL = 'https://message.alibaba.com/message/maDetail.htm';
const CHAT = 'https://onetalk.alibaba.com/message/weblitePWA.htm';
const RFQ = 'https://sourcing.alibaba.com/rfq/rfq_search_list.htm';
const MINUTE = 60_000;
const INSERT = /^(Insert reply|插入回复)$/;

const shot = (page, name) => page.screenshot({ path: join(ARTIFACTS, `shape-${name}.png`) });

describe('page shapes, browser on UTC', () => {
  const { session, figures, open, storedItems, health } = shapeSession('shapes');
  const worker = () => session.browser.worker;

  /** Waits until `n` elements of `selector` are all tagged; returns them as { text, verdict }. */
  async function tagged(page, selector, n) {
    await page.waitForFunction(({ selector, n }) => {
      const rows = [...document.querySelectorAll(selector)].filter((r) => !r.hidden);
      return rows.length === n && rows.every((r) => r.hasAttribute('data-xunpan-verdict'));
    }, { selector, n }, { timeout: 25_000 });
    return page.$$eval(selector, (els) => els.filter((r) => !r.hidden).map((r) => ({
      text: r.textContent, verdict: r.getAttribute('data-xunpan-verdict'), cid: r.getAttribute('data-cid'),
    })));
  }

  test('newer list: hashed class names, English labels, hash-route paging, read by structure', async () => {
    const page = await open(`${LIST}?shape=hashed&tz=UTC#feedback/all/1`);
    const ROW = '[class^="_row_"]';
    const truth = await page.evaluate(() => Object.fromEntries(window.__hxStore.rows.map((r) => [r.id, r])));
    const f = { items: 0, text: 0, buyer: 0, time: 0, clocksWithinMinute: 0, stale: 0, replied: 0 };
    for (const [hash, n] of [['#feedback/all/1', 20], ['#feedback/all/2', 12], ['#feedback/all/1', 20]]) {
      await page.evaluate((h) => { location.hash = h; }, hash);
      await page.waitForFunction(({ sel, n }) => document.querySelectorAll(sel).length === n, { sel: ROW, n });
      const rows = await tagged(page, ROW, n);
      const stored = await storedItems();
      for (const row of rows) {
        const id = row.text.match(/Inquiry No\.: (\d+)/)?.[1];
        const item = stored[`inquiry:${id}`];
        const want = truth[id];
        // "Negotiating": the text the row shows may be our reply, and the page does not
        // say whose it is; the row is known by its thread alone, nothing read or stored.
        if (row.verdict === 'conversation') {
          assert.ok(want.replied, `${id}: only a row in conversation is read by its thread alone`);
          assert.equal(item, undefined, `${id}: nothing stored from a text that may be ours`);
          f.replied += 1;
          continue;
        }
        assert.ok(!want.replied, `${id}: a row in conversation is not read as the buyer's text`);
        assert.ok(item, `${id} is stored`);
        if (row.verdict !== item.verdict) f.stale += 1;
        assert.equal(row.verdict, item.verdict, `${id} shows its own verdict (${hash})`);
        f.items += 1;
        assert.ok(want.text.startsWith(item.inquiry.body.slice(0, 40)) && item.inquiry.body.length > 0, `${id}: the message, read from the row: ${item.inquiry.body}`);
        f.text += 1;
        assert.equal(item.buyer, want.name, `${id}: the buyer's name`);
        assert.equal(item.country, want.cc, `${id}: the country from the flag`);
        f.buyer += 1;
        const off = Math.abs(Date.parse(item.receivedAt) - want.created);
        assert.ok(off < MINUTE, `${id}: "Created" read in the browser's zone, ${off} ms off`);
        f.time += 1;
        assert.ok(item.deadline?.platformDue, `${id}: a clock`);
        if (Math.abs(Date.parse(item.deadline.platformDue) - (want.created + 24 * 60 * MINUTE)) < MINUTE) f.clocksWithinMinute += 1;
      }
    }
    const stored = await storedItems();
    // The "money sent, sign in here to confirm" phishing is read and never tagged green.
    // (The payment-slip one shows its .exe attachment only on its detail page.)
    assert.notEqual(stored['inquiry:7301000029']?.verdict, 'genuine', 'the phishing row is not called genuine');
    f.phishingRowVerdict = stored['inquiry:7301000029']?.verdict;
    f.paymentSlipRowVerdict = stored['inquiry:7301000013']?.verdict;
    const h = await health('shape=hashed');
    assert.deepEqual(h.missing, [], JSON.stringify(h));
    assert.ok(h.found.includes('listRowStructure'), 'rows found by their labels');
    figures.hashedList = f;
    await shot(page, 'hashed-list');
    await page.close();
  });

  test('newer list, a row whose message cannot be read: an "unread" chip, and the health names it', async () => {
    const page = await open(`${LIST}?shape=hashed&tz=UTC&case=unread#feedback/all/1`);
    const ROW = '[class^="_row_"]';
    await tagged(page, ROW, 20);
    // Three rows lose their message (a page change, say): no verdict from what is left.
    await page.evaluate(() => [...document.querySelectorAll('[class^="_txt_"]')].slice(0, 3).forEach((p) => p.remove()));
    await page.waitForFunction((sel) => document.querySelectorAll(`${sel}[data-xunpan-verdict="unread"]`).length === 3, ROW, { timeout: 10_000 });
    const h = await health('case=unread');
    assert.ok(h.missing.includes('messageText 3/20'), JSON.stringify(h.missing));
    assert.equal(h.unread, 3);
    let texts = [];
    for (let i = 0; i < 30 && !texts.some((t) => /could not be read/.test(t)); i++) {
      await page.waitForTimeout(100);
      texts = await visibleTexts(page);
    }
    assert.ok(texts.some((t) => /could not be read fully; missing: message text \(3 of 20\)/.test(t)), texts.filter((t) => /Xunpan/.test(t)).join(' | '));
    assert.ok(texts.filter((t) => t === 'not read').length === 3, 'three grey "not read" chips');
    figures.unreadRows = { rows: 20, unread: 3, healthMissing: h.missing };
    await shot(page, 'hashed-unread');
    await page.close();
  });

  test('older list with rows only in the HTML: dates alone give day-level clocks, never a made-up minute', async () => {
    const page = await open(`${LIST}?shape=html&tz=UTC`);
    const ROW = 'a.inquiry-item[data-trade-id]';
    await tagged(page, ROW, 20);
    const rows = await page.$$eval(ROW, (els) => els.map((r) => ({
      id: r.getAttribute('data-trade-id'), created: r.textContent.match(/创建时间：(\d{4}-\d{2}-\d{2})/)?.[1], verdict: r.getAttribute('data-xunpan-verdict'),
    })));
    const stored = await storedItems();
    const f = { items: 0, text: 0, buyer: 0, dayClocks: 0, replied: 0 };
    for (const { id, created, verdict } of rows) {
      const item = stored[`inquiry:${id}`];
      f.items += 1;
      // "洽谈中": the text shown may be our reply; nothing read, no clock (when we
      // replied the page does not say).
      if (verdict === 'conversation') {
        assert.equal(item, undefined, `${id}: nothing stored from a text that may be ours`);
        f.replied += 1;
        continue;
      }
      if (item.inquiry.body) f.text += 1;
      if (item.buyer) f.buyer += 1;
      assert.equal(item.receivedAt, null, `${id}: no minute time from a date`);
      assert.equal(item.deadline?.precision, 'day', `${id}: a day-level clock`);
      const due = new Date(Date.parse(`${created}T00:00:00Z`) + 24 * 60 * MINUTE).toISOString().slice(0, 10);
      assert.equal(item.deadline.dueOn, due, `${id}: due the day after ${created}`);
      f.dayClocks += 1;
    }
    assert.equal(f.replied, 2, 'the two rows we replied to');
    assert.equal(f.text, 18);
    const texts = await visibleTexts(page);
    assert.ok(texts.some((t) => /^(Due today|Due \d{4}-\d{2}-\d{2}|Overdue \(due \d{4}-\d{2}-\d{2}\))$/.test(t)), texts.filter((t) => /Due|Overdue/.test(t)).join(' | '));
    const h = await health('shape=html');
    assert.deepEqual(h.missing, [], JSON.stringify(h));
    figures.htmlList = f;
    await shot(page, 'html-list');
    await page.close();
  });

  test('list from the subjectList.htm answer alone: every row from its data, clocks exact', async () => {
    const page = await open(`${LIST}?shape=subject&tz=UTC#feedback/all`);
    const ROW = 'a.inquiry-item[data-trade-id]';
    await tagged(page, ROW, 20);
    const truth = await page.evaluate(async () => {
      const res = await fetch('/message/ajax/feedback/subjectList.htm?shape=subject', { method: 'POST', body: `params=${encodeURIComponent(JSON.stringify({ listType: 'all', pageSize: 20, pagination: { nextPage: 1 } }))}` });
      return Object.fromEntries((await res.json()).data.list.map(([r]) => [r.tradeId, r.createTime]));
    });
    const stored = await storedItems();
    const replied = await page.$$eval(`${ROW}[data-xunpan-verdict="replied"]`, (els) => els.map((r) => r.getAttribute('data-trade-id')));
    let within = 0;
    for (const [id, created] of Object.entries(truth)) if (Math.abs(Date.parse(stored[`inquiry:${id}`]?.receivedAt) - created) < MINUTE) within += 1;
    // The rows whose latest message is our reply are known by their thread: no verdict.
    assert.deepEqual(replied.sort(), ['7301000011', '7301000017']);
    for (const id of replied) assert.equal(stored[`inquiry:${id}`].verdict, null, `${id}: no verdict stored`);
    assert.equal(within, 20, 'each row\'s time from its data');
    const h = await health('shape=subject');
    assert.ok(h.found.includes('pageData'), JSON.stringify(h));
    assert.deepEqual(h.missing, []);
    figures.subjectList = { items: 20, clocksWithinMinute: within, replied: replied.length };
    await shot(page, 'subject-list');
    await page.close();
  });

  test('rows whose latest message is the buyer\'s follow-up are read as the thread; by structure, not taken for the buyer\'s', async () => {
    const f = {};
    // From the page data, which says who wrote the latest message: the follow-up is read.
    let page = await open(`${LIST}?followups=1&tz=UTC#feedback/all`);
    let rows = await tagged(page, 'a.inquiry-item[data-trade-id]', 20);
    const idOf = (r) => r.text.match(/(?:询价单号：|Inquiry No\.: )(\d+)/)?.[1];
    const stored = await storedItems();
    const items = rows.map((r) => stored[`inquiry:${idOf(r)}`]);
    assert.ok(items.every((i) => /WhatsApp|link|invoice|Telegram/.test(i.inquiry.body)), 'the follow-up is the message read');
    f.pageData = { rows: 20, notGenuine: items.filter((i) => i.verdict !== 'genuine').length, verdicts: items.map((i) => i.verdict) };
    await shot(page, 'followups-pageData');
    await page.close();
    // The same rows drawn with hashed classes and no page data: each says "Negotiating",
    // and whether the text below it is the buyer's or our reply, the page does not say.
    page = await open(`${LIST}?followups=1&shape=hashed&tz=UTC#feedback/all/1`);
    rows = await tagged(page, '[class^="_row_"]', 20);
    assert.deepEqual([...new Set(rows.map((r) => r.verdict))], ['conversation'], 'no verdict from a text that may be ours');
    const after = await storedItems();
    for (const r of rows) assert.deepEqual(after[`inquiry:${idOf(r)}`]?.inquiry, stored[`inquiry:${idOf(r)}`]?.inquiry, `${idOf(r)}: the reading from the page data stands`);
    f.structure = { rows: 20, replied: rows.length };
    await shot(page, 'followups-structure');
    await page.close();
    figures.followUps = f;
  });

  for (const kind of ['ce', 'textarea']) {
    test(`stand-alone detail with a ${kind === 'ce' ? 'contenteditable' : 'textarea'} editor: Insert fills it, not the focused search box, one undo step`, async () => {
      const page = await open(`${DETAIL}?imInquiryId=7301000001&shape=${kind}&tz=UTC`);
      await page.waitForSelector('[data-xunpan-verdict]', { timeout: 20_000 });
      const box = '._editor_Q9a7';
      const read = () => page.evaluate((sel) => {
        const el = document.querySelector(sel);
        return el.value ?? el.innerText;
      }, box);
      // The rep was searching: the search box has the focus. The card's button is pressed.
      await page.focus('input[type=search]');
      await clickByRole(page, 'button', INSERT);
      await page.waitForFunction((sel) => {
        const el = document.querySelector(sel);
        return (el.value ?? el.innerText).length > 40;
      }, box, { timeout: 10_000 });
      const draft = await read();
      assert.match(draft, /Keisha/, 'the reply greets the buyer');
      assert.equal(await page.inputValue('input[type=search]'), '', 'nothing went into the search box');
      assert.match(await page.textContent('#draft-counter'), /: \d{2,} /, 'the page\'s counter saw the text (input events)');
      // One undo step takes the whole insert back.
      const undone = await page.evaluate((sel) => {
        const el = document.querySelector(sel);
        el.focus();
        document.execCommand('undo');
        return el.value ?? el.innerText;
      }, box);
      assert.equal(undone.trim(), '', 'one undo step');
      // From the side panel (the message it sends), with the focus in the search box again.
      await page.focus('input[type=search]');
      const answer = await worker().evaluate(async () => {
        const [tab] = await chrome.tabs.query({ url: '*://message.alibaba.com/message/maDetail.htm*' });
        return chrome.tabs.sendMessage(tab.id, { type: 'xunpan/insert-reply', id: '7301000001', channel: 'inquiry', template: 'answer_questions' });
      });
      assert.equal(answer?.ok, true, JSON.stringify(answer));
      assert.ok((await read()).length > 40, 'the side panel\'s insert is in the editor');
      assert.equal(await page.inputValue('input[type=search]'), '', 'and not in the search box');
      assert.equal(await page.evaluate(() => window.__demoSent ?? null), null, 'nothing was sent');
      const h = await health(`shape=${kind}`);
      assert.equal(h.editor, kind === 'ce' ? 'contenteditable' : 'textarea');
      assert.deepEqual(h.missing, [], JSON.stringify(h));
      (figures.inserts ??= {})[h.editor] = { card: 1, panel: 1, undoSteps: 1, sent: 0 };
      await shot(page, `detail-${kind}`);
      await page.close();
    });
  }

  test('a contenteditable whose page cancels every paste (to refuse it) still gets the reply', async () => {
    const page = await open(`${DETAIL}?imInquiryId=7301000001&shape=ce&tz=UTC`);
    await page.waitForSelector('[data-xunpan-verdict]', { timeout: 20_000 });
    const box = '._editor_Q9a7';
    await page.evaluate((sel) => document.querySelector(sel).addEventListener('paste', (e) => e.preventDefault()), box);
    await clickByRole(page, 'button', INSERT);
    await page.waitForFunction((sel) => document.querySelector(sel).innerText.length > 40, box, { timeout: 10_000 });
    const draft = await page.evaluate((sel) => document.querySelector(sel).innerText, box);
    assert.match(draft, /Keisha/, 'the reply is in the box');
    assert.equal(draft.split('Keisha').length - 1, 1, 'once');
    assert.equal(await page.evaluate(() => window.__demoSent ?? null), null, 'nothing was sent');
    await page.close();
  });

  test('a box that glues the reply\'s lines into one is not called inserted: the rep is told, the reply copied', async () => {
    const page = await open(`${DETAIL}?imInquiryId=7301000001&shape=ce&tz=UTC`);
    await page.waitForSelector('[data-xunpan-verdict]', { timeout: 20_000 });
    const box = '._editor_Q9a7';
    // The page keeps its box on one line: every edit is redrawn without its breaks.
    await page.evaluate((sel) => {
      const el = document.querySelector(sel);
      const glue = () => {
        const flat = el.innerText.replace(/\s*\n\s*/g, '');
        if (el.textContent !== flat) el.textContent = flat;
      };
      el.addEventListener('input', glue);
      el.addEventListener('paste', (e) => e.preventDefault());
    }, box);
    await clickByRole(page, 'button', INSERT);
    let told = [];
    for (let i = 0; i < 40 && !told.length; i++) {
      await page.waitForTimeout(250);
      told = (await visibleTexts(page)).filter((t) => /clipboard|剪贴板/i.test(t));
    }
    assert.match(await page.evaluate((sel) => document.querySelector(sel).innerText, box), /Keisha/, 'the premise: the box got the text, glued');
    assert.ok(told.length, 'the card says the reply is not in the box as it is, and is on the clipboard');
    assert.equal(await page.evaluate(() => window.__demoSent ?? null), null, 'nothing was sent');
    await page.close();
  });

  test('TinyMCE detail and the chat\'s controlled textarea: Insert without clicking into the box first', async () => {
    const detail = await open(`${DETAIL}?imInquiryId=7301000001&tz=UTC`);
    await detail.waitForSelector('[data-xunpan-verdict]', { timeout: 20_000 });
    await clickByRole(detail, 'button', INSERT);
    await detail.waitForFunction(() => (window.tinymce?.get?.('normal-im-send')?.getContent?.() ?? '').length > 40, null, { timeout: 10_000 });
    assert.match(await detail.textContent('#draft-counter'), /\d{2,}/);
    assert.equal(await detail.evaluate(() => window.__demoSent ?? null), null);
    (figures.inserts ??= {}).tinymce = { card: 1, sent: 0 };
    await detail.close();

    const chat = await open(`${CHAT}?tz=UTC#/`);
    await chat.waitForSelector('.content-header[data-xunpan-verdict]', { timeout: 20_000 });
    await clickByRole(chat, 'button', INSERT);
    await chat.waitForFunction(() => Number(document.getElementById('chat-state-length').textContent) > 20, null, { timeout: 10_000 });
    assert.equal(await chat.evaluate(() => window.__demoSent ?? null), null);
    figures.inserts.controlled = { card: 1, pageStateSawIt: 1, sent: 0 };
    await chat.close();
  });

  test('OneTalk: contacts outside the data cache get clocks from their shown time, message text only', async () => {
    const page = await open(`${CHAT}?shape=virtual&tz=UTC#/`);
    await page.waitForSelector('div.contact-item-container[data-cid]');
    const truth = await page.evaluate(() => Object.fromEntries([...window.__VMFsConv__cache__, ...window.__demoMore]
      .map((c) => [c.cid, { at: c.latestMessage.sendTime, text: c.latestMessage.content, name: c.contactNick, cached: window.__VMFsConv__cache__.includes(c) }])));
    const pitch = await page.evaluate(() => window.__demo.pitch);
    truth[pitch.cid].at = pitch.at.at(-1);
    truth[pitch.cid].text = pitch.texts.at(-1);
    const f = { contacts: 0, outsideCache: 0, text: 0, minuteClocksWithinMinute: 0, dayClocks: 0, noise: 0 };
    const seen = new Set();
    for (let top = 0; top <= 40 * 64; top += 64 * 6) {
      await page.evaluate((y) => { document.getElementById('contact-scroll').scrollTop = y; }, top);
      await page.waitForTimeout(150);
      const rows = await tagged(page, 'div.contact-item-container[data-cid]', await page.$$eval('div.contact-item-container[data-cid]', (e) => e.filter((r) => !r.hidden).length));
      const stored = await storedItems();
      for (const row of rows) {
        if (seen.has(row.cid)) continue;
        seen.add(row.cid);
        const item = stored[`chat:${row.cid}`];
        const want = truth[row.cid];
        assert.ok(item, `${row.cid} stored`);
        f.contacts += 1;
        if (!want.cached) f.outsideCache += 1;
        const body = item.inquiry.body;
        if (/\[Unread\]|\[未读\]/.test(body) || body.startsWith(`${want.name[0]} `) || /\b\d{2}:\d{2}\b/.test(body)) f.noise += 1;
        assert.doesNotMatch(body, /\[Unread\]|\[未读\]/, `${row.cid}: no [Unread] in the message`);
        assert.ok(want.text.startsWith(body.replace(/…$/, '')), `${row.cid}: the message only: "${body}"`);
        f.text += 1;
        if (item.deadline?.precision === 'day') {
          const day = new Date(want.at).toISOString().slice(0, 10);
          assert.equal(item.receivedAt, null);
          assert.equal(item.deadline.dueOn, new Date(Date.parse(`${day}T00:00:00Z`) + 24 * 60 * MINUTE).toISOString().slice(0, 10), `${row.cid}: due the day after ${day}`);
          f.dayClocks += 1;
        } else {
          const off = Math.abs(Date.parse(item.receivedAt) - want.at);
          assert.ok(off < MINUTE, `${row.cid}: shown time read in the browser's zone, ${Math.round(off / MINUTE)} min off`);
          f.minuteClocksWithinMinute += 1;
        }
      }
    }
    assert.equal(f.contacts, 40, 'every contact seen');
    assert.equal(f.outsideCache, 26);
    const h = await health('shape=virtual');
    assert.deepEqual(h.missing, [], JSON.stringify(h));
    // The open chat is judged on everything the buyer wrote since our reply.
    await page.evaluate(() => { document.getElementById('contact-scroll').scrollTop = 0; });
    await page.click(`div.contact-item-container[data-cid="${pitch.cid}"] .ct-body`);
    await page.waitForSelector(`.content-header[data-cid="${pitch.cid}"][data-xunpan-verdict]`, { timeout: 20_000 });
    // What the engine was handed for the open chat: every buyer message since our reply,
    // not the harmless last line alone.
    let openBody = '';
    for (let i = 0; i < 40 && !pitch.texts.every((t) => openBody.includes(t)); i++) {
      await page.waitForTimeout(100);
      openBody = (await storedItems())[`chat:${pitch.cid}`]?.inquiry.body ?? '';
    }
    for (const text of pitch.texts) assert.ok(openBody.includes(text), `the open chat is judged on "${text}" too: ${openBody}`);
    f.openChatMessagesJudged = pitch.texts.filter((t) => openBody.includes(t)).length;
    f.openChatVerdict = await page.getAttribute('.content-header', 'data-xunpan-verdict');
    await clickByRole(page, 'button', INSERT);
    await page.waitForFunction(() => Number(document.getElementById('chat-state-length').textContent) > 10, null, { timeout: 10_000 });
    assert.equal(await page.evaluate(() => window.__demoSent ?? null), null, 'nothing was sent');
    figures.oneTalkVirtual = f;
    await shot(page, 'onetalk-virtual');
    await page.close();
  });

  test('RFQ cards are read: title, quantity, country, age', async () => {
    const page = await open(`${RFQ}?tz=UTC`);
    const cards = await tagged(page, 'div.brh-rfq-item', 7);
    const rfqs = (items) => Object.values(items).filter((i) => i.channel === 'rfq');
    const read = rfqs(await storedItemsWhen(session.browser, (items) => rfqs(items).length >= 7));
    assert.equal(read.length, 7);
    assert.ok(read.every((i) => i.inquiry.body && i.receivedAt && i.country), JSON.stringify(read.map((i) => [i.id, i.receivedAt, i.country])));
    figures.rfq = { cards: cards.length, text: read.length, time: read.filter((i) => i.receivedAt).length, country: read.filter((i) => i.country).length };
    await shot(page, 'rfq');
    await page.close();
  });

  test('the side panel at 400 px shows the queue the shapes filled', async () => {
    const panel = await session.browser.context.newPage();
    await panel.setViewportSize({ width: 400, height: 768 });
    await panel.goto(`chrome-extension://${session.browser.extensionId}/sidepanel.html`);
    await panel.waitForSelector('#queue li.row');
    await panel.screenshot({ path: join(ARTIFACTS, 'shape-panel-400.png') });
    await panel.close();
  });

  test('no page errors', () => assert.deepEqual(session.pageErrors, []));
});
