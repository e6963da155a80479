/**
 * assign_owner: a fixed user, or the next user of a round-robin list. The round-robin cursor is
 * the action's `next` in workflows.actions, advanced by one UPDATE … RETURNING: the row lock
 * makes concurrent runs take consecutive positions, so n runs over k users split evenly.
 */
import { sequelize } from '../../../db.js';
import type { ActionParams } from '../schema.js';
import { ActionError, one, recordOf, workspaceUser, type RunContext } from './context.js';

async function nextInRotation(ctx: RunContext): Promise<string> {
  const row = await one<{ position: number; users: string[] | null }>(
    `UPDATE workflows
        SET actions = jsonb_set(actions, ARRAY[CAST(:index AS text), 'next'],
                                to_jsonb(COALESCE(CAST(actions -> :index ->> 'next' AS int), 0) + 1))
      WHERE id = :workflowId AND actions -> :index ->> 'type' = 'assign_owner'
      RETURNING CAST(actions -> :index ->> 'next' AS int) - 1 AS position, actions -> :index -> 'round_robin' AS users`,
    { index: ctx.actionIndex, workflowId: ctx.workflow.id }, ctx.transaction,
  );
  const users = row?.users;
  if (!Array.isArray(users) || users.length === 0) throw new ActionError('assign_owner: the workflow no longer has this round-robin list');
  return users[row!.position % users.length]!;
}

export async function assignOwner(ctx: RunContext, p: ActionParams<'assign_owner'>) {
  const { table, record, id } = recordOf(ctx);
  const chosen = p.round_robin ? await nextInRotation(ctx) : p.user_id!;
  const ownerId = await workspaceUser(ctx, chosen, 'assign_owner');
  await sequelize.query(
    `UPDATE ${sequelize.getQueryInterface().quoteIdentifier(table)} SET owner_id = :ownerId WHERE id = :id AND workspace_id = :workspaceId`,
    { replacements: { ownerId, id, workspaceId: ctx.workspaceId }, transaction: ctx.transaction },
  );
  return { from: record.owner_id ?? null, to: ownerId, ...(p.round_robin && { round_robin: true }) };
}
