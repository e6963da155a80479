/** What every action gets: the run, the record as it is now, and the step's transaction. */
import { QueryTypes, type Transaction } from 'sequelize';
import { sequelize } from '../../../db.js';
import type { DomainEvent } from '../../events/types.js';

export interface RunContext {
  workspaceId: string;
  workflow: { id: string; name: string; owner_id: string | null };
  executionId: string;
  actionIndex: number;
  event: DomainEvent;
  /** The trigger's table; null for a scheduled run (no record). */
  table: string | null;
  /** The record re-read in this step's transaction (an earlier action may have changed it). */
  record: Record<string, unknown> | null;
  transaction: Transaction;
}

/** A refusal that retrying cannot fix (a missing template, a record without a contact …). */
export class ActionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ActionError';
  }
}

type Row = Record<string, unknown>;

export async function select<T extends Row>(sql: string, replacements: Row, transaction: Transaction): Promise<T[]> {
  return sequelize.query<T>(sql, { type: QueryTypes.SELECT, replacements, transaction });
}

export async function one<T extends Row>(sql: string, replacements: Row, transaction: Transaction): Promise<T | undefined> {
  return (await select<T>(sql, replacements, transaction))[0];
}

/** The record of a run; actions that need one are refused at save for scheduled workflows. */
export function recordOf(ctx: RunContext): { table: string; record: Row; id: string } {
  if (!ctx.table || !ctx.record) throw new ActionError('this run has no record');
  return { table: ctx.table, record: ctx.record, id: String(ctx.record.id) };
}

const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);

/** The rows a task, activity or email made for this record links to. */
export function linksOf(ctx: RunContext): { contact_id: string | null; deal_id: string | null; account_id: string | null; lead_id: string | null } {
  const record = ctx.record ?? {};
  return {
    contact_id: ctx.table === 'contacts' ? str(record.id) : str(record.contact_id),
    deal_id: ctx.table === 'deals' ? str(record.id) : str(record.deal_id),
    account_id: str(record.account_id),
    lead_id: str(record.lead_id),
  };
}

/** A user of this workspace (active, not deleted), or an ActionError naming the id. */
export async function workspaceUser(ctx: RunContext, userId: string | null, what: string): Promise<string> {
  if (!userId) throw new ActionError(`${what}: the record has no owner`);
  const user = await one<{ id: string }>(
    `SELECT id FROM users WHERE id = :userId AND workspace_id = :workspaceId AND is_active AND deleted_at IS NULL`,
    { userId, workspaceId: ctx.workspaceId }, ctx.transaction,
  );
  if (!user) throw new ActionError(`${what}: user ${userId} is not an active user of this workspace`);
  return user.id;
}

/** The mailbox named, or the first active one of the record's owner. */
export async function mailboxFor(ctx: RunContext, mailboxId: string | undefined): Promise<{ id: string; email: string; user_id: string }> {
  const ownerId = str(ctx.record?.owner_id);
  const mailbox = await one<{ id: string; email: string; user_id: string }>(
    mailboxId
      ? `SELECT id, email, user_id FROM email_accounts WHERE id = :mailboxId AND workspace_id = :workspaceId AND is_active`
      : `SELECT id, email, user_id FROM email_accounts WHERE user_id = :ownerId AND workspace_id = :workspaceId AND is_active
          ORDER BY created_at LIMIT 1`,
    { mailboxId: mailboxId ?? null, ownerId, workspaceId: ctx.workspaceId }, ctx.transaction,
  );
  if (!mailbox) {
    throw new ActionError(mailboxId ? `mailbox ${mailboxId} is not an active mailbox of this workspace` : 'the record\'s owner has no active mailbox');
  }
  return mailbox;
}
