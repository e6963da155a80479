/**
 * The panel's login: AdminJS's login page and form, our `login()` behind it, a session
 * regenerated on login (no fixation) and kept in PostgreSQL, cookies httpOnly + sameSite and
 * secure when the app is served over TLS.
 */
import type { Request } from 'express';
import session from 'express-session';
import { config } from '../../config.js';
import { login } from '../../domain/auth/login.js';
import { logSecurityEvent, normalizeIp } from '../../domain/auth/security-log.js';
import type { Actor } from '../../domain/permissions/actor.js';
import { PgSessionStore, SESSION_MAX_AGE_MS } from './session-store.js';

export const SESSION_COOKIE = 'crm.sid';

export function panelSessionOptions(): session.SessionOptions & { secret: string } {
  const cookie: session.CookieOptions = {
    httpOnly: true,
    sameSite: 'lax',
    secure: config.appUrl.startsWith('https:'),
    path: '/',
    maxAge: SESSION_MAX_AGE_MS,
  };
  return {
    name: SESSION_COOKIE,
    secret: config.sessionSecret,
    store: new PgSessionStore(cookie),
    cookie,
    resave: false,
    saveUninitialized: false,
    rolling: true,
    proxy: true,
  };
}

export function panelSession() {
  return session(panelSessionOptions());
}

/** Where a login, logout or reset came from, for security_logs. */
export const requestMeta = (req?: Request): { ip: string | null; userAgent: string | null } => ({
  ip: normalizeIp(req?.ip),
  userAgent: req?.get('user-agent') ?? null,
});

const regenerate = (req: Request) =>
  new Promise<void>((resolve, reject) => req.session.regenerate((err) => (err ? reject(err) : resolve())));

/** AdminJS's `authenticate`: an Actor, or an Error whose message is a login-page message key. */
export async function authenticate(email: string, password: string, context?: { req?: Request }): Promise<Actor | null> {
  const req = context?.req;
  const meta = requestMeta(req);
  const result = await login(email, password, meta);
  if (!result.ok) {
    if (result.reason === 'invalidCredentials') return null;
    throw new Error(result.reason);
  }
  if (req) {
    await regenerate(req);
    req.session.loginMeta = meta;
  }
  return result.actor;
}

/** Logout is written to security_logs before the session row is revoked. */
export async function recordLogout(actor: Actor | undefined, req: Request): Promise<void> {
  if (!actor) return;
  await logSecurityEvent({
    type: 'logout',
    workspaceId: actor.workspaceId,
    userId: actor.id,
    userEmail: actor.email,
    description: 'Logged out of the panel',
    meta: requestMeta(req),
  });
}
