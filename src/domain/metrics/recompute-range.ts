/**
 * The date range a person asks a metric table to be recomputed over (the panel's "Recompute"
 * action): both ends are calendar days and both are included, as people say "from the 1st to the
 * 31st". The ETL works on half-open ranges [from, to), so the end moves one day on.
 * A range is capped so that one click cannot queue years of full recomputes by mistake.
 */
import { METRIC_NAMES, type MetricName } from './types.js';

/** Longest range one recompute may cover: three years (leap days included). */
export const MAX_RECOMPUTE_DAYS = 3 * 366;

const DAY_MS = 86_400_000;

export class RecomputeRangeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RecomputeRangeError';
  }
}

/** A real calendar day written YYYY-MM-DD (2026-02-30 is not one). */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

export interface RecomputeRange {
  metric: MetricName;
  /** First day recomputed. */
  from: string;
  /** Last day recomputed (as typed). */
  through: string;
  /** The day after the last day recomputed (the ETL's exclusive end). */
  to: string;
  /** Days covered. */
  days: number;
}

/** The metric whose ETL writes `table` (email_metrics -> email), or null. */
export function metricOfTable(table: string): MetricName | null {
  return METRIC_NAMES.find((name) => `${name}_metrics` === table) ?? null;
}

/**
 * Checks an inclusive range [from, through] of days as typed and returns it as the ETL wants it.
 * Throws RecomputeRangeError with a message for the person who typed it.
 */
export function parseRecomputeRange(metric: MetricName, from: unknown, through: unknown): RecomputeRange {
  const first = typeof from === 'string' ? from.trim() : '';
  const last = typeof through === 'string' ? through.trim() : '';
  if (!first || !last) throw new RecomputeRangeError('Give both dates: from and to');
  if (!isIsoDate(first)) throw new RecomputeRangeError(`"From" must be a date YYYY-MM-DD, not "${first.slice(0, 40)}"`);
  if (!isIsoDate(last)) throw new RecomputeRangeError(`"To" must be a date YYYY-MM-DD, not "${last.slice(0, 40)}"`);
  if (first > last) throw new RecomputeRangeError(`"From" (${first}) is after "To" (${last})`);
  const start = Date.parse(`${first}T00:00:00Z`);
  const end = Date.parse(`${last}T00:00:00Z`) + DAY_MS;
  const days = Math.round((end - start) / DAY_MS);
  if (days > MAX_RECOMPUTE_DAYS) {
    throw new RecomputeRangeError(`The range covers ${days} days; at most ${MAX_RECOMPUTE_DAYS} (three years) at once`);
  }
  return { metric, from: first, through: last, to: new Date(end).toISOString().slice(0, 10), days };
}
