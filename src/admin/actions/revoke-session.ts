/** Sessions → "Revoke": the holder is logged out on their next request. */
import type { Action, ActionResponse } from 'adminjs';
import { revokeSessions } from '../../domain/auth/sessions.js';
import { recordAudit } from '../data/audit.js';
import type { Actor } from '../../domain/permissions/actor.js';

export const revokeSessionAction: Partial<Action<ActionResponse>> = {
  actionType: 'record',
  icon: 'LogOut',
  component: false,
  guard: 'Revoke this session? Its user will have to log in again.',
  handler: async (_request, _response, context) => {
    const { record, currentAdmin } = context;
    if (!record) throw new Error('no session given');
    const revoked = await revokeSessions({ id: String(record.id()) }, `revoked by ${currentAdmin?.email}`);
    await recordAudit({
      actor: currentAdmin as Actor,
      action: 'update',
      table: 'sessions',
      id: record.id(),
      before: { is_revoked: false },
      after: { is_revoked: true },
      description: 'Revoked a session',
    });
    const fresh = await context.resource.findOne(String(record.id()), context);
    return {
      record: (fresh ?? record).toJSON(currentAdmin),
      notice: { message: revoked ? 'Session revoked' : 'This session was already revoked', type: revoked ? 'success' : 'info' },
    };
  },
};
