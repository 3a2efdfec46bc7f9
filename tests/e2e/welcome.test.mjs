// The first run: a new install opens the welcome page by itself (in the browser's
// language); until the rep's name and company are set the side panel and the card
// say so with a link; saving them there signs the first inserted reply. A Spanish
// buyer gets a Spanish reply inserted, and one click switches it to English.
// Screenshots of the welcome page in both UI languages and of the Spanish card are
// saved in tests/artifacts/.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS, demoSession, welcomePage } from './harness.mjs';
import { clickByRole, visibleTexts } from './shadow.mjs';

mkdirSync(ARTIFACTS, { recursive: true });

const SPANISH_BUYER = '7301000007'; // Lucía Fernández asks about office chairs in Spanish

/** Waits until the overlay shows a text matching `pattern` (its shadow roots included). */
async function waitForText(page, pattern, timeout = 10_000) {
  const deadline = Date.now() + timeout;
  let texts = [];
  while (Date.now() < deadline) {
    texts = await visibleTexts(page);
    if (texts.some((t) => pattern.test(t))) return;
    await page.waitForTimeout(150);
  }
  assert.fail(`no text like ${pattern} among: ${texts.join(' | ').slice(0, 400)}`);
}

for (const [lang, locale] of [['en', 'en-US'], ['zh', 'zh-CN']]) {
  describe(`first run in a ${locale} browser`, () => {
    const session = demoSession({}, { locale });

    test('the install opens the welcome page in the browser language', async () => {
      const page = await welcomePage(session.browser);
      assert.ok(page, 'the welcome page opened by itself');
      await page.waitForFunction(() => document.getElementById('zone').textContent.includes('UTC'));
      const title = await page.textContent('h1');
      assert.equal(title, lang === 'zh' ? '欢迎使用询盘助手' : 'Welcome to Xunpan');
      const tour = await page.textContent('.welcome-tour');
      assert.match(tour, lang === 'zh' ? /标签.*卡片.*侧边栏.*快捷键/s : /Tags.*Cards.*Side panel.*Shortcut/s);
      assert.match(tour, /Alt\+Shift\+R/);
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.screenshot({ path: join(ARTIFACTS, `welcome-${lang}.png`), fullPage: true });
    });

    if (lang !== 'en') return;

    test('until name and company are set the side panel and the card say so', async () => {
      const panel = await session.browser.context.newPage();
      await panel.goto(`chrome-extension://${session.browser.extensionId}/sidepanel.html`);
      await panel.waitForSelector('#setupMissing:not([hidden])');
      assert.match(await panel.textContent('#setupMissing'), /name and company/);
      assert.equal(await panel.getAttribute('#setupMissing a', 'href'), 'welcome.html');
      const detail = await session.open(`https://message.alibaba.com/message/maDetail.htm?imInquiryId=${SPANISH_BUYER}`);
      await detail.waitForSelector('[data-xunpan-verdict]', { timeout: 20_000 });
      await waitForText(detail, /^Set up Xunpan$/);
      await detail.close();
      await panel.close();
    });

    test('a missing name is refused; saved settings sign the first reply', async () => {
      const page = await welcomePage(session.browser);
      await page.fill('[name=repName]', '');
      await page.click('button[type=submit]');
      await page.waitForSelector('#result.error');
      assert.equal(await page.getAttribute('[name=repName]', 'aria-invalid'), 'true');
      await page.fill('[name=repName]', 'Lily Chen');
      await page.fill('[name=company]', 'Demo Furniture Co., Ltd.');
      await page.fill('[name=signature]', 'Lily Chen\nSales Manager, Demo Furniture Co., Ltd.');
      await page.fill('[name=saturday]', '09:00-12:00');
      await page.click('button[type=submit]');
      await page.waitForSelector('#result.ok');
      const { settings } = await session.browser.worker.evaluate(() => chrome.storage.local.get('settings'));
      assert.equal(settings.reply.profile.repName, 'Lily Chen');
      assert.equal(settings.reply.profile.company, 'Demo Furniture Co., Ltd.');
      assert.deepEqual(settings.policy.workingHours.mon, ['09:00-18:00']);
      assert.deepEqual(settings.policy.workingHours.sat, ['09:00-12:00']);

      const panel = await session.browser.context.newPage();
      await panel.goto(`chrome-extension://${session.browser.extensionId}/sidepanel.html`);
      await panel.waitForSelector('#queue');
      await panel.waitForFunction(() => document.getElementById('setupMissing').hidden);
      await panel.close();
    });

    test('a Spanish buyer gets a Spanish reply inserted; one click makes it English', async () => {
      const page = await session.open(`https://message.alibaba.com/message/maDetail.htm?imInquiryId=${SPANISH_BUYER}`);
      // The editor's draft as the buyer will read it (its HTML as plain lines).
      await page.evaluate(() => {
        window.draftText = () => {
          const box = document.createElement('div');
          box.innerHTML = window.tinymce.get('normal-im-send').getContent().replace(/<br\s*\/?>/g, '\n').replace(/<\/p>/g, '\n');
          return box.textContent;
        };
      });
      await page.waitForSelector('[data-xunpan-verdict]', { timeout: 20_000 });
      await waitForText(page, /^Reply in Spanish$/);
      assert.ok(!(await visibleTexts(page)).some((t) => /Set up Xunpan/.test(t)), 'set up: no reminder');
      await clickByRole(page, 'button', /^Insert reply$/);
      await page.waitForFunction(() => (window.tinymce?.get?.('normal-im-send')?.getContent?.() ?? '').length > 40, null, { timeout: 10_000 });
      const draft = await page.evaluate(() => draftText());
      assert.match(draft, /^Hola, Lucía:/, draft);
      assert.match(draft, /Le escribe Lily Chen, de Demo Furniture Co\., Ltd\./, draft);
      assert.match(draft, /1\. "¿Cuál es el precio FOB Shenzhen\?"/, 'the buyer\'s question quoted as written');
      assert.match(draft, /Sales Manager, Demo Furniture Co\., Ltd\./, 'the signature');
      assert.doesNotMatch(draft, /\[\[|\{\{/, 'no placeholder left');
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.screenshot({ path: join(ARTIFACTS, 'card-spanish.png') });
      await clickByRole(page, 'button', /^Switch to English$/);
      await waitForText(page, /^Back to Spanish$/);
      await waitForText(page, /^Reply in English$/);
      await clickByRole(page, 'button', /^Replace draft$/);
      await page.waitForFunction(() => /^Dear Lucía,/.test(draftText()), null, { timeout: 10_000 });
      assert.equal(await page.evaluate(() => window.__demoSent ?? null), null, 'nothing was sent');
      await page.close();
    });
  });
}
