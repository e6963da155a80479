/**
 * The rows of a table an actor may read, as an SQL condition for the cross-system views: the
 * same scope the panel's lists use (actorScope + scopeCondition, the one place where scopes
 * become SQL), always inside the workspace the actor works in, even for a root admin whose
 * `all` would otherwise reach every workspace: a view is of one workspace's company or person.
 */
import { actorScope, type Actor } from '../permissions/actor.js';
import { scopeCondition } from '../permissions/scope-sql.js';

/** The condition over `alias` for `action` on `table`, or null when the role refuses it. */
export function visibleRows(actor: Actor, table: string, alias: string, action = 'list'): string | null {
  const scope = actorScope(actor, table, action);
  if (!scope) return null;
  return scopeCondition(actor, table, scope === 'all' ? 'workspace' : scope, alias) ?? 'TRUE';
}
