/**
 * Signed tracking tokens for the open pixel, click redirects and unsubscribe links. A token says
 * which email (and, for a click, which URL of it) and carries an HMAC-SHA256 over that, keyed by
 * a key derived from ENCRYPTION_KEY: nobody can make the server record an event for an email or
 * redirect to a URL that was not in a message it sent. Nothing is looked up to verify it.
 */
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { config } from '../../config.js';
import { isUuid } from '../uuid.js';

export type TrackingClaim =
  | { kind: 'open'; emailId: string }
  | { kind: 'click'; emailId: string; url: string }
  | { kind: 'unsubscribe'; emailId: string };

const KIND_CODE = { open: 'o', click: 'c', unsubscribe: 'u' } as const;
const CODE_KIND = { o: 'open', c: 'click', u: 'unsubscribe' } as const;
/** 128 bits of MAC: forging one is out of reach, and the URLs stay short. */
const MAC_BYTES = 16;
const MAX_TOKEN_LENGTH = 4096;

let key: Buffer | undefined;
const trackingKey = () => (key ??= Buffer.from(hkdfSync('sha256', config.encryptionKey, Buffer.alloc(0), 'crm email tracking v1', 32)));
const mac = (data: string) => createHmac('sha256', trackingKey()).update(data).digest().subarray(0, MAC_BYTES);

export function signTracking(claim: TrackingClaim): string {
  const fields = [KIND_CODE[claim.kind], claim.emailId, ...(claim.kind === 'click' ? [claim.url] : [])];
  const payload = Buffer.from(JSON.stringify(fields)).toString('base64url');
  return `${payload}.${mac(payload).toString('base64url')}`;
}

/** The claim of a genuine token of the expected kind, or null for anything else. */
export function verifyTracking<K extends TrackingClaim['kind']>(token: unknown, kind: K): Extract<TrackingClaim, { kind: K }> | null {
  if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) return null;
  const [payload, signature, ...rest] = token.split('.');
  if (!payload || !signature || rest.length) return null;
  const given = Buffer.from(signature, 'base64url');
  const expected = mac(payload);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  // base64url's last character has unused bits: accept only the one spelling we issue.
  if (given.toString('base64url') !== signature) return null;
  let fields: unknown;
  try {
    fields = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(fields) || CODE_KIND[fields[0] as keyof typeof CODE_KIND] !== kind || !isUuid(fields[1])) return null;
  if (kind === 'click') {
    return typeof fields[2] === 'string' ? ({ kind, emailId: fields[1], url: fields[2] } as Extract<TrackingClaim, { kind: K }>) : null;
  }
  return { kind, emailId: fields[1] } as Extract<TrackingClaim, { kind: K }>;
}

/** Where the server answers each kind (src/tracking/routes.ts). */
export const TRACKING_PATHS = { open: '/t/o', click: '/t/c', unsubscribe: '/t/u' } as const;

export function trackingUrl(claim: TrackingClaim): string {
  const suffix = claim.kind === 'open' ? '.gif' : '';
  return `${config.appUrl}${TRACKING_PATHS[claim.kind]}/${signTracking(claim)}${suffix}`;
}
