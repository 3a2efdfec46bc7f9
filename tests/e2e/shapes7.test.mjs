// Page shapes written blind in the seventh round (tests/demo/server.js names them and the
// evidence each rests on), through the built extension in a browser on UTC:
//   vtable   the inquiry list as a virtualised ARIA grid whose row elements are reused
//            while scrolling, text in nested spans, Chinese headers, relative times with
//            the exact time in a tooltip on some rows, the inquiry number only in a link;
//   lexical  the stand-alone detail whose reply box is a framework-owned contenteditable
//            that drops any change not delivered as the browser delivers typing;
//   mce4     the detail with an older TinyMCE under the id it generated (mce_0);
//   bare     OneTalk whose open conversation has no class hints at all;
//   rfqgrid  the RFQ market as a grid of cards with Chinese labels and hashed classes.
// On each: every item's text, buyer and time are read or reported missing by the health
// (never guessed, no verdict from empty text), clocks are within a minute of the truth or
// day-level, Insert fills the page's own editor so that the page's framework sees the
// text, and nothing is sent. Figures go to artifacts/shapes7-figures.json; screenshots
// at 1366×768, and of each page beside a 400 px side panel.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ARTIFACTS, reportedMissing, shapeSession, shotWithPanel, shownDisagrees } from './harness.mjs';
import { clickByRole } from './shadow.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const LIST = 'https://message.alibaba.com/message/default.htm';
const DETAIL = 'https://message.alibaba.com/message/maDetail.htm';
const CHAT = 'https://onetalk.alibaba.com/message/weblitePWA.htm';
const RFQ = 'https://sourcing.alibaba.com/rfq/rfq_search_list.htm';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const INSERT = /^(Insert reply|插入回复)$/;
const RFQS = JSON.parse(readFileSync(join(here, '../demo/data/rfqs.json'), 'utf8'));

const shot = (page, name) => page.screenshot({ path: join(ARTIFACTS, `shape7-${name}.png`) });
const dayAfter = (ms) => new Date(Date.parse(`${new Date(ms).toISOString().slice(0, 10)}T00:00:00Z`) + 24 * HOUR).toISOString().slice(0, 10);

describe('page shapes of the seventh round, browser on UTC', () => {
  const { session, figures, open, storedItems, health } = shapeSession('shapes7');
  const worker = () => session.browser.worker;

  /**
   * One item against the truth: text, buyer and time each read right or named missing by
   * the health; an item without text carries no verdict but "unread". Returns what was
   * read, for the figures.
   */
  function check(label, item, want, h, f, { timeTolerance = MINUTE } = {}) {
    assert.ok(item, `${label} is stored`);
    const body = item.inquiry?.body ?? '';
    if (body) {
      assert.ok(want.text.startsWith(body.replace(/…$/, '').trim().slice(0, 200)), `${label}: the message only: "${body.slice(0, 80)}" (want "${want.text.slice(0, 80)}")`);
      f.text += 1;
    } else {
      assert.ok(reportedMissing(h, /message|text/i), `${label}: no text and the health does not say so: ${JSON.stringify(h?.missing)}`);
      assert.ok(!item.verdict || item.verdict === 'unread', `${label}: a verdict (${item.verdict}) from no text`);
    }
    if (item.buyer) {
      assert.equal(item.buyer, want.name, `${label}: the buyer's name`);
      f.buyer += 1;
    } else {
      assert.ok(reportedMissing(h, /buyer|name/i), `${label}: no buyer and the health does not say so: ${JSON.stringify(h?.missing)}`);
    }
    if (item.country && want.cc) assert.equal(item.country, want.cc, `${label}: the country`);
    if (item.country) f.country += 1;
    if (item.receivedAt) {
      const off = Math.abs(Date.parse(item.receivedAt) - want.at);
      assert.ok(off < timeTolerance, `${label}: the time read, ${Math.round(off / 1000)} s off (${item.receivedAt} for ${new Date(want.at).toISOString()})`);
      f.time += 1;
    } else if (item.deadline?.precision === 'day') {
      assert.equal(item.deadline.dueOn, dayAfter(want.at), `${label}: due the day after`);
      f.dayClocks += 1;
    } else {
      assert.ok(reportedMissing(h, /time|posted|date/i), `${label}: no time and the health does not say so: ${JSON.stringify(h?.missing)}`);
    }
  }

  test('virtualised grid list: recycled rows, nested spans, relative times, ids only in links', async () => {
    const page = await open(`${LIST}?shape=vtable&tz=UTC#feedback/all`);
    const ROW = '._vp_Xx2m7 [role="row"]';
    await page.waitForSelector(ROW);
    const truth = await page.evaluate(() => Object.fromEntries(window.__vtStore.rows.map((r) => [r.id, r])));
    const f = { rows: Object.keys(truth).length, items: 0, text: 0, buyer: 0, country: 0, time: 0, dayClocks: 0, stale: 0, staleChips: 0, replied: 0, scrolls: 0 };
    const seen = new Set();
    const max = await page.$eval('._vp_Xx2m7', (v) => v.scrollHeight - v.clientHeight);
    for (let top = 0; ; top = Math.min(top + 5 * 72, max)) {
      await page.$eval('._vp_Xx2m7', (v, y) => { v.scrollTop = y; }, top);
      // The page has drawn the rows of this position (it draws on the next frame).
      const first = Math.max(0, Math.min(Math.floor(top / 72) - 1, f.rows - 8));
      // In the very frame the page reused its rows: no row carries a chip of the
      // inquiry it showed before (what is drawn there is taken off as the link changes).
      const staleChips = await (await page.waitForFunction(({ sel, index }) => {
        const shown = [...document.querySelectorAll(sel)].filter((r) => !r.hidden);
        if (Math.min(...shown.map((r) => Number(r.getAttribute('aria-rowindex')))) !== index) return false;
        return shown.flatMap((r) => {
          const key = `inquiry:${r.querySelector('a[href*="imInquiryId="]')?.href.match(/imInquiryId=(\d+)/)?.[1]}`;
          return [...r.querySelectorAll('[data-xunpan-key]')].map((h) => h.getAttribute('data-xunpan-key')).filter((k) => k !== key).map((k) => `${key} shows ${k}`);
        });
      }, { sel: ROW, index: first + 2 })).jsonValue();
      assert.deepEqual(staleChips, [], `scrolled to ${top}`);
      f.staleChips += staleChips.length;
      f.scrolls += 1;
      // Each shown row is tagged with the verdict of the inquiry it shows now (its element
      // showed another a moment ago).
      let rows = [];
      let stored = {};
      let fresh = false;
      for (let i = 0; i < 100 && !fresh; i++) {
        await page.waitForTimeout(100);
        rows = await page.$$eval(ROW, (els) => els.filter((r) => !r.hidden).map((r) => ({
          id: r.querySelector('a[href*="imInquiryId="]')?.href.match(/imInquiryId=(\d+)/)?.[1],
          verdict: r.getAttribute('data-xunpan-verdict') ?? r.querySelector('[data-xunpan-verdict]')?.getAttribute('data-xunpan-verdict') ?? null,
          time: r.querySelector('[role="gridcell"]:nth-child(3)')?.textContent,
        })));
        stored = await storedItems();
        fresh = rows.length > 0 && rows.every((r) => r.verdict && !shownDisagrees(r.verdict, stored[`inquiry:${r.id}`]));
      }
      const h = await health('shape=vtable');
      for (const row of rows) {
        const item = stored[`inquiry:${row.id}`];
        // "洽谈中": the text shown may be our reply, and the grid does not say whose it
        // is; the row is known by its thread alone, nothing read or stored.
        if (row.verdict === 'conversation') {
          assert.ok(truth[row.id].replied, `${row.id}: only a row in conversation is read by its thread alone`);
          assert.equal(item, undefined, `${row.id}: nothing stored from a text that may be ours`);
          if (!seen.has(row.id)) f.replied += 1;
          seen.add(row.id);
          continue;
        }
        assert.ok(item, `${row.id} is stored (scrolled to ${top}): ${JSON.stringify(h?.missing)}`);
        if (row.verdict !== item.verdict) f.stale += 1;
        assert.equal(row.verdict, item.verdict, `${row.id}: the reused row shows its own verdict (scrolled to ${top})`);
        if (seen.has(row.id)) continue;
        seen.add(row.id);
        f.items += 1;
        const want = truth[row.id];
        // "N 分钟前" without a tooltip is itself a minute rounded down.
        const tolerance = /分钟前/.test(row.time ?? '') ? 2 * MINUTE : MINUTE;
        check(row.id, item, { text: want.text, name: want.name, cc: want.cc, at: want.created }, h, f, { timeTolerance: tolerance });
      }
      if (top >= max) break;
    }
    assert.equal(seen.size, f.rows, 'every row seen once scrolled through');
    const h = await health('shape=vtable');
    figures.vtable = { ...f, healthMissing: h?.missing, found: h?.found };
    await page.$eval('._vp_Xx2m7', (v) => { v.scrollTop = 0; });
    await page.waitForTimeout(500);
    await shotWithPanel(session.browser, page, 'shape7-vtable');
    await page.close();
  });

  test('framework-owned contenteditable detail: Insert reaches the framework\'s model, not the note or the search box', async () => {
    const page = await open(`${DETAIL}?imInquiryId=7301000001&shape=lexical&tz=UTC`);
    await page.waitForSelector('[data-xunpan-verdict]', { timeout: 20_000 });
    const model = () => page.evaluate(() => window.__demoEditorModel());
    const truthAt = await page.$eval('[data-expinfo]', (m) => JSON.parse(m.getAttribute('data-expinfo')).sendTime);
    const stored = await storedItems();
    const h0 = await health('shape=lexical');
    const f = { items: 1, text: 0, buyer: 0, country: 0, time: 0, dayClocks: 0 };
    const item = stored['inquiry:7301000001'];
    assert.ok(item?.inquiry?.body?.includes('two beauty supply stores'), `the message read: ${item?.inquiry?.body?.slice(0, 80)}`);
    f.text = 1;
    assert.equal(item.buyer, 'Keisha Monroe');
    f.buyer = 1;
    assert.ok(item.receivedAt ? Math.abs(Date.parse(item.receivedAt) - truthAt) < MINUTE : reportedMissing(h0, /time/i), `the time: ${item.receivedAt}`);
    if (item.receivedAt) f.time = 1;
    // The rep was searching: the search box has the focus. The card's button is pressed.
    await page.focus('input[type=search]');
    await clickByRole(page, 'button', INSERT);
    await page.waitForFunction(() => window.__demoEditorModel().length > 40, null, { timeout: 10_000 });
    const draft = await model();
    assert.match(draft, /Keisha/, 'the reply greets the buyer, in the framework\'s own model');
    // The reply's lines stay lines: the framework puts back the line breaks the browser
    // draws behind its back ("Dear Keisha,Thank you…" otherwise).
    assert.match(draft, /^Dear Keisha,\n/, `the greeting on a line of its own: ${JSON.stringify(draft.slice(0, 60))}`);
    // What the box shows is the model (the framework drew it), and the page's counter saw it.
    const shown = await page.$eval('[data-lexical-editor]', (e) => e.innerText);
    assert.ok(shown.replace(/\s+/g, ' ').includes(draft.replace(/\s+/g, ' ').slice(0, 40)), `the box shows the draft: ${shown.slice(0, 60)}`);
    assert.match(await page.textContent('#draft-counter'), /: \d{2,} /, 'the page\'s counter saw the text');
    assert.equal(await page.inputValue('input[type=search]'), '', 'nothing went into the search box');
    assert.equal((await page.$eval('._nb_Ww2', (e) => e.textContent)).trim(), '', 'nothing went into the CRM note');
    // Insert again from the side panel's message: the framework takes that one too.
    await page.focus('input[type=search]');
    const answer = await worker().evaluate(async () => {
      const [tab] = await chrome.tabs.query({ url: '*://message.alibaba.com/message/maDetail.htm*' });
      return chrome.tabs.sendMessage(tab.id, { type: 'xunpan/insert-reply', id: '7301000001', channel: 'inquiry', template: 'answer_questions' });
    });
    assert.equal(answer?.ok, true, JSON.stringify(answer));
    assert.ok((await model()).length > 40, 'the side panel\'s insert is in the model');
    assert.equal(await page.evaluate(() => window.__demoSent ?? null), null, 'nothing was sent');
    const h = await health('shape=lexical');
    assert.equal(h.editor, 'contenteditable', JSON.stringify(h));
    assert.deepEqual(h.missing, [], JSON.stringify(h));
    figures.lexical = { ...f, insertsInModel: 2, sent: 0, editor: h.editor };
    await shotWithPanel(session.browser, page, 'shape7-lexical');
    await page.close();
  });

  test('older TinyMCE under the id it generated: Insert goes through that editor', async () => {
    const page = await open(`${DETAIL}?imInquiryId=7301000001&shape=mce4&tz=UTC`);
    await page.waitForSelector('[data-xunpan-verdict]', { timeout: 20_000 });
    await clickByRole(page, 'button', INSERT);
    await page.waitForFunction(() => (window.tinymce.get('mce_0').getContent() ?? '').length > 40, null, { timeout: 10_000 });
    assert.match(await page.evaluate(() => window.tinymce.get('mce_0').getContent()), /Keisha/, 'the reply is in the editor\'s model');
    assert.match(await page.textContent('#draft-counter'), /: \d{2,} /, 'the page\'s counter saw it (the editor\'s events)');
    assert.equal(await page.evaluate(() => window.__demoSent ?? null), null, 'nothing was sent');
    const h = await health('shape=mce4');
    assert.equal(h.editor, 'tinymce', JSON.stringify(h));
    assert.deepEqual(h.missing, [], JSON.stringify(h));
    figures.mce4 = { insertsInModel: 1, sent: 0 };
    await shot(page, 'mce4');
    await page.close();
  });

  test('OneTalk with a conversation that has no class hints: the open chat is read by structure', async () => {
    const page = await open(`${CHAT}?shape=bare&tz=UTC#/`);
    await page.waitForSelector('div.contact-item-container[data-cid]');
    const pitch = await page.evaluate(() => window.__demo.pitch);
    const buyerName = await page.$eval(`div.contact-item-container[data-cid="${pitch.cid}"]`, (r) => r.getAttribute('data-name'));
    await page.click(`div.contact-item-container[data-cid="${pitch.cid}"]`);
    // The engine is handed every buyer message since our reply, read from the bubbles.
    let item = null;
    for (let i = 0; i < 150 && !pitch.texts.every((t) => item?.inquiry?.body?.includes(t)); i++) {
      await page.waitForTimeout(100);
      item = (await storedItems())[`chat:${pitch.cid}`];
    }
    const h = await health('shape=bare');
    const body = item?.inquiry?.body ?? '';
    const f = { messagesJudged: pitch.texts.filter((t) => body.includes(t)).length, of: pitch.texts.length };
    assert.ok(!body.includes('Which model and how many pieces'), `our own message is not the buyer's: ${body}`);
    for (const text of pitch.texts) assert.ok(body.includes(text), `the open chat is judged on "${text}": ${body} (health ${JSON.stringify(h?.missing)})`);
    assert.equal(item.buyer, buyerName, 'the buyer of the open chat');
    // The clock runs from the first buyer message since our reply: the buyer waits since then.
    const off = Math.abs(Date.parse(item.receivedAt) - pitch.at[0]);
    assert.ok(off < MINUTE, `the time of the buyer's first message since our reply, ${off} ms off`);
    assert.notEqual(item.verdict, 'genuine', 'the crypto-and-bank-login pitch is not called genuine');
    f.verdict = item.verdict;
    // The contact row, which shows only a preview, tells what the open chat tells.
    const row = `div.contact-item-container[data-cid="${pitch.cid}"]`;
    await page.waitForFunction(({ sel, verdict }) => document.querySelector(sel)?.getAttribute('data-xunpan-verdict') === verdict,
      { sel: row, verdict: item.verdict }, { timeout: 10_000 }).catch(() => {});
    assert.equal(await page.$eval(row, (r) => r.getAttribute('data-xunpan-verdict')), item.verdict, 'the contact row shows the open chat\'s verdict');
    await clickByRole(page, 'button', INSERT);
    await page.waitForFunction(() => Number(document.querySelector('._len_X2j8').textContent) > 10, null, { timeout: 10_000 });
    assert.equal(await page.$eval('._ta_Q7dg5', (b) => b.value.length), Number(await page.textContent('._len_X2j8')), 'the page\'s state holds what the box shows');
    assert.equal(await page.evaluate(() => window.__demoSent ?? null), null, 'nothing was sent');
    assert.deepEqual(h.missing, [], JSON.stringify(h));
    figures.bare = { ...f, insertSeenByPage: 1, sent: 0 };
    await shotWithPanel(session.browser, page, 'shape7-bare');
    await page.close();
  });

  test('RFQ cards in a grid with Chinese labels: title, buyer, country, age', async () => {
    const page = await open(`${RFQ}?shape=rfqgrid&tz=UTC`);
    const opened = Date.now();
    await page.waitForSelector('article');
    let read = [];
    for (let i = 0; i < 100 && read.length < RFQS.length; i++) {
      await page.waitForTimeout(100);
      read = Object.values(await storedItems()).filter((it) => it.channel === 'rfq' && RFQS.some((r) => it.inquiry.body.includes(r.title)));
    }
    const h = await health('shape=rfqgrid');
    const f = { cards: RFQS.length, items: read.length, text: 0, buyer: 0, country: 0, time: 0, dayClocks: 0 };
    assert.equal(read.length, RFQS.length, `every card read (health: ${JSON.stringify(h?.missing)})`);
    const code = { 'United States': 'US', Turkey: 'TR', Poland: 'PL', Chile: 'CL', 'Saudi Arabia': 'SA', Australia: 'AU', Kenya: 'KE' };
    for (const r of RFQS) {
      const item = read.find((it) => it.inquiry.body.includes(r.title));
      assert.ok(item.inquiry.body.includes(r.desc), `${r.id}: the description too: ${item.inquiry.body}`);
      f.text += 1;
      // An age "N 小时前" is good to the hour, "N 天前" to the day.
      const posted = opened - r.hours * HOUR;
      const tolerance = r.hours < 24 ? HOUR : 24 * HOUR;
      if (item.receivedAt) {
        assert.ok(Math.abs(Date.parse(item.receivedAt) - posted) <= tolerance, `${r.id}: posted ${item.receivedAt}, ${r.hours} h ago`);
        f.time += 1;
      } else assert.ok(reportedMissing(h, /posted|time/i), `${r.id}: no age and the health does not say so`);
      if (item.buyer) {
        assert.equal(item.buyer, r.buyer, `${r.id}: the buyer`);
        f.buyer += 1;
      }
      if (item.country) {
        assert.equal(item.country, code[r.country], `${r.id}: the country`);
        f.country += 1;
      } else assert.ok(reportedMissing(h, /country/i), `${r.id}: no country and the health does not say so`);
    }
    assert.deepEqual(h.missing, [], JSON.stringify(h));
    figures.rfqgrid = f;
    await shotWithPanel(session.browser, page, 'shape7-rfqgrid');
    await page.close();
  });

  test('no page errors', () => assert.deepEqual(session.pageErrors, []));
});
