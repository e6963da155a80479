/**
 * One contact's history in one list (S4's "contact timeline"): the emails sent to them and what
 * happened to each (opens, clicks, replies, bounces), activities, tasks and sequence enrollments,
 * newest first. Each kind is read under the actor's own `list` scope on its table, so the
 * timeline never shows a row the actor could not open in that table's list; a kind the actor may
 * not list at all is left out and named in `hidden`.
 */
import { QueryTypes } from 'sequelize';
import { sequelize } from '../../db.js';
import type { Actor } from '../permissions/actor.js';
import { visibleRows } from '../permissions/visible-rows.js';

export const TIMELINE_KINDS = ['email', 'email_event', 'activity', 'task', 'enrollment'] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export interface TimelineEntry {
  kind: TimelineKind;
  /** The table and id of the row, for a link to it. */
  table: string;
  id: string;
  at: string;
  title: string;
  status: string | null;
  detail: string | null;
}

export interface ContactTimeline {
  entries: TimelineEntry[];
  /** Tables the actor may not list: their rows are not in the timeline. */
  hidden: string[];
}

/** Each kind: its table (whose scope applies), its alias, and the SELECT of its entries. */
const SOURCES: { kind: TimelineKind; table: string; alias: string; sql: string }[] = [
  {
    kind: 'email', table: 'emails', alias: 'e',
    sql: `SELECT 'email' AS kind, 'emails' AS "table", e.id, COALESCE(e.sent_at, e.scheduled_at, e.created_at) AS at,
                 COALESCE(NULLIF(e.subject, ''), '(no subject)') AS title, e.status::text AS status,
                 concat_ws(' ', 'to', e.to_email, CASE WHEN e.error_message IS NOT NULL THEN '· ' || e.error_message END) AS detail
            FROM emails e WHERE e.contact_id = :contactId`,
  },
  {
    kind: 'email_event', table: 'email_events', alias: 'ev',
    sql: `SELECT 'email_event', 'email_events', ev.id, ev.created_at, initcap(ev.event_type::text) || ': ' || COALESCE(NULLIF(e.subject, ''), '(no subject)'),
                 NULL, ev.link_url
            FROM email_events ev JOIN emails e ON e.id = ev.email_id
           WHERE e.contact_id = :contactId AND ev.event_type <> 'sent'`,
  },
  {
    kind: 'activity', table: 'activities', alias: 'a',
    sql: `SELECT 'activity', 'activities', a.id, COALESCE(a.occurred_at, a.completed_at, a.due_at, a.created_at),
                 initcap(replace(a.type::text, '_', ' ')) || COALESCE(': ' || NULLIF(a.subject, ''), ''), a.status::text,
                 concat_ws(' · ', a.call_result::text, NULLIF(a.outcome, ''), NULLIF(left(a.description, 200), ''))
            FROM activities a WHERE a.contact_id = :contactId`,
  },
  {
    kind: 'task', table: 'tasks', alias: 't',
    sql: `SELECT 'task', 'tasks', t.id, COALESCE(t.completed_at, t.due_at, t.created_at), 'Task: ' || t.title, t.status::text,
                 concat_ws(' · ', 'priority ' || t.priority::text, CASE WHEN t.due_at IS NOT NULL THEN 'due ' || to_char(t.due_at, 'YYYY-MM-DD HH24:MI') END)
            FROM tasks t WHERE t.contact_id = :contactId`,
  },
  {
    kind: 'enrollment', table: 'sequence_enrollments', alias: 'en',
    sql: `SELECT 'enrollment', 'sequence_enrollments', en.id, en.created_at, 'Enrolled in ' || s.name, en.status::text,
                 'step ' || en.current_step
            FROM sequence_enrollments en JOIN sequences s ON s.id = en.sequence_id WHERE en.contact_id = :contactId`,
  },
];

export async function contactTimeline(actor: Actor, contactId: string, limit = 200): Promise<ContactTimeline> {
  const parts: string[] = [];
  const hidden: string[] = [];
  for (const source of SOURCES) {
    const visible = visibleRows(actor, source.table, source.alias);
    if (visible) parts.push(`${source.sql} AND ${visible}`);
    else hidden.push(source.table);
  }
  if (parts.length === 0) return { entries: [], hidden };
  const entries = await sequelize.query<TimelineEntry>(
    `SELECT kind, "table", id, at, title, status, detail FROM (${parts.join('\nUNION ALL\n')}) x
      ORDER BY at DESC, kind LIMIT :limit`,
    { type: QueryTypes.SELECT, replacements: { contactId, limit } },
  );
  return { entries: entries.map((e) => ({ ...e, at: new Date(e.at).toISOString() })), hidden };
}
