/**
 * Domain events: the changes the seeds name, recorded in the outbox in the same transaction as
 * the change (by database triggers, so every path — panel, import, job, workflow action —
 * records them) and relayed by the worker to the `domain-event` queue, where handlers (the
 * workflow engine, lead scoring …) consume them.
 */
export const DOMAIN_EVENT_TYPES = [
  'deal_created', 'deal_stage_changed', 'deal_won', 'deal_lost', 'contact_created',
  'activity_completed', 'email_opened', 'document_signed',
  'lead_created', 'lead_activity_recorded', 'application_status_changed',
] as const;

export type DomainEventType = (typeof DOMAIN_EVENT_TYPES)[number];

export interface DomainEvent {
  /** The outbox row's id (a bigint, as text): increasing in commit order per record. */
  id: string;
  workspaceId: string;
  type: DomainEventType;
  /** The changed table and row. */
  table: string;
  recordId: string;
  /** The row after the change. */
  record: Record<string, unknown>;
  /** For updates: each changed column, before and after. Empty for inserts. */
  changes: Record<string, { from: unknown; to: unknown }>;
  /** The user who made the change, when known (the panel sets it). */
  actorId: string | null;
  /** 0: a person's or a job's change; n + 1: made by a workflow run handling an event of depth n. */
  depth: number;
  occurredAt: string;
}
