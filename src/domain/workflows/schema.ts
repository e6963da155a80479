/**
 * What a workflow's `trigger_conditions` and `actions` may say, checked against the trigger's
 * table at save (the panel's before hook) and again before a run, so an unknown field, action or
 * operator is an error naming it and where it is, never a surprise at run time.
 *
 *   trigger_conditions  {} (always) | { all: [node…] } | { any: [node…] } | { not: node } | leaf
 *   leaf                { field, op, value? , from?, to? }
 *   scheduled workflows { cron: "0 9 * * 1-5", timezone?: "Europe/Berlin" } (no record: see run.ts)
 *   actions             [{ type, …params }] run in order
 *
 * String params may hold `{{record.<column>}}` placeholders, filled from the event's record.
 */
import { CronExpressionParser } from 'cron-parser';
import { z } from 'zod';
import { isTriggerType, PROTECTED_COLUMNS, triggerTable, type TableInfo, type TriggerType } from './triggers.js';

export const CONDITION_OPERATORS = [
  'eq', 'neq', 'in', 'gt', 'gte', 'lt', 'lte', 'contains_tag', 'changed', 'changed_from_to',
] as const;
export type ConditionOperator = (typeof CONDITION_OPERATORS)[number];

export interface ConditionLeaf {
  field: string;
  op: ConditionOperator;
  value?: unknown;
  from?: unknown;
  to?: unknown;
}
export type ConditionNode = { all: ConditionNode[] } | { any: ConditionNode[] } | { not: ConditionNode } | ConditionLeaf;
export interface ScheduleConditions {
  cron: string;
  timezone?: string;
}

export const ACTION_TYPES = [
  'create_task', 'log_activity', 'send_email', 'update_field', 'assign_owner', 'add_tag', 'move_deal_stage',
  'enroll_in_sequence', 'add_action_item', 'wait', 'webhook',
] as const;
export type ActionType = (typeof ACTION_TYPES)[number];

// ---------------------------------------------------------------------------------- params
const text = z.string().trim().min(1).max(2000);
const uuid = z.uuid();
/** A user: a fixed id, or the owner of the event's record. */
const userRef = z.union([z.literal('record_owner'), uuid]);

export const ACTION_PARAMS = {
  create_task: z.strictObject({
    title: text,
    description: text.optional(),
    assign_to: userRef.default('record_owner'),
    due_in_days: z.number().int().min(0).max(3650).optional(),
    priority: z.enum(['low', 'medium', 'high', 'urgent']).default('medium'),
  }),
  log_activity: z.strictObject({
    activity_type: z.enum(['call', 'email', 'meeting', 'task', 'note', 'deadline', 'proposal_sent', 'contract_signed']).default('note'),
    subject: text,
    description: text.optional(),
    status: z.enum(['pending', 'completed']).default('completed'),
  }),
  send_email: z.strictObject({
    template_id: uuid,
    /** Default: the active mailbox of the record's owner. */
    mailbox_id: uuid.optional(),
    /** Default: the record's contact. Required by scheduled workflows (no record). */
    to: z.email().optional(),
  }),
  update_field: z.strictObject({ field: z.string(), value: z.union([z.string(), z.number(), z.boolean(), z.null()]) }),
  assign_owner: z.strictObject({
    user_id: uuid.optional(),
    round_robin: z.array(uuid).min(1).max(100).optional(),
    /** The engine's round-robin cursor (kept here so it survives restarts); not for editing. */
    next: z.number().int().min(0).optional(),
  }).refine((p) => (p.user_id === undefined) !== (p.round_robin === undefined), {
    message: 'give either user_id (a fixed owner) or round_robin (a list of user ids), not both',
  }),
  add_tag: z.strictObject({ tag: z.string().trim().min(1).max(100) }),
  move_deal_stage: z.strictObject({ stage_id: uuid }),
  enroll_in_sequence: z.strictObject({
    sequence_id: uuid,
    /** Default: the active mailbox of the record's owner. */
    mailbox_id: uuid.optional(),
  }),
  add_action_item: z.strictObject({
    title: text,
    description: text.optional(),
    user: userRef.default('record_owner'),
    item_type: z.enum(['new_matches', 'chat_followup', 'no_response', 'parse_failure', 'intervention_needed']).default('intervention_needed'),
    priority: z.enum(['high', 'medium', 'low']).default('medium'),
  }),
  wait: z.strictObject({ minutes: z.number().int().min(1).max(60 * 24 * 365) }),
  webhook: z.strictObject({
    url: z.url({ protocol: /^https?$/ }),
    /** Extra JSON sent beside the event; placeholders are filled. */
    payload: z.record(z.string(), z.unknown()).optional(),
  }),
} satisfies Record<ActionType, z.ZodType>;

export type ActionParams<T extends ActionType> = z.output<(typeof ACTION_PARAMS)[T]>;
export type WorkflowAction = { [T in ActionType]: { type: T } & ActionParams<T> }[ActionType];

// ---------------------------------------------------------------------------------- errors
export interface DefinitionProblem {
  /** The workflow column the problem is in. */
  field: 'trigger_type' | 'trigger_conditions' | 'actions';
  /** Where in it, e.g. `all[1].op` or `[2].stage_id`. */
  path: string;
  message: string;
}

export class WorkflowDefinitionError extends Error {
  constructor(readonly problems: DefinitionProblem[]) {
    super(problems.map((p) => `${p.field}${p.path}: ${p.message}`).join('; '));
    this.name = 'WorkflowDefinitionError';
  }

  /** The messages per workflow column, for a form. */
  byField(): Partial<Record<DefinitionProblem['field'], string>> {
    const out: Partial<Record<DefinitionProblem['field'], string>> = {};
    for (const p of this.problems) out[p.field] = [out[p.field], `${p.field}${p.path}: ${p.message}`].filter(Boolean).join('; ');
    return out;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const list = (items: readonly string[]) => items.join(', ');

// ---------------------------------------------------------------------------------- conditions
const LEAF_KEYS = new Set(['field', 'op', 'value', 'from', 'to']);
const ORDERED_KINDS = new Set(['number', 'other']);

function checkLeaf(node: Record<string, unknown>, path: string, info: TableInfo, problems: DefinitionProblem[]): void {
  const at = (suffix: string, message: string) => problems.push({ field: 'trigger_conditions', path: `${path}${suffix}`, message });
  for (const key of Object.keys(node)) if (!LEAF_KEYS.has(key)) at(`.${key}`, `unknown key "${key}" (a condition has field, op and value, or from/to)`);
  const { field, op } = node;
  if (typeof op !== 'string' || !(CONDITION_OPERATORS as readonly string[]).includes(op)) {
    at('.op', `unknown operator ${JSON.stringify(op)} (use one of ${list(CONDITION_OPERATORS)})`);
    return;
  }
  const changeOp = op === 'changed' || op === 'changed_from_to';
  const column = typeof field === 'string' ? (changeOp ? field.replace(/^changes\./, '') : field) : '';
  const kind = info.columns[column];
  if (!kind) {
    const hint = typeof field === 'string' && field.startsWith('changes.') ? ' (changes.<column> goes with changed / changed_from_to)' : '';
    at('.field', `unknown field ${JSON.stringify(field)} of ${info.table}${hint}`);
    return;
  }
  const has = (key: string) => node[key] !== undefined;
  const valueOk = (schema: z.ZodType, key = 'value', what = 'a string, number, boolean or null') => {
    if (!schema.safeParse(node[key]).success) at(`.${key}`, `${op} needs ${key} to be ${what}`);
  };
  switch (op) {
    case 'eq': case 'neq':
      valueOk(scalar);
      break;
    case 'in':
      valueOk(z.array(scalar).min(1), 'value', 'a non-empty list');
      break;
    case 'gt': case 'gte': case 'lt': case 'lte':
      if (!ORDERED_KINDS.has(kind)) at('.op', `${op} does not apply to ${column} (a list or JSON column)`);
      valueOk(z.union([z.number(), z.string().min(1)]), 'value', 'a number or a date/text');
      break;
    case 'contains_tag':
      if (kind !== 'array') at('.op', `contains_tag applies to list columns such as tags, not ${column}`);
      valueOk(z.string().min(1), 'value', 'a tag');
      break;
    case 'changed':
      for (const key of ['value', 'from', 'to']) if (has(key)) at(`.${key}`, `changed takes no ${key} (use changed_from_to)`);
      break;
    case 'changed_from_to':
      if (has('value')) at('.value', 'changed_from_to takes from and/or to, not value');
      if (!has('from') && !has('to')) at('', 'changed_from_to needs from, to or both');
      if (has('from')) valueOk(scalar, 'from');
      if (has('to')) valueOk(scalar, 'to');
      break;
  }
}

function checkNode(node: unknown, path: string, info: TableInfo, problems: DefinitionProblem[]): void {
  const at = (message: string): void => void problems.push({ field: 'trigger_conditions', path, message });
  if (!isObject(node)) return at('a condition must be an object: { all }, { any }, { not } or { field, op, value }');
  const groups = ['all', 'any', 'not'].filter((k) => k in node);
  if (groups.length === 0) return checkLeaf(node, path, info, problems);
  if (groups.length > 1 || Object.keys(node).length > 1) return at(`a group has exactly one key (all, any or not), found ${list(Object.keys(node))}`);
  const key = groups[0]!;
  const inner = node[key];
  if (key === 'not') return checkNode(inner, `${path}.not`, info, problems);
  // An empty group would silently mean "always" (all) or "never" (any).
  if (!Array.isArray(inner) || inner.length === 0) {
    problems.push({ field: 'trigger_conditions', path: `${path}.${key}`, message: `${key} needs a non-empty list of conditions` });
    return;
  }
  inner.forEach((child, i) => checkNode(child, `${path}.${key}[${i}]`, info, problems));
}

export function checkCron(cron: unknown, timezone: unknown): string | null {
  if (typeof cron !== 'string' || !cron.trim()) return 'a scheduled workflow needs a cron expression, e.g. { "cron": "0 9 * * 1-5" }';
  if (timezone !== undefined) {
    if (typeof timezone !== 'string') return 'timezone must be a time zone name such as "Europe/Berlin"';
    try {
      new Intl.DateTimeFormat('en', { timeZone: timezone });
    } catch {
      return `unknown time zone "${timezone}"`;
    }
  }
  try {
    CronExpressionParser.parse(cron, { tz: (timezone as string | undefined) ?? 'UTC' });
  } catch (err) {
    return `invalid cron expression "${cron}": ${(err as Error).message}`;
  }
  return null;
}

function checkConditions(trigger: TriggerType, conditions: unknown, problems: DefinitionProblem[]): void {
  const info = triggerTable(trigger);
  if (!isObject(conditions)) {
    problems.push({ field: 'trigger_conditions', path: '', message: 'must be a JSON object ({} means always)' });
    return;
  }
  if (!info) {
    for (const key of Object.keys(conditions)) {
      if (key !== 'cron' && key !== 'timezone') {
        problems.push({ field: 'trigger_conditions', path: `.${key}`, message: `unknown key "${key}": a scheduled workflow's conditions are { cron, timezone? }` });
      }
    }
    const problem = checkCron(conditions.cron, conditions.timezone);
    if (problem) problems.push({ field: 'trigger_conditions', path: '.cron', message: problem });
    return;
  }
  if (Object.keys(conditions).length === 0) return;
  if ('cron' in conditions) {
    problems.push({ field: 'trigger_conditions', path: '.cron', message: `only scheduled workflows have a cron expression (this one triggers on ${trigger})` });
    return;
  }
  checkNode(conditions, '', info, problems);
}

// ---------------------------------------------------------------------------------- actions
const PLACEHOLDER = /\{\{\s*([^}]*?)\s*\}\}/g;

/** Every placeholder in the action's strings must name a column of the record. */
function checkPlaceholders(value: unknown, path: string, info: TableInfo | null, problems: DefinitionProblem[]): void {
  if (typeof value === 'string') {
    for (const [, ref] of value.matchAll(PLACEHOLDER)) {
      const column = ref!.startsWith('record.') ? ref!.slice('record.'.length) : null;
      if (!info) problems.push({ field: 'actions', path, message: `placeholder {{${ref}}}: a scheduled workflow has no record` });
      else if (!column || !(column in info.columns)) problems.push({ field: 'actions', path, message: `unknown placeholder {{${ref}}} (use {{record.<column of ${info.table}>}})` });
    }
  } else if (Array.isArray(value)) value.forEach((v, i) => checkPlaceholders(v, `${path}[${i}]`, info, problems));
  else if (isObject(value)) for (const [k, v] of Object.entries(value)) checkPlaceholders(v, `${path}.${k}`, info, problems);
}

/** What an action needs of the trigger's record, beyond its params' shape. */
function checkAgainstTable(action: WorkflowAction, info: TableInfo | null, at: (suffix: string, message: string) => void): void {
  const needsRecord = (what: string) => at('', `${action.type} ${what}: a scheduled workflow has no record`);
  const hasContact = info && (info.table === 'contacts' || 'contact_id' in info.columns);
  switch (action.type) {
    case 'create_task':
      if (!info && action.assign_to === 'record_owner') needsRecord('assigns to the record owner');
      break;
    case 'add_action_item':
      if (!info && action.user === 'record_owner') needsRecord('goes to the record owner');
      break;
    case 'log_activity':
      if (!info) needsRecord('logs on the record');
      break;
    case 'send_email':
      if (!info && !action.to) at('.to', 'a scheduled workflow has no record: give "to"');
      else if (info && !action.to && !hasContact) at('.to', `${info.table} have no contact: give "to"`);
      break;
    case 'enroll_in_sequence':
      if (!info) needsRecord('enrolls the record\'s contact');
      else if (!hasContact) at('', `${info.table} have no contact to enroll`);
      break;
    case 'update_field':
      if (!info) needsRecord('updates the record');
      else if (!(action.field in info.columns)) at('.field', `unknown field "${action.field}" of ${info.table}`);
      else if (PROTECTED_COLUMNS.has(action.field)) at('.field', `${action.field} cannot be set by a workflow`);
      else if (info.columns[action.field] === 'array' || info.columns[action.field] === 'json') at('.field', `${action.field} is a list/JSON column (use add_tag for tags)`);
      break;
    case 'assign_owner':
      if (!info) needsRecord('assigns the record');
      else if (!('owner_id' in info.columns)) at('', `${info.table} have no owner`);
      break;
    case 'add_tag':
      if (!info) needsRecord('tags the record');
      else if (info.columns.tags !== 'array') at('', `${info.table} have no tags`);
      break;
    case 'move_deal_stage':
      if (!info) needsRecord('moves the record\'s deal');
      else if (info.table !== 'deals' && !('deal_id' in info.columns)) at('', `${info.table} have no deal`);
      break;
    case 'wait': case 'webhook':
      break;
  }
}

function checkActions(trigger: TriggerType, actions: unknown, problems: DefinitionProblem[]): WorkflowAction[] {
  if (!Array.isArray(actions)) {
    problems.push({ field: 'actions', path: '', message: 'must be a JSON list of actions ([] means none)' });
    return [];
  }
  const info = triggerTable(trigger);
  const parsed: WorkflowAction[] = [];
  actions.forEach((raw, i) => {
    const path = `[${i}]`;
    const at = (suffix: string, message: string): void => void problems.push({ field: 'actions', path: `${path}${suffix}`, message });
    if (!isObject(raw)) return at('', 'an action must be an object { type, …params }');
    const { type, ...params } = raw;
    if (typeof type !== 'string' || !(ACTION_TYPES as readonly string[]).includes(type)) {
      return at('.type', `unknown action ${JSON.stringify(type)} (use one of ${list(ACTION_TYPES)})`);
    }
    const result = ACTION_PARAMS[type as ActionType].safeParse(params);
    if (!result.success) {
      for (const issue of result.error.issues) {
        const where = issue.path.length ? `.${issue.path.join('.')}` : '';
        at(where, `${type}: ${issue.message}`);
      }
      return;
    }
    const action = { type, ...result.data } as WorkflowAction;
    checkAgainstTable(action, info, at);
    checkPlaceholders(params, path, info, problems);
    parsed.push(action);
  });
  return parsed;
}

export interface WorkflowDefinition {
  trigger_type: TriggerType;
  trigger_conditions: Record<string, unknown>;
  actions: WorkflowAction[];
}

/**
 * The definition as the engine runs it (actions with their defaults filled), or a
 * WorkflowDefinitionError listing every problem with its place.
 */
export function parseWorkflowDefinition(input: { trigger_type: unknown; trigger_conditions: unknown; actions: unknown }): WorkflowDefinition {
  const problems: DefinitionProblem[] = [];
  const trigger = input.trigger_type;
  if (!isTriggerType(trigger)) {
    throw new WorkflowDefinitionError([{ field: 'trigger_type', path: '', message: `unknown trigger type ${JSON.stringify(trigger)}` }]);
  }
  checkConditions(trigger, input.trigger_conditions, problems);
  const actions = checkActions(trigger, input.actions, problems);
  if (problems.length) throw new WorkflowDefinitionError(problems);
  return { trigger_type: trigger, trigger_conditions: input.trigger_conditions as Record<string, unknown>, actions };
}

