/**
 * "Forgot your password": a random token mailed to the user (by the worker), stored only as its
 * SHA-256 in `password_reset_tokens`, valid for an hour and once. Using it sets the new
 * password, lifts a lock-out and signs the user out everywhere. Every request and reset is a
 * `security_logs` row; the requester is never told whether the address has an account.
 */
import { createHash, randomBytes } from 'node:crypto';
import { QueryTypes } from 'sequelize';
import { sequelize, withTransaction } from '../../db.js';
import { hashPassword, passwordProblem } from './passwords.js';
import { logSecurityEvent, type RequestMeta } from './security-log.js';
import { revokeSessions } from './sessions.js';

export const RESET_TOKEN_TTL_MINUTES = 60;
/** Unused, unexpired tokens a user may hold at once: more requests send nothing. */
export const MAX_OPEN_RESET_TOKENS = 3;

export const hashResetToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/**
 * A token still works: not used, not expired, its user still active. SQL over
 * `password_reset_tokens t JOIN users u ON u.id = t.user_id`; the link page, the reset and the
 * mail job all ask this.
 */
export const TOKEN_IS_OPEN = `NOT t.used AND t.expires_at > now() AND u.is_active AND u.deleted_at IS NULL`;

/** A token as mailed: 32 random bytes, base64url (43 characters). */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

interface ResetUser {
  id: string;
  workspace_id: string;
  email: string;
}

/** A token to mail (the caller queues the e-mail); only its hash is in the database. */
export interface IssuedResetToken {
  tokenId: string;
  token: string;
}

/**
 * Issues a token for an active user, or null (unknown address, inactive user, too many open
 * links). The page must say the same thing either way, so nobody learns who has an account.
 */
export async function requestPasswordReset(emailInput: unknown, meta: RequestMeta): Promise<IssuedResetToken | null> {
  const email = typeof emailInput === 'string' ? emailInput.trim().toLowerCase().slice(0, 320) : '';
  if (!email) return null;
  const [user] = await sequelize.query<ResetUser>(
    `SELECT id, workspace_id, email FROM users WHERE email = :email AND is_active AND deleted_at IS NULL`,
    { type: QueryTypes.SELECT, replacements: { email } },
  );
  if (!user) {
    await logSecurityEvent({ type: 'password_reset', userEmail: email, description: 'Password reset asked for an unknown or inactive e-mail', meta });
    return null;
  }
  const base = { workspaceId: user.workspace_id, userId: user.id, userEmail: user.email, meta };
  const token = randomBytes(32).toString('base64url');
  // Under the user's row lock, so two racing requests cannot both slip under the limit.
  const inserted = await withTransaction(async (transaction) => {
    await sequelize.query(`SELECT 1 FROM users WHERE id = :id FOR UPDATE`, { replacements: { id: user.id }, transaction });
    return sequelize.query<{ id: string }>(
      `INSERT INTO password_reset_tokens (workspace_id, user_id, token, expires_at)
       SELECT :workspaceId, :userId, :hash, now() + make_interval(mins => :ttl)
        WHERE (SELECT count(*) FROM password_reset_tokens
                WHERE user_id = :userId AND NOT used AND expires_at > now()) < :max
       RETURNING id`,
      {
        type: QueryTypes.SELECT,
        transaction,
        replacements: {
          workspaceId: user.workspace_id, userId: user.id, hash: hashResetToken(token),
          ttl: RESET_TOKEN_TTL_MINUTES, max: MAX_OPEN_RESET_TOKENS,
        },
      },
    );
  });
  if (inserted.length === 0) {
    await logSecurityEvent({ ...base, type: 'suspicious_activity', description: `Password reset refused: ${MAX_OPEN_RESET_TOKENS} links are already open` });
    return null;
  }
  const tokenId = inserted[0]!.id;
  await logSecurityEvent({ ...base, type: 'password_reset', description: 'Password reset link requested', details: { token_id: tokenId } });
  return { tokenId, token };
}

/** Whether a token from a link can still be used (for the form page; the reset checks again). */
export async function isResetTokenOpen(token: unknown): Promise<boolean> {
  if (typeof token !== 'string' || !TOKEN_PATTERN.test(token)) return false;
  const rows = await sequelize.query(
    `SELECT 1 FROM password_reset_tokens t JOIN users u ON u.id = t.user_id WHERE t.token = :hash AND ${TOKEN_IS_OPEN}`,
    { type: QueryTypes.SELECT, replacements: { hash: hashResetToken(token) } },
  );
  return rows.length > 0;
}

export class PasswordResetError extends Error {
  constructor(readonly field: 'token' | 'password' | 'confirmation', message: string) {
    super(message);
    this.name = 'PasswordResetError';
  }
}

/**
 * Sets a new password with a token: the token is claimed (used = true) in the same transaction,
 * so it works once even when the form is posted twice at the same moment.
 */
export async function resetPassword(
  input: { token: unknown; password: unknown; confirmation: unknown },
  meta: RequestMeta,
): Promise<void> {
  const password = typeof input.password === 'string' ? input.password : '';
  const problem = passwordProblem(password);
  if (problem) throw new PasswordResetError('password', problem);
  if (input.confirmation !== password) throw new PasswordResetError('confirmation', 'The two passwords differ.');
  if (typeof input.token !== 'string' || !TOKEN_PATTERN.test(input.token)) {
    throw new PasswordResetError('token', 'This reset link is not valid.');
  }
  const passwordHash = await hashPassword(password);
  const user = await withTransaction(async (transaction) => {
    const [claimed] = await sequelize.query<{ user_id: string }>(
      `UPDATE password_reset_tokens t SET used = true
         FROM users u
        WHERE t.token = :hash AND u.id = t.user_id AND ${TOKEN_IS_OPEN}
       RETURNING t.user_id`,
      { type: QueryTypes.SELECT, transaction, replacements: { hash: hashResetToken(input.token as string) } },
    );
    if (!claimed) throw new PasswordResetError('token', 'This reset link has expired or was already used. Ask for a new one.');
    const [row] = await sequelize.query<ResetUser>(
      `UPDATE users SET password_hash = :passwordHash, failed_login_count = 0, locked_until = NULL
        WHERE id = :id RETURNING id, workspace_id, email`,
      { type: QueryTypes.SELECT, transaction, replacements: { id: claimed.user_id, passwordHash } },
    );
    // The other links of this user die with the one used.
    await sequelize.query(`UPDATE password_reset_tokens SET used = true WHERE user_id = :id AND NOT used`, {
      replacements: { id: claimed.user_id }, transaction,
    });
    await revokeSessions({ userId: claimed.user_id }, 'password reset', transaction);
    return row!;
  });
  await logSecurityEvent({
    type: 'password_changed', workspaceId: user.workspace_id, userId: user.id, userEmail: user.email, meta,
    description: 'Password set with a reset link', actionTaken: 'all sessions revoked, lock-out cleared',
  });
}
