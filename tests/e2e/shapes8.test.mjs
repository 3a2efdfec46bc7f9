// Page shapes written blind in the eighth round (tests/demo/server.js names them and the
// evidence each rests on), through the built extension in a browser on UTC:
//   marks    the inquiry list whose rows say unread / read / replied only by styling,
//            the preview and time of a replied row being those of our own reply;
//   sides    the stand-alone detail whose conversation says who wrote a message only by
//            layout, with date separators, times as HH:MM, the DOM newest first.
// On each: every item's text, buyer and time are read right or reported missing by the
// health (never guessed), no verdict comes from text that is not the buyer's, Insert
// fills the page's editor, nothing is sent. Each test gathers its figures before it
// asserts, so that a shape that fails still has them; they go to
// artifacts/shapes8-figures.json; screenshots at 1366×768, and of the side panel at 400 px.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { judgeReading, reportedMissing, shapeSession, shotWithPanel } from './harness.mjs';
import { clickByRole } from './shadow.mjs';

const LIST = 'https://message.alibaba.com/message/default.htm';
const DETAIL = 'https://message.alibaba.com/message/maDetail.htm';
const INSERT = /^(Insert reply|插入回复)$/;
// Words of our own messages on these shapes: a buyer's reading never holds them.
const OURS = /thank you for your inquiry|T\/T deposit to our company bank account/i;

describe('page shapes of the eighth round, browser on UTC', () => {
  const { session, figures, open, storedItems, health } = shapeSession('shapes8');

  const judge = (label, item, want, h, f) => judgeReading(label, item, want, h, f, OURS);

  test('list whose rows mark unread / read / replied by styling only; replied rows show our reply', async () => {
    const page = await open(`${LIST}?shape=marks&tz=UTC#feedback/all`);
    await page.waitForSelector('a[href*="imInquiryId="]');
    const truth = await page.evaluate(() => window.__mkTruth.rows);
    const rowVerdicts = () => page.$$eval('a[href*="imInquiryId="]', (els) => els.map((r) => ({
      id: r.href.match(/imInquiryId=(\d+)/)?.[1],
      verdict: r.getAttribute('data-xunpan-verdict') ?? r.querySelector('[data-xunpan-verdict]')?.getAttribute('data-xunpan-verdict') ?? null,
    })));
    let rows = [];
    for (let i = 0; i < 100; i++) {
      rows = await rowVerdicts();
      if (rows.every((r) => r.verdict)) break;
      await page.waitForTimeout(100);
    }
    await page.waitForTimeout(500);
    rows = await rowVerdicts();
    const stored = await storedItems();
    const h = await health('shape=marks');
    const f = { rows: truth.length, tagged: rows.filter((r) => r.verdict).length, buyerRows: 0, repliedRows: 0, items: 0, text: 0, textReported: 0,
      buyer: 0, buyerReported: 0, time: 0, timeReported: 0, oursAsBuyers: 0, repliedKnown: 0, sideReported: 0, verdicts: {} };
    const problems = [];
    for (const want of truth) {
      const verdict = rows.find((r) => r.id === want.id)?.verdict ?? null;
      f.verdicts[verdict] = (f.verdicts[verdict] ?? 0) + 1;
      const item = stored[`inquiry:${want.id}`];
      if (want.replied) {
        // The newest message is ours: nothing of it is judged as the buyer's.
        f.repliedRows += 1;
        if (item && OURS.test(item.inquiry?.body ?? '')) {
          f.oursAsBuyers += 1;
          problems.push(`${want.id}: our reply judged as the buyer's (${item.verdict}, row shows ${verdict})`);
        } else if (['replied', 'conversation'].includes(verdict)) f.repliedKnown += 1;
        else problems.push(`${want.id}: a replied row shows "${verdict}"`);
        continue;
      }
      f.buyerRows += 1;
      // A read row, not bold, may as well show our reply: the page does not say whose
      // its text is. Read for its thread alone, nothing judged, the health says so.
      if (!want.unread && verdict === 'conversation' && !item) {
        if (reportedMissing(h, /side/i)) f.sideReported += 1;
        else problems.push(`${want.id}: read for its thread alone, and the health does not say why`);
        continue;
      }
      if (item) f.items += 1;
      if (!verdict) problems.push(`${want.id}: the row carries no verdict`);
      else if (item && verdict !== item.verdict) problems.push(`${want.id}: the row shows ${verdict}, stored ${item.verdict}`);
      problems.push(...judge(want.id, item, { text: [want.text], name: want.name, at: want.created }, h, f));
    }
    figures.marks = { ...f, healthMissing: h?.missing ?? null, found: h?.found ?? null, problems: problems.length, firstProblems: problems.slice(0, 8) };
    await shotWithPanel(session.browser, page, 'shape8-marks');
    await page.close();
    assert.deepEqual(problems, []);
  });

  for (const [id, kind] of [['7301000011', 'answered, then the buyer again'], ['7301000001', 'the buyer alone']]) {
    test(`detail whose conversation shows the sides by layout only: ${kind}`, async () => {
      const page = await open(`${DETAIL}?imInquiryId=${id}&shape=sides&tz=UTC`);
      const messages = await page.evaluate(() => window.__demo.sides);
      const ourIndex = messages.findLastIndex((m) => m.mine);
      await page.waitForSelector('[data-xunpan-verdict]', { timeout: 20_000 }).catch(() => {});
      let item = null;
      for (let i = 0; i < 50 && !item; i++) {
        item = (await storedItems())[`inquiry:${id}`];
        if (!item) await page.waitForTimeout(100);
      }
      await page.waitForTimeout(500);
      item = (await storedItems())[`inquiry:${id}`];
      const h = await health(`imInquiryId=${id}&shape=sides`);
      const f = { messages: messages.length, ours: messages.filter((m) => m.mine).length, text: 0, textReported: 0, buyer: 0, buyerReported: 0,
        time: 0, timeReported: 0, oursAsBuyers: 0, verdict: item?.verdict ?? null, inserted: 0, sent: 0 };
      // What the buyer wrote since our last message is what is judged, and its clock runs
      // from the first of those (the first message alone when we have not answered).
      const since = messages.slice(ourIndex + 1);
      const problems = judge(id, item, { text: since.map((m) => m.text.replace(/^.*\n/, '')), name: id === '7301000011' ? 'Emre Kaya' : 'Keisha Monroe', at: since[0].at }, h, f);
      if (ourIndex >= 0) {
        // Our reply is known as ours, and the buyer's message after it as their answer.
        f.buyerAnswered = item?.buyerAnswered === true;
        if (!f.buyerAnswered) problems.push(`${id}: the buyer's answer to our reply not seen (buyerAnswered ${item?.buyerAnswered})`);
        if (item?.verdict === 'genuine') problems.push(`${id}: a link "to confirm the payment" after our reply called genuine`);
      }
      // Insert fills the page's editor (the TinyMCE of the reference notes), nothing is sent.
      try {
        await clickByRole(page, 'button', INSERT);
        await page.waitForFunction(() => (window.tinymce?.get('normal-im-send')?.getContent() ?? '').length > 10, null, { timeout: 10_000 });
        f.inserted = 1;
      } catch (err) {
        problems.push(`${id}: Insert did not fill the editor (${err.message.split('\n')[0]})`);
      }
      if (await page.evaluate(() => window.__demoSent ?? null)) f.sent = 1;
      figures[`sides-${id}`] = { ...f, healthMissing: h?.missing ?? null, editor: h?.editor ?? null, problems };
      await shotWithPanel(session.browser, page, `shape8-sides-${id}`);
      await page.close();
      assert.equal(f.sent, 0, 'nothing was sent');
      assert.deepEqual(problems, []);
    });
  }

  test('no page errors', () => assert.deepEqual(session.pageErrors, []));
});
