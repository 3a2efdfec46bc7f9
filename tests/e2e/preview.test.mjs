// A chat list row shows the buyer's last message cut short ("Price for 2 tons 316L pi…",
// or the whole text in a box the page's style cuts to its width). Where the page's data
// does not hold the message, Xunpan reads what the row shows: it must say so, never
// present a reading of the whole message (a "vague" inquiry, a grade) or a reply from
// part of it. On OneTalk with contacts outside the page's data cache (shape=virtual),
// in an English and a Chinese browser: every row cut short is marked a preview
// (data-xunpan-read="preview"), its chip says "preview" unless the part shown proves
// spam, with no grade, its pop-up says only a preview was read and suggests no reply;
// the side panel shows the same, without "Insert reply". Rows shown whole, and the
// contacts whose whole message is in the page's data, are read as before.
// Screenshots: preview-chat-<lang>.png (1280×800), preview-panel-<lang>.png (400 px).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS, demoSession, readStoredItems } from './harness.mjs';
import { findByRole, visibleTexts } from './shadow.mjs';

const CHAT = 'https://onetalk.alibaba.com/message/weblitePWA.htm';
const CONTACT = 'div.contact-item-container[data-cid]';
const ROW_HEIGHT = 64;
mkdirSync(ARTIFACTS, { recursive: true });

const WORDS = {
  en: {
    title: 'Only a preview of this message was read',
    note: 'Only a preview was read: the full message opens with the chat.',
    tags: { preview: 'preview', spam: 'spam', suspicious: 'suspicious' },
    genuine: 'genuine',
    suggested: /^suggested reply/,
  },
  zh: {
    title: '只读到了这条消息的预览',
    note: '只读到了预览：完整消息在打开聊天后显示。',
    tags: { preview: '预览', spam: '垃圾', suspicious: '可疑' },
    genuine: '真实',
    suggested: /^推荐回复/,
  },
};

for (const [lang, locale] of [['en', 'en-US'], ['zh', 'zh-CN']]) {
  describe(`chat previews, ${locale} browser`, () => {
    const session = demoSession({}, { locale, timezoneId: 'UTC', viewport: { width: 1280, height: 800 } });
    const words = WORDS[lang];
    const storedItems = () => readStoredItems(session.browser);

    /** Scrolls the contact list (the scroll event at once: a headless frame may come late). */
    async function scrollTo(page, top) {
      await page.evaluate((y) => {
        const list = document.getElementById('contact-scroll');
        list.scrollTop = y;
        list.dispatchEvent(new Event('scroll'));
      }, top);
      await page.waitForTimeout(150);
    }

    /** The visible rows once all are tagged: cid, how Xunpan read it, and how the page shows its text. */
    async function rowsShown(page) {
      await page.waitForFunction((sel) => {
        const rows = [...document.querySelectorAll(sel)].filter((r) => !r.hidden);
        return rows.length > 0 && rows.every((r) => r.hasAttribute('data-xunpan-verdict') && r.querySelector('[data-xunpan-host]'));
      }, CONTACT, { timeout: 25_000 });
      return page.$$eval(CONTACT, (rows) => rows.filter((r) => !r.hidden).map((r) => {
        const box = r.querySelector('.ct-body');
        return {
          cid: r.getAttribute('data-cid'),
          read: r.getAttribute('data-xunpan-read'),
          shown: box?.textContent ?? '',
          // What the rep sees: the page's own "…", or a box too narrow for the text.
          markCut: /…$/.test(box?.textContent ?? ''),
          boxCut: box ? box.scrollWidth > box.clientWidth + 1 : false,
        };
      }));
    }

    test('a message the row shows cut short is read as a preview, and said so', async () => {
      const page = await session.open(`${CHAT}?shape=virtual&lang=${lang}&tz=UTC#/`);
      await page.waitForSelector(CONTACT);
      const truth = await page.evaluate(() => Object.fromEntries([...window.__VMFsConv__cache__, ...window.__demoMore]
        .map((c) => [c.cid, { text: c.latestMessage.content, cached: window.__VMFsConv__cache__.includes(c) }])));
      const seen = new Map();
      const f = { outsideCache: 0, markCut: 0, boxCut: 0, wholeOutsideCache: 0, cachedPreviews: 0 };
      for (let top = 0; top <= 40 * ROW_HEIGHT; top += ROW_HEIGHT * 6) {
        await scrollTo(page, top);
        const rows = await rowsShown(page);
        const stored = await storedItems();
        for (const row of rows) {
          if (seen.has(row.cid)) continue;
          seen.set(row.cid, row);
          const want = truth[row.cid];
          const record = stored[`chat:${row.cid}`];
          assert.ok(record, `${row.cid} stored`);
          if (want.cached) {
            // The page's data holds the whole message: read whole, whatever the row shows.
            if (row.read !== null) f.cachedPreviews += 1;
            assert.equal(row.read, null, `${row.cid}: its whole message is in the page's data`);
            continue;
          }
          f.outsideCache += 1;
          const cut = row.markCut || row.boxCut;
          assert.equal(row.read, cut ? 'preview' : null, `${row.cid} "${row.shown}": ${cut ? 'cut short' : 'shown whole'}`);
          const body = record.inquiry.body;
          assert.doesNotMatch(body, /…$/, `${row.cid}: the page's cut mark is not handed on as the buyer's`);
          assert.ok(want.text.startsWith(body), `${row.cid}: "${body}" is the start of the message`);
          if (cut) {
            if (row.markCut) f.markCut += 1;
            else f.boxCut += 1;
            assert.ok(record.preview, `${row.cid}: stored as read from a preview`);
            assert.equal(record.template ?? null, null, `${row.cid}: no reply suggested from part of a message`);
            assert.match(record.subject, /…$/, `${row.cid}: the panel's line says the text goes on`);
          } else {
            f.wholeOutsideCache += 1;
            assert.equal(record.preview, undefined, `${row.cid}: read whole`);
            assert.ok(record.template, `${row.cid}: a reply is suggested for a message read whole`);
          }
        }
        // Every chip on a preview says so in its name; none calls a preview genuine or grades it.
        const names = (await findByRole(page, 'button', /./)).map((n) => n.name);
        const previewChips = names.filter((n) => n.includes(words.title));
        assert.equal(previewChips.length, rows.filter((r) => r.read === 'preview').length, `chips on previews: ${JSON.stringify(names)}`);
        for (const name of previewChips) {
          const tag = name.split(':')[1]?.split(',')[0].trim();
          assert.ok(Object.values(words.tags).includes(tag), `a preview's tag shows only what the part proves: ${name}`);
          assert.notEqual(tag, words.genuine, name);
        }
      }
      assert.equal(f.outsideCache, 26, `every contact outside the data cache seen: ${JSON.stringify([...seen.keys()])}`);
      assert.ok(f.markCut >= 5, `texts cut by the page's "…" (${f.markCut})`);
      assert.ok(f.boxCut >= 3, `texts cut by the page's style (${f.boxCut})`);
      assert.ok(f.wholeOutsideCache >= 2, `short texts shown whole (${f.wholeOutsideCache})`);

      // "Price for 2 tons 316L pi…": its pop-up says a preview was read, and suggests no reply.
      const price = Object.keys(truth).find((cid) => !truth[cid].cached && truth[cid].text.startsWith('Price for 2 tons 316L'));
      const index = Object.keys(truth).indexOf(price);
      await scrollTo(page, Math.max(0, (index - 3) * ROW_HEIGHT));
      const row = `${CONTACT}[data-cid="${price}"]`;
      await page.waitForSelector(`${row}[data-xunpan-read="preview"] [data-xunpan-host]`, { timeout: 10_000 });
      assert.match(await page.textContent(`${row} .ct-body`), /(^|\] )Price for 2 tons 316L pi…$/);
      // The open chat's card names its reply: the pop-up must add none.
      const suggestedBefore = (await visibleTexts(page)).filter((t) => words.suggested.test(t)).length;
      await page.click(`${row} [data-xunpan-host]`);
      let texts = [];
      for (let i = 0; i < 20 && !texts.includes(words.title); i++) {
        await page.waitForTimeout(100);
        texts = await visibleTexts(page);
      }
      await page.screenshot({ path: join(ARTIFACTS, `preview-chat-${lang}.png`) });
      assert.ok(texts.includes(words.title), `the pop-up says a preview was read: ${texts.join(' | ')}`);
      assert.equal(texts.filter((t) => words.suggested.test(t)).length, suggestedBefore, 'no reply suggested from a preview');
      await page.screenshot({ path: join(ARTIFACTS, `preview-chat-${lang}.png`) });

      // The side panel: the same row says it, without a grade, a reply or "Insert reply".
      const panel = await session.browser.context.newPage();
      await panel.setViewportSize({ width: 400, height: 768 });
      await panel.goto(`chrome-extension://${session.browser.extensionId}/sidepanel.html`);
      const panelRow = `#queue li.row[data-key="chat:${price}"]`;
      await panel.waitForSelector(`${panelRow}[data-read="preview"]`, { timeout: 10_000 });
      assert.equal(await panel.textContent(`${panelRow} .preview-note`), words.note);
      assert.equal(await panel.textContent(`${panelRow} .tag`), words.tags.preview);
      assert.equal(await panel.$eval(`${panelRow}`, (r) => r.querySelector('.grade')?.textContent ?? ''), '', 'no grade from part of a message');
      assert.equal(await panel.$(`${panelRow} .template`), null, 'no reply named');
      assert.equal(await panel.$(`${panelRow} button.insert`), null, 'nothing to insert');
      // A message read whole keeps its reply.
      const whole = [...seen.values()].find((r) => !truth[r.cid].cached && r.read === null);
      assert.ok(await panel.$(`#queue li.row[data-key="chat:${whole.cid}"] button.insert`), 'a message read whole can be answered');
      await panel.evaluate((key) => document.querySelector(`#queue li.row[data-key="${key}"]`)?.scrollIntoView({ block: 'center' }), `chat:${price}`);
      await panel.screenshot({ path: join(ARTIFACTS, `preview-panel-${lang}.png`) });
      await panel.close();
      await page.close();
      assert.deepEqual(session.pageErrors, []);
    });
  });
}
