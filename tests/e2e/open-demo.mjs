// `./build.sh demo`: the demo seller inbox with Xunpan loaded, for a person to look at.
// With a display, Chromium opens on the inquiry list and stays until Ctrl-C; without
// one, it runs headless, saves screenshots of the list, detail and chat pages and
// prints their paths.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS, launch, startDemo } from './harness.mjs';

const headless = !process.env.DISPLAY || process.argv.includes('--headless');
const server = await startDemo();
const browser = await launch(server.port, { headless });
const LIST = 'https://message.alibaba.com/message/default.htm#feedback/all';
console.log(`demo seller inbox on https://127.0.0.1:${server.port} (every *.alibaba.com host is mapped to it)`);

const page = await browser.context.newPage();
await page.goto(LIST);
await page.waitForFunction(
  () => document.querySelectorAll('a.inquiry-item[data-xunpan-verdict]').length > 0,
  null,
  { timeout: 30_000 },
);

if (!headless) {
  console.log('Chromium is open on the demo inbox with Xunpan loaded. Ctrl-C to stop.');
  await new Promise((resolve) => process.on('SIGINT', resolve));
} else {
  mkdirSync(ARTIFACTS, { recursive: true });
  const shots = [];
  const shoot = async (p, name) => {
    await p.waitForTimeout(1500); // let the clocks tick once
    const path = join(ARTIFACTS, `demo-${name}.png`);
    await p.screenshot({ path });
    shots.push(path);
  };
  await shoot(page, 'list');
  const id = await page.$eval('a.inquiry-item[data-xunpan-verdict="genuine"]', (r) => r.getAttribute('data-trade-id'));
  const detail = await browser.context.newPage();
  await detail.goto(`https://message.alibaba.com/message/maDetail.htm?imInquiryId=${id}`);
  await detail.waitForSelector('[data-xunpan-verdict]', { timeout: 30_000 });
  await shoot(detail, 'detail');
  const chat = await browser.context.newPage();
  await chat.goto('https://onetalk.alibaba.com/message/weblitePWA.htm#/');
  await chat.waitForSelector('div.contact-item-container[data-xunpan-verdict]', { timeout: 30_000 });
  await shoot(chat, 'chat');
  console.log('screenshots:');
  for (const s of shots) console.log(`  ${s}`);
}
await browser.close();
await server.close();
