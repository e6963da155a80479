/**
 * Ending panel sessions (`sessions`, S2): the store refuses a revoked session on its next
 * request, so revoking is how logout, an admin's "Revoke" and a password reset sign people out.
 */
import type { Transaction } from 'sequelize';
import { sequelize } from '../../db.js';

/** Revokes sessions by row id, token or user; their holders are out on their next request. */
export async function revokeSessions(
  where: { id?: string; token?: string; userId?: string },
  reason: string,
  transaction?: Transaction,
): Promise<number> {
  const [column, value] = where.id ? ['id', where.id] : where.token ? ['token', where.token] : ['user_id', where.userId];
  if (!value) throw new Error('revokeSessions needs an id, a token or a user id');
  const [, result] = (await sequelize.query(
    `UPDATE sessions SET is_revoked = true, revoked_at = now(), revoked_reason = :reason
      WHERE ${column} = :value AND NOT is_revoked`,
    { replacements: { value, reason }, transaction },
  )) as unknown as [unknown, { rowCount: number }];
  return result.rowCount ?? 0;
}
