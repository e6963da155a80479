/**
 * Who may use which action of which resource, for the panel's buttons (isAccessible) and, in
 * front of AdminJS's API, for every request (apiGuard): a refused call answers 403 and is
 * written to `security_logs`. Row scopes are applied by ScopedResource; this decides only
 * whether the action is open to the actor at all.
 */
import type { RequestHandler } from 'express';
import type { ActionContext, CurrentAdmin } from 'adminjs';
import { logSecurityEvent } from '../domain/auth/security-log.js';
import type { Actor } from '../domain/permissions/actor.js';
import { actorScope } from '../domain/permissions/actor.js';
import { currentRequestMeta } from './request-context.js';
import { allResourceSpecs } from './resources/index.js';

/** Actions that change data: refused on read-only resources whatever the policy says. */
export const WRITE_ACTIONS = new Set(['new', 'edit', 'delete', 'bulkDelete', 'bulkEdit', 'import']);

/** Read-only as the resource specs declare it (metric tables, logs, sessions …). */
const readOnlyTables = new Set(
  allResourceSpecs.filter((spec) => spec.readOnly).map((spec) => spec.model.getTableName() as string),
);

export function isActor(admin: CurrentAdmin | undefined): admin is CurrentAdmin & Actor {
  return !!admin && Array.isArray((admin as Partial<Actor>).policies);
}

/**
 * An admin of the workspace the session works in, or a root admin: the one test for tools that
 * are not a table's action (the queue monitor). By role name, not policy: an edited policy must
 * not turn a sales rep into someone who can retry or delete every workspace's jobs.
 */
export function isAdmin(admin: CurrentAdmin | undefined): boolean {
  return isActor(admin) && (admin.isRoot || admin.roleNames.includes('admin'));
}

export function mayUse(admin: CurrentAdmin | undefined, table: string, action: string): boolean {
  if (!isActor(admin)) return false;
  if (readOnlyTables.has(table) && WRITE_ACTIONS.has(action)) return false;
  return actorScope(admin, table, action) !== null;
}

/** The isAccessible of an action: synchronous, as AdminJS requires (a Promise counts as true). */
export const accessibleFor = (action: string) => (context: ActionContext): boolean =>
  mayUse(context.currentAdmin, context.resource.id(), action);

const API_ACTION = /^\/api\/resources\/([^/]+)\/(?:actions\/([^/]+)|records\/[^/]+\/([^/]+)|bulk\/([^/]+)|(search))(?:\/|$)/;

/** Refuses API calls the policy does not allow, before AdminJS runs anything. */
export const apiGuard: RequestHandler = (req, res, next) => {
  const match = API_ACTION.exec(req.path);
  const admin = req.session?.adminUser;
  if (!match || !admin) return next();
  const table = decodeURIComponent(match[1]);
  const action = decodeURIComponent(match[2] ?? match[3] ?? match[4] ?? match[5]);
  if (mayUse(admin, table, action)) return next();
  const meta = currentRequestMeta();
  // Logged before answering, so the refusal is on record by the time the caller sees it.
  logSecurityEvent({
    type: 'permission_denied',
    workspaceId: admin.workspaceId,
    userId: admin.id,
    userEmail: admin.email,
    description: `Refused ${action} on ${table}`,
    details: { resource: table, action, method: req.method, path: req.originalUrl.slice(0, 500) },
    meta: { ip: meta?.ip, userAgent: meta?.userAgent },
  })
    .catch((err) => console.error('security log failed', err))
    .finally(() => {
      res.status(403).json({ notice: { message: `You may not ${action} ${table.replace(/_/g, ' ')}`, type: 'error' } });
    });
};
