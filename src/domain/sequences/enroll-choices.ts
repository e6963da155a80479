/**
 * What a user may enroll contacts with: the sequences and mailboxes of the workspace they work
 * in that their role lets them see (a sales rep: every sequence, their own mailboxes) and that
 * can take enrollments now. The panel offers these and accepts nothing else.
 */
import { QueryTypes } from 'sequelize';
import { sequelize } from '../../db.js';
import { actorScope, type Actor } from '../permissions/actor.js';
import { scopeCondition } from '../permissions/scope-sql.js';
import { isUuid } from '../uuid.js';
import { ENROLLABLE_SEQUENCE_STATUSES } from './rules.js';

export interface SequenceChoice { id: string; name: string; status: string; steps_count: number }
export interface MailboxChoice { id: string; email: string; display_name: string | null; user_id: string }
export interface EnrollmentChoices { sequences: SequenceChoice[]; mailboxes: MailboxChoice[] }

/** A pick list, not a report: more than this many would not be read anyway. */
const MAX_CHOICES = 500;

/**
 * The rows of `table` the actor may list, as an SQL condition; 'FALSE' when they may not list
 * any. Always limited to the workspace worked in, even for a root admin's `all` scope, as the
 * enrollments land there.
 */
function visibleTo(actor: Actor, table: string): string {
  const scope = actorScope(actor, table, 'list');
  if (!scope) return 'FALSE';
  return scopeCondition(actor, table, scope === 'all' ? 'workspace' : scope) ?? 'TRUE';
}

/**
 * The pick lists; with `chosen`, only those rows (each list empty when its id is not one the
 * actor may use), to check a submitted choice without depending on the lists' length.
 */
export async function enrollmentChoices(
  actor: Actor,
  chosen?: { sequenceId: string; emailAccountId: string },
): Promise<EnrollmentChoices> {
  const only = (key: 'sequenceId' | 'emailAccountId') => (chosen ? (isUuid(chosen[key]) ? `AND id = :${key}` : 'AND FALSE') : '');
  const replacements = { statuses: ENROLLABLE_SEQUENCE_STATUSES, ...chosen };
  const [sequences, mailboxes] = await Promise.all([
    sequelize.query<SequenceChoice>(
      `SELECT id, name, status, steps_count FROM sequences
        WHERE ${visibleTo(actor, 'sequences')}
          AND status IN (:statuses) AND steps_count > 0 ${only('sequenceId')}
        ORDER BY name, id LIMIT ${MAX_CHOICES}`,
      { type: QueryTypes.SELECT, replacements },
    ),
    sequelize.query<MailboxChoice>(
      `SELECT id, email, display_name, user_id FROM email_accounts
        WHERE ${visibleTo(actor, 'email_accounts')} AND is_active ${only('emailAccountId')}
        ORDER BY email, id LIMIT ${MAX_CHOICES}`,
      { type: QueryTypes.SELECT, replacements },
    ),
  ]);
  return { sequences, mailboxes };
}
