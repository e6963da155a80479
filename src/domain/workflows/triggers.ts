/**
 * Which table each trigger type's events are about, and that table's columns (read from its
 * model, which a test keeps equal to the database): conditions and actions are checked against
 * them at save. `scheduled` has no table: a scheduled run has no record (see README, Workflows).
 */
import type { Model, ModelStatic } from 'sequelize';
import { Activity, Contact, Deal, Document, Email } from '../../models/index.js';
import { WORKFLOW_TRIGGER_TYPES } from '../../models/workflow.model.js';

export type TriggerType = (typeof WORKFLOW_TRIGGER_TYPES)[number];
export { WORKFLOW_TRIGGER_TYPES };

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const TRIGGER_MODELS: Record<Exclude<TriggerType, 'scheduled'>, ModelStatic<Model<any, any>>> = {
  deal_created: Deal,
  deal_stage_changed: Deal,
  deal_won: Deal,
  deal_lost: Deal,
  contact_created: Contact,
  activity_completed: Activity,
  // The opened email (the `emails` row: opened_at, open_count, its contact and deal).
  email_opened: Email,
  document_signed: Document,
};

export type ColumnKind = 'number' | 'array' | 'json' | 'other';

export interface TableInfo {
  table: string;
  /** Column → what kind of value it holds (decides which operators apply). */
  columns: Record<string, ColumnKind>;
}

function kindOf(typeKey: string | undefined): ColumnKind {
  if (['INTEGER', 'BIGINT', 'DECIMAL', 'FLOAT', 'DOUBLE', 'REAL', 'SMALLINT'].includes(typeKey ?? '')) return 'number';
  if (typeKey === 'ARRAY') return 'array';
  if (typeKey === 'JSON' || typeKey === 'JSONB') return 'json';
  return 'other';
}

const cache = new Map<string, TableInfo>();

/** The trigger's table and columns; null for `scheduled`. */
export function triggerTable(trigger: TriggerType): TableInfo | null {
  if (trigger === 'scheduled') return null;
  const model = TRIGGER_MODELS[trigger];
  const table = model.getTableName() as string;
  let info = cache.get(table);
  if (!info) {
    const columns = Object.fromEntries(
      Object.entries(model.getAttributes()).map(([name, attribute]) => [name, kindOf((attribute.type as { key?: string }).key)]),
    );
    info = { table, columns };
    cache.set(table, info);
  }
  return info;
}

export function isTriggerType(value: unknown): value is TriggerType {
  return typeof value === 'string' && (WORKFLOW_TRIGGER_TYPES as readonly string[]).includes(value);
}

/** Columns an update_field action must not write: identity, tenancy and the clock columns. */
export const PROTECTED_COLUMNS = new Set(['id', 'workspace_id', 'created_at', 'updated_at', 'created_by']);

/** Whether an event type is a workflow trigger (every trigger type but `scheduled`). */
export function handlesWorkflowTrigger(type: string): boolean {
  return type !== 'scheduled' && isTriggerType(type);
}
