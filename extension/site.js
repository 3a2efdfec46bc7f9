// Site knowledge: the one place that knows Alibaba.com's seller pages.
//
// URL patterns, CSS selectors and the page-data shapes live here as data; nothing
// else in Xunpan names a selector. Each selector is an ordered fallback chain with a
// note of what it targets, the strength of the evidence for it (A: seen in two
// independent sources or verified live; B: one source that ran on the live page; C:
// guessed), and how many elements it must match on each demo page — the browser tests
// check every count. A rep (or an admin) can override any selector in the settings.
//
// `collect()` turns a page into items, each with the page's own element, where to draw,
// and an Inquiry in the data-contract shape. It prefers the data the page itself holds
// (posted by page-data.js) and falls back to the DOM for every field; what it could not
// find is listed in `health.missing`, so a changed page is noticed, never misread.
(() => {
  'use strict';

  /** Page types, recognised by URL. */
  const PAGES = Object.freeze({
    inquiryDetail: (u) =>
      u.hostname === 'message.alibaba.com' &&
      (u.pathname === '/message/maDetail.htm' ||
        (u.pathname === '/message/default.htm' && /^#feedback\/detail\//.test(u.hash))),
    inquiryList: (u) => u.hostname === 'message.alibaba.com' && u.pathname === '/message/default.htm',
    chat: (u) => u.hostname === 'onetalk.alibaba.com' && u.pathname === '/message/weblitePWA.htm',
    rfqList: (u) => u.hostname === 'sourcing.alibaba.com' && /^\/rfq\/rfq_search_list\.htm$/.test(u.pathname),
  });

  /** Every selector Xunpan uses. `fixtures`: demo page → expected number of matches. */
  const SELECTORS = Object.freeze({
    listRow: {
      css: ['a.inquiry-item[data-trade-id]', '.inquiry-item[data-trade-id]'],
      doc: 'one inquiry row of the list; data-trade-id is the inquiry number (imInquiryId)',
      grade: 'A',
      fixtures: { list: 20, 'list-gen2': 20, 'list-spam': 0, 'list-en': 20 },
    },
    listBuyerName: {
      css: ['.aui2-grid-name', '.l1-buyer-name', '.u-text-center'],
      doc: "buyer's name inside a row (full name in the title attribute)",
      grade: 'A',
      fixtures: { list: 20, 'list-gen2': 20 },
    },
    listCountry: {
      css: ['.ui2-flag'],
      doc: 'country flag inside a row: class ui2-flag-<iso2>, country name in the title',
      grade: 'B',
      fixtures: { list: 20, 'list-gen2': 20 },
    },
    listProduct: {
      css: ['.buyer-product-name-content'],
      doc: 'the product the inquiry was sent from, inside a row',
      grade: 'A',
      fixtures: { list: 20, 'list-gen2': 20 },
    },
    listPreview: {
      css: ['.buyer-chat-msg'],
      doc: 'the last message of the thread, inside a row',
      grade: 'B',
      fixtures: { list: 20, 'list-gen2': 20 },
    },
    detailConversation: {
      css: ['.common-load-more', '.message-container'],
      doc: 'the conversation area of the detail page (gets data-xunpan-verdict)',
      grade: 'B',
      fixtures: { detail: 1 },
    },
    detailMessage: {
      css: ['.common-load-more .message-item-wrapper', '[class*=message-item-wrapper]'],
      doc: 'one message; class item-left = the buyer, item-right = us; data-expinfo holds sendTime',
      grade: 'A',
      fixtures: { detail: 1, 'detail-replied': 2 },
    },
    messageText: {
      css: ['.description-container', '.session-rich-content.text', '.content-with-translation'],
      doc: 'the text of one message (the original inquiry text is .description-container)',
      grade: 'A',
      fixtures: { detail: 1 },
    },
    messageTime: {
      css: ['.item-base-info span:last-child'],
      doc: 'the displayed time of one message (YYYY-MM-DD HH:MM[:SS])',
      grade: 'A',
      fixtures: { detail: 1 },
    },
    attachment: {
      css: ['.inquiry-file-item[data-query]'],
      doc: 'an attached file; data-query JSON has fileName and fileSize',
      grade: 'B',
      fixtures: { detail: 0, 'detail-attachments': 2 },
    },
    productCard: {
      css: ['.session-rich-content.card', '.inquiry-card-item'],
      doc: 'the product card the inquiry was sent from',
      grade: 'B',
      fixtures: { detail: 1 },
    },
    buyerCard: {
      css: ['.alicrm-customer-detail-card'],
      doc: "the buyer's CRM card in the side panel",
      grade: 'A',
      fixtures: { detail: 1 },
    },
    buyerName: {
      css: ['.alicrm-customer-detail-card .name-text', '.name-text'],
      doc: "buyer's name on the CRM card",
      grade: 'A',
      fixtures: { detail: 1 },
    },
    buyerCountry: {
      css: ['.country-flag-label'],
      doc: "buyer's country on the CRM card",
      grade: 'B',
      fixtures: { detail: 1 },
    },
    buyerLevel: {
      css: ['.alicrm-customer-detail-card .icon-content'],
      doc: "buyer's level badge on the CRM card",
      grade: 'B',
      fixtures: { detail: 1 },
    },
    buyerField: {
      css: ['.base-information-form-item'],
      doc: 'a labelled field of the CRM card (label and content children)',
      grade: 'A',
      fixtures: { detail: 9 },
    },
    detailCardMount: {
      css: ['.reply-wrapper', '.send-header-menu'],
      doc: 'where the verdict card goes: above the reply box',
      grade: 'B',
      fixtures: { detail: 1 },
    },
    editorOpener: {
      css: ['.mock-reply'],
      doc: 'the placeholder that creates the TinyMCE editor (id normal-im-send) when clicked',
      grade: 'A',
      fixtures: { detail: 1 },
    },
    chatContact: {
      css: ['div.contact-item-container[data-cid]'],
      doc: 'one contact of the OneTalk list (virtualised: the element is reused); data-cid = conversation',
      grade: 'A',
      fixtures: { chat: 14 },
    },
    contactName: {
      css: ['.contact-info .name'],
      doc: "the contact's name inside a contact row (also data-name on the row)",
      grade: 'A',
      fixtures: { chat: 14 },
    },
    contactTime: {
      css: ['.contact-time'],
      doc: 'time of the last message in a contact row (HH:MM)',
      grade: 'B',
      fixtures: { chat: 14 },
    },
    chatHeader: {
      css: ['.content-header'],
      doc: 'header of the open conversation (first text = buyer name)',
      grade: 'A',
      fixtures: { chat: 1 },
    },
    chatMessage: {
      css: ['.message-container [class*=message-item-wrapper]'],
      doc: 'one message of the open conversation',
      grade: 'A',
      fixtures: { chat: 1 },
    },
    chatComposer: {
      css: ['#send-box-wrapper textarea.send-textarea', 'textarea.send-textarea'],
      doc: 'the chat reply box: a controlled textarea (native setter + input event)',
      grade: 'A',
      fixtures: { chat: 1 },
    },
    rfqCard: {
      css: ['div.brh-rfq-item'],
      doc: 'one buying request of the RFQ market list',
      grade: 'A',
      fixtures: { rfq: 7 },
    },
    rfqSubject: {
      css: ['a.brh-rfq-item__subject-link'],
      doc: 'title and link of a buying request',
      grade: 'A',
      fixtures: { rfq: 7 },
    },
    rfqQuantity: {
      css: ['.brh-rfq-item__quantity-num'],
      doc: 'quantity of a buying request',
      grade: 'A',
      fixtures: { rfq: 7 },
    },
    rfqCountry: {
      css: ['.brh-rfq-item__country'],
      doc: "buyer's country of a buying request",
      grade: 'A',
      fixtures: { rfq: 7 },
    },
    rfqPosted: {
      css: ['.brh-rfq-item__publishtime'],
      doc: 'when a buying request was posted',
      grade: 'A',
      fixtures: { rfq: 7 },
    },
    rfqQuotesLeft: {
      css: ['.brh-rfq-item__quote-left span'],
      doc: 'quotes left on a buying request',
      grade: 'A',
      fixtures: { rfq: 7 },
    },
    rfqBuyerTag: {
      css: ['.brh-rfq-item__buyer-tag .next-tag-body'],
      doc: 'buyer tags of a buying request (Email Confirmed, Experienced buyer, …)',
      grade: 'A',
      fixtures: { rfq: 7 },
    },
  });

  /** The TinyMCE editor of the detail page, for the page-world insert helper. */
  const EDITOR = Object.freeze({ id: 'normal-im-send', opener: SELECTORS.editorOpener.css[0] });

  /** Attributes that carry identity; a change of one means the element shows another item. */
  const IDENTITY_ATTRIBUTES = Object.freeze(['data-trade-id', 'data-cid']);

  /** CRM card labels, Chinese and English, by field (used with value checks, never alone). */
  const BUYER_LABELS = Object.freeze({
    registeredAt: ['注册时间', 'registered', 'registration'],
    website: ['公司官网', '官网', 'website'],
    email: ['邮箱', 'e-mail', 'email'],
    phone: ['手机', '座机', 'phone', 'mobile'],
    company: ['公司', 'company'],
    productViews: ['产品浏览', 'product views'],
    validInquiries: ['有效询盘', 'valid inquiries'],
    repliedInquiries: ['被回复询盘', 'replied inquiries'],
    spamMarkedCount: ['垃圾询盘', 'marked as spam', 'spam'],
    blacklistedCount: ['黑名单', 'blacklist'],
    loginDays: ['登录天数', 'login days'],
  });

  // --- helpers ------------------------------------------------------------------------------

  const MINUTE = 60_000;
  const text = (el) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
  const BLOCK = /^(?:DIV|P|LI|UL|OL|TR|TABLE|BLOCKQUOTE|PRE|H[1-6])$/;

  /**
   * The text of a message as the rep reads it: line breaks (<br>, block elements) kept
   * as newlines, runs of spaces folded. (textContent would run "subject<br>body" together.)
   */
  function messageText(el) {
    if (!el) return '';
    let out = '';
    const walk = (node) => {
      for (const n of node.childNodes) {
        if (n.nodeType === 3) out += n.nodeValue;
        else if (n.nodeType === 1 && n.nodeName === 'BR') out += '\n';
        else if (n.nodeType === 1) {
          const block = BLOCK.test(n.nodeName);
          if (block) out += '\n';
          walk(n);
          if (block) out += '\n';
        }
      }
    };
    walk(el);
    return out.split('\n').map((l) => l.replace(/\s+/g, ' ').trim()).filter(Boolean).join('\n');
  }
  const iso = (ms) => (Number.isFinite(ms) && ms > 0 ? new Date(ms).toISOString() : undefined);
  const count = (v) => (v === undefined || v === null || v === '' || Number(v) < 0 || !Number.isFinite(Number(v)) ? undefined : Number(v));
  const clean = (obj) => {
    for (const k of Object.keys(obj)) if (obj[k] === undefined || obj[k] === '' || obj[k] === null) delete obj[k];
    return obj;
  };

  function detect(href) {
    let url;
    try {
      url = new URL(href);
    } catch {
      return null;
    }
    for (const [type, test] of Object.entries(PAGES)) if (test(url)) return type;
    return null;
  }

  /** The selector chain for `key`, with a rep's override first. */
  function chain(key, overrides) {
    const own = SELECTORS[key]?.css ?? [];
    const extra = overrides?.[key];
    return typeof extra === 'string' && extra.trim() ? [extra.trim(), ...own] : own;
  }

  /** All matches of the first selector in the chain that matches anything. */
  function all(root, key, overrides, found) {
    for (const css of chain(key, overrides)) {
      let list;
      try {
        list = root.querySelectorAll(css);
      } catch {
        continue; // a broken override must not stop the rest
      }
      if (list.length) {
        found?.add(key);
        return [...list];
      }
    }
    return [];
  }

  const one = (root, key, overrides, found) => all(root, key, overrides, found)[0] ?? null;

  /** "2026-11-23 09:12[:05]" as shown on the pages (the seller's zone, +08:00). */
  function parseShownTime(s) {
    const m = String(s).match(/(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?/);
    if (!m) return undefined;
    return Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}+08:00`);
  }

  function readJsonAttr(el, name) {
    try {
      return JSON.parse(el.getAttribute(name) ?? 'null');
    } catch {
      return null;
    }
  }

  // --- page data from page-data.js ------------------------------------------------------------

  /**
   * Keeps the plain data the page-world observer posts: list rows by inquiry number,
   * conversations and buyer profiles by inquiry number, OneTalk conversations by cid.
   * Only known kinds with the expected shapes are taken.
   */
  // Keys that would change how a value turns into text or number (or its prototype).
  const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'toJSON', 'toLocaleString']);
  const MAX_DEPTH = 24;
  const MAX_NODES = 200_000;

  /**
   * Page data as plain data: own keys only, none of UNSAFE_KEYS (a row whose `toString`
   * is not a function would make every String() of it throw and the page go unread),
   * nothing deeper than MAX_DEPTH levels or beyond MAX_NODES objects.
   */
  function plain(value, depth = 0, budget = { nodes: MAX_NODES }) {
    if (value === null || typeof value !== 'object') return value;
    if (depth > MAX_DEPTH || --budget.nodes < 0) return null;
    if (Array.isArray(value)) return value.map((v) => plain(v, depth + 1, budget));
    const out = {};
    for (const key of Object.keys(value)) if (!UNSAFE_KEYS.has(key)) out[key] = plain(value[key], depth + 1, budget);
    return out;
  }

  function createPageDataStore() {
    const rows = new Map();
    const messages = new Map();
    const buyers = new Map();
    const conversations = new Map();
    const chat = new Map(); // cid → { lastBuyer, lastSelf } from OneTalk's message events
    const isObj = (v) => v && typeof v === 'object' && !Array.isArray(v);
    return {
      accept(message) {
        if (!isObj(message) || message.source !== 'xunpan-page-data') return false;
        const p = plain(message.payload);
        switch (message.kind) {
          case 'feedbackList':
          case 'subjectList':
            if (!Array.isArray(p)) return false;
            for (const r of p) if (isObj(r) && r.tradeId != null) rows.set(String(r.tradeId), r);
            return true;
          case 'opMessages':
            if (!isObj(p) || !Array.isArray(p.list) || p.tradeId == null) return false;
            messages.set(String(p.tradeId), p.list.filter(isObj));
            return true;
          case 'customerInfo':
            if (!isObj(p) || !isObj(p.buyerInfo) || p.tradeId == null) return false;
            buyers.set(String(p.tradeId), p.buyerInfo);
            return true;
          case 'conversations':
            if (!Array.isArray(p)) return false;
            for (const c of p) if (isObj(c) && typeof c.cid === 'string') conversations.set(c.cid, c);
            return true;
          case 'chatMessage': {
            if (!isObj(p) || typeof p.cid !== 'string' || typeof p.text !== 'string' || !Number.isFinite(p.at)) return false;
            const entry = chat.get(p.cid) ?? {};
            const slot = p.fromSelf ? 'lastSelf' : 'lastBuyer';
            if (!entry[slot] || entry[slot].at <= p.at) entry[slot] = { text: p.text, at: p.at, messageId: String(p.messageId ?? '') };
            chat.set(p.cid, entry);
            return true;
          }
          default:
            return false;
        }
      },
      row: (id) => rows.get(String(id)) ?? null,
      rows: () => [...rows.values()],
      messages: (id) => messages.get(String(id)) ?? null,
      buyer: (id) => buyers.get(String(id)) ?? null,
      conversation: (cid) => conversations.get(cid) ?? null,
      chatEvents: (cid) => chat.get(cid) ?? null,
      byId: (id) => rows.get(String(id)) ?? conversations.get(String(id)) ?? null,
    };
  }

  // --- the inquiry list ---------------------------------------------------------------------------

  /** The item key of a listed inquiry: the same whether read from the rows or predicted. */
  const listKey = (id) => `inquiry:${id}`;

  // A listed row's inquiry, built once per page-data row: the list is read again on
  // every change of the page, and rebuilding 500 inquiries each time is main-thread time
  // the rep's page pays. The store keeps a new object when the page posts a row again,
  // so a changed row is read afresh. Callers must not change the inquiry they are given.
  const rowInquiries = new WeakMap();
  function inquiryOfRow(r) {
    let inquiry = rowInquiries.get(r);
    if (!inquiry) {
      inquiry = inquiryFromRow(r);
      rowInquiries.set(r, inquiry);
    }
    return inquiry;
  }

  function inquiryFromRow(r) {
    const latest = r.latestMessage ?? {};
    const ours = latest.sendType === 'send';
    const sender = r.sender ?? {};
    const product = Array.isArray(r.productInfo) ? r.productInfo[0] : null;
    const inquiry = clean({
      id: String(r.tradeId),
      channel: 'inquiry',
      receivedAt: iso(Number(r.createTime)),
      subject: r.subject,
      body: ours ? String(r.subject ?? '') : String(latest.content ?? r.subject ?? ''),
      product: product ? clean({ id: product.productId != null ? String(product.productId) : undefined, title: product.productName }) : undefined,
      buyer: clean({
        name: sender.name,
        country: sender.countryCode,
        company: sender.companyName,
        level: sender.userNewLevel,
        accountId: sender.accountId != null ? String(sender.accountId) : undefined,
      }),
    });
    if (Number(r.lastestReplyTime) > 0 || ours) {
      inquiry.thread = clean({
        ourLastReplyAt: iso(Number(r.lastestReplyTime) || Number(latest.gmtChat)),
        buyerReadAt: ours && latest.contactRead ? iso(Number(r.readTime) || Number(latest.gmtChat)) : undefined,
      });
    }
    return inquiry;
  }

  function inquiryFromRowDom(row, id, overrides, found) {
    const nameEl = one(row, 'listBuyerName', overrides, found);
    const flag = one(row, 'listCountry', overrides, found);
    const code = [...(flag?.classList ?? [])].map((c) => c.match(/^ui2-flag-([a-z]{2})$/)?.[1]).find(Boolean);
    const product = text(one(row, 'listProduct', overrides, found));
    const preview = text(one(row, 'listPreview', overrides, found));
    return clean({
      id,
      channel: 'inquiry',
      body: preview || product || '',
      product: product ? { title: product } : undefined,
      buyer: clean({ name: nameEl?.getAttribute('title') || text(nameEl), country: code?.toUpperCase() }),
    });
  }

  function collectList(doc, data, overrides) {
    const found = new Set();
    const items = [];
    for (const row of all(doc, 'listRow', overrides, found)) {
      const id = row.getAttribute('data-trade-id');
      if (!id) continue;
      const fromData = data?.row?.(id);
      const inquiry = fromData ? inquiryOfRow(fromData) : inquiryFromRowDom(row, id, overrides, found);
      if (fromData) found.add('pageData');
      items.push({ id, key: listKey(id), element: row, mount: one(row, 'listBuyerName', overrides)?.parentElement ?? row, inquiry });
    }
    const wanted = items.length && !found.has('pageData') ? ['listRow', 'listBuyerName', 'listProduct'] : ['listRow'];
    // An empty folder is not a broken page: only a list with rows must show them.
    const emptyFolder = doc.querySelector('.empty-folder, .ui2-list-body, .aui-inquirylist-grid-container');
    const missing = wanted.filter((k) => !found.has(k) && !(k === 'listRow' && emptyFolder));
    return { items, header: null, editor: null, health: { found: [...found], missing } };
  }

  // --- the inquiry detail -----------------------------------------------------------------------

  function detailId(doc) {
    const url = new URL(doc.location?.href ?? 'https://message.alibaba.com/');
    return url.searchParams.get('imInquiryId') ?? url.hash.match(/feedback\/detail\/\w+\/(\d+)/)?.[1] ?? null;
  }

  function buyerFromCard(doc, overrides, found) {
    const card = one(doc, 'buyerCard', overrides, found);
    if (!card) return {};
    const buyer = {
      name: text(one(card, 'buyerName', overrides, found)),
      country: text(one(card, 'buyerCountry', overrides, found)).slice(0, 2).toUpperCase() || undefined,
      level: text(one(card, 'buyerLevel', overrides, found)) || undefined,
    };
    for (const field of all(card, 'buyerField', overrides, found)) {
      const [labelEl, valueEl] = field.children;
      const label = text(labelEl).toLowerCase();
      const value = text(valueEl);
      if (!value || value === '-') continue;
      // Values are recognised by their shape first; labels only pick among numbers.
      if (/^[^\s@]+@[^\s@]+\.[a-z]{2,}$/i.test(value)) buyer.email = value;
      else if (/^\d{4}-\d{2}-\d{2}/.test(value) && !buyer.registeredAt) buyer.registeredAt = `${value.slice(0, 10)}T00:00:00+08:00`;
      else if (/^(https?:\/\/)?[\w-]+(\.[\w-]+)+\/?$/i.test(value) && !/^\d/.test(value)) buyer.website = value;
      else if (/^-?\d+$/.test(value)) {
        for (const [key, names] of Object.entries(BUYER_LABELS)) {
          if (names.some((n) => label.includes(n.toLowerCase())) && buyer[key] === undefined) {
            buyer[key] = count(value);
            break;
          }
        }
      } else if (BUYER_LABELS.company.some((n) => label === n.toLowerCase())) buyer.company = value;
      else if (/^\+?[\d\s()-]{6,}$/.test(value)) buyer.phone = value;
    }
    return clean(buyer);
  }

  function buyerFromInfo(info) {
    return clean({
      name: [info.firstName, info.lastName].filter(Boolean).join(' ') || undefined,
      country: info.country,
      company: info.companyName,
      website: info.companyWebSite,
      email: info.buyerContactInfo?.email,
      registeredAt: count(info.registerDate) ? iso(Number(info.registerDate) * 1000) : undefined,
      productViews: count(info.productViewCount),
      validInquiries: count(info.validInquiryCount),
      repliedInquiries: count(info.repliedInquiryCount),
      spamMarkedCount: count(info.spamInquiryMarkedBySupplierCount),
      blacklistedCount: count(info.addedToBlacklistCount),
      loginDays: count(info.loginDays),
      level: info.highQualityLevelTag || info.levelTag,
    });
  }

  /** Messages of a conversation area, sorted by time (the DOM order is not to be trusted). */
  function messagesFromDom(root, key, overrides, found) {
    const out = [];
    for (const el of all(root, key, overrides, found)) {
      const meta = readJsonAttr(el, 'data-expinfo') ?? {};
      const at = Number(meta.sendTime) || parseShownTime(text(one(el, 'messageTime', overrides, found)));
      const body = messageText(one(el, 'messageText', overrides, found));
      const auto = /系统自动发送|自动接待发送|auto[- ]?repl/i.test(el.textContent ?? '');
      out.push(clean({ from: el.classList.contains('item-right') ? 'seller' : 'buyer', at: iso(at), text: body, auto: auto || undefined }));
    }
    return out.sort((a, b) => (Date.parse(a.at ?? 0) || 0) - (Date.parse(b.at ?? 0) || 0));
  }

  function threadOf(messages) {
    const seller = messages.filter((m) => m.from === 'seller' && !m.auto);
    const lastSeller = seller.at(-1)?.at;
    const buyerAfter = lastSeller ? messages.filter((m) => m.from === 'buyer' && m.at > lastSeller).at(-1)?.at : undefined;
    return clean({ ourLastReplyAt: lastSeller, buyerRepliedAt: buyerAfter, messages });
  }

  function collectDetail(doc, data, overrides) {
    const found = new Set();
    const id = detailId(doc);
    const area = one(doc, 'detailConversation', overrides, found);
    let messages = messagesFromDom(doc, 'detailMessage', overrides, found);
    const fromData = id ? data?.messages?.(id) : null;
    if (fromData?.length) {
      found.add('pageData');
      messages = fromData
        .map((m) => clean({ from: m.messageType === 'send' ? 'seller' : 'buyer', at: iso(Number(m.sendTime)), text: String(m.content ?? '') }))
        .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
    }
    const info = id ? data?.buyer?.(id) : null;
    if (info) found.add('buyerData');
    const buyer = { ...buyerFromCard(doc, overrides, found), ...(info ? buyerFromInfo(info) : {}) };
    const firstBuyer = messages.find((m) => m.from === 'buyer');
    const attachments = all(doc, 'attachment', overrides, found)
      .map((el) => readJsonAttr(el, 'data-query'))
      .filter((q) => q && typeof q.fileName === 'string')
      .map((q) => clean({ name: q.fileName, size: count(q.fileSize) }));
    const productEl = one(doc, 'productCard', overrides, found);
    const productTitle = text(productEl?.querySelector('.product-name') ?? productEl);
    const mount = one(doc, 'detailCardMount', overrides, found);
    one(doc, 'editorOpener', overrides, found);
    const items = [];
    if (id && area && firstBuyer) {
      const thread = threadOf(messages);
      const inquiry = clean({
        id,
        channel: 'inquiry',
        receivedAt: firstBuyer.at,
        body: firstBuyer.text,
        attachments: attachments.length ? attachments : undefined,
        product: productTitle ? { title: productTitle } : undefined,
        buyer: Object.keys(buyer).length ? buyer : undefined,
        thread: thread.ourLastReplyAt ? thread : undefined,
      });
      items.push({ id, key: `detail:${id}`, element: area, mount: mount ?? area, inquiry, open: true });
    }
    const missing = ['detailConversation', 'detailMessage', 'buyerCard', 'detailCardMount'].filter(
      (k) => !found.has(k) && !(k === 'detailMessage' && found.has('pageData')),
    );
    return { items, header: mount ?? area, editor: 'tinymce', health: { found: [...found], missing } };
  }

  // --- OneTalk chat ---------------------------------------------------------------------------------

  /** "HH:MM" of today (seller's +08:00 day), or yesterday if that would be in the future. */
  function timeToday(hhmm, now = Date.now()) {
    const m = String(hhmm).match(/^(\d{1,2}):(\d{2})$/);
    if (!m) return undefined;
    const day = new Date(now + 8 * 60 * MINUTE).toISOString().slice(0, 10);
    let t = Date.parse(`${day}T${m[1].padStart(2, '0')}:${m[2]}:00+08:00`);
    if (t > now + MINUTE) t -= 24 * 60 * MINUTE;
    return t;
  }

  function collectChat(doc, data, overrides, now) {
    const found = new Set();
    const items = [];
    for (const row of all(doc, 'chatContact', overrides, found)) {
      if (row.hidden) continue;
      const cid = row.getAttribute('data-cid');
      if (!cid) continue;
      const conv = data?.conversation?.(cid);
      if (conv) found.add('pageData');
      const name = conv?.contactNick ?? row.getAttribute('data-name') ?? text(one(row, 'contactName', overrides, found));
      let at = Number(conv?.latestMessage?.sendTime) || timeToday(text(one(row, 'contactTime', overrides, found)), now);
      let body = conv?.latestMessage?.content ?? text(row).replace(name, '').replace(/\[未读\]/g, '').trim();
      // A message event is fresher than the cache and whole where the row shows a preview.
      const events = data?.chatEvents?.(cid);
      if (events) found.add('chatEvents');
      if (events?.lastBuyer && !(at > events.lastBuyer.at)) {
        at = events.lastBuyer.at;
        body = events.lastBuyer.text;
      }
      const ourReplyAt = events?.lastSelf && !(events.lastSelf.at < at) ? events.lastSelf.at : undefined;
      const inquiry = clean({
        id: cid,
        channel: 'chat',
        receivedAt: iso(at),
        body: String(body ?? ''),
        buyer: clean({ name, country: conv?.countryCode, level: conv?.userNewLevel, accountId: conv?.contactAccountId }),
        thread: ourReplyAt ? { ourLastReplyAt: iso(ourReplyAt) } : undefined,
      });
      // The name line is one line high (the list's rows have a fixed height): the chip
      // takes its one-line form there.
      items.push({ id: cid, key: `chat:${cid}`, element: row, mount: one(row, 'contactName', overrides)?.parentElement ?? row, compact: true, inquiry });
    }
    const header = one(doc, 'chatHeader', overrides, found);
    const openCid = header?.getAttribute('data-cid') ?? null;
    const messages = messagesFromDom(doc, 'chatMessage', overrides, found);
    one(doc, 'chatComposer', overrides, found);
    const lastBuyer = messages.filter((m) => m.from === 'buyer').at(-1);
    if (header && lastBuyer) {
      const conv = openCid ? data?.conversation?.(openCid) : null;
      const name = conv?.contactNick ?? text(header.querySelector('.name') ?? header.firstElementChild);
      const thread = threadOf(messages);
      items.push({
        id: openCid ?? `open:${name}`,
        key: `chat-open:${openCid ?? name}`,
        element: header,
        mount: header,
        open: true,
        inquiry: clean({
          id: openCid ?? undefined,
          channel: 'chat',
          receivedAt: lastBuyer.at,
          body: lastBuyer.text,
          buyer: clean({ name, country: conv?.countryCode, level: conv?.userNewLevel }),
          thread: thread.ourLastReplyAt ? thread : undefined,
        }),
      });
    }
    const missing = ['chatContact', 'chatHeader', 'chatComposer'].filter((k) => !found.has(k));
    return { items, header, editor: 'textarea', health: { found: [...found], missing } };
  }

  // --- RFQ market ---------------------------------------------------------------------------------------

  /** "3 hours before", "25 minutes ago", "2 天前", or a shown date → epoch ms. */
  function postedAt(shown, now = Date.now()) {
    const units = [
      [/(\d+)\s*(?:minutes?|mins?|分钟)/i, MINUTE],
      [/(\d+)\s*(?:hours?|hrs?|小时)/i, 60 * MINUTE],
      [/(\d+)\s*(?:days?|天)/i, 24 * 60 * MINUTE],
    ];
    for (const [re, unit] of units) {
      const m = String(shown).match(re);
      if (m) return now - Number(m[1]) * unit;
    }
    return parseShownTime(shown) ?? (/\d{4}-\d{2}-\d{2}/.test(shown) ? parseShownTime(`${shown.match(/\d{4}-\d{2}-\d{2}/)[0]} 00:00`) : undefined);
  }

  let countryCodes = null;
  /** "United States" (or "US") → "US", through the browser's own region names (English). */
  function countryCode(name) {
    const wanted = String(name ?? '').trim().toLowerCase();
    if (!wanted) return undefined;
    if (!countryCodes) {
      countryCodes = new Map();
      try {
        const names = new Intl.DisplayNames(['en'], { type: 'region' });
        for (let a = 65; a <= 90; a++) {
          for (let b = 65; b <= 90; b++) {
            const code = String.fromCharCode(a, b);
            // Old codes (DD, UK, ZR, …) are named like their successors: skip them.
            if (Intl.getCanonicalLocales(`und-${code}`)[0] !== `und-${code}`) continue;
            const shown = names.of(code);
            if (shown && shown !== code) countryCodes.set(shown.toLowerCase(), code);
          }
        }
      } catch {
        // no region names in this engine: the country name stays unread
      }
      const aliases = [['usa', 'US'], ['united states of america', 'US'], ['uk', 'GB'], ['great britain', 'GB'], ['turkey', 'TR'],
        ['russia', 'RU'], ['vietnam', 'VN'], ['south korea', 'KR'], ['korea', 'KR'], ['hong kong', 'HK'], ['macau', 'MO'],
        ['macao', 'MO'], ['taiwan', 'TW'], ['uae', 'AE'], ['czech republic', 'CZ'], ['ivory coast', 'CI'], ['burma', 'MM']];
      for (const [alias, code] of aliases) {
        if (!countryCodes.has(alias)) countryCodes.set(alias, code);
      }
      for (const code of new Set(countryCodes.values())) countryCodes.set(code.toLowerCase(), code);
    }
    return countryCodes.get(wanted);
  }

  function collectRfq(doc, data, overrides, now) {
    const found = new Set();
    const items = [];
    for (const card of all(doc, 'rfqCard', overrides, found)) {
      const link = one(card, 'rfqSubject', overrides, found);
      const href = link?.getAttribute('href') ?? '';
      const id = card.getAttribute('data-rfq-id') ?? href.match(/[?&](?:id|rfqId)=([\w-]+)/)?.[1] ?? null;
      if (!id) continue; // identity by id only: a title is not one
      const posted = one(card, 'rfqPosted', overrides, found);
      const postedMs = postedAt(text(posted), now);
      const qty = text(one(card, 'rfqQuantity', overrides, found));
      const unit = text(one(card, 'rfqQuantity', overrides)?.nextElementSibling);
      const detail = text(card.querySelector('.brh-rfq-item__detail'));
      const tags = all(card, 'rfqBuyerTag', overrides, found).map(text).filter(Boolean);
      const countryName = text(one(card, 'rfqCountry', overrides, found));
      const quotesLeft = count(text(one(card, 'rfqQuotesLeft', overrides, found)).match(/\d+/)?.[0]);
      items.push({
        id,
        key: `rfq:${id}`,
        element: card,
        mount: link?.parentElement ?? card,
        inquiry: clean({
          id,
          channel: 'rfq',
          receivedAt: iso(postedMs),
          subject: text(link),
          body: [text(link), qty ? `Quantity: ${qty}${unit ? ` ${unit}` : ''}` : '', detail].filter(Boolean).join('\n'),
          buyer: clean({
            name: text(card.querySelector('.brh-rfq-item__other-info .text')),
            country: countryCode(countryName),
            emailVerified: tags.some((g) => /email confirmed|邮箱已验证/i.test(g)) || undefined,
          }),
          rfq: clean({ quotesLeft, buyerTags: tags.length ? tags : undefined }),
        }),
      });
    }
    const missing = ['rfqCard', 'rfqSubject'].filter((k) => !found.has(k));
    return { items, header: null, editor: null, health: { found: [...found], missing } };
  }

  const COLLECTORS = { inquiryList: collectList, inquiryDetail: collectDetail, chat: collectChat, rfqList: collectRfq };

  /**
   * Reads the page of `type`; `now` dates what the page shows relative to it ("3 hours
   * before", "09:12"). Never throws: a failure is reported as missing fields.
   */
  function collect(type, doc, data, overrides = {}, now = Date.now()) {
    const fn = COLLECTORS[type];
    if (!fn) return { items: [], header: null, editor: null, health: { found: [], missing: ['pageType'] } };
    try {
      const read = fn(doc, data, overrides, now);
      // Whatever the page data held, every inquiry leaves with text to read: one odd
      // row (its message empty, or not text) must not get the whole page refused.
      for (const item of read.items) {
        if (typeof item.inquiry?.body !== 'string') item.inquiry.body = '';
      }
      return read;
    } catch (err) {
      return { items: [], header: null, editor: null, health: { found: [], missing: [`error: ${err.message}`] } };
    }
  }

  /**
   * The list's inquiries as its page data gives them, before the page has drawn a row:
   * the same keys and inquiries `collect` finds once the rows are in (it reads a listed
   * row from the same data), so the engine can be asked while the page is still drawing.
   * Empty for pages whose inquiries are read from the page itself.
   */
  function predict(type, data) {
    if (type !== 'inquiryList' || typeof data?.rows !== 'function') return [];
    const items = [];
    for (const r of data.rows()) {
      try {
        const id = String(r.tradeId);
        items.push({ id, key: listKey(id), inquiry: inquiryOfRow(r) });
      } catch {
        // an odd row is read from the page once it is drawn
      }
    }
    return items;
  }

  /** The reply box of a page with a plain text editor (chat), or null. */
  function editorElement(doc, overrides) {
    return one(doc, 'chatComposer', overrides);
  }

  const api = Object.freeze({
    PAGES, SELECTORS, EDITOR, IDENTITY_ATTRIBUTES, BUYER_LABELS,
    detect, collect, predict, createPageDataStore, editorElement, parseShownTime, timeToday, postedAt, countryCode,
  });
  globalThis.XunpanSite = api;
  if (typeof module === 'object' && module.exports) module.exports = api;
})();
