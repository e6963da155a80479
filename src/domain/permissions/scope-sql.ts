/**
 * Turns a scope into the SQL condition rows must meet: the one place where `workspace`,
 * `team` and `own` become WHERE clauses. Lists, counts, searches, single-row reads, bulk actions
 * and exports all go through it, so what a user cannot see they cannot reach by any path.
 */
import type { Actor } from './actor.js';
import { OWNERSHIP, WORKSPACE_COLUMN } from './ownership.js';
import type { Scope } from './policy.js';
import { isUuid } from '../uuid.js';


/** A UUID as an SQL literal; ids come from the session, but never trust a string into SQL. */
function uuidLiteral(id: string): string {
  if (!isUuid(id)) throw new Error(`not a UUID: ${JSON.stringify(id)}`);
  return `'${id.toLowerCase()}'::uuid`;
}

export function workspaceColumn(table: string): string | null {
  return table in WORKSPACE_COLUMN ? WORKSPACE_COLUMN[table] : 'workspace_id';
}

/** Members of the teams the actor leads or belongs to, the actor included. */
function teamMembers(actor: Actor): string {
  const me = uuidLiteral(actor.id);
  return `(SELECT tm.id FROM users tm WHERE tm.id = ${me} OR tm.team_id IN (
            SELECT t.id FROM teams t WHERE t.team_lead_id = ${me}
            UNION SELECT u.team_id FROM users u WHERE u.id = ${me} AND u.team_id IS NOT NULL))`;
}

/**
 * The condition for `scope` on `table`, with columns qualified by `alias` (Sequelize queries a
 * model under its table name). `null` means no restriction (root admin's `all`); a refused
 * action is the caller's business (no scope means no access, not an empty condition).
 */
export function scopeCondition(actor: Actor, table: string, scope: Scope, alias = table): string | null {
  if (scope === 'all') return null;
  const qualify = (sql: string) => sql.replaceAll('$t.', `"${alias}".`);
  const wsColumn = workspaceColumn(table);
  const inWorkspace = wsColumn ? `"${alias}"."${wsColumn}" = ${uuidLiteral(actor.workspaceId)}` : null;
  if (scope === 'workspace') return inWorkspace;
  const ownership = OWNERSHIP[table];
  if (!ownership) return 'FALSE';
  const owner = scope === 'own' ? `= ${uuidLiteral(actor.id)}` : `IN ${teamMembers(actor)}`;
  const owned = qualify(ownership.replaceAll('{owner}', owner));
  return inWorkspace ? `(${inWorkspace} AND ${owned})` : owned;
}
