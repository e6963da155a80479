/**
 * What the outbox triggers stamp on the events a transaction causes: the acting user and the
 * event depth (how many workflow runs led to this change). Set with set_config(…, true), i.e.
 * for the current transaction only, so a pooled connection never carries it into the next one.
 * The triggers read `crm.actor_id` and `crm.event_depth` (missing = none / 0).
 */
import type { Transaction } from 'sequelize';
import { sequelize } from '../../db.js';

export async function setEventContext(transaction: Transaction, context: { actorId?: string | null; depth?: number }): Promise<void> {
  await sequelize.query(
    `SELECT set_config('crm.actor_id', :actorId, true), set_config('crm.event_depth', :depth, true)`,
    { replacements: { actorId: context.actorId ?? '', depth: String(context.depth ?? 0) }, transaction },
  );
}
