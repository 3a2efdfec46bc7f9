// What the rep sees, checked the way the rep sees it, at a laptop's 1366×768: the reply
// is in view after Insert and the card says it is in; a list row keeps its height with
// the chip; clocks read in words and a chip's accessible name says the time left;
// spam has no urgent clock; the reasons pop-up opens where there is room and closes on
// Escape or a click outside, plain reasons first; "not spam" says what was learned,
// with Undo; the template picker filters, and no key pressed in it reaches the page's
// editor; every text Xunpan draws has a contrast of at least 4.5:1, computed from the
// drawn styles. Screenshots of each land in tests/artifacts/.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS, demoSession, waitAllRowsTagged } from './harness.mjs';
import { belowAA, clickByRole, findByRole, overlayContrast, pageContrast, visibleTexts } from './shadow.mjs';

mkdirSync(ARTIFACTS, { recursive: true });
const LIST = 'https://message.alibaba.com/message/default.htm?lang=en#feedback/all';
const CHAT = 'https://onetalk.alibaba.com/message/weblitePWA.htm?lang=en#/';
const DETAIL = 'https://message.alibaba.com/message/maDetail.htm?lang=en&imInquiryId=7301000001';
const LAPTOP = { width: 1366, height: 768 };

async function eventually(read, ok, what, tries = 40) {
  let value;
  for (let i = 0; i < tries; i++) {
    value = await read();
    if (ok(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`${what}: ${JSON.stringify(value)?.slice(0, 300)}`);
}

/** The viewport box of the first accessibility node with that role and name (null: none). */
async function boxOf(page, role, name) {
  return (await boxesOf(page, role, name))[0] ?? null;
}

/** The viewport boxes of every accessibility node with that role and name. */
async function boxesOf(page, role, name) {
  const nodes = await findByRole(page, role, name);
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('DOM.getDocument', { depth: 0 });
    const boxes = [];
    for (const node of nodes) {
      const { model } = await cdp.send('DOM.getBoxModel', { backendNodeId: node.backendNodeId });
      const [x1, y1, , , x3, y3] = model.border;
      boxes.push({ top: y1, bottom: y3, left: x1, right: x3 });
    }
    return boxes;
  } finally {
    await cdp.detach();
  }
}

const overlap = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

describe('what the rep sees (en-US, 1366×768)', () => {
  const session = demoSession();

  async function openAt(url, size = LAPTOP) {
    const page = await session.open(url);
    await page.setViewportSize(size);
    return page;
  }

  test('after Insert the reply box is in view and the card says the reply is in', async () => {
    const page = await openAt(DETAIL);
    await page.waitForSelector('[data-xunpan-verdict]', { timeout: 20_000 });
    await page.evaluate(() => scrollTo(0, 0));
    await clickByRole(page, 'button', /^Insert reply$/);
    await page.waitForFunction(() => (window.tinymce?.get?.('normal-im-send')?.getContent?.() ?? '').length > 40, null, { timeout: 15_000 });
    const editor = await eventually(() => page.evaluate(() => {
      const r = document.getElementById('normal-im-send_ifr').getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, height: r.height, viewport: innerHeight };
    }), (r) => r.top >= 0 && r.bottom <= r.viewport, 'the editor is wholly in the viewport');
    assert.ok(editor.height > 40, JSON.stringify(editor));
    const said = await eventually(() => visibleTexts(page), (texts) => texts.some((t) => /^Inserted — check it and send it yourself\.$/.test(t)), 'a confirmation');
    assert.ok(said.length);
    assert.equal(await page.evaluate(() => window.__demoSent ?? null), null, 'nothing was sent');
    // The note that says so must not hide the page's own Send button, nor the draft.
    const send = await boxOf(page, 'button', /^Send$/);
    assert.ok(send, 'the page has its Send button');
    const notes = await boxesOf(page, 'status', /.*/);
    assert.ok(notes.length >= 1, 'the note is drawn');
    for (const note of notes) {
      assert.ok(!overlap(note, send), `the note ${JSON.stringify(note)} covers Send ${JSON.stringify(send)}`);
      assert.ok(!overlap(note, editor), `the note ${JSON.stringify(note)} covers the draft ${JSON.stringify(editor)}`);
    }
    await page.screenshot({ path: join(ARTIFACTS, 'look-detail-after-insert.png') });
    await page.close();
  });

  test('the detail card is compact: the reply box starts within the first screen', async () => {
    const page = await openAt(DETAIL);
    await page.waitForSelector('[data-xunpan-verdict]', { timeout: 20_000 });
    const card = await page.evaluate(() => document.querySelector('[data-xunpan-host][data-block]').getBoundingClientRect().height);
    assert.ok(card <= 120, `the card is ${card} px high`);
    const box = await page.evaluate(() => document.querySelector('#normal-im-send, .im-editor-placeholder, [contenteditable], textarea')?.getBoundingClientRect().top ?? null);
    if (box !== null) assert.ok(box < 768, `the reply box starts at ${box}`);
    await page.close();
  });

  test('a list row keeps its height with the chip, and the chip reads in words', async () => {
    const page = await openAt(LIST);
    await waitAllRowsTagged(page);
    const heights = () => page.$$eval('a.inquiry-item[data-trade-id]', (rows) => rows.map((r) => Math.round(r.getBoundingClientRect().height)));
    const withChips = await heights();
    await page.addStyleTag({ content: '[data-xunpan-host] { display: none !important; }' });
    const without = await heights();
    assert.deepEqual(withChips, without, 'every row as high with its chip as without');
    await page.evaluate(() => document.querySelector('style:last-of-type').remove());
    // One line each, in words, and the accessible name says the time left.
    const chips = await findByRole(page, 'button', /^Xunpan[^:]*: /);
    assert.ok(chips.length >= 10);
    for (const { name } of chips) {
      assert.match(name, /^Xunpan[^:]*: (spam|suspicious|genuine), buyer grade [A-D], (Reply in|Overdue|Counts in|Counted as late|Replied|Follow up)/, name);
    }
    const texts = await visibleTexts(page);
    assert.ok(!texts.some((t) => /\d:\d\d|co\.|platform/.test(t) && !/^\d{4}-/.test(t) && !/Inquiry No/.test(t)), 'no clock codes');
    await page.screenshot({ path: join(ARTIFACTS, 'look-list.png') });
    await page.close();
  });

  test('spam has no urgent clock: only the platform\'s, quietly', async () => {
    const page = await openAt(LIST);
    await waitAllRowsTagged(page);
    const spam = await findByRole(page, 'button', /^Xunpan[^:]*: spam,/);
    assert.ok(spam.length >= 2, 'spam in the demo inbox');
    for (const { name } of spam) assert.doesNotMatch(name, /Overdue|Reply in/, name);
    const panel = await openAt(`chrome-extension://${session.browser.extensionId}/sidepanel.html`, { width: 400, height: 768 });
    await panel.waitForSelector('#queue li.row');
    const keys = await panel.$$eval('#queue li.row', (rows) => rows.map((r) => r.hasAttribute('data-spam')));
    assert.ok(!keys.includes(true), 'spam is not in the queue until asked for');
    await panel.check('#spam');
    await panel.waitForSelector('#queue li.row[data-spam]');
    const order = await panel.$$eval('#queue li.row', (rows) => rows.map((r) => (r.hasAttribute('data-spam') ? 'spam' : r.dataset.state === 'met' ? 'met' : 'open')));
    assert.ok(order.lastIndexOf('open') < order.indexOf('spam'), `spam below every open buyer: ${order.join(' ')}`);
    const spamClocks = await panel.$$eval('#queue li.row[data-spam] .clock', (c) => c.map((e) => [e.className, e.textContent]));
    for (const [cls, text] of spamClocks) {
      assert.match(cls, /quiet/, text);
      assert.doesNotMatch(text, /Overdue/, text);
    }
    await panel.close();
    await page.close();
  });

  test('the reasons pop-up: plain reasons first, opens where there is room, closes on Escape and outside', async () => {
    const page = await openAt(LIST);
    await waitAllRowsTagged(page);
    // The last row on screen: below it there is no room, so the pop-up opens above.
    const last = await page.evaluate(() => {
      const rows = [...document.querySelectorAll('a.inquiry-item[data-trade-id]')];
      const low = rows.filter((r) => r.getBoundingClientRect().bottom < innerHeight).pop();
      low.scrollIntoView({ block: 'end' });
      return low.getAttribute('data-trade-id');
    });
    await page.locator(`a.inquiry-item[data-trade-id="${last}"] [data-xunpan-host]`).click();
    const pop = await eventually(() => boxOf(page, 'dialog', /Why this tag/), (b) => b !== null, 'the pop-up opens');
    assert.ok(pop.top >= 0 && pop.bottom <= 768, `the pop-up is on screen: ${JSON.stringify(pop)}`);
    // Plain words first: no weights or codes until Details is opened.
    const texts = await visibleTexts(page);
    assert.ok(!texts.some((t) => /^[+-]\d+\.\d$/.test(t) || /^[A-Z][A-Z_]{5,}$/.test(t)), 'weights and codes behind Details');
    await clickByRole(page, 'button', /^Details$/);
    await eventually(() => visibleTexts(page), (t) => t.some((x) => /^[+-]\d+\.\d$/.test(x)), 'weights under Details');
    const opened = await eventually(() => boxOf(page, 'dialog', /Why this tag/), (b) => b && b.top >= 0 && b.bottom <= 768, 'still on screen with Details open');
    assert.ok(opened.bottom - opened.top > pop.bottom - pop.top, 'it grew');
    await page.keyboard.press('Escape');
    await eventually(() => findByRole(page, 'dialog', /Why this tag/), (d) => d.length === 0, 'Escape closes it');
    // Opened again, a click elsewhere on the page closes it.
    await page.locator(`a.inquiry-item[data-trade-id="${last}"] [data-xunpan-host]`).click();
    await eventually(() => findByRole(page, 'dialog', /Why this tag/), (d) => d.length === 1, 'open again');
    await page.mouse.click(700, 60);
    await eventually(() => findByRole(page, 'dialog', /Why this tag/), (d) => d.length === 0, 'an outside click closes it');
    await page.close();
  });

  test('"not spam" says what was learned, and Undo takes it back', async () => {
    const page = await openAt(LIST);
    await waitAllRowsTagged(page);
    const learned = () => session.browser.worker.evaluate(async () => (await chrome.storage.local.get('learned')).learned ?? null);
    const before = await learned();
    await clickByRole(page, 'button', /^Xunpan[^:]*: spam,/);
    await clickByRole(page, 'button', /^not spam$/);
    await eventually(() => visibleTexts(page), (t) => t.some((x) => /^Marked as not spam/.test(x)), 'what was learned is said');
    assert.equal((await learned()).genuineDocs, (before?.genuineDocs ?? 0) + 1);
    await page.screenshot({ path: join(ARTIFACTS, 'look-feedback.png') });
    await clickByRole(page, 'button', /^Undo$/);
    await eventually(() => visibleTexts(page), (t) => t.some((x) => /^Undone/.test(x)), 'undone');
    const after = await learned();
    assert.equal(after?.genuineDocs ?? 0, before?.genuineDocs ?? 0, 'the filter is as it was');
    assert.deepEqual(Object.keys(after?.tokens ?? {}), Object.keys(before?.tokens ?? {}));
    await page.close();
  });

  /** The open chat with "Hi, " typed, every key its editor hears recorded, and a way to open the picker. */
  async function chatWithPicker() {
    const page = await openAt(CHAT);
    await page.waitForSelector('div.contact-item-container[data-xunpan-verdict]', { timeout: 20_000 });
    await page.waitForSelector('.content-header[data-xunpan-verdict]', { timeout: 20_000 });
    await page.locator('textarea.send-textarea').click();
    await page.keyboard.type('Hi, ');
    await page.evaluate(() => {
      window.__heard = [];
      const box = document.querySelector('textarea.send-textarea');
      for (const type of ['keydown', 'keypress', 'keyup']) box.addEventListener(type, (e) => window.__heard.push(`${type} ${e.key}`));
    });
    const openPicker = async () => {
      await page.bringToFront();
      await session.browser.worker.evaluate(async () => {
        const [tab] = await chrome.tabs.query({ url: 'https://onetalk.alibaba.com/*' });
        await chrome.tabs.sendMessage(tab.id, { type: 'xunpan/open-picker' });
      });
      await eventually(() => findByRole(page, 'listbox', /./), (l) => l.length > 0, 'the picker opens');
    };
    const heard = () => page.evaluate(() => window.__heard.filter((k) => / (Enter|Escape)$/.test(k)));
    return { page, openPicker, heard };
  }

  test('no key pressed in the template picker reaches the page\'s editor', async () => {
    const { page, openPicker, heard } = await chatWithPicker();
    await openPicker();
    await page.keyboard.press('Escape');
    await eventually(() => findByRole(page, 'listbox', /./), (l) => l.length === 0, 'Escape closes the picker');
    await openPicker();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.getElementById('state-mirror').textContent.length > 30, null, { timeout: 10_000 });
    await page.waitForTimeout(300);
    assert.ok((await page.textContent('#state-mirror')).startsWith('Hi, '), 'what the rep typed stays');
    assert.deepEqual(await heard(), [], 'no Enter or Escape of the picker reached the editor');
    assert.equal(await page.evaluate(() => window.__demoSent ?? null), null, 'nothing was sent');
    await page.close();
  });

  test('the template picker filters as the rep types and previews the template', async () => {
    const { page, openPicker, heard } = await chatWithPicker();
    // The card's own template choice is a list of options too: the picker's are the rest.
    const cardOptions = (await findByRole(page, 'option', /./)).length;
    await openPicker();
    const all = (await findByRole(page, 'option', /./)).length - cardOptions;
    assert.ok(all >= 10, `every template listed (${all})`);
    await page.keyboard.type('follow');
    const shown = await eventually(async () => (await findByRole(page, 'option', /./)).length - cardOptions, (n) => n > 0 && n < all, 'typing filters');
    assert.equal((await findByRole(page, 'option', /follow/i)).length, shown, 'only templates that match are left');
    assert.ok((await visibleTexts(page)).some((t) => /\{\{buyer_given_name\}\}|Dear/.test(t)), 'the highlighted template is previewed');
    await page.screenshot({ path: join(ARTIFACTS, 'look-picker.png') });
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.getElementById('state-mirror').textContent.length > 30, null, { timeout: 10_000 });
    assert.deepEqual(await heard(), []);
    await page.close();
  });

  test('every text Xunpan draws has a contrast of at least 4.5:1', async () => {
    const list = await openAt(LIST);
    await waitAllRowsTagged(list);
    const chips = await overlayContrast(list);
    assert.ok(chips.length >= 30, `texts measured on the list (${chips.length})`);
    await list.locator('a.inquiry-item[data-trade-id] [data-xunpan-host]').first().click();
    await eventually(() => findByRole(list, 'dialog', /Why this tag/), (d) => d.length === 1, 'the pop-up opens');
    const pop = await overlayContrast(list);
    const detail = await openAt(DETAIL);
    await detail.waitForSelector('[data-xunpan-verdict]', { timeout: 20_000 });
    const card = await overlayContrast(detail);
    assert.ok(card.some((r) => r.text === 'Insert reply'), 'the Insert button is measured');
    const pages = [];
    for (const [name, size] of [['sidepanel.html', { width: 400, height: 768 }], ['popup.html', { width: 340, height: 600 }], ['options.html', LAPTOP]]) {
      const p = await openAt(`chrome-extension://${session.browser.extensionId}/${name}`, size);
      await p.waitForTimeout(1500);
      pages.push(...(await pageContrast(p)));
      await p.close();
    }
    assert.deepEqual(belowAA([...chips, ...pop, ...card, ...pages]), []);
    await list.close();
    await detail.close();
  });
});
