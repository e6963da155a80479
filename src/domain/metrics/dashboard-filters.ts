/**
 * The dashboard's filters as they arrive from outside (query strings): validated and given
 * their defaults here, once, so every section reads the same range, team and owner.
 *
 * - `from` / `to`: ISO dates, both days included (a person picks "1 to 31 March", not "1 March
 *   to 1 April"); default the last 90 days up to today (UTC, as the metric tables' days are).
 * - `teamId` / `ownerId`: optional UUIDs; whether the actor may see them is checked against the
 *   database in dashboard-data.ts (a well-formed id can still be out of reach).
 */
import { z } from 'zod';
import { UUID_PATTERN } from '../uuid.js';

/** The widest range one request may ask for: bounded work, and charts that stay readable. */
export const MAX_RANGE_DAYS = 1100;
export const DEFAULT_RANGE_DAYS = 90;

export interface DashboardFilters {
  from: string;
  to: string;
  teamId: string | null;
  ownerId: string | null;
}

/** A filter that cannot be honoured; its message names the parameter and says what is expected. */
export class DashboardFilterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DashboardFilterError';
  }
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A real calendar day (2026-02-30 is not one). */
const isCalendarDay = (value: string) => {
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
};

// Every parameter is one string; an empty one is "no filter" (what an emptied form field sends).
const schema = z.strictObject({
  from: z.string().optional(),
  to: z.string().optional(),
  teamId: z.string().optional(),
  ownerId: z.string().optional(),
});

const dayMs = 86_400_000;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (day: string, n: number) => isoDay(new Date(Date.parse(`${day}T00:00:00Z`) + n * dayMs));

/** Parses query parameters; throws DashboardFilterError with a message fit to show. */
export function parseDashboardFilters(query: unknown, today: Date = new Date()): DashboardFilters {
  const parsed = schema.safeParse(query ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new DashboardFilterError(issue.code === 'unrecognized_keys'
      ? `unknown filter ${issue.keys.map((k) => `"${k}"`).join(', ')} (known: from, to, teamId, ownerId)`
      : `${issue.path.join('.')}: give one value`);
  }
  const { from, to, teamId, ownerId } = parsed.data;
  for (const [name, value] of Object.entries({ from, to })) {
    if (value && !(DATE.test(value) && isCalendarDay(value))) {
      throw new DashboardFilterError(`${name}: "${value.slice(0, 40)}" is not a date as YYYY-MM-DD`);
    }
  }
  for (const [name, value] of Object.entries({ teamId, ownerId })) {
    if (value && !UUID_PATTERN.test(value)) throw new DashboardFilterError(`${name}: "${value.slice(0, 40)}" is not an id (UUID)`);
  }
  const end = to || isoDay(today);
  const start = from || addDays(end, -(DEFAULT_RANGE_DAYS - 1));
  if (start > end) throw new DashboardFilterError(`from (${start}) is after to (${end})`);
  const span = (Date.parse(end) - Date.parse(start)) / dayMs + 1;
  if (span > MAX_RANGE_DAYS) throw new DashboardFilterError(`the range is ${span} days; at most ${MAX_RANGE_DAYS} days at a time`);
  return { from: start, to: end, teamId: teamId?.toLowerCase() || null, ownerId: ownerId?.toLowerCase() || null };
}
