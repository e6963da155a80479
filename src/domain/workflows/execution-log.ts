/**
 * The state of a run, kept in its `workflow_executions` row (no other store): `actions_executed`
 * is the run's log, one entry per action outcome in order, and the next action to run is the one
 * after the last succeeded (or waited-out) entry. A failed entry stays in the log when the run is
 * retried, so the log says what happened; success_count and failure_count count the entries.
 */
export type EntryStatus = 'succeeded' | 'failed' | 'waiting' | 'recovered';

export interface LogEntry {
  index: number;
  type: string;
  status: EntryStatus;
  params?: Record<string, unknown>;
  result?: Record<string, unknown>;
  error?: string;
  attempts?: number;
  at: string;
  /** wait: when the run goes on. */
  resume_at?: string;
}

export function nextActionIndex(entries: LogEntry[]): number {
  for (let i = entries.length - 1; i >= 0; i--) {
    const entry = entries[i]!;
    if (entry.status === 'succeeded') return entry.index + 1;
  }
  return 0;
}

export function counts(entries: LogEntry[]): { success_count: number; failure_count: number } {
  return {
    success_count: entries.filter((e) => e.status === 'succeeded').length,
    failure_count: entries.filter((e) => e.status === 'failed').length,
  };
}

export const lastEntry = (entries: LogEntry[]): LogEntry | undefined => entries[entries.length - 1];
