/** Automation: workflows and their runs (S2). */
import { Workflow, WorkflowExecution } from '../../models/index.js';
import { WORKFLOW_STATUSES, WORKFLOW_TRIGGER_TYPES } from '../../models/workflow.model.js';
import { WORKFLOW_EXECUTION_STATUSES } from '../../models/workflow-execution.model.js';
import {
  enumProperty,
  jsonText,
  longText,
  newestFirst,
  title,
  SYSTEM_COLUMNS,
} from './labels.js';
import { NAV, type ResourceSpec } from './types.js';

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
      editProperties: [
        'name', 'description', 'status', 'trigger_type', 'trigger_conditions', 'actions', 'execution_order',
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
        // { all | any: [{ field, op, value }], schedule? } and [{ type, ...parameters }]: nested JSON.
        trigger_conditions: jsonText,
        actions: jsonText,
      },
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
];
