/**
 * What part of each metric table the dashboard may read for an actor: the same policy and the
 * same SQL conditions as the panel's lists (permissions/scope-sql.ts), then the dashboard's team
 * and owner filters, which can only narrow it. Also the teams and people the filters offer.
 */
import { QueryTypes, type Sequelize } from 'sequelize';
import type { Actor } from '../permissions/actor.js';
import { actorScope } from '../permissions/actor.js';
import { OWNERSHIP } from '../permissions/ownership.js';
import { widerScope, type Scope } from '../permissions/policy.js';
import { scopeCondition } from '../permissions/scope-sql.js';
import { DashboardFilterError, type DashboardFilters } from './dashboard-filters.js';

/** The rows a section may read (`where` over the alias given), or why it shows nothing. */
export type Reach = { ok: true; where: string } | { ok: false; reason: string };

/** The metric tables kept per person (those with an owner in OWNERSHIP). */
export const PERSONAL_METRIC_TABLES = [
  'activity_metrics', 'email_metrics', 'call_metrics', 'contact_metrics', 'document_metrics', 'revenue_metrics',
] as const;

/** Everyone who owns a row of a personal metric table in the workspace (small, indexed tables). */
const OWNERS_WITH_NUMBERS = PERSONAL_METRIC_TABLES.map((t) => {
  const column = /^\$t\.(\w+) \{owner\}$/.exec(OWNERSHIP[t] ?? '')?.[1];
  if (!column) throw new Error(`${t}: the dashboard expects a plain owner column in OWNERSHIP`);
  return `SELECT ${column} FROM ${t} WHERE workspace_id = :workspaceId`;
}).join(' UNION ');

const YOURS: Record<Scope, string> = { own: 'your own', team: "your team's", workspace: "the workspace's", all: 'every' };

/**
 * The WHERE for `table` under alias `alias`: always the actor's workspace (a root admin's `all`
 * would otherwise add up several workspaces and currencies), the policy's row scope for `list`,
 * then the owner and team filters. A table without owners (pipeline_metrics) cannot honour an
 * own/team scope or those filters: it says so instead of showing a workspace total or zeros.
 */
export function metricReach(actor: Actor, table: string, filters: DashboardFilters, label: string, alias = 'm'): Reach {
  const scope = actorScope(actor, table, 'list');
  if (!scope) return { ok: false, reason: `Your role may not read ${label}.` };
  const ownership = OWNERSHIP[table];
  if (!ownership && (scope === 'own' || scope === 'team')) {
    return { ok: false, reason: `The ${label} are kept for the whole workspace, not per person, and your role sees ${YOURS[scope]} numbers only.` };
  }
  if (!ownership && (filters.ownerId || filters.teamId)) {
    return { ok: false, reason: `The ${label} are kept for the whole workspace, not per person: clear the team and owner filters to see them.` };
  }
  const parts = [`${alias}.workspace_id = :workspaceId`];
  const condition = scopeCondition(actor, table, scope, alias);
  if (condition) parts.push(condition);
  const owned = (test: string) => ownership!.replaceAll('$t.', `${alias}.`).replaceAll('{owner}', test);
  if (filters.ownerId) parts.push(owned('= :ownerId'));
  if (filters.teamId) parts.push(owned('IN (SELECT tu.id FROM users tu WHERE tu.team_id = :teamId)'));
  return { ok: true, where: parts.join(' AND ') };
}

export interface FilterOptions {
  owners: { id: string; name: string }[];
  teams: { id: string; name: string }[];
  /** The widest row scope the actor has over the personal metric tables (what the filters can reach). */
  scope: Scope | null;
}

/** The people whose numbers the actor may see (the widest scope over the personal metric tables), and their teams. */
export async function filterOptions(db: Sequelize, actor: Actor): Promise<FilterOptions> {
  const scope = PERSONAL_METRIC_TABLES.reduce<Scope | null>((best, t) => widerScope(best, actorScope(actor, t, 'list')), null);
  if (!scope) return { owners: [], teams: [], scope };
  const visible = scopeCondition(actor, 'users', scope, 'u');
  const owners = await db.query<{ id: string; name: string; team_id: string | null }>(
    `SELECT u.id, btrim(u.first_name || ' ' || coalesce(u.last_name, '')) AS name, u.team_id
       FROM users u
      WHERE u.workspace_id = :workspaceId AND u.deleted_at IS NULL ${visible ? `AND ${visible}` : ''}
        -- people with numbers of their own (not every candidate login), and the actor
        AND (u.id = :actorId OR u.id IN (${OWNERS_WITH_NUMBERS}))
      ORDER BY name, u.id`,
    { type: QueryTypes.SELECT, replacements: { workspaceId: actor.workspaceId, actorId: actor.id } },
  );
  const teamIds = [...new Set(owners.map((o) => o.team_id).filter((t): t is string => !!t))];
  const teams = teamIds.length === 0 ? [] : await db.query<{ id: string; name: string }>(
    `SELECT t.id, t.name FROM teams t WHERE t.workspace_id = :workspaceId AND t.id IN (:teamIds) ORDER BY t.name, t.id`,
    { type: QueryTypes.SELECT, replacements: { workspaceId: actor.workspaceId, teamIds } },
  );
  return { owners: owners.map(({ id, name }) => ({ id, name })), teams, scope };
}

/** Refuses a team or owner the actor may not see (or that does not exist): a clear error, not empty charts. */
export function checkFilterReach(filters: DashboardFilters, options: FilterOptions): void {
  if (filters.ownerId && !options.owners.some((o) => o.id === filters.ownerId)) {
    throw new DashboardFilterError('ownerId: no such person among those whose numbers you may see');
  }
  if (filters.teamId && !options.teams.some((t) => t.id === filters.teamId)) {
    throw new DashboardFilterError('teamId: no such team among those whose numbers you may see');
  }
}
