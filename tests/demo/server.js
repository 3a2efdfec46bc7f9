// The demo seller inbox: synthetic Alibaba.com seller pages, served locally over HTTPS.
//
//   node tests/demo/server.js [--port 8443] [--csp strict]
//   require('./server.js').start({ port: 0, csp: null }) → { port, close() }
//
// Chromium maps every *.alibaba.com host to this one port (--host-resolver-rules), so
// the extension's real match patterns and URLs are exercised; pages are chosen by the
// Host header. Everything is invented (no real buyer's data) and built like the real
// pages described in the reference notes: the inquiry list (two page generations,
// Chinese or English labels, folders, pagination through subjectList.htm), the inquiry
// detail with a TinyMCE-like editor, the OneTalk chat with a virtualised contact list
// and a controlled text box, and the RFQ market.
//
// The buyer profile comes as JSONP from alicrm.alibaba.com (queryCustomerInfo.json?callback=…).
//
// Query options on any page: csp=strict (a strict Content-Security-Policy header),
// now=<epoch ms> (fixed clock), lang=en (English labels), gen=2 (newer list
// generation), rows=N (an inbox of N rows), pageSize=N (rows per page, 20 by default),
// broken=1 (every class renamed, to test
// that a changed page is noticed), tz=<IANA zone> (the zone times are shown in on pages
// the server draws: the browser's, as on the real pages; the server's own by default),
// followups=1 (every listed inquiry answered by us and followed up by the buyer).
//
// Page shapes the reference notes describe and the demo's first pages lack (shape=…):
//   hashed   the newer list: hashed class names, English labels, drawn by script from
//            a store Xunpan cannot see, paged by hash route (#feedback/all/2);
//   html     the older list with its rows only in the HTML (no page data, dates only);
//   subject  the list whose first page, too, comes from the subjectList.htm answer;
//   ce       the stand-alone maDetail.htm with a contenteditable reply box (and a
//            search box that has the focus); textarea: the same with a plain textarea;
//   virtual  OneTalk with 40 contacts, only the first 14 in the page's data cache,
//            shown times in the browser's zone, and a chat whose pitch is spread over
//            the buyer's messages since our reply.
// Shapes written blind in the seventh round (tests/e2e/shapes7.test.mjs):
//   vtable   the list as a virtualised ARIA grid: a pool of row elements whose text is
//            updated in place while scrolling, text in nested spans, Chinese column
//            headers, relative times ("3 分钟前") with the exact time only in a tooltip
//            title on some rows, the inquiry number only in the detail link;
//   lexical  the stand-alone detail whose reply box is a framework-owned contenteditable
//            (no role, no label, inside wrappers): it takes text only as the browser
//            delivers it (beforeinput, paste, an input event that carries its data) and
//            puts back any other change to its DOM; a CRM note box is editable too;
//   mce4     the detail page with an older TinyMCE set up at load under the id it
//            generated (mce_0, its frame mce_0_ifr), no placeholder to click;
//   bare     OneTalk whose open conversation carries no class hints: hashed classes,
//            no data-expinfo, the side of a bubble shown by layout and by the name;
//   rfqgrid  the RFQ market as a grid of cards with hashed classes and Chinese labels
//            (发布时间 "2 小时前", 剩余报价, 采购量), the country only as a flag's label.
// Shapes written blind in the eighth round (tests/e2e/shapes8.test.mjs):
//   sides    the stand-alone detail whose conversation says who wrote a message only by
//            layout (the buyer's bubbles left with an avatar, ours right), no names, no
//            data (it asks for no getOpMessages answer), times as HH:MM under date
//            separators, the DOM newest first;
//   marks    the inquiry list whose rows say unread / read / replied only by styling
//            (bold, a dot, a grey preview behind an unlabelled icon), the preview and the
//            time being those of the newest message, ours on replied rows.
// Shapes on the real editor libraries, written blind in the ninth round
// (tests/e2e/editors9.test.mjs; the libraries are devDependencies of tests/, served from
// tests/node_modules under /demo/nm/, ES modules with their bare imports pointed there):
//   tiny8    the detail page's TinyMCE (8.x, the real library) created from the
//            placeholder when it is clicked, as the reference notes saw it;
//   quill    the detail whose reply box is a Quill 2 editor (what-if: no evidence);
//   prosemirror  the same with a ProseMirror view (what-if: no evidence);
//   lexreal  the same with the real Lexical (what-if: no evidence).
// On each the page's counter and send button read the editor's own model, never its DOM.
// Shapes written blind in the tenth round (tests/e2e/chat10.test.mjs), OneTalk only:
//   tabs     the contact list under its tabs (待回复 / 全部): switching a tab refills the
//            same row elements in place; rows show their time as chat lists do for older
//            contacts ("3 分钟前", "HH:MM", "昨天", "星期二", "11/28") or show none, and
//            only three contacts are in the page's data cache;
//   fiber    the open conversation drawn by React with hashed classes, every bubble on
//            the same side: who wrote a message is only in the fiber's itemData; mixed
//            kinds (inquiry card, image, file, rich text, business card, auto-reply,
//            system notice); the panel, composer included, is drawn anew per contact.
// Shapes written blind in the thirteenth round (tests/e2e/chat13.test.mjs), OneTalk's open
// chat (static/chat13.js; chat13Page names the evidence):
//   chatvirt the open chat's message list virtualised: 60 messages, only those near the
//            view (about 15) in the DOM, older ones dropped as the rep scrolls down and
//            drawn again when scrolling up; the buyer wrote 22 times since our last
//            reply. cache=all|20|0: how many of the newest messages the page's message
//            service emits at load (the rest only drawn when scrolled to); virt=0: every
//            message drawn; fresh=1: a new chat, 22 buyer messages and no reply of ours;
//   chatdiv  the same chat whose composer is a contenteditable div that keeps its own
//            state and redraws its content from it on every input event.
// Shapes written blind in the eleventh round (tests/e2e/life11.test.mjs), the list's life
// after its first render (static/life11.js; life11Page names the evidence):
//   spa      the list and the detail as one page: a row opens its inquiry in place, a
//            "next" link changes the hash alone, Back brings the list back drawn anew;
//   drawer   the same with the detail in a drawer over the list (both on screen);
//   refill   the list redrawn in place by its folders, pages, search and a refresh, from
//            a pool of row elements reused by position; an empty folder; a page failing.
// Shapes written blind in the twelfth round (tests/e2e/rfq12.test.mjs), the RFQ market
// (static/rfq12.js draws both; rfq12Page names the evidence):
//   rfqmore  the RFQ list's life: more cards appended as the rep scrolls (one already
//            shown sent again), a sort that refills the same card elements in place, a
//            category filter that replaces every card, cards with no quotes left or
//            closed; the request's id only in its subject link;
//   rfqforms the cards' fields in other forms: quantity as a range or in Chinese units,
//            "Date Posted" relative in English or Chinese or absolute, no country, no
//            buyer, other buyer tags, a title only, no date at all, and a banner of the
//            platform's own between the cards.
// More shapes written blind in the twelfth round (tests/e2e/shapes12.test.mjs; en12ListPage,
// editorMarkup and frame12Page name the evidence):
//   en12     the inquiry list in the English UI, times as English lists show them
//            (relative, 12-hour clocks, month names), the exact time kept on some rows
//            in a <time datetime>, on others in an en-US tooltip ("12/3/2026, 2:32:10 PM");
//   cke4     the detail whose reply box is an iframe-based rich editor drawn as
//            CKEditor 4 draws one (no "<id>_ifr" frame, no editor global);
//   mcemod   the detail's TinyMCE set up at load, the library kept to the page's bundle
//            (no window.tinymce once the editor is up);
//   frame12  My Alibaba (i.alibaba.com/index.htm) with the message center in a frame.
// Shapes written blind in the twentieth round (tests/e2e/shapes20.test.mjs; tests/demo/
// shapes20.js draws them and names the evidence each rests on, static/shapes20.js gives
// them life): the platform's own words inside and beside a buyer's message.
//   xlate    the inquiry detail (maDetail.htm?imInquiryId=…) whose conversation shows the
//            buyer's messages (Spanish, Russian, Arabic, Vietnamese: thread=es|ru|ar|vi)
//            with the platform's machine translation: xl=ref the reference's markup
//            (.content-with-translation, .text-content, .target-content, 由阿里翻译提供, a
//            menu, an avatar); xl=above the translation first, the original collapsed
//            behind 显示原文 (hashed classes); xl=fold the same with the original not in
//            the DOM; xl=plain the same words with no translation (the baseline); one
//            translation still 翻译中 that arrives a second later, one 翻译失败 重试;
//   xchat    OneTalk's open chat (thread=…, xl=…) with the same, plus read receipts, an
//            auto-reply marker on our message, a quoted message, a product card the buyer
//            sent and the AI assistant's suggested reply ("Use this") beside the composer.
// Written blind in round 22 (tests/e2e/zone22.test.mjs; zone22ListPage names the evidence):
//   zone22   the inquiry list in the Chinese UI, rows only in the HTML, the time of a row
//            as Chinese lists show it ("刚刚", "N分钟前", "09:05", "昨天 14:32", "周二",
//            "11-28 09:14", "11-28", "2025-11-28") in the zone the page draws in (tz=).
//            With at=<epoch ms,…> (any list, and OneTalk) the inquiries and contacts
//            arrived at those instants, ours=… our replies (see options()).
'use strict';

const fs = require('node:fs');
const https = require('node:https');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const DATA = path.join(__dirname, 'data');
const STATIC = path.join(__dirname, 'static');
const NODE_MODULES = path.join(__dirname, '..', 'node_modules');
/** The shapes whose reply box is a real editor library (static/real-editors.mjs draws them). */
const REAL_EDITORS = ['tiny8', 'quill', 'prosemirror', 'lexreal', 'mcemod'];
// The detail page loads the buyer profile as JSONP from the CRM host, as the real one does.
const STRICT_CSP = "default-src 'self'; script-src 'self' https://alicrm.alibaba.com";
const MINUTE = 60_000;
const PAGE_SIZE = 20;

const inquiries = JSON.parse(fs.readFileSync(path.join(DATA, 'inquiries.json'), 'utf8'));
const chats = JSON.parse(fs.readFileSync(path.join(DATA, 'chats.json'), 'utf8'));
const rfqs = JSON.parse(fs.readFileSync(path.join(DATA, 'rfqs.json'), 'utf8'));

const COUNTRY_NAMES = {
  US: 'United States', IN: 'India', NL: 'Netherlands', GH: 'Ghana', NG: 'Nigeria', CN: 'China', MX: 'Mexico',
  AE: 'United Arab Emirates', TR: 'Turkey', BR: 'Brazil', GB: 'United Kingdom', FR: 'France', RU: 'Russia',
  SE: 'Sweden', KE: 'Kenya', SL: 'Sierra Leone', CZ: 'Czechia', MY: 'Malaysia', SA: 'Saudi Arabia', DE: 'Germany',
  BD: 'Bangladesh', HK: 'Hong Kong', ES: 'Spain', JP: 'Japan', AU: 'Australia', PL: 'Poland', ZA: 'South Africa',
  KW: 'Kuwait', PT: 'Portugal', SG: 'Singapore', CA: 'Canada', IT: 'Italy', PK: 'Pakistan', IL: 'Israel',
  MA: 'Morocco', VN: 'Vietnam', CO: 'Colombia', KR: 'South Korea', CL: 'Chile',
};
const CODE_OF_COUNTRY = Object.fromEntries(Object.entries(COUNTRY_NAMES).map(([code, name]) => [name, code]));
/** The flag emoji of a two-letter country code ('' when there is none). */
const flagOf = (code) => (/^[A-Z]{2}$/.test(code ?? '') ? String.fromCodePoint(...[...code].map((c) => 0x1f1a5 + c.charCodeAt(0))) : '');

// --- small helpers ---------------------------------------------------------------------

const esc = (s) =>
  String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

/** Page options from the query string. */
function options(url) {
  const q = url.searchParams;
  const now = Number(q.get('now')) || Date.now();
  return {
    now,
    csp: q.get('csp') === 'strict',
    lang: q.get('lang') === 'en' ? 'en' : 'zh',
    gen: q.get('gen') === '2' ? 2 : 1,
    rows: Math.min(Math.max(Number(q.get('rows')) || inquiries.length, 0), 5000),
    broken: q.get('broken') === '1',
    huge: q.get('huge') === '1',
    pageSize: Math.min(Math.max(Number(q.get('pageSize')) || PAGE_SIZE, 1), 1000),
    // The list's first rows drawn this long after its page data, as a framework that
    // renders later would (0: at once, like the real page's own script).
    renderAfter: Math.min(Math.max(Number(q.get('renderAfter')) || 0, 0), 10_000),
    shape: /^(hashed|html|subject|ce|textarea|virtual|vtable|lexical|mce4|bare|rfqgrid|sides|marks|tiny8|quill|prosemirror|lexreal|tabs|fiber|spa|drawer|refill|rfqmore|rfqforms|en12|cke4|mcemod|frame12|chatvirt|chatdiv|xlate|xchat|zone22)$/.test(q.get('shape') ?? '') ? q.get('shape') : null,
    tz: validZone(q.get('tz')) ?? SERVER_ZONE,
    followups: q.get('followups') === '1',
    // shape=chatvirt / chatdiv: how many of the open chat's newest messages the page's
    // message service hands out at load (all 60, the last 20, or none).
    cache: ['all', '20', '0'].includes(q.get('cache')) ? q.get('cache') : 'all',
    // virt=0: the same chat with every message drawn (no windowing); fresh=1: a new chat,
    // the buyer's messages and the auto-reception's answer only, no reply of ours.
    virt: q.get('virt') !== '0',
    fresh: q.get('fresh') === '1',
    // at=<epoch ms,…>: the list's inquiries and OneTalk's contacts arrived at these
    // instants (at most 20; the demo's buyers the engine calls genuine take them in turn);
    // ours=<epoch ms|0,…>: our reply to the n-th, if any (a list row then shows it).
    at: instants(q.get('at')),
    ours: instants(q.get('ours')),
  };
}

/** A comma-separated list of epoch milliseconds (0 allowed), at most 20; null without one. */
function instants(text) {
  if (!text) return null;
  const list = text.split(',').slice(0, 20).map(Number);
  return list.every((ms) => Number.isSafeInteger(ms) && ms >= 0) ? list : null;
}

const SERVER_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
function validZone(name) {
  if (!name) return null;
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return name;
  } catch {
    return null;
  }
}

/** "YYYY-MM-DD HH:MM:SS" of `ms` in the zone `tz`, as a page drawn in that zone shows it. */
function shownIn(ms, tz) {
  const f = new Intl.DateTimeFormat('sv-SE', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
  return f.format(new Date(ms)).replace('T', ' ');
}

/** The query to hand on to the page's own data scripts. */
function passOn(opts) {
  const q = new URLSearchParams({ now: String(opts.now), lang: opts.lang, gen: String(opts.gen), rows: String(opts.rows), pageSize: String(opts.pageSize) });
  if (opts.broken) q.set('broken', '1');
  if (opts.shape) q.set('shape', opts.shape);
  if (opts.followups) q.set('followups', '1');
  q.set('tz', opts.tz);
  if (opts.huge) q.set('huge', '1');
  if (opts.renderAfter) q.set('renderAfter', String(opts.renderAfter));
  if (opts.cache !== 'all') q.set('cache', opts.cache);
  if (!opts.virt) q.set('virt', '0');
  if (opts.fresh) q.set('fresh', '1');
  if (opts.at) q.set('at', opts.at.join(','));
  if (opts.ours) q.set('ours', opts.ours.join(','));
  return q.toString();
}

const L = {
  zh: { inbox: '询盘', all: '全部询盘', unread: '未读', spam: '垃圾询盘', no: '询价单号：', update: '更新时间：', create: '创建时间：',
    detail: '查看详情', reply: '回复', send: '发送', draft: '草稿', chars: '字', registered: '注册时间', site: '公司官网', email: '邮箱',
    views: '产品浏览', valid: '有效询盘', repliedN: '被回复询盘', spamN: '被标记垃圾询盘', blackN: '被加入黑名单', login: '登录天数',
    chat: '消息', pending: '待回复', quote: '立即报价', empty: '暂无询盘', msgMe: '我', holder: '点击这里回复买家…' },
  en: { inbox: 'Inquiries', all: 'All', unread: 'Unread', spam: 'Spam', no: 'Inquiry No.: ', update: 'Updated: ', create: 'Created: ',
    detail: 'View details', reply: 'Reply', send: 'Send', draft: 'Draft', chars: 'chars', registered: 'Registered', site: 'Website', email: 'E-mail',
    views: 'Product views', valid: 'Valid inquiries', repliedN: 'Replied inquiries', spamN: 'Marked as spam', blackN: 'Blacklisted', login: 'Login days',
    chat: 'Messages', pending: 'To reply', quote: 'Quote now', empty: 'No inquiries', msgMe: 'Me', holder: 'Click here to reply to the buyer…' },
};


// --- data in the shapes the real pages hold -------------------------------------------------

/** The n-th demo inquiry (the list repeats the set, with new ids, for big inboxes). */
function inquiryAt(n) {
  const base = inquiries[n % inquiries.length];
  if (n < inquiries.length) return base;
  const copy = n / inquiries.length | 0;
  return { ...base, id: String(Number(base.id) + copy * 1000), min: base.min + copy * 37 };
}

/** When the buyer's message came, our reply (if any) and whether it was read. */
function times(q, now) {
  // Rows of at=… carry their own instants (and our reply's, from ours=…).
  if (q.at !== undefined) return { created: q.at, ours: q.oursAt || 0, read: 0 };
  if (q.thread) {
    const ours = now - q.thread.ourReplyMin * MINUTE;
    return { created: ours - 8 * MINUTE, ours, read: q.thread.read ? ours + 90 * MINUTE : 0 };
  }
  return { created: now - q.min * MINUTE, ours: 0, read: 0 };
}

// Follow-ups a buyer sends after our reply (followups=1): pressure, a link to "confirm",
// a move to another app; invented for the demo.
const FOLLOW_UPS = [
  'Why no reply? Contact me on WhatsApp now +1 202 555 0147',
  'Dear, check the link and confirm today: http://alibaba-order-check.example/confirm?id=88',
  'Still waiting!! Send the invoice to my email ken.trade.buyer@mail.example, urgent',
  'Hello?? We need answer in 1 hour or we go to other supplier. Add me on Telegram @fastbuy_99',
];

/** With followups=1: our reply 20 min after the inquiry, then the buyer's follow-up. */
function followUpOf(q, n, now) {
  const created = now - Math.max(q.min, 90) * MINUTE;
  const ours = created + 20 * MINUTE;
  return { created, ours, at: ours + Math.floor((now - ours) / 2), text: FOLLOW_UPS[n % FOLLOW_UPS.length] };
}

/**
 * The buyer's message on the detail page; `huge=1` pads it to over 1 MB with
 * zero-width joiners and right-to-left overrides mixed in (hostile-input tests).
 */
function bodyOf(q, opts) {
  if (!opts.huge) return q.body;
  const line = 'Please quote 1000 pcs \u200b\u200d\u202e and confirm the delivery time. ';
  return `${q.body}\n${line.repeat(Math.ceil(1_048_576 / line.length))}`;
}

/** One row as `subjectList.htm` and `window.feedbackListResponse.list` carry it. */
function listRow(q, now, follow = null) {
  const t = follow ? { created: follow.created, ours: follow.ours, read: 0 } : times(q, now);
  const b = q.buyer;
  return {
    tradeId: q.id, requestNo: q.id, id: Number(q.id), feedbackId: `9${q.id}`, secTradeId: `s${q.id}x`,
    subject: q.subject, createTime: t.created, modifiedTime: t.ours || t.created, readTime: t.read || null,
    lastestReplyTime: t.ours || null, messageType: 'REC', replyStatus: t.ours ? 1 : 0,
    hasUnread: !t.ours, unreadCount: t.ours ? 0 : 1, spam: false, mark: 'NOT_FOLLOW', feedbackType: 1,
    source: q.app ? 'main_app_detail_sendInquiry' : 'main_en_detail', appFrom: q.app ?? 's_en',
    hasAttachment: Boolean(q.att?.length),
    latestMessage: follow
      ? { sendType: 'rec', gmtChat: follow.at, content: follow.text, contactRead: false }
      : t.ours
        ? { sendType: 'send', gmtChat: t.ours, content: 'Dear customer, thank you for your inquiry…', contactRead: Boolean(t.read) }
        : { sendType: 'rec', gmtChat: t.created, content: q.body, contactRead: false },
    sender: {
      name: b.name, countryCode: b.country, countryName: COUNTRY_NAMES[b.country] ?? b.country,
      accountId: `8${q.id.slice(-6)}`, secAccountId: `acc${q.id}`, companyName: b.company ?? '',
      joinYear: b.regDays > 0 ? String(Math.max(1, Math.round(b.regDays / 365))) : '1', userNewLevel: b.level,
    },
    productInfo: q.product ? [{ productId: `16${q.id.slice(-6)}`, productName: q.product, quantity: '', unit: '' }] : [],
    url: `/message/default.htm?imInquiryId=${q.id}#feedback/detail/all/${q.id}/9${q.id}/s${q.id}x/`,
    // Rows of at=… also carry the platform's own countdown fields as the real sample
    // has them (reference §2.2: `lastTime` ≈ ms left to createTime + 24 h, signed;
    // `timeCount` false on every row seen).
    ...(q.at !== undefined ? { lastTime: t.created + 1440 * MINUTE - now, timeCount: false } : {}),
  };
}

/** A listed row of the n-th inquiry, with its follow-up when the page has them. */
function rowOf(q, n, opts) {
  return listRow(q, opts.now, opts.followups ? followUpOf(q, n, opts.now) : null);
}

/** Rows of a folder. `spam` is an empty folder; `unread` the unanswered ones. */
function folderRows(folder, opts) {
  if (folder === 'spam') return [];
  if (opts.at) {
    const rows = atRows(opts);
    return folder === 'unread' ? rows.filter((q) => !q.oursAt) : rows;
  }
  const all = Array.from({ length: opts.rows }, (_, n) => inquiryAt(n));
  return folder === 'unread' ? all.filter((q) => !q.thread) : all;
}

// The demo inquiries and chats the engine calls genuine with no reply of ours: rows of
// at=… are drawn from them, so that every one of them has a reply clock.
const GENUINE_INQUIRIES = ['7301000001', '7301000002', '7301000004', '7301000007', '7301000008', '7301000010', '7301000012',
  '7301000013', '7301000014', '7301000016', '7301000018', '7301000022', '7301000024', '7301000025', '7301000026',
  '7301000027', '7301000028', '7301000030', '7301000031'];
const GENUINE_CHATS = [0, 1, 2, 3, 5, 6, 7, 8, 9, 10, 12, 13];

/** The inquiries of at=…: the n-th genuine demo inquiry, arrived at at[n], answered at ours[n]. */
function atRows(opts) {
  return opts.at.map((at, n) => {
    const base = inquiries.find((q) => q.id === GENUINE_INQUIRIES[n % GENUINE_INQUIRIES.length]);
    const id = String(7322000000 + n + 1);
    return { ...base, id, thread: undefined, at, oursAt: opts.ours?.[n] || 0 };
  });
}

/** The buyer profile as the CRM card (queryCustomerInfo) has it; -1 = hidden by the buyer. */
function buyerInfo(q, now) {
  const b = q.buyer;
  const n = (v) => (v === undefined ? -1 : v);
  return {
    firstName: b.name.split(' ')[0], lastName: b.name.split(' ').slice(1).join(' '), country: b.country,
    registerDate: b.regDays > 0 ? Math.round((now - b.regDays * 1440 * MINUTE) / 1000) : -1,
    companyName: b.company ?? '', companyWebSite: b.website ?? '', highQualityLevelTag: b.level,
    productViewCount: n(b.views), validInquiryCount: n(b.valid), repliedInquiryCount: n(b.replied),
    spamInquiryMarkedBySupplierCount: n(b.spam), addedToBlacklistCount: n(b.black), loginDays: n(b.login),
    buyerContactInfo: { visible: Boolean(b.email), email: b.email ?? '' },
  };
}

// --- pages -----------------------------------------------------------------------------------

function shell(opts, { title, body, scripts, host }) {
  const cls = opts.broken ? ' broken' : '';
  return `<!doctype html>
<html lang="${opts.lang === 'en' ? 'en' : 'zh-CN'}">
<head><meta charset="utf-8"><title>${esc(title)}</title>
<link rel="stylesheet" href="/demo/static/demo.css"></head>
<body class="demo ${host}${cls}">
<div class="topbar"><span class="logo">Alibaba.com</span><span class="crumb">${esc(title)}</span><span class="who">Lily Chen · Demo Trading Co.</span></div>
${body}
${scripts.map((s) => `<script src="${s}"${s.endsWith('.mjs') ? ' type="module"' : ''}></script>`).join('\n')}
</body></html>`;
}

function listPage(opts) {
  const t = L[opts.lang];
  const q = passOn(opts);
  const body = `<div class="layout"><nav class="side"><a class="active">${t.inbox}</a><a href="https://onetalk.alibaba.com/message/weblitePWA.htm">${t.chat}</a></nav>
<main class="content"><h2 class="reply-info-title">${t.inbox}</h2>
<div class="ui2-tab-nav"><a href="#feedback/all" data-folder="all">${t.all}</a><a href="#feedback/unread" data-folder="unread">${t.unread}</a><a href="#feedback/spam" data-folder="spam">${t.spam}</a></div>
<div id="list-root" class="main-content"></div>
<div class="ui2-pagination-pages" id="pages"></div></main></div>`;
  return shell(opts, {
    title: t.inbox, host: 'message', body,
    scripts: [`/demo/list-data.js?${q}`, '/demo/static/common.js', '/demo/static/list.js'],
  });
}

/** The rows of the newer and the older list shapes, as plain data for their drawing. */
function shapeRows(opts) {
  return folderRows('all', opts).map((q, n) => {
    const r = rowOf(q, n, opts);
    return {
      id: r.tradeId, name: r.sender.name, cc: r.sender.countryCode, country: r.sender.countryName, level: r.sender.userNewLevel ?? '',
      product: r.productInfo[0]?.productName ?? '', productId: r.productInfo[0]?.productId ?? '',
      text: r.latestMessage.content, created: r.createTime, updated: r.modifiedTime, replied: Boolean(r.replyStatus),
    };
  });
}

/**
 * The newer list (shape=hashed): CSS-module class names that change with every build,
 * English labels, rows drawn by script from a store of the page's own (not
 * feedbackListResponse: Xunpan sees no page data), paged by hash route.
 */
function hashedListPage(opts) {
  const body = `<div class="_shell_Hq2k1"><nav class="_side_p0Lx9"><a class="_on_Zz81">Inquiries</a><a href="https://onetalk.alibaba.com/message/weblitePWA.htm">Messages</a></nav>
<main class="_main_4hTq0"><h2 class="_title_a81Fk">Inquiries</h2>
<input class="_search_W2e9" type="search" placeholder="Search inquiries" aria-label="Search inquiries">
<div class="_l1ListWrap_-uoFL-" id="hx-root"></div><div class="_pager_Y6d1s" id="hx-pager"></div></main></div>`;
  return shell({ ...opts, lang: 'en' }, {
    title: 'Inquiries', host: 'message', body,
    scripts: [`/demo/hashed-data.js?${passOn(opts)}`, '/demo/static/common.js', '/demo/static/hashed.js'],
  });
}

function hashedData(opts) {
  return `window.__hxStore = ${JSON.stringify({ now: opts.now, pageSize: opts.pageSize, rows: shapeRows(opts) })};\n`;
}

/**
 * The list as a virtualised grid (shape=vtable). Evidence: the newer list generation's
 * container `.aui-inquirylist-grid-container` and CSS-module classes (reference §2.1,
 * [B] shaobohan917 inquiry-scraper); "React virtual lists" on all three surfaces (§11,
 * and the virtualised OneTalk list, §4.1 [A]); zh-CN labels (§10.8); the detail link
 * `a[href*="maDetail"]` with `imInquiryId` as the row's identity (§2.1 [B] 53334584617).
 * Not evidenced (written blind): the grid roles, relative times and tooltip titles.
 */
function vtableListPage(opts) {
  const heads = ['买家', '询盘内容', '创建时间', '状态', '操作'];
  const body = `<div class="_shell_Hq2k1"><nav class="_side_p0Lx9"><a class="_on_Zz81">询盘</a><a href="https://onetalk.alibaba.com/message/weblitePWA.htm">消息</a></nav>
<main class="_main_4hTq0"><h2 class="_title_a81Fk">询盘</h2>
<div class="aui-inquirylist-grid-container"><div class="_grid_Vv81k" role="grid" aria-label="询盘列表">
<div class="_thead_b2Lw0" role="rowgroup"><div class="_tr_Hh3x2" role="row" aria-rowindex="1">${heads.map((h) => `<div class="_th_Qe5r1" role="columnheader">${h}</div>`).join('')}</div></div>
<div class="_vp_Xx2m7" role="rowgroup"><div class="_sizer_Q1t0z"></div></div></div></div></main></div>`;
  return shell({ ...opts, lang: 'zh' }, {
    title: '询盘', host: 'message', body,
    scripts: [`/demo/vtable-data.js?${passOn(opts)}`, '/demo/static/common.js', '/demo/static/vtable.js'],
  });
}

function vtableData(opts) {
  const rows = shapeRows(opts).map((r) => ({ ...r, flag: flagOf(r.cc) }));
  return `window.__vtStore = ${JSON.stringify({ now: opts.now, rows })};\n`;
}

/**
 * The older list with its rows only in the HTML (shape=html): the aui2 grid as the
 * server drew it, dates without times (更新时间 / 创建时间), no page data, no script.
 */
function htmlListPage(opts) {
  const t = L[opts.lang];
  const rows = shapeRows(opts).slice(0, opts.pageSize).map((r) => `<div class="aui2-grid-wraper"><a class="inquiry-item" data-trade-id="${esc(r.id)}" href="/message/maDetail.htm?imInquiryId=${esc(r.id)}" target="_blank">
<div class="aui2-grid-header"><span class="spec-inquiry-id">${t.no}${esc(r.id)}</span><span class="dates">${t.update}${shownIn(r.updated, opts.tz).slice(0, 10)} ${t.create}${shownIn(r.created, opts.tz).slice(0, 10)}</span></div>
<div class="aui2-grid-body"><div class="who"><span class="aui2-grid-name u-text-center" title="${esc(r.name)}">${esc(r.name)}</span><span class="ui2-flag ui2-flag-${esc(r.cc.toLowerCase())}" title="${esc(r.country)}">${esc(r.cc)}</span><span class="level-tag-icon">${esc(r.level)}</span></div>
<div class="what"><div class="buyer-product-name-content">${esc(r.product)}</div><div class="buyer-chat-msg">${esc(r.text)}</div></div>
<span class="aui2-grid-quo-status-col">${r.replied ? '洽谈中' : '新询盘'}</span><span class="actions-view-detail">${t.detail}</span></div></a></div>`).join('\n');
  const body = `<div class="layout"><nav class="side"><a class="active">${t.inbox}</a></nav>
<main class="content"><h2 class="reply-info-title">${t.inbox}</h2><div id="list-root" class="main-content"><div class="ui2-list-body">${rows}</div></div></main></div>`;
  return shell(opts, { title: t.inbox, host: 'message', body, scripts: [] });
}

/**
 * The list whose rows mark their state only by styling (shape=marks). Evidence: the row
 * is a link to maDetail.htm with imInquiryId (§2.1 [B] 53334584617), the buyer's name in
 * a `title` (§2.1 [A]), the country as a flag's `title` (§2.1 [B]); that read / unread /
 * replied has no reliable selector, only "bold text / red dot" heuristics (§2.1 [C]
 * 54509925121), and that the row's newest message may be ours (`latestMessage.sendType`
 * "send", §2.2 [A, real sample]). Written blind: hashed classes, no status text at all,
 * unread rows bold with an empty red dot, replied rows showing our reply greyed behind an
 * icon without a label, the time shown being the newest message's ("HH:MM" today,
 * "MM-DD HH:MM" before), zh-CN.
 */
function marksListPage(opts) {
  const today = shownIn(opts.now, opts.tz).slice(0, 10);
  const when = (ms) => {
    const s = shownIn(ms, opts.tz);
    return s.slice(0, 10) === today ? s.slice(11, 16) : s.slice(5, 16);
  };
  const rows = marksRows(opts).slice(0, opts.pageSize).map((r) => {
    const cls = ['_it_Mk4d2', r.unread ? '_ur_Bq7s1' : '', r.replied ? '_rp_Zc3v8' : ''].filter(Boolean).join(' ');
    return `<a class="${cls}" href="/message/maDetail.htm?imInquiryId=${esc(r.id)}" target="_blank">
<span class="_dt_Pw1">${r.unread ? '<i class="_dot_Hf6"></i>' : ''}</span>
<span class="_wh_Tr5"><span class="_nm_Ke2" title="${esc(r.name)}">${esc(r.name)}</span><i class="_fg_Lo9" title="${esc(r.country)}"></i></span>
<span class="_bd_Wm3"><span class="_pn_Sd8">${esc(r.product)}</span><span class="_pv_Yu4">${r.replied ? '<svg class="_ic_Nn0" width="12" height="12" viewBox="0 0 12 12"><path d="M5 2 1 6l4 4V7c3 0 5 1 6 3-1-4-3-6-6-6z"/></svg>' : ''}${esc(r.text)}</span></span>
<span class="_tm_Gx6">${when(r.updated)}</span></a>`;
  }).join('\n');
  const body = `<div class="_shell_Hq2k1"><nav class="_side_p0Lx9"><a class="_on_Zz81">询盘</a><a href="https://onetalk.alibaba.com/message/weblitePWA.htm">消息</a></nav>
<main class="_main_4hTq0"><h2 class="_title_a81Fk">询盘</h2><div class="_ls_Rv0f3">${rows}</div></main></div>`;
  return shell({ ...opts, lang: 'zh' }, {
    title: '询盘', host: 'message', body,
    scripts: [`/demo/marks-data.js?${passOn(opts)}`, '/demo/static/common.js'],
  });
}

/** The rows of shape=marks: every third unanswered row already read, the answered ones ours last. */
function marksRows(opts) {
  return shapeRows(opts).map((r, n) => ({ ...r, unread: !r.replied && n % 3 !== 1 }));
}

/** The truth of shape=marks, for the tests only (the page's own script does not use it). */
function marksData(opts) {
  return `window.__mkTruth = ${JSON.stringify({ now: opts.now, rows: marksRows(opts).slice(0, opts.pageSize) })};\n`;
}

function listData(opts) {
  const rows = folderRows('all', opts).slice(0, opts.pageSize).map((r, n) => rowOf(r, n, opts));
  const demo = { now: opts.now, lang: opts.lang, gen: opts.gen, rows: opts.rows, broken: opts.broken, labels: L[opts.lang], pageSize: opts.pageSize, renderAfter: opts.renderAfter };
  // shape=subject: no first page in the HTML; every page comes from subjectList.htm.
  if (opts.shape === 'subject') return `window.__demo = ${JSON.stringify(demo)};\n`;
  return `window.__demo = ${JSON.stringify(demo)};\nwindow.feedbackListResponse = ${JSON.stringify({ list: rows, total: opts.rows })};\n`;
}

function subjectList(opts, body) {
  let params = {};
  try {
    params = JSON.parse(new URLSearchParams(body).get('params') ?? '{}');
  } catch {
    return { code: 400, message: 'params is not JSON' };
  }
  const page = Math.max(1, Number(params.pagination?.nextPage) || 1);
  const size = Math.min(Math.max(Number(params.pageSize) || PAGE_SIZE, 1), Math.max(100, opts.pageSize));
  const all = folderRows(params.listType ?? 'all', opts);
  if (opts.shape === 'refill') return refillList(opts, params, all, page, size);
  const list = all.slice((page - 1) * size, page * size).map((r, n) => [rowOf(r, (page - 1) * size + n, opts)]);
  return { code: 200, data: { list, pagination: { currentPage: page, nextPage: page + 1, pageSize: size, totalCount: all.length } } };
}

function detailPage(opts, id) {
  const t = L[opts.lang];
  const q = inquiries.find((i) => i.id === id) ?? (Number(id) ? inquiryAt(inquiries.findIndex((i) => i.id.slice(-3) === id.slice(-3))) : null);
  if (!q) return null;
  const tm = times(q, opts.now);
  const b = q.buyer;
  const info = buyerInfo(q, opts.now);
  const messages = [
    `<div class="message-item-wrapper item-left" data-expinfo='${esc(JSON.stringify({ messageId: `m${q.id}1`, sendTime: tm.created, messageType: 50 }))}'>
      <div class="item-base-info"><span class="name">${esc(b.name)}</span><span>${shownIn(tm.created, opts.tz)}</span></div>
      <div class="item-content-left"><div class="inquiry-card-item" data-query='${esc(JSON.stringify({ productList: q.product ? [{ id: `16${q.id.slice(-6)}` }] : [] }))}'>
      ${q.product ? `<div class="session-rich-content card"><span class="product-name">${esc(q.product)}</span></div>` : ''}
      <div class="description-container session-rich-content text">${esc(q.subject)}<br>${esc(bodyOf(q, opts)).replace(/\n/g, '<br>')}</div>
      ${(q.att ?? []).map(([name, size]) => `<div class="inquiry-file-item" data-query='${esc(JSON.stringify({ fileName: name, fileSize: size }))}'>📎 ${esc(name)}</div>`).join('')}
      </div></div></div>`,
  ];
  if (tm.ours) {
    messages.push(`<div class="message-item-wrapper item-right" data-expinfo='${esc(JSON.stringify({ messageId: `m${q.id}2`, sendTime: tm.ours, messageType: 1, read_status: tm.read ? 1 : 0 }))}'>
      <div class="item-base-info"><span class="name">${t.msgMe}</span><span>${shownIn(tm.ours, opts.tz)}</span></div>
      <div class="session-rich-content text">Dear customer, thank you for your inquiry. Could you tell us the quantity and specification you need?</div></div>`);
  }
  const field = (label, value) =>
    `<div class="base-information-form-item"><div class="base-information-form-item-label">${label}</div><div class="base-information-form-item-content">${esc(value)}</div></div>`;
  const num = (v) => (v < 0 ? '-' : String(v));
  const body = `<div class="layout detail"><main class="content">
<h2 class="detail-title">${t.no}${esc(q.id)} · ${esc(q.subject)}</h2>
${['ce', 'textarea', 'lexical', 'quill', 'prosemirror', 'lexreal', 'cke4', 'mcemod'].includes(opts.shape) ? '<input class="_search_W2e9" type="search" placeholder="Search messages" aria-label="Search messages" autofocus>' : ''}
${opts.shape === 'sides' ? sidesConversation(q, tm, opts) : `<div class="common-load-more" id="messages">${messages.reverse().join('\n')}</div>`}
<div class="reply-wrapper"><div class="send-header-menu"><span>${t.quote}</span><span>☺</span></div>
${editorMarkup(opts, t)}
<div class="reply-footer"><span id="draft-counter">${t.draft}: 0 ${t.chars}</span><div class="send" id="send-button" role="button"${REAL_EDITORS.includes(opts.shape) ? ' aria-disabled="true"' : ''}>${t.send}</div></div></div>
</main>
<aside class="crm"><ul class="tabs"><li data-key="crm" class="active">CRM</li></ul>
<div class="alicrm-customer-detail-card"><a class="name-text">${esc(b.name)}</a> <span class="country-flag-label">${esc(b.country)}</span>
<span class="icon-content">${esc(b.level)}</span>
${b.company ? field('Company', b.company) : ''}
${field(t.registered, info.registerDate > 0 ? shownIn(info.registerDate * 1000, opts.tz).slice(0, 10) : '-')}
${b.website ? field(t.site, b.website) : ''}${b.email ? field(t.email, b.email) : ''}
${field(t.views, num(info.productViewCount))}${field(t.valid, num(info.validInquiryCount))}${field(t.repliedN, num(info.repliedInquiryCount))}
${field(t.spamN, num(info.spamInquiryMarkedBySupplierCount))}${field(t.blackN, num(info.addedToBlacklistCount))}${field(t.login, num(info.loginDays))}
</div>${opts.shape === 'lexical' ? `<div class="_note_Pp3c1"><div class="_nl_Ty6">${opts.lang === 'en' ? 'Note' : '备注'}</div><div class="_nb_Ww2" contenteditable="true"></div></div>` : ''}</aside></div>`;
  const demo = { now: opts.now, lang: opts.lang, tradeId: q.id, labels: t, broken: opts.broken, shape: opts.shape };
  return shell(opts, {
    title: `${t.inbox} ${q.id}`, host: 'message', body,
    scripts: [`/demo/detail-data.js?${passOn(opts)}&id=${encodeURIComponent(q.id)}`, '/demo/static/common.js', '/demo/static/detail.js',
      ...realEditorScripts(opts.shape)],
  }).replace('</head>', `${realEditorStyles(opts.shape)}<meta name="demo" content="${esc(JSON.stringify(demo))}"></head>`);
}

// The buyer's follow-up after our reply on the sides shape: a move to a link "to confirm".
const SIDES_FOLLOW_UP = 'Dear, we paid already. Check the link and confirm receipt today: http://alibaba-payment-confirm.example/verify?order=5521';
const SIDES_OUR_REPLY = 'Dear customer, thank you for your inquiry. Our price is USD 12.80/pc FOB Ningbo; payment 30% T/T deposit to our company bank account, balance before shipment. Please confirm the quantity.';

/** The buyer's messages of the sides shape, with their times (the truth its test reads). */
function sidesMessages(q, tm, now) {
  const list = [{ mine: false, at: tm.created, text: `${q.subject}\n${q.body}` }];
  if (tm.ours) {
    list.push({ mine: true, at: tm.ours, text: SIDES_OUR_REPLY });
    list.push({ mine: false, at: now - 90 * MINUTE, text: SIDES_FOLLOW_UP });
  }
  return list;
}

/**
 * The conversation of shape=sides. Evidence: the IM component of the detail page puts
 * the buyer's messages on one side and ours on the other ([A] §3.1, `item-left` /
 * `item-right`), its DOM order is not to be trusted (newest first, [A] §3.1), times are
 * shown as text. Written blind: hashed classes that do not say the side, no names, no
 * `data-expinfo`, the side shown only by layout (ours pushed right, the buyer's with an
 * avatar on the left), each bubble's time as "HH:MM" under a separator that carries the
 * day; the DOM newest first, drawn oldest first by `column-reverse`.
 */
function sidesConversation(q, tm, opts) {
  const items = [];
  let day = null;
  for (const m of sidesMessages(q, tm, opts.now)) {
    const shown = shownIn(m.at, opts.tz);
    if (shown.slice(0, 10) !== day) {
      day = shown.slice(0, 10);
      items.push(`<div class="_sp_Jd4" role="separator"><span>${day}</span></div>`);
    }
    const bubble = `<div class="_bw_Qe1"><div class="_bb_Rx7">${esc(m.text).replace(/\n/g, '<br>')}</div><span class="_tt_Vb2">${shown.slice(11, 16)}</span></div>`;
    items.push(m.mine
      ? `<div class="_mg_Pl3 _a2_Cc9">${bubble}</div>`
      : `<div class="_mg_Pl3 _a1_Hh0"><img class="_av_Ue6" alt="" src="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='32' height='32'%3E%3Ccircle cx='16' cy='16' r='16' fill='%23c9d6ea'/%3E%3C/svg%3E">${bubble}</div>`);
  }
  return `<div class="_cv_Tn8" id="messages">${items.reverse().join('\n')}</div>`;
}

/**
 * The reply box of the detail page: TinyMCE created from its placeholder (the pages the
 * reference notes describe), or (shape=ce / textarea) a contenteditable box or a plain
 * textarea, with a search box above the conversation that has the focus.
 */
function editorMarkup(opts, t) {
  if (opts.shape === 'tiny8') {
    // Evidence: [A] §3.3: TinyMCE named normal-im-send (a hidden textarea, an
    // "<id>_ifr" frame), created when the placeholder div.mock-reply is clicked. Here the
    // real TinyMCE 8, newer than what the sources saw (§10.4: the 2026 page is unknown).
    return `<div class="mock-reply"><div class="holder">${t.holder}</div></div>
<div id="editor-slot"></div>`;
  }
  if (opts.shape === 'mcemod') {
    // Evidence: [A] §3.3: TinyMCE named normal-im-send (a hidden textarea, its
    // "normal-im-send_ifr" frame). Written blind: the page's bundle keeps the library
    // to itself (no window.tinymce once the editor is up), set up at load, so the
    // editor's API cannot be reached from the page's world; only its frame can.
    return '<div id="editor-slot"><textarea id="normal-im-send"></textarea></div>';
  }
  if (opts.shape === 'cke4') {
    // What-if, no evidence for this page (§3.3 "Rich text: … no evidence", §10.4: whether
    // the 2026 page still uses TinyMCE is unknown): an iframe-based rich editor as
    // CKEditor 4 draws one: the textarea hidden, a box around a same-origin frame with a
    // title, its body the editable element; the frame has no "<id>_ifr" name, the page
    // no editor global. static/detail.js draws it; its model is the frame body's HTML.
    return `<textarea name="reply" id="reply-content" style="visibility:hidden;display:none"></textarea>
<div id="cke_reply-content" class="cke_1 cke cke_reset cke_chrome cke_editor_reply-content cke_ltr" dir="ltr" role="application" aria-labelledby="cke_reply-content_arialbl">
<span id="cke_reply-content_arialbl" class="cke_voice_label" style="display:none">Rich Text Editor, reply-content</span>
<div class="cke_inner cke_reset" role="presentation"><span class="cke_top cke_reset_all" role="presentation"><span class="cke_toolbox" role="group"><a class="cke_button cke_button__bold" role="button" title="Bold">B</a> <a class="cke_button cke_button__italic" role="button" title="Italic">I</a></span></span>
<div id="cke_1_contents" class="cke_contents cke_reset" role="presentation" style="height: 160px;"></div></div></div>`;
  }
  if (opts.shape === 'quill' || opts.shape === 'prosemirror' || opts.shape === 'lexreal') {
    // What-if, no evidence (reference §3.3 "Rich text: Quill / Lexical / contenteditable
    // — no evidence"): the page moved to another editor library. The box is the
    // library's own (static/real-editors.mjs creates it), in wrappers with hashed classes.
    return `<div class="_composer_Lm3x"><div class="_rt_Vd5k" data-shape="${opts.shape}"></div></div>`;
  }
  if (opts.shape === 'ce') {
    return `<div class="_composer_Lm3x"><div class="_editor_Q9a7" contenteditable="true" role="textbox" aria-label="${esc(t.reply)}" aria-multiline="true"></div></div>`;
  }
  if (opts.shape === 'lexical') {
    // Evidence: none for this page (reference §3.3 "Rich text: Quill / Lexical /
    // contenteditable — no evidence"; §10.4 whether TinyMCE is still used is unknown);
    // the React-controlled composer of the chat (§4.1 [B]) is the nearest kin.
    return `<div class="_composer_Lm3x"><div class="_shell_Zq1e8"><div class="_ph_Kk2w4" aria-hidden="true">${opts.lang === 'en' ? 'Type a message' : '输入消息'}</div>
<div class="_ed_Rr8n1" contenteditable="true" spellcheck="true" data-lexical-editor="true"><p><br></p></div></div></div>`;
  }
  if (opts.shape === 'mce4') {
    // Evidence: TinyMCE with a hidden textarea and an "<id>_ifr" frame [A] (§3.3); that
    // the page still names it normal-im-send and creates it from a placeholder is only
    // what the sources saw (§10.4): here TinyMCE named it itself, as it does when the
    // textarea has no id.
    return '<div id="editor-slot"></div>';
  }
  if (opts.shape === 'textarea') {
    return `<div class="_composer_Lm3x"><textarea class="_editor_Q9a7" rows="5" aria-label="${esc(t.reply)}"></textarea></div>`;
  }
  return `<div class="mock-reply"><div class="holder">${t.holder}</div></div>\n<div id="editor-slot"></div>`;
}

function detailData(opts, id) {
  const demo = { now: opts.now, lang: opts.lang, tradeId: id, labels: L[opts.lang], shape: opts.shape };
  const q = inquiries.find((i) => i.id === id);
  // The truth of shape=sides, for the tests (the page draws from the HTML alone).
  if (opts.shape === 'sides' && q) demo.sides = sidesMessages(q, times(q, opts.now), opts.now);
  return `window.__demo = ${JSON.stringify(demo)};\n`;
}

/** `getOpMessages.htm`: the conversation of an inquiry, as data. */
function opMessages(opts, id) {
  const q = inquiries.find((i) => i.id === id);
  if (!q) return { code: 404, data: { list: [] } };
  const tm = times(q, opts.now);
  const list = [{ messageId: `m${q.id}1`, sendTime: tm.created, content: bodyOf(q, opts), messageType: 'rec', contact: { name: q.buyer.name } }];
  if (tm.ours) list.push({ messageId: `m${q.id}2`, sendTime: tm.ours, content: 'Dear customer, thank you for your inquiry.', messageType: 'send', read: Boolean(tm.read) });
  return { code: 200, data: { list } };
}

function customerInfo(opts, id) {
  const q = inquiries.find((i) => i.id === id) ?? shapes20().buyerOf(id);
  if (!q) return { code: 404 };
  return { code: 200, data: { data: { buyerInfo: buyerInfo(q, opts.now) } } };
}

/** The twentieth round's shapes (tests/demo/shapes20.js), given the helpers they draw with. */
let shapes20Module = null;
function shapes20() {
  shapes20Module ??= require('./shapes20.js')({ esc, shownIn, shell, L, buyerInfo, editorMarkup, passOn });
  return shapes20Module;
}

function chatPage(opts, url) {
  if (opts.shape === 'xchat') return shapes20().chatPage(opts, url);
  const t = L[opts.lang];
  if (opts.shape === 'bare') return bareChatPage(opts, t);
  if (opts.shape === 'tabs' || opts.shape === 'fiber') return chat10Page(opts, t);
  if (opts.shape === 'chatvirt' || opts.shape === 'chatdiv') return chat13Page(opts, t);
  const body = `<div class="layout chat"><aside class="contacts"><div class="list-tab-item active">${t.pending}</div>
<div class="contact-scroll" id="contact-scroll"><div class="contact-spacer" id="contact-spacer"></div></div></aside>
<main class="conversation"><div class="content-header" id="content-header"></div>
<div class="message-container" id="message-container"></div>
<div id="send-box-wrapper"><div class="send-input-areas"><div class="send-textarea-box"><textarea class="send-textarea" rows="4"></textarea><pre class="mirror" id="state-mirror"></pre></div></div>
<div class="send-tools"><span id="chat-state-length">0</span><button class="send-tool-button im-next-btn" type="button">${t.send}</button></div></div></main></div>`;
  return shell(opts, {
    title: 'OneTalk', host: 'onetalk', body,
    scripts: [`/demo/chat-data.js?${passOn(opts)}`, '/demo/static/common.js', '/demo/static/chat.js'],
  });
}

/**
 * OneTalk whose open conversation carries no class hints (shape=bare). Evidence: the
 * contact rows `div.contact-item-container[data-cid]` ([A] §4.1) stay; the open
 * conversation (header, bubbles, composer, send button) is React with CSS-module classes
 * (§4.1 "React (fibers present)" [A], §11 "never cache nodes"): no `item-left/right`,
 * no `.item-base-info`, no `data-expinfo`, no `textarea.send-textarea`. Written blind:
 * which side a bubble is on shows only in the layout (ours right-aligned, without a name)
 * and in the buyer's name beside theirs, as chat pages commonly draw it.
 */
function bareChatPage(opts, t) {
  const body = `<div class="layout chat"><aside class="contacts"><div class="list-tab-item active">${t.pending}</div>
<div class="contact-scroll" id="contact-scroll"><div class="contact-spacer" id="contact-spacer"></div></div></aside>
<main class="_conv_T0p2a"><div class="_hd_Wq81c"></div>
<div class="_ml_Pz3cd"></div>
<div class="_sb_Yx1e3"><div class="_ia_n2Lf4"><textarea class="_ta_Q7dg5" rows="4" placeholder="${opts.lang === 'en' ? 'Enter to send' : '按 Enter 发送'}"></textarea><pre class="_mr_K1h6"></pre></div>
<div class="_st_M4i7"><span class="_len_X2j8">0</span><button class="_btn_S3nk9" type="button">${t.send}</button></div></div></main></div>`;
  return shell(opts, {
    title: 'OneTalk', host: 'onetalk', body,
    scripts: [`/demo/chat-data.js?${passOn(opts)}`, '/demo/static/common.js', '/demo/static/chat.js'],
  });
}

// --- tenth round: OneTalk shapes tabs and fiber (static/chat10.js draws them) ----------

/**
 * OneTalk, shapes tabs and fiber. Evidence (reference §4.1, §4.2, §3.1):
 * - both: contact rows `div.contact-item-container` with `data-cid`, `data-name`,
 *   `data-ali-id`, `.contact-info .name`, `.tag-item`, `.unread-num`, `.contact-time`
 *   [A]; the composer `#send-box-wrapper > div.send-input-areas >
 *   div.send-textarea-box(.undefined) > textarea.send-textarea` with a mirror `pre` [A],
 *   React-controlled (the value tracker: a value set without the native setter is not
 *   seen) [B]; the send button `button.send-tool-button.im-next-btn` "发送" [A].
 * - tabs: `.list-tab-item` with 待回复, `active` when chosen [B]; a second tab 全部 and
 *   the rows refilled in place when the tab changes: what-if. `.contact-time` is "HH:MM"
 *   in the evidence [A]; the other forms ("N 分钟前", 昨天, weekday, "MM/DD") and rows
 *   with no time are what-if, as chat lists show older contacts. The data cache
 *   `window.__VMFsConv__cache__` [A] holds only three of the contacts (what-if: the
 *   cache of the page's start, the list loaded since). The open conversation keeps the
 *   [A] markup (`item-left`, `.item-base-info`, `data-expinfo` with `sendTime`).
 * - fiber: the React fiber's `memoizedProps.itemData` on message nodes with `messageId`,
 *   `sendTime`, `sender.targetId`, `msgType`, `autoReply`, `owner`, `contact` [B]
 *   (§4.2); the message kinds of §4.1 (50 inquiry card, 2000 image, 61 file, 63 rich
 *   text, 57 business card) [A]/[B], with a platform notice and our auto-reception reply
 *   (`自动接待发送`) [A]; hashed classes, no `item-left/right`, no `data-expinfo`, no
 *   names on bubbles and every bubble on the same side (a compact layout): what-if. The
 *   panel is made anew when the contact changes (§11 "never cache nodes") [A].
 */
function chat10Page(opts, t) {
  const tabs = opts.shape === 'tabs';
  const aside = tabs
    ? `<div class="c10-tabbar" role="tablist"><div class="list-tab-item active" data-tab="pending">${t.pending}<span class="c10-count"></span></div><div class="list-tab-item" data-tab="all">${opts.lang === 'en' ? 'All' : '全部'}</div></div>`
    : `<div class="list-tab-item active">${t.pending}</div>`;
  const body = `<link rel="stylesheet" href="/demo/static/chat10.css">
<div class="layout chat c10-${opts.shape}"><aside class="contacts">${aside}
<div class="c10-list" id="c10-list"></div></aside>
<main class="_root_R8s1k"><div class="_empty_Vv2q">${opts.lang === 'en' ? 'Choose a contact' : '请选择联系人'}</div></main></div>`;
  return shell(opts, {
    title: 'OneTalk', host: 'onetalk', body,
    scripts: [`/demo/chat-data.js?${passOn(opts)}`, '/demo/static/common.js', '/demo/static/chat10.js'],
  });
}

/** Ages in minutes of the tabs shape's contacts, whether each awaits our reply, whether its row shows a time. */
const TABS_CONTACTS = [
  [3, 1, 1], [12, 1, 1], [20, 1, 0], [47, 1, 1], [150, 1, 1], [60 * 20, 1, 1], [60 * 30, 1, 1], [60 * 50, 1, 0],
  [60 * 24 * 3, 1, 1], [60 * 24 * 5, 1, 1], [60 * 24 * 9, 1, 1], [60 * 24 * 20, 1, 1],
  [25, 0, 1], [90, 0, 1], [60 * 26, 0, 1], [60 * 24 * 2 + 30, 0, 1], [60 * 24 * 4, 0, 1], [60 * 24 * 8, 0, 0], [60 * 24 * 30, 0, 1], [60 * 24 * 6, 0, 1],
];
/** Which of them the page's data cache holds. */
const TABS_CACHED = [0, 4, 12];

/** The conversations of the fiber shape (minutes before now; `by`: buyer, ours or system). */
function fiberConversations(opts) {
  const at = (m) => opts.now - m * MINUTE;
  return {
    [chats[0].cid]: [
      { by: 'system', kind: 'notice', at: at(16), text: '为保障您的交易安全，请通过阿里巴巴平台沟通与交易，谨防站外付款。' },
      { by: 'buyer', kind: 'inquiry', at: at(15), product: '550W Mono Solar Panel, Half Cell', qty: '40 Pieces',
        text: 'Hola, we need 40 panels of the 550W model for a roof project in Valencia. Please quote CIF Valencia and the delivery time.' },
      { by: 'ours', kind: 'text', auto: true, at: at(15) + 20_000, text: 'Thank you for your inquiry! Our sales manager will contact you within 24 hours. WhatsApp: +86 138 0013 8000' },
      { by: 'buyer', kind: 'text', at: at(5), text: 'Also, do you have them in stock now? We can pay a 30% deposit by T/T after the PI.' },
    ],
    [chats[3].cid]: [
      { by: 'buyer', kind: 'inquiry', at: at(180), product: '316L Stainless Steel Seamless Pipe', qty: '2 Tons',
        text: 'Price for 2 tons 316L pipe? Size 2 inch, schedule 40, delivery to Mersin.' },
      { by: 'ours', kind: 'text', auto: true, at: at(180) + 15_000, text: 'Thank you for your inquiry! Our sales manager will contact you within 24 hours. WhatsApp: +86 138 0013 8000' },
      { by: 'ours', kind: 'card', at: at(70), text: 'Lily Chen · Sales Manager · Demo Trading Co. · WhatsApp +86 138 0013 8000 · lily@demotrading.example' },
      { by: 'ours', kind: 'text', at: at(60), text: 'Dear Yusuf, the price is USD 3,150 per ton FOB Ningbo. Please pay the T/T deposit to our company bank account to start production.' },
      { by: 'buyer', kind: 'text', at: at(30), text: 'OK good price. For payment we use USDT crypto only, you get 30% extra on top.' },
      { by: 'buyer', kind: 'image', at: at(28) },
      { by: 'buyer', kind: 'file', at: at(26), file: 'payment_form.pdf', size: '88 KB' },
      { by: 'buyer', kind: 'rich', at: at(20), paragraphs: ['Please send me your online banking login on WhatsApp +44 7700 900123', 'so my finance team can arrange it today.'] },
    ],
  };
}

function chat10Data(opts) {
  const demo = { now: opts.now, lang: opts.lang, labels: L[opts.lang], broken: opts.broken, shape: opts.shape };
  const contact = (c, min) => ({
    cid: c.cid, contactNick: c.name, contactAccountId: c.cid.split('#')[0].split('-')[1], countryCode: c.country, userNewLevel: c.level,
    latestMessage: { content: c.text, sendTime: opts.now - min * MINUTE, fromBuyer: true }, unread: c.unread ? 1 : 0,
  });
  let list;
  let cache;
  if (opts.shape === 'tabs') {
    list = TABS_CONTACTS.map(([min, awaiting, shown], n) => ({ ...contact(chats[n], min), awaiting: Boolean(awaiting), timeShown: Boolean(shown) }));
    cache = TABS_CACHED.map((n) => list[n]);
  } else {
    list = chats.slice(0, 8).map((c) => contact(c, c.min));
    demo.conversations = fiberConversations(opts);
    for (const [cid, messages] of Object.entries(demo.conversations)) {
      const last = messages.findLast((m) => m.by === 'buyer' && m.text);
      Object.assign(list.find((c) => c.cid === cid).latestMessage, { content: last.text, sendTime: last.at });
    }
    cache = list;
  }
  demo.contacts = list;
  const strip = ({ awaiting, timeShown, ...c }) => c;
  return `window.__demo = ${JSON.stringify(demo)};\nwindow.aliId = 'sellerali01';\nwindow.__VMFsConv__cache__ = ${JSON.stringify(cache.map(strip))};\n`;
}

// --- thirteenth round: OneTalk shapes chatvirt and chatdiv (static/chat13.js draws them) ----

/**
 * OneTalk with a long open chat, shapes chatvirt and chatdiv. Evidence (reference §4.1,
 * §4.2, §3.1):
 * - contact rows as in the tenth round [A]; the open chat's header `.content-header` with
 *   the buyer's name, messages `.message-container [class*=message-item-wrapper]` with
 *   `item-left` / `item-right`, `.item-base-info` (`.name`, the time as
 *   "YYYY-MM-DD HH:MM:SS"), `.session-rich-content.text` and `data-expinfo` (messageId,
 *   sendTime) [A]; the auto-reception's `自动接待发送` [A].
 * - chatvirt: "virtualised lists" (§1, React) [A] for the page, seen for the contact list
 *   (~20 rows rendered) [A]; the message list virtualised the same way (about 15 of 60
 *   messages in the DOM, rows positioned in a tall inner box) is what-if. The message
 *   service's emitter (`IcbuIM.IMBaaSSDK.IcbuEventServiceImpl.instance.emitter`,
 *   payload `messageModel.{cid, messageId, content.text.content, createAt, sender.uid}`)
 *   [A within one repository]; that it emits the history it loads at the chat's start
 *   (all 60, the last 20 or nothing: cache=all|20|0) is what-if.
 * - chatdiv: the composer under `#send-box-wrapper .send-input-areas .send-textarea-box`
 *   [A] as a contenteditable div instead of the textarea: what-if (no evidence of one on
 *   OneTalk; §3.3 finds none either). React-like: the draft is the page's state, taken
 *   from the box on each input event, and the box is drawn again from it (one block per
 *   line); the send button sends the state.
 */
function chat13Page(opts, t) {
  const body = `<link rel="stylesheet" href="/demo/static/chat13.css">
<div class="layout chat c13"><aside class="contacts"><div class="list-tab-item active">${t.pending}</div>
<div class="c13-list" id="c13-list"></div></aside>
<main class="conversation c13-conv" id="c13-conv"></main></div>`;
  return shell(opts, {
    title: 'OneTalk', host: 'onetalk', body,
    scripts: [`/demo/chat-data.js?${passOn(opts)}`, '/demo/static/common.js', '/demo/static/chat13.js'],
  });
}

// The long chat's history: [who, minutes before now, text]; our last reply is 37th of 60.
const CHAT13_HISTORY = [
  ['buyer', 4390, 'Hello, we are a solar installer in Valencia. Do you make 550W mono panels?'],
  ['auto', 4390, 'Thank you for your message! Our sales manager will reply within 24 hours.'],
  ['ours', 4300, 'Hello Maria, yes, 550W mono half-cell is our main model. How many pieces do you need?'],
  ['buyer', 4290, 'Around 40 pieces for the first project, more later.'],
  ['ours', 4280, 'Good. For 40 pieces the price is USD 0.19 per watt FOB Ningbo.'],
  ['buyer', 4270, 'What is the warranty?'],
  ['ours', 4265, '12 years product warranty and 30 years linear power warranty.'],
  ['buyer', 4260, 'Do you have TUV and CE certificates?'],
  ['ours', 4250, 'Yes, TUV, CE and IEC 61215. I will send them by file.'],
  ['buyer', 3000, 'Thanks, I received the certificates.'],
  ['buyer', 2990, 'Can you do CIF Valencia?'],
  ['ours', 2900, 'Yes, CIF Valencia would be USD 0.21 per watt.'],
  ['buyer', 2890, 'And the delivery time?'],
  ['ours', 2880, 'Production 15 days, shipping about 30 days to Valencia.'],
  ['buyer', 2870, 'OK, let me check with my partner.'],
  ['ours', 2860, 'Sure, take your time.'],
  ['buyer', 1600, 'Hi, my partner asks about the frame colour.'],
  ['ours', 1590, 'Black frame or silver frame, the same price.'],
  ['buyer', 1580, 'Black please.'],
  ['ours', 1570, 'Noted, black frame.'],
  ['buyer', 1560, 'What is the panel size?'],
  ['ours', 1550, '2278 x 1134 x 35 mm, 27.5 kg.'],
  ['buyer', 1540, 'How many per pallet?'],
  ['ours', 1530, '31 pieces per pallet.'],
  ['buyer', 1520, 'Can you mix 550W and 450W on one order?'],
  ['ours', 1510, 'Yes, mixing models is fine.'],
  ['buyer', 1500, 'Price for 450W?'],
  ['ours', 1490, 'USD 0.20 per watt CIF for 450W.'],
  ['buyer', 1480, 'Is there a discount for 100 pieces?'],
  ['ours', 1470, 'For 100 pieces we can do USD 0.185 per watt.'],
  ['buyer', 1460, 'Payment terms?'],
  ['ours', 1450, '30% T/T deposit, 70% before shipment.'],
  ['buyer', 1440, 'Can we pay by L/C?'],
  ['ours', 1430, 'L/C at sight is fine for orders over USD 20,000.'],
  ['buyer', 1420, 'OK. I will prepare the list of our projects.'],
  ['ours', 1410, 'Great, I am waiting for your list.'],
  ['buyer', 260, 'Good morning!'],
  ['ours', 250, 'Good morning Maria, how can I help?'],
];
// What the buyer wrote since our last reply, one message after another.
const CHAT13_SINCE = [
  'Here is the list of our projects for this quarter:',
  'Project 1: a school roof in Valencia, 40 panels 550W',
  'Project 2: a warehouse in Alicante, 120 panels 550W',
  'Project 3: a farm in Murcia, 60 panels 450W',
  'Project 4: two houses in Castellon, 24 panels 450W',
  'All with black frames please',
  'We need the panels in two shipments',
  'First shipment before the end of January',
  'Second shipment in March',
  'Please quote CIF Valencia for each shipment',
  'Also the price of mounting rails if you have them',
  'And inverters, 10 kW three-phase, 6 units',
  'Do you have them in stock now?',
  'Our bank is Banco Sabadell, we pay by L/C at sight',
  'Please include the warranty terms in the quotation',
  'Also the datasheets of the 450W model',
  'Our engineer wants the flash test report',
  'Can you send photos of the packing?',
  'We would like to visit your factory in February',
  'Is it near Ningbo port?',
  'Please send the quotation today if possible',
  'Thank you Lily!',
];

/** The chat of shapes chatvirt and chatdiv: 60 messages, with who wrote each, when, and its id. */
function chat13Messages(opts) {
  const since = CHAT13_SINCE.map((text, n) => ['buyer', 240 - n * 11, text]);
  // A new chat: the buyer's messages, the auto-reception's answer after the first.
  const fresh = [since[0], ['auto', 240, 'Thank you for your message! Our sales manager will reply within 24 hours.'], ...since.slice(1)];
  return (opts.fresh ? fresh : [...CHAT13_HISTORY, ...since]).map(([by, min, text], n) => ({
    messageId: `m13-${String(n + 1).padStart(3, '0')}`, by: by === 'auto' ? 'ours' : by, auto: by === 'auto' || undefined,
    at: opts.now - min * MINUTE + (by === 'auto' ? 20_000 : 0), text,
  }));
}

function chat13Data(opts) {
  const demo = { now: opts.now, lang: opts.lang, labels: L[opts.lang], broken: opts.broken, shape: opts.shape, cache: opts.cache, virt: opts.virt };
  const list = chats.slice(0, 6).map((c) => ({
    cid: c.cid, contactNick: c.name, contactAccountId: c.cid.split('#')[0].split('-')[1], countryCode: c.country, userNewLevel: c.level,
    latestMessage: { content: c.text, sendTime: opts.now - c.min * MINUTE, fromBuyer: true }, unread: c.unread ? 1 : 0,
  }));
  const messages = chat13Messages(opts);
  const last = messages.at(-1);
  list[0].latestMessage = { content: last.text, sendTime: last.at, fromBuyer: true };
  demo.contacts = list;
  demo.chat = { cid: list[0].cid, messages };
  return `window.__demo = ${JSON.stringify(demo)};\nwindow.aliId = 'sellerali01';\nwindow.__VMFsConv__cache__ = ${JSON.stringify(list)};\n`;
}

/** The OneTalk contacts: the demo's chats, and with shape=virtual 40 of them. */
function contactsOf(opts) {
  // at=…: the genuine demo chats, their buyer's last message at those instants.
  if (opts.at) return opts.at.map((at, n) => ({ ...chats[GENUINE_CHATS[n % GENUINE_CHATS.length]], min: (opts.now - at) / MINUTE }));
  if (opts.shape !== 'virtual') return chats;
  const more = [];
  for (let n = 0; more.length + chats.length < 40; n++) {
    const c = chats[n % chats.length];
    more.push({ ...c, cid: c.cid.replace(/buyerali(\d+)/, (_, d) => `buyerali${Number(d) + 500 + n}`), name: `${c.name.split(' ')[0]} ${String.fromCharCode(65 + (n % 26))}.`,
      // Older contacts: shown as yesterday's, or by date only.
      min: c.min + 60 * 26 + n * 97 });
  }
  return [...chats, ...more];
}

// The open chat of shape=virtual: our reply, then the buyer's pitch over three messages;
// the last alone reads harmless.
const PITCH = [
  'Hello my friend, I am very interested in big order of your panels',
  'For payment we use USDT crypto only, you get 30% extra on top of the price',
  'Please send me your bank login details on WhatsApp +44 7700 900123 to arrange it',
  'Waiting for your reply, thank you',
];

function chatData(opts) {
  if (opts.shape === 'tabs' || opts.shape === 'fiber') return chat10Data(opts);
  if (opts.shape === 'chatvirt' || opts.shape === 'chatdiv') return chat13Data(opts);
  const list = contactsOf(opts);
  const cache = list.map((c) => ({
    cid: c.cid, contactNick: c.name, contactAccountId: c.cid.split('#')[0].split('-')[1], countryCode: c.country, userNewLevel: c.level,
    latestMessage: { content: c.text, sendTime: opts.now - c.min * MINUTE, fromBuyer: true }, unread: c.unread ? 1 : 0,
  }));
  const demo = { now: opts.now, lang: opts.lang, labels: L[opts.lang], broken: opts.broken, shape: opts.shape };
  if (opts.shape === 'bare') {
    demo.pitch = { cid: cache[3].cid, ourAt: opts.now - 50 * MINUTE, texts: PITCH, at: [40, 30, 20, 10].map((m) => opts.now - m * MINUTE) };
    cache[3].latestMessage = { content: PITCH.at(-1), sendTime: demo.pitch.at.at(-1), fromBuyer: true };
  }
  if (opts.shape === 'virtual') {
    // Only the first 14 contacts are in the page's data cache; the rest the page loads
    // into its own list store, which Xunpan cannot see.
    demo.pitch = { cid: cache[3].cid, ourAt: opts.now - 50 * MINUTE, texts: PITCH, at: [40, 30, 20, 10].map((m) => opts.now - m * MINUTE) };
    cache[3].latestMessage = { content: PITCH.at(-1), sendTime: demo.pitch.at.at(-1), fromBuyer: true };
    return `window.__demo = ${JSON.stringify(demo)};\nwindow.aliId = 'sellerali01';\nwindow.__VMFsConv__cache__ = ${JSON.stringify(cache.slice(0, 14))};\nwindow.__demoMore = ${JSON.stringify(cache.slice(14))};\n`;
  }
  return `window.__demo = ${JSON.stringify(demo)};\nwindow.aliId = 'sellerali01';\nwindow.__VMFsConv__cache__ = ${JSON.stringify(cache)};\n`;
}

function rfqPage(opts) {
  const cards = rfqs.map((r) => `<div class="brh-rfq-item" data-rfq-id="${esc(r.id)}">
<a class="brh-rfq-item__subject-link" href="/rfq/detail.htm?id=${esc(r.id)}">${esc(r.title)}</a>
<div class="brh-rfq-item__detail">${esc(r.desc)}</div>
<div class="brh-rfq-item__quantity">Quantity Required: <span class="brh-rfq-item__quantity-num">${esc(r.qty)}</span> <span>${esc(r.unit)}</span></div>
<div class="brh-rfq-item__country">${esc(r.country)}</div>
<div class="brh-rfq-item__publishtime">Date Posted: <span>${r.hours < 48 ? `${r.hours} hours before` : `${Math.floor(r.hours / 24)} days before`}</span></div>
<div class="brh-rfq-item__quote-left">Quotes Left <span>${r.left}</span></div>
<div class="brh-rfq-item__other-info"><span class="text">${esc(r.buyer)}</span></div>
<div class="brh-rfq-item__buyer-tag">${r.tags.map((g) => `<span class="next-tag"><span class="next-tag-body">${esc(g)}</span></span>`).join('')}</div>
</div>`).join('\n');
  return shell(opts, { title: 'RFQ', host: 'sourcing', body: `<main class="content rfq-list">${cards}</main>`, scripts: ['/demo/static/common.js'] });
}

/**
 * The RFQ market as a grid of cards (shape=rfqgrid). Evidence: the card's fields
 * (title link, quantity, country, "Date Posted", "Quotes Left", buyer, buyer tags) are
 * [A] (§5, Swagatam-lab/AlibabaRFQScraping and three READMEs); written blind: hashed
 * classes instead of `brh-rfq-item__*`, the zh-CN labels (采购量 / 发布时间 / 剩余报价,
 * cf. §10.8: the seller UI is mostly seen in Chinese), relative ages in Chinese and the
 * country only as the flag's accessible label.
 */
function rfqGridPage(opts) {
  const age = (h) => (h < 24 ? `${h} 小时前` : `${Math.floor(h / 24)} 天前`);
  const cards = rfqs.map((r) => {
    const code = CODE_OF_COUNTRY[r.country] ?? '';
    return `<article class="_card_Hm4p1">
<h3 class="_tt_Q2w8"><a href="/rfq/detail/${esc(r.id.replace(/\D/g, ''))}.htm" target="_blank">${esc(r.title)}</a></h3>
<p class="_ds_V3r2">${esc(r.desc)}</p>
<ul class="_kv_P9s4"><li><span class="_k_J1a">采购量</span><span class="_v_J2b">${esc(r.qty)} ${esc(r.unit)}</span></li>
<li><span class="_k_J1a">发布时间</span><span class="_v_J2b">${age(r.hours)}</span></li>
<li><span class="_k_J1a">剩余报价</span><span class="_v_J2b">${r.left}</span></li></ul>
<div class="_by_L0z3"><span class="_fl_U5e" role="img" aria-label="${esc(r.country)}" title="${esc(r.country)}">${flagOf(code) || '🏳'}</span><span class="_bn_R4c">${esc(r.buyer)}</span></div>
<div class="_tg_N7y">${r.tags.map((g) => `<span class="_tag_B8q">${esc(g)}</span>`).join('')}</div>
<a class="_qb_D2k" href="/rfq/quote.htm?id=${esc(r.id)}" target="_blank">立即报价</a>
</article>`;
  }).join('\n');
  return shell({ ...opts, lang: 'zh' }, { title: '采购需求', host: 'sourcing', body: `<main class="_rfq_Wk2m5"><h2 class="_h_Ee1">采购需求</h2><div class="_grid_Ct8v6">${cards}</div></main>`, scripts: ['/demo/static/common.js'] });
}

// --- twelfth round: the RFQ market's life and its cards' forms (static/rfq12.js) ----

/**
 * The RFQ market list, `sourcing.alibaba.com/rfq/rfq_search_list.htm` (shape=rfqmore,
 * rfqforms), drawn by static/rfq12.js from `window.__demo.rfqs` (also the truth).
 * Evidence, both: the card `div.brh-rfq-item`, its subject link
 * `a.brh-rfq-item__subject-link`, `.brh-rfq-item__quantity-num` and the unit in the
 * quantity's third child, `.brh-rfq-item__country`, `.brh-rfq-item__publishtime`
 * ("Date Posted:"), `.brh-rfq-item__quote-left span`, `.brh-rfq-item__other-info .text`,
 * `.brh-rfq-item__buyer-tag .next-tag-body` and the five tag texts are [A] (§5,
 * Swagatam-lab/AlibabaRFQScraping and three READMEs). The reference names no id
 * attribute on a card: here the request's id is only in its subject link (what-if: the
 * link's form, `/rfq/detail.htm?id=<id>`, is not in the evidence).
 * - rfqmore: the market is paged by `&page=N` and server-rendered [A] (§1); what-if:
 *   the list loading its next page as the rep scrolls to its end (cards appended; the
 *   second page sends one card of the first again, as a page shifted by a new request
 *   would), a sort (最新 / most quotes left) that refills the same card elements by
 *   position (text and link changed in place), a category filter that replaces every
 *   card, a card with "0" quotes left and a closed one (its quote count replaced by
 *   "Closed", no quote button).
 * - rfqforms: what-if, the evidence shows the fields but not the forms of their values:
 *   a quantity as a range ("500-1000") or with a Chinese unit (件, 吨), "Date Posted"
 *   as "2 hours ago", "15 mins ago", "3天前", "Yesterday", "Dec 1, 2026", "2026-12-03
 *   09:15" or not shown at all, a card with no country element and one with an empty
 *   one, one with no buyer, tags other than the known five ("Verified buyer", "高意向"),
 *   a title with no description, and a banner of the platform's own (an offer to buy
 *   more quotes, with a link) between the cards, which no buyer wrote.
 */
function rfq12Page(opts) {
  const body = '<main class="content rfq12"><div class="rfq12-bar"></div><div class="brh-rfq-list"></div><div class="rfq12-more"></div></main>';
  return shell({ ...opts, lang: 'en' }, {
    title: 'RFQ', host: 'sourcing', body,
    scripts: [`/demo/rfq12-data.js?${passOn(opts)}`, '/demo/static/common.js', '/demo/static/rfq12.js'],
  });
}

/** [id, title, description or '', quantity, unit, country or null, buyer, tags, hours ago, quotes left, category] */
const RFQ_MORE = [
  ['881201', 'Body wave lace front wigs 22 inch', 'Need 300 pcs, 150% density, natural black, shipping to Houston by air.', '300', 'Pieces', 'United States', 'Keisha R.', ['Email Confirmed', 'Typically replies'], 1, 9, 'hair'],
  ['881202', 'Solar street light 100W all in one', 'IP65, 5 years warranty, with pole bracket. Please quote FOB Ningbo.', '500', 'Sets', 'Nigeria', 'Chinedu O.', ['Experienced buyer'], 3, 6, 'lights'],
  ['881203', 'Clip in hair extensions 18 inch blonde', 'Remy human hair, 7 pieces per set, 120 g. Sample first.', '100', 'Sets', 'United Kingdom', 'Amelia P.', [], 4, 4, 'hair'],
  ['881204', 'LED strip light 5050 RGB waterproof', 'IP67, 12V, 5m per roll, with controller and plug for EU.', '2000', 'Rolls', 'Germany', 'Jonas B.', ['Complete order via RFQ'], 6, 10, 'lights'],
  ['881205', 'Stainless steel water bottle 750ml', 'Double wall vacuum, custom logo laser engraved, gift box.', '5000', 'Pieces', 'Australia', 'Chloe M.', ['Interactive user', 'Email Confirmed'], 9, 7, 'home'],
  ['881206', 'Human hair bundles with closure', 'Brazilian straight 10-30 inch mixed, 3 bundles plus 4x4 closure.', '50', 'Packs', 'Ghana', 'Ama K.', ['Email Confirmed'], 12, 2, 'hair'],
  ['881207', 'Garden pergola aluminium 3x4 m', 'Louvered roof, motorised, white or anthracite. DDP Madrid.', '20', 'Sets', 'Spain', 'Lucia F.', [], 20, 8, 'home'],
  ['881208', 'Panel light 600x600 48W backlit', 'For a school project, UGR<19, 5 years warranty, CE RoHS.', '1500', 'Pieces', 'Poland', 'Tomasz W.', ['Experienced buyer', 'Typically replies'], 26, 5, 'lights'],
  ['881209', 'Silk pillowcase 22 momme', 'Mulberry silk, envelope closure, 10 colours, private label.', '1000', 'Pieces', 'Canada', 'Olivia T.', ['Interactive user'], 30, 3, 'home'],
  ['881210', 'Tape in extensions 20 inch', 'Double drawn, 40 pcs per pack, colours 60 and 613.', '80', 'Packs', 'France', 'Manon D.', [], 40, 11, 'hair'],
  ['881211', 'Flood light 200W for a stadium', 'Tender next month: photometric files needed with the quote.', '120', 'Pieces', 'Kenya', 'Otieno J.', ['Email Confirmed'], 50, 0, 'lights'],
  ['881212', 'Kitchen knife set 8 pieces', 'German steel, wooden block, colour box, Amazon ready.', '600', 'Sets', 'Italy', 'Marco R.', ['Complete order via RFQ'], 60, 0, 'home'],
  ['881213', 'Wig glue and lace tint spray', 'Waterproof lace glue 38 ml and tint spray, OEM labels.', '3000', 'Pieces', 'South Africa', 'Thandi N.', [], 70, 5, 'hair'],
  ['881214', 'Track lighting system black 30W', 'For a retail shop fit-out, 3 circuits, CRI > 90.', '250', 'Pieces', 'Netherlands', 'Daan V.', ['Typically replies'], 90, 4, 'lights'],
];

/** rfqforms: [id, title, description or null, quantity, unit, country ('' empty, null none), buyer or null, tags, posted form, minutes ago, quotes left] */
const RFQ_FORMS = [
  ['882301', 'Human hair wigs wholesale mixed lengths', 'Looking for a factory for 13x4 lace wigs, long term order every month.', '500-1000', 'Pieces', 'United States', 'Danielle H.', ['Email Confirmed'], 'hours', 125, 6],
  ['882302', '防水LED灯带 5米', '需要5050灯珠，12V，出口中东，请报价含运费。', '5000', '件', 'United Arab Emirates', 'Ahmed S.', ['高意向'], 'zhdays', 3 * 1440 + 200, 5],
  ['882303', 'Porcelain floor tiles 600x1200', 'Matt finish, grey and beige, 20 containers over a year.', '1,200', 'Square Meters', null, 'Rafael G.', ['Verified buyer'], 'date', 2 * 1440 + 600, 9],
  ['882304', 'Baby stroller lightweight foldable', null, '300', 'Units', '', 'Sara L.', [], 'datetime', 17 * 60 + 5, 4],
  ['882305', 'Ceramic mugs with custom print', 'Sublimation blanks, 11 oz, white, packed 36 per carton.', '2000', 'Pieces', 'Mexico', null, ['New buyer', 'Email Confirmed'], 'yesterday', 1440 + 300, 7],
  ['882306', 'Steel rebar HRB400 12 mm', 'CIF Mombasa, mill test certificate required, L/C at sight.', '20', '吨', 'Kenya', 'Brian M.', ['Experienced buyer'], 'mins', 15, 0],
  ['882307', 'Bamboo toothbrush charcoal bristles', 'Individually boxed, custom logo, FSC bamboo.', '10000', 'Pieces', 'Sweden', 'Elin N.', ['Interactive user'], 'none', 0, 8],
  ['882308', 'Hair straightener titanium plates', 'Dual voltage, LCD display, private label box, 1 inch plates.', '400', 'Pieces', 'Brazil', 'Larissa C.', ['Typically replies', 'Complete order via RFQ'], 'days', 4 * 1440 + 100, 3],
];

function rfq12Data(opts) {
  const MIN = MINUTE;
  let rfqs;
  if (opts.shape === 'rfqforms') {
    rfqs = RFQ_FORMS.map(([id, title, desc, qty, unit, country, buyer, tags, form, ago, left]) => ({
      id, title, desc, qty, unit, country, buyer, tags, form, at: form === 'none' ? null : opts.now - ago * MIN, left, closed: false,
    }));
  } else {
    rfqs = RFQ_MORE.map(([id, title, desc, qty, unit, country, buyer, tags, hours, left, category], n) => ({
      id, title, desc, qty, unit, country, buyer, tags, form: 'hours', at: opts.now - hours * 60 * MIN, left, closed: n === 11, category,
    }));
  }
  return `window.__demo = ${JSON.stringify({ now: opts.now, shape: opts.shape, rfqs })};
`;
}

// --- eleventh round: the list's life over an hour (static/life11.js draws both) --------

/**
 * The list and the detail as one page (shape=spa, drawer) or the list redrawn in place
 * (shape=refill); both are `default.htm` and never load again.
 * Evidence, both: `default.htm#feedback/all`, hash-routed, filters and pages in the hash
 * [A] (§1); the aui2 grid rows `a.inquiry-item[data-trade-id]` with `.spec-inquiry-id`,
 * `.aui2-grid-name[title]`, `.ui2-flag[title]`, `.buyer-product-name-content`,
 * `.buyer-chat-msg`, `.aui2-grid-quo-status-col` [A]/[B] (§2.1); the first 20 rows in
 * `window.feedbackListResponse.list` [B] and every later view from `subjectList.htm`
 * [A] (§2.2); the row's `url`, `/message/default.htm?imInquiryId=<id>#feedback/detail/
 * all/<id>/<feedbackId>/<secTradeId>/`, a hash route inside the list app [A] (§1).
 * - spa: a row opens its inquiry in place (history.pushState to the row's `url`), the
 *   detail drawn like maDetail.htm ([A] §3.1 message rows, §3.2 CRM card, §3.3 TinyMCE
 *   `normal-im-send` made from `.mock-reply`) from the answers of getOpMessages.htm [A]
 *   and the alicrm JSONP [A], asked anew for each inquiry; Back brings the list back,
 *   asked for again and drawn anew (not restored). What-if: opening in place at all (the
 *   sources saw "view detail" open a new tab, §1 [A]; Yingdan checks the hash for
 *   `/feedback/detail/`, [B]); the detail's "next" link that changes the hash alone, the
 *   address keeping the imInquiryId it was opened with.
 * - drawer: what-if (no evidence of a drawer or side pane): the same detail opened in a
 *   drawer over the list, which stays drawn under it with its rows; closing the drawer
 *   (Back) takes it away and leaves the list as it was; one editor on the page.
 * - refill: the folders 全部 / 未读 / 垃圾询盘 (`#feedback/unread`, `#feedback/spam`
 *   [C]; the junk folder exists, §6 [B]), the pages `.ui2-pagination-pages`-like pager
 *   [A], a search box (the request's `search` object [A]; its keyword field what-if) and a
 *   refresh. What-if: the rows are a pool of elements reused by position, updated as
 *   React updates them (a text node's value, changed attributes); the junk folder comes
 *   back empty; page 3 fails (the page says so and shows no rows); after a refresh one
 *   row shows the buyer's new message and another our reply (§2.2 `latestMessage`
 *   `sendType` "rec" / "send", [A] real sample).
 */
function life11Page(opts) {
  const body = '<link rel="stylesheet" href="/demo/static/life11.css"><div id="l11-app"></div>';
  return shell({ ...opts, lang: 'zh' }, {
    title: L.zh.inbox, host: 'message', body,
    scripts: [`/demo/life11-data.js?${passOn(opts)}`, '/demo/static/common.js', '/demo/static/life11.js'],
  });
}

/** After the refresh of shape=refill: [tradeId, who wrote the newest message, its text, minutes ago]. */
const REFILL_NEWS = [
  ['7301000007', 'rec', 'Dear, check the link and confirm the order today: http://alibaba-order-check.example/confirm?id=88', 1],
  ['7301000001', 'send', 'Dear customer, thank you for your inquiry. We will send the price list today.', 2],
];

/** A row of shape=refill as the refresh `poll` sees it. */
function refillRow(row, poll, now) {
  const news = poll > 0 && REFILL_NEWS.find(([id]) => id === row.tradeId);
  if (!news) return row;
  const [, sendType, content, ago] = news;
  const at = now - ago * MINUTE;
  return sendType === 'send'
    ? { ...row, replyStatus: 1, hasUnread: false, unreadCount: 0, modifiedTime: at, lastestReplyTime: at, latestMessage: { sendType, gmtChat: at, content, contactRead: false } }
    : { ...row, hasUnread: true, unreadCount: 2, modifiedTime: at, latestMessage: { sendType, gmtChat: at, content, contactRead: false } };
}

/** subjectList.htm for shape=refill: search, the refresh, an empty junk folder, page 3 failing. */
function refillList(opts, params, all, page, size) {
  if (page === 3) return { code: 500, message: '系统繁忙' };
  const keyword = String(params.search?.keyword ?? '').toLowerCase();
  const rows = all.map((q, n) => refillRow(rowOf(q, n, opts), Number(params.poll) || 0, opts.now))
    .filter((r) => !keyword || [r.sender.name, r.productInfo[0]?.productName ?? '', r.latestMessage.content].some((v) => v.toLowerCase().includes(keyword)));
  const list = rows.slice((page - 1) * size, page * size).map((r) => [r]);
  return { code: 200, data: { list, pagination: { currentPage: page, nextPage: page + 1, pageSize: size, totalCount: rows.length } } };
}

/** The first view's data, the query the page asks with, and (for the tests) the truth of every row. */
function life11Data(opts) {
  const inquiriesShown = folderRows('all', opts);
  const all = inquiriesShown.map((q, n) => rowOf(q, n, opts));
  const demo = { now: opts.now, lang: 'zh', labels: L.zh, pageSize: opts.pageSize, shape: opts.shape, q: passOn(opts) };
  const truth = Object.fromEntries(all.map((r, n) => [r.tradeId,
    { name: r.sender.name, text: r.latestMessage.content, body: bodyOf(inquiriesShown[n], opts), at: r.createTime, replied: Boolean(r.replyStatus) }]));
  const news = Object.fromEntries(REFILL_NEWS.map(([id, sendType, text, ago]) => [id, { sendType, text, at: opts.now - ago * MINUTE }]));
  return `window.__demo = ${JSON.stringify(demo)};
window.feedbackListResponse = ${JSON.stringify({ list: all.slice(0, opts.pageSize), total: all.length })};
window.__l11Truth = ${JSON.stringify({ rows: truth, news })};
`;
}

// --- the server -----------------------------------------------------------------------------

function makeCert() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xunpan-demo-cert-'));
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '2',
    '-subj', '/CN=*.alibaba.com', '-addext', 'subjectAltName=DNS:*.alibaba.com,DNS:alibaba.com'], { stdio: 'ignore' });
  const out = { key: fs.readFileSync(key), cert: fs.readFileSync(cert) };
  fs.rmSync(dir, { recursive: true, force: true });
  return out;
}

const TYPES = { '.css': 'text/css', '.js': 'text/javascript', '.mjs': 'text/javascript', '.png': 'image/png', '.svg': 'image/svg+xml', '.woff': 'font/woff', '.woff2': 'font/woff2' };

function handler(serverCsp) {
  return (req, res) => {
    const host = (req.headers.host ?? '').split(':')[0].toLowerCase();
    const url = new URL(req.url, `https://${host || 'localhost'}`);
    const opts = options(url);
    const headers = { 'cache-control': 'no-store' };
    if (opts.csp || serverCsp === 'strict') headers['content-security-policy'] = STRICT_CSP;
    const send = (status, type, body) => {
      res.writeHead(status, { ...headers, 'content-type': `${type}; charset=utf-8` });
      res.end(body);
    };
    const json = (obj) => send(200, 'application/json', JSON.stringify(obj));
    const p = url.pathname;

    if (p.startsWith('/demo/static/')) {
      const file = path.join(STATIC, path.basename(p));
      if (!fs.existsSync(file)) return send(404, 'text/plain', 'not found');
      if (file.endsWith('.mjs')) return send(200, 'text/javascript', moduleSource(fs.readFileSync(file, 'utf8')));
      return send(200, TYPES[path.extname(file)] ?? 'application/octet-stream', fs.readFileSync(file));
    }
    if (p.startsWith('/demo/nm/')) {
      // The real editor libraries, from tests/node_modules (only files inside it).
      const file = path.resolve(NODE_MODULES, decodeURIComponent(p.slice('/demo/nm/'.length)));
      if (!file.startsWith(`${NODE_MODULES}${path.sep}`) || !fs.existsSync(file) || !fs.statSync(file).isFile()) return send(404, 'text/plain', 'not found');
      const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
      const umd = /[\\/]node_modules[\\/](tinymce|quill)[\\/]/.test(file);
      if (type === 'text/javascript' && !umd) return send(200, type, moduleSource(fs.readFileSync(file, 'utf8')));
      return send(200, type, fs.readFileSync(file));
    }
    if (p === '/favicon.ico') return send(204, 'text/plain', '');

    if (host === 'message.alibaba.com') {
      if (p === '/message/default.htm') {
        if (['spa', 'drawer', 'refill'].includes(opts.shape)) return send(200, 'text/html', life11Page(opts));
        if (url.searchParams.get('imInquiryId')) {
          const id = url.searchParams.get('imInquiryId');
          const page = opts.shape === 'xlate' ? shapes20().detailPage(opts, url, id) : detailPage(opts, id);
          if (page) return send(200, 'text/html', page);
        }
        if (opts.shape === 'hashed') return send(200, 'text/html', hashedListPage(opts));
        if (opts.shape === 'html') return send(200, 'text/html', htmlListPage(opts));
        if (opts.shape === 'vtable') return send(200, 'text/html', vtableListPage(opts));
        if (opts.shape === 'marks') return send(200, 'text/html', marksListPage(opts));
        if (opts.shape === 'en12') return send(200, 'text/html', en12ListPage(opts));
        if (opts.shape === 'zone22') return send(200, 'text/html', zone22ListPage(opts));
        return send(200, 'text/html', listPage(opts));
      }
      if (p === '/demo/hashed-data.js') return send(200, 'text/javascript', hashedData(opts));
      if (p === '/demo/vtable-data.js') return send(200, 'text/javascript', vtableData(opts));
      if (p === '/demo/marks-data.js') return send(200, 'text/javascript', marksData(opts));
      if (p === '/demo/en12-data.js') return send(200, 'text/javascript', en12Data(opts));
      if (p === '/demo/zone22-data.js') return send(200, 'text/javascript', zone22Data(opts));
      if (p === '/demo/x20-data.js') return send(200, 'text/javascript', shapes20().data(opts, url));
      if (p === '/message/maDetail.htm') {
        const id = url.searchParams.get('imInquiryId') ?? '';
        const page = opts.shape === 'xlate' ? shapes20().detailPage(opts, url, id) : detailPage(opts, id);
        return page ? send(200, 'text/html', page) : send(404, 'text/html', '<h1>No such inquiry</h1>');
      }
      if (p === '/demo/life11-data.js') return send(200, 'text/javascript', life11Data(opts));
      if (p === '/demo/list-data.js') return send(200, 'text/javascript', listData(opts));
      if (p === '/demo/detail-data.js') return send(200, 'text/javascript', detailData(opts, url.searchParams.get('id')));
      if (p === '/message/ajax/feedback/subjectList.htm') {
        let body = '';
        req.on('data', (c) => (body += c.length + body.length < 1e6 ? c : ''));
        req.on('end', () => json(subjectList(opts, body)));
        return undefined;
      }
      if (p === '/message/getOpMessages.htm') return json(opMessages(opts, url.searchParams.get('tradeId')));
    }
    if (host === 'alicrm.alibaba.com' && p === '/jsonp/customerPluginQueryServiceI/queryCustomerInfo.json') {
      const callback = url.searchParams.get('callback') ?? '';
      const answer = JSON.stringify(customerInfo(opts, url.searchParams.get('tradeId')));
      if (!/^[\w$]{1,64}$/.test(callback)) return json(customerInfo(opts, url.searchParams.get('tradeId')));
      return send(200, 'text/javascript', `/**/${callback}(${answer});`);
    }
    if (host === 'i.alibaba.com' && p === '/index.htm' && opts.shape === 'frame12') return send(200, 'text/html', frame12Page(opts));
    if (host === 'onetalk.alibaba.com') {
      if (p === '/message/weblitePWA.htm') return send(200, 'text/html', chatPage(opts, url));
      if (p === '/demo/x20-chat.js') return send(200, 'text/javascript', shapes20().data(opts, url));
      if (p === '/demo/chat-data.js') return send(200, 'text/javascript', chatData(opts));
    }
    if (host === 'sourcing.alibaba.com' && p === '/rfq/rfq_search_list.htm') {
      if (['rfqmore', 'rfqforms'].includes(opts.shape)) return send(200, 'text/html', rfq12Page(opts));
      return send(200, 'text/html', opts.shape === 'rfqgrid' ? rfqGridPage(opts) : rfqPage(opts));
    }
    if (host === 'sourcing.alibaba.com' && p === '/demo/rfq12-data.js') return send(200, 'text/javascript', rfq12Data(opts));
    return send(404, 'text/html', `<h1>Not part of the demo: ${esc(host)}${esc(p)}</h1>`);
  };
}

/** The scripts of a real editor library's shape: its UMD build if it has one, then the page's own module. */
function realEditorScripts(shape) {
  if (!REAL_EDITORS.includes(shape)) return [];
  const umd = { tiny8: '/demo/nm/tinymce/tinymce.min.js', mcemod: '/demo/nm/tinymce/tinymce.min.js', quill: '/demo/nm/quill/dist/quill.js' }[shape];
  return [...(umd ? [umd] : []), '/demo/static/real-editors.mjs'];
}

/** The style sheets the real editor libraries ask their pages to load. */
function realEditorStyles(shape) {
  const sheet = { quill: '/demo/nm/quill/dist/quill.snow.css', prosemirror: '/demo/nm/prosemirror-view/style/prosemirror.css' }[shape];
  return sheet ? `<link rel="stylesheet" href="${sheet}">` : '';
}

/**
 * The file an ES module specifier ("lexical", "@lexical/extension/signals") names in
 * tests/node_modules, by its package's `exports` (browser, import, production, default
 * conditions) or `module` / `main`; null when there is none.
 */
function resolveModule(specifier) {
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
  const sub = `.${specifier.slice(name.length)}`;
  const dir = path.join(NODE_MODULES, name);
  let manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
  } catch {
    return null;
  }
  const pick = (entry) => {
    if (typeof entry === 'string') return entry;
    if (!entry || typeof entry !== 'object') return null;
    for (const [condition, value] of Object.entries(entry)) {
      if (['browser', 'import', 'production', 'default', 'module'].includes(condition)) {
        const found = pick(value);
        if (found) return found;
      }
    }
    return null;
  };
  let file = null;
  if (manifest.exports) {
    const exported = typeof manifest.exports === 'string' || !Object.keys(manifest.exports).some((k) => k.startsWith('.'))
      ? { '.': manifest.exports } : manifest.exports;
    file = pick(exported[sub]);
  } else if (sub === '.') {
    file = manifest.module ?? manifest.main ?? 'index.js';
  } else {
    file = sub;
  }
  return file ? `/demo/nm/${name}/${path.posix.normalize(file).replace(/^\.\//, '')}` : null;
}

/** An ES module of tests/node_modules with its bare imports pointed at the files they name. */
function moduleSource(source) {
  return source.replace(/(\bfrom\s*|\bimport\s*\(?\s*)(["'])([^"'./][^"']*)\2/g,
    (whole, lead, quote, specifier) => `${lead}${quote}${resolveModule(specifier) ?? specifier}${quote}`);
}

// --- twelfth round: page shapes en12, cke4, mcemod, frame12 (tests/e2e/shapes12.test.mjs) ---

/** Ages in minutes of the en12 list's rows: from just now to over a year. */
const EN12_AGES = [0.4, 4, 18, 52, 130, 250, 410, 600, 900, 1300, 1700, 2300, 3000, 4400, 6000, 8600, 15000, 43000, 120000, 600000];

/**
 * How the en12 list shows a time `ms` (the rows's n-th form), in the zone `tz`, as lists
 * of the English UI commonly do: "Just now", "N min ago", "N hours ago", "h:mm AM",
 * "Yesterday h:mm PM", "Tue 3:05 PM", "Nov 28", "Nov 28, 9:14 AM", "Nov 28, 2025".
 * Returns { text, precision }: 'at' when the text names the minute, 'day' when only
 * the day, null when not even that (hours ago across midnight).
 */
function en12Shown(ms, now, tz, n) {
  const part = (d, o) => new Intl.DateTimeFormat('en-US', { timeZone: tz, ...o }).format(new Date(d));
  const day = (d) => shownIn(d, tz).slice(0, 10);
  const clock = part(ms, { hour: 'numeric', minute: '2-digit', hour12: true });
  const age = (now - ms) / MINUTE;
  if (age < 1) return { text: 'Just now', precision: 'at' };
  if (age < 60) return { text: n % 2 ? `${Math.floor(age)} minutes ago` : `${Math.floor(age)} min ago`, precision: 'at' };
  if (day(ms) === day(now)) {
    if (n % 3 !== 0) return { text: clock, precision: 'at' };
    const h = Math.floor(age / 60);
    // "N hours ago" names the day only when that hour cannot straddle midnight.
    const sure = day(now - (h + 1) * 60 * MINUTE) === day(now - Math.max(0, h - 0.5) * 60 * MINUTE);
    return { text: `${h} hour${h === 1 ? '' : 's'} ago`, precision: sure ? 'day' : null };
  }
  if (day(ms) === day(now - 1440 * MINUTE)) return { text: `Yesterday ${clock}`, precision: 'at' };
  if (age < 6 * 1440) return { text: `${part(ms, { weekday: 'short' })} ${clock}`, precision: 'at' };
  const md = part(ms, { month: 'short', day: 'numeric' });
  if (part(ms, { year: 'numeric' }) !== part(now, { year: 'numeric' })) return { text: `${md}, ${part(ms, { year: 'numeric' })}`, precision: 'day' };
  return n % 2 ? { text: `${md}, ${clock}`, precision: 'at' } : { text: md, precision: 'day' };
}

/** The rows of shape=en12 with their shown times and the truth the test reads. */
function en12Rows(opts) {
  return shapeRows(opts).slice(0, Math.min(opts.pageSize, EN12_AGES.length)).map((r, n) => {
    const created = r.replied ? r.updated : opts.now - Math.round(EN12_AGES[n] * MINUTE);
    const shown = en12Shown(created, opts.now, opts.tz, n);
    // Where the exact time is kept: nowhere, a <time datetime>, or a tooltip title in
    // the browser's default en-US form ("12/3/2026, 2:32:10 PM").
    const exact = ['', 'datetime', 'title'][n % 3];
    const title = new Intl.DateTimeFormat('en-US', { timeZone: opts.tz, dateStyle: 'short', timeStyle: 'medium' }).format(new Date(created))
      .replace(/\/(\d{2}),/, (m, y) => `/20${y},`);
    return { ...r, created, shown: shown.text, precision: exact ? 'at' : shown.precision, exact, title, day: shownIn(created, opts.tz).slice(0, 10) };
  });
}

/**
 * The inquiry list in the English UI (shape=en12). Evidence: the row `a.inquiry-item`
 * with `data-trade-id` and its detail link (§2.1 [A]), the buyer's full name in a
 * `title` (§2.1 [A]), the flag with its country in `title` (§2.1 [B]), the product and
 * preview (§2.1 [A]/[B]), the status column (§2.1 [A]). Written blind (§10.8, §10.10:
 * English label texts and English-UI variants were never seen): the labels in English,
 * no dates in the header, the time of a row as English lists show it (relative,
 * 12-hour clocks, month names), its exact value kept in a <time datetime> on some rows
 * and in a tooltip in the browser's default en-US form on others.
 */
function en12ListPage(opts) {
  const rows = en12Rows(opts).map((r) => {
    const time = r.exact === 'datetime'
      ? `<time class="aui2-grid-time" datetime="${new Date(r.created).toISOString()}">${esc(r.shown)}</time>`
      : `<span class="aui2-grid-time"${r.exact === 'title' ? ` title="${esc(r.title)}"` : ''}>${esc(r.shown)}</span>`;
    return `<div class="aui2-grid-wraper"><a class="inquiry-item" data-trade-id="${esc(r.id)}" href="/message/maDetail.htm?imInquiryId=${esc(r.id)}" target="_blank">
<div class="aui2-grid-header"><span class="spec-inquiry-id">Inquiry No.: ${esc(r.id)}</span></div>
<div class="aui2-grid-body"><div class="who"><span class="aui2-grid-name u-text-center" title="${esc(r.name)}">${esc(r.name)}</span><span class="ui2-flag ui2-flag-${esc(r.cc.toLowerCase())}" title="${esc(r.country)}"></span></div>
<div class="what"><div class="buyer-product-name-content">${esc(r.product)}</div><div class="buyer-chat-msg">${esc(r.text)}</div></div>
${time}<span class="aui2-grid-quo-status-col">${r.replied ? 'Replied' : 'New inquiry'}</span><span class="actions-view-detail">View details</span></div></a></div>`;
  }).join('\n');
  const body = `<div class="layout"><nav class="side"><a class="active">Inquiries</a><a href="https://onetalk.alibaba.com/message/weblitePWA.htm">Messages</a></nav>
<main class="content"><h2 class="reply-info-title">Inquiries</h2><div id="list-root" class="main-content"><div class="ui2-list-body">${rows}</div></div></main></div>`;
  return shell({ ...opts, lang: 'en' }, { title: 'Inquiries', host: 'message', body, scripts: [`/demo/en12-data.js?${passOn(opts)}`] });
}

/** The truth of shape=en12, for the tests only (the page draws from the HTML alone). */
function en12Data(opts) {
  return `window.__enTruth = ${JSON.stringify({ now: opts.now, rows: en12Rows(opts) })};\n`;
}

/**
 * My Alibaba with the message center in a frame (shape=frame12, on i.alibaba.com).
 * Evidence: My Alibaba's home at i.alibaba.com (§1 [B]) and its header's "Message
 * Center" link to message.alibaba.com's list (§1 [A] 32688585595); Customer Pass's
 * lists served under i.alibaba.com/hub/… while the app itself is alicrm.alibaba.com's
 * (§1 [A]), the hub being a shell around another host's page. Written blind: that the
 * hub frames the message center the same way (the frame's page is the older list,
 * shape=html, as it is served stand-alone).
 */
function frame12Page(opts) {
  const q = passOn({ ...opts, shape: 'html' });
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>My Alibaba</title><link rel="stylesheet" href="https://message.alibaba.com/demo/static/demo.css">
<style>.hub{display:flex;height:calc(100vh - 48px)}.hub nav{width:180px;padding:12px;background:#f4f5f7}.hub iframe{flex:1;border:0}</style></head>
<body class="demo"><div class="topbar"><span class="logo">Alibaba.com</span><span class="crumb">My Alibaba</span><span class="who">Lily Chen · Demo Trading Co.</span></div>
<div class="hub"><nav><a>Home</a><br><a class="active">Message Center</a><br><a>Customers</a><br><a>Products</a></nav>
<iframe id="hub-frame" title="Message Center" src="https://message.alibaba.com/message/default.htm?${q}#feedback/all"></iframe></div>
</body></html>`;
}

// --- zone22: the rep's own zone and hours (tests/e2e/zone22.test.mjs) ---------------------

const WEEKDAYS_ZH = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

/**
 * How the zone22 list shows a time `ms` (the row's n-th form) in the zone `tz`, as the
 * Chinese UI's lists and chat contacts show times: "刚刚", "N分钟前", "HH:MM" today,
 * "昨天 HH:MM" or "昨天", "周二 HH:MM" or "周二" within the week, "11-28 09:14" or
 * "11-28" this year, "2025-11-28" before. Returns { text, precision } ('at': the text
 * names the minute; 'day': only the day).
 */
function zone22Shown(ms, now, tz, n) {
  const s = shownIn(ms, tz);
  const day = (d) => shownIn(d, tz).slice(0, 10);
  const clock = s.slice(11, 16);
  const age = (now - ms) / MINUTE;
  const daysBack = Math.round((Date.parse(`${day(now)}T00:00:00Z`) - Date.parse(`${day(ms)}T00:00:00Z`)) / (1440 * MINUTE));
  if (age >= 0 && age < 1) return { text: '刚刚', precision: 'at' };
  if (age >= 1 && age < 60) return { text: `${Math.floor(age)}分钟前`, precision: 'at' };
  if (daysBack === 0) return { text: clock, precision: 'at' };
  const withTime = n % 3 !== 2;
  if (daysBack === 1) return withTime ? { text: `昨天 ${clock}`, precision: 'at' } : { text: '昨天', precision: 'day' };
  if (daysBack > 1 && daysBack < 7) {
    const weekday = WEEKDAYS_ZH[new Date(`${day(ms)}T12:00:00Z`).getUTCDay()];
    return withTime ? { text: `${weekday} ${clock}`, precision: 'at' } : { text: weekday, precision: 'day' };
  }
  if (s.slice(0, 4) === day(now).slice(0, 4)) return withTime ? { text: `${s.slice(5, 10)} ${clock}`, precision: 'at' } : { text: s.slice(5, 10), precision: 'day' };
  return { text: s.slice(0, 10), precision: 'day' };
}

/** The rows of shape=zone22 (the instants of at=…) with their shown times and the truth. */
function zone22Rows(opts) {
  if (!opts.at) return [];
  return shapeRows(opts).map((r, n) => {
    const shown = zone22Shown(r.created, opts.now, opts.tz, n);
    return { ...r, shown: shown.text, precision: shown.precision, day: shownIn(r.created, opts.tz).slice(0, 10), local: shownIn(r.created, opts.tz) };
  });
}

/**
 * The inquiry list in the Chinese UI with its rows only in the HTML (shape=zone22, with
 * at=…; tz= the zone the page draws in, the browser's as on the real pages). Evidence:
 * the row `a.inquiry-item` with `data-trade-id` and its detail link (§2.1 [A]), the
 * buyer's full name in a `title` (§2.1 [A]), the flag with its country in `title`
 * (§2.1 [B]), the product and preview (§2.1 [A]/[B]), the status column's 新询盘 (§2.1
 * [A]); OneTalk's contact time `.contact-time` as "HH:MM" (§4.1 [A]). Written blind:
 * the row's time in the forms Chinese lists use for older items ("昨天 14:32", "周二",
 * "11-28"), relative to the page's now in the browser's zone, with no page data and no
 * exact time anywhere on the page.
 */
function zone22ListPage(opts) {
  const t = L.zh;
  const rows = zone22Rows(opts).map((r) => `<div class="aui2-grid-wraper"><a class="inquiry-item" data-trade-id="${esc(r.id)}" href="/message/maDetail.htm?imInquiryId=${esc(r.id)}" target="_blank">
<div class="aui2-grid-header"><span class="spec-inquiry-id">${t.no}${esc(r.id)}</span></div>
<div class="aui2-grid-body"><div class="who"><span class="aui2-grid-name u-text-center" title="${esc(r.name)}">${esc(r.name)}</span><span class="ui2-flag ui2-flag-${esc(r.cc.toLowerCase())}" title="${esc(r.country)}"></span></div>
<div class="what"><div class="buyer-product-name-content">${esc(r.product)}</div><div class="buyer-chat-msg">${esc(r.text)}</div></div>
<span class="aui2-grid-time">${esc(r.shown)}</span><span class="aui2-grid-quo-status-col">${r.replied ? '洽谈中' : '新询盘'}</span><span class="actions-view-detail">${t.detail}</span></div></a></div>`).join('\n');
  const body = `<div class="layout"><nav class="side"><a class="active">${t.inbox}</a><a href="https://onetalk.alibaba.com/message/weblitePWA.htm">${t.chat}</a></nav>
<main class="content"><h2 class="reply-info-title">${t.inbox}</h2><div id="list-root" class="main-content"><div class="ui2-list-body">${rows}</div></div></main></div>`;
  return shell({ ...opts, lang: 'zh' }, { title: t.inbox, host: 'message', body, scripts: [`/demo/zone22-data.js?${passOn(opts)}`] });
}

/** The truth of shape=zone22, for the tests only (the page draws from the HTML alone). */
function zone22Data(opts) {
  return `window.__z22Truth = ${JSON.stringify({ now: opts.now, tz: opts.tz, rows: zone22Rows(opts) })};\n`;
}

/** Starts the server; resolves to `{ port, close() }`. */
function start({ port = 0, csp = null } = {}) {
  const server = https.createServer(makeCert(), handler(csp));
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      resolve({
        port: server.address().port,
        close: () => new Promise((done) => {
          server.closeAllConnections?.();
          server.close(() => done());
        }),
      });
    });
  });
}

module.exports = { start, STRICT_CSP };

if (require.main === module) {
  const arg = (name) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  start({ port: Number(arg('--port') ?? 8443), csp: arg('--csp') ?? null }).then(({ port }) => {
    console.log(`demo seller inbox on https://127.0.0.1:${port}`);
    console.log(`start Chromium with --host-resolver-rules="MAP *.alibaba.com 127.0.0.1:${port}" --ignore-certificate-errors`);
    console.log('then open https://message.alibaba.com/message/default.htm#feedback/all');
  });
}
