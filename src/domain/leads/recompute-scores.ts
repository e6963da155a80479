/**
 * The full lead score computation (nightly, and after any doubt): every lead's score, flags and
 * last activity from all its activities, in one set-based statement — the database function
 * `recompute_lead_scores` that migration 20261123150200 generates from scoring.ts, the same
 * weights the incremental trigger adds. Leads already right are not rewritten.
 */
import { QueryTypes } from 'sequelize';
import { sequelize } from '../../db.js';

/** Recomputes all leads (or only `leadIds`); returns how many leads changed. */
export async function recomputeLeadScores(leadIds?: string[]): Promise<{ changed: number }> {
  const [row] = await sequelize.query<{ changed: number }>('SELECT recompute_lead_scores($1::uuid[]) AS changed', {
    bind: [leadIds ?? null],
    type: QueryTypes.SELECT,
  });
  return { changed: row!.changed };
}
