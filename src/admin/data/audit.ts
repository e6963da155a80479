/**
 * `audit_logs` rows for writes made in the panel: who, what, which row, the before/after of
 * the fields that changed (secrets masked) and the request it came from. Written in the same
 * transaction as the change, so there is no change without its entry.
 */
import type { Transaction } from 'sequelize';
import { AuditLog } from '../../models/index.js';
import type { Actor } from '../../domain/permissions/actor.js';
import { currentRequestMeta } from '../request-context.js';
import { isUuid } from '../../domain/uuid.js';

const IGNORED = new Set(['updated_at', 'created_at']);
export const MASK = '[secret]';

type Row = Record<string, unknown>;
export type Changes = Record<string, { from: unknown; to: unknown }>;

/** The fields whose values differ, compared as JSON (dates and decimals come back as strings). */
export function diffRows(before: Row | null, after: Row | null, secrets: string[] = []): Changes {
  const changes: Changes = {};
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  for (const key of keys) {
    if (IGNORED.has(key)) continue;
    const from = before?.[key] ?? null;
    const to = after?.[key] ?? null;
    if (JSON.stringify(from) === JSON.stringify(to)) continue;
    changes[key] = secrets.includes(key) ? { from: from === null ? null : MASK, to: to === null ? null : MASK } : { from, to };
  }
  return changes;
}

export async function recordAudit(entry: {
  actor: Actor;
  action: 'create' | 'update' | 'delete' | 'export' | 'import';
  table: string;
  id: unknown;
  before?: Row | null;
  after?: Row | null;
  secrets?: string[];
  description?: string;
  metadata?: Record<string, unknown>;
  transaction?: Transaction;
}): Promise<void> {
  const meta = currentRequestMeta();
  const id = isUuid(entry.id) ? entry.id : null;
  const changes = entry.before !== undefined || entry.after !== undefined
    ? diffRows(entry.before ?? null, entry.after ?? null, entry.secrets)
    : null;
  await AuditLog.create(
    {
      workspace_id: (entry.after?.workspace_id ?? entry.before?.workspace_id ?? entry.actor.workspaceId) as string,
      user_id: entry.actor.id,
      user_email: entry.actor.email,
      action: entry.action,
      severity: entry.action === 'delete' ? 'warn' : 'info',
      resource_type: entry.table,
      resource_id: id,
      description: entry.description ?? `${entry.action} ${entry.table}${id ? ` ${id}` : ''}`,
      changes,
      ip_address: meta?.ip ?? null,
      user_agent: meta?.userAgent ?? null,
      request_method: meta?.method ?? null,
      request_path: meta?.path ?? null,
      // Rows keyed by something other than a UUID (system_settings.key) keep their key here.
      metadata: { ...(id || entry.id === undefined ? {} : { key: String(entry.id) }), ...entry.metadata },
    },
    { transaction: entry.transaction },
  );
}
