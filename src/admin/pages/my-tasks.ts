/**
 * "My tasks" (everyone): the logged-in user's open tasks by overdue / today / upcoming, with
 * Complete. GET lists; POST {taskId} completes one (the tasks `edit` policy and its row scope
 * decide, the change is audited in the same transaction) and answers with the fresh lists.
 */
import type { AdminPage } from 'adminjs';
import { actorScope, type Actor } from '../../domain/permissions/actor.js';
import { visibleRows } from '../../domain/permissions/visible-rows.js';
import { RuleError } from '../../domain/rule-error.js';
import { completeTask, myTasks } from '../../domain/tasks/my-tasks.js';
import { isActor } from '../access.js';
import { component } from '../components/loader.js';
import { recordAudit } from '../data/audit.js';
import { withActorTransaction } from '../data/actor-transaction.js';

async function complete(actor: Actor, taskId: string): Promise<{ notice: { message: string; type: 'success' | 'error' } }> {
  const editCondition = visibleRows(actor, 'tasks', 't', 'edit');
  if (!editCondition) return { notice: { message: 'Your role may not edit tasks', type: 'error' } };
  try {
    await withActorTransaction(actor, async (transaction) => {
      const { before, after } = await completeTask({ workspaceId: actor.workspaceId, taskId, editCondition }, transaction);
      await recordAudit({
        actor, action: 'update', table: 'tasks', id: taskId,
        before: { workspace_id: actor.workspaceId, ...before }, after: { workspace_id: actor.workspaceId, ...after },
        description: `Completed task ${taskId}`, transaction,
      });
    });
    return { notice: { message: 'Task completed', type: 'success' } };
  } catch (error) {
    if (error instanceof RuleError) return { notice: { message: error.message, type: 'error' } };
    throw error;
  }
}

export const myTasksPage: AdminPage = {
  icon: 'CheckSquare',
  component: component('MyTasks', 'my-tasks.jsx'),
  handler: async (request, _response, context) => {
    const actor = context.currentAdmin;
    if (!isActor(actor) || !actorScope(actor, 'tasks', 'list')) return { error: 'Your role has no tasks.' };
    const taskId = request.method === 'post' ? String(request.payload?.taskId ?? '') : null;
    const result = taskId !== null ? await complete(actor, taskId) : {};
    return {
      ...result,
      tasks: await myTasks(actor.workspaceId, actor.id),
      mayComplete: actorScope(actor, 'tasks', 'edit') !== null,
    };
  },
};
