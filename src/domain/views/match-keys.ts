/**
 * How records of the five systems are recognised as the same company or the same person when no
 * foreign key links them: S0 outreach and postings know a company only by the name a staff member
 * typed, leads and contacts by a free-text company name and an e-mail address. One rule, written
 * twice (SQL for queries, TypeScript for grouping results), kept side by side so they agree:
 *
 * - a company name is lower-cased, every run of non-letters/digits becomes one space, and trailing
 *   legal forms are dropped: "Acme, Inc." and "ACME inc" and "acme" are all `acme`;
 * - a person's name is lower-cased with punctuation collapsed the same way (no suffixes dropped);
 * - a domain comes from an e-mail address (after the @) or a website (host without www.); free
 *   mail providers are not company domains, so two gmail.com addresses say nothing.
 */

/** Legal forms dropped from the end of a company name (repeatedly: "Acme Holdings Co Ltd" keeps "holdings"). */
export const LEGAL_SUFFIXES = [
  'inc', 'incorporated', 'llc', 'llp', 'lp', 'ltd', 'limited', 'corp', 'corporation', 'co', 'company',
  'plc', 'gmbh', 'ag', 'sa', 'sas', 'sarl', 'srl', 'spa', 'bv', 'nv', 'oy', 'ab', 'as', 'pty', 'pvt', 'kg',
] as const;

/** Mail providers whose domain is shared by strangers. */
export const FREE_MAIL_DOMAINS = [
  'gmail.com', 'googlemail.com', 'yahoo.com', 'yahoo.co.uk', 'hotmail.com', 'outlook.com', 'live.com',
  'msn.com', 'aol.com', 'icloud.com', 'me.com', 'mac.com', 'proton.me', 'protonmail.com', 'gmx.com',
  'gmx.de', 'web.de', 'mail.com', 'yandex.com', 'zoho.com', 'fastmail.com', 'example.com',
] as const;

const suffixPattern = `(\\s(${LEGAL_SUFFIXES.join('|')}))+$`;

/** SQL: the company key of a text expression (NULL or '' when nothing is left). */
export function companyKeySql(expr: string): string {
  return `btrim(regexp_replace(' ' || btrim(regexp_replace(lower(${expr}), '[^[:alnum:]]+', ' ', 'g')), '${suffixPattern}', ''))`;
}

/** SQL: a person's name key from first and last name expressions. */
export function personKeySql(first: string, last: string): string {
  return `btrim(regexp_replace(lower(concat_ws(' ', ${first}, ${last})), '[^[:alnum:]]+', ' ', 'g'))`;
}

/** SQL: the domain of an e-mail address, NULL for a free mail provider or a malformed address. */
export function emailDomainSql(expr: string): string {
  const domain = `lower(split_part(${expr}, '@', 2))`;
  const free = FREE_MAIL_DOMAINS.map((d) => `'${d}'`).join(',');
  return `(CASE WHEN ${domain} IN ('', ${free}) THEN NULL ELSE ${domain} END)`;
}

/** SQL: the host of a website or domain column ("https://www.acme.com/x" → "acme.com"). */
export function websiteDomainSql(expr: string): string {
  return `NULLIF(regexp_replace(lower(btrim(${expr})), '^([a-z]+://)?(www\\.)?([^/:?#]*).*$', '\\3'), '')`;
}

const suffixRe = new RegExp(suffixPattern);

export function companyKey(name: string | null | undefined): string {
  const words = (name ?? '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  return ` ${words}`.replace(suffixRe, '').trim();
}

export function personKey(...parts: Array<string | null | undefined>): string {
  return parts.filter(Boolean).join(' ').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

export function emailDomain(email: string | null | undefined): string | null {
  const domain = (email ?? '').toLowerCase().split('@')[1]?.trim();
  if (!domain || (FREE_MAIL_DOMAINS as readonly string[]).includes(domain)) return null;
  return domain;
}

export function websiteDomain(value: string | null | undefined): string | null {
  const host = (value ?? '').trim().toLowerCase().replace(/^[a-z]+:\/\//, '').replace(/^www\./, '').split(/[/:?#]/)[0];
  return host || null;
}

/**
 * The longest word of a key: every word of a key is a run of letters/digits of the original
 * text, so `column ILIKE '%word%'` keeps every row whose key could match, and the pg_trgm
 * indexes on the name columns can serve it before the exact key comparison.
 */
export function longestWord(key: string): string {
  return key.split(' ').reduce((a, b) => (b.length > a.length ? b : a), '');
}
