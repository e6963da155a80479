/**
 * When a campaign e-mail to one contact is due (email_queue.scheduled_for). The campaign starts
 * at `start` (scheduled_at or "now", plus send_delay_minutes); from there each contact gets the
 * earliest instant that is
 * - on one of `send_on_days` (ISO weekdays, 1 = Monday) and
 * - at or after `send_at_time` (a time of day),
 * both read on the contact's own clock: contacts.timezone, else the workspace's
 * settings.timezone, else UTC (names PostgreSQL does not know fall through to the next). So a
 * 09:00 Monday-to-Friday campaign started on Friday 15:00 UTC goes at once to New York (10:00
 * there) and on Monday 09:00 to Tokyo (already Saturday there). Computed in SQL, per contact
 * (next_send_slot), inside the fan-out's one INSERT … SELECT.
 */
import { QueryTypes, type Transaction } from 'sequelize';
import { sequelize } from '../../db.js';
import type { SqlParams } from './sql-params.js';

export interface SendWindow {
  /** 'HH:MM[:SS]' or null (any time of day). */
  send_at_time: string | null;
  /** ISO weekdays; never empty (a CHECK). */
  send_on_days: number[];
}

/** The instant the campaign starts: `base` plus its send delay. */
export function campaignStart(base: Date, sendDelayMinutes: number | null): Date {
  return new Date(base.getTime() + (sendDelayMinutes ?? 0) * 60_000);
}

/**
 * SQL for the due instant of one contact; `tz` is an SQL expression naming a valid time zone.
 * The rule itself is `next_send_slot` (migration 20261123140000), the one the sender also
 * applies at send time: from send_at_time (midnight when there is none) to the end of an
 * allowed local day.
 */
export function sendTimeSql(start: Date, window: SendWindow, tz: string, params: SqlParams): string {
  return `next_send_slot(${params.add(start, 'timestamptz')}, ${tz}, ${params.add(window.send_on_days, 'int[]')}, ${params.add(window.send_at_time, 'time')}, NULL)`;
}

/** The workspace's settings.timezone when PostgreSQL knows it, else 'UTC'. */
export async function workspaceTimezone(workspaceId: string, transaction?: Transaction): Promise<string> {
  const [row] = await sequelize.query<{ tz: string }>(
    `SELECT coalesce((SELECT z.name FROM pg_timezone_names z WHERE z.name = w.settings->>'timezone'), 'UTC') AS tz
       FROM workspaces w WHERE w.id = $1`,
    { type: QueryTypes.SELECT, bind: [workspaceId], transaction },
  );
  return row?.tz ?? 'UTC';
}

/** A join naming each contact's valid time zone `tz.name` (NULL when unknown): the time zone list is read once. */
export const CONTACT_TIMEZONE_JOIN = 'LEFT JOIN (SELECT name FROM pg_timezone_names) tz ON tz.name = c.timezone';
