// Page shapes written blind in the twentieth round (tests/demo/shapes20.js draws them and
// names the evidence each rests on), through the built extension in a browser on UTC:
//   xlate  the inquiry detail whose conversation shows the buyer's messages (Spanish,
//          Russian, Arabic, Vietnamese) with the platform's machine translation: in the
//          reference's markup (xl=ref), translation first with the original collapsed
//          behind 显示原文 (xl=above), the original not in the DOM at all (xl=fold); one
//          translation still 翻译中 that arrives a second later, one 翻译失败 重试; menus,
//          avatars and the buyer's company in the bubble; and (xl=bare) the translation
//          in a conversation without class hints, read by its structure;
//   xchat  OneTalk's open chat with the same, read receipts, the auto-reception's marker
//          on our message, the buyer quoting our reply, a product card the buyer sent and
//          the AI assistant's suggested reply in an editable box beside the composer.
// Each variant is judged against the same words on a page without translations
// (xl=plain), read first: the buyer's text read is the original only (no translation,
// no marker, no menu word, none of our words), the verdict and the template are the
// plain page's, the reply's language is the buyer's, Insert fills the composer (not the
// AI's box), nothing is sent; where the page shows no original (fold), nothing is judged
// and the health says the text was not read (never a guess from the translation).
// Each test gathers its figures before it asserts, so that a shape that fails still has
// them; they go to artifacts/shapes20-figures.json; screenshots at 1366×768, the side
// panel at 400 px.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { reportedMissing, shapeSession, shotWithPanel } from './harness.mjs';
import { clickByRole, visibleTexts } from './shadow.mjs';

const DETAIL = 'https://message.alibaba.com/message/maDetail.htm';
const CHAT = 'https://onetalk.alibaba.com/message/weblitePWA.htm';
const INSERT = /^(Insert reply|插入回复)$/;
const THREADS = ['es', 'ru', 'ar', 'vi'];
const THREAD_IDS = { es: '7320000101', ru: '7320000102', ar: '7320000103', vi: '7320000104' };

const flat = (t) => String(t ?? '').replace(/\s+/g, ' ').trim();
const stamp = (v) => (typeof v === 'number' ? v : Date.parse(v ?? '') || 0);

describe('page shapes of the twentieth round, browser on UTC', () => {
  const { session, figures, open, storedItems, health } = shapeSession('shapes20');
  // The plain page's reading of each thread, per surface: what the others must equal.
  const plain = {};

  /** The stored item under `key` written after `since`, once it has a verdict or `settled` (or after 12 s). */
  async function itemAfter(key, since, settled = (i) => i.verdict) {
    let item = null;
    for (let i = 0; i < 120; i++) {
      const found = (await storedItems())[key] ?? null;
      if (found && stamp(found.updated) >= since) {
        item = found;
        if (settled(found)) break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    return item;
  }

  /**
   * The platform's words and the texts that are not the buyer's own on `truth`'s page:
   * the translations, the UI words, our messages, the AI's suggestion, the buyer's company.
   */
  function notTheBuyers(truth) {
    const w = truth.words;
    const texts = [];
    for (const m of truth.thread.messages) {
      if (m.zh) texts.push(['translation', m.zh], ['translation', m.en]);
      if (m.by === 'ours') texts.push(['ours', m.text]);
    }
    const words = [w.marker, w.pending.replace(/[.…]+$/, ''), w.failed, w.retry, w.hide, w.original, ...w.menu, w.read, w.auto, w.card.moq, w.card.view,
      'Translated by Alibaba.com', '由阿里翻译提供', '显示原文', '翻译中', '翻译失败', 'Show original'];
    texts.push(['ai', truth.ai]);
    if (truth.thread.buyer.company) texts.push(['company', truth.thread.buyer.company]);
    // A quoted message of ours shows our name above it.
    if (truth.thread.messages.some((m) => m.quote)) words.push('Lily Chen');
    return { texts, words: [...new Set(words)].filter(Boolean) };
  }

  /**
   * Which of `texts` / `words` the body holds. A text counts by any of its clauses of 6
   * characters or more that is not also in the buyer's own words (a reply quotes the
   * buyer's questions one by one, so a translation shows up clause by clause); a word
   * (the page's labels and markers) counts where it stands whole.
   */
  function foreignIn(body, { texts, words }, originals = []) {
    const b = flat(body);
    const own = originals.map(flat).join(' ');
    const found = [];
    for (const [kind, t] of texts) {
      const clauses = flat(t).split(/[。？！?!.,，;；:：]\s*/).map((c) => c.trim()).filter((c) => [...c].length >= 6 && !own.includes(c));
      const hit = clauses.find((c) => b.includes(c));
      if (hit) found.push(`${kind}: ${hit.slice(0, 40)}`);
    }
    for (const word of words) if (b.includes(word) && !own.includes(word)) found.push(`word: ${word}`);
    return found;
  }

  /** The buyer's messages that are judged: those since our last reply of our own (an auto-reception's is not one). */
  function judged(truth) {
    const ms = truth.thread.messages;
    const last = ms.findLastIndex((m) => m.by === 'ours' && !m.auto);
    return ms.slice(last + 1).filter((m) => m.by === 'buyer' && m.text);
  }

  /**
   * Opens `url`, lets the late translation arrive, and reads what Xunpan made of it:
   * the stored item, the health, the reply's language on the card, Insert's result.
   */
  async function visit({ url, key, urlPart, surface, insert = true }) {
    const since = Date.now() - 1000;
    const page = await open(url);
    await page.waitForSelector('.message-item-wrapper, ._mg_Pl3');
    const truth = await page.evaluate(() => window.__x20);
    await page.waitForSelector('[data-xunpan-verdict]', { timeout: 15_000 }).catch(() => {});
    // The pending translation arrives a second after load; the reader sees the change.
    await page.waitForTimeout(2500);
    const item = await itemAfter(key, since);
    await page.waitForTimeout(300);
    const settled = (await storedItems())[key] ?? item;
    const h = await health(urlPart);
    const texts = await visibleTexts(page);
    const languageShown = texts.map((x) => x.match(/^Reply in (.+)$/)?.[1]).find(Boolean) ?? null;
    const body = stamp(settled?.updated) >= since ? settled?.inquiry?.body ?? '' : null;
    const want = judged(truth);
    const originals = truth.thread.messages.filter((m) => m.by === 'buyer' && m.text).map((m) => m.text);
    const g = {
      stored: body !== null ? 1 : 0,
      body: body === null ? null : flat(body).slice(0, 200),
      originalsRead: want.filter((m) => flat(body).includes(flat(m.text).slice(0, 40))).length,
      originalsJudged: want.length,
      foreign: body ? foreignIn(body, notTheBuyers(truth), originals) : [],
      verdict: body !== null ? settled?.verdict ?? null : null,
      template: body !== null ? settled?.template ?? null : null,
      language: languageShown,
      healthMissing: h?.missing ?? null,
      textReported: reportedMissing(h, /message|text|original|translat/i) ? 1 : 0,
      editor: h?.editor ?? null,
      inserted: 0,
      draftStart: null,
      draftForeign: [],
      aiBoxKept: null,
      sent: 0,
    };
    if (insert) {
      try {
        await clickByRole(page, 'button', INSERT);
        if (surface === 'detail') {
          await page.waitForFunction(() => (window.tinymce?.get('normal-im-send')?.getContent() ?? '').length > 10, null, { timeout: 10_000 });
          g.draftStart = await page.evaluate(() => {
            const box = document.createElement('div');
            box.innerHTML = window.tinymce.get('normal-im-send').getContent().replace(/<br\s*\/?>/g, '\n').replace(/<\/p>/g, '\n');
            return box.textContent;
          });
        } else {
          await page.waitForFunction(() => window.__demoDraft().trim().length > 10, null, { timeout: 10_000 });
          g.draftStart = await page.evaluate(() => window.__demoDraft());
        }
        g.inserted = 1;
        g.draftForeign = foreignIn(g.draftStart, { texts: notTheBuyers(truth).texts.filter(([k]) => k === 'translation'), words: [truth.words.marker] }, originals);
        g.draftStart = flat(g.draftStart).slice(0, 120);
      } catch (err) {
        g.insertError = err.message.split('\n')[0];
      }
      if (surface === 'chat') {
        g.aiBoxKept = await page.evaluate((ai) => {
          const box = document.querySelector('.assistant-suggest-text');
          return box ? (box.value === ai && !window.__x20AiUsed ? 1 : 0) : null;
        }, truth.ai);
      }
    }
    g.sent = (await page.evaluate(() => window.__demoSent ?? null)) !== null ? 1 : 0;
    return { page, truth, g };
  }

  /** The problems of a variant's reading `g` against the plain page's `base` and the thread's language. */
  function problemsOf(label, g, base, truth, xl) {
    const p = [];
    if (g.sent) p.push(`${label}: something was sent`);
    if (g.foreign.length) p.push(`${label}: read as the buyer's: ${g.foreign.join('; ')}`);
    if (xl === 'fold') {
      // No original in the conversation: what is judged can only come from the page's
      // data (OneTalk's contact cache holds the original of the last message); without
      // it nothing is judged, and the health says the text was not read.
      if (g.body && g.foreign.length === 0 && g.originalsRead === 0) p.push(`${label}: read "${g.body.slice(0, 80)}" where no original is shown`);
      if (!g.body) {
        if (g.verdict && g.verdict !== 'unread') p.push(`${label}: a verdict (${g.verdict}) from no text`);
        if (!g.textReported) p.push(`${label}: the health does not say the buyer's text was not read (${JSON.stringify(g.healthMissing)})`);
      }
      return p;
    }
    if (!g.stored) p.push(`${label}: nothing stored (health ${JSON.stringify(g.healthMissing)})`);
    // Every message the buyer wrote since our last reply of our own is read, in its
    // original words (a product card before them has none).
    if (g.originalsRead < g.originalsJudged) p.push(`${label}: ${g.originalsRead} of the ${g.originalsJudged} messages the buyer wrote since our reply read: "${String(g.body).slice(0, 80)}"`);
    if (g.language !== truth.thread.language) p.push(`${label}: reply in ${g.language}, the buyer writes ${truth.thread.language}`);
    if (base) {
      if (g.verdict !== base.verdict) p.push(`${label}: verdict ${g.verdict}, the plain page's ${base.verdict}`);
      if (g.template !== base.template) p.push(`${label}: template ${g.template}, the plain page's ${base.template}`);
    }
    if (!g.inserted) p.push(`${label}: Insert did not fill the composer (${g.insertError ?? 'no error'}; editor ${JSON.stringify(g.editor)})`);
    if (g.draftForeign.length) p.push(`${label}: the reply holds ${g.draftForeign.join('; ')}`);
    if (g.aiBoxKept === 0) p.push(`${label}: the AI assistant's box was changed or used`);
    return p;
  }

  for (const thread of THREADS) {
    test(`detail, ${thread}: translations beside the buyer's words`, async () => {
      const id = THREAD_IDS[thread];
      const f = {};
      const problems = [];
      for (const [xl, lang] of [['plain', 'zh'], ['ref', 'zh'], ['above', 'zh'], ['fold', 'en'], ['bare', 'zh']]) {
        const part = `imInquiryId=${id}&shape=xlate&xl=${xl}&lang=${lang}`;
        const { page, truth, g } = await visit({ url: `${DETAIL}?${part}&tz=UTC`, key: `inquiry:${id}`, urlPart: part, surface: 'detail', insert: xl !== 'fold' });
        f[`${xl}-${lang}`] = g;
        if (xl === 'plain') plain[`detail-${thread}`] = g;
        problems.push(...problemsOf(`detail ${thread} ${xl}/${lang}`, g, xl === 'plain' ? null : plain[`detail-${thread}`], truth, xl));
        if (xl !== 'plain') await shotWithPanel(session.browser, page, `shapes20-xlate-${thread}-${xl}`);
        await page.close();
      }
      figures[`xlate-${thread}`] = { ...f, problems: problems.length, firstProblems: problems.slice(0, 12) };
      assert.deepEqual(problems, []);
    });
  }

  for (const thread of THREADS) {
    test(`OneTalk, ${thread}: translations, menus, receipts, a quote, a card, the AI's suggestion`, async () => {
      const f = {};
      const problems = [];
      const cid = { es: 'sellerali01-buyerali2001#11011@icbu', ru: 'sellerali01-buyerali2002#11011@icbu', ar: 'sellerali01-buyerali2003#11011@icbu', vi: 'sellerali01-buyerali2004#11011@icbu' }[thread];
      const variants = [['plain', 'zh'], ['ref', 'zh'], ['above', 'en'], ['bare', 'zh']];
      if (thread === 'es') variants.push(['fold', 'zh']);
      for (const [xl, lang] of variants) {
        const part = `shape=xchat&thread=${thread}&xl=${xl}&lang=${lang}`;
        const { page, truth, g } = await visit({ url: `${CHAT}?${part}&tz=UTC#/`, key: `chat:${cid}`, urlPart: part, surface: 'chat', insert: xl !== 'fold' });
        f[`${xl}-${lang}`] = g;
        if (xl === 'plain') plain[`chat-${thread}`] = g;
        problems.push(...problemsOf(`chat ${thread} ${xl}/${lang}`, g, xl === 'plain' ? null : plain[`chat-${thread}`], truth, xl));
        if (xl !== 'plain') await shotWithPanel(session.browser, page, `shapes20-xchat-${thread}-${xl}`);
        await page.close();
      }
      figures[`xchat-${thread}`] = { ...f, problems: problems.length, firstProblems: problems.slice(0, 12) };
      assert.deepEqual(problems, []);
    });
  }

  test('no page errors', () => assert.deepEqual(session.pageErrors, []));
});
