// Insert into the real editor libraries (the ninth round's shapes, tests/demo/server.js
// names them and their evidence), through the built extension in a browser on UTC:
//   tiny8 (TinyMCE 8, created from the placeholder), quill (Quill 2), prosemirror,
//   lexreal (Lexical).
// For each, with an empty box and with a few words the rep typed first: the card shows,
// Insert is offered, and after Insert the library's own model holds the whole reply
// with its lines, the page's counter and send button see it, one undo of the library
// takes it back out, what the rep typed is still there, and nothing is sent. Or, where
// the reply could not be put in, the card says so and the reply is on the clipboard.
// The reply wanted is the one Insert puts into the plain textarea of shape=textarea.
// Each test gathers its figures before it asserts; they go to
// artifacts/editors9-figures.json; screenshots at 1366×768.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ARTIFACTS, shapeSession } from './harness.mjs';
import { clickByRole, findByRole, visibleTexts } from './shadow.mjs';

const DETAIL = 'https://message.alibaba.com/message/maDetail.htm?imInquiryId=7301000001&tz=UTC';
const INSERT = /^(Insert reply|插入回复)$/;
const TYPED = 'Hi Keisha, quick note first.';
// What the card says when the reply did not go in (the rep is told, the text is on the clipboard).
const NOT_IN = /clipboard|剪贴板|could not|无法|paste|粘贴/i;

/** The lines of a text that carry words, each trimmed: the reply's paragraphs. */
const linesOf = (text) => text.split('\n').map((l) => l.trim()).filter(Boolean);

/** Where the rep types in each shape's box (TinyMCE's body is inside its frame). */
async function typeInto(page, shape, text) {
  if (shape === 'tiny8') {
    await page.click('.mock-reply');
    await page.waitForFunction(() => window.tinymce?.get('normal-im-send')?.initialized === true, null, { timeout: 10_000 });
    await page.frameLocator('#normal-im-send_ifr').locator('body').click();
  } else {
    await page.click({ quill: '.ql-editor', prosemirror: '.ProseMirror', lexreal: '._ce_Hj7q' }[shape]);
  }
  await page.keyboard.type(text);
  await page.waitForFunction((t) => window.__demoEditor.text().includes(t), text, { timeout: 5_000 });
  // The rep then moves to the card: long enough for an editor's history to close the
  // typing's undo step (Quill groups changes within 1 s, ProseMirror within 0.5 s).
  await page.waitForTimeout(1_500);
}

describe('Insert into the real editor libraries, browser on UTC', () => {
  const { session, figures } = shapeSession('editors9');
  let wanted = '';

  before(async () => {
    // The reply Insert writes for this inquiry, as the simplest box (a textarea) takes it.
    const page = await session.open(`${DETAIL}&shape=textarea`);
    await page.waitForSelector('[data-xunpan-verdict]', { timeout: 20_000 });
    await clickByRole(page, 'button', INSERT);
    await page.waitForFunction(() => (document.querySelector('textarea._editor_Q9a7')?.value ?? '').length > 40, null, { timeout: 10_000 });
    wanted = await page.inputValue('textarea._editor_Q9a7');
    await page.close();
  });

  for (const shape of ['tiny8', 'quill', 'prosemirror', 'lexreal']) {
    for (const typed of ['', TYPED]) {
      const name = `${shape}${typed ? '-typed' : ''}`;
      test(`${shape}: Insert ${typed ? 'after the rep typed' : 'into the empty box'} reaches the library's model`, async () => {
        const page = await session.open(`${DETAIL}&shape=${shape}`);
        const f = { card: 0, offered: 0, inModel: 0, whole: 0, lines: 0, counter: 0, sendEnabled: 0, undoOnce: 0, typedKept: typed ? 0 : null,
          told: 0, sent: 0, modelChars: 0, wantedChars: wanted.length, firstProblem: null };
        const problems = [];
        const model = () => page.evaluate(() => window.__demoEditor?.text() ?? '');
        try {
          await page.waitForFunction(() => window.__demoEditor, null, { timeout: 10_000 });
          await page.waitForSelector('[data-xunpan-verdict]', { timeout: 20_000 });
          f.card = 1;
          if (typed) await typeInto(page, shape, typed);
          const before = await model();
          f.offered = (await findByRole(page, 'button', INSERT)).length > 0 ? 1 : 0;
          await clickByRole(page, 'button', INSERT);
          await page.waitForFunction((n) => (window.__demoEditor.text() ?? '').length > n + 40, before.length, { timeout: 8_000 }).catch(() => {});
          await page.waitForTimeout(600);
          const after = await model();
          f.modelChars = after.length;
          const wantedLines = linesOf(wanted);
          const gotLines = linesOf(after);
          f.inModel = after.length > before.length + 40 ? 1 : 0;
          const flat = (t) => t.replace(/\s+/g, ' ').trim();
          f.whole = flat(after).includes(flat(wanted)) ? 1 : 0;
          // Every line of the reply is a line of the model, in order (paragraphs kept).
          const at = gotLines.findIndex((l) => l.endsWith(wantedLines[0]));
          f.lines = at >= 0 && wantedLines.every((l, i) => i === 0 || gotLines[at + i] === l) ? 1 : 0;
          if (typed) f.typedKept = after.includes(typed) ? 1 : 0;
          const counted = Number((await page.textContent('#draft-counter')).match(/\d+/)?.[0] ?? -1);
          f.counter = counted === after.trim().length && counted > 0 ? 1 : 0;
          f.sendEnabled = (await page.getAttribute('#send-button', 'aria-disabled')) === 'false' && after.trim().length > 0 ? 1 : 0;
          f.told = (await visibleTexts(page)).some((t) => NOT_IN.test(t)) ? 1 : 0;
          await page.screenshot({ path: join(ARTIFACTS, `editors9-${name}.png`) });
          await page.evaluate(() => window.__demoEditor.undo());
          await page.waitForTimeout(300);
          const undone = await model();
          f.undoOnce = f.inModel && undone.trim() === before.trim() ? 1 : 0;
          if (!f.undoOnce) f.afterUndo = undone.slice(0, 80);
          if (!f.inModel || !f.whole || !f.lines) f.modelStart = after.slice(0, 160);
          f.sent = (await page.evaluate(() => window.__demoSent ?? null)) ? 1 : 0;
        } catch (err) {
          problems.push(`${name}: ${err.message.split('\n')[0]}`);
        }
        if (!f.card) problems.push(`${name}: no card`);
        if (!f.offered) problems.push(`${name}: Insert not offered`);
        if (f.inModel) {
          if (!f.whole) problems.push(`${name}: the model does not hold the whole reply`);
          if (!f.lines) problems.push(`${name}: the reply's lines are not the model's lines`);
          if (!f.counter) problems.push(`${name}: the page's counter did not see the reply`);
          if (!f.sendEnabled) problems.push(`${name}: the send button did not see the reply`);
          if (!f.undoOnce) problems.push(`${name}: one undo does not take the reply out`);
          if (typed && !f.typedKept) problems.push(`${name}: what the rep typed is gone`);
        } else if (!f.told) {
          problems.push(`${name}: the reply is not in the editor's model and the card does not say so`);
        }
        if (f.sent) problems.push(`${name}: something was sent`);
        f.firstProblem = problems[0] ?? null;
        figures[name] = f;
        await page.close();
        assert.equal(f.sent, 0, 'nothing was sent');
        assert.deepEqual(problems, []);
      });
    }
  }

  test('an editor that never gets ready: the card says the reply is not in, and it is on the clipboard', async () => {
    // TinyMCE whose theme does not load (a blocked or failing script): the editor is
    // listed by the page but never initialized, so it cannot take the reply.
    const page = await session.browser.context.newPage();
    await page.route('**/themes/silver/theme.min.js', (route) => route.abort());
    await session.browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: 'https://message.alibaba.com' });
    await page.goto(`${DETAIL}&shape=tiny8`, { waitUntil: 'domcontentloaded' });
    await page.waitForSelector('[data-xunpan-verdict]', { timeout: 20_000 });
    await page.evaluate(() => navigator.clipboard.writeText('before'));
    await clickByRole(page, 'button', INSERT);
    let told = [];
    for (let i = 0; i < 60 && !told.length; i++) {
      await page.waitForTimeout(250);
      told = (await visibleTexts(page)).filter((t) => NOT_IN.test(t));
    }
    const clipboard = await page.evaluate(() => navigator.clipboard.readText());
    const f = { told: told.length ? 1 : 0, onClipboard: linesOf(clipboard).join('\n') === linesOf(wanted).join('\n') ? 1 : 0,
      inModel: (await page.evaluate(() => window.__demoEditor.text())).length > 0 ? 1 : 0, sent: (await page.evaluate(() => window.__demoSent ?? null)) ? 1 : 0 };
    figures['tiny8-never-ready'] = { ...f, message: told[0] ?? null };
    await page.screenshot({ path: join(ARTIFACTS, 'editors9-tiny8-never-ready.png') });
    await page.close();
    assert.equal(f.sent, 0, 'nothing was sent');
    assert.equal(f.told, 1, 'the card says the reply is not in the box');
    assert.equal(f.onClipboard, 1, `the reply is on the clipboard: ${JSON.stringify(clipboard.slice(0, 60))}`);
  });

  test('a box whose editor drops the text: the card says the reply is not in, and it is on the clipboard', async () => {
    // Lexical on a page that lets no paste and no input event through to it (as a page
    // that locks its box while it loads): the editor keeps its model and puts back its DOM.
    const page = await session.open(`${DETAIL}&shape=lexreal`);
    await page.waitForFunction(() => window.__demoEditor, null, { timeout: 10_000 });
    await page.waitForSelector('[data-xunpan-verdict]', { timeout: 20_000 });
    await page.evaluate(() => {
      const stop = (e) => {
        e.preventDefault();
        e.stopImmediatePropagation();
      };
      for (const type of ['paste', 'beforeinput', 'input']) window.addEventListener(type, stop, true);
    });
    await session.browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: 'https://message.alibaba.com' });
    await page.evaluate(() => navigator.clipboard.writeText('before'));
    await clickByRole(page, 'button', INSERT);
    let told = [];
    for (let i = 0; i < 40 && !told.length; i++) {
      await page.waitForTimeout(250);
      told = (await visibleTexts(page)).filter((t) => NOT_IN.test(t));
    }
    const clipboard = await page.evaluate(() => navigator.clipboard.readText());
    const f = { told: told.length ? 1 : 0, onClipboard: linesOf(clipboard).join('\n') === linesOf(wanted).join('\n') ? 1 : 0,
      inModel: (await page.evaluate(() => window.__demoEditor.text())).trim().length > 0 ? 1 : 0, sent: (await page.evaluate(() => window.__demoSent ?? null)) ? 1 : 0 };
    figures['lexreal-drops'] = { ...f, message: told[0] ?? null };
    await page.screenshot({ path: join(ARTIFACTS, 'editors9-lexreal-drops.png') });
    await page.close();
    assert.equal(f.sent, 0, 'nothing was sent');
    assert.equal(f.inModel, 0, 'the editor did not take the reply');
    assert.equal(f.told, 1, 'the card says the reply is not in the box');
    assert.equal(f.onClipboard, 1, `the reply is on the clipboard: ${JSON.stringify(clipboard.slice(0, 60))}`);
  });

  test('a card drawn again while Insert waits still tells the rep, and Insert ends', async () => {
    // The page's data comes in late (a slow network): the card drawn from the page's
    // text is drawn again from the fuller reading while an Insert into an editor that
    // never gets ready is still waiting. The rep must still be told, on the card shown.
    const page = await session.browser.context.newPage();
    await page.route('**/themes/silver/theme.min.js', (route) => route.abort());
    await page.route('**/message/getOpMessages.htm*', async (route) => {
      await new Promise((r) => setTimeout(r, 2_500));
      await route.continue();
    });
    await session.browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: 'https://message.alibaba.com' });
    await page.goto(`${DETAIL.replace('7301000001', '7301000003')}&shape=tiny8`, { waitUntil: 'domcontentloaded' });
    await page.waitForSelector('[data-xunpan-verdict]', { timeout: 20_000 });
    await page.evaluate(() => {
      window.__cardsDrawn = 0;
      new MutationObserver((changes) => {
        for (const c of changes) for (const n of c.addedNodes) if (n.nodeType === 1 && n.hasAttribute('data-xunpan-key')) window.__cardsDrawn++;
      }).observe(document.body, { childList: true, subtree: true });
    });
    await clickByRole(page, 'button', INSERT);
    let told = [];
    for (let i = 0; i < 60 && !told.length; i++) {
      await page.waitForTimeout(250);
      told = (await visibleTexts(page)).filter((t) => NOT_IN.test(t));
    }
    const cdp = await page.context().newCDPSession(page);
    const { nodes } = await cdp.send('Accessibility.getFullAXTree');
    await cdp.detach();
    const insertNodes = nodes.filter((n) => !n.ignored && n.role?.value === 'button' && INSERT.test(String(n.name?.value ?? '')));
    const disabled = (n) => (n.properties ?? []).some((p) => p.name === 'disabled' && p.value?.value === true);
    const f = {
      redrawn: await page.evaluate(() => window.__cardsDrawn),
      told: told.length ? 1 : 0,
      insertEnabled: insertNodes.length === 1 && !disabled(insertNodes[0]) ? 1 : 0,
      sent: (await page.evaluate(() => window.__demoSent ?? null)) ? 1 : 0,
    };
    figures['tiny8-redrawn-while-waiting'] = { ...f, message: told[0] ?? null };
    await page.close();
    assert.ok(f.redrawn >= 1, 'the premise: the card was drawn again after Insert was pressed');
    assert.equal(f.sent, 0, 'nothing was sent');
    assert.equal(f.told, 1, 'the card shown says the reply is not in the box');
    assert.equal(f.insertEnabled, 1, 'Insert can be pressed again');
  });

  test('no page errors', () => assert.deepEqual(session.pageErrors, []));
});
