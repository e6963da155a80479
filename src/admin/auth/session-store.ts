/**
 * express-session's store over the `sessions` table (S2). A row exists only for a logged-in
 * session; its `token` is the SHA-256 of the cookie's session id, never the id itself. Every
 * request reads the row and loads the user afresh, so revoking a session (is_revoked), expiring
 * it, deactivating the user or changing their roles takes effect on their next request.
 */
import { createHash } from 'node:crypto';
import session from 'express-session';
import { QueryTypes } from 'sequelize';
import { sequelize } from '../../db.js';
import { loadActor, type Actor } from '../../domain/permissions/actor.js';
import { normalizeIp } from '../../domain/auth/security-log.js';
import { revokeSessions } from '../../domain/auth/sessions.js';
import { describeUserAgent } from '../../domain/user-agent.js';

export const SESSION_MAX_AGE_MS = 12 * 60 * 60 * 1000;
/** Last-activity writes are throttled: one UPDATE per session per minute at most. */
const TOUCH_EVERY = '1 minute';

export interface PanelSessionData {
  adminUser?: Actor;
  /** Where the login came from; written to the row when the session is first saved. */
  loginMeta?: { ip: string | null; userAgent: string | null };
  redirectTo?: string;
}

declare module 'express-session' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface SessionData extends PanelSessionData {}
}

export const hashSessionId = (sid: string): string => createHash('sha256').update(sid).digest('hex');

type Callback<T = void> = (err?: unknown, value?: T) => void;

export class PgSessionStore extends session.Store {
  constructor(private readonly cookieOptions: session.CookieOptions) {
    super();
  }

  override get(sid: string, callback: Callback<session.SessionData | null>): void {
    this.loadSession(sid).then((data) => callback(null, data), callback);
  }

  private async loadSession(sid: string): Promise<session.SessionData | null> {
    const [row] = await sequelize.query<{ user_id: string; workspace_id: string; expires_at: string }>(
      `SELECT user_id, workspace_id, expires_at FROM sessions
        WHERE token = :token AND NOT is_revoked AND expires_at > now()`,
      { type: QueryTypes.SELECT, replacements: { token: hashSessionId(sid) } },
    );
    if (!row) return null;
    const actor = await loadActor(row.user_id, row.workspace_id);
    if (!actor) return null;
    const expires = new Date(row.expires_at);
    return {
      cookie: { ...this.cookieOptions, expires, originalMaxAge: SESSION_MAX_AGE_MS } as session.Cookie,
      adminUser: actor,
    } as session.SessionData;
  }

  override set(sid: string, data: session.SessionData, callback?: Callback): void {
    this.saveSession(sid, data).then(() => callback?.(), (err) => callback?.(err));
  }

  private async saveSession(sid: string, data: session.SessionData): Promise<void> {
    const actor = data.adminUser;
    if (!actor) return; // nothing to keep before login
    const meta = data.loginMeta;
    const agent = describeUserAgent(meta?.userAgent ?? null);
    await sequelize.query(
      `INSERT INTO sessions (workspace_id, user_id, token, ip_address, user_agent, device_type, browser, os, expires_at)
       VALUES (:workspaceId, :userId, :token, :ip, :userAgent, :deviceType, :browser, :os, now() + make_interval(secs => :maxAge))
       ON CONFLICT (token) DO UPDATE
         SET workspace_id = EXCLUDED.workspace_id, last_activity_at = now(), expires_at = EXCLUDED.expires_at
         WHERE NOT sessions.is_revoked`,
      {
        replacements: {
          workspaceId: actor.workspaceId,
          userId: actor.id,
          token: hashSessionId(sid),
          ip: normalizeIp(meta?.ip),
          userAgent: meta?.userAgent?.slice(0, 1000) ?? null,
          deviceType: agent.deviceType,
          browser: agent.browser,
          os: agent.os,
          maxAge: SESSION_MAX_AGE_MS / 1000,
        },
      },
    );
  }

  override touch(sid: string, _data: session.SessionData, callback?: Callback): void {
    sequelize
      .query(
        `UPDATE sessions SET last_activity_at = now(), expires_at = now() + make_interval(secs => :maxAge)
          WHERE token = :token AND NOT is_revoked AND last_activity_at < now() - interval '${TOUCH_EVERY}'`,
        { replacements: { token: hashSessionId(sid), maxAge: SESSION_MAX_AGE_MS / 1000 } },
      )
      .then(() => callback?.(), (err) => callback?.(err));
  }

  /** Logout: the row stays, revoked, as the session's history. */
  override destroy(sid: string, callback?: Callback): void {
    revokeSessions({ token: hashSessionId(sid) }, 'logout').then(() => callback?.(), (err) => callback?.(err));
  }
}
