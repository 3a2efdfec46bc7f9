// `./build.sh demo`: the demo seller inbox with Xunpan loaded, for a person to look at.
//
// With a display, Chromium opens on the inquiry list and stays until Ctrl-C. Without
// one (or with --headless), it runs headless and takes the README's screenshots, at
// the sizes a rep sees them (a 1366×768 laptop; the side panel 400 px wide):
//
//   docs/screenshots/list.png        the inquiry list, a chip on every row
//   docs/screenshots/detail.png      an inquiry, its card, the suggested reply inserted
//   docs/screenshots/side-panel.png  the work queue in the side panel
//
// and one of an open chat in tests/artifacts/. XUNPAN_SCREENSHOTS names another folder
// for the first three. Paths are printed.
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ARTIFACTS, launch, startDemo, waitAllRowsTagged } from './harness.mjs';
import { clickByRole } from './shadow.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const SCREENSHOTS = resolve(process.env.XUNPAN_SCREENSHOTS ?? join(here, '../../docs/screenshots'));
const LAPTOP = { width: 1366, height: 768 };
const PANEL = { width: 400, height: 768 };
const LIST = 'https://message.alibaba.com/message/default.htm?lang=en#feedback/all';

const headless = !process.env.DISPLAY || process.argv.includes('--headless');
const server = await startDemo();
const browser = await launch(server.port, { headless });
console.log(`demo seller inbox on https://127.0.0.1:${server.port} (every *.alibaba.com host is mapped to it)`);

const page = await browser.context.newPage();
await page.setViewportSize(LAPTOP);
await page.goto(LIST);
await waitAllRowsTagged(page);

if (!headless) {
  console.log('Chromium is open on the demo inbox with Xunpan loaded. Ctrl-C to stop.');
  await new Promise((resolve) => process.on('SIGINT', resolve));
} else {
  mkdirSync(SCREENSHOTS, { recursive: true });
  mkdirSync(ARTIFACTS, { recursive: true });
  // The demo inbox's rep, so that the replies are signed as a rep's would be.
  const options = await browser.context.newPage();
  await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
  await options.fill('[name="profile.repName"]', 'Lily Chen');
  await options.fill('[name="profile.company"]', 'Demo Trading Co.');
  await options.fill('[name="profile.signature"]', 'Lily Chen\nSales Manager, Demo Trading Co.');
  await options.click('button[type=submit]');
  await options.waitForSelector('#saved.ok');
  await options.close();
  await page.reload();
  await waitAllRowsTagged(page);
  const shots = [];
  const shoot = async (p, path) => {
    await p.waitForTimeout(1500); // the clocks tick once, the pop-ups settle
    await p.screenshot({ path });
    shots.push(path);
  };
  await shoot(page, join(SCREENSHOTS, 'list.png'));

  // A genuine buyer's inquiry, the suggested reply inserted into the page's editor.
  const id = await page.$eval('a.inquiry-item[data-xunpan-verdict="genuine"]', (r) => r.getAttribute('data-trade-id'));
  const detail = await browser.context.newPage();
  await detail.setViewportSize(LAPTOP);
  await detail.goto(`https://message.alibaba.com/message/maDetail.htm?lang=en&imInquiryId=${id}`);
  await detail.waitForSelector('[data-xunpan-verdict]', { timeout: 30_000 });
  await clickByRole(detail, 'button', /^(Insert reply|插入回复)$/);
  await detail.waitForFunction(() => (window.tinymce?.get?.('normal-im-send')?.getContent?.() ?? '').length > 40, null, {
    timeout: 10_000,
  });
  // The card and the reply below it, as the rep checks the draft before sending.
  await detail.evaluate(() => document.getElementById('normal-im-send_ifr')?.scrollIntoView({ block: 'end' }));
  await shoot(detail, join(SCREENSHOTS, 'detail.png'));

  const panel = await browser.context.newPage();
  await panel.setViewportSize(PANEL);
  await panel.goto(`chrome-extension://${browser.extensionId}/sidepanel.html`);
  await panel.waitForSelector('#queue li.row', { timeout: 30_000 });
  await shoot(panel, join(SCREENSHOTS, 'side-panel.png'));

  const chat = await browser.context.newPage();
  await chat.setViewportSize(LAPTOP);
  await chat.goto('https://onetalk.alibaba.com/message/weblitePWA.htm#/');
  await chat.waitForSelector('div.contact-item-container[data-xunpan-verdict]', { timeout: 30_000 });
  await shoot(chat, join(ARTIFACTS, 'demo-chat.png'));
  console.log('screenshots:');
  for (const s of shots) console.log(`  ${s}`);
}
await browser.close();
await server.close();
