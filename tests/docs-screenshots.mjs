// The screenshots the README shows (docs/screenshots/), taken of the built extension
// on the demo seller inbox: the inquiry list, an inquiry's card, the chat and the
// 400 px side panel, at a laptop's 1366×768, in English and in Chinese.
//
//   cd tests && XUNPAN_DIST=../dist node docs-screenshots.mjs
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, startDemo } from './e2e/harness.mjs';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '../docs/screenshots');
mkdirSync(OUT, { recursive: true });
const LAPTOP = { width: 1366, height: 768 };

const server = await startDemo();
for (const [lang, locale] of [['en', 'en-US'], ['zh', 'zh-CN']]) {
  const browser = await launch(server.port, { locale });
  const open = async (url, size = LAPTOP) => {
    const page = await browser.context.newPage();
    await page.setViewportSize(size);
    await page.goto(url);
    return page;
  };
  const list = await open(`https://message.alibaba.com/message/default.htm?lang=${lang}#feedback/all`);
  await list.waitForFunction(() => [...document.querySelectorAll('a.inquiry-item[data-trade-id]')].every((r) => r.hasAttribute('data-xunpan-verdict')), null, { timeout: 30_000 });
  await list.waitForTimeout(1000);
  await list.screenshot({ path: join(OUT, `list-${lang}.png`) });
  const detail = await open(`https://message.alibaba.com/message/maDetail.htm?lang=${lang}&imInquiryId=7301000001`);
  await detail.waitForSelector('[data-xunpan-verdict]', { timeout: 30_000 });
  await detail.waitForTimeout(1000);
  await detail.screenshot({ path: join(OUT, `detail-${lang}.png`) });
  const chat = await open(`https://onetalk.alibaba.com/message/weblitePWA.htm?lang=${lang}#/`);
  await chat.waitForSelector('div.contact-item-container[data-xunpan-verdict]', { timeout: 30_000 });
  await chat.waitForTimeout(1000);
  await chat.screenshot({ path: join(OUT, `chat-${lang}.png`) });
  const panel = await open(`chrome-extension://${browser.extensionId}/sidepanel.html`, { width: 400, height: 768 });
  await panel.waitForSelector('#queue li.row');
  await panel.waitForSelector('#charts figure.chart');
  await panel.waitForTimeout(500);
  await panel.screenshot({ path: join(OUT, `panel-${lang}.png`) });
  await browser.close();
}
await server.close();
console.log(`screenshots in ${OUT}`);
