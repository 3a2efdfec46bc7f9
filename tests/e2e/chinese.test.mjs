// A rep whose browser reads Chinese sees no English word of Xunpan's anywhere: not in
// the side panel, the popup or the options page (from their first frame), not in the
// chips, the reasons pop-up, the card, the notes or what a screen reader says; the
// popup's page check speaks plain Chinese, and Options says in Chinese what to write in
// a field it cannot use. Screenshots at 1366×768 and of the 400 px panel are saved.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS, demoSession, waitAllRowsTagged } from './harness.mjs';
import { clickByRole, findByRole } from './shadow.mjs';

mkdirSync(ARTIFACTS, { recursive: true });
const read = (lang) => JSON.parse(readFileSync(new URL(`../../extension/_locales/${lang}/messages.json`, import.meta.url), 'utf8'));
const en = read('en');
const zh = read('zh_CN');
const zhText = Object.values(zh).map((m) => m.message).join('\n');

/**
 * Every piece of Xunpan's English UI text: the English messages cut at their
 * placeholders, the pieces of four characters or more with a letter, leaving out
 * those the Chinese messages hold too (names such as Xunpan, WhatsApp, RFQ).
 */
const ENGLISH = [...new Set(Object.entries(en).flatMap(([key, m]) => {
  if (zh[key]?.message === m.message) return [];
  return m.message.split(/\$\d|\$\$|[(),.:;·|\n]/).map((p) => p.trim()).filter((p) => p.length >= 4 && /[a-z]/i.test(p) && !zhText.includes(p));
}))];

const englishIn = (texts) => texts.filter((text) => ENGLISH.some((piece) => text.includes(piece)))
  .map((text) => `${text.slice(0, 60)} [${ENGLISH.find((piece) => text.includes(piece))}]`);

/** The texts and labels inside Xunpan's shadow roots (reason codes and template previews aside). */
async function overlayTexts(page) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    const out = [];
    const inside = (n) => {
      if (n.nodeType === 3 && n.nodeValue.trim()) out.push(n.nodeValue.trim());
      if (n.nodeType === 1) {
        if (/^(CODE|PRE)$/.test(n.nodeName)) return;
        const a = n.attributes ?? [];
        for (let i = 0; i + 1 < a.length; i += 2) if (/^(aria-label|title|placeholder)$/.test(a[i]) && a[i + 1].trim()) out.push(a[i + 1]);
      }
      for (const c of n.children ?? []) inside(c);
      for (const s of n.shadowRoots ?? []) inside(s);
    };
    const walk = (n) => {
      if (n.nodeType === 1 && (n.attributes ?? []).includes('data-xunpan-host')) for (const s of n.shadowRoots ?? []) inside(s);
      for (const c of n.children ?? []) walk(c);
    };
    walk(root);
    return out;
  } finally {
    await cdp.detach();
  }
}

/** What an extension page shows and says (buyer data and templates for buyers aside). */
const pageTexts = (page) => page.evaluate(() => {
  // A language's own name (marked with its `lang`) is not English UI text.
  const skip = '.buyer, .subject, #preview, #tplBody, #sample, #tplList, #tplDescription, #tplName, #tplNameZh, code, pre, textarea, svg, [hidden], option[lang]';
  const out = [];
  for (const el of document.querySelectorAll('body *')) {
    if (el.closest(skip)) continue;
    const own = [...el.childNodes].filter((c) => c.nodeType === 3).map((c) => c.nodeValue.trim()).join(' ').trim();
    if (own) out.push(own);
    for (const attr of ['aria-label', 'title', 'placeholder']) if (el.getAttribute(attr)?.trim()) out.push(el.getAttribute(attr));
  }
  if (document.title) out.push(document.title);
  return out;
});

describe('a zh-CN browser', () => {
  const session = demoSession({}, { locale: 'zh-CN' });
  const extension = (name) => `chrome-extension://${session.browser.extensionId}/${name}`;

  test('the list\'s chips, pop-up and notes, and the card, say nothing in English', async () => {
    const list = await session.open('https://message.alibaba.com/message/default.htm?lang=zh#feedback/all');
    await list.setViewportSize({ width: 1366, height: 768 });
    await waitAllRowsTagged(list);
    await clickByRole(list, 'button', /: 垃圾,/);
    await clickByRole(list, 'button', /^详情$/);
    const texts = await overlayTexts(list);
    assert.ok(texts.length > 50, `texts read (${texts.length})`);
    assert.deepEqual(englishIn(texts), []);
    await list.screenshot({ path: join(ARTIFACTS, 'zh-list-pop.png') });
    await clickByRole(list, 'button', /^不是垃圾$/);
    for (let i = 0; i < 30 && !(await overlayTexts(list)).some((t) => /已标记为非垃圾/.test(t)); i++) await list.waitForTimeout(150);
    assert.deepEqual(englishIn(await overlayTexts(list)), [], 'the note and its Undo');
    await list.close();
    const detail = await session.open('https://message.alibaba.com/message/maDetail.htm?lang=zh&imInquiryId=7301000001');
    await detail.setViewportSize({ width: 1366, height: 768 });
    await detail.waitForSelector('[data-xunpan-verdict]', { timeout: 20_000 });
    await clickByRole(detail, 'button', /^插入回复$/);
    for (let i = 0; i < 30 && !(await overlayTexts(detail)).some((t) => /已插入/.test(t)); i++) await detail.waitForTimeout(150);
    const card = await overlayTexts(detail);
    assert.ok(card.some((t) => /已插入/.test(t)), 'the confirmation is there');
    assert.deepEqual(englishIn(card), []);
    await detail.close();
  });

  test('the panel, the popup and the options page are Chinese from their first frame', async () => {
    // What each page shows in its first frames, recorded from inside the page.
    await session.browser.context.addInitScript(() => {
      if (location.protocol !== 'chrome-extension:') return;
      window.__frames = [];
      const record = () => {
        const texts = [];
        for (const el of document.querySelectorAll('body *')) {
          const own = [...el.childNodes].filter((c) => c.nodeType === 3).map((c) => c.nodeValue.trim()).join(' ').trim();
          if (own && !el.closest('.buyer, .subject, #preview, pre, textarea, select#tplList, option[lang]')) texts.push(own);
        }
        window.__frames.push(texts);
        if (window.__frames.length < 8) requestAnimationFrame(record);
      };
      requestAnimationFrame(record);
    });
    for (const [name, size] of [['sidepanel.html', { width: 400, height: 768 }], ['popup.html', { width: 340, height: 600 }], ['options.html', { width: 1366, height: 768 }]]) {
      const page = await session.browser.context.newPage();
      await page.setViewportSize(size);
      await page.goto(extension(name));
      await page.waitForFunction(() => window.__frames?.length >= 8);
      // The first frame with anything in it (an earlier one may come before the body).
      const first = await page.evaluate(() => window.__frames.find((f) => f.length) ?? []);
      assert.ok(first.some((t) => /[\u4e00-\u9fff]/.test(t)), `${name}: its first frame is drawn in Chinese: ${first.slice(0, 5)}`);
      const frames = (await page.evaluate(() => window.__frames)).flat();
      assert.deepEqual(englishIn(frames), [], `${name}: its first frames`);
      await page.waitForTimeout(1500);
      assert.deepEqual(englishIn(await pageTexts(page)), [], `${name}: once drawn, screen-reader labels included`);
      if (name === 'sidepanel.html') await page.screenshot({ path: join(ARTIFACTS, 'zh-panel.png') });
      await page.close();
    }
  });

  test('the popup says in plain words whether Xunpan can read the page', async () => {
    const list = await session.open('https://message.alibaba.com/message/default.htm?lang=zh#feedback/all');
    await waitAllRowsTagged(list);
    const tabId = await session.browser.worker.evaluate(async () => (await chrome.tabs.query({ url: 'https://message.alibaba.com/*' }))[0].id);
    // The popup asks for the active tab: here, the list.
    const popup = await session.browser.context.newPage();
    await popup.addInitScript((id) => {
      if (location.protocol === 'chrome-extension:') chrome.tabs.query = async () => [{ id }];
    }, tabId);
    await popup.goto(extension('popup.html'));
    await popup.waitForSelector('#health:not([hidden])');
    const summary = await popup.textContent('#healthSummary');
    assert.match(summary, /^询盘助手可以读取此页面 ✓（\d+ 条）$/, summary);
    assert.doesNotMatch(await popup.textContent('body'), /listRow|pageData|inquiryList|✗/, 'no selector names');
    await popup.close();
    await list.close();
  });

  test('Options says in Chinese what to write in a field it cannot use', async () => {
    const page = await session.browser.context.newPage();
    await page.goto(extension('options.html'));
    await page.waitForSelector('button[type=submit]:not([disabled])');
    await page.fill('[name="hours.mon"]', '上午八点半到下午');
    await page.click('button[type=submit]');
    await page.waitForSelector('#saved.error');
    assert.match(await page.textContent('#saved'), /^已保存，但有 1 项/);
    assert.match(await page.textContent('#err-hours\\.mon'), /无法识别/);
    assert.deepEqual(englishIn(await pageTexts(page)), []);
    await page.fill('[name="hours.mon"]', '上午8:30-下午5:30');
    await page.click('button[type=submit]');
    await page.waitForSelector('#saved.ok');
    assert.equal(await page.inputValue('[name="hours.mon"]'), '08:30-17:30');
    await page.close();
  });
});
