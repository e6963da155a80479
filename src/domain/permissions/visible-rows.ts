/**
 * The rows of a table an actor may read (or act on), as an SQL condition for views and pages
 * that query several tables themselves (Company 360, Find a person, a contact's timeline, My
 * tasks): the same scope the panel's lists use (actorScope + scopeCondition, the one place where
 * scopes become SQL), always inside the workspace the actor works in, even for a root admin
 * whose `all` would otherwise reach every workspace: such a view is of one workspace.
 */
import { actorScope, type Actor } from './actor.js';
import { scopeCondition } from './scope-sql.js';

/** The condition over `alias` for `action` on `table`, or null when the role refuses it. */
export function visibleRows(actor: Actor, table: string, alias: string, action = 'list'): string | null {
  const scope = actorScope(actor, table, action);
  if (!scope) return null;
  return scopeCondition(actor, table, scope === 'all' ? 'workspace' : scope, alias) ?? 'TRUE';
}
