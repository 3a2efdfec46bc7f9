// Shapes written blind in the twentieth round (tests/e2e/shapes20.test.mjs): the
// platform's own words inside and beside a buyer's message. server.js routes to them and
// hands in its helpers; static/shapes20.js gives them life (a translation that arrives a
// second late, "show original", the composer and the AI assistant's "Use this").
//
//   xlate  the inquiry detail (maDetail.htm) whose conversation shows the buyer's
//          messages with the platform's machine translation;
//   xchat  OneTalk's open chat with the same, plus menus, read receipts, an auto-reply
//          marker on our message, a quoted message, a product card the buyer sent and the
//          AI assistant's suggested reply beside the composer.
//
// Query: thread=es|ru|ar|vi (whose conversation: Spanish, Russian, Arabic, Vietnamese),
// xl= how the translation is drawn:
//   plain  no translation at all: the same words as a page without the feature shows
//          them (the baseline the others are judged against);
//   ref    the reference's markup: `.content-with-translation` holding the original
//          `.text-content` and the translation `.target-content` with its marker
//          "由阿里翻译提供", the toggle `.session-translate`, a menu `.message-flow-menu-box`
//          in the bubble, `.session-avatar` and `.user-content` beside it;
//   above  another arrangement: hashed classes, the translation first with its marker,
//          the original after it, collapsed (in the DOM, not shown) behind "显示原文";
//          a quoted message in hashed classes too (its author's name, then its text);
//   fold   the same, the original not in the DOM at all until "显示原文" is clicked:
//          nothing on the page is the buyer's own words;
//   bare   the "above" arrangement in a conversation without class hints (as the
//          sides and bare shapes of the seventh and eighth rounds): hashed classes, no
//          data-expinfo, no .content-header, the side shown by layout and by the buyer's
//          name on their messages, times as "YYYY-MM-DD HH:MM:SS", the DOM newest first.
// lang=en: the English UI (the translation into English, English markers and labels).
//
// Evidence (reference notes, /work/shared/reference/alibaba-pages.md):
// - §3.1 [A] Yingdan, Benuuh: `.session-rich-content.text`, the translated variant
//   `.content-with-translation(.text-content)`, translation text `.target-content`,
//   markers 由阿里翻译提供 / 翻译中; [B] Yingdan: `.user-content`, `.session-avatar`,
//   `.session-translate`, `.message-flow-menu-box` are parts to strip when reading text;
//   [A] rows `message-item-wrapper` `item-left` / `item-right`, `.item-base-info`
//   (`.name`, time "YYYY-MM-DD HH:MM:SS"), `data-expinfo` (messageId, sendTime,
//   senderId, read_status, messageType); [A] `自动接待发送` on auto-reception messages;
//   [B] rnavarro: `.quote-container .name / .content` (a quoted message);
//   [B] `.session-rich-content.card` (a product card), `.inquiry-card-item[data-query]`
//   and `.description-container` (the inquiry card).
// - §4.1 [A] OneTalk's contact rows, `.content-header`, `.message-container`, the
//   controlled `textarea.send-textarea` under `#send-box-wrapper`, `button.send-tool-button`;
//   [B] the AI assistant `#assistant-entry-icon`, its button "Use this" fills the composer;
//   §8 real-time translation (`openRealTimeTranslation`, translate mtops).
// Written blind (what-if): where the parts sit inside a row, the menu's words, the read
// receipt's text (已读 / 未读, Read / Unread), the "above" and "fold" arrangements with
// hashed classes, a failed translation "翻译失败 重试" (Translation failed / Retry), the
// English-UI words ("Translated by Alibaba.com", "Translating…", "Show original"), the
// AI panel's editable suggestion, the product card's fields, and that the page's
// getOpMessages answer is not there to read (the DOM is all there is).
'use strict';

const MINUTE = 60_000;

/**
 * The conversations. Each message: who wrote it (`buyer`, `ours`; `auto`: the
 * auto-reception's), minutes before now, its text, its translations (`zh`, `en`), how
 * its translation stands (`done`, `pending`: 翻译中 until a second after load,
 * `failed`), a quoted message (`quote`: who and what), a product card (`card`).
 * Invented for the demo; the buyers and companies do not exist.
 */
const THREADS = {
  es: {
    id: '7320000101', cid: 'sellerali01-buyerali2001#11011@icbu', lang: 'es', language: 'Spanish',
    buyer: { name: 'Marta Ibáñez', country: 'ES', level: 'L2', company: 'Reformas Giralda S.L.', regDays: 900, views: 41, valid: 6, replied: 5, spam: 0, black: 0, login: 88 },
    subject: 'Inquiry from Product Details Page', product: 'Ergonomic Mesh Office Chair with Adjustable Armrests',
    messages: [
      { by: 'buyer', min: 96, card: { title: 'Ergonomic Mesh Office Chair with Adjustable Armrests', price: 'US$ 38.00-45.00', moq: 50 } },
      { by: 'buyer', min: 95, state: 'done',
        text: 'Hola, somos una empresa de reformas en Sevilla. Necesitamos 300 sillas ergonómicas de malla con reposabrazos ajustables. ¿Cuál es el precio FOB Shenzhen y el plazo de entrega?',
        zh: '你好，我们是塞维利亚的一家装修公司。我们需要300把带可调节扶手的人体工学网椅。深圳离岸价格和交货期是多少？',
        en: 'Hello, we are a renovation company in Seville. We need 300 ergonomic mesh chairs with adjustable armrests. What is the FOB Shenzhen price and the delivery time?' },
      { by: 'ours', auto: true, min: 95, text: 'Thank you for your message! Our sales manager will reply within 24 hours.' },
      { by: 'buyer', min: 40, state: 'pending',
        text: '¿Pueden imprimir nuestro logotipo en el respaldo? Les enviaremos el archivo en PDF.',
        zh: '你们能在椅背上印我们的标志吗？我们会把PDF文件发给你们。',
        en: 'Can you print our logo on the backrest? We will send you the file in PDF.' },
    ],
  },
  ru: {
    id: '7320000102', cid: 'sellerali01-buyerali2002#11011@icbu', lang: 'ru', language: 'Russian',
    buyer: { name: 'Oleg Sokolov', country: 'RU', level: 'L1', regDays: 3, views: 0, valid: 1, replied: 0 },
    subject: 'Inquiry from Store Homepage', product: 'E27 LED Bulb 9W Warm White',
    messages: [
      { by: 'buyer', min: 70, state: 'done',
        text: 'Добрый день. Мы хотим заказать 2000 светодиодных ламп E27. Перед подписанием контракта поставщик должен оплатить регистрационный взнос 150 USD нашему агенту за проверку фабрики.',
        zh: '下午好。我们想订购2000个E27 LED灯泡。在签订合同之前，供应商必须向我们的代理支付150美元的注册费用于验厂。',
        en: 'Good afternoon. We want to order 2000 E27 LED bulbs. Before signing the contract, the supplier must pay a registration fee of 150 USD to our agent for the factory check.' },
      { by: 'buyer', min: 62, state: 'failed',
        text: 'Реквизиты агента пришлю в WhatsApp +7 901 555 1234. Ответьте сегодня.',
        zh: '我会通过WhatsApp +7 901 555 1234发送代理的账户信息。请今天回复。',
        en: 'I will send the agent\'s account details on WhatsApp +7 901 555 1234. Answer today.' },
    ],
  },
  ar: {
    id: '7320000103', cid: 'sellerali01-buyerali2003#11011@icbu', lang: 'ar', language: 'Arabic',
    buyer: { name: 'Khalid Al-Harbi', country: 'SA', level: 'L3', company: 'Najd Contracting Est.', regDays: 1400, views: 120, valid: 14, replied: 12, spam: 0, black: 0, login: 300 },
    subject: 'Inquiry from Product Details Page', product: '100W LED Street Light IP66',
    messages: [
      { by: 'buyer', min: 300, state: 'done',
        text: 'مرحبا، نحن شركة مقاولات في الرياض. نحتاج إلى 500 كشاف LED للشوارع بقدرة 100 واط مع ضمان خمس سنوات. أرجو إرسال السعر والكتالوج.',
        zh: '你好，我们是利雅得的一家承包公司。我们需要500个100瓦的LED路灯，质保五年。请发送价格和目录。',
        en: 'Hello, we are a contracting company in Riyadh. We need 500 LED street lights of 100 W with a five-year warranty. Please send the price and the catalogue.' },
      { by: 'ours', min: 200, read: true, text: 'Dear Khalid, thank you. Our 100W street light is USD 46.50 per piece FOB Ningbo with a 5 years warranty. The catalogue is attached.' },
      { by: 'buyer', min: 30, state: 'done', quote: 'ours',
        text: 'هل يشمل السعر العمود؟ وكم مدة التسليم إلى ميناء الدمام؟',
        zh: '价格包括灯杆吗？到达曼港的交货期是多久？',
        en: 'Does the price include the pole? And how long is the delivery to Dammam port?' },
    ],
  },
  vi: {
    id: '7320000104', cid: 'sellerali01-buyerali2004#11011@icbu', lang: 'vi', language: 'Vietnamese',
    buyer: { name: 'Nguyễn Văn Minh', country: 'VN', level: 'L1', company: 'Minh Phat Trading', regDays: 200, views: 9, valid: 2, replied: 1 },
    subject: 'Inquiry from Product Details Page', product: 'Stainless Steel Vacuum Flask 500ml',
    messages: [
      { by: 'buyer', min: 50, state: 'done',
        text: 'Chào bạn, công ty tôi cần báo giá 2000 bình giữ nhiệt inox 500ml có in logo. Xin gửi giá và thời gian giao hàng.',
        zh: '你好，我公司需要2000个印有标志的500毫升不锈钢保温瓶的报价。请发送价格和交货时间。',
        en: 'Hello, my company needs a quotation for 2000 stainless steel 500ml vacuum flasks with a printed logo. Please send the price and the delivery time.' },
      { by: 'buyer', min: 45, state: 'pending',
        text: 'Vui lòng liên hệ với tôi qua Zalo hoặc WhatsApp +84 90 123 4567 để trao đổi nhanh hơn.',
        zh: '请通过Zalo或WhatsApp +84 90 123 4567与我联系，以便更快地沟通。',
        en: 'Please contact me on Zalo or WhatsApp +84 90 123 4567 so we can talk faster.' },
    ],
  },
};

/** The platform's words on these shapes, per UI language (the test checks none is read as the buyer's). */
const WORDS = {
  zh: { marker: '由阿里翻译提供', pending: '翻译中...', failed: '翻译失败', retry: '重试', translate: '翻译', hide: '隐藏翻译', original: '显示原文',
    menu: ['复制', '引用', '翻译', '撤回', '删除'], read: '已读', unread: '未读', auto: '自动接待发送', card: { moq: '最小起订量', view: '查看详情', unit: '件' },
    ai: { title: 'AI 助手', hint: '根据买家消息生成的回复建议', use: 'Use this', again: '换一条' } },
  en: { marker: 'Translated by Alibaba.com', pending: 'Translating…', failed: 'Translation failed', retry: 'Retry', translate: 'Translate', hide: 'Hide translation', original: 'Show original',
    menu: ['Copy', 'Quote', 'Translate', 'Recall', 'Delete'], read: 'Read', unread: 'Unread', auto: '自动接待发送', card: { moq: 'Min. order', view: 'View details', unit: 'pieces' },
    ai: { title: 'AI Assistant', hint: 'Suggested from the buyer\'s messages', use: 'Use this', again: 'Another one' } },
};

// The AI assistant's suggestion beside the composer (its own words, never the buyer's).
const AI_SUGGESTION = 'Dear customer, thank you for your interest in our products. We will send you our best price and the delivery time soon. Best regards.';

module.exports = function shapes20({ esc, shownIn, shell, L, buyerInfo, editorMarkup, passOn }) {
  const XL = ['plain', 'ref', 'above', 'fold', 'bare'];
  const xlOf = (url) => (XL.includes(url.searchParams.get('xl')) ? url.searchParams.get('xl') : 'ref');
  const threadOf = (url) => THREADS[url.searchParams.get('thread')] ?? THREADS.es;
  const threadById = (id) => Object.values(THREADS).find((t) => t.id === id) ?? null;

  /** A thread's messages with their times and ids (the truth the test reads). */
  function messagesOf(thread, now) {
    return thread.messages.map((m, n) => ({
      ...m, messageId: `x20-${thread.lang}-${n + 1}`, at: now - m.min * MINUTE + (m.auto ? 20_000 : 0) + n * 1000,
    }));
  }

  /** The translation block of a buyer's message in arrangement `xl`, UI words `w`, translation `tr`. */
  function translated(m, xl, w, tr) {
    const original = esc(m.text);
    if (xl === 'plain') return original;
    const target = m.state === 'pending'
      ? `<span class="translate-loading">${esc(w.pending)}</span>`
      : m.state === 'failed'
        ? `<span class="translate-fail">${esc(w.failed)}</span> <a class="translate-retry" role="button">${esc(w.retry)}</a>`
        : `${esc(tr)}<span class="translate-tip">${esc(w.marker)}</span>`;
    if (xl === 'ref') {
      return `<div class="content-with-translation"><div class="text-content">${original}</div>`
        + `<div class="target-content"${m.state === 'pending' ? ` data-x20-pending="${esc(m.messageId)}"` : ''}>${target}</div></div>`;
    }
    // above / fold: hashed classes, the translation first; the original collapsed after it.
    const top = m.state === 'done' ? `<div class="_tx_P0q2">${esc(tr)}</div><div class="_mk_W8e1">${esc(w.marker)}</div>`
      : m.state === 'pending' ? `<div class="_tx_P0q2" data-x20-pending="${esc(m.messageId)}"><span class="_ld_T1">${esc(w.pending)}</span></div>`
        : `<div class="_tx_P0q2 _err_Q3"><span>${esc(w.failed)}</span> <a role="button" class="_rt_J7">${esc(w.retry)}</a></div>`;
    const source = xl === 'above' ? `<div class="_og_Z4c6" style="display:none">${original}</div>` : '';
    return `<div class="_tr_K3m9">${top}<a role="button" class="_sw_H5t7" data-x20-original="${esc(m.messageId)}">${esc(w.original)}</a>${source}</div>`;
  }

  /**
   * One message row without class hints (xl=bare): hashed classes (those of the sides
   * shape, static/demo.css), the buyer's name on their messages, ours pushed right.
   */
  function bareRow(thread, m, opts) {
    const w = WORDS[opts.lang];
    const mine = m.by === 'ours';
    let content;
    if (m.card) {
      content = `<div class="_cd_F4k"><span>${esc(m.card.title)}</span><span>${esc(m.card.price)}</span><span>${esc(w.card.moq)}: ${m.card.moq} ${esc(w.card.unit)}</span>`
        + `<a href="https://www.alibaba.com/product-detail/${esc(thread.id)}.html" target="_blank">${esc(w.card.view)}</a></div>`;
    } else if (mine) {
      content = `<div>${esc(m.text)}</div>${m.auto ? `<span class="_am_V1">${esc(w.auto)}</span>` : ''}<span class="_rs_P8">${esc(m.read ? w.read : w.unread)}</span>`;
    } else {
      const q = m.quote ? thread.messages.find((x) => x.by === m.quote && !x.auto) : null;
      const quoted = q ? `<div class="_qt_R5n2"><div class="_qn_L0e4">Lily Chen</div><div class="_qc_M2s8">${esc(q.text)}</div></div>` : '';
      content = `${quoted}${translated(m, 'above', w, m[opts.lang === 'en' ? 'en' : 'zh'])}`
        + `<div class="_mn_D3f">${w.menu.map((x) => `<span>${esc(x)}</span>`).join('')}</div>`;
    }
    const bubble = `<div class="_bw_Qe1">${mine ? '' : `<span class="_nm_K2">${esc(thread.buyer.name)}</span>`}<div class="_bb_Rx7">${content}</div><span class="_tt_Vb2">${shownIn(m.at, opts.tz)}</span></div>`;
    return mine ? `<div class="_mg_Pl3 _a2_Cc9">${bubble}</div>`
      : `<div class="_mg_Pl3 _a1_Hh0"><span class="_av_Ue6 _al_X9">${esc(thread.buyer.name[0])}</span>${bubble}</div>`;
  }

  /** One message row as the shared IM component draws it, on the detail page or in OneTalk. */
  function messageRow(thread, m, opts, xl, chat) {
    if (xl === 'bare') return bareRow(thread, m, opts);
    const w = WORDS[opts.lang];
    const tr = m[opts.lang === 'en' ? 'en' : 'zh'];
    const mine = m.by === 'ours';
    const name = mine ? 'Lily Chen' : thread.buyer.name;
    const extras = xl !== 'plain';
    const exp = { messageId: m.messageId, sendTime: m.at, senderId: mine ? 'sellerali01' : thread.cid.split('-')[1].split('#')[0],
      messageType: m.card ? 50 : 1, ...(mine ? { read_status: m.read ? 1 : 0 } : {}) };
    let content;
    if (m.card) {
      const c = m.card;
      content = chat
        ? `<div class="session-rich-content card"><div class="product-card"><span class="product-card-title">${esc(c.title)}</span>`
          + `<span class="product-card-price">${esc(c.price)}</span><span class="product-card-moq">${esc(w.card.moq)}: ${c.moq} ${esc(w.card.unit)}</span>`
          + `<a class="product-card-link" href="https://www.alibaba.com/product-detail/${esc(thread.id)}.html" target="_blank">${esc(w.card.view)}</a></div></div>`
        : `<div class="inquiry-card-item" data-query='${esc(JSON.stringify({ productList: [{ id: `16${thread.id.slice(-6)}` }] }))}'>`
          + `<div class="session-rich-content card"><span class="product-name">${esc(c.title)}</span> <span class="product-price">${esc(c.price)}</span></div></div>`;
    } else if (mine) {
      content = `<div class="session-rich-content text">${esc(m.text)}${m.auto ? `<span class="auto-mark">${esc(w.auto)}</span>` : ''}`
        + `${extras ? `<span class="read-status">${esc(m.read ? w.read : w.unread)}</span>` : ''}</div>`;
    } else {
      const quoted = m.quote && extras
        ? (() => {
          const q = thread.messages.find((x) => x.by === m.quote && !x.auto);
          // The reference's quote (ref); hashed classes in the other arrangements.
          return xl === 'ref'
            ? `<div class="quote-container"><span class="name">Lily Chen</span><span class="content">${esc(q.text)}</span></div>`
            : `<div class="_qt_R5n2"><div class="_qn_L0e4">Lily Chen</div><div class="_qc_M2s8">${esc(q.text)}</div></div>`;
        })()
        : '';
      const toggle = extras && xl === 'ref' ? `<div class="session-translate" role="button">${esc(m.state === 'done' ? w.hide : w.translate)}</div>` : '';
      const menu = extras ? `<div class="message-flow-menu-box">${w.menu.map((x) => `<span class="menu-item">${esc(x)}</span>`).join('')}</div>` : '';
      content = `<div class="session-rich-content text">${quoted}${translated(m, xl, w, tr)}${toggle}${menu}</div>`;
    }
    const side = mine ? 'item-right' : 'item-left';
    const avatar = extras && !mine ? `<div class="session-avatar"><span class="avatar-letter">${esc(name[0])}</span></div>` : '';
    const user = extras && !mine ? `<div class="user-content"><span class="user-nick">${esc(name)}</span><span class="user-company">${esc(thread.buyer.company ?? '')}</span></div>` : '';
    return `<div class="message-item-wrapper ${side}" data-expinfo='${esc(JSON.stringify(exp))}'>${avatar}
<div class="item-base-info"><span class="name">${esc(name)}</span><span class="time">${shownIn(m.at, opts.tz)}</span></div>${user}
<div class="item-content-${mine ? 'right' : 'left'}">${content}</div></div>`;
  }

  /** What the page's own script and the test read: the thread, its messages, the UI words. */
  function data(opts, url) {
    const thread = url.searchParams.get('id') ? threadById(url.searchParams.get('id')) ?? threadOf(url) : threadOf(url);
    const xl = xlOf(url);
    const messages = messagesOf(thread, opts.now);
    const truth = { thread: { ...thread, messages }, xl, words: WORDS[opts.lang], ai: AI_SUGGESTION, uiLang: opts.lang };
    let out = `window.__x20 = ${JSON.stringify(truth)};\n`;
    if (url.pathname.endsWith('x20-chat.js')) {
      const demo = { now: opts.now, lang: opts.lang, labels: L[opts.lang], broken: opts.broken, shape: opts.shape };
      const cache = Object.values(THREADS).map((t) => {
        const ms = messagesOf(t, opts.now);
        const last = ms.findLast((m) => m.by === 'buyer' && m.text);
        return { cid: t.cid, contactNick: t.buyer.name, contactAccountId: t.cid.split('-')[1].split('#')[0], countryCode: t.buyer.country,
          userNewLevel: t.buyer.level, latestMessage: { content: last.text, sendTime: last.at, fromBuyer: true }, unread: 1 };
      });
      out += `window.__demo = ${JSON.stringify(demo)};\nwindow.aliId = 'sellerali01';\nwindow.__VMFsConv__cache__ = ${JSON.stringify(cache)};\n`;
    }
    return out;
  }

  /** The detail page of shape=xlate (maDetail.htm?imInquiryId=<a thread's id>&xl=…). */
  function detailPage(opts, url, id) {
    const thread = threadById(id);
    if (!thread) return null;
    const xl = xlOf(url);
    const t = L[opts.lang];
    const messages = messagesOf(thread, opts.now).map((m) => messageRow(thread, m, opts, xl, false));
    const info = buyerInfo({ buyer: thread.buyer }, opts.now);
    const field = (label, value) =>
      `<div class="base-information-form-item"><div class="base-information-form-item-label">${label}</div><div class="base-information-form-item-content">${esc(value)}</div></div>`;
    const num = (v) => (v < 0 ? '-' : String(v));
    const b = thread.buyer;
    const q = `${passOn(opts)}&xl=${xl}&id=${encodeURIComponent(id)}`;
    const body = `<link rel="stylesheet" href="/demo/static/shapes20.css"><div class="layout detail x20 x20-${xl}"><main class="content">
<h2 class="detail-title">${t.no}${esc(thread.id)} · ${esc(thread.subject)}</h2>
${xl === 'bare' ? `<div class="_cv_Tn8" id="messages">${messages.reverse().join('\n')}</div>` : `<div class="common-load-more" id="messages">${messages.reverse().join('\n')}</div>`}
<div class="reply-wrapper"><div class="send-header-menu"><span>${t.quote}</span><span>☺</span></div>
${editorMarkup(opts, t)}
<div class="reply-footer"><span id="draft-counter">${t.draft}: 0 ${t.chars}</span><div class="send" id="send-button" role="button">${t.send}</div></div></div>
</main>
<aside class="crm"><ul class="tabs"><li data-key="crm" class="active">CRM</li></ul>
<div class="alicrm-customer-detail-card"><a class="name-text">${esc(b.name)}</a> <span class="country-flag-label">${esc(b.country)}</span>
<span class="icon-content">${esc(b.level)}</span>
${b.company ? field('Company', b.company) : ''}
${field(t.registered, info.registerDate > 0 ? shownIn(info.registerDate * 1000, opts.tz).slice(0, 10) : '-')}
${field(t.views, num(info.productViewCount))}${field(t.valid, num(info.validInquiryCount))}${field(t.repliedN, num(info.repliedInquiryCount))}
${field(t.spamN, num(info.spamInquiryMarkedBySupplierCount))}${field(t.blackN, num(info.addedToBlacklistCount))}${field(t.login, num(info.loginDays))}
</div></aside></div>`;
    const demo = { now: opts.now, lang: opts.lang, tradeId: thread.id, labels: t, broken: opts.broken, shape: opts.shape };
    return shell(opts, {
      title: `${t.inbox} ${thread.id}`, host: 'message', body,
      scripts: [`/demo/detail-data.js?${q}`, `/demo/x20-data.js?${q}`, '/demo/static/common.js', '/demo/static/detail.js', '/demo/static/shapes20.js'],
    }).replace('</head>', `<meta name="demo" content="${esc(JSON.stringify(demo))}"></head>`);
  }

  /** OneTalk of shape=xchat (weblitePWA.htm?shape=xchat&thread=…&xl=…): the thread's chat open. */
  function chatPage(opts, url) {
    const thread = threadOf(url);
    const xl = xlOf(url);
    const t = L[opts.lang];
    const w = WORDS[opts.lang];
    const rows = Object.values(THREADS).map((th) => {
      const last = messagesOf(th, opts.now).findLast((m) => m.by === 'buyer' && m.text);
      return `<div class="contact-item-container${th === thread ? ' active' : ''}" data-cid="${esc(th.cid)}" data-name="${esc(th.buyer.name)}" data-ali-id="${esc(th.cid.split('-')[1].split('#')[0])}">`
        + `<div class="contact-info"><span class="name">${esc(th.buyer.name)}</span><span class="tag-item">${esc(th.buyer.country)}</span></div>`
        + `<div class="last-msg">${esc(last.text)}</div><div class="contact-meta"><span class="contact-time">${shownIn(last.at, opts.tz).slice(11, 16)}</span><span class="unread-num">1</span></div></div>`;
    }).join('\n');
    const messages = messagesOf(thread, opts.now).map((m) => messageRow(thread, m, opts, xl, true)).join('\n');
    const ai = xl === 'plain' ? '' : `<div class="assistant-panel" id="assistant-panel"><div class="assistant-head"><span class="assistant-title">${esc(w.ai.title)}</span><span class="assistant-hint">${esc(w.ai.hint)}</span></div>
<textarea class="assistant-suggest-text" rows="4">${esc(AI_SUGGESTION)}</textarea>
<div class="assistant-actions"><button type="button" class="im-next-btn assistant-use">${esc(w.ai.use)}</button><button type="button" class="im-next-btn assistant-again">${esc(w.ai.again)}</button></div></div>`;
    const body = `<link rel="stylesheet" href="/demo/static/shapes20.css"><div class="layout chat x20 x20-${xl}"><aside class="contacts"><div class="list-tab-item active">${t.pending}</div>
<div class="x20-list">${rows}</div></aside>
<main class="conversation">${xl === 'bare'
    ? `<div class="_hd_Wq81c"><span>${esc(thread.buyer.name)}</span><span>${esc(thread.buyer.country)} · ${esc(thread.buyer.level)}</span></div>\n<div class="_ml_Pz3cd x20-bare">${messages}</div>`
    : `<div class="content-header"><span class="name">${esc(thread.buyer.name)}</span><span class="tag-item">${esc(thread.buyer.country)} · ${esc(thread.buyer.level)}</span></div>\n<div class="message-container">${messages}</div>`}
${ai}
<div id="send-box-wrapper"><div class="send-input-areas"><div class="send-textarea-box undefined"><textarea class="send-textarea" rows="4" placeholder="${opts.lang === 'en' ? 'Enter to send' : '按 Enter 发送'}"></textarea><pre class="send-textarea-mirror"></pre></div></div>
<div class="send-tools">${xl === 'plain' ? '' : '<span id="assistant-entry-icon" role="button" title="AI">✦</span>'}<span class="x20-len">0</span><button class="send-tool-button im-next-btn" type="button">${t.send}</button></div></div></main></div>`;
    const q = `${passOn(opts)}&xl=${xl}&thread=${thread.lang}`;
    return shell(opts, {
      title: 'OneTalk', host: 'onetalk', body,
      scripts: [`/demo/x20-chat.js?${q}`, '/demo/static/common.js', '/demo/static/shapes20.js'],
    });
  }

  return {
    THREADS,
    isThread: (id) => Boolean(threadById(id)),
    buyerOf: (id) => threadById(id),
    data,
    detailPage,
    chatPage,
  };
};
