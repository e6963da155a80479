/**
 * S0 flows 1 and 2, last step: the delivery team shares a posting with several Builders at once,
 * then follows each one's progress. The UNIQUE (job_posting_id, builder_name) is the guard
 * against sharing twice: the whole batch is refused, naming who already has it, and nothing is
 * written. The posting's status follows its Builders by a trigger (migration 20261123150300).
 */
import { QueryTypes, UniqueConstraintError, type Transaction } from 'sequelize';
import { sequelize } from '../../db.js';
import { JOB_POSTING_BUILDER_STATUSES } from '../../models/job-posting-builder.model.js';
import { OutreachRuleError } from './rule-error.js';

export const MAX_BUILDERS_PER_SHARE = 100;

/** One name a line (or comma-separated), trimmed, blank lines dropped. */
export function parseBuilderNames(raw: string): string[] {
  return raw.split(/[\n,;]/).map((n) => n.trim().replace(/\s+/g, ' ')).filter(Boolean);
}

export interface ShareInput {
  workspaceId: string;
  jobPostingId: string;
  builderNames: string[];
  notes?: string | null;
}

export async function shareWithBuilders(input: ShareInput, transaction: Transaction): Promise<Record<string, unknown>[]> {
  const names = input.builderNames.map((n) => n.trim()).filter(Boolean);
  if (names.length === 0) throw new OutreachRuleError('Not shared: name at least one Builder');
  if (names.length > MAX_BUILDERS_PER_SHARE) throw new OutreachRuleError(`Not shared: at most ${MAX_BUILDERS_PER_SHARE} Builders at once`);
  const twice = names.filter((n, i) => names.indexOf(n) !== i);
  if (twice.length) throw new OutreachRuleError(`Not shared: ${[...new Set(twice)].join(', ')} listed twice`);
  const [posting] = await sequelize.query<{ id: string; status: string }>(
    `SELECT id, status FROM job_postings WHERE id = :id AND workspace_id = :workspaceId`,
    { type: QueryTypes.SELECT, transaction, replacements: { id: input.jobPostingId, workspaceId: input.workspaceId } },
  );
  if (!posting) throw new OutreachRuleError('Not shared: no such job posting in this workspace');
  if (posting.status === 'closed') throw new OutreachRuleError('Not shared: the posting is closed');
  try {
    // A savepoint, so a caller's outer transaction stays usable after the refusal.
    return await sequelize.transaction({ transaction }, (t) => sequelize.query<Record<string, unknown>>(
      `INSERT INTO job_posting_builders (workspace_id, job_posting_id, builder_name, notes)
       SELECT :workspaceId, :jobPostingId, name, :notes FROM unnest(ARRAY[:names]::text[]) AS name
       RETURNING *`,
      { type: QueryTypes.SELECT, transaction: t, replacements: { ...input, names, notes: input.notes?.trim() || null } },
    ));
  } catch (error) {
    if (!(error instanceof UniqueConstraintError)) throw error;
    const existing = await sequelize.query<{ builder_name: string }>(
      `SELECT builder_name FROM job_posting_builders WHERE job_posting_id = :jobPostingId AND builder_name IN (:names) ORDER BY builder_name`,
      { type: QueryTypes.SELECT, transaction, replacements: { jobPostingId: input.jobPostingId, names } },
    );
    const who = existing.map((r) => r.builder_name).join(', ') || names.join(', ');
    throw new OutreachRuleError(`Not shared: this posting is already shared with ${who}; nothing was added`);
  }
}

export interface BuilderStatusUpdate {
  workspaceId: string;
  jobPostingId: string;
  /** builder row id -> new status */
  statuses: Record<string, string>;
}

/** Updates the Builders' statuses of one posting; returns the rows that changed (before/after). */
export async function updateBuilderStatuses(input: BuilderStatusUpdate, transaction: Transaction) {
  const entries = Object.entries(input.statuses);
  for (const [, status] of entries) {
    if (!(JOB_POSTING_BUILDER_STATUSES as readonly string[]).includes(status)) {
      throw new OutreachRuleError(`Not saved: "${status}" is not a Builder status (${JOB_POSTING_BUILDER_STATUSES.join(', ')})`);
    }
  }
  if (entries.length === 0) throw new OutreachRuleError('Not saved: no Builder status given');
  const current = await sequelize.query<{ id: string; builder_name: string; status: string | null }>(
    `SELECT id, builder_name, status FROM job_posting_builders
      WHERE workspace_id = :workspaceId AND job_posting_id = :jobPostingId AND id IN (:ids) FOR UPDATE`,
    { type: QueryTypes.SELECT, transaction, replacements: { ...input, ids: entries.map(([id]) => id) } },
  );
  if (current.length !== entries.length) throw new OutreachRuleError('Not saved: a Builder named is not shared on this posting');
  const changed: { id: string; builder_name: string; before: string | null; after: string }[] = [];
  for (const row of current) {
    const next = input.statuses[row.id]!;
    if (next === row.status) continue;
    changed.push({ id: row.id, builder_name: row.builder_name, before: row.status, after: next });
  }
  if (changed.length) {
    await sequelize.query(
      `UPDATE job_posting_builders b SET status = c.status::enum_job_posting_builders_status
         FROM jsonb_to_recordset(:changes::jsonb) AS c(id uuid, status text) WHERE b.id = c.id`,
      { transaction, replacements: { changes: JSON.stringify(changed.map((c) => ({ id: c.id, status: c.after }))) } },
    );
  }
  return changed;
}

export async function buildersOf(workspaceId: string, jobPostingId: string) {
  return sequelize.query<{ id: string; builder_name: string; status: string | null; shared_date: string | null }>(
    `SELECT id, builder_name, status, shared_date FROM job_posting_builders
      WHERE workspace_id = :workspaceId AND job_posting_id = :jobPostingId ORDER BY builder_name`,
    { type: QueryTypes.SELECT, replacements: { workspaceId, jobPostingId } },
  );
}
