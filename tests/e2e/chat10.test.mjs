// OneTalk shapes written blind in the tenth round (tests/demo/server.js names them and
// the evidence each rests on), through the built extension in a browser on UTC:
//   tabs   the contact list under its tabs, rows refilled in place on a tab change, row
//          times as chat lists show older contacts ("N 分钟前", "HH:MM", 昨天, weekday,
//          "MM/DD") or none, three contacts in the page's data cache;
//   fiber  the open conversation whose author is only in the React fiber's itemData,
//          mixed message kinds, the panel and its composer made anew per contact; and
//          the same page without that data, where who wrote what is reported unknown.
// On each: every contact's text, buyer and time are read right or reported missing by
// the health (never guessed: a clock only from a time read, to the minute or to the day
// as the page shows it, and a row without one says so on its chip); a row shows its own
// contact's verdict after a refill; no verdict from text that is not the buyer's; Insert
// fills the composer so that the page's own state (what its send button sends) holds it;
// nothing is sent. Each test gathers its figures before it asserts, so that a shape that
// fails still has them; they go to artifacts/chat10-figures.json; screenshots at
// 1366×768, the side panel at 400 px.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { reportedMissing, shapeSession, shotWithPanel } from './harness.mjs';
import { clickByRole, cutChipClocks, findByRole, visibleTexts } from './shadow.mjs';

const CHAT = 'https://onetalk.alibaba.com/message/weblitePWA.htm';
const MINUTE = 60_000;
const INSERT = /^(Insert reply|插入回复)$/;
// Words of our own and the platform's messages on these shapes: a buyer's reading never holds them.
const NOT_BUYERS = /Our sales manager will contact you|Sales Manager|T\/T deposit to our company bank account|为保障您的交易安全|自动接待发送/;
const ROW = 'div.contact-item-container[data-cid]';

const flat = (t) => String(t ?? '').replace(/\s+/g, ' ').trim();
const dayAfter = (ms) => new Date(Date.parse(`${new Date(ms).toISOString().slice(0, 10)}T00:00:00Z`) + 24 * 60 * MINUTE).toISOString().slice(0, 10);

describe('OneTalk shapes of the tenth round, browser on UTC', () => {
  const { session, figures, open, storedItems, health } = shapeSession('chat10');

  /** The visible contact rows: cid, shown time and the verdict the row carries. */
  const visibleRows = (page) => page.$$eval(ROW, (rows) => rows.filter((r) => !r.hidden).map((r) => ({
    cid: r.getAttribute('data-cid'),
    shown: r.querySelector('.contact-time')?.textContent ?? null,
    verdict: r.getAttribute('data-xunpan-verdict') ?? r.querySelector('[data-xunpan-verdict]')?.getAttribute('data-xunpan-verdict') ?? null,
  })));

  /** Waits until every visible row carries a verdict (or 10 s pass), then a moment for stragglers. */
  async function settledRows(page) {
    let rows = [];
    for (let i = 0; i < 100; i++) {
      rows = await visibleRows(page);
      if (rows.length && rows.every((r) => r.verdict)) break;
      await page.waitForTimeout(100);
    }
    await page.waitForTimeout(400);
    return visibleRows(page);
  }

  /**
   * Insert through Xunpan's button, then whether the page's own state holds the text
   * (the length it shows and the box agree, and the box is not empty); nothing is sent.
   */
  async function insertSeenByPage(page) {
    try {
      await clickByRole(page, 'button', INSERT);
      await page.waitForFunction(() => Number(document.querySelector('._len_Pq7w')?.textContent) > 10, null, { timeout: 10_000 });
    } catch (err) {
      return { ok: false, why: err.message.split('\n')[0] };
    }
    const { state, box } = await page.evaluate(() => ({ state: Number(document.querySelector('._len_Pq7w').textContent), box: document.querySelector('textarea.send-textarea').value.length }));
    return state === box ? { ok: true } : { ok: false, why: `the page's state holds ${state} characters, the box ${box}` };
  }

  test('contact list under tabs: rows refilled in place, times in every form or none', async () => {
    const page = await open(`${CHAT}?shape=tabs&tz=UTC#/`);
    await page.waitForSelector(ROW);
    const { contacts, cached } = await page.evaluate(() => ({
      contacts: window.__demo.contacts,
      cached: window.__VMFsConv__cache__.map((c) => c.cid),
    }));
    const truth = Object.fromEntries(contacts.map((c) => [c.cid, c]));
    const f = { contacts: contacts.length, cached: cached.length, seen: 0, text: 0, buyer: 0, buyerReported: 0,
      minuteClocks: 0, dayClocks: 0, timeReported: 0, clocksNotRead: 0, staleRowVerdicts: 0, rowsWithoutVerdict: 0, noise: 0, forms: {} };
    const problems = [];
    const judged = new Set();

    /** Each visible row against its contact's truth and the stored item. */
    async function judgeRows(label) {
      const rows = await settledRows(page);
      const stored = await storedItems();
      const h = await health('shape=tabs');
      for (const row of rows) {
        const want = truth[row.cid];
        const item = stored[`chat:${row.cid}`];
        if (!row.verdict) {
          f.rowsWithoutVerdict += 1;
          problems.push(`${label} ${want.contactNick}: the row carries no verdict`);
        } else if (item && row.verdict !== item.verdict && row.verdict !== 'conversation') {
          f.staleRowVerdicts += 1;
          problems.push(`${label} ${want.contactNick}: the row shows ${row.verdict}, its contact is stored ${item.verdict}`);
        }
        if (judged.has(row.cid)) continue;
        judged.add(row.cid);
        if (!item) {
          problems.push(`${label} ${want.contactNick}: not stored (health missing ${JSON.stringify(h?.missing)})`);
          continue;
        }
        f.seen += 1;
        const body = item.inquiry?.body ?? '';
        if (/\[Unread\]|\[未读\]|分钟前|昨天|星期/.test(body)) {
          f.noise += 1;
          problems.push(`${want.contactNick}: row furniture in the text: "${body}"`);
        } else if (body && flat(want.latestMessage.content).startsWith(flat(body).replace(/…$/, ''))) f.text += 1;
        else problems.push(`${want.contactNick}: the text read is not the buyer's: "${body}"`);
        if (item.buyer === want.contactNick) f.buyer += 1;
        else if (!item.buyer && reportedMissing(h, /buyer|name/i)) f.buyerReported += 1;
        else problems.push(`${want.contactNick}: buyer "${item.buyer}"`);
        // What the page tells of the time: the data cache (to the ms), the shown minute, the shown day, or nothing.
        const isCached = cached.includes(row.cid);
        const form = isCached ? 'cached' : row.shown === null ? 'none'
          : /分钟前|min ago|^\d{2}:\d{2}$/.test(row.shown) ? 'minute' : 'day';
        f.forms[form] = (f.forms[form] ?? 0) + 1;
        const at = want.latestMessage.sendTime;
        if (item.receivedAt) {
          const off = Math.abs(Date.parse(item.receivedAt) - at);
          // "N 分钟前" is good to the minute it counts down from.
          if (form !== 'day' && form !== 'none' && off <= 2 * MINUTE) f.minuteClocks += 1;
          else {
            f.clocksNotRead += 1;
            problems.push(`${want.contactNick}: a clock at ${item.receivedAt} (${Math.round(off / MINUTE)} min off) from "${row.shown ?? 'no time shown'}"`);
          }
        } else if (item.deadline?.precision === 'day') {
          if (form === 'day' && item.deadline.dueOn === dayAfter(at)) f.dayClocks += 1;
          else {
            f.clocksNotRead += 1;
            problems.push(`${want.contactNick}: due on ${item.deadline.dueOn} from "${row.shown ?? 'no time shown'}" (sent ${new Date(at).toISOString()})`);
          }
        } else if (form === 'none' || form === 'day') {
          if (reportedMissing(h, /time|date/i)) f.timeReported += 1;
          else problems.push(`${want.contactNick}: no clock from "${row.shown ?? 'no time shown'}" and the health does not say so`);
        } else problems.push(`${want.contactNick}: no clock from "${row.shown}"`);
      }
      return rows;
    }

    const pending = await judgeRows('待回复');
    f.pendingRows = pending.length;
    await page.click('.list-tab-item[data-tab=all]');
    const all = await judgeRows('全部');
    f.allRows = all.length;
    // Back: the same elements show the awaiting contacts again, each with its own verdict.
    await page.click('.list-tab-item[data-tab=pending]');
    const again = await judgeRows('待回复 again');
    // A row that shows no time says so on its chip, where the clock would be.
    const timeless = again.filter((r) => r.shown === null && !cached.includes(r.cid)).length;
    f.noTimeChips = (await findByRole(page, 'button', /shows no time for this message/)).length;
    if (f.noTimeChips !== timeless) problems.push(`${timeless} rows show no time, ${f.noTimeChips} chips say so`);
    figures.tabsHealth = await health('shape=tabs');
    // A day-level clock on a contact's name line says its state in a word or two, the
    // day in its title: the long form ("Overdue (due 2026-12-01)") was cut to "Overdu…".
    const dayClocks = (await visibleTexts(page)).filter((t) => /^(Overdue|Due)\b/.test(t));
    f.dayClocksShort = dayClocks.filter((t) => /^(Overdue|Due today|Due \d{2}-\d{2})$/.test(t)).length;
    if (!dayClocks.length || f.dayClocksShort !== dayClocks.length) problems.push(`day-level clocks on the name line: ${dayClocks.join(' | ')}`);
    // A long name leaves the chip little room: the verdict's word gives way, the clock's
    // minutes are read whole (they had been cut to "−36 …").
    const cut = await cutChipClocks(page);
    f.cutChipClocks = cut.length;
    if (cut.length) problems.push(`clocks cut on the contact list: ${cut.join(' | ')}`);

    // A contact whose row shows no time, opened: its conversation gives the time.
    const quiet = contacts.find((c) => c.awaiting && !c.timeShown);
    await page.click(`${ROW}[data-cid="${quiet.cid}"]`);
    let item = null;
    for (let i = 0; i < 50 && !item?.receivedAt; i++) {
      await page.waitForTimeout(100);
      item = (await storedItems())[`chat:${quiet.cid}`];
    }
    f.openedNoTimeRowClock = item?.receivedAt ? Math.round(Math.abs(Date.parse(item.receivedAt) - quiet.latestMessage.sendTime) / 1000) : null;
    if (f.openedNoTimeRowClock === null || f.openedNoTimeRowClock > 60) problems.push(`opened ${quiet.contactNick}: clock ${item?.receivedAt} from the conversation's own time`);
    const inserted = await insertSeenByPage(page);
    f.insertSeenByPage = inserted.ok ? 1 : 0;
    if (!inserted.ok) problems.push(`Insert: ${inserted.why}`);
    f.sent = (await page.evaluate(() => window.__demoSent ?? null)) ? 1 : 0;
    figures.tabs = { ...f, problems: problems.length, firstProblems: problems.slice(0, 12) };
    await shotWithPanel(session.browser, page, 'chat10-tabs');
    await page.close();
    assert.equal(f.sent, 0, 'nothing was sent');
    assert.deepEqual(problems, []);
  });

  test('conversation whose authors are only in the page\'s React data, mixed kinds, a panel per contact', async () => {
    const page = await open(`${CHAT}?shape=fiber&tz=UTC#/`);
    await page.waitForSelector(ROW);
    const { conversations, contacts } = await page.evaluate(() => ({ conversations: window.__demo.conversations, contacts: window.__demo.contacts }));
    const problems = [];
    const f = {};

    /** The open conversation of `cid` against its truth: the buyer's words since our last (human) reply, the clock from the first of them. */
    async function judgeOpen(cid) {
      const messages = conversations[cid];
      const name = contacts.find((c) => c.cid === cid).contactNick;
      const lastOurs = messages.findLastIndex((m) => m.by === 'ours' && !m.auto);
      const since = messages.slice(lastOurs + 1).filter((m) => m.by === 'buyer');
      const words = since.map((m) => m.text ?? m.paragraphs?.join(' ')).filter(Boolean);
      let item = null;
      for (let i = 0; i < 100; i++) {
        item = (await storedItems())[`chat:${cid}`];
        if (words.every((w) => flat(item?.inquiry?.body).includes(flat(w)))) break;
        await page.waitForTimeout(100);
      }
      await page.waitForTimeout(300);
      item = (await storedItems())[`chat:${cid}`];
      const h = await health('shape=fiber');
      const body = flat(item?.inquiry?.body);
      const g = { buyerMessagesSince: words.length, judged: words.filter((w) => body.includes(flat(w))).length, notBuyersRead: 0,
        verdict: item?.verdict ?? null, buyer: item?.buyer === name ? 1 : 0, clockOffSeconds: null, healthMissing: h?.missing ?? null };
      if (NOT_BUYERS.test(body)) {
        g.notBuyersRead = 1;
        problems.push(`${name}: words not the buyer's read as theirs: "${body.slice(0, 160)}"`);
      }
      if (g.judged < words.length) problems.push(`${name}: judged on ${g.judged} of the buyer's ${words.length} messages since our reply: "${body.slice(0, 160)}"`);
      if (!g.buyer) problems.push(`${name}: buyer "${item?.buyer}"`);
      // The auto-reception reply is not ours to count: the buyer waits since their first message after our own.
      const from = since[0].at;
      if (item?.receivedAt) {
        g.clockOffSeconds = Math.round(Math.abs(Date.parse(item.receivedAt) - from) / 1000);
        if (g.clockOffSeconds > 60) problems.push(`${name}: clock ${item.receivedAt}, want ${new Date(from).toISOString()}`);
      } else if (!reportedMissing(h, /time|date/i)) problems.push(`${name}: no clock and the health does not say so`);
      const row = await page.$eval(`${ROW}[data-cid="${cid}"]`, (r) => r.getAttribute('data-xunpan-verdict'));
      if (item && row !== item.verdict) problems.push(`${name}: the contact row shows ${row}, stored ${item.verdict}`);
      return g;
    }

    const [first, pitch] = Object.keys(conversations);
    // The page opens the newest contact at load.
    f.atLoad = await judgeOpen(first);
    const insertedFirst = await insertSeenByPage(page);
    f.atLoad.insertSeenByPage = insertedFirst.ok ? 1 : 0;
    if (!insertedFirst.ok) problems.push(`Insert at load: ${insertedFirst.why}`);
    // Another contact: the panel, composer included, is made anew.
    await page.click(`${ROW}[data-cid="${pitch}"]`);
    f.pitch = await judgeOpen(pitch);
    if (f.pitch.verdict === 'genuine') problems.push('a USDT-only payment and a bank login asked on WhatsApp called genuine');
    const insertedPitch = await insertSeenByPage(page);
    f.pitch.insertSeenByPage = insertedPitch.ok ? 1 : 0;
    if (!insertedPitch.ok) problems.push(`Insert after the panel was made anew: ${insertedPitch.why}`);
    f.sent = (await page.evaluate(() => window.__demoSent ?? null)) ? 1 : 0;
    figures.fiber = { ...f, problems: problems.length, firstProblems: problems.slice(0, 12) };
    await shotWithPanel(session.browser, page, 'chat10-fiber');
    await page.close();
    assert.equal(f.sent, 0, 'nothing was sent');
    assert.deepEqual(problems, []);
  });

  test('the same conversation without the page\'s React data: who wrote what is reported unknown, not guessed', async () => {
    const page = await open(`${CHAT}?shape=fiber&fiber=0&tz=UTC#/`);
    await page.waitForSelector(ROW);
    const { conversations, contacts } = await page.evaluate(() => ({ conversations: window.__demo.conversations, contacts: window.__demo.contacts }));
    const [first] = Object.keys(conversations);
    await page.waitForSelector(`${ROW}[data-cid="${first}"][data-xunpan-verdict]`, { timeout: 20_000 });
    await page.waitForTimeout(500);
    const item = (await storedItems())[`chat:${first}`];
    const h = await health('shape=fiber&fiber=0');
    const body = flat(item?.inquiry?.body);
    figures.fiberWithoutData = { sideReported: reportedMissing(h, /side/i) ? 1 : 0, notBuyersRead: NOT_BUYERS.test(body) ? 1 : 0,
      body: body.slice(0, 120), verdict: item?.verdict ?? null, healthMissing: h?.missing ?? null };
    await page.close();
    assert.doesNotMatch(body, NOT_BUYERS, 'nothing of ours or the platform\'s read as the buyer\'s');
    // The contact row still reads the buyer's last message from the page's data cache.
    assert.equal(body, flat(contacts.find((c) => c.cid === first).latestMessage.content));
    assert.ok(reportedMissing(h, /side/i), `the health says the sides are unknown: ${JSON.stringify(h?.missing)}`);
  });

  test('no page errors', () => assert.deepEqual(session.pageErrors, []));
});
