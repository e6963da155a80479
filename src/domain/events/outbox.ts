/**
 * The SQL of the domain-event outbox (table `domain_events`, written by the triggers of
 * migrations/20261123150000-create-domain-event-outbox.ts): what the relay claims and marks, and
 * what the consumer checks and marks. Queues are not known here; src/jobs/ passes them in.
 */
import { QueryTypes, type Transaction } from 'sequelize';
import { sequelize } from '../../db.js';
import type { DomainEvent, DomainEventType } from './types.js';

interface OutboxRow {
  id: string;
  workspace_id: string;
  event_type: DomainEventType;
  table_name: string;
  record_id: string;
  record: Record<string, unknown>;
  changes: Record<string, { from: unknown; to: unknown }>;
  actor_id: string | null;
  depth: number;
  created_at: Date;
}

const COLUMNS = 'id::text AS id, workspace_id, event_type, table_name, record_id, record, changes, actor_id, depth, created_at';

function toEvent(row: OutboxRow): DomainEvent {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    type: row.event_type,
    table: row.table_name,
    recordId: row.record_id,
    record: row.record,
    changes: row.changes,
    actorId: row.actor_id,
    depth: row.depth,
    occurredAt: new Date(row.created_at).toISOString(),
  };
}

/**
 * Locks up to `limit` unrelayed events, oldest first, in the caller's transaction. SKIP LOCKED:
 * a second relay takes the next ones instead of waiting, and an event still being written (not
 * committed) is simply not seen yet.
 */
export async function claimUnrelayedEvents(transaction: Transaction, limit: number): Promise<DomainEvent[]> {
  const rows = await sequelize.query<OutboxRow>(
    `SELECT ${COLUMNS} FROM domain_events
      WHERE relayed_at IS NULL
      ORDER BY id
      LIMIT :limit
      FOR UPDATE SKIP LOCKED`,
    { type: QueryTypes.SELECT, replacements: { limit }, transaction },
  );
  return rows.map(toEvent);
}

/** Marks events relayed, in the claiming transaction (so it commits only after the add). */
export async function markEventsRelayed(transaction: Transaction, ids: string[]): Promise<void> {
  await sequelize.query(`UPDATE domain_events SET relayed_at = now() WHERE id = ANY(:ids::bigint[])`, {
    replacements: { ids: `{${ids.join(',')}}` },
    transaction,
  });
}

/**
 * Events relayed more than `olderThanSeconds` ago and still not handled: their job may have been
 * lost from Redis (a flush, a restore from an older snapshot). Re-adding is safe: a job that still
 * exists keeps its id, so the add is a no-op, and the consumer skips handled events.
 */
export async function staleUnhandledEvents(olderThanSeconds: number, limit: number): Promise<DomainEvent[]> {
  const rows = await sequelize.query<OutboxRow>(
    `SELECT ${COLUMNS} FROM domain_events
      WHERE handled_at IS NULL AND relayed_at < now() - make_interval(secs => :olderThanSeconds)
      ORDER BY id
      LIMIT :limit`,
    { type: QueryTypes.SELECT, replacements: { olderThanSeconds, limit } },
  );
  return rows.map(toEvent);
}

/**
 * For each event (same order): whether it was handled already, and the first earlier event of its
 * record still pending (the consumer waits for it). One query for a whole batch. An event missing
 * from the outbox (its workspace was deleted) counts as handled: nothing to do.
 */
export async function eventsProgress(events: Pick<DomainEvent, 'id' | 'table' | 'recordId'>[]): Promise<{ handled: boolean; waitingFor: string | null }[]> {
  if (!events.length) return [];
  const rows = await sequelize.query<{ id: string; handled: boolean | null; waiting_for: string | null }>(
    `SELECT p.id::text AS id,
            (SELECT handled_at IS NOT NULL FROM domain_events WHERE id = p.id) AS handled,
            (SELECT min(d.id)::text FROM domain_events d
              WHERE d.table_name = p.table_name AND d.record_id = p.record_id AND d.id < p.id AND d.handled_at IS NULL) AS waiting_for
       FROM jsonb_to_recordset(CAST(:events AS jsonb)) AS p(id bigint, table_name text, record_id uuid)`,
    { type: QueryTypes.SELECT, replacements: { events: JSON.stringify(events.map((e) => ({ id: e.id, table_name: e.table, record_id: e.recordId }))) } },
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  return events.map((e) => {
    const row = byId.get(e.id);
    return { handled: row?.handled ?? true, waitingFor: row?.waiting_for ?? null };
  });
}

/** Marks events handled: the next event of each record may run. */
export async function markEventsHandled(ids: string[]): Promise<void> {
  if (!ids.length) return;
  await sequelize.query(`UPDATE domain_events SET handled_at = now() WHERE id = ANY(:ids::bigint[]) AND handled_at IS NULL`, {
    replacements: { ids: `{${ids.join(',')}}` },
  });
}
