/**
 * The signature on webhook calls: `X-Signature: sha256=<hex>` is an HMAC-SHA256, keyed with a
 * shared secret, of `${X-Timestamp}.` followed by the raw body bytes. Signing the timestamp with
 * the body means a captured call cannot be replayed with a fresh timestamp, and refusing old
 * timestamps means it cannot be replayed as it is for longer than the window.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** How far X-Timestamp may be from the server's clock, either way (clock skew included). */
export const SIGNATURE_WINDOW_SECONDS = 5 * 60;

const mac = (secret: string, timestamp: string, body: Buffer) =>
  createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest();

/** The X-Signature header value for a body sent at `timestamp` (unix seconds). */
export function signWebhook(body: Buffer | string, secret: string, timestamp: number): string {
  return `sha256=${mac(secret, String(timestamp), Buffer.from(body)).toString('hex')}`;
}

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

export function verifyWebhookSignature(input: {
  body: Buffer;
  timestamp: string | undefined;
  signature: string | undefined;
  secret: string;
  nowMs?: number;
}): SignatureCheck {
  const { body, timestamp, signature, secret } = input;
  if (!timestamp || !signature) return { ok: false, reason: 'missing X-Timestamp or X-Signature header' };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'X-Timestamp must be unix seconds' };
  const age = (input.nowMs ?? Date.now()) / 1000 - Number(timestamp);
  if (Math.abs(age) > SIGNATURE_WINDOW_SECONDS) return { ok: false, reason: 'X-Timestamp is outside the 5-minute window' };
  const given = /^sha256=([0-9a-f]{64})$/i.exec(signature.trim());
  if (!given) return { ok: false, reason: 'X-Signature must be sha256=<64 hex characters>' };
  // Both sides are 32 bytes here, so timingSafeEqual cannot throw on a length mismatch.
  if (!timingSafeEqual(Buffer.from(given[1], 'hex'), mac(secret, timestamp, body))) {
    return { ok: false, reason: 'signature does not match' };
  }
  return { ok: true };
}
