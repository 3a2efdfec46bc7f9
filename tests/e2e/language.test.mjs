// Chinese and English throughout: the overlay, the side panel and the options page
// follow the browser's language, and the language chosen in Options wins over it
// everywhere (the seller pages included) until "Follow the browser" is chosen again.
// Screenshots at 1280×800 of the list overlay, the side panel and the options page in
// both languages are saved in tests/artifacts/.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS, demoSession, waitAllRowsTagged } from './harness.mjs';
import { visibleTexts } from './shadow.mjs';

const LIST = 'https://message.alibaba.com/message/default.htm#feedback/all';
const WORDS = {
  en: { tag: /^(spam|suspicious|genuine|our reply)$/, options: 'Xunpan settings', queue: /^\d+ open/, rfq: 'Buying requests (RFQ)' },
  zh: { tag: /^(垃圾|可疑|真实|我方回复)$/, options: '询盘助手设置', queue: /^待处理 \d+/, rfq: '采购需求（RFQ）' },
};

mkdirSync(ARTIFACTS, { recursive: true });

/** The tag words the overlay shows on the list, once every row is tagged. */
async function listTags(page) {
  await waitAllRowsTagged(page);
  return (await visibleTexts(page)).filter((t) => WORDS.en.tag.test(t) || WORDS.zh.tag.test(t));
}

async function openOptions(browser) {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
  await page.waitForFunction(() => document.getElementById('tplList').options.length >= 14);
  return page;
}

for (const [lang, locale] of [['en', 'en-US'], ['zh', 'zh-CN']]) {
  describe(`a ${locale} browser`, () => {
    const session = demoSession({}, { locale });

    test('the list overlay, the side panel and the options page speak its language', async () => {
      const list = await session.browser.context.newPage();
      await list.goto(`${LIST.replace('#', `?lang=${lang}#`)}`);
      const tags = await listTags(list);
      assert.ok(tags.length >= 20, `tags drawn (${tags.length})`);
      assert.ok(tags.every((t) => WORDS[lang].tag.test(t)), tags.join(' '));
      await list.screenshot({ path: join(ARTIFACTS, `list-overlay-${lang}.png`) });

      const panel = await session.browser.context.newPage();
      await panel.goto(`chrome-extension://${session.browser.extensionId}/sidepanel.html`);
      await panel.waitForSelector('#queue li.row');
      assert.match(await panel.textContent('#counts'), WORDS[lang].queue);
      await panel.waitForSelector('#charts figure.chart');
      assert.match(await panel.textContent('#charts'), lang === 'zh' ? /及时回复率.*目标 99\.5 %/ : /Timely replies.*target 99\.5 %/);
      await panel.screenshot({ path: join(ARTIFACTS, `panel-${lang}.png`) });

      const options = await openOptions(session.browser);
      assert.equal(await options.textContent('h1'), WORDS[lang].options);
      assert.ok((await options.textContent('form')).includes(WORDS[lang].rfq));
      await options.screenshot({ path: join(ARTIFACTS, `options-${lang}.png`) });
      for (const p of [list, panel, options]) await p.close();
    });

    const other = lang === 'en' ? 'zh' : 'en';
    test(`choosing ${other === 'zh' ? '简体中文' : 'English'} in Options switches every view, and back`, async () => {
      const options = await openOptions(session.browser);
      await options.selectOption('[name="language"]', other === 'zh' ? 'zh_CN' : 'en');
      await Promise.all([options.waitForEvent('load'), options.click('button[type=submit]')]);
      await options.waitForFunction((title) => document.querySelector('h1').textContent === title, WORDS[other].options);

      const list = await session.browser.context.newPage();
      await list.goto(LIST);
      const tags = await listTags(list);
      assert.ok(tags.length >= 20 && tags.every((t) => WORDS[other].tag.test(t)), tags.join(' '));
      const panel = await session.browser.context.newPage();
      await panel.goto(`chrome-extension://${session.browser.extensionId}/sidepanel.html`);
      await panel.waitForSelector('#queue li.row');
      assert.match(await panel.textContent('#counts'), WORDS[other].queue);

      await options.waitForFunction(() => document.getElementById('tplList').options.length >= 14);
      await options.selectOption('[name="language"]', 'auto');
      await Promise.all([options.waitForEvent('load'), options.click('button[type=submit]')]);
      await options.waitForFunction((title) => document.querySelector('h1').textContent === title, WORDS[lang].options);
      for (const p of [list, panel, options]) await p.close();
    });
  });
}
