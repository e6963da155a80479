/**
 * Panel login against `users`: bcrypt, inactive or deleted users refused, 5 failures lock the
 * account for 15 minutes, every outcome written to `security_logs`.
 */
import bcrypt from 'bcryptjs';
import { QueryTypes } from 'sequelize';
import { sequelize } from '../../db.js';
import { loadActor, type Actor } from '../permissions/actor.js';
import { logSecurityEvent, type RequestMeta } from './security-log.js';

export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;

/** Why a login failed; the login page shows one message for all of them but the lock. */
export type LoginFailure = 'invalidCredentials' | 'accountLocked' | 'noPanelAccess';
export type LoginResult = { ok: true; actor: Actor } | { ok: false; reason: LoginFailure; lockedUntil?: Date };

interface UserRow {
  id: string;
  workspace_id: string;
  email: string;
  password_hash: string;
  is_active: boolean;
  deleted_at: string | null;
  failed_login_count: number;
  locked_until: string | null;
}

// A hash to compare against when the e-mail is unknown, so both paths take as long.
const DUMMY_HASH = bcrypt.hashSync('not-a-real-password', 10);

export async function login(emailInput: unknown, passwordInput: unknown, meta: RequestMeta): Promise<LoginResult> {
  const email = typeof emailInput === 'string' ? emailInput.trim().toLowerCase() : '';
  const password = typeof passwordInput === 'string' ? passwordInput : '';
  const [user] = await sequelize.query<UserRow>(
    `SELECT id, workspace_id, email, password_hash, is_active, deleted_at, failed_login_count, locked_until
       FROM users WHERE email = :email`,
    { type: QueryTypes.SELECT, replacements: { email } },
  );
  if (!user) {
    await bcrypt.compare(password, DUMMY_HASH);
    await logSecurityEvent({ type: 'login_failed', userEmail: email.slice(0, 320) || null, description: 'Login with an unknown e-mail', meta });
    return { ok: false, reason: 'invalidCredentials' };
  }
  const base = { workspaceId: user.workspace_id, userId: user.id, userEmail: user.email, meta };
  if (user.locked_until && new Date(user.locked_until) > new Date()) {
    await logSecurityEvent({ ...base, type: 'login_failed', description: 'Login while the account is locked' });
    return { ok: false, reason: 'accountLocked', lockedUntil: new Date(user.locked_until) };
  }
  const passwordOk = password.length > 0 && (await bcrypt.compare(password, user.password_hash));
  if (!passwordOk) return recordFailure(user, base);
  if (!user.is_active || user.deleted_at) {
    await logSecurityEvent({ ...base, type: 'login_failed', description: 'Login to an inactive or deleted account' });
    return { ok: false, reason: 'invalidCredentials' };
  }
  const actor = await loadActor(user.id);
  if (!actor) {
    await logSecurityEvent({ ...base, type: 'permission_denied', description: 'No role of this user grants panel access' });
    return { ok: false, reason: 'noPanelAccess' };
  }
  await sequelize.query(
    `UPDATE users SET failed_login_count = 0, locked_until = NULL, last_login_at = now(), last_active_at = now()
      WHERE id = :id`,
    { replacements: { id: user.id } },
  );
  await logSecurityEvent({ ...base, type: 'login_success', description: 'Logged in to the panel' });
  return { ok: true, actor };
}

/** SET expressions see the row as it was, and a concurrent update re-reads it: atomic. */
const NEXT_COUNT = `(CASE WHEN locked_until <= now() THEN 1 ELSE failed_login_count + 1 END)`;

type LogBase = Omit<Parameters<typeof logSecurityEvent>[0], 'type' | 'description'>;

async function recordFailure(user: UserRow, base: LogBase): Promise<LoginResult> {
  // One statement, so concurrent failures cannot both read 4 and write 5. After a lock has
  // expired the count starts again at 1: the user gets five new tries, and while locked the
  // row shows the 5 that locked it.
  const [[updated]] = (await sequelize.query(
    `UPDATE users
        SET failed_login_count = ${NEXT_COUNT},
            locked_until = CASE WHEN ${NEXT_COUNT} >= :max THEN now() + make_interval(mins => :minutes)
                                WHEN locked_until <= now() THEN NULL ELSE locked_until END
      WHERE id = :id
      RETURNING failed_login_count, locked_until`,
    { replacements: { id: user.id, max: MAX_FAILED_LOGINS, minutes: LOCK_MINUTES } },
  )) as unknown as [[{ failed_login_count: number; locked_until: string | null }]];
  await logSecurityEvent({ ...base, type: 'login_failed', description: 'Wrong password', details: { failed_login_count: updated.failed_login_count } });
  if (updated.failed_login_count >= MAX_FAILED_LOGINS) {
    await logSecurityEvent({
      ...base,
      type: 'account_locked',
      description: `Locked for ${LOCK_MINUTES} minutes after ${MAX_FAILED_LOGINS} failed logins`,
      actionTaken: `locked until ${updated.locked_until}`,
    });
    return { ok: false, reason: 'accountLocked', lockedUntil: updated.locked_until ? new Date(updated.locked_until) : undefined };
  }
  return { ok: false, reason: 'invalidCredentials' };
}
