// The clocks and the rep's feedback, end to end: list chips count whole minutes and
// show overdue items counting up, the open card counts seconds, the toolbar badge
// counts what is overdue or due soon, and the "not spam" button trains the rep's own
// filter.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, saveSettings, startDemo, TEN_MINUTES, waitAllRowsTagged } from './harness.mjs';
import { clickByRole, findByRole, visibleTexts } from './shadow.mjs';

const LIST = 'https://message.alibaba.com/message/default.htm#feedback/all';
const ROW = 'a.inquiry-item[data-trade-id]';

/** An open item's nearest deadline (ms), or null when it has none or is answered. */
function nextDue(item) {
  const d = item.deadline;
  if (!d || item.replied || d.status === 'met') return null;
  return Math.min(...[d.companyDue, d.platformDue].filter(Boolean).map(Date.parse));
}

describe('clocks, badge and feedback on the demo inbox', () => {
  let server;
  let browser;
  let page;
  before(async () => {
    server = await startDemo();
    browser = await launch(server.port);
    // The inquiry of two minutes ago then has eight left, whatever the hour or the day.
    await saveSettings(browser, TEN_MINUTES);
    page = await browser.context.newPage();
    await page.goto(LIST);
    await waitAllRowsTagged(page, 20_000);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('list chips read in words and count whole minutes, the open card counts seconds', async () => {
    const clocks = async (p) => (await visibleTexts(p)).filter((t) => /^(Reply in|Overdue|Counts in|Counted as late|Replied|Follow up)/.test(t));
    // The clocks are drawn after the tags, on a loaded machine a moment later: wait for them.
    let first = await clocks(page);
    for (const until = Date.now() + 10_000; first.length < 10 && Date.now() < until; first = await clocks(page)) {
      await page.waitForTimeout(100);
    }
    assert.ok(first.length >= 10, `clocks on the rows (${first.length})`);
    assert.ok(first.some((t) => /^Overdue \d/.test(t)), `an overdue clock counts up: ${first.slice(0, 5)}`);
    // A list redraws once a minute, all its clocks together: whole minutes, in words.
    for (const text of first) assert.match(text, /^(Reply in|Overdue|Counts in) (\d+ (min|h|days)( \d+ min)?|1 day)$|^(Counted as late|Replied|Follow up now)$|^Follow up in /, text);

    // The inquiry that came two minutes ago: its card counts down in seconds.
    const detail = await browser.context.newPage();
    await detail.goto('https://message.alibaba.com/message/maDetail.htm?imInquiryId=7301000001');
    await detail.waitForSelector('[data-xunpan-verdict]', { timeout: 20_000 });
    const card = async () => (await clocks(detail)).find((t) => / \d+ s$/.test(t));
    const before = await card();
    assert.ok(before, `a seconds clock on the card: ${await clocks(detail)}`);
    await detail.waitForTimeout(2100);
    assert.notEqual(await card(), before, "the card's clock moved");
    await detail.close();
  });

  test('the badge counts the items overdue or due soon', async () => {
    const { items } = await browser.worker.evaluate(() => chrome.storage.local.get('items'));
    const now = Date.now();
    // Overdue or within the policy's lead, and never spam.
    const urgent = Object.values(items).filter((i) => {
      const next = nextDue(i);
      return next !== null && !i.deadline.quiet && now + (i.deadline.dueSoonMinutes ?? 5) * 60_000 >= next;
    }).length;
    assert.ok(urgent > 0, 'the demo has urgent items');
    const badge = await browser.worker.evaluate(() => chrome.action.getBadgeText({}));
    assert.equal(badge, String(urgent));
  });

  test('the popup shows the counts and the reply metrics against the targets', async () => {
    const popup = await browser.context.newPage();
    await popup.setViewportSize({ width: 340, height: 420 });
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    await popup.waitForFunction(() => document.getElementById('timely').textContent !== '—');
    const timely = await popup.textContent('#timely');
    assert.match(timely, /^\d+\.\d % \/ 99\.5 %$/, timely);
    assert.ok(Number(await popup.textContent('#overdue')) > 0, 'overdue items counted');
    assert.ok((await popup.$$eval('#days tbody tr', (r) => r.length)) >= 1, 'per-day figures');
    await popup.screenshot({ path: `${process.env.XUNPAN_ARTIFACTS ?? '../tests/artifacts'}/popup.png` });
    await popup.close();
  });

  test('deadline warnings: one grouped notification, never the same item twice', async () => {
    const ext = await browser.context.newPage();
    await ext.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    const warn = () => ext.evaluate(() => chrome.runtime.sendMessage({ type: 'xunpan/warn-now' }));
    const { items } = await browser.worker.evaluate(() => chrome.storage.local.get('items'));
    const now = Date.now();
    const dueSoon = Object.values(items).filter((i) => {
      const next = nextDue(i);
      return next !== null && now <= next && now + 5 * 60_000 >= next;
    }).length;
    const first = await warn();
    assert.equal(first.warned, dueSoon, 'every item about to breach is in the one notification');
    assert.equal((await warn()).warned, 0, 'no repeat for items already announced');
    await ext.close();
  });

  test('adapter health: what was found, what is missing, no buyer data', async () => {
    const ask = (urlPart) => browser.worker.evaluate(async (part) => {
      const tabs = await chrome.tabs.query({});
      const tab = tabs.find((t) => (t.url ?? '').includes(part));
      return (await chrome.tabs.sendMessage(tab.id, { type: 'xunpan/health' })).health;
    }, urlPart);
    const ok = await ask('default.htm');
    assert.equal(ok.pageType, 'inquiryList');
    assert.ok(ok.found.includes('listRow') && ok.found.includes('pageData'), ok.found.join());
    assert.deepEqual(ok.missing, []);
    assert.ok(!JSON.stringify(ok).includes('Keisha'), 'no buyer data in the diagnostic');
    // A list whose class names all changed is read by its structure (its labels).
    const renamed = await browser.context.newPage();
    await renamed.goto('https://message.alibaba.com/message/default.htm?broken=1#feedback/all');
    await renamed.waitForSelector('.zz-inquiry-item');
    let health = null;
    for (let i = 0; i < 30 && !health?.found?.includes('listRowStructure'); i++) {
      await renamed.waitForTimeout(100);
      health = await ask('default.htm?broken=1');
    }
    assert.ok(health.found.includes('listRowStructure'), JSON.stringify(health));
    assert.equal(health.items, 20);
    await renamed.close();
    // A chat page with nothing to read by: what is missing is named, and nothing tagged.
    const broken = await browser.context.newPage();
    await broken.goto('https://onetalk.alibaba.com/message/weblitePWA.htm?broken=1#/');
    await broken.waitForSelector('.zz-contact-item-container');
    health = null;
    for (let i = 0; i < 30 && !health?.missing?.length; i++) {
      await broken.waitForTimeout(100);
      health = await ask('weblitePWA.htm?broken=1');
    }
    assert.ok(health.missing.includes('chatContact'), JSON.stringify(health));
    assert.equal(await broken.$$eval('[data-xunpan-verdict]', (e) => e.length), 0, 'no wrong tags on a page it cannot read');
    await broken.close();
  });

  test('"not spam" on a tag trains the rep\'s filter', async () => {
    const [chip] = await findByRole(page, 'button', /^Xunpan[^:]*: spam,/);
    assert.ok(chip, 'a spam chip');
    await clickByRole(page, 'button', /^Xunpan[^:]*: spam,/);
    await clickByRole(page, 'button', /^not spam$/);
    await page.waitForFunction(() => true);
    let learned = null;
    for (let i = 0; i < 20 && !learned?.genuineDocs; i++) {
      learned = (await browser.worker.evaluate(() => chrome.storage.local.get('learned'))).learned;
      await page.waitForTimeout(150);
    }
    assert.equal(learned?.genuineDocs, 1, JSON.stringify(learned)?.slice(0, 200));
  });
});
