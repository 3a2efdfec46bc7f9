// Page shapes written blind in the twelfth round (tests/demo/server.js names them and the
// evidence each rests on), through the built extension in a browser on UTC:
//   en12     the inquiry list in the English UI: times as English lists show them
//            ("Just now", "4 min ago", "3 hours ago", "9:05 AM", "Yesterday 2:32 PM",
//            "Tue 3:05 PM", "Nov 28", "Nov 28, 9:14 AM", "Nov 28, 2025"), the exact
//            time kept on some rows in a <time datetime>, on others in a tooltip in the
//            browser's default en-US form ("12/3/2026, 2:32:10 PM");
//   cke4     the detail page whose reply box is an iframe-based rich editor drawn as
//            CKEditor 4 draws one (no "<id>_ifr" name, no editor global);
//   mcemod   the detail page's TinyMCE whose library the page's bundle keeps to itself
//            (no window.tinymce once the editor is up): only its frame can be reached;
//   frame12  My Alibaba (i.alibaba.com) with the message center in a frame.
// On each: every row's text, buyer and time are read right or reported missing by the
// health (never guessed: a clock only from a minute shown or kept, a day from a day
// shown), Insert fills the page's editor so that the page's own model holds the reply
// with its lines (or the card says it could not), and nothing is sent. Each test
// gathers its figures before it asserts, so that a shape that fails still has them;
// they go to artifacts/shapes12-figures.json; screenshots at 1366×768, and of the side
// panel at 400 px.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ARTIFACTS, judgeReading, reportedMissing, shapeSession, shotWithPanel } from './harness.mjs';
import { clickByRole, findByRole, visibleTexts } from './shadow.mjs';

const LIST = 'https://message.alibaba.com/message/default.htm';
const DETAIL = 'https://message.alibaba.com/message/maDetail.htm';
const HUB = 'https://i.alibaba.com/index.htm';
const INSERT = /^(Insert reply|插入回复)$/;
const MINUTE = 60_000;
// Words of our own messages on these shapes: a buyer's reading never holds them.
const OURS = /thank you for your inquiry|T\/T deposit to our company bank account/i;
// What the card says when the reply did not go in (the rep is told, the text is on the clipboard).
const NOT_IN = /clipboard|剪贴板|could not|无法|paste|粘贴/i;

const dayAfter = (day) => new Date(Date.parse(`${day}T00:00:00Z`) + 1440 * MINUTE).toISOString().slice(0, 10);
const linesOf = (text) => text.split('\n').map((l) => l.trim()).filter(Boolean);

/** The rows of a list (in `scope`, a page or a frame) with the verdicts Xunpan drew on them. */
const rowVerdicts = (scope) => scope.$$eval('a.inquiry-item[data-trade-id]', (els) => els.map((r) => ({
  id: r.getAttribute('data-trade-id'),
  verdict: r.getAttribute('data-xunpan-verdict') ?? r.querySelector('[data-xunpan-verdict]')?.getAttribute('data-xunpan-verdict') ?? null,
})));

/** Waits (up to 10 s) until every row carries a verdict; the rows then. */
async function taggedRows(scope) {
  let rows = [];
  for (let i = 0; i < 100; i++) {
    rows = await rowVerdicts(scope).catch(() => []);
    if (rows.length && rows.every((r) => r.verdict)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  await new Promise((r) => setTimeout(r, 500));
  return rowVerdicts(scope).catch(() => []);
}

describe('page shapes of the twelfth round, browser on UTC', () => {
  const { session, figures, open, storedItems, health } = shapeSession('shapes12');

  test('list in the English UI: relative times, 12-hour clocks, month names, exact times in datetime and tooltips', async () => {
    const page = await open(`${LIST}?shape=en12&tz=UTC#feedback/all`);
    await page.waitForSelector('a.inquiry-item');
    const truth = await page.evaluate(() => window.__enTruth.rows);
    const rows = await taggedRows(page);
    const stored = await storedItems();
    const h = await health('shape=en12');
    const f = { rows: truth.length, tagged: rows.filter((r) => r.verdict).length, judged: 0, text: 0, textReported: 0, buyer: 0, buyerReported: 0,
      time: 0, timeReported: 0, oursAsBuyers: 0, minuteClocks: 0, dayClocks: 0, clocksWanted: 0, daysWanted: 0, clocksMissed: [], wrongTimes: 0 };
    const problems = [];
    for (const want of truth) {
      const row = rows.find((r) => r.id === want.id);
      if (!row?.verdict) problems.push(`${want.id}: the row carries no verdict`);
      if (want.replied) continue;
      f.judged += 1;
      const item = stored[`inquiry:${want.id}`];
      // Text and buyer as judged everywhere; the time below, by what the row shows.
      problems.push(...judgeReading(want.id, item, { text: [want.text], name: want.name, at: want.created }, h, { ...f }, OURS)
        .filter((p) => !/^\S+: (?:no time|time )/.test(p)));
      if (item?.inquiry?.body) f.text += 1;
      if (item?.buyer === want.name) f.buyer += 1;
      if (!item) continue;
      const shown = `"${want.shown}"${want.exact ? ` (${want.exact})` : ''}`;
      if (want.precision === 'at') f.clocksWanted += 1;
      if (want.precision === 'day') f.daysWanted += 1;
      if (item.receivedAt) {
        const off = Math.abs(Date.parse(item.receivedAt) - want.created);
        if (off < MINUTE) f.minuteClocks += 1;
        else {
          f.wrongTimes += 1;
          problems.push(`${want.id}: a clock at ${item.receivedAt} (${Math.round(off / MINUTE)} min off) from ${shown}`);
        }
      } else if (item.deadline?.precision === 'day') {
        if (item.deadline.dueOn === dayAfter(want.day) && want.precision !== 'at') f.dayClocks += 1;
        else if (item.deadline.dueOn === dayAfter(want.day)) {
          f.clocksMissed.push(want.shown);
          problems.push(`${want.id}: only the day read from ${shown}, which names the minute`);
        } else {
          f.wrongTimes += 1;
          problems.push(`${want.id}: due on ${item.deadline.dueOn} from ${shown} (sent ${new Date(want.created).toISOString()})`);
        }
      } else if (reportedMissing(h, /time|date/i)) {
        f.timeReported += 1;
        if (want.precision) {
          f.clocksMissed.push(want.shown);
          problems.push(`${want.id}: no time read from ${shown}`);
        }
      } else problems.push(`${want.id}: no time from ${shown} and the health does not say so`);
    }
    figures.en12 = { ...f, healthMissing: h?.missing ?? null, problems: problems.length, firstProblems: problems.slice(0, 10) };
    await shotWithPanel(session.browser, page, 'shape12-en12');
    await page.close();
    assert.equal(f.wrongTimes, 0, 'no time read wrong');
    assert.deepEqual(problems, []);
  });

  for (const shape of ['cke4', 'mcemod']) {
    test(`detail whose reply box is an iframe editor without a page API: ${shape}`, async () => {
      const page = await open(`${DETAIL}?imInquiryId=7301000001&shape=${shape}&tz=UTC`);
      const f = { card: 0, editor: null, offered: 0, inModel: 0, lines: 0, counter: 0, undoOnce: 0, searchBox: 0, told: 0, sent: 0, insertMs: null, modelChars: 0 };
      const problems = [];
      const model = () => page.evaluate(() => window.__demoEditor?.text() ?? '');
      try {
        await page.waitForFunction(() => window.__demoEditor?.ready, null, { timeout: 15_000 });
        await page.waitForSelector('[data-xunpan-verdict]', { timeout: 20_000 });
        f.card = 1;
        const h = await health(`shape=${shape}`);
        f.editor = h?.editor ?? null;
        f.healthMissing = h?.missing ?? null;
        f.offered = (await findByRole(page, 'button', INSERT)).length > 0 ? 1 : 0;
        const started = Date.now();
        await clickByRole(page, 'button', INSERT);
        await page.waitForFunction(() => (window.__demoEditor.text() ?? '').trim().length > 40, null, { timeout: 12_000 }).catch(() => {});
        f.insertMs = Date.now() - started;
        await page.waitForTimeout(600);
        const after = await model();
        f.modelChars = after.trim().length;
        f.inModel = f.modelChars > 40 ? 1 : 0;
        // The reply is several paragraphs: they stay lines of the model.
        f.lines = linesOf(after).length >= 3 ? 1 : 0;
        const counted = Number((await page.textContent('#draft-counter')).match(/\d+/)?.[0] ?? -1);
        f.counter = counted > 40 ? 1 : 0;
        f.told = (await visibleTexts(page)).some((t) => NOT_IN.test(t)) ? 1 : 0;
        if (!f.inModel || !f.lines) f.modelStart = after.slice(0, 160);
        // Nothing went into the search box, which had the focus.
        f.searchBox = (await page.inputValue('input[type=search]')).length;
        await page.screenshot({ path: join(ARTIFACTS, `shape12-${shape}-inserted.png`) });
        // One undo of the editor takes the reply back out.
        await page.evaluate(() => window.__demoEditor.undo());
        await page.waitForTimeout(300);
        f.undoOnce = f.inModel && (await model()).trim() === '' ? 1 : 0;
      } catch (err) {
        problems.push(`${shape}: ${err.message.split('\n')[0]}`);
      }
      f.sent = (await page.evaluate(() => window.__demoSent ?? null)) ? 1 : 0;
      if (f.searchBox) problems.push(`${shape}: the reply went into the search box that had the focus`);
      if (!f.card) problems.push(`${shape}: no card`);
      if (!f.offered) problems.push(`${shape}: Insert not offered (editor ${JSON.stringify(f.editor)})`);
      if (f.inModel) {
        if (!f.lines) problems.push(`${shape}: the reply's lines are not the model's lines`);
        if (!f.counter) problems.push(`${shape}: the page's counter did not see the reply`);
        if (f.insertMs > 5_000) problems.push(`${shape}: the reply took ${f.insertMs} ms to go in`);
        if (!f.undoOnce) problems.push(`${shape}: one undo does not take the reply out`);
      } else if (!f.told) problems.push(`${shape}: the reply is not in the editor and the card does not say so`);
      else problems.push(`${shape}: the reply did not go in (the card says so)`);
      f.firstProblem = problems[0] ?? null;
      figures[shape] = f;
      await shotWithPanel(session.browser, page, `shape12-${shape}`);
      await page.close();
      assert.equal(f.sent, 0, 'nothing was sent');
      assert.deepEqual(problems, []);
    });
  }

  test('My Alibaba with the message center in a frame', async () => {
    // The same inquiries as en12's: what is stored now is the frame's alone.
    await session.browser.worker.evaluate(() => chrome.storage.local.remove('items'));
    const page = await open(`${HUB}?shape=frame12&tz=UTC`);
    const frame = await (await page.waitForSelector('#hub-frame')).contentFrame();
    await frame.waitForSelector('a.inquiry-item');
    const rows = await taggedRows(frame);
    const stored = await storedItems();
    // The tab's address is My Alibaba's, which Xunpan has no permission to see: the
    // health is asked of the active tab, as the popup and the side panel ask it.
    await page.bringToFront();
    const h = await session.browser.worker.evaluate(async () => {
      const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
      return tab ? (await chrome.tabs.sendMessage(tab.id, { type: 'xunpan/health' }).catch(() => null))?.health ?? null : null;
    });
    // Rows in conversation show our reply: known by their thread alone, nothing stored.
    const judged = rows.filter((r) => r.verdict !== 'replied' && r.verdict !== 'conversation');
    const f = { rows: rows.length, tagged: rows.filter((r) => r.verdict).length, judged: judged.length, stored: judged.filter((r) => stored[`inquiry:${r.id}`]).length,
      health: h ? 1 : 0, healthMissing: h?.missing ?? null, found: h?.found?.length ?? 0 };
    const problems = [];
    if (!f.rows) problems.push('no rows in the frame');
    if (f.tagged < f.rows) problems.push(`${f.rows - f.tagged} of ${f.rows} rows in the frame carry no verdict`);
    if (f.stored < f.judged) problems.push(`${f.judged - f.stored} of ${f.judged} judged rows not stored`);
    if (!h) problems.push('the tab answers no health (popup and panel cannot say what was read)');
    figures.frame12 = { ...f, problems };
    await shotWithPanel(session.browser, page, 'shape12-frame12');
    await page.close();
    assert.deepEqual(problems, []);
  });

  test('no page errors', () => assert.deepEqual(session.pageErrors, []));
});
