// The inquiry list's life over a rep's hour, shapes written blind in the eleventh round
// (tests/demo/server.js, life11Page, names the evidence each rests on), through the built
// extension in a browser on UTC:
//   spa      the list and the detail as one page: a row opened in place, the next
//            inquiry by the hash alone, Back twice to the list drawn anew, a third opened;
//   refill   the list redrawn in place from a pool of row elements: page 2, a page that
//            fails, page 1 again, the unread folder, the empty junk folder, a search, a
//            refresh after which one row shows the buyer's new message and one our reply.
// At each step: the rows read, with text / buyer / time right or named missing by the
// health; every chip's key is its own row's (also in the very frame the page redrew);
// no verdict from text that is not the buyer's; nothing left drawn of a view that is
// gone; the detail card and Insert work after each navigation; no page errors. Each test
// gathers its figures before it asserts; they go to artifacts/life11-figures.json.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { judgeReading, shapeSession, shotWithPanel } from './harness.mjs';
import { clickByRole, findByRole } from './shadow.mjs';

const LIST = 'https://message.alibaba.com/message/default.htm';
const ROW = 'a.inquiry-item[data-trade-id]';
const INSERT = /^(Insert reply|插入回复)$/;
// Words of our own messages on these shapes: a buyer's reading never holds them.
const OURS = /thank you for your inquiry|will send the price list/i;
const flat = (t) => String(t ?? '').replace(/\s+/g, ' ').trim();

/** Every chip on the page: its key and the row it sits in (null outside any row). */
function chipsOnPage(page) {
  return page.evaluate((sel) => [...document.querySelectorAll('[data-xunpan-key]')].map((h) => {
    const row = h.closest('.aui2-grid-wraper')?.querySelector(sel) ?? h.closest(sel);
    return { key: h.getAttribute('data-xunpan-key'), row: row ? `inquiry:${row.getAttribute('data-trade-id')}` : null };
  }), ROW);
}

/** The rows shown: id and the verdict on the row (or inside it). */
function rowsShown(page) {
  return page.$$eval(ROW, (els) => els.map((r) => ({
    id: r.getAttribute('data-trade-id'),
    verdict: r.getAttribute('data-xunpan-verdict') ?? r.querySelector('[data-xunpan-verdict]')?.getAttribute('data-xunpan-verdict') ?? null,
  })));
}

/** Chips that are not of what is shown: in a row, another row's; outside rows, none of `allowed`. */
function strayChips(chips, allowed) {
  return chips.filter((c) => (c.row ? c.key !== c.row : !allowed.includes(c.key))).map((c) => `${c.key} ${c.row ? `in row ${c.row}` : 'outside the rows'}`);
}

describe('the list over an hour, eleventh round, browser on UTC', () => {
  const { session, figures, open, storedItems, health } = shapeSession('life11');

  const judge = (label, item, want, h, f) => judgeReading(label, item, want, h, f, OURS);

  /**
   * The list as shown now against the truth: every row tagged with its stored reading,
   * chips of their own row, no chip of a view that is gone. `news` holds the rows whose
   * newest message changed (the refresh). Returns the step's figures with its problems.
   */
  async function listStep(page, truth, news = {}) {
    let rows = [];
    for (let i = 0; i < 150; i++) {
      rows = await rowsShown(page);
      if (rows.length && rows.every((r) => r.verdict)) break;
      await page.waitForTimeout(100);
    }
    await page.waitForTimeout(400);
    rows = await rowsShown(page);
    const stored = await storedItems();
    const h = await health('default.htm');
    const f = { rows: rows.length, tagged: rows.filter((r) => r.verdict).length, items: 0, text: 0, textReported: 0, buyer: 0, buyerReported: 0,
      time: 0, timeReported: 0, oursAsBuyers: 0, replied: 0, stray: 0 };
    const problems = [];
    const stray = strayChips(await chipsOnPage(page), rows.map((r) => `inquiry:${r.id}`));
    f.stray = stray.length;
    problems.push(...stray.map((s) => `stray chip: ${s}`));
    for (const { id, verdict } of rows) {
      const want = truth[id];
      const item = stored[`inquiry:${id}`];
      const changed = news[id];
      const replied = changed ? changed.sendType === 'send' : want.replied;
      if (!verdict) problems.push(`${id}: the row carries no verdict`);
      if (replied) {
        f.replied += 1;
        if (item && OURS.test(item.inquiry?.body ?? '')) {
          f.oursAsBuyers += 1;
          problems.push(`${id}: our reply judged as the buyer's (${item.verdict}, row shows ${verdict})`);
        } else if (!['replied', 'conversation'].includes(verdict) && verdict !== item?.verdict) problems.push(`${id}: a replied row shows "${verdict}", stored ${item?.verdict}`);
        continue;
      }
      if (item) f.items += 1;
      if (verdict && item && verdict !== item.verdict) problems.push(`${id}: the row shows ${verdict}, stored ${item.verdict}`);
      const text = changed ? [changed.text] : [want.text];
      const at = changed ? [want.at, changed.at] : [want.at];
      problems.push(...judge(id, item, { text, name: want.name, at }, h, f));
      if (changed && item?.verdict === 'genuine') problems.push(`${id}: the buyer's new message with a link "to confirm the order" called genuine`);
    }
    return { ...f, healthMissing: h?.missing ?? null, problems };
  }

  /**
   * Runs `act` and, in the first frame where the rows shown are no longer `before`'s,
   * the chips that are not of their row (the page redrew its rows in place).
   */
  async function chipsInRedrawFrame(page, act) {
    const before = (await rowsShown(page)).map((r) => r.id).join(',');
    await act();
    return (await page.waitForFunction(({ sel, before }) => {
      const rows = [...document.querySelectorAll(sel)];
      if (rows.map((r) => r.getAttribute('data-trade-id')).join(',') === before) return false;
      return rows.flatMap((r) => {
        const key = `inquiry:${r.getAttribute('data-trade-id')}`;
        const wrap = r.closest('.aui2-grid-wraper') ?? r;
        return [...wrap.querySelectorAll('[data-xunpan-key]')].map((h) => h.getAttribute('data-xunpan-key')).filter((k) => k !== key).map((k) => `${key} shows ${k}`);
      });
    }, { sel: ROW, before }, { timeout: 10_000 })).jsonValue();
  }

  /** The detail of `id` as shown: its card's key alone on the page, the stored reading, Insert. */
  async function detailStep(page, id, truth, label) {
    // The detail's card carries the detail's key; the inquiry's own would do as well.
    const keys = [`detail:${id}`, `inquiry:${id}`];
    const key = `inquiry:${id}`;
    const f = { card: 0, stray: 0, text: 0, textReported: 0, buyer: 0, buyerReported: 0, time: 0, timeReported: 0, oursAsBuyers: 0, inserted: 0, sent: 0 };
    const problems = [];
    await page.waitForSelector('.message-item-wrapper', { timeout: 10_000 }).catch(() => problems.push(`${label}: the page drew no conversation`));
    let chips = [];
    for (let i = 0; i < 100; i++) {
      chips = await chipsOnPage(page);
      if (chips.some((c) => keys.includes(c.key)) && (await findByRole(page, 'button', INSERT)).length) break;
      await page.waitForTimeout(100);
    }
    await page.waitForTimeout(400);
    chips = await chipsOnPage(page);
    f.card = chips.some((c) => keys.includes(c.key)) ? 1 : 0;
    if (!f.card) problems.push(`${label}: no card of ${key} (chips: ${JSON.stringify(chips.map((c) => c.key))})`);
    // Outside the list's rows only the open detail's chips; in a row (the drawer's list
    // under the detail) the row's own.
    const stray = chips.filter((c) => (c.row ? c.key !== c.row : !keys.includes(c.key)));
    f.stray = stray.length;
    f.rowChips = chips.filter((c) => c.row).length;
    problems.push(...stray.map((c) => `${label}: a chip of ${c.key} ${c.row ? `in row ${c.row}` : 'outside the rows'} on ${key}'s detail`));
    const item = (await storedItems())[key];
    const h = await health('default.htm');
    const want = truth[id];
    problems.push(...judge(label, item, { text: [want.body], name: want.name, at: [want.at] }, h, f));
    try {
      await page.evaluate(() => window.tinymce?.get('normal-im-send')?.setContent?.(''));
      await clickByRole(page, 'button', INSERT);
      await page.waitForFunction(() => (window.tinymce?.get('normal-im-send')?.getContent() ?? '').length > 10, null, { timeout: 10_000 });
      f.inserted = 1;
      // The reply is for this buyer: it names no other buyer of the list.
      const reply = await page.evaluate(() => window.tinymce.get('normal-im-send').getContent());
      f.reply = reply.slice(0, 120);
      const others = Object.entries(truth).filter(([other, t]) => other !== id && t.name.length > 3 && t.name !== want.name && reply.includes(t.name.split(' ')[0]));
      if (others.length) problems.push(`${label}: the reply names ${others.map(([, t]) => t.name).join(', ')}, not ${want.name}`);
    } catch (err) {
      problems.push(`${label}: Insert did not fill the editor (${err.message.split('\n')[0]})`);
    }
    if (await page.evaluate(() => window.__demoSent ?? null)) f.sent = 1;
    return { ...f, verdict: item?.verdict ?? null, healthMissing: h?.missing ?? null, problems };
  }

  for (const [shape, how] of [['spa', 'as one page'], ['drawer', 'in a drawer over the list']]) test(`list and detail ${how}: open, next by hash, Back twice, open another`, async () => {
    const page = await open(`${LIST}?shape=${shape}&tz=UTC#feedback/all`);
    await page.waitForSelector(ROW);
    const truth = await page.evaluate(() => window.__l11Truth.rows);
    const steps = {};
    steps.list = await listStep(page, truth);
    await page.click(`${ROW}[data-trade-id="7301000005"]`);
    steps.open5 = await detailStep(page, '7301000005', truth, 'opened 7301000005');
    await page.click('.l11-next');
    steps.next6 = await detailStep(page, '7301000006', truth, 'next 7301000006 (hash alone)');
    await shotWithPanel(session.browser, page, `life11-${shape}-next`);
    await page.evaluate(() => history.back());
    steps.back5 = await detailStep(page, '7301000005', truth, 'back to 7301000005');
    await page.evaluate(() => history.back());
    await page.waitForFunction(() => window.__l11Shown?.view === 'list', null, { timeout: 10_000 });
    if (shape === 'drawer') await page.waitForTimeout(1000);
    steps.backList = await listStep(page, truth);
    await page.click(`${ROW}[data-trade-id="7301000008"]`);
    steps.open8 = await detailStep(page, '7301000008', truth, 'opened 7301000008');
    await shotWithPanel(session.browser, page, `life11-${shape}-open8`);
    figures[shape] = steps;
    await page.close();
    for (const s of Object.values(steps)) assert.equal(s.sent ?? 0, 0, 'nothing was sent');
    assert.deepEqual(Object.entries(steps).flatMap(([name, s]) => s.problems.map((p) => `${name}: ${p}`)), []);
  });

  test('list redrawn in place: pages, a failing page, folders, search, a refresh', async () => {
    const page = await open(`${LIST}?shape=refill&rows=60&tz=UTC#feedback/all`);
    await page.waitForSelector(ROW);
    const { rows: truth, news } = await page.evaluate(() => window.__l11Truth);
    // After every change of the page, once Xunpan's own observer has run (it was made
    // first, at the page's start, so it is told first): no row shows another's chip.
    // This is before the page paints, whatever the timing of the frames.
    await page.evaluate((sel) => {
      window.__l11Stale = [];
      new MutationObserver(() => {
        for (const r of document.querySelectorAll(sel)) {
          const key = `inquiry:${r.getAttribute('data-trade-id')}`;
          for (const h of (r.closest('.aui2-grid-wraper') ?? r).querySelectorAll('[data-xunpan-key]')) {
            if (h.getAttribute('data-xunpan-key') !== key && window.__l11Stale.length < 50) window.__l11Stale.push(`${key} shows ${h.getAttribute('data-xunpan-key')}`);
          }
        }
      }).observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
    }, ROW);
    const steps = {};
    const inFrame = {};
    const shown = () => page.evaluate(() => window.__l11Shown);
    steps.page1 = await listStep(page, truth);
    inFrame.page2 = await chipsInRedrawFrame(page, () => page.click('.l11-pages a[data-page="2"]'));
    steps.page2 = await listStep(page, truth);
    await page.click('.l11-pages a[data-page="3"]');
    await page.waitForFunction(() => window.__l11Shown?.view === 'error', null, { timeout: 10_000 });
    await page.waitForTimeout(800);
    const failed = await chipsOnPage(page);
    steps.page3failed = { rows: (await rowsShown(page)).length, chips: failed.length, problems: failed.map((c) => `the failed page still shows a chip of ${c.key}`) };
    inFrame.page1 = await chipsInRedrawFrame(page, () => page.click('.l11-pages a[data-page="1"]'));
    steps.page1again = await listStep(page, truth);
    inFrame.unread = await chipsInRedrawFrame(page, () => page.evaluate(() => { location.hash = '#feedback/unread'; }));
    steps.unread = await listStep(page, truth);
    await page.evaluate(() => { location.hash = '#feedback/spam'; });
    await page.waitForFunction(() => window.__l11Shown?.state?.folder === 'spam', null, { timeout: 10_000 });
    await page.waitForTimeout(800);
    const empty = await chipsOnPage(page);
    steps.spamEmpty = { rows: (await rowsShown(page)).length, chips: empty.length, problems: empty.map((c) => `the empty folder still shows a chip of ${c.key}`) };
    await page.evaluate(() => { location.hash = '#feedback/all'; });
    await page.waitForFunction(() => window.__l11Shown?.state?.folder === 'all' && window.__l11Shown.view === 'list', null, { timeout: 10_000 });
    await page.waitForTimeout(300);
    inFrame.search = await chipsInRedrawFrame(page, () => page.fill('.l11-search', 'pipe'));
    steps.search = await listStep(page, truth);
    await page.fill('.l11-search', '');
    await page.waitForFunction(() => window.__l11Shown?.state?.keyword === '' && window.__l11Shown.ids.length === 20, null, { timeout: 10_000 });
    await listStep(page, truth);
    // The refresh: the same rows, two of them with a newer message (no row moves).
    await page.click('.l11-refresh');
    await page.waitForFunction(() => window.__l11Shown?.state?.poll === 1, null, { timeout: 10_000 });
    steps.refresh = await listStep(page, truth, news);
    const refreshed = await rowsShown(page);
    const afterRefresh = await storedItems();
    steps.refresh.newsRows = Object.keys(news).map((id) => {
      const { inquiry, ...item } = afterRefresh[`inquiry:${id}`] ?? {};
      return { id, verdict: refreshed.find((r) => r.id === id)?.verdict ?? null, item: { ...item, body: inquiry?.body?.slice(0, 60) } };
    });
    await shotWithPanel(session.browser, page, 'life11-refill-refresh');
    steps.inFrame = { problems: Object.entries(inFrame).flatMap(([name, list]) => list.map((p) => `${name}: ${p}`)) };
    const stale = await page.evaluate(() => window.__l11Stale);
    steps.beforePaint = { stale: stale.length, problems: stale.slice(0, 8).map((p) => `after a change of the page: ${p}`) };
    steps.lastShown = { problems: [], shown: await shown() };
    figures.refill = steps;
    await page.close();
    assert.deepEqual(Object.entries(steps).flatMap(([name, s]) => s.problems.map((p) => `${name}: ${p}`)), []);
  });

  test('no page errors', () => assert.deepEqual(session.pageErrors, []));
});
