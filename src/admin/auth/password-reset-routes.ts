/**
 * The "forgot your password" pages under /admin/password-reset (outside the login wall):
 * ask for a link by e-mail, then choose a new password from the link. Plain server-rendered
 * forms: they must work for someone who cannot log in, without the panel's React bundle.
 */
import express, { type Request, type Response, type Router } from 'express';
import {
  isResetTokenOpen,
  PasswordResetError,
  requestPasswordReset,
  resetPassword,
  RESET_TOKEN_TTL_MINUTES,
} from '../../domain/auth/password-reset.js';
import { MIN_PASSWORD_LENGTH } from '../../domain/auth/passwords.js';
import { seal } from '../../domain/crypto/secret-box.js';
import { enqueue } from '../../jobs/queues.js';
import { escapeHtml } from '../../domain/html.js';
import { sendPlainPage } from '../../http/plain-page.js';
import { requestMeta } from './panel-auth.js';

export const RESET_PATH = '/password-reset';

const backToLogin = `<p class="note"><a href="/admin/login">Back to the login page</a></p>`;

function askPage(res: Response): void {
  sendPlainPage(res, 200, 'Reset your password', `
<form method="post" action="/admin${RESET_PATH}">
  <p class="note">Enter the e-mail address you log in with. We will send you a link to choose a new password.</p>
  <label for="email">E-mail</label><input id="email" name="email" type="email" required autocomplete="username" autofocus>
  <button type="submit">Send the link</button>
</form>${backToLogin}`);
}

function choosePage(res: Response, token: string, errors: Partial<Record<string, string>> = {}, status = 200): void {
  const error = (field: string) => (errors[field] ? `<div class="error" id="${field}-error">${escapeHtml(errors[field]!)}</div>` : '');
  sendPlainPage(res, status, 'Choose a new password', `
<form method="post" action="/admin${RESET_PATH}/${encodeURIComponent(token)}">
  <label for="password">New password (at least ${MIN_PASSWORD_LENGTH} characters)</label>
  <input id="password" name="password" type="password" required minlength="${MIN_PASSWORD_LENGTH}" autocomplete="new-password" autofocus>${error('password')}
  <label for="confirmation">The same password again</label>
  <input id="confirmation" name="confirmation" type="password" required autocomplete="new-password">${error('confirmation')}
  <button type="submit">Set the password</button>
</form>${backToLogin}`);
}

function deadLinkPage(res: Response): void {
  sendPlainPage(res, 410, 'This link cannot be used', `
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
    sendPlainPage(res, 200, 'Check your e-mail', `
<p class="note">If an active account uses that address, a link to choose a new password is on its way.
It works once, for ${RESET_TOKEN_TTL_MINUTES} minutes.</p>${backToLogin}`);
  });

  router.get(`${RESET_PATH}/:token`, async (req, res) => {
    if (!(await isResetTokenOpen(req.params.token))) return deadLinkPage(res);
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
    return sendPlainPage(res, 200, 'Password changed', `
<p class="note">Your new password is set and every session of your account has been signed out.</p>
<p class="note"><a href="/admin/login">Log in</a></p>`);
  });

  return router;
}
