// Exports of the items Xunpan has seen: a CSV the rep opens in Excel (the follow-up
// report columns — number, name, e-mail, phone and address, company, country, grade,
// summary, inquiry time — with the tag and the answering priority, so spam can be
// sorted away from buyers) and JSON Lines in the Inquiry shape the `xunpan` tool reads.
// Pure functions of the stored items: no DOM, no browser API (tested in Node).

/** The time zone the times are written in, as its name ("Asia/Shanghai") or offset. */
export function zoneName(now = Date.now()) {
  const name = (() => {
    try {
      return Intl.DateTimeFormat().resolvedOptions().timeZone;
    } catch {
      return '';
    }
  })();
  if (name) return name;
  const offset = -new Date(now).getTimezoneOffset();
  const p = (n) => String(Math.floor(Math.abs(n))).padStart(2, '0');
  return `UTC${offset < 0 ? '-' : '+'}${p(offset / 60)}:${p(offset % 60)}`;
}

/**
 * The CSV columns, in order: the locale key of each header and how to read its cell
 * (`words(key)` gives the rep's word for a tag or priority). The number is the page's
 * inquiry number; chats have none the rep could look up (their ids are the page's own).
 */
export const CSV_COLUMNS = [
  ['csvNumber', (item) => ((item.channel ?? 'inquiry') === 'inquiry' ? item.id ?? '' : '')],
  ['csvChannel', (item, words) => words(`channel_${item.channel ?? 'inquiry'}`)],
  ['csvName', (item) => item.inquiry?.buyer?.name ?? item.buyer],
  ['csvEmail', (item) => item.inquiry?.buyer?.email],
  ['csvPhoneAddress', (item) => [item.inquiry?.buyer?.phone, item.inquiry?.buyer?.address].filter(Boolean).join(' / ')],
  ['csvCompany', (item) => item.inquiry?.buyer?.company],
  ['csvCountry', (item) => item.inquiry?.buyer?.country ?? item.country],
  ['csvTag', (item, words) => (item.verdict ? words(`verdict_${item.verdict}`) : '')],
  ['csvGrade', (item) => item.grade],
  ['csvPriority', (item, words) => (item.priority ? words(`priority_${item.priority}`) : '')],
  ['csvSummary', (item) => item.subject],
  ['csvInquiryTime', (item) => localTime(item.receivedAt)],
];

/**
 * Today's date in the browser's zone, `YYYY-MM-DD`, for the name of a file saved now:
 * the rep's day, not UTC's (a Shanghai rep saving at 07:00 saves today's file, not
 * yesterday's).
 */
export function fileDay(now = Date.now()) {
  const d = new Date(now);
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** `YYYY-MM-DD HH:mm` in the browser's zone (what Excel reads as a date and time). */
export function localTime(iso) {
  const ms = Date.parse(iso ?? '');
  if (!Number.isFinite(ms)) return '';
  const d = new Date(ms);
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

// What a spreadsheet would run as a formula: = + - @ (or their full-width forms, which
// Excel folds to them), a tab or a carriage return, after any leading spaces — plain,
// no-break, ideographic or zero-width.
const FORMULA_START = /^[\s\u00a0\u1680\u2000-\u200b\u202f\u205f\u3000\ufeff]*[=+\-@\uff1d\uff0b\uff0d\uff20\t\r]/;

/**
 * One CSV cell, always quoted (quotes doubled): a `;`, `,` or line break stays inside
 * its cell whatever separator the spreadsheet's locale expects. Text a spreadsheet would
 * run as a formula gets a leading apostrophe, since buyers write these fields.
 */
export function csvCell(value) {
  let s = value === null || value === undefined ? '' : String(value);
  if (FORMULA_START.test(s)) s = `'${s}`;
  return `"${s.replaceAll('"', '""')}"`;
}

/**
 * The CSV text: UTF-8 byte-order mark (Excel then reads Chinese right), CRLF lines.
 * `header(key)` gives a column's title and the rep's words for tags, priorities and
 * channels; the time column says the zone its times are in.
 */
export function toCsv(items, header, zone = zoneName()) {
  const title = (key) => (key === 'csvInquiryTime' ? `${header(key)} (${zone})` : header(key));
  const lines = [CSV_COLUMNS.map(([key]) => csvCell(title(key)))];
  for (const item of items) lines.push(CSV_COLUMNS.map(([, cell]) => csvCell(cell(item, header))));
  return `\uFEFF${lines.map((cells) => cells.join(',')).join('\r\n')}\r\n`;
}

/** JSON Lines, one Inquiry per line (items stored before inquiries were kept give a short one). */
export function toJsonl(items) {
  return items
    .map((item) => item.inquiry ?? {
      id: item.id ?? item.key,
      channel: item.channel,
      subject: item.subject,
      body: item.subject ?? '',
      receivedAt: item.receivedAt ?? undefined,
      buyer: { name: item.buyer ?? undefined, country: item.country ?? undefined },
    })
    .map((inquiry) => `${JSON.stringify(inquiry)}\n`)
    .join('');
}
