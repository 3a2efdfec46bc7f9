// Site knowledge: the one place that knows Alibaba.com's seller pages.
//
// URL patterns, CSS selectors, label words and the page-data shapes live here as data;
// nothing else in Xunpan names a selector or builds an Alibaba address. Each selector
// is an ordered fallback chain with a note of what it targets, the strength of the
// evidence for it (A: seen in two independent sources or verified live; B: one source
// that ran on the live page; C: guessed or only our demo), the date it was last checked
// against that evidence (`confirmed`), and how many elements it must match on each demo
// page (`fixtures`) — the browser tests check every count. A rep (or an admin) can
// override any selector in the settings.
//
// When the class names fail, a list row is read by its structure as the last fallback:
// its labels ("Inquiry No." / 询价单号, "Created" / 创建时间), its product link, the
// buyer's flag and the layout around it. A row whose message cannot be read is handed
// back marked `unread` (it gets an "unread" chip, never a verdict from empty text), and
// every part that feeds the engine and could not be read — text, time, buyer — is
// named in `health.missing`, whether or not rows were found. A chat contact whose
// message is read from the row, which shows it cut short (a "…" at its end, a style
// that cuts it to its box, a class that names a preview), is handed back marked
// `preview`: never presented as a reading of the whole message.
//
// A message's text is the buyer's own words only. The conversation component puts the
// platform's words inside a message: its machine translation beside the original, the
// note under it ("由阿里翻译提供"), its state ("翻译中", a failed one), the toggle, the
// bubble's menu, the avatar, a quoted earlier message. The original's part of a
// translation pair is read where the table names it; otherwise the translation is told
// by the note under it, the page's words by the word tables, a quote (its class name
// unknown) by its being an earlier message's text. Where the original is not on the
// page (shown only on "显示原文"), the message is not read and `health.missing` says so
// (messageOriginal): never a verdict, a language or a reply from the translation.
//
// Times are read in the browser's time zone (the pages show them in it) unless the
// shown text names its own offset. A date without a time is a day, not midnight: the
// item carries `receivedOn` and the engine gives it a day-level due state.
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
      confirmed: '2026-12-02',
      fixtures: { list: 20, 'list-gen2': 20, 'list-spam': 0, 'list-en': 20 },
    },
    listBuyerName: {
      css: ['.aui2-grid-name', '.l1-buyer-name', '.u-text-center'],
      doc: "buyer's name inside a row (full name in the title attribute)",
      grade: 'A',
      confirmed: '2026-12-02',
      fixtures: { list: 20, 'list-gen2': 20 },
    },
    listCountry: {
      css: ['.ui2-flag'],
      doc: 'country flag inside a row: class ui2-flag-<iso2>, country name in the title',
      grade: 'B',
      confirmed: '2026-12-02',
      fixtures: { list: 20, 'list-gen2': 20 },
    },
    listProduct: {
      css: ['.buyer-product-name-content'],
      doc: 'the product the inquiry was sent from, inside a row',
      grade: 'A',
      confirmed: '2026-12-02',
      fixtures: { list: 20, 'list-gen2': 20 },
    },
    listStatus: {
      css: ['.aui2-grid-quo-status-col'],
      doc: 'the row\'s status ("新询盘", "洽谈中"), inside a row; its words are in ROW_STATUS',
      grade: 'A',
      confirmed: '2026-12-03',
      fixtures: { list: 20, 'list-gen2': 0 },
    },
    listPreview: {
      css: ['.buyer-chat-msg'],
      doc: 'the last message of the thread, inside a row',
      grade: 'B',
      confirmed: '2026-12-02',
      fixtures: { list: 20, 'list-gen2': 20 },
    },
    detailConversation: {
      css: ['.common-load-more', '.message-container'],
      doc: 'the conversation area of the detail page (gets data-xunpan-verdict)',
      grade: 'B',
      confirmed: '2026-12-02',
      fixtures: { detail: 1 },
    },
    detailMessage: {
      css: ['.common-load-more .message-item-wrapper', '[class*=message-item-wrapper]'],
      doc: 'one message; class item-left = the buyer, item-right = us; data-expinfo holds sendTime',
      grade: 'A',
      confirmed: '2026-12-02',
      fixtures: { detail: 1, 'detail-replied': 2 },
    },
    messageText: {
      css: ['.description-container', '.session-rich-content.text', '.content-with-translation'],
      doc: 'the text of one message (the original inquiry text is .description-container)',
      grade: 'A',
      confirmed: '2026-12-02',
      fixtures: { detail: 1 },
    },
    translationOriginal: {
      css: ['.content-with-translation .text-content'],
      doc: "the original's part of a message the page shows with its machine translation: the buyer's own words (the translation is .target-content beside it)",
      grade: 'A',
      confirmed: '2026-12-05',
      fixtures: { detail: 0, chat: 0 },
    },
    translationTarget: {
      css: ['.content-with-translation .target-content', '.target-content'],
      doc: "the platform's machine translation of a message, with its note 由阿里翻译提供 (never the buyer's words)",
      grade: 'A',
      confirmed: '2026-12-05',
      fixtures: { detail: 0, chat: 0 },
    },
    messageChrome: {
      css: ['.session-translate, .message-flow-menu-box, .session-avatar, .user-content, .quote-container'],
      doc: "what the page draws inside a message that is not its words: the translate toggle, the bubble's menu, the avatar, the sender's card, a quoted earlier message (one selector list: all of them)",
      grade: 'B',
      confirmed: '2026-12-05',
      fixtures: { detail: 0, chat: 0 },
    },
    messageTime: {
      css: ['.item-base-info span:last-child'],
      doc: 'the displayed time of one message (YYYY-MM-DD HH:MM[:SS])',
      grade: 'A',
      confirmed: '2026-12-02',
      fixtures: { detail: 1 },
    },
    attachment: {
      css: ['.inquiry-file-item[data-query]'],
      doc: 'an attached file; data-query JSON has fileName and fileSize',
      grade: 'B',
      confirmed: '2026-12-02',
      fixtures: { detail: 0, 'detail-attachments': 2 },
    },
    productCard: {
      css: ['.session-rich-content.card', '.inquiry-card-item'],
      doc: 'the product card the inquiry was sent from',
      grade: 'B',
      confirmed: '2026-12-02',
      fixtures: { detail: 1 },
    },
    buyerCard: {
      css: ['.alicrm-customer-detail-card'],
      doc: "the buyer's CRM card in the side panel",
      grade: 'A',
      confirmed: '2026-12-02',
      fixtures: { detail: 1 },
    },
    buyerName: {
      css: ['.alicrm-customer-detail-card .name-text', '.name-text'],
      doc: "buyer's name on the CRM card",
      grade: 'A',
      confirmed: '2026-12-02',
      fixtures: { detail: 1 },
    },
    buyerCountry: {
      css: ['.country-flag-label'],
      doc: "buyer's country on the CRM card",
      grade: 'B',
      confirmed: '2026-12-02',
      fixtures: { detail: 1 },
    },
    buyerLevel: {
      css: ['.alicrm-customer-detail-card .icon-content'],
      doc: "buyer's level badge on the CRM card",
      grade: 'B',
      confirmed: '2026-12-02',
      fixtures: { detail: 1 },
    },
    buyerField: {
      css: ['.base-information-form-item'],
      doc: 'a labelled field of the CRM card (label and content children)',
      grade: 'A',
      confirmed: '2026-12-02',
      fixtures: { detail: 9 },
    },
    detailCardMount: {
      css: ['.reply-wrapper', '.send-header-menu'],
      doc: 'where the verdict card goes: above the reply box',
      grade: 'B',
      confirmed: '2026-12-02',
      fixtures: { detail: 1 },
    },
    editorOpener: {
      css: ['.mock-reply'],
      doc: 'the placeholder that creates the TinyMCE editor (id normal-im-send) when clicked',
      grade: 'A',
      confirmed: '2026-12-02',
      fixtures: { detail: 1 },
    },
    chatContact: {
      css: ['div.contact-item-container[data-cid]'],
      doc: 'one contact of the OneTalk list (virtualised: the element is reused); data-cid = conversation',
      grade: 'A',
      confirmed: '2026-12-02',
      fixtures: { chat: 14 },
    },
    contactName: {
      css: ['.contact-info .name'],
      doc: "the contact's name inside a contact row (also data-name on the row)",
      grade: 'A',
      confirmed: '2026-12-02',
      fixtures: { chat: 14 },
    },
    contactTime: {
      css: ['.contact-time'],
      doc: 'time of the last message in a contact row (HH:MM)',
      grade: 'B',
      confirmed: '2026-12-02',
      fixtures: { chat: 14 },
    },
    contactActive: {
      css: ['[aria-selected="true"]', '[aria-current="true"]', '[aria-current="page"]', '.active', '[class*=active]', '[class*=selected]'],
      doc: 'the contact row of the open conversation, by its selected state (structure fallback when the header is not found)',
      grade: 'C',
      confirmed: '2026-12-03',
      fixtures: {},
    },
    chatHeader: {
      css: ['.content-header'],
      doc: 'header of the open conversation (first text = buyer name)',
      grade: 'A',
      confirmed: '2026-12-02',
      fixtures: { chat: 1 },
    },
    chatMessage: {
      css: ['.message-container [class*=message-item-wrapper]'],
      doc: 'one message of the open conversation',
      grade: 'A',
      confirmed: '2026-12-02',
      fixtures: { chat: 1 },
    },
    chatComposer: {
      css: ['#send-box-wrapper textarea.send-textarea', 'textarea.send-textarea', 'textarea:not([readonly]):not([disabled])',
        '[contenteditable="true"]'],
      doc: 'the chat reply box: a controlled textarea (native setter + input event)',
      grade: 'A',
      confirmed: '2026-12-02',
      fixtures: { chat: 1 },
    },
    listEmpty: {
      css: ['.empty-folder', '[class*=empty-folder]', '.next-empty', '[class*=list-empty]'],
      doc: "the page's own \"no inquiries\" note: the only proof that a folder is empty (a list container with no rows is not)",
      grade: 'C',
      confirmed: '2026-12-02',
      fixtures: { 'list-spam': 1, list: 0 },
    },
    listProductLink: {
      css: ['a[href*="/product-detail/"]', 'a[href*="productId="]', 'a[href*="/product/"]'],
      doc: "the product link inside a row (structure fallback: the product's title is the link's text or title)",
      grade: 'C',
      confirmed: '2026-12-02',
      fixtures: { list: 0 },
    },
    listFlagAny: {
      css: ['.ui2-flag', '[class*=flag][title]', 'img[alt][src*=flag]', '[class*=flag]'],
      doc: "the buyer's flag inside a row, by any class containing 'flag' (structure fallback; the name sits beside it)",
      grade: 'C',
      confirmed: '2026-12-02',
      fixtures: { list: 20 },
    },
    listDetailLink: {
      css: ['a[href*="maDetail"][href*="imInquiryId="]', 'a[href*="imInquiryId="]'],
      doc: 'a link to the detail page; imInquiryId is the inquiry number',
      grade: 'B',
      confirmed: '2026-12-02',
      fixtures: { list: 20 },
    },
    listGridHeader: {
      css: ['[role="columnheader"]', 'th'],
      doc: "a column header of a list drawn as a grid or a table (structure fallback: a cell's label is its column's header)",
      grade: 'C',
      confirmed: '2026-12-03',
      fixtures: { list: 0 },
    },
    listGridCell: {
      css: ['[role="gridcell"]', '[role="cell"]', 'td'],
      doc: 'a cell of a list row drawn as a grid or a table, in the order of the column headers',
      grade: 'C',
      confirmed: '2026-12-03',
      fixtures: { list: 0 },
    },
    exactTime: {
      css: ['time[datetime], [title]'],
      doc: "what may carry a shown time's exact value: a time element's datetime, a tooltip title (one selector list: all of them; only a full date-time in one is taken)",
      grade: 'C',
      confirmed: '2026-12-03',
      fixtures: { list: 40 },
    },
    labelledImage: {
      css: ['[role="img"][aria-label], img[alt]'],
      doc: "an image named for assistive technology: a flag is one whose name is a country (one selector list: all of them)",
      grade: 'C',
      confirmed: '2026-12-03',
      fixtures: { rfq: 0 },
    },
    productName: {
      css: ['.product-name'],
      doc: 'the product title inside the product card of a detail page',
      grade: 'C',
      confirmed: '2026-12-02',
      fixtures: { detail: 1 },
    },
    editorFrame: {
      css: ['iframe#normal-im-send_ifr', 'iframe[id$="_ifr"]'],
      doc: 'the TinyMCE editing frame of the detail page (created when the placeholder is clicked)',
      grade: 'A',
      confirmed: '2026-12-02',
      fixtures: { detail: 0 },
    },
    editorChrome: {
      css: ['.tox-tinymce', '.mce-tinymce'],
      doc: "the TinyMCE editor's visible box around its frame",
      grade: 'C',
      confirmed: '2026-12-02',
      fixtures: { detail: 0 },
    },
    detailEditorFrame: {
      css: ['.reply-wrapper iframe', 'iframe'],
      doc: "a same-origin frame whose document is the detail page's reply box (an iframe-based rich editor, its body editable); a frame whose body is not editable is no box (one selector list: all of them)",
      grade: 'C',
      confirmed: '2026-12-04',
      fixtures: { detail: 0 },
    },
    detailEditor: {
      css: ['.reply-wrapper [contenteditable="true"]', '.reply-wrapper [contenteditable=""]', '.reply-wrapper textarea:not([hidden])',
        '[role="textbox"][contenteditable="true"]'],
      doc: 'a reply box of the detail page that is not TinyMCE: a contenteditable element or a plain textarea',
      grade: 'C',
      confirmed: '2026-12-02',
      fixtures: { detail: 0 },
    },
    chatHeaderName: {
      css: ['.content-header .name', '.content-header [class*=name]'],
      doc: "the buyer's name in the header of the open conversation (none while no chat is open)",
      grade: 'B',
      confirmed: '2026-12-02',
      fixtures: { chat: 1 },
    },
    contactPreview: {
      css: ['.last-msg', '[class*=last-msg]', '[class*=latest-msg]', '[class*=message-preview]'],
      doc: 'the preview of the last message in a contact row (else the row text without name, time, counts and tags)',
      grade: 'C',
      confirmed: '2026-12-02',
      fixtures: { chat: 14 },
    },
    contactPreviewCut: {
      css: ['[class*=ellipsis]', '[class*=clamp]', '[class*=truncat]', '[class*=preview]', '[class*=summary]'],
      doc: "an element of a contact row whose class says it shows the message cut short (the page's own preview)",
      grade: 'C',
      confirmed: '2026-12-03',
      fixtures: { chat: 0 },
    },
    contactNoise: {
      css: ['.unread-num, .tag-item, .contact-time, [class*=avatar], [class*=unread], [class*=contact-time]'],
      doc: 'parts of a contact row that are not the message: unread count, tags, time, avatar letter (one selector list: all of them)',
      grade: 'B',
      confirmed: '2026-12-02',
      fixtures: { chat: 39 },
    },
    rfqLink: {
      css: ['a[href*="/rfq/detail"], a[href*="rfqId="], a[href*="rfq_detail"]'],
      doc: "a link to a buying request's own page (structure fallback: a card is the largest element around one request's links)",
      grade: 'C',
      confirmed: '2026-12-03',
      fixtures: { rfq: 7 },
    },
    rfqDetail: {
      css: ['.brh-rfq-item__detail'],
      doc: 'the description of a buying request',
      grade: 'C',
      confirmed: '2026-12-02',
      fixtures: { rfq: 7 },
    },
    rfqBuyer: {
      css: ['.brh-rfq-item__other-info .text'],
      doc: "the buyer's name on a buying request",
      grade: 'A',
      confirmed: '2026-12-02',
      fixtures: { rfq: 7 },
    },
    rfqCard: {
      css: ['div.brh-rfq-item'],
      doc: 'one buying request of the RFQ market list',
      grade: 'A',
      confirmed: '2026-12-02',
      fixtures: { rfq: 7 },
    },
    rfqSubject: {
      css: ['a.brh-rfq-item__subject-link'],
      doc: 'title and link of a buying request',
      grade: 'A',
      confirmed: '2026-12-02',
      fixtures: { rfq: 7 },
    },
    rfqQuantity: {
      css: ['.brh-rfq-item__quantity-num'],
      doc: 'quantity of a buying request',
      grade: 'A',
      confirmed: '2026-12-02',
      fixtures: { rfq: 7 },
    },
    rfqCountry: {
      css: ['.brh-rfq-item__country'],
      doc: "buyer's country of a buying request",
      grade: 'A',
      confirmed: '2026-12-02',
      fixtures: { rfq: 7 },
    },
    rfqPosted: {
      css: ['.brh-rfq-item__publishtime'],
      doc: 'when a buying request was posted',
      grade: 'A',
      confirmed: '2026-12-02',
      fixtures: { rfq: 7 },
    },
    rfqQuotesLeft: {
      css: ['.brh-rfq-item__quote-left span'],
      doc: 'quotes left on a buying request',
      grade: 'A',
      confirmed: '2026-12-02',
      fixtures: { rfq: 7 },
    },
    rfqBuyerTag: {
      css: ['.brh-rfq-item__buyer-tag .next-tag-body'],
      doc: 'buyer tags of a buying request (Email Confirmed, Experienced buyer, …)',
      grade: 'A',
      confirmed: '2026-12-02',
      fixtures: { rfq: 7 },
    },
  });

  /** The TinyMCE editor of the detail page, for the page-world insert helper. */
  const EDITOR = Object.freeze({ id: 'normal-im-send', opener: SELECTORS.editorOpener.css[0] });

  /** The hosts Xunpan works on (the manifest's host permissions are the same three). */
  const SELLER_HOSTS = Object.freeze(['message.alibaba.com', 'onetalk.alibaba.com', 'sourcing.alibaba.com']);

  /**
   * Whether Xunpan reads the document of the window `win`: a tab's top page, or a frame
   * whose surrounding pages are none of the seller pages (My Alibaba showing the message
   * center in a frame, reference §1). A frame inside a seller page is part of that page
   * and is never read a second time on its own.
   */
  function readsFrame(win) {
    if (win === win.top) return true;
    try {
      return !isSellerPage(win.top.location.href);
    } catch {
      // The top page is of another origin: its address is not ours to read, its origin is.
      const ancestors = [...(win.location.ancestorOrigins ?? [])];
      return !ancestors.some((origin) => isSellerPage(`${origin}/`));
    }
  }

  /** Whether `href` is a page on one of the seller hosts (over HTTPS). */
  function isSellerPage(href) {
    try {
      const url = new URL(href);
      return url.protocol === 'https:' && SELLER_HOSTS.includes(url.hostname);
    } catch {
      return false;
    }
  }

  /** Alibaba addresses Xunpan builds (the queue opens an item's own page). */
  const URLS = Object.freeze({
    inquiryDetail: (id) => `https://message.alibaba.com/message/maDetail.htm?imInquiryId=${encodeURIComponent(id)}`,
  });

  /**
   * Label words of the list rows, English and Chinese UI, for reading a row by its
   * structure (each a regular expression source; the value follows the label).
   * Evidence: 询价单号 / 创建时间 / 更新时间 [A] (reference §2.1); the English words [C].
   */
  const ROW_LABELS = Object.freeze({
    inquiryNo: String.raw`(?:Inquiry\s*(?:No\.?|number|ID)|询价单号)`,
    created: String.raw`(?:Created(?:\s*(?:on|at|time))?|Creation\s*time|创建时间)`,
    updated: String.raw`(?:Updated(?:\s*(?:on|at|time))?|Update\s*time|更新时间)`,
  });

  /**
   * What a list row's status says of the thread's last word. Evidence: the status
   * column's "新询盘" [A] (reference §2); the other words [C]. The DOM has no sign of who
   * wrote the latest message a row shows (reference §2: none found), so a row in
   * conversation may show our own reply there: its text is not taken for the buyer's.
   */
  const ROW_STATUS = Object.freeze({
    awaiting: String.raw`新询盘|新询价|待回复|未回复|New\s+inquiry|Unreplied|Not\s+replied|Awaiting\s+reply|Pending\s+reply`,
    conversation: String.raw`洽谈中|已回复|跟进中|Replied|Negotiating|In\s+negotiation|Following\s+up`,
  });
  const STATUS_RE = Object.fromEntries(Object.entries(ROW_STATUS).map(([k, v]) => [k, new RegExp(`^(?:${v})$`, 'i')]));

  /**
   * The subjects the platform writes for a buyer who gave none ("Inquiry from Product
   * Details Page", reference §2 [A]; the Chinese forms [C]). They say nothing of what the
   * buyer wants, and an inquiry card may show one above the buyer's words.
   */
  const PLATFORM_SUBJECT =
    /^(?:inquiry|enquiry|message) (?:from|about) (?:product details? page|store homepage|(?:the )?(?:mini ?site|showroom|storefront|product))$|^询盘来自|^来自.*(?:详情页|首页)的询盘$/i;
  const isPlatformSubject = (s) => typeof s === 'string' && PLATFORM_SUBJECT.test(s.replace(/\s+/g, ' ').trim());

  /** A message's text without a platform subject shown as its first line. */
  function withoutPlatformSubject(messageText) {
    const lines = messageText.split('\n');
    return lines.length > 1 && isPlatformSubject(lines[0]) ? lines.slice(1).join('\n') : messageText;
  }

  /**
   * Relative times as lists show them ("3 分钟前", "2 hours ago"), by unit. Evidence: the
   * RFQ market's "N hours before" [A] (reference §5); the others [C]. A count of minutes
   * is good to the minute; a count of hours or days only tells the day, and only when
   * the hour it names cannot straddle midnight.
   */
  const RELATIVE_TIME = Object.freeze([
    { re: /^(?:刚刚|just now)$/i, unit: 0 },
    { re: /(\d+)\s*(?:分钟前|minutes?\s+ago|mins?\s+ago)/i, unit: 60_000 },
    { re: /(\d+)\s*(?:小时前|hours?\s+ago|hrs?\s+ago)/i, unit: 3_600_000 },
    { re: /(\d+)\s*(?:天前|days?\s+ago)/i, unit: 86_400_000 },
  ]);

  /**
   * Weekday names, as chat lists show a contact of the past week ("星期二", "周二",
   * "Tue"), by `Date#getDay()`. Evidence: none for these pages [C] (reference §4.1 shows
   * "HH:MM" only); other chat lists show them for the six days before yesterday. A
   * weekday names one day: the last one before today.
   */
  const WEEKDAYS = Object.freeze([
    /^(?:星期[日天]|周[日天]|礼拜[日天]|sun(?:day)?)$/i, /^(?:星期一|周一|礼拜一|mon(?:day)?)$/i,
    /^(?:星期二|周二|礼拜二|tue(?:s|sday)?)$/i, /^(?:星期三|周三|礼拜三|wed(?:nesday)?)$/i,
    /^(?:星期四|周四|礼拜四|thu(?:rs?|rsday)?)$/i, /^(?:星期五|周五|礼拜五|fri(?:day)?)$/i,
    /^(?:星期六|周六|礼拜六|sat(?:urday)?)$/i,
  ]);

  /** Date words a conversation shows between its messages ("今天", "Yesterday"): no message. */
  const DAY_DIVIDER = /^(?:今天|昨天|前天|today|yesterday|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}月\d{1,2}日)$/i;

  /**
   * Label words of an RFQ card, for reading one by its structure (the value follows the
   * label or sits in the element after it). Evidence: "Quantity Required", "Date Posted",
   * "Quotes Left" [A] (reference §5); the Chinese words [C].
   */
  const RFQ_LABELS = Object.freeze({
    quantity: String.raw`(?:Quantity(?:\s*Required)?|采购量|采购数量|需求数量)`,
    posted: String.raw`(?:Date\s*Posted|Posted(?:\s*on)?|发布时间|发布日期)`,
    quotesLeft: String.raw`(?:Quotes?\s*Left|剩余报价(?:数|次数)?)`,
  });

  /** Buyer tags of an RFQ card (reference §5 [A]; the Chinese one [C]). */
  const RFQ_BUYER_TAGS = /^(?:Email Confirmed|Experienced buyer|Complete order via RFQ|Typically replies|Interactive user|邮箱已验证)$/i;

  /**
   * The platform's own words inside a message, as data; an element whose whole text is
   * one of them is no part of what the buyer wrote (a buyer's sentence holding one is
   * kept). Evidence (reference §3.1): the note under the machine translation
   * "由阿里翻译提供" and the state "翻译中" [A] (Yingdan, Benuuh); the toggle
   * `.session-translate` [B] (Yingdan) with "翻译" / "Translate" / "显示原文"; the others
   * — a failed translation ("翻译失败", "重试"), the English UI's words, the menu's
   * words (`.message-flow-menu-box` [B]), read receipts — are [C].
   * - TRANSLATION_NOTE: the note that follows a translation: the text just before it,
   *   in the same element, is the translation;
   * - TRANSLATION_STATE: a translation's state or a way to the original: the message
   *   was translated, and these words are the page's;
   * - MESSAGE_LABELS: the toggle, the menu and the receipts: the page's words only.
   */
  const TRANSLATION_NOTE = /^(?:由阿里(?:巴巴)?翻译提供|阿里(?:巴巴)?翻译|translated by alibaba(?:\.com)?|translation (?:provided )?by alibaba(?:\.com)?)$/i;
  const TRANSLATION_STATE = /^(?:翻译中|正在翻译|翻译失败|重试|重新翻译|显示原文|查看原文|收起原文|translating|translation failed|retry|show original|see original|view original|hide original)[.。…\s]*$/i;
  const MESSAGE_LABELS = /^(?:翻译|隐藏翻译|收起翻译|translate|hide translation|复制|引用|回复|撤回|删除|转发|多选|收藏|已读|未读|copy|quote|reply|recall|delete|forward|read|unread)$/i;
  /** Whether a text is only the platform's words around a message (see TRANSLATION_NOTE). */
  const isPlatformWord = (t) => TRANSLATION_NOTE.test(t) || TRANSLATION_STATE.test(t) || MESSAGE_LABELS.test(t);

  /** The mark a page puts where it cut a text short: "…", "..." or "⋯" at its end. */
  const CUT_MARK = /\s*(?:…|\.{3}|⋯)$/;

  /** Noise in a OneTalk contact row that is not the buyer's message. */
  const CONTACT_NOISE = Object.freeze([/\[(?:未读|Unread|unread)\]/g, /\[(?:已读|Read)\]/g]);

  /**
   * Attributes that carry identity: a row's own id, or its link to an item's page (a
   * virtualised list reuses its row elements and changes only these). A change of one
   * to another item (`itemOfAttribute`) means the element shows another item.
   */
  const IDENTITY_ATTRIBUTES = Object.freeze(['data-trade-id', 'data-cid', 'href']);

  /** The item an identity attribute's value names (null: none, e.g. a link to a product). */
  function itemOfAttribute(name, value) {
    if (typeof value !== 'string') return null;
    if (name === 'href') return value.match(/imInquiryId=(\d+)/)?.[1] ?? null;
    return value || null;
  }

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

  /**
   * The buyer's own words in a message's content element, read by structure: where the
   * page shows its machine translation, the original's part of the pair
   * (translationOriginal), else the content without the platform's parts: what the
   * table names (messageChrome, translationTarget), the note under a translation
   * (TRANSLATION_NOTE) with the translation just before it, and every element whose
   * whole text is a state or label of the page's (isPlatformWord).
   * `{ text, translated, untold }`: `translated` when the page's translation or its
   * state was there; `untold` when the original cannot be told from the translation
   * (a note with no translation before it) or is not on the page (shown only on
   * "显示原文"): then `text` is '' — never the translation.
   */
  function ownWords(content, overrides) {
    if (!content) return { text: '', translated: false, untold: false };
    const originals = all(content, 'translationOriginal', overrides);
    if (originals.length) {
      const parts = originals.map((el) => withoutPlatformParts(el, overrides));
      const words = parts.filter((p) => !p.untold).map((p) => messageText(p.copy)).filter(Boolean).join('\n');
      return { text: words, translated: true, untold: !words };
    }
    const { copy, translated, untold } = withoutPlatformParts(content, overrides);
    const words = untold ? '' : messageText(copy);
    return { text: words, translated, untold: untold || (translated && !words) };
  }

  /** A copy of `el` without the platform's parts (see ownWords), and what was taken out. */
  function withoutPlatformParts(el, overrides) {
    const copy = el.cloneNode(true);
    let translated = false;
    let untold = false;
    for (const part of copy.querySelectorAll('[data-xunpan-host]')) part.remove();
    for (const part of all(copy, 'messageChrome', overrides)) part.remove();
    for (const part of all(copy, 'translationTarget', overrides)) {
      part.remove();
      translated = true;
    }
    // Innermost first (the reverse of document order puts children before parents).
    for (const part of [...copy.querySelectorAll('*')].reverse()) {
      if (!copy.contains(part)) continue;
      const words = text(part);
      if (!words) continue;
      if (TRANSLATION_NOTE.test(words)) {
        translated = true;
        const translation = translationBefore(part);
        if (translation) translation.remove();
        else untold = true;
        part.remove();
      } else if (TRANSLATION_STATE.test(words)) {
        translated = true;
        part.remove();
      } else if (MESSAGE_LABELS.test(words)) part.remove();
    }
    return { copy, translated, untold };
  }

  /**
   * The translation a note (TRANSLATION_NOTE) stands under: the nearest node before it
   * in the same element that holds text (the text beside the note inside a
   * `.target-content`, or the block above the note). null when the note comes first:
   * which part is the translation is then not told.
   */
  function translationBefore(note) {
    for (let prev = note.previousSibling; prev; prev = prev.previousSibling) {
      if ((prev.textContent ?? '').trim()) return prev;
    }
    return null;
  }

  /**
   * The product cards inside a message row (a card the buyer sent holds the platform's
   * fields, not their words): what the table names (productCard) without a message's
   * text in it, else the element around a link to a product page whose text is not an
   * address (a card's title or "查看详情", not a link the buyer typed) and that holds
   * other parts beside it (price, minimum order). Reference §3.1 [B]: product cards in
   * the conversation; their inside without class names is [C].
   */
  function cardsIn(row, overrides) {
    const named = all(row, 'productCard', overrides).filter((el) => !one(el, 'messageText', overrides));
    const built = all(row, 'listProductLink', overrides)
      .filter((a) => !/^(?:https?:\/\/|www\.)/i.test(text(a)) && a.parentElement !== row && a.parentElement?.children.length > 1)
      .map((a) => a.parentElement);
    return [...named, ...built];
  }

  /**
   * The leaf parts (see leaves) of a message row that are its own words, for the readers
   * by structure: without the parts the table names (messageChrome, translationTarget),
   * the product cards (cardsIn), the page's words (isPlatformWord), and a translation
   * (the part just before its note). `translated` and `untold` as in ownWords (the
   * caller knows which parts are words).
   */
  function ownParts(row, parts, overrides) {
    const chrome = [...all(row, 'messageChrome', overrides), ...cardsIn(row, overrides)];
    const targets = all(row, 'translationTarget', overrides);
    const kept = [];
    let untold = false;
    let translated = false;
    for (const p of parts) {
      if (!row.contains(p.el) || chrome.some((el) => el.contains(p.el))) continue;
      if (targets.some((el) => el.contains(p.el))) {
        translated = true;
        continue;
      }
      if (TRANSLATION_NOTE.test(p.text)) {
        translated = true;
        const before = kept.at(-1);
        if (before && !isTimeOnly(before.text)) kept.pop();
        else untold = true;
        continue;
      }
      if (TRANSLATION_STATE.test(p.text)) translated = true;
      if (isPlatformWord(p.text)) continue;
      kept.push(p);
    }
    return { parts: kept, untold, translated };
  }

  /**
   * Messages without the earlier messages they quote: a message that holds another's
   * whole text (of 12 characters or more) quotes it, and the quote is not its words; a
   * short line of a name's form just above the quoted lines is the quote's author
   * (reference §3.1 `.quote-container .name / .content` [B]; this holds where its class
   * names are unknown).
   */
  function withoutQuotes(messages) {
    return messages.map((m) => {
      if (!m.text) return m;
      let lines = m.text.split('\n');
      for (const other of messages) {
        if (other === m || !other.text || [...other.text].length < 12 || other.text === m.text) continue;
        if (other.at && m.at && other.at > m.at) continue;
        const quoted = other.text.split('\n');
        const at = lines.findIndex((_, i) => quoted.every((q, k) => lines[i + k] === q));
        if (at >= 0) {
          const named = at > 0 && QUOTE_AUTHOR.test(lines[at - 1]) ? 1 : 0;
          lines = [...lines.slice(0, at - named), ...lines.slice(at + quoted.length)];
        } else if (lines.join('\n').includes(other.text)) {
          lines = lines.join('\n').replace(other.text, '\n').split('\n').map((l) => l.trim()).filter(Boolean);
        }
      }
      const words = lines.join('\n');
      // A translated message whose only words left were a quote: its original is not shown.
      return words === m.text ? m : clean({ ...m, text: words, untold: m.untold || (m.translated && !words) || undefined });
    });
  }

  /** A line of a person's name's form: up to four words of letters, nothing else. */
  const QUOTE_AUTHOR = /^(?=.{2,40}$)[\p{L}][\p{L}.'’-]*(?: [\p{L}][\p{L}.'’-]*){0,3}$/u;

  const iso = (ms) => (Number.isFinite(ms) && ms > 0 ? new Date(ms).toISOString() : undefined);
  /** Oldest first, by `at` (ISO); a message without a time first. */
  const byTime = (a, b) => (Date.parse(a.at ?? 0) || 0) - (Date.parse(b.at ?? 0) || 0);
  /** Messages of one chat kept from its message events, at most. */
  const MAX_CHAT_LOG = 500;
  /** Open chats whose newest messages are kept while the page lives, at most. */
  const CHATS_KEPT = 30;
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

  /**
   * What `pick(root, css)` finds for the first selector in the chain that finds
   * anything (null: none did); a broken override must not stop the rest.
   */
  function firstFound(root, key, overrides, found, pick) {
    for (const css of chain(key, overrides)) {
      let hit;
      try {
        hit = pick(root, css);
      } catch {
        continue;
      }
      if (hit) {
        found?.add(key);
        return hit;
      }
    }
    return null;
  }

  /** All matches of the first selector in the chain that matches anything. */
  function all(root, key, overrides, found) {
    const each = (r, css) => {
      const list = r.querySelectorAll(css);
      return list.length ? [...list] : null;
    };
    return firstFound(root, key, overrides, found, each) ?? [];
  }

  /** Whether `el` matches any selector of the chain for `key` (a broken override is passed over). */
  function matchesAny(el, key, overrides) {
    return chain(key, overrides).some((css) => {
      try {
        return el.matches(css);
      } catch {
        return false;
      }
    });
  }

  /** The first match of the first selector in the chain that matches anything. */
  function one(root, key, overrides, found) {
    return firstFound(root, key, overrides, found, (r, css) => r.querySelector(css));
  }

  /**
   * The offset, in minutes east of UTC, that shown text names for itself ("GMT+8",
   * "UTC-05:00", "+08:00" right after a time), or null: then the browser's zone holds,
   * the zone the pages draw their times in.
   */
  function statedOffset(s) {
    const m = String(s).match(/(?:GMT|UTC)\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?|\d{2}:\d{2}(?::\d{2})?\s*([+-])(\d{2}):?(\d{2})\b/);
    if (!m) return null;
    const sign = (m[1] ?? m[4]) === '-' ? -1 : 1;
    const hours = Number(m[2] ?? m[5]);
    const minutes = Number(m[3] ?? m[6] ?? 0);
    if (hours > 14 || minutes > 59) return null;
    return sign * (hours * 60 + minutes);
  }

  /** Wall-clock fields to epoch ms: in the browser's zone, or at a stated offset. */
  function wallTime(y, mo, d, h, mi, sec, offset) {
    if (offset === null || offset === undefined) {
      const t = new Date(y, mo - 1, d, h, mi, sec).getTime();
      // Reject what the Date object silently rolled over (2026-13-45, 25:61).
      const back = new Date(t);
      return back.getFullYear() === y && back.getMonth() === mo - 1 && back.getDate() === d ? t : undefined;
    }
    const t = Date.UTC(y, mo - 1, d, h, mi, sec) - offset * MINUTE;
    const back = new Date(Date.UTC(y, mo - 1, d));
    return back.getUTCMonth() === mo - 1 && back.getUTCDate() === d && h < 24 && mi < 60 && sec < 60 ? t : undefined;
  }

  /**
   * "2026-11-23 09:12[:05]" (or 2026/11/23) as shown on the pages: in the browser's
   * zone unless the text names its own offset. undefined when no time of day is shown.
   */
  function parseShownTime(s) {
    const shown = clock24(s);
    const m = shown.match(/(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})[ T,]+(\d{1,2}):(\d{2})(?::(\d{2}))?/);
    if (m) return wallTime(+m[1], +m[2], +m[3], +m[4], +m[5], +(m[6] ?? 0), statedOffset(shown));
    // The en-US form ("12/3/2026, 2:32:10 PM"): month first, told by its 12-hour clock
    // (a slashed date with a 24-hour clock may be day first: not guessed).
    const us = String(s).match(/\b(\d{1,2})\/(\d{1,2})\/(\d{4}),?\s+(\d{1,2}:\d{2}(?::\d{2})?\s*[ap]\.?\s*m\.?)(?![a-z])/i);
    if (us) {
      const t = clock24(us[4]).match(/^(\d{1,2}):(\d{2})(?::(\d{2}))?$/);
      return t ? wallTime(+us[3], +us[1], +us[2], +t[1], +t[2], +(t[3] ?? 0), null) : undefined;
    }
    // A month's name with the year and a clock ("Dec 1, 2026, 10:05 AM").
    const named = shown.match(/^\s*([a-z]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}),?\s+(?:at\s+)?(\d{1,2}:\d{2}(?::\d{2})?)\s*$/i);
    const day = named ? namedMonthDay(named[1]) : undefined;
    return day ? parseShownTime(`${day} ${named[2]}`) : undefined;
  }

  /**
   * A shown text with its 12-hour clocks written as 24-hour ones ("2:32 PM" → "14:32",
   * "12:05 am" → "00:05", "下午 2:32" → "14:32"), so that one reading serves both; a
   * clock that is no 12-hour one ("13:05 PM") is left as it is, and read as nothing.
   * Evidence: none for these pages [C] (reference §10.8: the English UI's times were
   * never seen); the en-US and zh-CN ways of writing a 12-hour clock.
   */
  function clock24(s) {
    const to24 = (whole, h, m, sec, pm) => {
      if (+h < 1 || +h > 12) return whole;
      const hour = (+h % 12) + (pm ? 12 : 0);
      return `${String(hour).padStart(2, '0')}:${m}${sec ?? ''}`;
    };
    return String(s ?? '')
      .replace(/(\d{1,2}):(\d{2})(:\d{2})?\s*([ap])\.?\s*m\.?(?![a-z])/gi, (w, h, m, sec, ap) => to24(w, h, m, sec, ap.toLowerCase() === 'p'))
      .replace(/(上午|下午)\s*(\d{1,2}):(\d{2})(:\d{2})?/g, (w, half, h, m, sec) => to24(w, h, m, sec, half === '下午'));
  }

  /** The day of a shown date without a time ("2026-12-02", "2026/12/02"): "YYYY-MM-DD", or undefined. */
  function parseShownDay(s) {
    const m = String(s).match(/(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})/);
    if (!m) return undefined;
    const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
    if (d.getUTCMonth() !== +m[2] - 1 || d.getUTCDate() !== +m[3]) return undefined;
    return d.toISOString().slice(0, 10);
  }

  /** The browser's day of `ms` as "YYYY-MM-DD". */
  function localDay(ms) {
    const d = new Date(ms);
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  }

  /** Epoch ms as RFC 3339 with the browser's offset at that moment ("…T10:14:00+01:00"). */
  function isoLocal(ms) {
    if (!Number.isFinite(ms)) return undefined;
    const d = new Date(ms);
    const off = -d.getTimezoneOffset();
    const sign = off < 0 ? '-' : '+';
    const abs = Math.abs(off);
    const pad = (n) => String(n).padStart(2, '0');
    return `${localDay(ms)}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}${sign}${pad(abs / 60 | 0)}:${pad(abs % 60)}`;
  }

  /**
   * A time as a row or a message shows it: `{ at }` (epoch ms) when it has a time of
   * day, `{ day }` ("YYYY-MM-DD") when it is a date alone, `{}` when neither.
   */
  function shownWhen(s) {
    const at = parseShownTime(s);
    if (at !== undefined) return { at };
    const day = parseShownDay(s);
    return day ? { day } : {};
  }

  /**
   * A relative time ("3 分钟前", "2 hours ago", "刚刚") against `now`: `{ at }` for
   * minutes (the middle of the minute it names, as it may be rounded either way), `{ day }`
   * for hours when the hour named lies within one day, `{}` otherwise (days ago name two
   * possible days: not guessed).
   */
  function relativeWhen(s, now = Date.now()) {
    const shown = String(s ?? '').trim();
    for (const { re, unit } of RELATIVE_TIME) {
      const m = shown.match(re);
      if (!m) continue;
      if (unit === 0) return { at: now };
      const n = Number(m[1]);
      if (!Number.isSafeInteger(n)) return {};
      if (unit === MINUTE) return { at: now - n * MINUTE - MINUTE / 2 };
      if (unit > 60 * MINUTE) return {};
      const earliest = localDay(now - (n + 1) * unit);
      return earliest === localDay(now - Math.max(0, n - 0.5) * unit) ? { day: earliest } : {};
    }
    return {};
  }

  /**
   * The time an element shows, exact where the page keeps it exact: a time element's
   * datetime or a tooltip title with a full date-time first, then the text as a
   * conversation list shows it ("昨天 14:05", "11-28 09:14", a full date) or a relative time.
   */
  function timeIn(el, overrides, now = Date.now()) {
    if (!el) return {};
    const exact = [el, ...all(el, 'exactTime', overrides)];
    for (const at of exact) {
      const stamp = at.getAttribute?.('datetime');
      if (stamp && Number.isFinite(Date.parse(stamp))) return { at: Date.parse(stamp) };
      const title = at.getAttribute?.('title');
      const fromTitle = title ? shownWhen(title) : {};
      if (fromTitle.at !== undefined) return fromTitle;
    }
    const shown = text(el);
    const listed = contactWhen(shown, now);
    if (listed.at !== undefined || listed.day) return listed;
    return relativeWhen(shown, now);
  }

  /** A flag emoji's country ("🇺🇸" → "US"), or undefined. */
  function flagEmojiCode(s) {
    const m = String(s ?? '').match(/([\u{1F1E6}-\u{1F1FF}])([\u{1F1E6}-\u{1F1FF}])/u);
    if (!m) return undefined;
    return String.fromCharCode(m[1].codePointAt(0) - 0x1f1a5, m[2].codePointAt(0) - 0x1f1a5);
  }

  /** A flag found by what it shows: an image named for a country, or a flag emoji. `{ el, code }` or null. */
  function flagByName(root, overrides) {
    for (const el of all(root, 'labelledImage', overrides)) {
      const code = countryCode(el.getAttribute('aria-label') ?? el.getAttribute('alt')) ?? flagEmojiCode(text(el));
      if (code) return { el, code };
    }
    return null;
  }

  /**
   * The cell of `row` under the column header whose text is the label `key` of
   * ROW_LABELS, when the list is drawn as a grid or a table; null otherwise.
   */
  function cellUnderHeader(row, key, overrides) {
    const grid = row.closest?.('[role="grid"], [role="table"], [role="treegrid"], table');
    if (!grid) return null;
    const label = new RegExp(`^\\s*${ROW_LABELS[key]}\\s*$`, 'i');
    const index = all(grid, 'listGridHeader', overrides).findIndex((h) => label.test(text(h)));
    if (index < 0) return null;
    const cells = all(row, 'listGridCell', overrides);
    const outer = cells.filter((c) => !cells.some((o) => o !== c && o.contains(c)));
    return outer[index] ?? null;
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
   * Page data as plain data, made so in place (it is our own copy: parsed from the
   * page's JSON text or cloned from its message): none of UNSAFE_KEYS (a row whose
   * `toString` is not a function would make every String() of it throw and the page go
   * unread), nothing deeper than MAX_DEPTH levels or beyond MAX_NODES objects (null
   * instead). Copying every row cost a list's first rows a garbage collection.
   */
  function plain(value, depth = 0, budget = { nodes: MAX_NODES }) {
    if (value === null || typeof value !== 'object') return value;
    if (depth > MAX_DEPTH || --budget.nodes < 0) return null;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const v = value[i];
        if (v !== null && typeof v === 'object') value[i] = plain(v, depth + 1, budget);
      }
      return value;
    }
    if (Object.getPrototypeOf(value) !== Object.prototype) {
      // Not a plain object of this world (a caller's own, not a message's): copied.
      const out = {};
      for (const key of Object.keys(value)) if (!UNSAFE_KEYS.has(key)) out[key] = plain(value[key], depth + 1, budget);
      return out;
    }
    for (const key of Object.keys(value)) {
      if (UNSAFE_KEYS.has(key)) {
        delete value[key];
        continue;
      }
      const v = value[key];
      if (v !== null && typeof v === 'object') value[key] = plain(v, depth + 1, budget);
    }
    return value;
  }

  /** A page-data message's payload: its JSON text read (the list's rows come so), or as given. */
  function payloadOf(message) {
    if (typeof message.json !== 'string') return message.payload;
    try {
      return JSON.parse(message.json);
    } catch {
      return undefined;
    }
  }

  // The list's rows announced by its head (see page-data.js) are waited for this long
  // before they are read from the page instead; at most this many.
  const AWAIT_MS = 3000;
  const MAX_AWAITED = 5000;

  function createPageDataStore() {
    const rows = new Map();
    const messages = new Map();
    const buyers = new Map();
    const conversations = new Map();
    const chat = new Map(); // cid → { lastBuyer, lastSelf } from OneTalk's message events
    const chatLog = new Map(); // cid → Map(messageId → message): every message event, for the open chat
    const chatTails = new Map(); // open chat → what is known of its newest messages (see collectChat)
    const awaited = new Set(); // list row ids whose page data was announced and is to come
    let awaitedUntil = 0;
    const isObj = (v) => v && typeof v === 'object' && !Array.isArray(v);
    return {
      accept(message) {
        if (!isObj(message) || message.source !== 'xunpan-page-data') return false;
        const p = plain(payloadOf(message));
        switch (message.kind) {
          case 'feedbackList':
          case 'subjectList':
            if (!Array.isArray(p)) return false;
            for (const r of p) {
              if (!isObj(r) || r.tradeId == null) continue;
              rows.set(String(r.tradeId), r);
              awaited.delete(String(r.tradeId));
            }
            return true;
          case 'feedbackListHead':
            // The list's first rows, and the ids of the rest, whose data follows.
            if (!isObj(p) || !Array.isArray(p.rows) || !Array.isArray(p.rest)) return false;
            for (const r of p.rows) if (isObj(r) && r.tradeId != null) rows.set(String(r.tradeId), r);
            for (const id of p.rest.slice(0, MAX_AWAITED)) if (!rows.has(String(id))) awaited.add(String(id));
            awaitedUntil = Date.now() + AWAIT_MS;
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
            const log = chatLog.get(p.cid) ?? new Map();
            const id = String(p.messageId ?? `${p.at}`);
            log.set(id, clean({ id, from: p.fromSelf ? 'seller' : 'buyer', at: iso(p.at), text: p.text, auto: p.auto === true || undefined }));
            // The newest kept: a chat's log is the page's, never more than MAX_CHAT_LOG messages.
            if (log.size > MAX_CHAT_LOG) {
              const oldest = [...log.values()].sort(byTime).slice(0, log.size - MAX_CHAT_LOG);
              for (const m of oldest) log.delete(m.id);
            }
            chatLog.set(p.cid, log);
            return true;
          }
          default:
            return false;
        }
      },
      row: (id) => rows.get(String(id)) ?? null,
      /**
       * Whether a row's page data is on its way (announced by the list's head, not yet
       * here): such a row is not read from the page meanwhile. Given up after AWAIT_MS.
       */
      awaited: (id) => awaited.size > 0 && Date.now() < awaitedUntil && awaited.has(String(id)),
      /** When the awaited rows are given up on (ms since the epoch; 0: none awaited). */
      awaitedUntil: () => (awaited.size ? awaitedUntil : 0),
      rows: () => [...rows.values()],
      messages: (id) => messages.get(String(id)) ?? null,
      buyer: (id) => buyers.get(String(id)) ?? null,
      conversation: (cid) => conversations.get(cid) ?? null,
      chatEvents: (cid) => chat.get(cid) ?? null,
      /** Every message of a chat its message events carried, oldest first: `{ id, from, at, text, auto }`. */
      chatMessages: (cid) => (chatLog.has(cid) ? [...chatLog.get(cid).values()].sort(byTime) : null),
      /** What is known of an open chat's newest messages, kept while the page lives (see collectChat). */
      chatTail: (key) => chatTails.get(key) ?? null,
      keepChatTail: (key, tail) => {
        chatTails.delete(key);
        if (tail) chatTails.set(key, tail);
        // The chats opened last are kept; the oldest forgotten past CHATS_KEPT.
        if (chatTails.size > CHATS_KEPT) chatTails.delete(chatTails.keys().next().value);
      },
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
      // Our reply is the row's latest message: the buyer's text is not in the row, and
      // the subject (often the platform's "Inquiry from Product Details Page") is no
      // stand-in for it. The row is read for its thread alone (see `threadOnly`).
      body: ours ? undefined : String(latest.content ?? r.subject ?? ''),
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
      const ourAt = Number(r.lastestReplyTime) || Number(latest.gmtChat);
      // The buyer wrote again after our reply (a follow-up): the row's latest message
      // is the thread since our reply, and the clocks start at it.
      const followUp = !ours && Number(latest.gmtChat) > ourAt && typeof latest.content === 'string' && latest.content;
      inquiry.thread = clean({
        ourLastReplyAt: iso(ourAt),
        buyerReadAt: ours && latest.contactRead ? iso(Number(r.readTime) || Number(latest.gmtChat)) : undefined,
        buyerRepliedAt: followUp ? iso(Number(latest.gmtChat)) : undefined,
        messages: followUp
          ? [{ from: 'buyer', at: iso(Number(latest.gmtChat)), text: latest.content }]
          : undefined,
      });
    }
    return inquiry;
  }

  /**
   * Whether a listed inquiry is known by its thread alone: the row showed no text of
   * the buyer's because the latest message is ours. Such an item is never triaged on
   * its own; its clocks come from the thread, its tag from an earlier reading of the
   * buyer's text if there is one (the service worker's `threadOnly` answers).
   */
  const isThreadOnly = (inquiry) => inquiry.body === undefined && inquiry.thread !== undefined;

  /** Leaf texts of an element in document order: elements without element children, with text. */
  function leaves(root) {
    const out = [];
    const walk = (el) => {
      if (el.hasAttribute?.('data-xunpan-host')) return;
      const kids = [...el.children].filter((k) => !/^(SCRIPT|STYLE|TEMPLATE)$/.test(k.nodeName));
      const own = [...el.childNodes].filter((n) => n.nodeType === 3).map((n) => n.nodeValue).join(' ').replace(/\s+/g, ' ').trim();
      if (!kids.length) {
        const t = text(el);
        if (t) out.push({ el, text: t });
        return;
      }
      if (own) out.push({ el, text: own, mixed: true });
      for (const k of kids) walk(k);
    };
    walk(root);
    return out;
  }

  const labelRe = (key, value) => new RegExp(`${ROW_LABELS[key]}\\s*[:：]?\\s*${value}`, 'i');
  const ANY_LABEL = new RegExp(Object.values(ROW_LABELS).join('|'), 'i');
  const DATE_TIME = String.raw`(\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:[ T]+\d{1,2}:\d{2}(?::\d{2})?)?(?:\s*(?:GMT|UTC)\s*[+-]\s*\d{1,2}(?::?\d{2})?)?)`;

  /** The inquiry a link to its detail page names ("…imInquiryId=<id>"), if any. */
  const inquiryIdOfLink = (a) => itemOfAttribute('href', a?.getAttribute('href'));

  /**
   * Each item's element found by its links, when class names fail: the largest element
   * around a link that holds no link to another item (`idOf` reads a link's item), or
   * `preferred(link)` where that holds none. `[{ element, link }]` in the links' order,
   * each element once; a link alone in its element, or directly under the body, gives
   * none, unless the link holds the item's texts itself (a row drawn as one link).
   */
  function aroundOwnLinks(doc, links, idOf, preferred = () => null) {
    const alone = (el, id) => links.every((l) => !el.contains(l) || idOf(l) === id);
    const out = [];
    for (const link of links) {
      const id = idOf(link);
      if (!id) continue;
      let element = preferred(link);
      if (!element || !alone(element, id)) {
        element = link;
        while (element.parentElement && element.parentElement !== doc.body && alone(element.parentElement, id)) element = element.parentElement;
      }
      // A link that holds several texts (a name, a message, a time) is the whole item.
      if ((element === link && leaves(link).length < 3) || out.some((o) => o.element === element)) continue;
      out.push({ element, link });
    }
    return out;
  }

  /**
   * A list row read by its structure, when class names fail: the inquiry number from
   * its label or its detail link, the creation time from its label, the product from
   * its product link, the buyer from the flag and the name beside it, and the message
   * as the longest remaining text. Each field is left out when it cannot be read.
   */
  function readRowByStructure(row, overrides, now = Date.now()) {
    const whole = text(row);
    const id = row.getAttribute('data-trade-id') ||
      whole.match(labelRe('inquiryNo', String.raw`(\d{5,})`))?.[1] ||
      inquiryIdOfLink(one(row, 'listDetailLink', overrides)) ||
      (matchesAny(row, 'listDetailLink', overrides) ? inquiryIdOfLink(row) : null) || null;
    const created = whole.match(labelRe('created', DATE_TIME))?.[1];
    // No label in the row: the cell under the "Created" column header of a grid, else a
    // text that is a time and nothing else (the time of the row's newest message).
    const parts = leaves(row);
    const timeCell = created ? null : cellUnderHeader(row, 'created', overrides) ??
      parts.find((p) => isListTime(p.text))?.el ?? null;
    const when = timeCell ? timeIn(timeCell, overrides, now) : undefined;
    const productLink = one(row, 'listProductLink', overrides);
    const product = productLink ? (productLink.getAttribute('title') || text(productLink)) : '';
    const named = one(row, 'listFlagAny', overrides) ? null : flagByName(row, overrides);
    const flag = named?.el ?? one(row, 'listFlagAny', overrides);
    const flagCode = [...(flag?.classList ?? [])].map((c) => c.match(/flag-([a-z]{2})$/i)?.[1]).find(Boolean);
    const country = named?.code ?? flagCode?.toUpperCase() ??
      countryCode(flag?.getAttribute('title') || flag?.getAttribute('aria-label') || flag?.getAttribute('alt') || text(flag));
    // The buyer's name: a part whose title repeats its text (full names are in titles),
    // else the text just before the flag.
    let nameEl = parts.find((p) => p.el !== flag && !flag?.contains(p.el) && p.el.getAttribute?.('title') && p.el.getAttribute('title') === p.text)?.el;
    if (!nameEl && flag) {
      const before = parts.filter((p) => p.el !== flag && !flag.contains(p.el) && (p.el.compareDocumentPosition(flag) & 4));
      nameEl = before.filter((p) => !ANY_LABEL.test(p.text) && !/^\d+$/.test(p.text)).at(-1)?.el;
    }
    const name = nameEl ? (nameEl.getAttribute('title') || text(nameEl)) : '';
    // The message: the longest text that is none of the above, nor a label, a date, a
    // status word or a button.
    const taken = new Set([flag, nameEl, productLink, timeCell].filter(Boolean));
    const free = parts.filter((p) => {
      if ([...taken].some((el) => el === p.el || el.contains(p.el))) return false;
      if (ANY_LABEL.test(p.text) || /^[\d\s:/.-]+$/.test(p.text)) return false;
      // A link or button that is just this text ("View details") is no message; a link
      // around the whole row (the older rows are one) says nothing.
      const control = p.el.closest?.('a[href], button');
      return p.text !== name && p.text !== product && !(control && text(control) === p.text);
    });
    // Layout first: a paragraph, or the text beside the product link, is the message
    // however short ("hi"); else the longest text of a few words, else the one text left.
    const productCell = productLink?.closest?.('[role="gridcell"], [role="cell"], td');
    const beside = productLink
      ? free.find((p) => p.el.parentElement === productLink.parentElement || (productCell && row.contains(productCell) && productCell.contains(p.el)))
      : null;
    const paragraph = free.find((p) => /^(P|BLOCKQUOTE)$/.test(p.el.nodeName));
    const long = free.filter((p) => p.text.split(/\s+/).length >= 3 || (p.text.match(/[\u3400-\u9fff]/g) ?? []).length >= 6)
      .sort((a, b) => b.text.length - a.text.length)[0];
    // A row with one text left besides its name and time: that is the message ("hi").
    const only = free.length === 1 && statusOf([free[0].text]) === null ? free[0] : null;
    const message = (beside ?? paragraph ?? long ?? only)?.el ?? null;
    // The status: a text that is a status word and nothing else (see ROW_STATUS).
    const status = statusOf(parts.map((p) => p.text));
    return { id, created, when, product, country, name, nameEl, message, status };
  }

  /**
   * A listed inquiry read from the row itself: by the class names first, then by the
   * row's structure (`byStructure`: that reading, when the caller made it already).
   * `missing` names what feeds the engine and could not be read.
   */
  function inquiryFromRowDom(row, id, overrides, found, now = Date.now(), byStructure = readRowByStructure(row, overrides, now)) {
    const nameEl = one(row, 'listBuyerName', overrides, found);
    const flag = one(row, 'listCountry', overrides, found);
    const code = [...(flag?.classList ?? [])].map((c) => c.match(/^ui2-flag-([a-z]{2})$/)?.[1]).find(Boolean);
    const productEl = one(row, 'listProduct', overrides, found);
    const previewEl = one(row, 'listPreview', overrides, found);
    const product = text(productEl) || byStructure.product;
    const statusEl = one(row, 'listStatus', overrides, found);
    const status = statusEl ? statusOf([text(statusEl)]) : byStructure.status;
    // In conversation, the text shown may be our reply: whose it is, the row does not say.
    const shown = previewEl ? messageText(previewEl) : messageText(byStructure.message);
    const message = status === 'conversation' ? '' : shown;
    if (!previewEl && message) found?.add('listStructure');
    const name = nameEl?.getAttribute('title') || text(nameEl) || byStructure.name;
    const country = code?.toUpperCase() ?? byStructure.country;
    const when = byStructure.created ? shownWhen(byStructure.created) : (byStructure.when ?? {});
    const inquiry = clean({
      id,
      channel: 'inquiry',
      receivedAt: iso(when.at),
      body: message,
      product: product ? { title: product } : undefined,
      buyer: clean({ name, country }),
    });
    const missing = [];
    if (!message && status !== 'conversation') missing.push('text');
    if (when.at === undefined && !when.day) missing.push('time');
    if (!name && !country) missing.push('buyer');
    // Neither a status nor a preview element says whose the text shown is: its style may.
    const unmarked = status === null && !previewEl && message ? byStructure.message : null;
    return { inquiry, missing, receivedOn: when.at === undefined ? when.day : undefined, inConversation: status === 'conversation', unmarked };
  }

  /** The weight an element's text is drawn in (400 normal, 700 bold), or null unknown. */
  function fontWeight(el) {
    const weight = Number(el?.ownerDocument?.defaultView?.getComputedStyle?.(el)?.fontWeight);
    return Number.isFinite(weight) && weight > 0 ? weight : null;
  }

  /**
   * Rows whose text the list marks by weight alone: where some rows' messages are bold
   * and others not, the bold ones are unread, so the newest message is the buyer's (ours
   * are never unread to us); the others may show our own reply, and the row does not say
   * whose it is. Those are read for their thread alone, the health naming the side as
   * missing. A list whose messages all look alike is left as it was read.
   */
  function sidesByWeight(items) {
    const weighed = items.filter((i) => i.unmarked).map((i) => ({ item: i, weight: fontWeight(i.unmarked) }));
    const bold = weighed.filter((w) => w.weight !== null && w.weight >= 600);
    if (!bold.length || bold.length === weighed.length || weighed.some((w) => w.weight === null)) return;
    for (const { item, weight } of weighed) {
      if (weight >= 600) continue;
      item.inquiry = clean({ ...item.inquiry, body: undefined, receivedAt: undefined });
      item.threadOnly = true;
      item.missing = [...item.missing.filter((m) => m !== 'time'), 'side'];
      delete item.receivedOn;
    }
  }

  /** The status ROW_STATUS names ('awaiting', 'conversation') of the first of `texts` that is one; null when none is. */
  function statusOf(texts) {
    for (const t of texts) {
      for (const [status, re] of Object.entries(STATUS_RE)) if (re.test(t.trim())) return status;
    }
    return null;
  }

  /** Rows of the list: by the row selectors, else by the rows' inquiry-number labels. */
  function listRows(doc, overrides, found) {
    const rows = all(doc, 'listRow', overrides, found);
    if (rows.length) return rows;
    // Structure: the smallest element around each "Inquiry No." label that holds one.
    const re = new RegExp(ROW_LABELS.inquiryNo, 'i');
    const labelled = leaves(doc.body ?? doc).filter((p) => re.test(p.text)).map((p) => p.el);
    const out = [];
    for (const label of labelled) {
      let row = label;
      while (row.parentElement && row.parentElement !== doc.body &&
        [...labelled].filter((l) => row.parentElement.contains(l)).length === 1) row = row.parentElement;
      if (row !== label && !out.includes(row)) out.push(row);
    }
    if (out.length) {
      found?.add('listRowStructure');
      return out;
    }
    // Structure, without labels: the largest element around each detail link that links
    // to that one inquiry alone (a grid row, a card), its row element where it has one.
    const links = all(doc, 'listDetailLink', overrides).filter((a) => !a.closest('[data-xunpan-host]'));
    // One link is no list: a lone link (a header's "latest inquiry", a menu entry) would
    // make the whole page its row.
    if (new Set(links.map(inquiryIdOfLink).filter(Boolean)).size < 2) return out;
    for (const { element } of aroundOwnLinks(doc, links, inquiryIdOfLink, (link) => link.closest('[role="row"], tr, li'))) {
      if (!element.hidden) out.push(element);
    }
    if (out.length) found?.add('listRowLinks');
    return out;
  }

  /** Part names (as health reports them) of what feeds the engine. */
  const FEEDS = Object.freeze({ text: 'messageText', time: 'receivedTime', buyer: 'buyer', side: 'messageSide', firstUnanswered: 'firstUnansweredTime',
    original: 'messageOriginal' });

  /** `missing` of every item, as the health's list of parts ("messageText 3/20"). */
  function missingParts(items) {
    const counts = {};
    for (const item of items) for (const part of item.missing ?? []) counts[part] = (counts[part] ?? 0) + 1;
    return Object.entries(counts).map(([part, n]) => `${FEEDS[part] ?? part} ${n}/${items.length}`);
  }

  function collectList(doc, data, overrides, now, { rows } = {}) {
    const found = new Set();
    const items = [];
    let awaiting = 0;
    for (const row of rows ?? listRows(doc, overrides, found)) {
      const read = row.getAttribute('data-trade-id') ? null : readRowByStructure(row, overrides, now);
      const id = row.getAttribute('data-trade-id') || read?.id;
      if (!id) continue;
      const fromData = data?.row?.(id);
      // Its page data is on its way: read it then, not from the page now.
      if (!fromData && data?.awaited?.(id)) {
        awaiting += 1;
        continue;
      }
      // The chip goes beside the buyer's name, found by class or by structure; the row
      // itself only when neither finds it (a grid row would take it as one more cell).
      const nameBox = (one(row, 'listBuyerName', overrides) ?? read?.nameEl)?.parentElement;
      const item = { id, key: listKey(id), element: row, mount: nameBox && row.contains(nameBox) ? nameBox : row };
      if (fromData) {
        found.add('pageData');
        item.inquiry = inquiryOfRow(fromData);
        if (isThreadOnly(item.inquiry)) item.threadOnly = true;
        item.missing = [!item.inquiry.body && !item.threadOnly && 'text', !item.inquiry.receivedAt && 'time', !item.inquiry.buyer && 'buyer'].filter(Boolean);
      } else {
        const dom = inquiryFromRowDom(row, id, overrides, found, now, read ?? undefined);
        item.inquiry = dom.inquiry;
        item.missing = dom.missing;
        if (dom.receivedOn) item.receivedOn = dom.receivedOn;
        if (dom.inConversation) item.threadOnly = true;
        if (dom.unmarked) item.unmarked = dom.unmarked;
      }
      items.push(item);
    }
    sidesByWeight(items);
    for (const item of items) {
      delete item.unmarked;
      // No verdict from empty text: the row is marked unread instead (or, when the
      // text shown is not the buyer's, read for its thread alone).
      if (!item.inquiry.body && !item.threadOnly) item.unread = true;
    }
    const missing = [];
    if (!items.length && !awaiting) {
      // Only the page's own "no inquiries" note proves an empty folder; an empty list
      // container could as well be rows whose class changed.
      if (!one(doc, 'listEmpty', overrides, found)) missing.push('listRow');
    }
    missing.push(...missingParts(items));
    return { items, header: null, editor: null, health: { found: [...found], missing } };
  }

  // --- the inquiry detail -----------------------------------------------------------------------

  /**
   * The inquiry the detail shows. In the list app the hash route is what is shown now:
   * the address's imInquiryId is the inquiry the page was entered at, and stays when the
   * app moves on by its hash alone.
   */
  function detailId(doc) {
    const url = new URL(doc.location?.href ?? 'https://message.alibaba.com/');
    return url.hash.match(/feedback\/detail\/\w+\/(\d+)/)?.[1] ?? url.searchParams.get('imInquiryId') ?? null;
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
      else if (/^\d{4}-\d{2}-\d{2}/.test(value) && !buyer.registeredAt) {
        // A day (in the browser's zone, as the page shows it); an impossible one is dropped.
        const day = parseShownDay(value.slice(0, 10));
        if (day) buyer.registeredAt = isoLocal(new Date(+day.slice(0, 4), +day.slice(5, 7) - 1, +day.slice(8, 10)).getTime());
      }
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

  /** Words the page puts on a message its auto-reception sent for us [A] (reference §3.1). */
  const AUTO_REPLY_MARK = /系统自动发送|自动接待发送|auto[- ]?repl/i;

  /**
   * Messages of a conversation area, sorted by time (the DOM order is not to be trusted);
   * `withIds`: each with the page's own message id (`id`) where its data-expinfo has one.
   */
  function messagesFromDom(root, key, overrides, found, now = Date.now(), withIds = false) {
    const out = [];
    for (const el of all(root, key, overrides, found)) {
      const meta = readJsonAttr(el, 'data-expinfo') ?? {};
      const shown = text(one(el, 'messageTime', overrides, found));
      const at = Number(meta.sendTime) || parseShownTime(shown) || contactWhen(shown, now).at;
      // The buyer's own words: the original where the page shows its translation too.
      const words = ownWords(one(el, 'messageText', overrides, found), overrides);
      const auto = AUTO_REPLY_MARK.test(el.textContent ?? '');
      const id = withIds && (typeof meta.messageId === 'string' || typeof meta.messageId === 'number') ? String(meta.messageId) : undefined;
      out.push(clean({ id, from: el.classList.contains('item-right') ? 'seller' : 'buyer', at: iso(at), text: words.text, auto: auto || undefined,
        translated: words.translated || undefined, untold: words.untold || undefined }));
    }
    return withoutQuotes(out.sort(byTime));
  }

  function threadOf(messages) {
    const seller = messages.filter((m) => m.from === 'seller' && !m.auto);
    const lastSeller = seller.at(-1)?.at;
    const buyerAfter = lastSeller ? messages.filter((m) => m.from === 'buyer' && m.at > lastSeller).at(-1)?.at : undefined;
    return clean({ ourLastReplyAt: lastSeller, buyerRepliedAt: buyerAfter, messages });
  }

  /**
   * The reply editor of the page, by kind: `tinymce` (the detail page's editor, created
   * from its placeholder, reached through the page's own world), `contenteditable`,
   * `textarea`, or `controlled` (a React-controlled textarea: native setter and an
   * input event). `{ kind, element, spec }`, or null when the page has none.
   */
  function replyEditor(type, doc, overrides) {
    if (type === 'chat') {
      const element = one(doc, 'chatComposer', overrides);
      if (!element) return null;
      return { kind: element instanceof doc.defaultView.HTMLTextAreaElement ? 'controlled' : 'contenteditable', element };
    }
    if (type !== 'inquiryDetail') return null;
    const frame = one(doc, 'editorFrame', overrides);
    const opener = one(doc, 'editorOpener', overrides);
    if (frame || opener || doc.getElementById(EDITOR.id)) {
      const box = one(doc, 'editorChrome', overrides) ?? frame ?? opener;
      // The editor is the one whose frame this is: TinyMCE names its frame "<id>_ifr",
      // and names itself (mce_0, …) when the page gave it no id.
      const ownId = frame?.id?.match(/^(.+)_ifr$/)?.[1];
      return { kind: 'tinymce', element: box, frame, spec: ownId && ownId !== EDITOR.id ? { ...EDITOR, id: ownId } : EDITOR };
    }
    // An iframe-based rich editor of another kind: the frame whose body is editable.
    const framed = editableFrameBody(doc, overrides);
    if (framed) return { kind: 'frame', element: framed.body, frame: framed.frame };
    // A box the rep cannot see (a textarea an editor hid and keeps in step) is not the box.
    const element = all(doc, 'detailEditor', overrides).find(isShown);
    if (!element) return null;
    return { kind: element instanceof doc.defaultView.HTMLTextAreaElement ? 'textarea' : 'contenteditable', element };
  }

  /** Whether an element is drawn: not hidden, not `display: none`, not `visibility: hidden`, of some size when laid out. */
  function isShown(el) {
    if (!el?.isConnected || el.hidden) return false;
    const style = el.ownerDocument?.defaultView?.getComputedStyle?.(el);
    if (style && (style.display === 'none' || style.visibility === 'hidden')) return false;
    // Outside a browser's layout (tests in a bare DOM) boxes have no size: taken as shown.
    const laidOut = el.ownerDocument?.documentElement?.getBoundingClientRect?.().width > 0;
    return !laidOut || el.getClientRects().length > 0;
  }

  /**
   * The reply box inside a same-origin frame (an iframe-based rich editor: CKEditor 4,
   * TinyMCE in iframe mode, a page's own): `{ frame, body }` of the first frame in the
   * reply area, else on the page, whose document's body is editable; null when none is.
   * A frame of another origin cannot be read and is passed over.
   */
  function editableFrameBody(doc, overrides) {
    for (const frame of all(doc, 'detailEditorFrame', overrides)) {
      let body = null;
      try {
        body = frame.contentDocument?.body ?? null;
      } catch {
        body = null;
      }
      if (body && (body.isContentEditable || frame.contentDocument.designMode === 'on') && isShown(frame)) return { frame, body };
    }
    return null;
  }

  function collectDetail(doc, data, overrides, now) {
    const found = new Set();
    const id = detailId(doc);
    let messages = messagesFromDom(doc, 'detailMessage', overrides, found, now);
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
    // No conversation by its class names nor by data: read it by its structure.
    let area = one(doc, 'detailConversation', overrides, found);
    let sidesUnknown = false;
    const read = !area || !messages.length ? detailConversationByStructure(doc, overrides, now, buyer.name) : null;
    if (read) {
      found.add('detailConversationStructure');
      area ??= read.list;
      if (!messages.length) {
        messages = read.messages;
        // Whose a message is, the page did not tell: none is taken as the buyer's.
        sidesUnknown = messages.some((m) => !m.from);
        if (sidesUnknown) messages = [];
        else found.add('detailMessage');
      }
    }
    // The inquiry card may show the platform's subject above the buyer's words; the
    // page's data never has it there. Both readings of a message give the same text.
    messages = messages.map((m) => (m.from === 'buyer' && m.text ? { ...m, text: withoutPlatformSubject(m.text) } : m));
    // A buyer's message shown only in the platform's translation: its words are not read.
    const untold = messages.filter((m) => m.untold && m.from === 'buyer');
    messages = messages.map(({ untold: _, translated: __, ...m }) => m);
    const firstBuyer = messages.find((m) => m.from === 'buyer');
    const attachments = all(doc, 'attachment', overrides, found)
      .map((el) => readJsonAttr(el, 'data-query'))
      .filter((q) => q && typeof q.fileName === 'string')
      .map((q) => clean({ name: q.fileName, size: count(q.fileSize) }));
    const productEl = one(doc, 'productCard', overrides, found);
    const productTitle = text((productEl && one(productEl, 'productName', overrides, found)) ?? productEl);
    const mount = one(doc, 'detailCardMount', overrides, found);
    const editor = replyEditor('inquiryDetail', doc, overrides);
    if (editor) found.add('replyEditor');
    const items = [];
    const parts = [];
    if (firstBuyer && !messages.some((m) => m.from === 'buyer' && m.text)) parts.push('messageText');
    if (untold.length) parts.push(`${FEEDS.original} ${untold.length}/${messages.filter((m) => m.from === 'buyer').length}`);
    if (firstBuyer && !firstBuyer.at) parts.push('receivedTime');
    if (!Object.keys(buyer).length) parts.push('buyer');
    if (sidesUnknown) parts.push('messageSide');
    if (id && area && firstBuyer) {
      const thread = threadOf(messages);
      // The buyer wrote again after our reply: judged on what they wrote since, and the
      // clocks start at it (as a list row's follow-up and the open chat are).
      // Before any reply of ours, every message the buyer wrote is unanswered (the
      // inquiry card may hold no words: a product card, then the buyer's text).
      const since = messages.filter((m) => m.from === 'buyer' && (!thread.ourLastReplyAt || m.at > thread.ourLastReplyAt));
      const pending = since.length ? since : [firstBuyer];
      const body = pending.map((m) => m.text).filter(Boolean).join('\n');
      const inquiry = clean({
        id,
        channel: 'inquiry',
        receivedAt: pending[0].at,
        body,
        attachments: attachments.length ? attachments : undefined,
        product: productTitle ? { title: productTitle } : undefined,
        buyer: Object.keys(buyer).length ? buyer : undefined,
        thread: thread.ourLastReplyAt ? thread : undefined,
      });
      items.push({ id, key: `detail:${id}`, element: area, mount: mount ?? area, inquiry, open: true, unread: !body || undefined });
    }
    const missing = ['detailConversation', 'detailMessage', 'buyerCard', 'detailCardMount', 'replyEditor'].filter(
      (k) => !found.has(k) && !(k === 'detailMessage' && found.has('pageData')) && !(k === 'buyerCard' && found.has('buyerData')) &&
        !(k === 'detailConversation' && area),
    );
    missing.push(...parts);
    return { items, header: mount ?? area, editor, health: { found: [...found], missing } };
  }

  // --- OneTalk chat ---------------------------------------------------------------------------------

  /**
   * "HH:MM" of today in the browser's zone (the zone the page draws in), or of
   * yesterday if today's would be in the future. undefined for anything else.
   */
  function timeToday(hhmm, now = Date.now()) {
    const m = String(hhmm).trim().match(/^(\d{1,2}):(\d{2})$/);
    if (!m || +m[1] > 23 || +m[2] > 59) return undefined;
    const today = new Date(now);
    let t = new Date(today.getFullYear(), today.getMonth(), today.getDate(), +m[1], +m[2], 0).getTime();
    if (t > now + MINUTE) {
      const y = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 1, +m[1], +m[2], 0);
      t = y.getTime();
    }
    return t;
  }

  /** A weekday's name alone or with a 24-hour clock ("Tue", "Tue 15:05"); WEEKDAYS tells the name. */
  const WEEKDAY_SHOWN = /^(\S+?),?(?:\s+(\d{1,2}:\d{2}))?$/;
  /** A month's name and day, a year or not, a 24-hour clock or not ("Nov 28", "Nov 28, 2025", "Nov 28, 09:14"). */
  const MONTH_DAY_SHOWN = /^([a-z]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{4})?),?(?:\s+(?:at\s+)?(\d{1,2}:\d{2}))?$/i;

  /**
   * A contact row's shown time: "HH:MM" (today), "Yesterday"/"昨天" HH:MM, a weekday or
   * a month's name and day with a clock ("Tue 5:25 AM", "Nov 4, 10:05 AM"), a full
   * date-time, or a day alone ("昨天", a weekday, "Nov 28", "12-01", "2026-12-01":
   * day-level); clocks 24-hour or 12-hour. `{ at }`, `{ day }` or `{}`.
   */
  function contactWhen(shown, now = Date.now()) {
    const s = clock24(String(shown ?? '').trim()).replace(/\s+/g, ' ');
    const today = timeToday(s, now);
    if (today !== undefined) return { at: today };
    const y = s.match(/^(?:yesterday|昨天)\s*(\d{1,2}):(\d{2})$/i);
    if (y) {
      const d = new Date(now);
      const t = new Date(d.getFullYear(), d.getMonth(), d.getDate() - 1, +y[1], +y[2], 0).getTime();
      return { at: t };
    }
    if (/^(?:yesterday|昨天)$/i.test(s)) {
      const d = new Date(now);
      return { day: localDay(new Date(d.getFullYear(), d.getMonth(), d.getDate() - 1).getTime()) };
    }
    // A weekday, with the clock of that day or not ("星期二", "Tue 3:05 PM").
    const wd = s.match(WEEKDAY_SHOWN);
    const weekday = wd ? WEEKDAYS.findIndex((re) => re.test(wd[1])) : -1;
    if (weekday >= 0) {
      const d = new Date(now);
      const back = ((d.getDay() - weekday + 6) % 7) + 1; // 1 (yesterday's name) … 7 (today's: a week ago)
      const day = localDay(new Date(d.getFullYear(), d.getMonth(), d.getDate() - back).getTime());
      return wd[2] ? shownWhen(`${day} ${wd[2]}`) : { day };
    }
    // A month's name and a day, with the year or not, with a clock or not ("Nov 28",
    // "Nov 28, 9:14 AM", "Nov 28, 2025"): without a year, the last such day not after now.
    const named = s.match(MONTH_DAY_SHOWN);
    const namedDay = named ? namedMonthDay(named[1], now) : undefined;
    if (namedDay) return named[2] ? shownWhen(`${namedDay} ${named[2]}`) : { day: namedDay };
    const full = shownWhen(s);
    if (full.at !== undefined || full.day) return full;
    const md = s.match(/^(\d{1,2})[-/](\d{1,2})(?:\s+(\d{1,2}:\d{2}))?$/);
    if (md) {
      const year = new Date(now).getFullYear();
      const inYear = (y) => shownWhen(`${y}-${md[1]}-${md[2]}${md[3] ? ` ${md[3]}` : ''}`);
      const thisYear = inYear(year);
      // A day still to come is last year's: a list shows what has come ("12-28" on
      // 4 December is last year's 28th, not this month's, still ahead).
      const ahead = thisYear.at !== undefined ? thisYear.at > now + MINUTE : Boolean(thisYear.day && thisYear.day > localDay(now));
      return ahead ? inYear(year - 1) : thisYear;
    }
    return {};
  }

  /**
   * The message of a contact row, and only the message: the preview element when
   * there is one, else the row's text without the name, the time, the unread count,
   * tags, the avatar letter and "[Unread]" / "[未读]" markers.
   */
  function contactMessage(row, name, overrides) {
    const strip = (t) => CONTACT_NOISE.reduce((acc, re) => acc.replace(re, ' '), t).replace(/\s+/g, ' ').trim();
    const preview = one(row, 'contactPreview', overrides);
    if (preview) return { text: strip(text(preview)), cut: cutShort(row, preview, overrides) };
    const clone = row.cloneNode(true);
    for (const el of clone.querySelectorAll('[data-xunpan-host]')) el.remove();
    for (const el of all(clone, 'contactNoise', overrides)) el.remove();
    for (const el of all(clone, 'contactName', overrides)) el.remove();
    let rest = strip(text(clone));
    if (name && rest.startsWith(name)) rest = rest.slice(name.length).trim();
    // An avatar letter left without its class: a lone capital at the start.
    rest = rest.replace(/^[A-Z\u3400-\u9fff]\s+(?=\S)/, '').trim();
    // Where the page cuts: the deepest element of the row that holds the message's end.
    const holder = rest ? [...row.querySelectorAll('*')].reverse().find((el) => !el.closest('[data-xunpan-host]') &&
      el.textContent.includes(rest.slice(-Math.min(rest.length, 12)))) : null;
    return { text: rest, cut: cutShort(row, holder ?? row, overrides) };
  }

  /**
   * Whether the page shows a contact row's message cut short, by what it draws: the
   * element holding the text (or one around it, up to the row) has a class that names
   * a cut or a preview, or the page's style cuts it (an ellipsis or a line clamp) and
   * the text does not fit. A trailing "…" is seen by the caller, on the text.
   */
  function cutShort(row, el, overrides) {
    for (let at = el; at && at !== row && row.contains(at); at = at.parentElement) {
      if (matchesAny(at, 'contactPreviewCut', overrides)) return true;
      const style = at.ownerDocument?.defaultView?.getComputedStyle?.(at);
      if (!style) continue;
      const clamp = Number(style.webkitLineClamp ?? style.getPropertyValue('-webkit-line-clamp'));
      if (clamp > 0 && at.scrollHeight > at.clientHeight + 1) return true;
      if (style.textOverflow === 'ellipsis' && style.overflowX !== 'visible' && at.scrollWidth > at.clientWidth + 1) return true;
    }
    return false;
  }

  /** A text that is a shown time and nothing else ("15:21", "昨天 09:14", "2026-12-01 09:14"). */
  const TIME_ONLY = /^(?:(?:yesterday|昨天)\s*)?\d{1,2}:\d{2}$|^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\s+\d{1,2}:\d{2}(?::\d{2})?$|^\d{1,2}[-/]\d{1,2}\s+\d{1,2}:\d{2}$/i;
  /** Whether a text is a time and nothing else (TIME_ONLY, its clock 24-hour or 12-hour). */
  const isTimeOnly = (t) => TIME_ONLY.test(clock24(String(t ?? '').trim()));

  /** RELATIVE_TIME's forms as the whole of a text. */
  const RELATIVE_WHOLE = RELATIVE_TIME.map(({ re }) => new RegExp(`^(?:${re.source})$`, 'i'));

  /**
   * Whether a list row's text is its time and nothing else, as lists show it: a clock or
   * a date-time (isTimeOnly), a relative time ("4 min ago", "Just now", "3 小时前"), a
   * weekday with or without its clock, a month's name and day ("Nov 28", "Nov 28, 9:14
   * AM", "Nov 28, 2025"), a month and day alone as Chinese lists write them ("11-28",
   * "11/28": a day, read as contactWhen reads it). Evidence: none for the inquiry list
   * [C] (reference §10.8); the older rows' dates of Chinese message lists.
   */
  function isListTime(t) {
    const s = clock24(String(t ?? '').trim()).replace(/\s+/g, ' ');
    if (TIME_ONLY.test(s) || /^(?:yesterday|昨天)$|^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}$/i.test(s)) return true;
    if (/^\d{1,2}[-/]\d{1,2}$/.test(s)) return contactWhen(s).day !== undefined;
    if (RELATIVE_WHOLE.some((re) => re.test(s))) return true;
    const wd = s.match(WEEKDAY_SHOWN);
    if (wd && WEEKDAYS.some((re) => re.test(wd[1]))) return true;
    const named = s.match(MONTH_DAY_SHOWN);
    return Boolean(named && namedMonthDay(named[1]));
  }

  /**
   * What the page's own data says of each message of `list`, asked of the page-world
   * observer (page-data.js), which marks each message element before this returns:
   * `data-xunpan-from` (buyer, seller or system), `data-xunpan-at` (its send time, epoch
   * ms), `data-xunpan-auto` ("1": the platform's auto-reception sent it for us). Without
   * that observer, or data, nothing is marked.
   */
  const PAGE_MESSAGE_EVENT = 'xunpan-page-messages';
  function askPageAboutMessages(list) {
    try {
      list.dispatchEvent(new list.ownerDocument.defaultView.CustomEvent(PAGE_MESSAGE_EVENT, { bubbles: true }));
    } catch {
      // no page world to ask: the layout alone tells
    }
  }

  /**
   * Which side of `box` a message row's content sits on: the row's own box, or when the
   * row is as wide as the list, the extent of what it shows. 'right', 'left' or null.
   */
  function contentSide(row, shown, box) {
    const side = sideOf(row, box);
    if (side || !box) return side;
    const rects = [...shown, ...row.querySelectorAll('img')].map((el) => el.getBoundingClientRect?.()).filter((r) => r && r.width > 0);
    if (!rects.length) return null;
    const lean = (Math.min(...rects.map((r) => r.left)) - box.left) - (box.right - Math.max(...rects.map((r) => r.right)));
    return lean > 8 ? 'right' : lean < -8 ? 'left' : null;
  }

  /**
   * The open conversation read by its structure, when its class names say nothing: the
   * contact row in its selected state names it (cid, buyer); the conversation pane is
   * the composer's largest ancestor without contact rows; its message list is the
   * element with the most children that each show a time. Who wrote a message: what the
   * page's own data says (askPageAboutMessages; a platform notice is no one's message),
   * else the buyer when it shows the buyer's name, ours when the layout puts it on the
   * right; on the left it is the buyer's only where the layout sets some messages right
   * (with no layout to go by, ours when the buyer's messages show names and it does
   * not). A message none of these tells is left without a side, never guessed.
   * `{ cid, name, header, messages, list }` or null when the page does not show one.
   */
  function openChatByStructure(doc, overrides, now, composer) {
    const { cid, name } = activeContact(doc, overrides) ?? {};
    if (!cid || !name || !composer) return null;
    let pane = composer;
    while (pane.parentElement && pane.parentElement !== doc.body && !one(pane.parentElement, 'chatContact', overrides)) pane = pane.parentElement;
    const parts = leaves(pane).filter((p) => !p.el.closest('textarea, [contenteditable="true"], button'));
    // The message list: the element below the pane with the most children showing a time.
    const list = listOfTimedChildren(parts, pane, (el) => el.contains(composer));
    if (!list) return null;
    askPageAboutMessages(list);
    const header = [...pane.children].find((c) => !c.contains(list) && !c.contains(composer) && parts.some((p) => p.text === name && c.contains(p.el))) ?? null;
    const box = list.getBoundingClientRect?.();
    const laidOut = Boolean(box && box.width > 0);
    const rows = [...list.children].filter((row) => !row.hidden && !row.hasAttribute('data-xunpan-host'));
    const read = rows.map((row) => {
      const { parts: own, untold: noted, translated } = ownParts(row, parts, overrides);
      const said = row.getAttribute('data-xunpan-from');
      const dataAt = Number(row.getAttribute('data-xunpan-at'));
      const time = own.find((p) => isTimeOnly(p.text));
      const named = own.some((p) => p.text === name);
      const auto = row.getAttribute('data-xunpan-auto') === '1' || own.some((p) => AUTO_REPLY_MARK.test(p.text));
      const words = own.filter((p) => p !== time && p.text !== name && !DAY_DIVIDER.test(p.text) && !AUTO_REPLY_MARK.test(p.text) && [...p.text].length > 1);
      const untold = noted || (translated && !words.length);
      return {
        said: ['buyer', 'seller', 'system'].includes(said) ? said : null,
        named,
        auto,
        side: contentSide(row, own.map((p) => p.el), box),
        at: dataAt > 0 ? dataAt : time ? contactWhen(time.text, now).at : undefined,
        text: untold ? '' : words.map((p) => p.text).join('\n'),
        untold,
        translated,
      };
    }).filter((m) => (m.text || m.untold) && m.said !== 'system');
    const anyNamed = read.some((m) => m.named);
    const anyRight = read.some((m) => m.side === 'right');
    const authorOf = (m) => {
      if (m.said) return m.said;
      if (m.named) return 'buyer';
      if (m.side === 'right') return 'seller';
      if (m.side === 'left') return anyRight ? 'buyer' : undefined;
      return !laidOut && anyNamed ? 'seller' : undefined;
    };
    const messages = read.map((m) => clean({ from: authorOf(m), at: iso(m.at), text: m.text, auto: (m.auto && authorOf(m) === 'seller') || undefined,
      translated: m.translated || undefined, untold: m.untold || undefined }));
    messages.sort((a, b) => (Date.parse(a.at ?? 0) || 0) - (Date.parse(b.at ?? 0) || 0));
    return { cid, name, header: header ?? pane.firstElementChild, messages: withoutQuotes(messages), list };
  }

  /**
   * The element below `top` with the most children that each show a time (a message
   * list), among the leaf `parts`; of equals the outermost. `skip(el)` leaves an element
   * out. null when no part is a time.
   */
  function listOfTimedChildren(parts, top, skip = () => false) {
    const tally = new Map(); // element → its children that hold a time
    for (const p of parts) {
      if (!isTimeOnly(p.text)) continue;
      for (let child = p.el; child.parentElement && child !== top; child = child.parentElement) {
        const parent = child.parentElement;
        if (!tally.has(parent)) tally.set(parent, new Set());
        tally.get(parent).add(child);
      }
    }
    let list = null;
    for (const [el, kids] of tally) {
      if (el === top || skip(el)) continue;
      if (!list || kids.size > tally.get(list).size || (kids.size === tally.get(list).size && el.contains(list))) list = el;
    }
    return list;
  }

  /**
   * The day a conversation's divider shows ("2026-12-02", "今天", "Yesterday", "12月2日")
   * as "YYYY-MM-DD" in the browser's zone; undefined for any other text.
   */
  function dividerDay(shown, now = Date.now()) {
    const s = String(shown ?? '').trim();
    if (!DAY_DIVIDER.test(s)) return undefined;
    const d = new Date(now);
    const back = { 今天: 0, today: 0, 昨天: 1, yesterday: 1, 前天: 2 }[s.toLowerCase()];
    if (back !== undefined) return localDay(new Date(d.getFullYear(), d.getMonth(), d.getDate() - back).getTime());
    const cn = s.match(/^(\d{1,2})月(\d{1,2})日$/);
    if (!cn) return parseShownDay(s);
    // A day still to come is last year's ("12月28日" on 4 December: not this month's).
    const thisYear = parseShownDay(`${d.getFullYear()}-${cn[1]}-${cn[2]}`);
    return thisYear && thisYear <= localDay(now) ? thisYear : parseShownDay(`${d.getFullYear() - 1}-${cn[1]}-${cn[2]}`);
  }

  /**
   * Which side of `box` an element's layout puts it on: 'right' or 'left' when one gap
   * is clearly the larger, null when it spans the box or nothing is laid out.
   */
  function sideOf(el, box) {
    const r = el.getBoundingClientRect?.();
    if (!box || !r || box.width <= 0 || r.width <= 0) return null;
    const lean = (r.left - box.left) - (box.right - r.right);
    return lean > 8 ? 'right' : lean < -8 ? 'left' : null;
  }

  /**
   * The detail page's conversation read by its structure, when its class names say
   * nothing: the message list is the element with the most children that each show a
   * time (outside the reply editor); a message is the buyer's when it shows the buyer's
   * name or the layout puts it on the left, ours when the layout puts it on the right.
   * A time shown as "HH:MM" takes its day from the divider drawn above it (taken in the
   * order drawn, which need not be the DOM's). A message whose side neither tells is
   * left without a side (`from` absent), never guessed.
   * `{ list, messages }` or null when the page shows no such list.
   */
  function detailConversationByStructure(doc, overrides, now, buyerName) {
    const root = doc.body;
    if (!root) return null;
    const parts = leaves(root).filter((p) => !p.el.closest('textarea, [contenteditable="true"], button, [data-xunpan-host]'));
    const list = listOfTimedChildren(parts, root);
    if (!list) return null;
    const box = list.getBoundingClientRect?.();
    const drawn = [...list.children].filter((row) => !row.hidden && !row.hasAttribute('data-xunpan-host'));
    const tops = drawn.map((row) => row.getBoundingClientRect?.()?.top);
    const order = tops.every((t) => Number.isFinite(t)) ? drawn.map((row, i) => [row, tops[i]]).sort((a, b) => a[1] - b[1]).map(([row]) => row) : drawn;
    const messages = [];
    let day;
    for (const row of order) {
      const { parts: own, untold: noted, translated } = ownParts(row, parts, overrides);
      const divider = own.length > 0 && own.every((p) => DAY_DIVIDER.test(p.text)) ? dividerDay(own[0].text, now) : undefined;
      if (divider) {
        day = divider;
        continue;
      }
      const time = own.find((p) => isTimeOnly(p.text));
      if (!time) continue;
      const named = Boolean(buyerName) && own.some((p) => p.text === buyerName);
      // The auto-reception's answer for us is no reply of ours (reference §3.1 [A]).
      const auto = own.some((p) => AUTO_REPLY_MARK.test(p.text));
      const words = own.filter((p) => p !== time && p.text !== buyerName && !AUTO_REPLY_MARK.test(p.text) && [...p.text].length > 1);
      const untold = noted || (translated && !words.length);
      if (!words.length && !untold) continue;
      const clock = clock24(time.text.trim());
      const hhmm = /^\d{1,2}:\d{2}$/.test(clock);
      const at = hhmm && day ? shownWhen(`${day} ${clock}`).at : contactWhen(time.text, now).at;
      const side = named ? 'left' : sideOf(row, box);
      const from = named || side === 'left' ? 'buyer' : side === 'right' ? 'seller' : undefined;
      messages.push(clean({ from, at: iso(at), text: untold ? '' : words.map((p) => p.text).join('\n'), auto: (auto && from === 'seller') || undefined,
        translated: translated || undefined, untold: untold || undefined }));
    }
    messages.sort((a, b) => (Date.parse(a.at ?? 0) || 0) - (Date.parse(b.at ?? 0) || 0));
    return messages.length ? { list, messages: withoutQuotes(messages) } : null;
  }

  /** The contact row in its selected state: `{ cid, name }` (either may be null), or null without one. */
  function activeContact(doc, overrides) {
    const active = all(doc, 'chatContact', overrides).find((r) => !r.hidden && matchesAny(r, 'contactActive', overrides));
    if (!active) return null;
    return { cid: active.getAttribute('data-cid'), name: active.getAttribute('data-name') || text(one(active, 'contactName', overrides)) };
  }

  /**
   * The conversation (cid) of the contact row in its selected state, when it names the
   * buyer the header names: a header without a cid of its own is still the contact's.
   */
  function selectedContact(doc, overrides, header) {
    if (!header) return undefined;
    const named = text(one(header, 'chatHeaderName', overrides) ?? header.firstElementChild);
    const active = activeContact(doc, overrides);
    return named && active?.name === named ? active.cid ?? undefined : undefined;
  }

  /** The newest messages of an open chat handed to the engine with its thread, at most. */
  const THREAD_SENT = 40;

  /**
   * Where the message list around `el` stands in the element that scrolls it: whether
   * the chat's first message (`start`) and its newest (`end`) are among those drawn
   * (`rows`, the message elements). A list that does not scroll shows both. A list
   * scrolled to its top shows its first message; so does one whose first row drawn sits
   * at the top of what scrolls: a virtualised list, which draws only the rows near the
   * view, leaves the room of the rows it did not draw above the first it did. The same
   * at the bottom for the newest message.
   */
  function scrollEdges(el, rows) {
    for (let at = el?.parentElement ?? null; at && at !== at.ownerDocument.body && at !== at.ownerDocument.documentElement; at = at.parentElement) {
      if (at.scrollHeight <= at.clientHeight + 1) continue;
      const overflow = at.ownerDocument.defaultView?.getComputedStyle?.(at).overflowY;
      if (overflow !== 'auto' && overflow !== 'scroll' && overflow !== 'overlay') continue;
      const top = at.getBoundingClientRect().top + at.clientTop - at.scrollTop; // where the scrolled content begins
      const bottom = top + at.scrollHeight; // and ends
      const drawn = rows.map((r) => r.getBoundingClientRect()).filter((r) => r.height > 0);
      const first = drawn.reduce((a, r) => (!a || r.top < a.top ? r : a), null);
      const last = drawn.reduce((a, r) => (!a || r.bottom > a.bottom ? r : a), null);
      // Less room beyond the first (last) row than a row takes: nothing was left undrawn there.
      const firstAtTop = Boolean(first) && first.top - top < Math.min(first.height, EDGE_ROOM);
      const lastAtBottom = Boolean(last) && bottom - last.bottom < Math.min(last.height, EDGE_ROOM);
      return { start: at.scrollTop <= 1 || firstAtTop, end: at.scrollTop + at.clientHeight >= at.scrollHeight - 2 || lastAtBottom };
    }
    return { start: true, end: true };
  }
  /** Room beyond a list's first or last row drawn (padding, a day's divider, a notice) that is not a message left undrawn, at most. */
  const EDGE_ROOM = 64;

  /** Whether two runs of messages share one: the same id, else the same text within a minute. */
  function meet(a, b) {
    const ids = new Set(a.map((m) => m.id).filter(Boolean));
    const near = (m, n) => m.text && m.text === n.text && Math.abs((Date.parse(m.at) || 0) - (Date.parse(n.at) || 0)) < MINUTE;
    return b.some((n) => (n.id && ids.has(n.id)) || a.some((m) => !(m.id && n.id) && near(m, n)));
  }

  /**
   * Joins a run of an open chat's messages (`run`: `{ messages, start }`, `start` when it
   * begins the chat) to what is known of its newest ones (`tail`, the same shape, always
   * ending at the newest message). Runs that meet are one; a run that reaches the newest
   * message (`reachesEnd`) and meets nothing known replaces it; any other is set aside
   * (what lies between it and the newest is not known). The joined tail, or null.
   */
  function joinTail(tail, run, reachesEnd) {
    if (!run.messages.length) return tail;
    if (tail && meet(tail.messages, run.messages)) {
      const seen = new Set();
      const messages = [...run.messages, ...tail.messages].filter((m) => {
        const k = m.id ?? `${m.at}|${m.text}`;
        if (seen.has(k)) return false;
        seen.add(k);
        return true;
      }).sort(byTime).slice(-MAX_CHAT_LOG);
      return { messages, start: tail.start || run.start };
    }
    return reachesEnd ? { messages: run.messages, start: run.start } : tail;
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
      // As the row shows it: a clock time, a day, or a relative time ("12 分钟前").
      const shown = conv ? {} : timeIn(one(row, 'contactTime', overrides, found), overrides, now);
      let at = Number(conv?.latestMessage?.sendTime) || shown.at;
      // The page's data holds the whole message; the row shows what fits. A text the row
      // shows cut short is handed on as a preview, its cut mark taken off: the engine
      // reads what is there, and what it finds is shown as read from a preview.
      let body;
      let preview = false;
      if (typeof conv?.latestMessage?.content === 'string') body = conv.latestMessage.content;
      else {
        const read = contactMessage(row, name, overrides);
        preview = read.cut || CUT_MARK.test(read.text);
        body = read.text.replace(CUT_MARK, '');
      }
      // A message event is fresher than the cache and whole where the row shows a preview.
      const events = data?.chatEvents?.(cid);
      if (events) found.add('chatEvents');
      if (events?.lastBuyer && !(at > events.lastBuyer.at)) {
        at = events.lastBuyer.at;
        body = events.lastBuyer.text;
        preview = false;
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
      const missing = [!inquiry.body && 'text', at === undefined && !shown.day && 'time', !name && 'buyer'].filter(Boolean);
      // The name line is one line high (the list's rows have a fixed height): the chip
      // takes its one-line form there.
      items.push({
        id: cid,
        key: `chat:${cid}`,
        element: row,
        mount: one(row, 'contactName', overrides)?.parentElement ?? row,
        compact: true,
        inquiry,
        missing,
        receivedOn: at === undefined ? shown.day : undefined,
        unread: !inquiry.body || undefined,
        preview: (preview && Boolean(inquiry.body)) || undefined,
      });
    }
    let header = one(doc, 'chatHeader', overrides, found);
    let openCid = header?.getAttribute('data-cid') ?? selectedContact(doc, overrides, header) ?? null;
    let messages = messagesFromDom(doc, 'chatMessage', overrides, found, now, true);
    let shownIn = messages.length ? all(doc, 'chatMessage', overrides) : []; // the message elements, for their scroller
    const editor = replyEditor('chat', doc, overrides);
    if (editor) found.add('chatComposer');
    let openName = null;
    let sideless = 0; // messages of the open chat whose author the page does not tell
    if (!header && !messages.length && editor) {
      // No class names to go by: the open conversation read by its structure.
      const open = openChatByStructure(doc, overrides, now, editor.element);
      if (open?.messages.length) {
        found.add('chatStructure');
        ({ header, messages } = open);
        shownIn = [...open.list.children].filter((row) => !row.hidden && !row.hasAttribute('data-xunpan-host'));
        openCid = open.cid;
        openName = open.name;
        sideless = messages.filter((m) => !m.from).length;
      }
    }
    if (header && messages.length) {
      const conv = openCid ? data?.conversation?.(openCid) : null;
      const name = conv?.contactNick ?? openName ?? text(one(header, 'chatHeaderName', overrides) ?? header.firstElementChild);
      // What is known of the chat's newest messages: its message events and the rows the
      // page draws, joined where they meet (a virtualised list draws only those in view).
      const key = `chat-open:${openCid ?? name}`;
      const events = openCid ? data?.chatMessages?.(openCid) : null;
      if (events?.length) found.add('chatEvents');
      const edges = scrollEdges(shownIn[0], shownIn);
      let tail = data?.chatTail?.(key) ?? null;
      if (events?.length) tail = joinTail(tail, { messages: events, start: false }, true);
      tail = joinTail(tail, { messages, start: edges.start }, edges.end);
      data?.keepChatTail?.(key, tail);
      // Rows that do not reach the newest message and meet nothing known: read as they
      // are, but whether a reply of ours follows them is not known.
      const known = tail ?? { messages, start: false, cut: true };
      const read = known.messages.map(({ id, untold: _, translated: __, ...m }) => m);
      const lastBuyer = read.filter((m) => m.from === 'buyer').at(-1);
      if (lastBuyer) {
        const thread = threadOf(read);
        // The buyer's messages since our reply shown only in the platform's translation.
        const untold = known.messages.filter((m) => m.untold && m.from === 'buyer' && (!thread.ourLastReplyAt || m.at > thread.ourLastReplyAt)).length;
        // Judged on what the buyer wrote since our last reply, not on the last line alone.
        const since = read.filter((m) => m.from === 'buyer' && (!thread.ourLastReplyAt || m.at > thread.ourLastReplyAt));
        const pending = since.length ? since : [lastBuyer];
        const body = pending.map((m) => m.text).filter(Boolean).join('\n');
        // The clock starts at the buyer's first message since our last reply, and only
        // there: read after our reply, or from the chat's start. Otherwise the first
        // message known is a lower bound, which would give the rep more time than they have.
        const firstKnown = !known.cut && (Boolean(thread.ourLastReplyAt) || known.start);
        items.push({
          id: openCid ?? `open:${name}`,
          key,
          element: header,
          mount: header,
          open: true,
          missing: [!body && 'text', untold > 0 && 'original', !firstKnown ? 'firstUnanswered' : !pending[0].at && 'time', !name && 'buyer'].filter(Boolean),
          unread: !body || undefined,
          inquiry: clean({
            id: openCid ?? undefined,
            channel: 'chat',
            receivedAt: firstKnown ? pending[0].at : undefined,
            body,
            buyer: clean({ name, country: conv?.countryCode, level: conv?.userNewLevel }),
            thread: thread.ourLastReplyAt ? { ...thread, messages: thread.messages.slice(-THREAD_SENT) } : undefined,
          }),
        });
        // The open conversation's contact row shows its answer: the row has only a preview.
        const contact = openCid ? items.find((i) => i.key === `chat:${openCid}`) : null;
        if (contact) contact.fuller = `chat-open:${openCid}`;
      }
    }
    const missing = ['chatContact', 'chatHeader', 'chatComposer'].filter((k) => !found.has(k) && !(k === 'chatHeader' && found.has('chatStructure')));
    missing.push(...missingParts(items));
    if (sideless) missing.push(`${FEEDS.side} ${sideless}/${messages.length}`);
    return { items, header, editor, health: { found: [...found], missing } };
  }

  // --- RFQ market ---------------------------------------------------------------------------------------

  /**
   * "3 hours before", "25 minutes ago", "2 天前", or a shown date → epoch ms. A day
   * shown without its time ("2026-12-01", "Dec 1, 2026", "Yesterday", "昨天") is dated
   * at its start in the browser's zone: the day is what the page tells.
   */
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
    const at = parseShownTime(shown);
    if (at !== undefined) return at;
    const day = parseShownDay(shown) ?? namedMonthDay(shown, now) ?? contactWhen(String(shown).replace(/^.*[:：]\s*/, ''), now).day;
    return day ? parseShownTime(`${day} 00:00`) : undefined;
  }

  /** English month names and their short forms, by month (0 = January). */
  const MONTH_NAMES = Object.freeze(['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']);

  /**
   * A day written with its month's name ("Dec 1, 2026", "1 December 2026", "Dec 1"):
   * "YYYY-MM-DD", or undefined. Without a year, the last such day not after `now`.
   */
  function namedMonthDay(shown, now = Date.now()) {
    const s = String(shown);
    const m = s.match(/\b([a-z]{3})[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(\d{4}))?/i) ??
      s.match(/\b(\d{1,2})\s+([a-z]{3})[a-z]*\.?(?:,?\s+(\d{4}))?/i)?.slice(0, 4);
    if (!m) return undefined;
    const [name, date] = /^\d/.test(m[1]) ? [m[2], m[1]] : [m[1], m[2]];
    const month = MONTH_NAMES.indexOf(name.toLowerCase());
    if (month < 0) return undefined;
    const today = new Date(now);
    let year = m[3] ? +m[3] : today.getFullYear();
    if (!m[3] && new Date(year, month, +date) > today) year -= 1; // a day still to come is last year's
    return parseShownDay(`${year}-${month + 1}-${date}`);
  }

  /** What an RFQ card's quote count says in place of a number when it takes no more quotes. */
  const RFQ_CLOSED = /^(?:closed|expired|ended|quotes? closed|已关闭|已结束|已过期|已截止)$/i;

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

  /** A buying request's id from its link: "?id=…" / "rfqId=…", or the path "/rfq/detail/<id>.htm". */
  const rfqIdOf = (href) => String(href ?? '').match(/[?&](?:id|rfqId)=([\w-]+)/)?.[1] ?? String(href ?? '').match(/\/rfq\/detail\/([\w-]+)\.htm/)?.[1] ?? null;

  /**
   * RFQ cards by their structure, when the card classes fail: the largest element around
   * each request's own link that links to that request alone. `[{ card, link }]`, the
   * link being the one in a heading (else the longest).
   */
  function rfqCardsByStructure(doc, overrides) {
    const links = all(doc, 'rfqLink', overrides).filter((a) => !a.closest('[data-xunpan-host]'));
    return aroundOwnLinks(doc, links, (l) => rfqIdOf(l.getAttribute('href'))).map(({ element: card }) => {
      const own = links.filter((l) => card.contains(l));
      const subject = own.find((l) => l.closest('h1, h2, h3, h4, h5, h6, [role="heading"]')) ??
        own.sort((a, b) => text(b).length - text(a).length)[0];
      return { card, link: subject };
    });
  }

  /**
   * The fields of an RFQ card read by its labels (RFQ_LABELS: the value follows the label
   * or is the element after it), its flag (a country-named image or a flag emoji, the
   * buyer's name beside it), its buyer tags, and the description: the longest other text.
   */
  function readRfqByStructure(card, link, overrides) {
    const parts = leaves(card);
    const used = new Set();
    const field = (key) => {
      const re = new RegExp(`^\\s*${RFQ_LABELS[key]}\\s*[:：]?\\s*(.*)$`, 'i');
      for (const p of parts) {
        const m = (p.mixed ? text(p.el) : p.text).match(re);
        if (!m) continue;
        used.add(p.el);
        if (m[1]) return m[1];
        const next = p.el.nextElementSibling;
        if (next && text(next)) {
          used.add(next);
          return text(next);
        }
      }
      return '';
    };
    const quantity = field('quantity');
    const posted = field('posted');
    const quotesLeft = field('quotesLeft');
    const flag = flagByName(card, overrides);
    const beside = flag?.el.nextElementSibling;
    const buyer = beside && !beside.children.length && !RFQ_BUYER_TAGS.test(text(beside)) ? text(beside) : '';
    const tags = parts.filter((p) => RFQ_BUYER_TAGS.test(p.text)).map((p) => p.text);
    const free = parts.filter((p) => ![...used].some((el) => el === p.el || el.contains(p.el)) && !link.contains(p.el) &&
      !p.el.closest('a[href], button') && !RFQ_BUYER_TAGS.test(p.text) && p.text !== buyer && !flag?.el.contains(p.el));
    const detail = free.filter((p) => p.text.split(/\s+/).length >= 3 || (p.text.match(/[\u3400-\u9fff]/g) ?? []).length >= 6)
      .sort((a, b) => b.text.length - a.text.length)[0]?.text ?? '';
    return { quantity, posted, quotesLeft, country: flag?.code, buyer, tags, detail };
  }

  function collectRfq(doc, data, overrides, now) {
    const found = new Set();
    const items = [];
    const byClass = all(doc, 'rfqCard', overrides, found);
    if (!byClass.length) {
      const cards = rfqCardsByStructure(doc, overrides);
      if (cards.length) found.add('rfqCardStructure');
      for (const { card, link } of cards) {
        const id = card.getAttribute('data-rfq-id') ?? rfqIdOf(link.getAttribute('href'));
        const read = readRfqByStructure(card, link, overrides);
        const postedMs = read.posted ? postedAt(read.posted, now) : undefined;
        const quotesLeft = count(read.quotesLeft.match(/\d+/)?.[0]) ?? rfqQuotesLeft(null, card);
        items.push({
          id,
          key: `rfq:${id}`,
          element: card,
          mount: link.parentElement ?? card,
          missing: [!postedMs && 'time', !read.buyer && !read.country && 'buyer', quotesLeft === undefined && 'quotesLeft'].filter(Boolean),
          inquiry: clean({
            id,
            channel: 'rfq',
            receivedAt: iso(postedMs),
            subject: text(link),
            body: [text(link), read.quantity ? `Quantity: ${read.quantity}` : '', read.detail].filter(Boolean).join('\n'),
            buyer: clean({
              name: read.buyer,
              country: read.country,
              emailVerified: read.tags.some((g) => /email confirmed|邮箱已验证/i.test(g)) || undefined,
            }),
            rfq: clean({ quotesLeft, buyerTags: read.tags.length ? read.tags : undefined }),
          }),
        });
      }
      const missing = cards.length ? [] : ['rfqCard', 'rfqSubject'];
      missing.push(...missingParts(items));
      return { items, header: null, editor: null, health: { found: [...found], missing } };
    }
    for (const card of byClass) {
      const link = one(card, 'rfqSubject', overrides, found);
      const href = link?.getAttribute('href') ?? '';
      const id = card.getAttribute('data-rfq-id') ?? rfqIdOf(href);
      if (!id) continue; // identity by id only: a title is not one
      const posted = one(card, 'rfqPosted', overrides, found);
      const postedMs = postedAt(text(posted), now);
      const qty = text(one(card, 'rfqQuantity', overrides, found));
      const unit = text(one(card, 'rfqQuantity', overrides)?.nextElementSibling);
      const detail = text(one(card, 'rfqDetail', overrides, found));
      const tags = all(card, 'rfqBuyerTag', overrides, found).map(text).filter(Boolean);
      const countryName = text(one(card, 'rfqCountry', overrides, found));
      const quotesLeft = rfqQuotesLeft(one(card, 'rfqQuotesLeft', overrides, found), card);
      items.push({
        id,
        key: `rfq:${id}`,
        element: card,
        mount: link?.parentElement ?? card,
        missing: [postedMs === undefined && 'time', quotesLeft === undefined && 'quotesLeft'].filter(Boolean),
        inquiry: clean({
          id,
          channel: 'rfq',
          receivedAt: iso(postedMs),
          subject: text(link),
          body: [text(link), qty ? `Quantity: ${qty}${unit ? ` ${unit}` : ''}` : '', detail].filter(Boolean).join('\n'),
          buyer: clean({
            name: text(one(card, 'rfqBuyer', overrides, found)),
            country: countryCode(countryName),
            emailVerified: tags.some((g) => /email confirmed|邮箱已验证/i.test(g)) || undefined,
          }),
          rfq: clean({ quotesLeft, buyerTags: tags.length ? tags : undefined }),
        }),
      });
    }
    const missing = ['rfqCard', 'rfqSubject'].filter((k) => !found.has(k));
    missing.push(...missingParts(items));
    return { items, header: null, editor: null, health: { found: [...found], missing } };
  }

  /**
   * The number of quotes left from a card's count (`shown`, the number's element): the
   * number, else 0 when the count's own block (or a line of the card) says the request
   * is closed; undefined when the card shows neither.
   */
  function rfqQuotesLeft(shown, card) {
    const n = count(text(shown).match(/\d+/)?.[0]);
    if (n !== undefined) return n;
    const block = shown?.parentElement && card.contains(shown.parentElement) ? shown.parentElement : null;
    const words = block ? [text(block)] : leaves(card).map((p) => p.text);
    return words.some((w) => RFQ_CLOSED.test(w.replace(/[\s:：]+$/, '').trim())) ? 0 : undefined;
  }

  const COLLECTORS = { inquiryList: collectList, inquiryDetail: collectDetail, chat: collectChat, rfqList: collectRfq };

  /**
   * Reads the page of `type`; `now` dates what the page shows relative to it ("3 hours
   * before", "09:12"). `options.rows`: on the list, only these rows (found by `rows`),
   * for drawing the rows in view first; its health then speaks of those rows only.
   * Never throws: a failure is reported as missing fields.
   */
  function collect(type, doc, data, overrides = {}, now = Date.now(), options = {}) {
    const fn = COLLECTORS[type];
    if (!fn) return { items: [], header: null, editor: null, health: { found: [], missing: ['pageType'] } };
    try {
      const read = fn(doc, data, overrides, now, options);
      // Whatever the page data held, every inquiry leaves with text to read: one odd
      // row (its message empty, or not text) must not get the whole page refused. An
      // item known by its thread alone has none, and keeps none.
      for (const item of read.items) {
        if (!item.threadOnly && typeof item.inquiry?.body !== 'string') item.inquiry.body = '';
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
        const inquiry = inquiryOfRow(r);
        items.push({ id, key: listKey(id), inquiry, ...(isThreadOnly(inquiry) ? { threadOnly: true } : {}) });
      } catch {
        // an odd row is read from the page once it is drawn
      }
    }
    return items;
  }

  /**
   * The list's rows as its row selectors find them (none on other pages, nor where the
   * selectors fail): a cheap look, for watching where the rows are as they appear.
   */
  function rows(type, doc, overrides = {}) {
    if (type !== 'inquiryList') return [];
    try {
      return all(doc, 'listRow', overrides);
    } catch {
      return [];
    }
  }

  /** The address of an item's own page, for the queue (the list's rows open their detail). */
  function itemUrl(type, item, here) {
    if (type === 'inquiryList' && item?.id) return URLS.inquiryDetail(item.id);
    return here;
  }

  const api = Object.freeze({
    PAGES, SELECTORS, EDITOR, URLS, ROW_LABELS, ROW_STATUS, IDENTITY_ATTRIBUTES, itemOfAttribute, BUYER_LABELS, SELLER_HOSTS,
    detect, isSellerPage, readsFrame, collect, predict, rows, createPageDataStore, replyEditor, itemUrl, parseShownTime, parseShownDay, shownWhen,
    contactWhen, timeToday, postedAt, relativeWhen, countryCode, readRowByStructure, isPlatformSubject, isListTime, dividerDay,
  });
  globalThis.XunpanSite = api;
  if (typeof module === 'object' && module.exports) module.exports = api;
})();
