/**
 * Pages → "Find a person": one person across the systems (src/domain/views/person-search.ts) by
 * e-mail or name (`?q=`), with likely duplicates flagged, and a POST that merges a flagged pair
 * of the same kind (src/domain/views/merge-records.ts).
 *
 * A page is not a resource action, so the API guard does not cover it: this handler checks the
 * actor itself. A search reads each kind under the actor's `list` scope; a merge needs `edit` and
 * `delete` on the records' table (the domain checks both records against those scopes too). A
 * refusal is logged like the guard's and answered with an error notice, nothing written.
 */
import type { ActionRequest, AdminJSOptions } from 'adminjs';
import { logSecurityEvent } from '../../domain/auth/security-log.js';
import type { Actor } from '../../domain/permissions/actor.js';
import { MERGE_TABLES, mergeRecords, MergeError } from '../../domain/views/merge-records.js';
import { PersonSearchError, searchPeople } from '../../domain/views/person-search.js';
import { isActor, mayUse } from '../access.js';
import { component } from '../components/loader.js';
import { currentRequestMeta } from '../request-context.js';

type Page = NonNullable<AdminJSOptions['pages']>[string];

const error = (message: string) => ({ notice: { message, type: 'error' as const } });

/** The merge kinds the actor's role allows (the page shows Merge buttons only for them). */
function mergeableKinds(actor: Actor): string[] {
  return Object.entries(MERGE_TABLES)
    .filter(([, table]) => mayUse(actor, table, 'edit') && mayUse(actor, table, 'delete'))
    .map(([kind]) => kind);
}

async function refused(actor: Actor, details: Record<string, unknown>): Promise<void> {
  const meta = currentRequestMeta();
  await logSecurityEvent({
    type: 'permission_denied', workspaceId: actor.workspaceId, userId: actor.id, userEmail: actor.email,
    description: 'Refused merge on the person finder', details: { page: 'findPerson', action: 'merge', ...details },
    meta: { ip: meta?.ip, userAgent: meta?.userAgent },
  }).catch((err) => console.error('security log failed', err));
}

async function merge(actor: Actor, payload: Record<string, unknown>) {
  const kind = String(payload.kind ?? '');
  const input = {
    winner: { kind: String(payload.winnerKind ?? kind), id: String(payload.winnerId ?? '') },
    loser: { kind: String(payload.loserKind ?? kind), id: String(payload.loserId ?? '') },
  };
  const table = MERGE_TABLES[input.winner.kind as keyof typeof MERGE_TABLES];
  if (table && !(mayUse(actor, table, 'edit') && mayUse(actor, table, 'delete'))) {
    await refused(actor, { table, winnerId: input.winner.id, loserId: input.loser.id });
    return error(`You may not merge ${table}: it needs the right to edit and to delete them`);
  }
  try {
    const meta = currentRequestMeta();
    const result = await mergeRecords(actor, input, meta ?? {});
    return { notice: { message: result.summary, type: 'success' as const }, merge: result };
  } catch (err) {
    if (err instanceof MergeError) return error(err.message);
    throw err;
  }
}

export const personFinderPage: Page = {
  icon: 'User',
  component: component('PersonFinder', 'person-finder.jsx'),
  handler: async (request: ActionRequest, _response: unknown, context: { currentAdmin?: unknown }) => {
    if (!isActor(context.currentAdmin as never)) return error('Log in first');
    const actor = context.currentAdmin as Actor;
    const canMerge = mergeableKinds(actor);
    if (request.method === 'post') {
      return { canMerge, ...(await merge(actor, (request.payload ?? {}) as Record<string, unknown>)) };
    }
    const q = typeof request.query?.q === 'string' ? request.query.q : '';
    if (!q.trim()) return { canMerge, result: null };
    try {
      return { canMerge, result: await searchPeople(actor, q) };
    } catch (err) {
      if (err instanceof PersonSearchError) return { canMerge, result: null, ...error(err.message) };
      throw err;
    }
  },
};
