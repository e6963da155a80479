/** Every action type and the function that performs it. `wait` is the engine's own (run.ts). */
import type { ActionParams, ActionType } from '../schema.js';
import { addActionItem } from './add-action-item.js';
import { addTag, addTagMany } from './add-tag.js';
import { assignOwner } from './assign-owner.js';
import type { RunContext } from './context.js';
import { createTask, createTaskMany } from './create-task.js';
import { enrollInSequence } from './enroll-in-sequence.js';
import { logActivity } from './log-activity.js';
import { moveDealStageAction } from './move-deal-stage.js';
import { sendEmail } from './send-email.js';
import { updateField } from './update-field.js';
import { callWebhook } from './webhook.js';

type Performer<T extends ActionType> = (ctx: RunContext, params: ActionParams<T>) => Promise<Record<string, unknown>>;

export const PERFORMERS: { [T in Exclude<ActionType, 'wait'>]: Performer<T> } = {
  create_task: createTask,
  log_activity: logActivity,
  send_email: sendEmail,
  update_field: updateField,
  assign_owner: assignOwner,
  add_tag: addTag,
  move_deal_stage: moveDealStageAction,
  enroll_in_sequence: enrollInSequence,
  add_action_item: addActionItem,
  webhook: callWebhook,
};

type BatchPerformer<T extends ActionType> = (items: { ctx: RunContext; params: ActionParams<T> }[]) => Promise<Record<string, unknown>[]>;

/**
 * The same actions for many runs in one statement (run-batch.ts; runs of distinct records, one
 * result per item in order). Optional: an action without one is performed run by run.
 */
export const BATCH_PERFORMERS: { [T in Exclude<ActionType, 'wait'>]?: BatchPerformer<T> } = {
  create_task: createTaskMany,
  add_tag: addTagMany,
};
