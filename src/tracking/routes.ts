/**
 * The public endpoints links in sent emails point at: the open pixel, the click redirect and
 * the unsubscribe page with its one-click POST (RFC 8058). Tokens are verified before anything
 * is read or written; a forged, malformed or unknown one answers 404 and writes nothing. The
 * click redirect goes only to the URL its signed token names, so it is no open redirect.
 */
import express, { type Request, type Response, type Router } from 'express';
import { recordClick, recordOpen, unsubscribeRecipient, wasSent, type Visitor } from '../domain/email/events.js';
import { escapeHtml } from '../domain/html.js';
import { sendPlainPage } from '../http/plain-page.js';
import { TRACKING_PATHS, verifyTracking } from '../domain/email/tracking-token.js';

// The smallest transparent GIF.
const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

const visitor = (req: Request): Visitor => ({ ip: req.ip, userAgent: req.get('user-agent') ?? null });

const notFound = (res: Response) => res.status(404).type('text').send('Not found');

export function trackingRouter(): Router {
  const router = express.Router();
  const form = express.urlencoded({ extended: false, limit: '2kb' });

  router.get(`${TRACKING_PATHS.open}/:token.gif`, async (req, res) => {
    const claim = verifyTracking(req.params.token, 'open');
    if (!claim || !(await recordOpen(claim.emailId, visitor(req)))) return notFound(res);
    res.status(200).type('gif').set('Cache-Control', 'no-store, private').send(PIXEL);
  });

  router.get(`${TRACKING_PATHS.click}/:token`, async (req, res) => {
    const claim = verifyTracking(req.params.token, 'click');
    if (!claim || !(await recordClick(claim.emailId, claim.url, visitor(req)))) return notFound(res);
    res.set('Cache-Control', 'no-store').redirect(302, claim.url);
  });

  // A GET only shows the button: mail scanners follow links, and must not unsubscribe anyone.
  router.get(`${TRACKING_PATHS.unsubscribe}/:token`, async (req, res) => {
    const claim = verifyTracking(req.params.token, 'unsubscribe');
    if (!claim || !(await wasSent(claim.emailId))) return notFound(res);
    sendPlainPage(res, 200, 'Unsubscribe', `<p>Stop all e-mail from us to this address?</p>
<form method="post"><button type="submit" name="List-Unsubscribe" value="One-Click">Unsubscribe</button></form>`);
  });

  // The page's button and mail clients' one-click (body "List-Unsubscribe=One-Click") land here.
  router.post(`${TRACKING_PATHS.unsubscribe}/:token`, form, async (req, res) => {
    const claim = verifyTracking(req.params.token, 'unsubscribe');
    if (!claim) return notFound(res);
    const result = await unsubscribeRecipient(claim.emailId, visitor(req));
    if (!result) return notFound(res);
    sendPlainPage(res, 200, 'You are unsubscribed', `<p>${escapeHtml(result.email)} will get no more e-mail from us.</p>`);
  });

  return router;
}
