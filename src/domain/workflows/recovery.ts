/**
 * No run is abandoned silently. The periodic sweep finds `running` executions nobody has touched
 * for LOST_AFTER_MINUTES: a wait whose resume job never came is resumed; a run whose job was lost
 * (worker killed, Redis flushed) is resumed once from its next action (a `recovered` entry in its
 * log says so) and marked failed if it is lost again at the same action.
 */
import { QueryTypes } from 'sequelize';
import { sequelize, withTransaction } from '../../db.js';
import { lastEntry, nextActionIndex, type LogEntry } from './execution-log.js';
import { continueRun, type RunOptions } from './run.js';

export const LOST_AFTER_MINUTES = 10;

export interface SweepResult {
  resumed: string[];
  failed: string[];
}

export async function sweepStaleRuns(options: RunOptions & { lostAfterMinutes?: number; limit?: number } = {}): Promise<SweepResult> {
  const claimed = await withTransaction(async (transaction) => {
    // SKIP LOCKED: a run being stepped right now holds its row lock and is not stale.
    const rows = await sequelize.query<{ id: string; actions_executed: LogEntry[] }>(
      `SELECT id, actions_executed FROM workflow_executions
        WHERE status = 'running' AND updated_at < now() - make_interval(mins => :minutes)
          AND NOT COALESCE(actions_executed -> -1 ->> 'status' = 'waiting'
                           AND CAST(actions_executed -> -1 ->> 'resume_at' AS timestamptz) > now(), false)
        ORDER BY updated_at LIMIT :limit
        FOR UPDATE SKIP LOCKED`,
      { type: QueryTypes.SELECT, replacements: { minutes: options.lostAfterMinutes ?? LOST_AFTER_MINUTES, limit: options.limit ?? 100 }, transaction },
    );
    const resumed: string[] = [];
    const failed: string[] = [];
    for (const row of rows) {
      const entries = row.actions_executed;
      if (lastEntry(entries)?.status === 'waiting') {
        resumed.push(row.id);
        continue;
      }
      const index = nextActionIndex(entries);
      const lostBefore = entries.some((e) => e.status === 'recovered' && e.index === index);
      const note: LogEntry = { index, type: 'recovery', status: 'recovered', at: new Date().toISOString() };
      if (lostBefore) {
        await sequelize.query(
          `UPDATE workflow_executions SET status = 'failed', completed_at = now(),
                  duration_seconds = EXTRACT(EPOCH FROM now() - started_at),
                  error_message = :message WHERE id = :id`,
          { replacements: { id: row.id, message: `run lost twice at action ${index + 1}: marked failed (retry it to go on)` }, transaction },
        );
        failed.push(row.id);
      } else {
        // Touching updated_at keeps a second sweep from taking it while this one resumes it.
        await sequelize.query(
          `UPDATE workflow_executions SET actions_executed = actions_executed || CAST(:note AS jsonb) WHERE id = :id`,
          { replacements: { id: row.id, note: JSON.stringify(note) }, transaction },
        );
        resumed.push(row.id);
      }
    }
    return { resumed, failed };
  });
  for (const id of claimed.resumed) await continueRun(id, options);
  return claimed;
}
