/**
 * Mail that comes back to our mailboxes, parsed and sorted into what it means for the email it
 * answers: a bounce report (the email did not arrive), an auto-reply (the person is away; hold
 * their sequence), or a real reply. Everything here is pure apart from MIME parsing; what each
 * kind writes is in replies.ts.
 *
 * Messages are matched to our emails by RFC 5322 Message-IDs, which we store as `<id@host>`.
 * Every id read here is brought to that form, so `id@host` and ` <id@host> ` match too.
 */
import { createHash } from 'node:crypto';
import { simpleParser, type ParsedMail } from 'mailparser';

export interface InboundMail {
  parsed: ParsedMail;
  /** What makes a repeat of the same message recognisable: its Message-ID, else a digest of its bytes. */
  key: string;
}

export type InboundMessage =
  | { kind: 'bounce'; refs: string[]; type: 'hard' | 'soft'; reason: string }
  | { kind: 'auto_reply'; refs: string[]; resumeAt: Date; returnDateFound: boolean }
  | { kind: 'reply'; refs: string[]; key: string; from: string | null; subject: string | null }
  | { kind: 'ignored'; reason: string };

/** At most this many ids are looked up: long threads carry dozens in References. */
const MAX_REFS = 50;
/** An out-of-office without a return date holds the sequence this long. */
export const DEFAULT_AWAY_DAYS = 7;
/** A "return date" further out than this is more likely a misread than a sabbatical. */
const MAX_AWAY_DAYS = 366;
const DAY_MS = 86_400_000;

/** The parsed message, or null when the bytes are not a MIME message (no header at all). */
export async function parseInboundMail(raw: Buffer): Promise<InboundMail | null> {
  if (raw.length === 0) return null;
  let parsed: ParsedMail;
  try {
    parsed = await simpleParser(raw, { skipImageLinks: true, skipTextLinks: true });
  } catch {
    return null;
  }
  // mailparser accepts anything; a message without a single header line is not mail.
  if (parsed.headers.size === 0) return null;
  const key = messageIds(parsed.messageId)[0] ?? `sha256:${createHash('sha256').update(raw).digest('hex')}`;
  return { parsed, key };
}

/** Every Message-ID in a header value (In-Reply-To, References, …), as `<id@host>`. */
export function messageIds(value: string | string[] | undefined | null): string[] {
  const text = Array.isArray(value) ? value.join(' ') : (value ?? '');
  const bracketed = [...text.matchAll(/<([^<>\s]+)>/g)].map((m) => m[1]);
  // A bare id (no brackets at all) is accepted as one id: some systems write it that way.
  const ids = bracketed.length ? bracketed : /^\s*([^<>\s]+@[^<>\s]+)\s*$/.exec(text)?.slice(1) ?? [];
  return ids.map((id) => `<${id}>`);
}

/** Candidates for the lookup: each id in both spellings a stored message_id might have. */
export function storedForms(ids: string[]): string[] {
  return ids.flatMap((id) => [id, id.slice(1, -1)]);
}

const unique = (ids: string[]) => [...new Set(ids)].slice(0, MAX_REFS);

/** The header's text: mailparser turns some headers into objects (addresses, content types). */
function header(mail: ParsedMail, name: string): string {
  const value = mail.headers.get(name) as unknown;
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.join(' ');
  if (typeof value === 'object' && 'value' in value && typeof value.value === 'string') return value.value;
  if (typeof value === 'object' && 'text' in value && typeof value.text === 'string') return value.text;
  return String(value);
}

/** The ids a reply points at: In-Reply-To first, then References from the newest back. */
function threadRefs(mail: ParsedMail): string[] {
  return unique([...messageIds(mail.inReplyTo), ...messageIds(mail.references).reverse()]);
}

export function classifyInbound(mail: InboundMail, now = new Date()): InboundMessage {
  const { parsed } = mail;
  const from = parsed.from?.value[0]?.address?.toLowerCase() ?? null;
  const subject = parsed.subject?.trim() || null;
  const contentType = parsed.headers.get('content-type') as { value?: string; params?: Record<string, string> } | undefined;
  const reportType = contentType?.value?.toLowerCase() === 'multipart/report'
    ? (contentType.params?.['report-type'] ?? '').toLowerCase()
    : null;
  const fromMailSystem = !!from && /^(mailer-daemon|postmaster)(@|$)/.test(from);

  // Read receipts (disposition-notification) and other reports are not replies from a person.
  if (reportType !== null && reportType !== 'delivery-status') {
    return { kind: 'ignored', reason: `a ${reportType || 'multipart/report'} report, not a reply or a bounce` };
  }
  if (reportType === 'delivery-status' || (fromMailSystem && namesFailedRecipient(parsed))) {
    return classifyBounce(parsed, subject);
  }
  // The mail system never replies for a person: whatever it sent that is not a bounce is noise.
  if (fromMailSystem) return { kind: 'ignored', reason: 'a mail-system notice that names no failed recipient' };

  if (isAutoReply(parsed, subject)) {
    const returnDate = findReturnDate(`${subject ?? ''}\n${ownText(parsed)}`, now);
    return {
      kind: 'auto_reply',
      refs: threadRefs(parsed),
      resumeAt: returnDate ?? new Date(now.getTime() + DEFAULT_AWAY_DAYS * DAY_MS),
      returnDateFound: !!returnDate,
    };
  }
  return { kind: 'reply', refs: threadRefs(parsed), key: mail.key, from, subject };
}

// ------------------------------------------------------------------------- bounces

function namesFailedRecipient(mail: ParsedMail): boolean {
  return !!header(mail, 'x-failed-recipients') || /^(Final|Original)-Recipient:/im.test(mail.text ?? '');
}

/** A delivery-status field's value, continuation lines unfolded; every occurrence. */
function dsnFields(text: string, name: string): string[] {
  const pattern = new RegExp(`^${name}:[ \\t]*(.*(?:\\r?\\n[ \\t]+.*)*)`, 'gim');
  return [...text.matchAll(pattern)].map((m) => m[1].replace(/\s*\r?\n[ \t]+/g, ' ').trim());
}

/**
 * A DSN (RFC 3464; mailparser puts its message/delivery-status part into `text`) or a plain
 * failure notice from MAILER-DAEMON. 5.x.x is permanent (hard), 4.x.x transient (soft). A
 * report whose recipients were all delayed, delivered or relayed is not a bounce at all.
 */
function classifyBounce(mail: ParsedMail, subject: string | null): InboundMessage {
  const text = mail.text ?? '';
  const actions = dsnFields(text, 'Action').map((a) => a.toLowerCase());
  if (actions.length && !actions.includes('failed')) {
    return { kind: 'ignored', reason: `a delivery report without a failure (${[...new Set(actions)].join(', ')})` };
  }
  const statuses = dsnFields(text, 'Status').flatMap((s) => /^([245])\.\d{1,3}\.\d{1,3}/.exec(s)?.slice(0, 1) ?? []);
  // No Status field (a non-standard notice): an enhanced code in the text, then a bare SMTP reply code.
  const status = statuses.find((s) => s.startsWith('5')) ?? statuses.find((s) => s.startsWith('4'))
    ?? /\b[45]\.\d{1,3}\.\d{1,3}\b/.exec(text)?.[0]
    ?? /(?:^|\s)([45]\d\d)[ -]/m.exec(text)?.[1]
    ?? null;
  if (status?.startsWith('2')) return { kind: 'ignored', reason: 'a delivery report of a successful delivery' };
  // Without any code we cannot tell permanent from transient: soft only ends this sequence,
  // where hard would mark the contact undeliverable for every future send.
  const type = status?.startsWith('5') ? 'hard' : 'soft';
  const diagnostic = dsnFields(text, 'Diagnostic-Code')[0]?.replace(/^smtp;\s*/i, '');
  const recipient = dsnFields(text, 'Final-Recipient')[0]?.replace(/^rfc822;\s*/i, '') || header(mail, 'x-failed-recipients');
  const detail = diagnostic ?? subject ?? 'bounce report';
  const reason = [
    status && !detail.includes(status) && status, detail, recipient && !detail.includes(recipient) && `(${recipient})`,
  ].filter(Boolean).join(' ');
  return { kind: 'bounce', refs: bouncedRefs(mail), type, reason };
}

const ORIGINAL_PART_TYPES = new Set([
  'text/rfc822-headers', 'message/rfc822', 'message/rfc822-headers', 'message/global', 'message/global-headers',
]);

/**
 * The Message-ID of the message that bounced: from the returned original (its headers part or
 * the whole message), an Original-Message-ID field, headers quoted in the text, and last the
 * report's own In-Reply-To/References (some servers thread the report onto the original).
 * Only the original's Message-ID is taken, never its In-Reply-To: that names the earlier email
 * of the thread, which did not bounce.
 */
function bouncedRefs(mail: ParsedMail): string[] {
  const fromParts = mail.attachments
    .filter((a) => ORIGINAL_PART_TYPES.has(a.contentType.toLowerCase()))
    .flatMap((a) => headerBlockIds(a.content.toString('utf8')));
  const text = mail.text ?? '';
  const fromText = [...text.matchAll(/^(?:X-)?(?:Original-)?Message-ID:[ \t]*(<[^<>\s]+>)/gim)].map((m) => m[1]);
  return unique([...fromParts, ...fromText, ...threadRefs(mail)]);
}

/** The Message-ID (and Original-Message-ID) of a header block, which ends at the first blank line. */
function headerBlockIds(message: string): string[] {
  const head = message.split(/\r?\n\r?\n/, 1)[0].replace(/\r?\n[ \t]+/g, ' ');
  return [...head.matchAll(/^(?:Original-)?Message-ID:[ \t]*(.+)$/gim)].flatMap((m) => messageIds(m[1]));
}

// ------------------------------------------------------------------------- auto-replies

// Anchored at the start: a person's reply starts "Re:", and "Re: Out of office supplies?" is
// a reply (auto-replies that keep "Re:" carry the headers above).
const AUTO_REPLY_SUBJECTS = [
  /^out of (the )?office\b/i,
  /^(automatic|auto)[ -]?(reply|response|antwort)\b/i,
  /^autoreply\b/i,
  /^auto:/i,
  /^abwesenheits(notiz|nachricht)\b/i,
  /^absence\b/i,
  /^r[ée]ponse automatique\b/i,
  /^respuesta autom[áa]tica\b/i,
  /^(vacation|holiday) (reply|notice|message)\b/i,
];

/** RFC 3834 headers first (Auto-Submitted), then the de-facto ones, then common subjects. */
export function isAutoReply(mail: ParsedMail, subject: string | null): boolean {
  const autoSubmitted = header(mail, 'auto-submitted').trim().toLowerCase();
  if (autoSubmitted && !autoSubmitted.startsWith('no')) return true;
  for (const name of ['x-autoreply', 'x-autorespond', 'x-autoresponder']) {
    if (mail.headers.has(name) && !/^\s*(no|false|0)\s*$/i.test(header(mail, name))) return true;
  }
  if (/\bauto[_-]?reply\b/i.test(header(mail, 'precedence'))) return true;
  return !!subject && AUTO_REPLY_SUBJECTS.some((re) => re.test(subject));
}

/** The message's own words: quoted lines and the quoted original (our email, with its dates) cut off. */
function ownText(mail: ParsedMail): string {
  const text = (mail.text ?? '').slice(0, 5000);
  const quoteStart = text.search(/^(-{2,}\s*(original message|urspr[üu]ngliche nachricht)|on .{1,200} wrote:|am .{1,200} schrieb .{1,200}:|from: .+$)/im);
  return (quoteStart >= 0 ? text.slice(0, quoteStart) : text)
    .split(/\r?\n/)
    .filter((line) => !line.startsWith('>'))
    .join('\n');
}

// ------------------------------------------------------------------------- return dates

const MONTHS: Record<string, number> = {
  january: 0, jan: 0, januar: 0, jänner: 0, february: 1, feb: 1, februar: 1, march: 2, mar: 2, märz: 2, maerz: 2,
  april: 3, apr: 3, may: 4, mai: 4, june: 5, jun: 5, juni: 5, july: 6, jul: 6, juli: 6, august: 7, aug: 7,
  september: 8, sep: 8, sept: 8, october: 9, oct: 9, oktober: 9, okt: 9, november: 10, nov: 10,
  december: 11, dec: 11, dezember: 11, dez: 11,
};
const MONTH = `(${Object.keys(MONTHS).sort((a, b) => b.length - a.length).join('|')})\\.?`;
const DAY = '(\\d{1,2})(?:st|nd|rd|th|\\.)?';
const YEAR = '(?:,?\\s+(\\d{4}))?';

/** Each pattern yields [day, month, year?] from its match. */
const DATE_PATTERNS: { re: RegExp; parts: (m: RegExpMatchArray) => [string, string | number, string | undefined] }[] = [
  // ISO 2026-12-01
  { re: /\b(\d{4})-(\d{1,2})-(\d{1,2})\b/g, parts: (m) => [m[3], Number(m[2]) - 1, m[1]] },
  // dd/mm/yyyy, dd.mm.yyyy, dd-mm-yy (day first, as in Europe; a month over 12 flips it)
  { re: /\b(\d{1,2})[./-](\d{1,2})[./-](\d{4}|\d{2})\b/g, parts: (m) => [m[1], Number(m[2]) - 1, m[3]] },
  // dd.mm. (German, no year)
  { re: /\b(\d{1,2})\.(\d{1,2})\.(?!\d)/g, parts: (m) => [m[1], Number(m[2]) - 1, undefined] },
  // 12 March, 12th of March 2026, 12. März
  { re: new RegExp(`\\b${DAY}\\s+(?:of\\s+)?${MONTH}(?![a-zä])${YEAR}(?!\\d)`, 'giu'), parts: (m) => [m[1], m[2], m[3]] },
  // March 12, December 3rd, March 12th, 2026
  { re: new RegExp(`\\b${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?(?!\\d)${YEAR}(?!\\d)`, 'giu'), parts: (m) => [m[2], m[1], m[3]] },
];

/** Words that put a return date right after them ("back on", "until", "bis", "zurück am"). */
const RETURN_WORDS = /\b(back|return|returning|returns|until|till|til|through|thru|to|bis|zurück|zurueck|wieder|ab)\b[^\n]{0,40}$/i;

function toDate(day: string, month: string | number, year: string | undefined, now: Date): Date | null {
  let d = Number(day);
  let m = typeof month === 'number' ? month : MONTHS[month.toLowerCase()];
  if (m === undefined) return null;
  if (m > 11 && d <= 12) [d, m] = [m + 1, d - 1]; // 12/25/2026: month first after all
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  let y = year ? Number(year.length === 2 ? `20${year}` : year) : now.getUTCFullYear();
  // Noon UTC is that calendar day from UTC-12 to UTC+11: the person is back wherever they are.
  const at = (yy: number) => new Date(Date.UTC(yy, m, d, 12));
  let date = at(y);
  if (date.getUTCDate() !== d || date.getUTCMonth() !== m) return null; // 31 February
  if (!year && date.getTime() < today) date = at(++y); // "back on 5 January", written in December
  return date;
}

/**
 * The day the sender says they are back, or null when the text names none we can read. Dates
 * right after a return word count first ("out from 1 March, back on 12 March" → 12 March);
 * then any date. The latest wins; past dates and dates over a year away are ignored.
 */
export function findReturnDate(text: string, now = new Date()): Date | null {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const found: { date: Date; afterReturnWord: boolean }[] = [];
  for (const { re, parts } of DATE_PATTERNS) {
    for (const m of text.matchAll(re)) {
      const date = toDate(...parts(m), now);
      if (!date || date.getTime() < today || date.getTime() > today + MAX_AWAY_DAYS * DAY_MS) continue;
      found.push({ date, afterReturnWord: RETURN_WORDS.test(text.slice(Math.max(0, m.index! - 60), m.index)) });
    }
  }
  const preferred = found.some((f) => f.afterReturnWord) ? found.filter((f) => f.afterReturnWord) : found;
  if (!preferred.length) return null;
  return new Date(Math.max(...preferred.map((f) => f.date.getTime())));
}
