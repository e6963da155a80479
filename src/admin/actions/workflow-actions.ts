/**
 * Workflows → "Test run", "Activate", "Pause"; workflow executions → "Retry". Guarded by the
 * role policy like every action (`activate`/`pause` fall back to the table's `edit` rights;
 * `testRun` and `retry` must be granted, as `workflows.*` / `*.*` do for admins). The record
 * comes through ScopedResource under the action's scope, so a row out of reach is "not found".
 *
 * The writes act on POST only (AdminJS opens an action with a GET; a GET must change nothing);
 * Test run posts too, as it takes a record id, but writes nothing.
 */
import type { Action, ActionContext, ActionResponse } from 'adminjs';
import type { Actor } from '../../domain/permissions/actor.js';
import { setWorkflowStatus } from '../../domain/workflows/lifecycle.js';
import { previewWorkflow, PreviewError } from '../../domain/workflows/preview.js';
import { reopenExecution, RetryRefusedError } from '../../domain/workflows/run.js';
import { WorkflowDefinitionError } from '../../domain/workflows/schema.js';
import { enqueue } from '../../jobs/queues.js';
import { Workflow } from '../../models/index.js';
import { component } from '../components/loader.js';
import { recordAudit } from '../data/audit.js';
import { JSON_TEXT_PROPERTIES, presentationAfter } from '../resources/index.js';
import { respond } from './record-response.js';
import { stateChangeAction } from './state-change.js';
import { withActorTransaction } from '../data/actor-transaction.js';

const confirmComponent = component('StateChange', 'state-change.jsx');
const testRunComponent = component('WorkflowTestRun', 'workflow-test-run.jsx');

type Payload = Record<string, unknown> | undefined;

/** JSON columns as the show view presents them (text), as campaign-actions.ts explains. */
const asShown = (response: ActionResponse, request: Parameters<ReturnType<typeof presentationAfter>>[1], context: ActionContext) =>
  presentationAfter(JSON_TEXT_PROPERTIES[context.resource.id()] ?? [], [], 'show')(response, request, context);

/** Activate / Pause: a state change (asked, posted, audited), shown with the JSON columns as text. */
function statusAction(status: 'active' | 'paused', icon: string, question: string, done: string): Partial<Action<ActionResponse>> {
  return {
    ...stateChangeAction({
      icon,
      question,
      appliesTo: (current) => current !== status,
      change: ({ workspaceId, id }, transaction) => setWorkflowStatus({ workspaceId, workflowId: id, status }, transaction),
      done,
    }),
    after: asShown,
  };
}

/** The "changes" field of the Test run form: optional JSON { column: { from, to } }. */
function parseChanges(raw: unknown): Record<string, { from: unknown; to: unknown }> | string {
  if (typeof raw !== 'string' || !raw.trim()) return {};
  try {
    const value = JSON.parse(raw);
    if (value && typeof value === 'object' && !Array.isArray(value)) return value;
  } catch { /* reported below */ }
  return 'Changes must be JSON like {"stage_id": {"from": "…", "to": "…"}}';
}

export const testRunAction: Partial<Action<ActionResponse>> = {
  actionType: 'record',
  icon: 'PlayCircle',
  component: testRunComponent,
  after: asShown,
  handler: async (request, _response, context) => {
    if (request.method !== 'post') return respond(context);
    const payload = request.payload as Payload;
    const changes = parseChanges(payload?.changes);
    if (typeof changes === 'string') return respond(context, { message: changes, type: 'error' });
    // The stored definition (the record's params are AdminJS's flattened copy of it).
    const workflow = await Workflow.findByPk(String(context.record!.id()), { raw: true });
    if (!workflow) return respond(context, { message: 'This workflow no longer exists', type: 'error' });
    try {
      const testRun = await previewWorkflow({
        workflow,
        recordId: typeof payload?.recordId === 'string' ? payload.recordId.trim() : null,
        changes,
      });
      const summary = testRun.would_run
        ? `Conditions hold: it would run ${testRun.actions.length} action(s). Nothing was written.`
        : `Conditions do not hold (${testRun.conditions.failing?.path ?? 'root'}): it would not run. Nothing was written.`;
      return respond(context, { message: summary, type: 'info' }, { testRun });
    } catch (err) {
      if (err instanceof PreviewError || err instanceof WorkflowDefinitionError) return respond(context, { message: err.message, type: 'error' });
      throw err;
    }
  },
};

export const retryExecutionAction: Partial<Action<ActionResponse>> = {
  actionType: 'record',
  icon: 'RotateCw',
  component: confirmComponent,
  custom: { question: 'Retry this run? It goes on from the action that failed; actions that succeeded are not repeated.' },
  after: asShown,
  isVisible: ({ record }) => !!record && record.param('status') === 'failed',
  handler: async (request, _response, context) => {
    if (request.method !== 'post') return respond(context);
    const actor = context.currentAdmin as Actor;
    const id = String(context.record!.id());
    const workspaceId = String(context.record!.param('workspace_id'));
    try {
      await reopenExecution(id, workspaceId);
    } catch (err) {
      if (err instanceof RetryRefusedError) return respond(context, { message: err.message, type: 'error' });
      throw err;
    }
    await recordAudit({
      actor, action: 'update', table: 'workflow_executions', id,
      before: { workspace_id: workspaceId, status: 'failed' }, after: { workspace_id: workspaceId, status: 'running' },
      description: `Retried workflow run ${id}`,
    });
    try {
      await enqueue('workflow-resume', { executionId: id });
    } catch (err) {
      // Reopened all the same: the periodic sweep takes up a running run nobody works on.
      return respond(context, { message: `Retry queued for the next sweep (the queue did not answer: ${(err as Error).message})`, type: 'info' });
    }
    return respond(context, { message: 'Retrying: the run goes on from its failed action', type: 'success' });
  },
};

export const workflowActions: Record<string, Partial<Action<ActionResponse>>> = {
  testRun: testRunAction,
  activate: statusAction('active', 'Play', 'Activate this workflow? It runs on every matching event from now on.', 'Workflow activated'),
  pause: statusAction('paused', 'Pause', 'Pause this workflow? It does not run until it is activated again (runs already started go on).', 'Workflow paused'),
};

export const workflowExecutionActions: Record<string, Partial<Action<ActionResponse>>> = {
  retry: retryExecutionAction,
};
