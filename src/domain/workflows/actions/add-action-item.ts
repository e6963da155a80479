/** add_action_item: an item on a user's action queue (the record's owner or a fixed user). */
import type { ActionParams } from '../schema.js';
import { one, workspaceUser, type RunContext } from './context.js';

export async function addActionItem(ctx: RunContext, p: ActionParams<'add_action_item'>) {
  const userId = await workspaceUser(ctx, p.user, 'add_action_item');
  const row = await one<{ id: string }>(
    `INSERT INTO action_queue (workspace_id, user_id, type, title, description, priority)
     VALUES (:workspaceId, :userId, :type, :title, :description, :priority) RETURNING id`,
    {
      workspaceId: ctx.workspaceId, userId, type: p.item_type, title: p.title, description: p.description ?? null,
      priority: p.priority,
    },
    ctx.transaction,
  );
  return { action_item_id: row!.id, user_id: userId };
}
