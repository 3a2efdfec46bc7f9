// Nothing the rep did is lost: what the spam filter learned survives a Save in an
// Options page opened before it; a warning the browser could not show is shown at the
// next check; when the browser refuses to store new items the rep is told, in the
// badge, the popup and the side panel, and the store keeps to its size budget.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, startDemo, waitAllRowsTagged } from './harness.mjs';

const LIST = 'https://message.alibaba.com/message/default.htm?lang=en#feedback/all';
let demo;
let browser;

before(async () => {
  demo = await startDemo();
  browser = await launch(demo.port);
  const list = await browser.context.newPage();
  await list.goto(LIST);
  await waitAllRowsTagged(list);
  await list.close();
});

after(async () => {
  await browser?.close();
  await demo?.close();
});

const extensionUrl = (page) => `chrome-extension://${browser.extensionId}/${page}`;
const stored = (keys) => browser.worker.evaluate((k) => chrome.storage.local.get(k), keys);

test('saving Options keeps what the spam filter learned since Options was opened', async () => {
  const options = await browser.context.newPage();
  await options.goto(extensionUrl('options.html'));
  await options.waitForSelector('button[type=submit]:not([disabled])');
  // Meanwhile the rep marks three messages as spam on the seller pages.
  const items = Object.values((await stored('items')).items);
  const spam = items.filter((i) => i.inquiry?.body).slice(0, 3);
  for (const item of spam) {
    const answer = await options.evaluate((inquiry) => chrome.runtime.sendMessage({ type: 'xunpan/feedback', inquiry, spam: true }), item.inquiry);
    assert.equal(answer.ok, true, JSON.stringify(answer));
  }
  // What the engine in force learned (stored wherever this build keeps it).
  const learnedNow = async () => (await options.evaluate(() => chrome.runtime.sendMessage({ type: 'xunpan/get-state' }))).settings.triage.learned;
  const learned = await learnedNow();
  assert.equal(learned?.spamDocs, 3);
  const tokens = Object.keys(learned.tokens).length;
  assert.ok(tokens > 0);
  // The Options page, opened before the clicks, saves a change of name.
  await options.fill('[name="profile.repName"]', 'Lily Chen');
  await options.click('button[type=submit]');
  await options.waitForSelector('#saved.ok');
  assert.equal((await stored('settings')).settings.reply.profile.repName, 'Lily Chen');
  const after = await learnedNow();
  assert.equal(after?.spamDocs, 3, 'the three lessons are kept');
  assert.equal(Object.keys(after.tokens).length, tokens);
  assert.equal((await stored('settings')).settings.triage?.learned, undefined, 'the settings carry no copy of the filter');
  await options.close();
});

test('"spam" can be taken back at once, and only while nothing was learned since', async () => {
  const page = await browser.context.newPage();
  await page.goto(extensionUrl('popup.html'));
  const [a, b] = Object.values((await stored('items')).items).filter((i) => i.inquiry?.body);
  const before = (await stored('learned')).learned;
  const first = await page.evaluate((inquiry) => chrome.runtime.sendMessage({ type: 'xunpan/feedback', inquiry, spam: false }), a.inquiry);
  assert.equal(first.learned.genuineDocs, before.genuineDocs + 1);
  const undone = await page.evaluate((token) => chrome.runtime.sendMessage({ type: 'xunpan/undo-feedback', token }), first.undo);
  assert.deepEqual(undone, { ok: true });
  assert.deepEqual((await stored('learned')).learned, before, 'the filter is as it was');
  // A lesson with another after it cannot be taken back alone.
  const second = await page.evaluate((inquiry) => chrome.runtime.sendMessage({ type: 'xunpan/feedback', inquiry, spam: false }), a.inquiry);
  await page.evaluate((inquiry) => chrome.runtime.sendMessage({ type: 'xunpan/feedback', inquiry, spam: true }), b.inquiry);
  const refused = await page.evaluate((token) => chrome.runtime.sendMessage({ type: 'xunpan/undo-feedback', token }), second.undo);
  assert.equal(refused.ok, false);
  await page.close();
});

test('a warning the browser could not show is shown at the next check', async () => {
  // An item due in two minutes, and a browser that refuses the first notification.
  await browser.worker.evaluate(async () => {
    const { items } = await chrome.storage.local.get('items');
    const [item] = Object.values(items).filter((i) => i.verdict === 'genuine' && !i.replied);
    const due = new Date(Date.now() + 2 * 60_000).toISOString();
    items[item.key] = { ...item, deadline: { companyDue: due, status: 'on_track', dueSoonMinutes: 5 } };
    await chrome.storage.local.set({ items, warned: {} });
    globalThis.__create = chrome.notifications.create.bind(chrome.notifications);
    globalThis.__shown = 0;
    let refuse = true;
    chrome.notifications.create = async (...args) => {
      if (refuse) {
        refuse = false;
        throw new Error('notifications are off for this browser session');
      }
      globalThis.__shown += 1;
      return globalThis.__create(...args);
    };
  });
  const page = await browser.context.newPage();
  await page.goto(extensionUrl('popup.html'));
  const warn = () => page.evaluate(() => chrome.runtime.sendMessage({ type: 'xunpan/warn-now' }));
  const first = await warn();
  assert.ok(first.error, `the failed warning is reported: ${JSON.stringify(first)}`);
  const second = await warn();
  assert.ok(second.warned >= 1, `warned at the next check: ${JSON.stringify(second)}`);
  assert.equal(await browser.worker.evaluate(() => globalThis.__shown), 1);
  const third = await warn();
  assert.equal(third.warned, 0, 'and only once');
  await browser.worker.evaluate(() => {
    chrome.notifications.create = globalThis.__create;
  });
  await page.close();
});

test('when the browser refuses to store new items, the rep is told, and told when it works again', async () => {
  // A browser whose storage refuses every write of the items (as when it is full).
  await browser.worker.evaluate(() => {
    globalThis.__set = chrome.storage.local.set.bind(chrome.storage.local);
    chrome.storage.local.set = async (values) => {
      if ('items' in values) throw new Error('QUOTA_BYTES quota exceeded');
      return globalThis.__set(values);
    };
  });
  const list = await browser.context.newPage();
  await list.goto(LIST.replace('#', '&rows=30&pageSize=30#'));
  await waitAllRowsTagged(list);
  const badge = () => browser.worker.evaluate(() => chrome.action.getBadgeText({}));
  for (let i = 0; i < 40 && (await badge()) !== '!'; i++) await list.waitForTimeout(150);
  assert.equal(await badge(), '!', 'the badge says something is wrong');
  for (const name of ['popup.html', 'sidepanel.html']) {
    const page = await browser.context.newPage();
    await page.goto(extensionUrl(name));
    await page.waitForSelector('#storeProblem:not([hidden])', { timeout: 10_000 });
    assert.match(await page.textContent('#storeProblem'), /could not save new items \(QUOTA_BYTES quota exceeded\)/);
    await page.close();
  }
  // Storage works again: the next page's items are stored and the warning goes.
  await browser.worker.evaluate(() => {
    chrome.storage.local.set = globalThis.__set;
  });
  await list.reload();
  await waitAllRowsTagged(list);
  for (let i = 0; i < 40 && (await badge()) === '!'; i++) await list.waitForTimeout(150);
  assert.match(await badge(), /^\d*$/, 'the badge counts again');
  await list.close();
});
