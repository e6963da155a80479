/**
 * The "forgot your password" pages under /admin/password-reset (outside the login wall):
 * ask for a link by e-mail, then choose a new password from the link. Plain server-rendered
 * forms: they must work for someone who cannot log in, without the panel's React bundle.
 */
import express, { type Request, type Response, type Router } from 'express';
import {
  checkResetToken,
  PasswordResetError,
  requestPasswordReset,
  resetPassword,
  RESET_TOKEN_TTL_MINUTES,
} from '../../domain/auth/password-reset.js';
import { MIN_PASSWORD_LENGTH } from '../../domain/auth/passwords.js';
import { seal } from '../../domain/crypto/secret-box.js';
import { enqueue } from '../../jobs/queues.js';
import { requestMeta } from './panel-auth.js';

export const RESET_PATH = '/password-reset';

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function page(res: Response, status: number, title: string, body: string): void {
  res.status(status).type('html').set('Cache-Control', 'no-store').set('Referrer-Policy', 'no-referrer').send(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)} · CRM Back Office</title>
<style>
  body { font-family: system-ui, sans-serif; background: #f6f7fb; color: #1c1c38; margin: 0; }
  main { max-width: 420px; margin: 10vh auto; background: #fff; padding: 32px; box-shadow: 0 2px 12px #0001; }
  h1 { font-size: 20px; margin-top: 0; } label { display: block; margin: 16px 0 4px; font-size: 14px; }
  input { width: 100%; box-sizing: border-box; padding: 8px; border: 1px solid #c0c0ca; font-size: 14px; }
  button { margin-top: 20px; padding: 10px 18px; background: #3040d6; color: #fff; border: 0; font-size: 14px; cursor: pointer; }
  .error { color: #c20012; font-size: 13px; margin-top: 4px; } .note { color: #454655; font-size: 14px; }
  a { color: #3040d6; }
</style></head>
<body><main><h1>${escape(title)}</h1>${body}</main></body></html>`);
}

const backToLogin = `<p class="note"><a href="/admin/login">Back to the login page</a></p>`;

function askPage(res: Response, status = 200): void {
  page(res, status, 'Reset your password', `
<form method="post" action="/admin${RESET_PATH}">
  <p class="note">Enter the e-mail address you log in with. We will send you a link to choose a new password.</p>
  <label for="email">E-mail</label><input id="email" name="email" type="email" required autocomplete="username" autofocus>
  <button type="submit">Send the link</button>
</form>${backToLogin}`);
}

function choosePage(res: Response, token: string, errors: Partial<Record<string, string>> = {}, status = 200): void {
  const error = (field: string) => (errors[field] ? `<div class="error" id="${field}-error">${escape(errors[field]!)}</div>` : '');
  page(res, status, 'Choose a new password', `
<form method="post" action="/admin${RESET_PATH}/${encodeURIComponent(token)}">
  <label for="password">New password (at least ${MIN_PASSWORD_LENGTH} characters)</label>
  <input id="password" name="password" type="password" required minlength="${MIN_PASSWORD_LENGTH}" autocomplete="new-password" autofocus>${error('password')}
  <label for="confirmation">The same password again</label>
  <input id="confirmation" name="confirmation" type="password" required autocomplete="new-password">${error('confirmation')}
  <button type="submit">Set the password</button>
</form>${backToLogin}`);
}

function deadLinkPage(res: Response): void {
  page(res, 410, 'This link cannot be used', `
<p class="note">The reset link has expired or was already used. Links work once, for ${RESET_TOKEN_TTL_MINUTES} minutes.</p>
<p class="note"><a href="/admin${RESET_PATH}">Ask for a new link</a></p>`);
}

const field = (req: Request, name: string): unknown => (req.body as Record<string, unknown> | undefined)?.[name];

export function passwordResetRouter(): Router {
  const router = express.Router();
  const form = express.urlencoded({ extended: false, limit: '4kb' });

  router.get(RESET_PATH, (_req, res) => askPage(res));

  router.post(RESET_PATH, form, async (req, res) => {
    const issued = await requestPasswordReset(field(req, 'email'), requestMeta(req));
    // The job carries the token sealed with ENCRYPTION_KEY: Redis never holds a usable link.
    if (issued) await enqueue('password-reset-email', { tokenId: issued.tokenId, sealedToken: seal(issued.token) });
    // The same answer whether or not the address has an account.
    page(res, 200, 'Check your e-mail', `
<p class="note">If an active account uses that address, a link to choose a new password is on its way.
It works once, for ${RESET_TOKEN_TTL_MINUTES} minutes.</p>${backToLogin}`);
  });

  router.get(`${RESET_PATH}/:token`, async (req, res) => {
    const state = await checkResetToken(req.params.token);
    if (!state.valid) return deadLinkPage(res);
    return choosePage(res, req.params.token);
  });

  router.post(`${RESET_PATH}/:token`, form, async (req, res) => {
    const token = req.params.token;
    try {
      await resetPassword({ token, password: field(req, 'password'), confirmation: field(req, 'confirmation') }, requestMeta(req));
    } catch (err) {
      if (!(err instanceof PasswordResetError)) throw err;
      if (err.field === 'token') return deadLinkPage(res);
      return choosePage(res, token, { [err.field]: err.message }, 422);
    }
    return page(res, 200, 'Password changed', `
<p class="note">Your new password is set and every session of your account has been signed out.</p>
<p class="note"><a href="/admin/login">Log in</a></p>`);
  });

  return router;
}
