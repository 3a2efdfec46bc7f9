// OneTalk shapes written blind in the thirteenth round (tests/demo/server.js names them
// and the evidence each rests on), through the built extension in a browser on UTC:
//   chatvirt the open chat's message list virtualised: 60 messages, about 15 in the DOM,
//            rows dropped and drawn again as the rep scrolls; the buyer wrote 22 times
//            since our last reply, so the first of those is outside the DOM at the chat's
//            newest end. The page's message service emits all 60 at load (cache=all),
//            the last 20 (cache=20) or none (cache=0).
//   chatdiv  the same chat whose composer is a contenteditable div that keeps its own
//            state and draws its content from it on every input event.
// The rule judged: a reply clock starts only at the buyer's first message since our last
// reply, read from the page's data or its DOM. Where neither holds it, no clock is shown
// (the age of the earliest message in view would give the rep more time than they have)
// and the health names what could not be read; once the message is in the data or
// scrolled into view (a wheel's step at a time), the clock appears and stays. Insert into the div composer reaches the page's
// state (what its send button sends) with the reply's lines; nothing is sent. Each test
// gathers its figures before it asserts, so that a shape that fails still has them; they
// go to artifacts/chat13-figures.json; screenshots at 1366×768, the side panel at 400 px.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { reportedMissing, shapeSession, shotWithPanel } from './harness.mjs';
import { clickByRole, visibleTexts } from './shadow.mjs';

const CHAT = 'https://onetalk.alibaba.com/message/weblitePWA.htm';
const MESSAGE = '.message-container [class*=message-item-wrapper]';
const INSERT = /^(Insert reply|插入回复)$/;
const ROW_H = 60; // the shape's row height (static/chat13.js)
const WHEEL_STEP = 120; // pixels a wheel's notch scrolls, about
// What the card or the health says when the first unanswered message's time was not read.
const NOT_READ = /first (unanswered )?message|first message since|未回复的第一条|第一条未回复/i;

const flat = (t) => String(t ?? '').replace(/\s+/g, ' ').trim();
const linesOf = (text) => String(text ?? '').split('\n').map((l) => l.trim()).filter(Boolean);

describe('OneTalk shapes of the thirteenth round, browser on UTC', () => {
  const { session, figures, open, storedItems, health } = shapeSession('chat13');

  /** The chat's truth: its messages, its cid, and the buyer's first message since our last (human) reply. */
  async function truthOf(page) {
    const { cid, messages } = await page.evaluate(() => window.__demo.chat);
    const lastOurs = messages.findLastIndex((m) => m.by === 'ours' && !m.auto);
    const since = messages.slice(lastOurs + 1).filter((m) => m.by === 'buyer');
    return { cid, messages, lastOurs, since, firstAt: since[0].at };
  }

  /** The stored item of `cid` once `ready(item)` holds (or after 10 s): the worker stores a moment after the page shows. */
  async function itemWhen(cid, ready) {
    let item = null;
    for (let i = 0; i < 100; i++) {
      item = (await storedItems())[`chat:${cid}`] ?? null;
      if (item && ready(item)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    return item;
  }

  /** Which messages (by index) the DOM holds. */
  const domIndexes = (page, messages) => page.$$eval(MESSAGE, (rows, ids) => rows.map((r) => ids.indexOf(JSON.parse(r.getAttribute('data-expinfo') ?? '{}').messageId)), messages.map((m) => m.messageId));

  /** The reading of the open chat against the truth: clock, body, what the health says. */
  async function reading(page, truth, urlPart, label) {
    const h = await health(urlPart);
    const item = (await storedItems())[`chat:${truth.cid}`] ?? null;
    const body = flat(item?.inquiry?.body);
    const inDom = await domIndexes(page, truth.messages);
    const g = {
      domMessages: inDom.length,
      firstUnansweredInDom: inDom.includes(truth.messages.indexOf(truth.since[0])) ? 1 : 0,
      ourReplyInDom: inDom.includes(truth.lastOurs) ? 1 : 0,
      receivedAt: item?.receivedAt ?? null,
      clockOffSeconds: item?.receivedAt ? Math.round((Date.parse(item.receivedAt) - truth.firstAt) / 1000) : null,
      buyerMessagesJudged: truth.since.filter((m) => body.includes(flat(m.text))).length,
      verdict: item?.verdict ?? null,
      reported: reportedMissing(h, /first|unanswered/i) ? 1 : 0,
      cardSays: (await visibleTexts(page)).some((x) => NOT_READ.test(x)) ? 1 : 0,
      healthMissing: h?.missing ?? null,
      label,
    };
    return g;
  }

  for (const cache of ['all', '20', '0']) {
    test(`virtualised message list, the page's message data ${cache === 'all' ? 'whole' : cache === '20' ? 'the last 20' : 'absent'}`, async () => {
      const url = `${CHAT}?shape=chatvirt&cache=${cache}&tz=UTC#/`;
      const page = await open(url);
      await page.waitForSelector(MESSAGE);
      const truth = await truthOf(page);
      const problems = [];
      // The message service emits its history 1.2 s after the page: read once it has.
      await page.waitForTimeout(2500);
      await itemWhen(truth.cid, (i) => i.verdict);
      await page.waitForTimeout(500);
      const f = { messages: truth.messages.length, buyerSince: truth.since.length };
      f.atNewest = await reading(page, truth, `cache=${cache}`, 'at the newest message');
      const dataHolds = cache === 'all';
      // Never a clock later than the first unanswered message: that gives the rep more time than they have.
      const judge = (g, want) => {
        if (g.clockOffSeconds !== null && g.clockOffSeconds > 60) problems.push(`${g.label}: clock ${g.receivedAt}, ${Math.round(g.clockOffSeconds / 60)} min after the first unanswered message`);
        else if (g.clockOffSeconds !== null && g.clockOffSeconds < -60) problems.push(`${g.label}: clock ${g.receivedAt}, ${Math.round(-g.clockOffSeconds / 60)} min before the first unanswered message`);
        if (want && g.clockOffSeconds === null) problems.push(`${g.label}: no clock, though the first unanswered message is ${g.firstUnansweredInDom ? 'in view' : 'in the data'} (health ${JSON.stringify(g.healthMissing)})`);
        if (!want && g.clockOffSeconds !== null) problems.push(`${g.label}: a clock (${g.receivedAt}) though the first unanswered message is neither in the data nor in view`);
        if (!want && !g.reported) problems.push(`${g.label}: the health does not name the first unanswered message's time: ${JSON.stringify(g.healthMissing)}`);
        if (!want && !g.cardSays) problems.push(`${g.label}: the card does not say the first unanswered message's time could not be read`);
        if (!g.verdict) problems.push(`${g.label}: no verdict`);
      };
      judge(f.atNewest, dataHolds);
      if (f.atNewest.domMessages > 20) problems.push(`the shape drew ${f.atNewest.domMessages} messages: not virtualised`);
      if (f.atNewest.firstUnansweredInDom) problems.push('the first unanswered message is in view at the newest end: the shape does not test what it should');
      await shotWithPanel(session.browser, page, `chat13-virt-${cache}`);
      // Scrolled up, a wheel's step at a time, until our last reply and the message after
      // it are in view: the clock appears.
      const target = (truth.lastOurs - 2) * ROW_H;
      for (let top = await page.$eval('.message-container', (s) => s.scrollTop); top > target;) {
        top = Math.max(target, top - WHEEL_STEP);
        await page.$eval('.message-container', (s, y) => { s.scrollTop = y; }, top);
        await page.waitForTimeout(150);
      }
      await itemWhen(truth.cid, (i) => i.receivedAt && Math.abs(Date.parse(i.receivedAt) - truth.firstAt) <= 60_000);
      await page.waitForTimeout(400);
      f.scrolledUp = await reading(page, truth, `cache=${cache}`, 'scrolled up to our last reply');
      judge(f.scrolledUp, true);
      if (!f.scrolledUp.firstUnansweredInDom) problems.push('scrolled up, the first unanswered message is still not in the DOM');
      // And back to the newest at once: what was read stays read, the clock with it.
      await page.$eval('.message-container', (s) => { s.scrollTop = s.scrollHeight; });
      await page.waitForTimeout(1200);
      f.backAtNewest = await reading(page, truth, `cache=${cache}`, 'back at the newest message');
      judge(f.backAtNewest, true);
      f.sent = (await page.evaluate(() => window.__demoSent ?? null)) !== null ? 1 : 0;
      f.problems = problems.length;
      f.firstProblems = problems.slice(0, 10);
      figures[`virt-${cache}`] = f;
      await page.close();
      assert.equal(f.sent, 0, 'nothing was sent');
      assert.deepEqual(problems, []);
    });
  }

  // A new chat, no reply of ours: the clock starts at the buyer's first message only
  // where the list shows the chat's start, which a list drawn whole does at any scroll.
  for (const virt of ['0', '1']) {
    test(`a new chat without our reply, its list ${virt === '0' ? 'drawn whole' : 'virtualised'}`, async () => {
      const part = `shape=chatvirt&cache=0&virt=${virt}&fresh=1`;
      const page = await open(`${CHAT}?${part}&tz=UTC#/`);
      await page.waitForSelector(MESSAGE);
      const truth = await truthOf(page);
      const problems = [];
      await itemWhen(truth.cid, (i) => i.verdict);
      await page.waitForTimeout(800);
      const f = { messages: truth.messages.length, buyerSince: truth.since.length };
      f.atNewest = await reading(page, truth, part, 'at the newest message');
      const whole = virt === '0';
      const clockWanted = (g, want) => {
        if (g.clockOffSeconds !== null && Math.abs(g.clockOffSeconds) > 60) problems.push(`${g.label}: clock ${g.receivedAt}, ${Math.round(g.clockOffSeconds / 60)} min off the buyer's first message`);
        if (want && g.clockOffSeconds === null) problems.push(`${g.label}: no clock (health ${JSON.stringify(g.healthMissing)})`);
        if (!want && g.clockOffSeconds !== null) problems.push(`${g.label}: a clock though the chat's first message is not in view`);
        if (!want && !(g.reported && g.cardSays)) problems.push(`${g.label}: the health or the card does not say the first unanswered message was not read`);
      };
      clockWanted(f.atNewest, whole);
      if (whole && f.atNewest.domMessages !== truth.messages.length) problems.push(`drawn whole, yet ${f.atNewest.domMessages} of ${truth.messages.length} in the DOM`);
      if (!whole) {
        for (let top = await page.$eval('.message-container', (s) => s.scrollTop); top > 0;) {
          top = Math.max(0, top - WHEEL_STEP);
          await page.$eval('.message-container', (s, y) => { s.scrollTop = y; }, top);
          await page.waitForTimeout(150);
        }
        await itemWhen(truth.cid, (i) => i.receivedAt);
        await page.waitForTimeout(400);
        f.atStart = await reading(page, truth, part, 'scrolled to the chat\'s start');
        clockWanted(f.atStart, true);
      }
      f.problems = problems.length;
      f.firstProblems = problems.slice(0, 10);
      figures[`fresh-virt${virt}`] = f;
      await page.close();
      assert.deepEqual(problems, []);
    });
  }

  test('composer as a contenteditable div that keeps its own state', async () => {
    const page = await open(`${CHAT}?shape=chatdiv&tz=UTC#/`);
    await page.waitForSelector(MESSAGE);
    const truth = await truthOf(page);
    const problems = [];
    const f = { offered: 0, inState: 0, stateChars: 0, stateLines: 0, boxLines: 0, stateIsBox: 0, told: 0, sent: 0, editor: null };
    try {
      await page.waitForTimeout(2500);
      await itemWhen(truth.cid, (i) => i.verdict);
      const h = await health('shape=chatdiv');
      f.editor = h?.editor ?? null;
      f.healthMissing = h?.missing ?? null;
      await clickByRole(page, 'button', INSERT);
      f.offered = 1;
      await page.waitForFunction(() => window.__demoDraft().trim().length > 10, null, { timeout: 10_000 }).catch(() => {});
      await page.waitForTimeout(600);
      const { state, box, counter } = await page.evaluate(() => ({
        state: window.__demoDraft(),
        box: document.querySelector('#send-box-wrapper [contenteditable]').innerText,
        counter: Number(document.querySelector('._len_Pq7w').textContent),
      }));
      f.stateChars = state.trim().length;
      f.inState = f.stateChars > 10 && counter === state.length ? 1 : 0;
      f.stateLines = linesOf(state).length;
      f.boxLines = linesOf(box).length;
      f.stateIsBox = flat(state) === flat(box) && f.stateLines === f.boxLines ? 1 : 0;
      f.told = (await visibleTexts(page)).some((x) => /clipboard|剪贴板|could not|无法/i.test(x)) ? 1 : 0;
      f.stateStart = state.slice(0, 160);
    } catch (err) {
      problems.push(`chatdiv: ${err.message.split('\n')[0]}`);
    }
    f.sent = (await page.evaluate(() => window.__demoSent ?? null)) !== null ? 1 : 0;
    if (!f.offered) problems.push(`Insert not offered (editor ${JSON.stringify(f.editor)})`);
    else if (!f.inState) problems.push(`the page's state does not hold the reply (${f.stateChars} characters; the card ${f.told ? 'says so' : 'does not say so'})`);
    else {
      if (!f.stateIsBox) problems.push('the page\'s state and the box differ');
      if (f.stateLines < 2) problems.push(`the reply's lines are not the state's lines (${f.stateLines} line)`);
    }
    figures.chatdiv = { ...f, problems: problems.length, firstProblems: problems };
    await shotWithPanel(session.browser, page, 'chat13-div');
    await page.close();
    assert.equal(f.sent, 0, 'nothing was sent');
    assert.deepEqual(problems, []);
  });

  test('no page errors', () => assert.deepEqual(session.pageErrors, []));
});
