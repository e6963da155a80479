/**
 * Workspaces → "Work here" (root admins only): the session moves to that workspace. New rows
 * land there, `workspace` scopes mean it, and the session row remembers it, so the switch holds
 * until logout or the next switch. Everyone else works in their own workspace only.
 */
import { ForbiddenError, type Action, type ActionResponse } from 'adminjs';
import { loadActor, type Actor } from '../../domain/permissions/actor.js';
import { recordAudit } from '../data/audit.js';

interface SessionHolder {
  session?: { adminUser?: Actor; save(callback: (err?: unknown) => void): void };
}

export const switchWorkspaceAction: Partial<Action<ActionResponse>> = {
  actionType: 'record',
  icon: 'Repeat',
  component: false,
  guard: 'Work in this workspace? New records will be created here.',
  isAccessible: ({ currentAdmin, record }) =>
    !!(currentAdmin as Actor | undefined)?.isRoot && record?.id() !== (currentAdmin as Actor).workspaceId,
  handler: async (request, _response, context) => {
    const { record } = context;
    const actor = context.currentAdmin as Actor;
    if (!record) throw new Error('no workspace given');
    if (!actor?.isRoot) throw new ForbiddenError('Only a root admin switches workspaces');
    const session = (request as SessionHolder).session;
    const next = await loadActor(actor.id, String(record.id()));
    if (!session || !next) {
      return { record: record.toJSON(actor), notice: { message: 'This workspace cannot be opened', type: 'error' } };
    }
    session.adminUser = next;
    await new Promise<void>((resolve, reject) => session.save((err) => (err ? reject(err) : resolve())));
    await recordAudit({
      actor,
      action: 'update',
      table: 'workspaces',
      id: record.id(),
      before: { working_in: actor.workspaceId },
      after: { working_in: next.workspaceId },
      description: `Switched the panel session to workspace ${next.workspaceName}`,
    });
    return {
      record: record.toJSON(next),
      redirectUrl: '/admin',
      notice: { message: `You now work in ${next.workspaceName}`, type: 'success' },
    };
  },
};
