// The RFQ market shapes of the twelfth round, written blind (tests/demo/server.js names
// them and the evidence each rests on), through the built extension in a browser on UTC:
//   rfqmore   the list's life: cards appended as the rep loads more (a card already
//             shown sent again), a sort that refills the same card elements in place, a
//             category filter that replaces every card, no quotes left, a closed card;
//   rfqforms  the cards' fields in other forms (quantity ranges and Chinese units,
//             relative, absolute or absent dates, no country, no buyer, other tags, a
//             title only) and a banner of the platform's own between the cards.
// At each step of a shape's life every card is judged against the page's own truth
// (window.__demo.rfqs): its title, quantity, country, buyer and posted time are read
// right or left out (never guessed: a clock only from a time shown, as precise as it is
// shown); its chip is its own request's (`data-xunpan-key` against the card's subject
// link); a card carries one chip at most; nothing is drawn outside a card on the page;
// no verdict from text that is not a buyer's; the side panel's queue lists a request
// once. Each test gathers its figures before it asserts; they go to
// artifacts/rfq12-figures.json; screenshots at 1366×768, the side panel at 400 px.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { reportedMissing, shapeSession, shotWithPanel } from './harness.mjs';

const RFQ = 'https://sourcing.alibaba.com/rfq/rfq_search_list.htm';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const CODE = {
  'United States': 'US', Nigeria: 'NG', 'United Kingdom': 'GB', Germany: 'DE', Australia: 'AU', Ghana: 'GH', Spain: 'ES',
  Poland: 'PL', Canada: 'CA', France: 'FR', Kenya: 'KE', Italy: 'IT', 'South Africa': 'ZA', Netherlands: 'NL',
  'United Arab Emirates': 'AE', Mexico: 'MX', Sweden: 'SE', Brazil: 'BR',
};
// The platform's own words on these shapes: no buyer wrote them.
const NOT_BUYERS = /Buy 20 more RFQ quotes|Quantity Required|Date Posted|Quotes Left|Quote Now/;
/** How far a clock may be from the posting time, by the form the card shows it in. */
const TOLERANCE = { mins: 2 * MINUTE, hours: HOUR, days: DAY, zhdays: DAY, yesterday: DAY, date: DAY, datetime: MINUTE };

describe('RFQ market shapes of the twelfth round, browser on UTC', () => {
  const { session, figures, open, storedItems, health } = shapeSession('rfq12');

  /** The cards on the page: the id in the subject link, the chips in the card and their keys, the card's verdict. */
  const cardsOf = (page) => page.$$eval('div.brh-rfq-item', (cards) => cards.map((c) => ({
    id: new URL(c.querySelector('a.brh-rfq-item__subject-link')?.href ?? 'https://x/', location.href).searchParams.get('id'),
    keys: [...c.querySelectorAll('[data-xunpan-key]')].map((k) => k.getAttribute('data-xunpan-key')),
    verdict: c.getAttribute('data-xunpan-verdict') ?? c.querySelector('[data-xunpan-verdict]')?.getAttribute('data-xunpan-verdict') ?? null,
  })));

  /**
   * What Xunpan drew outside every card (an overlay left by a card that is gone, or on
   * the banner); its page-wide notes (the page status, a toast) sit on <html> itself.
   */
  const drawnOutside = (page) => page.$$eval('[data-xunpan-key], [data-xunpan-host]', (els) => els
    .filter((e) => !e.closest('div.brh-rfq-item') && e.parentElement !== document.documentElement).map((e) => e.getAttribute('data-xunpan-key') ?? e.parentElement?.className ?? '?'));

  /** Waits until every card carries a chip (or 10 s pass), then a moment for stragglers. */
  async function settled(page) {
    for (let i = 0; i < 100; i++) {
      const cards = await cardsOf(page);
      if (cards.length && cards.every((c) => c.keys.length)) break;
      await page.waitForTimeout(100);
    }
    await page.waitForTimeout(600);
    return cardsOf(page);
  }

  /** The side panel's text: how many times each title is listed in its queue. */
  async function panelCounts(titles) {
    const panel = await session.browser.context.newPage();
    await panel.setViewportSize({ width: 400, height: 768 });
    await panel.goto(`chrome-extension://${session.browser.extensionId}/sidepanel.html`);
    await panel.waitForTimeout(800);
    const text = await panel.evaluate(() => document.body.innerText);
    await panel.close();
    return Object.fromEntries(titles.map((t) => [t, text.split(t).length - 1]));
  }

  /**
   * Judges every card on the page against the truth and the store, adding to `f` and
   * `problems`; `judged` holds the requests whose stored reading was judged already.
   */
  async function judge(page, label, truth, f, problems, judged) {
    const cards = await settled(page);
    const stored = await storedItems();
    const h = await health('rfq_search_list');
    f.steps[label] = { cards: cards.length, ids: [...new Set(cards.map((c) => c.id))].length };
    // A request the page shows twice is one request: both cards tell the same.
    const told = new Map();
    for (const card of cards.filter((c) => c.verdict)) {
      if (told.has(card.id) && told.get(card.id) !== card.verdict) {
        f.twiceTold = (f.twiceTold ?? 0) + 1;
        problems.push(`${label} ${card.id}: shown twice, once ${told.get(card.id)} and once ${card.verdict}`);
      }
      told.set(card.id, card.verdict);
    }
    for (const card of cards) {
      const want = truth[card.id];
      if (!want) {
        problems.push(`${label}: a card with no request (${card.id})`);
        continue;
      }
      if (card.keys.length === 0) {
        f.chipless += 1;
        problems.push(`${label} ${card.id}: no chip`);
      } else if (card.keys.length > 1) {
        f.doubleChips += 1;
        problems.push(`${label} ${card.id}: ${card.keys.length} chips`);
      }
      for (const key of card.keys) {
        if (key === `rfq:${card.id}`) f.ownChips += 1;
        else {
          f.otherChips += 1;
          problems.push(`${label} ${card.id}: a chip of ${key}`);
        }
      }
      const item = stored[`rfq:${card.id}`];
      // Nothing of a request changes as the page rearranges its cards: nor its verdict.
      const before = f.verdicts[card.id];
      if (item?.verdict && before && before !== item.verdict) {
        f.verdictChanged += 1;
        problems.push(`${label} ${card.id}: stored ${before} before, ${item.verdict} now (score ${item.score})`);
      }
      if (item?.verdict) f.verdicts[card.id] = item.verdict;
      if (card.verdict && item && card.verdict !== item.verdict) {
        f.staleVerdicts += 1;
        problems.push(`${label} ${card.id}: the card shows ${card.verdict}, its request is stored ${item.verdict}`);
      }
      if (judged.has(card.id)) continue;
      judged.add(card.id);
      if (!item) {
        problems.push(`${label} ${card.id}: not stored (health missing ${JSON.stringify(h?.missing)})`);
        continue;
      }
      f.read += 1;
      const body = item.inquiry?.body ?? '';
      if (NOT_BUYERS.test(body)) {
        f.noise += 1;
        problems.push(`${card.id}: page furniture in the text: "${body}"`);
      }
      if (body.includes(want.title) && (want.desc === null || body.includes(want.desc))) f.text += 1;
      else problems.push(`${card.id}: the text read: "${body}"`);
      if (body.includes(`${want.qty} ${want.unit}`)) f.quantity += 1;
      else problems.push(`${card.id}: quantity "${want.qty} ${want.unit}" not in "${body.split('\n')[1] ?? ''}"`);
      // The country: the page's, or none where the card shows none (never another's).
      const code = want.country ? CODE[want.country] : null;
      if (code && item.country === code) f.country += 1;
      else if (!code && !item.country) f.noCountryLeftOut += 1;
      else if (code && !item.country && reportedMissing(h, /country/i)) f.countryReported += 1;
      else problems.push(`${card.id}: country ${item.country ?? 'none'}, the card shows "${want.country ?? 'no country'}"`);
      if (want.buyer && item.buyer === want.buyer) f.buyer += 1;
      else if (!want.buyer && !item.buyer) f.noBuyerLeftOut += 1;
      else if (want.buyer && !item.buyer && reportedMissing(h, /buyer/i)) f.buyerReported += 1;
      else problems.push(`${card.id}: buyer "${item.buyer ?? ''}", the card shows "${want.buyer ?? 'none'}"`);
      // The posted time: a clock only from a time shown, within what its form tells.
      const at = item.inquiry?.receivedAt ?? item.receivedAt;
      if (want.at === null) {
        if (at || item.rfq?.ageHours != null) {
          f.clocksNotRead += 1;
          problems.push(`${card.id}: posted ${at}, age ${item.rfq?.ageHours} h, but the card shows no date`);
        } else f.noTimeLeftOut += 1;
      } else if (at) {
        const off = Math.abs(Date.parse(at) - want.at);
        // "N hours ago" turns into "N days ago" after two days (static/rfq12.js).
        const form = want.form === 'hours' && f.now - want.at >= 48 * HOUR ? 'days' : want.form;
        if (off <= TOLERANCE[form]) f.posted += 1;
        else {
          f.clocksWrong += 1;
          problems.push(`${card.id}: posted ${at}, ${Math.round(off / MINUTE)} min off (form ${want.form})`);
        }
      } else if (reportedMissing(h, /posted|time|date/i)) f.postedReported += 1;
      else {
        f.postedNotRead += 1;
        problems.push(`${card.id}: no posted time from the ${want.form} form and the health does not say so`);
      }
      // Quotes left: the number shown; a closed card or none left is not worth quoting.
      const left = want.closed ? 0 : want.left;
      if (item.rfq?.quotesLeft === left || (want.closed && item.rfq?.quotesLeft == null && item.rfq?.worthQuoting === false)) f.quotes += 1;
      else problems.push(`${card.id}: quotes left ${item.rfq?.quotesLeft}, the card shows ${want.closed ? 'Closed' : want.left}`);
      if ((want.closed || want.left === 0) && item.rfq?.worthQuoting) {
        f.worthQuotingWrong += 1;
        problems.push(`${card.id}: worth quoting, but ${want.closed ? 'closed' : 'no quotes left'}`);
      }
      const confirmed = want.tags.includes('Email Confirmed');
      if (Boolean(item.inquiry?.buyer?.emailVerified) === confirmed) f.tags += 1;
      else problems.push(`${card.id}: e-mail verified ${item.inquiry?.buyer?.emailVerified}, tags ${want.tags.join(', ')}`);
    }
    const outside = await drawnOutside(page);
    if (outside.length) {
      f.drawnOutside += outside.length;
      problems.push(`${label}: drawn outside every card: ${outside.join(', ')}`);
    }
    return cards;
  }

  const fresh = () => ({ steps: {}, verdicts: {}, verdictChanged: 0, read: 0, text: 0, quantity: 0, country: 0, noCountryLeftOut: 0, countryReported: 0, buyer: 0,
    noBuyerLeftOut: 0, buyerReported: 0, posted: 0, postedReported: 0, postedNotRead: 0, noTimeLeftOut: 0, clocksNotRead: 0,
    clocksWrong: 0, quotes: 0, worthQuotingWrong: 0, tags: 0, noise: 0, ownChips: 0, otherChips: 0, chipless: 0,
    doubleChips: 0, staleVerdicts: 0, drawnOutside: 0 });

  test('rfqmore: cards loaded as the rep scrolls, one sent again, sorted in place, filtered anew', async () => {
    const page = await open(`${RFQ}?shape=rfqmore&tz=UTC`);
    await page.waitForSelector('div.brh-rfq-item');
    const { rfqs, now } = await page.evaluate(() => window.__demo);
    const truth = Object.fromEntries(rfqs.map((r) => [r.id, r]));
    const f = { ...fresh(), now };
    const problems = [];
    const judged = new Set();

    await judge(page, 'first page', truth, f, problems, judged);
    // The rep scrolls to the end: the next page comes, its first card already shown.
    const loadPage = async (want) => {
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      const arrived = () => page.waitForFunction((n) => document.querySelectorAll('div.brh-rfq-item').length >= n, want, { timeout: 3000 }).then(() => true, () => false);
      // A page too short to scroll loads from its "Load more" button.
      if (!(await arrived())) {
        await page.click('button.rfq12-load');
        await arrived();
      }
    };
    await loadPage(13);
    const two = await judge(page, 'scrolled', truth, f, problems, judged);
    await loadPage(16);
    const three = await judge(page, 'scrolled again', truth, f, problems, judged);
    f.sentTwice = two.length + three.length - new Set(two.map((c) => c.id)).size - new Set(three.map((c) => c.id)).size;
    // The queue lists each request once, whatever the page sent twice.
    const counts = await panelCounts(rfqs.map((r) => r.title));
    f.queueTwice = Object.values(counts).filter((n) => n > 1).length;
    f.queueListed = Object.values(counts).filter((n) => n >= 1).length;
    if (f.queueTwice) problems.push(`listed twice in the queue: ${Object.entries(counts).filter(([, n]) => n > 1).map(([t]) => t).join(' | ')}`);
    await shotWithPanel(session.browser, page, 'rfq12-rfqmore');

    // Sorted: the same card elements refilled with other requests, in place.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.selectOption('select.rfq12-sort', 'quotes');
    await judge(page, 'sorted', truth, f, problems, judged);
    // A category: every card replaced by new ones.
    await page.click('a.rfq12-tab[data-cat=lights]');
    await judge(page, 'lights', truth, f, problems, judged);
    await page.click('a.rfq12-tab[data-cat=hair]');
    await judge(page, 'hair', truth, f, problems, judged);
    await page.selectOption('select.rfq12-sort', 'newest');
    await judge(page, 'hair, newest', truth, f, problems, judged);
    f.requests = rfqs.length;
    f.healthMissing = (await health('rfq_search_list'))?.missing ?? null;
    figures.rfqmore = { ...f, problems: problems.length, firstProblems: problems.slice(0, 15) };
    await shotWithPanel(session.browser, page, 'rfq12-rfqmore-hair');
    await page.close();
    assert.equal(f.read, rfqs.length, 'every request read');
    // Regression: a closed card (its count replaced by "Closed") has no quotes left.
    assert.equal((await storedItems())['rfq:881212']?.rfq?.quotesLeft, 0, 'the closed card: no quotes left');
    assert.deepEqual(problems, []);
  });

  test('rfqforms: fields in other forms, a banner of the platform\'s own', async () => {
    const page = await open(`${RFQ}?shape=rfqforms&tz=UTC`);
    await page.waitForSelector('div.brh-rfq-item');
    const { rfqs, now } = await page.evaluate(() => window.__demo);
    const truth = Object.fromEntries(rfqs.map((r) => [r.id, r]));
    const f = { ...fresh(), now };
    const problems = [];
    await judge(page, 'cards', truth, f, problems, new Set());
    const stored = Object.values(await storedItems()).filter((it) => it.channel === 'rfq');
    f.bannerRead = stored.filter((it) => /Buy 20 more RFQ quotes/.test(it.inquiry?.body ?? '')).length;
    if (f.bannerRead) problems.push('the platform\'s banner was read as a request');
    f.requests = rfqs.length;
    f.healthMissing = (await health('rfq_search_list'))?.missing ?? null;
    // The card that shows no date is said to have none (the health's receivedTime).
    f.noTimeReported = reportedMissing(await health('rfq_search_list'), /receivedTime 1\//) ? 1 : 0;
    if (!f.noTimeReported) problems.push('the dateless card is not reported');
    figures.rfqforms = { ...f, problems: problems.length, firstProblems: problems.slice(0, 15) };
    await shotWithPanel(session.browser, page, 'rfq12-rfqforms');
    await page.close();
    assert.equal(f.read, rfqs.length, 'every request read');
    // Regression: days shown as "Dec 1, 2026" and "Yesterday" date their requests.
    assert.equal(f.postedNotRead, 0, 'every date shown is read');
    assert.deepEqual(problems, []);
  });

  test('no page errors', () => assert.deepEqual(session.pageErrors, []));
});
