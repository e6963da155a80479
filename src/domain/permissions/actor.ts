/**
 * The person making a request, as the panel sees them: who they are, the workspace they work
 * in, and the policies of the roles they hold there. Loaded fresh on every request (by the
 * session store), so a role edit, a deactivation or a revoked session takes effect at once.
 */
import { QueryTypes } from 'sequelize';
import { sequelize } from '../../db.js';
import { grantsPanelAccess, parsePolicy, widestScopeFor, type Policy, type Scope } from './policy.js';

export interface Actor {
  id: string;
  email: string;
  /** What the panel shows in its top bar. */
  title: string;
  /** The workspace this session works in: new rows land here, `workspace` scopes mean it. */
  workspaceId: string;
  workspaceName: string;
  homeWorkspaceId: string;
  teamId: string | null;
  roleNames: string[];
  policies: Policy[];
  /** root_admin anywhere: the only holder of the `all` scope, may switch to any workspace. */
  isRoot: boolean;
}

interface ActorRow {
  id: string;
  email: string;
  first_name: string;
  last_name: string | null;
  home_workspace_id: string;
  team_id: string | null;
  workspace_id: string;
  workspace_name: string;
  role_names: string[];
  permissions: unknown[];
  is_root: boolean;
}

/**
 * Loads an active, not deleted user working in `workspaceId` (their home workspace when
 * omitted). Null when the user cannot use the panel there: inactive, deleted, or no role in
 * that workspace grants anything (a root admin may work in any workspace).
 */
export async function loadActor(userId: string, workspaceId?: string | null): Promise<Actor | null> {
  const [row] = await sequelize.query<ActorRow>(
    `SELECT u.id, u.email, u.first_name, u.last_name, u.workspace_id AS home_workspace_id, u.team_id,
            w.id AS workspace_id, w.name AS workspace_name,
            COALESCE(array_agg(r.name) FILTER (WHERE r.id IS NOT NULL), '{}') AS role_names,
            COALESCE(json_agg(r.permissions) FILTER (WHERE r.id IS NOT NULL), '[]') AS permissions,
            EXISTS (SELECT 1 FROM user_roles ur2 JOIN roles r2 ON r2.id = ur2.role_id
                     WHERE ur2.user_id = u.id AND r2.name = 'root_admin') AS is_root
       FROM users u
       JOIN workspaces w ON w.id = COALESCE(:workspaceId, u.workspace_id)
       LEFT JOIN user_roles ur ON ur.user_id = u.id AND ur.workspace_id = w.id
       LEFT JOIN roles r ON r.id = ur.role_id
      WHERE u.id = :userId AND u.is_active AND u.deleted_at IS NULL
      GROUP BY u.id, w.id`,
    { type: QueryTypes.SELECT, replacements: { userId, workspaceId: workspaceId ?? null } },
  );
  if (!row) return null;
  const policies = row.permissions.map(parsePolicy);
  if (row.is_root) policies.push(parsePolicy({ resources: { '*': { '*': 'all' } } }));
  if (!policies.some(grantsPanelAccess)) return null;
  return {
    id: row.id,
    email: row.email,
    title: [row.first_name, row.last_name].filter(Boolean).join(' '),
    workspaceId: row.workspace_id,
    workspaceName: row.workspace_name,
    homeWorkspaceId: row.home_workspace_id,
    teamId: row.team_id,
    roleNames: row.role_names,
    policies,
    isRoot: row.is_root,
  };
}

/**
 * The scope the actor has for an action on a table, or null when refused. `all` is honoured
 * only for root admins: an admin who writes `all` into a role cannot reach other workspaces.
 */
export function actorScope(actor: Actor, table: string, action: string): Scope | null {
  const scope = widestScopeFor(actor.policies, table, action);
  return scope === 'all' && !actor.isRoot ? 'workspace' : scope;
}
