/**
 * Turning a template into the message a contact receives: merge fields filled from the
 * contact, their account and the sender (`{{contact.first_name}}`, with an optional fallback
 * `{{contact.first_name | "there"}}`), then, in the HTML part, links rewritten to signed click
 * URLs and an open pixel added. A merge field without a value and without a fallback is an
 * error that names every such field: a blank "Hi ," must never go out.
 */
import { compile } from 'html-to-text';
import { escapeHtml } from '../html.js';
import { trackingUrl } from './tracking-token.js';

export type MergeScope = 'contact' | 'account' | 'sender' | 'email';
export type MergeContext = Partial<Record<MergeScope, Record<string, unknown> | null>>;

export class MissingMergeFieldError extends Error {
  constructor(readonly fields: string[]) {
    super(`missing merge field${fields.length > 1 ? 's' : ''}: ${fields.join(', ')}`);
    this.name = 'MissingMergeFieldError';
  }
}

// {{ scope.field }} or {{ scope.field | "fallback" }}
const MERGE_FIELD = /\{\{\s*([a-z_]+)\.([a-z0-9_]+)\s*(?:\|\s*"([^"]*)"\s*)?\}\}/gi;


function valueOf(context: MergeContext, scope: string, field: string): string | null {
  const record = context[scope as MergeScope];
  const value = record?.[field];
  if (value === null || value === undefined) return null;
  const text = value instanceof Date ? value.toISOString().slice(0, 10) : String(value).trim();
  return text === '' ? null : text;
}

/** The names of the merge fields a text uses that the context cannot fill. */
export function missingFields(texts: (string | null | undefined)[], context: MergeContext): string[] {
  const missing = new Set<string>();
  for (const text of texts) {
    for (const [, scope, field, fallback] of (text ?? '').matchAll(MERGE_FIELD)) {
      if (fallback === undefined && valueOf(context, scope!, field!) === null) missing.add(`${scope}.${field}`);
    }
  }
  return [...missing];
}

export function fillMergeFields(text: string, context: MergeContext, options: { html: boolean }): string {
  return text.replace(MERGE_FIELD, (_match, scope: string, field: string, fallback?: string) => {
    const value = valueOf(context, scope, field) ?? fallback ?? '';
    return options.html ? escapeHtml(value) : value;
  });
}

// <a ... href="…"> with either quote; the URL is captured without its quotes.
const ANCHOR_HREF = /(<a\b[^>]*?\bhref\s*=\s*)(["'])(.*?)\2/gi;
const decodeEntities = (url: string) => url.replace(/&amp;/g, '&').replace(/&#38;/g, '&');

/** http(s) links go through the click redirect; mailto:, tel:, anchors and the unsubscribe link do not. */
export function rewriteLinks(html: string, emailId: string, keep: (url: string) => boolean = () => false): string {
  return html.replace(ANCHOR_HREF, (whole, prefix: string, quote: string, href: string) => {
    const url = decodeEntities(href.trim());
    if (!/^https?:\/\//i.test(url) || keep(url)) return whole;
    return `${prefix}${quote}${escapeHtml(trackingUrl({ kind: 'click', emailId, url }))}${quote}`;
  });
}

export function addOpenPixel(html: string, emailId: string): string {
  const pixel = `<img src="${escapeHtml(trackingUrl({ kind: 'open', emailId }))}" width="1" height="1" alt="" style="display:none">`;
  return /<\/body>/i.test(html) ? html.replace(/<\/body>/i, `${pixel}</body>`) : `${html}${pixel}`;
}

/** Plain text bodies become simple HTML: paragraphs on blank lines, line breaks kept. */
export function textToHtml(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
}

export interface RenderInput {
  emailId: string;
  subject: string;
  html: string | null;
  text: string | null;
  trackOpens: boolean;
  trackClicks: boolean;
}

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
  unsubscribeUrl: string;
  headers: Record<string, string>;
}

/**
 * The message as sent. Throws MissingMergeFieldError before anything else when a field cannot
 * be filled. `{{email.unsubscribe_url}}` places the unsubscribe link in the body; the
 * List-Unsubscribe headers (RFC 2369, one-click RFC 8058) are always set.
 */
export function renderEmail(input: RenderInput, context: MergeContext): RenderedEmail {
  const unsubscribeUrl = trackingUrl({ kind: 'unsubscribe', emailId: input.emailId });
  const full: MergeContext = { ...context, email: { ...context.email, unsubscribe_url: unsubscribeUrl } };
  const missing = missingFields([input.subject, input.html, input.text], full);
  if (missing.length) throw new MissingMergeFieldError(missing);

  const subject = fillMergeFields(input.subject, full, { html: false }).replace(/[\r\n]+/g, ' ');
  const text = input.text ? fillMergeFields(input.text, full, { html: false }) : null;
  const merged = input.html ? fillMergeFields(input.html, full, { html: true }) : textToHtml(text ?? '');
  // The text part is made before tracking: it shows the real URLs.
  const plain = text ?? htmlToText(merged);
  let html = merged;
  if (input.trackClicks) html = rewriteLinks(html, input.emailId, (url) => url === unsubscribeUrl);
  if (input.trackOpens) html = addOpenPixel(html, input.emailId);
  return {
    subject,
    html,
    text: plain,
    unsubscribeUrl,
    headers: {
      'List-Unsubscribe': `<${unsubscribeUrl}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
  };
}

/** A readable plain-text part for an HTML-only template (multipart/alternative needs one). */
// Compiled once: building the converter (its selector tables) costs more than converting.
export const htmlToText: (html: string) => string =
  compile({ wordwrap: false, selectors: [{ selector: 'img', format: 'skip' }] });
