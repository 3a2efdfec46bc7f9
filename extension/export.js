// Exports of the items Xunpan has seen: a CSV the rep opens in Excel (the follow-up
// report columns: number, name, e-mail, phone and address, company, country, grade,
// summary, inquiry time) and JSON Lines in the Inquiry shape the `xunpan` tool reads.
// Pure functions of the stored items: no DOM, no browser API (tested in Node).

/** The CSV columns, in order: the locale key of each header and how to read its cell. */
export const CSV_COLUMNS = [
  ['csvNumber', (item) => item.id ?? item.key],
  ['csvName', (item) => item.inquiry?.buyer?.name ?? item.buyer],
  ['csvEmail', (item) => item.inquiry?.buyer?.email],
  ['csvPhoneAddress', (item) => [item.inquiry?.buyer?.phone, item.inquiry?.buyer?.address].filter(Boolean).join(' / ')],
  ['csvCompany', (item) => item.inquiry?.buyer?.company],
  ['csvCountry', (item) => item.inquiry?.buyer?.country ?? item.country],
  ['csvGrade', (item) => item.grade],
  ['csvSummary', (item) => item.subject],
  ['csvInquiryTime', (item) => localTime(item.receivedAt)],
];

/** `YYYY-MM-DD HH:mm` in the browser's zone (what Excel reads as a date and time). */
export function localTime(iso) {
  const ms = Date.parse(iso ?? '');
  if (!Number.isFinite(ms)) return '';
  const d = new Date(ms);
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/**
 * One CSV cell: quoted when it holds a comma, quote or line break (quotes doubled);
 * text a spreadsheet would run as a formula (= + - @, tab, carriage return first) gets
 * a leading apostrophe, since buyers write these fields.
 */
export function csvCell(value) {
  let s = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** The CSV text: UTF-8 byte-order mark (Excel then reads Chinese right), CRLF lines. */
export function toCsv(items, header) {
  const lines = [CSV_COLUMNS.map(([key]) => csvCell(header(key)))];
  for (const item of items) lines.push(CSV_COLUMNS.map(([, cell]) => csvCell(cell(item))));
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
