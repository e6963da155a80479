/** Pipeline & deals: pipelines and stages, deals and their history, activities, tasks, documents. */
import {
  Activity,
  Deal,
  DealStageHistory,
  Document,
  DocumentSignature,
  Pipeline,
  PipelineStage,
  Task,
} from '../../models/index.js';
import { PIPELINE_DEAL_TYPES } from '../../models/pipeline.model.js';
import { DEAL_PRIORITIES, DEAL_RISK_LEVELS, DEAL_STATUSES, DEAL_TYPES } from '../../models/deal.model.js';
import {
  ACTIVITY_CALL_RESULTS,
  ACTIVITY_PRIORITY,
  ACTIVITY_STATUSES,
  ACTIVITY_TYPES,
} from '../../models/activity.model.js';
import { TASK_PRIORITIES, TASK_STATUSES } from '../../models/task.model.js';
import { DOCUMENT_STATUSES, DOCUMENT_TYPES } from '../../models/document.model.js';
import {
  enumProperty,
  humanize,
  jsonText,
  keyValue,
  longText,
  money,
  newestFirst,
  prop,
  stringArray,
  title,
  SYSTEM_COLUMNS,
} from './labels.js';
import { NAV, type ResourceSpec } from './types.js';
import { dealStageEditAfter, dealStageEditBefore } from '../actions/deal-stage-edit.js';
import { closedOnlyThroughStages } from '../actions/close-deal.js';

const DEAL_EDIT = [
  'title', 'pipeline_id', 'stage_id', 'status', 'value', 'currency', 'probability', 'expected_close_date',
  'actual_close_date', 'actual_value', 'owner_id', 'account_manager_id', 'account_id', 'contact_id', 'lead_id',
  'opportunity_id', 'deal_type', 'priority', 'source', 'description', 'competitors', 'competitive_advantage',
  'key_success_factors', 'risk_level', 'risk_factors', 'mitigation_strategies', 'won_reason', 'lost_reason',
  'lost_to_competitor', 'tags', 'custom_fields',
];

const ACTIVITY_EDIT = [
  'type', 'subject', 'status', 'priority', 'owner_id', 'due_at', 'occurred_at', 'completed_at',
  'duration_minutes', 'call_result', 'is_recorded', 'location', 'contact_id', 'account_id', 'deal_id', 'lead_id',
  'opportunity_id', 'document_id', 'description', 'outcome', 'next_action', 'metadata', 'custom_fields',
];

const TASK_EDIT = [
  'title', 'status', 'priority', 'due_at', 'completed_at', 'assigned_to', 'contact_id', 'account_id', 'lead_id',
  'deal_id', 'opportunity_id', 'description',
];

const DOCUMENT_EDIT = [
  'name', 'type', 'status', 'owner_id', 'deal_id', 'contact_id', 'file_url', 'file_type', 'requires_signature',
  'signature_provider', 'signature_request_id', 'sent_at', 'expires_at', 'description', 'tags', 'custom_fields',
];

export const pipelineResources: ResourceSpec[] = [
  {
    model: Pipeline,
    options: {
      navigation: NAV.pipeline,
      titleProperty: 'name',
      sort: newestFirst,
      listProperties: ['name', 'deal_type', 'is_default', 'is_active', 'order_index', 'created_at'],
      filterProperties: ['name', 'deal_type', 'is_default', 'is_active'],
      editProperties: ['name', 'description', 'deal_type', 'is_default', 'is_active', 'order_index'],
      showProperties: ['name', 'description', 'deal_type', 'is_default', 'is_active', 'order_index', ...SYSTEM_COLUMNS],
      properties: {
        name: title,
        description: longText,
        deal_type: enumProperty(PIPELINE_DEAL_TYPES),
      },
    },
  },
  {
    model: PipelineStage,
    options: {
      navigation: NAV.pipeline,
      titleProperty: 'name',
      sort: newestFirst,
      listProperties: [
        'name', 'pipeline_id', 'order_index', 'probability', 'is_closed', 'is_won', 'is_lost', 'expected_duration_days',
      ],
      filterProperties: ['pipeline_id', 'name', 'is_closed', 'is_won', 'is_lost'],
      editProperties: [
        'pipeline_id', 'name', 'description', 'order_index', 'probability', 'color_code', 'is_closed', 'is_won',
        'is_lost', 'expected_duration_days', 'required_fields', 'auto_tasks',
      ],
      showProperties: [
        'pipeline_id', 'name', 'description', 'order_index', 'probability', 'color_code', 'is_closed', 'is_won',
        'is_lost', 'expected_duration_days', 'conversion_rate', 'required_fields', 'auto_tasks', ...SYSTEM_COLUMNS,
      ],
      properties: {
        name: title,
        description: longText,
        // Deal columns a deal must have filled to enter the stage.
        required_fields: stringArray,
        // Task templates created when a deal enters the stage: [{ title, due_in_days, priority }].
        auto_tasks: jsonText,
      },
    },
  },
  {
    model: Deal,
    options: {
      navigation: NAV.pipeline,
      titleProperty: 'title',
      sort: newestFirst,
      listProperties: ['title', 'account_id', 'stage_id', 'status', 'value', 'currency', 'owner_id', 'expected_close_date'],
      filterProperties: [
        'title', 'status', 'pipeline_id', 'stage_id', 'owner_id', 'account_id', 'contact_id', 'priority',
        'deal_type', 'risk_level', 'expected_close_date', 'created_at',
      ],
      editProperties: DEAL_EDIT,
      showProperties: [
        ...DEAL_EDIT,
        // Kept by the database and the stage moves: never typed in.
        'weighted_value', 'days_in_pipeline', 'stage_entered_at', ...SYSTEM_COLUMNS,
      ],
      properties: {
        title,
        status: enumProperty(DEAL_STATUSES),
        priority: enumProperty(DEAL_PRIORITIES),
        deal_type: enumProperty(DEAL_TYPES),
        risk_level: enumProperty(DEAL_RISK_LEVELS),
        // Amounts in the deal's own `currency`.
        value: money,
        actual_value: money,
        weighted_value: money,
        description: longText,
        competitive_advantage: longText,
        mitigation_strategies: longText,
        won_reason: longText,
        lost_reason: longText,
        competitors: stringArray,
        key_success_factors: stringArray,
        risk_factors: stringArray,
        tags: stringArray,
        custom_fields: keyValue,
      },
      // A stage change in the form is a stage move (history, auto tasks, won/lost, probability).
      // Won / lost only with their stage (and reason): a status typed into the form is refused.
      actions: { edit: { before: [closedOnlyThroughStages, dealStageEditBefore], after: dealStageEditAfter } },
    },
  },
  {
    model: DealStageHistory,
    // Written on every stage move (with days in the previous stage): a history, not edited by hand.
    readOnly: true,
    options: {
      navigation: NAV.pipeline,
      titleProperty: 'moved_at',
      sort: newestFirst,
      listProperties: [
        'moved_at', 'deal_id', 'from_stage_id', 'to_stage_id', 'moved_by', 'days_in_previous_stage', 'auto_moved',
      ],
      filterProperties: ['deal_id', 'from_stage_id', 'to_stage_id', 'moved_by', 'auto_moved', 'moved_at'],
      showProperties: [
        'deal_id', 'moved_at', 'from_stage_id', 'to_stage_id', 'moved_by', 'auto_moved', 'days_in_previous_stage',
        'value_before', 'value_after', 'probability_before', 'probability_after', 'notes', ...SYSTEM_COLUMNS,
      ],
      properties: {
        moved_at: title,
        value_before: money,
        value_after: money,
        notes: longText,
      },
    },
  },
  {
    model: Activity,
    options: {
      navigation: NAV.pipeline,
      titleProperty: 'subject',
      sort: newestFirst,
      listProperties: ['subject', 'type', 'status', 'owner_id', 'contact_id', 'deal_id', 'due_at', 'occurred_at'],
      filterProperties: [
        'type', 'status', 'owner_id', 'contact_id', 'account_id', 'deal_id', 'lead_id', 'call_result',
        'is_automated', 'due_at', 'occurred_at',
      ],
      editProperties: ACTIVITY_EDIT,
      showProperties: [...ACTIVITY_EDIT, 'is_automated', 'created_by', ...SYSTEM_COLUMNS],
      properties: {
        subject: title,
        type: enumProperty(ACTIVITY_TYPES),
        status: enumProperty(ACTIVITY_STATUSES),
        call_result: enumProperty(ACTIVITY_CALL_RESULTS),
        // S2's integer-coded priority: 0 low, 1 medium, 2 high.
        priority: {
          availableValues: Object.entries(ACTIVITY_PRIORITY).map(([name, code]) => ({
            value: String(code),
            label: humanize(name),
          })),
        },
        description: longText,
        outcome: longText,
        metadata: keyValue,
        custom_fields: keyValue,
      },
    },
  },
  {
    model: Task,
    options: {
      navigation: NAV.pipeline,
      titleProperty: 'title',
      sort: newestFirst,
      listProperties: ['title', 'status', 'priority', 'due_at', 'assigned_to', 'deal_id', 'contact_id'],
      filterProperties: [
        'status', 'priority', 'assigned_to', 'due_at', 'contact_id', 'account_id', 'lead_id', 'deal_id',
        'opportunity_id', 'workflow_id', 'title',
      ],
      editProperties: TASK_EDIT,
      // workflow_id / pipeline_stage_id: set when automation created the task.
      showProperties: [...TASK_EDIT, 'workflow_id', 'pipeline_stage_id', ...SYSTEM_COLUMNS],
      properties: {
        title,
        status: enumProperty(TASK_STATUSES),
        priority: enumProperty(TASK_PRIORITIES),
        description: longText,
      },
    },
  },
  {
    model: Document,
    options: {
      navigation: NAV.pipeline,
      titleProperty: 'name',
      sort: newestFirst,
      listProperties: ['name', 'type', 'status', 'owner_id', 'deal_id', 'contact_id', 'sent_at', 'signed_at'],
      filterProperties: [
        'name', 'type', 'status', 'owner_id', 'deal_id', 'contact_id', 'requires_signature', 'sent_at', 'expires_at',
        'created_at',
      ],
      editProperties: DOCUMENT_EDIT,
      showProperties: [
        ...DOCUMENT_EDIT,
        // Kept by the file upload and the signature provider.
        'file_size', 'viewed_at', 'signed_at', 'view_count', 'reminder_count', 'last_reminder_at', ...SYSTEM_COLUMNS,
      ],
      properties: {
        name: title,
        type: enumProperty(DOCUMENT_TYPES),
        status: enumProperty(DOCUMENT_STATUSES),
        description: longText,
        tags: stringArray,
        custom_fields: keyValue,
      },
    },
  },
  {
    model: DocumentSignature,
    options: {
      navigation: NAV.pipeline,
      titleProperty: 'signer_email',
      sort: newestFirst,
      listProperties: ['signer_email', 'signer_name', 'signer_role', 'document_id', 'is_signed', 'signed_at'],
      filterProperties: ['document_id', 'signer_email', 'signer_name', 'is_signed', 'signed_at'],
      // Who must sign; the signature itself (time, data, IP) is recorded by the signing flow.
      editProperties: ['document_id', 'signer_name', 'signer_email', 'signer_role'],
      showProperties: [
        'document_id', 'signer_name', 'signer_email', 'signer_role', 'is_signed', 'signed_at', 'ip_address',
        'user_agent', 'signature_data', ...SYSTEM_COLUMNS,
      ],
      properties: {
        signer_email: title,
        signature_data: prop(longText, { isVisible: { list: false, filter: false, show: true, edit: false } }),
      },
    },
  },
];
