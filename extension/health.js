// What the page adapter could not read, in the rep's words: one line for the popup,
// the side panel and the note on the page. The adapter (site.js) names the parts by
// its selectors and fields — listRow, messageText 3/20, receivedTime 20/20, buyer
// 1/20, firstUnansweredTime 1/7 — and this turns them into "message text (3 of 20), times
// (20 of 20)".
// A classic script: content scripts and the extension's pages load it before use.
(() => {
  'use strict';

  /** The `_locales` key of a part's name. */
  function partKey(name) {
    const rules = [
      [/^firstUnanswered(Time)?$/, 'partFirstUnanswered'],
      [/^(messageOriginal|original)$/, 'partOriginal'],
      [/^messageText$/, 'partMessages'],
      [/^side$/, 'partSide'],
      [/^receivedTime$/, 'partTimes'],
      [/^buyer(Card)?$/, 'partBuyer'],
      [/^messageSide$/, 'partSide'],
      [/row|contact$|rfqCard$/i, 'partItems'],
      [/time|posted|date/i, 'partTimes'],
      [/editor|composer/i, 'partEditor'],
      [/name|buyer|country|level/i, 'partBuyer'],
      [/message|text|preview|conversation|subject|product|quantity/i, 'partMessages'],
      [/mount|header/i, 'partPlace'],
    ];
    return rules.find(([re]) => re.test(name))?.[1] ?? 'partOther';
  }

  /**
   * `missing` (the adapter's names, some with "n/m" counts of the items they are
   * missing from) as one line through `t`, the locale's lookup.
   */
  function partsInWords(missing, t) {
    const parts = new Map(); // key → [n, m] or null
    for (const entry of missing ?? []) {
      const [name, share] = String(entry).split(' ');
      const key = partKey(name);
      const m = share?.match(/^(\d+)\/(\d+)$/);
      const prev = parts.get(key);
      if (m) parts.set(key, prev ? [Math.max(prev[0], +m[1]), Math.max(prev[1], +m[2])] : [+m[1], +m[2]]);
      else if (!parts.has(key)) parts.set(key, null);
    }
    return [...parts].map(([key, n]) => (n ? t('partCount', [t(key), String(n[0]), String(n[1])]) : t(key))).join(', ');
  }

  /** Whether what is missing keeps Xunpan from reading items (not only where to draw). */
  function mattersToRep(missing) {
    return (missing ?? []).some((entry) => partKey(String(entry).split(' ')[0]) !== 'partPlace');
  }

  // --- a message read from a preview ----------------------------------------------------
  //
  // A list can show a message cut short ("Price for 2 tons 316L pi…"). The engine is
  // handed what the row shows and answers as for any text; what that answer may show
  // is what a part of a message proves on its own: a link, an attachment, a scam's or
  // an advertiser's own words, the buyer's record on the platform. What a message lacks
  // (no quantity, too short, no buying words: the "vague" reading), what its wording as a
  // whole resembles, and the reply that follows from them, a cut text cannot prove.

  /**
   * The reason codes (docs/formats.md: they stay) that the part of a message read
   * proves whatever the rest says. A code not named here is not taken from a preview.
   */
  const PROVEN_BY_A_PART = new Set([
    // links and attachments
    'CREDENTIAL_LINK', 'LOOKALIKE_DOMAIN', 'MISMATCHED_LINK', 'IP_ADDRESS_LINK', 'SHORTENED_LINK', 'FILE_SHARE_LINK',
    'MANY_LINKS', 'DOUBLE_EXTENSION', 'DANGEROUS_ATTACHMENT', 'ARCHIVE_ATTACHMENT', 'PASSWORD_ARCHIVE',
    // what a scam, an advertiser or a bulk mailer says
    'ADVANCE_FEE', 'PAYMENT_BAIT', 'ACCOUNT_THREAT', 'GOVERNMENT_TENDER', 'AWARD_BAIT', 'ROMANCE_BAIT', 'INVITATION_LETTER',
    'OVERPAYMENT_REFUND', 'AGENT_COMMISSION', 'CHANGED_BANK_DETAILS', 'OFF_BANK_PAYMENT', 'INVESTMENT_PITCH',
    'FREIGHT_FORWARDER', 'SERVICE_AGENCY', 'SELLS_SERVICE', 'COMPETITOR_PROBE', 'MASS_INQUIRY', 'PRESSURE_TO_MOVE',
    'UNSUBSCRIBE_FOOTER', 'MONEY_OFFER', 'PHARMA_ADULT', 'MARKETING_PHRASES', 'OFF_PLATFORM_CONTACT',
    // the buyer's record and the rep's own lists
    'BLOCKLISTED', 'NEW_ACCOUNT', 'NO_PRODUCT_VIEWS', 'MASS_SENDER', 'SPAM_MARKS', 'BLACKLISTED_BY_OTHERS',
    'COUNTRY_MISMATCH', 'MANY_SUPPLIERS', 'FREE_WEBMAIL', 'EMAIL_DOMAIN_MISMATCH', 'ODD_SEND_TIME',
  ]);

  /**
   * What an answer for a text read from a preview may show: `tag`, the engine's
   * verdict when it is spam or suspicious and a sign the part proves is among its
   * reasons (null otherwise: the tag says "preview", never "genuine" or a grade from
   * part of a message), and `signs`, those proven signs, strongest first.
   */
  function previewReading(result) {
    const signs = (result?.reasons ?? [])
      .filter((r) => PROVEN_BY_A_PART.has(r?.code) && Number(r.weight) > 0)
      .sort((a, b) => Number(b.weight) - Number(a.weight));
    const spamward = result?.verdict === 'spam' || result?.verdict === 'suspicious';
    return { tag: spamward && signs.length ? result.verdict : null, signs };
  }

  globalThis.XunpanHealth = Object.freeze({ partKey, partsInWords, mattersToRep, previewReading });
})();
