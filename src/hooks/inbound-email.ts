/**
 * POST /hooks/inbound-email: the mail provider relays every message that reaches our mailboxes
 * (replies, out-of-office notes, bounce reports) here as raw MIME, signed with
 * INBOUND_EMAIL_SECRET (see signature.ts). Order matters: nothing is parsed before the signature
 * holds, and nothing is written unless the message is mail that matches one of our emails.
 * A message that matches nothing still answers 200: the provider retries non-2xx answers, and
 * a retry would not match either.
 */
import express, { type Router } from 'express';
import { config } from '../config.js';
import { classifyInbound, parseInboundMail } from '../domain/email/inbound.js';
import { applyInbound } from '../domain/email/replies.js';
import { verifyWebhookSignature } from './signature.js';

export const INBOUND_EMAIL_PATH = '/hooks/inbound-email';
const MIME_TYPES = ['message/rfc822', 'text/plain', 'application/octet-stream'];

export function inboundEmailRouter(options: { secret: string | null } = { secret: config.inboundEmailSecret }): Router {
  const router = express.Router();
  const { secret } = options;
  const rawBody = express.raw({ type: MIME_TYPES, limit: '10mb' });

  router.post(
    INBOUND_EMAIL_PATH,
    (req, res, next) => {
      // Refused before the body is read: without a secret no call can be trusted.
      if (!secret) return void res.status(503).json({ error: 'inbound e-mail is not configured' });
      // false: a body of another type (null would be no body at all, answered 400 below).
      if (req.is(MIME_TYPES) === false) {
        return void res.status(415).json({ error: `send the raw message as ${MIME_TYPES.join(', ')}` });
      }
      next();
    },
    rawBody,
    async (req, res) => {
      const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const check = verifyWebhookSignature({
        body, timestamp: req.get('x-timestamp'), signature: req.get('x-signature'), secret: secret!,
      });
      if (!check.ok) return void res.status(401).json({ error: check.reason });
      const mail = await parseInboundMail(body);
      if (!mail) return void res.status(400).json({ error: 'the body is not a MIME message' });
      res.status(200).json(await applyInbound(classifyInbound(mail)));
    },
  );
  return router;
}
