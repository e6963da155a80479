/** Automation: workflows and their runs (S2), and the domain events that trigger them (outbox). */
import { DomainEventRow, Workflow, WorkflowExecution } from '../../models/index.js';
import { DOMAIN_EVENT_TYPES } from '../../domain/events/types.js';
import { WORKFLOW_STATUSES, WORKFLOW_TRIGGER_TYPES } from '../../models/workflow.model.js';
import { WORKFLOW_EXECUTION_STATUSES } from '../../models/workflow-execution.model.js';
import {
  enumProperty,
  jsonText,
  longText,
  newestFirst,
  prop,
  title,
  SYSTEM_COLUMNS,
} from './labels.js';
import { NAV, type ResourceSpec } from './types.js';
import { flat, ValidationError, type Before } from 'adminjs';
import { checkReferences } from '../../domain/workflows/references.js';
import { parseWorkflowDefinition, WorkflowDefinitionError } from '../../domain/workflows/schema.js';
import { statusOnlyThroughActions } from '../actions/state-change.js';

const workflowStatusHook = statusOnlyThroughActions('Activate or Pause');

/**
 * `before` of the workflow form (new, edit): the definition is checked against the trigger
 * table's columns and the action list, and refused next to the field with the bad field, action
 * or operator and its path (e.g. `trigger_conditions.all[1].op: unknown operator "bigger"`), so
 * a mistake shows at save, not when an event comes. Fields the form did not send keep the row's.
 */
const workflowFormHook: Before = async (request, context) => {
  const checked = await workflowStatusHook(request, context);
  const payload = checked.payload ?? {};
  if (checked.method !== 'post') return checked;
  const current = (column: string) => (context.record ? flat.get(context.record.params, column) : undefined);
  const errors: Record<string, { message: string }> = {};
  const json = (column: string, empty: unknown): unknown => {
    const raw = payload[column];
    if (raw === undefined) return current(column) ?? empty;
    if (typeof raw !== 'string') return raw;
    if (!raw.trim()) return empty;
    try {
      return JSON.parse(raw);
    } catch (err) {
      errors[column] = { message: `${column}: not valid JSON (${(err as Error).message})` };
      return empty;
    }
  };
  const definition = {
    trigger_type: payload.trigger_type ?? current('trigger_type'),
    trigger_conditions: json('trigger_conditions', {}),
    actions: json('actions', []),
  };
  if (!Object.keys(errors).length) {
    try {
      const parsed = parseWorkflowDefinition(definition);
      const workspaceId = context.record?.param('workspace_id') ?? (context.currentAdmin as { workspaceId?: string } | undefined)?.workspaceId;
      if (workspaceId) await checkReferences(parsed.actions, String(workspaceId));
    } catch (err) {
      if (!(err instanceof WorkflowDefinitionError)) throw err;
      for (const [field, message] of Object.entries(err.byField())) errors[field] = { message: message! };
    }
  }
  if (Object.keys(errors).length) throw new ValidationError(errors, { message: Object.values(errors).map((e) => e.message).join('; ') });
  return checked;
};

export const automationResources: ResourceSpec[] = [
  {
    model: Workflow,
    options: {
      navigation: NAV.automation,
      titleProperty: 'name',
      sort: newestFirst,
      listProperties: [
        'name', 'status', 'trigger_type', 'owner_id', 'execution_order', 'execution_count', 'last_executed_at',
      ],
      filterProperties: ['name', 'status', 'trigger_type', 'owner_id', 'last_executed_at'],
      // The status moves only with Activate and Pause (src/admin/actions/workflow-actions.ts).
      editProperties: [
        'name', 'description', 'trigger_type', 'trigger_conditions', 'actions', 'execution_order',
        'max_executions', 'owner_id',
      ],
      showProperties: [
        'name', 'description', 'status', 'trigger_type', 'trigger_conditions', 'actions', 'execution_order',
        'max_executions', 'execution_count', 'last_executed_at', 'owner_id', ...SYSTEM_COLUMNS,
      ],
      properties: {
        name: title,
        description: longText,
        status: enumProperty(WORKFLOW_STATUSES),
        trigger_type: enumProperty(WORKFLOW_TRIGGER_TYPES),
        // Condition tree / { cron } and [{ type, ...params }]: see src/domain/workflows/schema.ts and README.
        trigger_conditions: prop(jsonText, { description: '{ "all": [{ "field": "value", "op": "gt", "value": 10000 }] } — scheduled: { "cron": "0 9 * * 1-5" }' }),
        actions: prop(jsonText, { description: '[{ "type": "create_task", "title": "Call {{record.title}}" }, …]' }),
      },
      actions: { new: { before: workflowFormHook }, edit: { before: workflowFormHook } },
    },
  },
  {
    model: WorkflowExecution,
    readOnly: true,
    options: {
      navigation: NAV.automation,
      titleProperty: 'started_at',
      sort: newestFirst,
      listProperties: [
        'started_at', 'workflow_id', 'status', 'success_count', 'failure_count', 'duration_seconds', 'completed_at',
      ],
      filterProperties: ['workflow_id', 'status', 'started_at'],
      showProperties: [
        'workflow_id', 'status', 'started_at', 'completed_at', 'duration_seconds', 'success_count', 'failure_count',
        'error_message', 'trigger_data', 'actions_executed', ...SYSTEM_COLUMNS,
      ],
      properties: {
        started_at: title,
        status: enumProperty(WORKFLOW_EXECUTION_STATUSES),
        error_message: longText,
        trigger_data: jsonText,
        actions_executed: jsonText,
      },
    },
  },
  {
    model: DomainEventRow,
    // Written by database triggers, relayed and handled by the worker: nobody edits the outbox.
    readOnly: true,
    options: {
      navigation: NAV.automation,
      titleProperty: 'event_type',
      sort: newestFirst,
      listProperties: ['event_type', 'table_name', 'record_id', 'depth', 'created_at', 'relayed_at', 'handled_at'],
      filterProperties: ['event_type', 'table_name', 'created_at', 'relayed_at', 'handled_at'],
      showProperties: [
        'event_type', 'table_name', 'record_id', 'changes', 'record', 'actor_id', 'depth', 'relayed_at', 'handled_at',
        'id', 'workspace_id', 'created_at',
      ],
      properties: {
        event_type: prop(title, enumProperty(DOMAIN_EVENT_TYPES)),
        record: jsonText,
        changes: jsonText,
      },
    },
  },
];
