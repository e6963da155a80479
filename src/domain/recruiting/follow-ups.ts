/**
 * The recruiter's reminders (S1 "My Action Queue"), made by the daily `recruiting-follow-ups`
 * job in two set-based statements:
 *
 * - a **due follow-up**: an active application whose `next_follow_up_date` has come (on the
 *   recruiter's calendar, users.timezone) -> a `chat_followup` item;
 * - a **stuck** application: the co-pilot is waiting for the candidate (automation_status
 *   contacting or awaiting_reply) and nothing has happened on it (no timeline row, no chat
 *   message either way, since it was created) for STUCK_AFTER_DAYS days -> a `no_response` item.
 *
 * The recruiter is the job's `assigned_recruiter_id` (an application of a job without one has
 * nobody to remind). An application is named by (related_job_id, related_candidate_id): one
 * candidate applies once per job. No duplicates: an item is not made again while one for the
 * same application and reason is open, nor after one was dismissed for the same occasion (the
 * same due date; no activity since). A later due date or a new silence makes a new one.
 */
import { QueryTypes, type Transaction } from 'sequelize';
import { sequelize, withTransaction } from '../../db.js';

/** Days without any timeline row or chat message after which an application waiting for a reply is stuck. */
export const STUCK_AFTER_DAYS = 3;

/**
 * One lock for the sweeps that insert action-queue items, so two runs at once (a retried job
 * beside a scheduled one) cannot both see "no item yet" and both insert.
 */
export async function lockActionQueueSweep(transaction: Transaction): Promise<void> {
  await sequelize.query(`SELECT pg_advisory_xact_lock(hashtext('action_queue_sweep'))`, { type: QueryTypes.SELECT, transaction });
}

/** Items for follow-ups due today or earlier; returns how many were added. */
export async function queueDueFollowUps(transaction: Transaction): Promise<number> {
  const rows = await sequelize.query(
    `INSERT INTO action_queue (workspace_id, user_id, type, title, description, priority, related_job_id, related_candidate_id)
     SELECT a.workspace_id, j.assigned_recruiter_id, 'chat_followup',
            'Follow up with ' || concat_ws(' ', c.first_name, c.last_name) || ' (' || j.title || ')',
            'Follow-up due ' || a.next_follow_up_date || COALESCE(E'\\n' || a.follow_up_remarks, ''),
            CASE WHEN a.next_follow_up_date < t.today THEN 'high' ELSE 'medium' END::enum_action_queue_priority,
            a.job_id, a.candidate_id
       FROM applications a
       JOIN jobs j ON j.id = a.job_id
       JOIN users r ON r.id = j.assigned_recruiter_id
       JOIN users c ON c.id = a.candidate_id
      CROSS JOIN LATERAL (SELECT (now() AT TIME ZONE safe_time_zone(COALESCE(r.timezone, 'UTC')))::date AS today) t
      WHERE a.is_active AND a.next_follow_up_date IS NOT NULL AND a.next_follow_up_date <= t.today
        AND NOT EXISTS (
              SELECT 1 FROM action_queue q
               WHERE q.related_candidate_id = a.candidate_id AND q.related_job_id = a.job_id
                 AND q.user_id = j.assigned_recruiter_id AND q.type = 'chat_followup'
                 -- open, or already raised (and dismissed) for this due date
                 AND (NOT q.is_dismissed OR q.created_at >= a.next_follow_up_date))
     RETURNING id`,
    { type: QueryTypes.SELECT, transaction },
  );
  return rows.length;
}

/** Items for applications stuck without a reply; returns how many were added. */
export async function queueStuckApplications(transaction: Transaction): Promise<number> {
  const rows = await sequelize.query(
    `WITH waiting AS (
       SELECT a.*, j.assigned_recruiter_id AS recruiter_id, j.title AS job_title,
              greatest(a.created_at,
                       (SELECT max(tl.created_at) FROM application_timeline tl WHERE tl.application_id = a.id),
                       (SELECT max(m.sent_at) FROM chat_messages m WHERE m.application_id = a.id)) AS last_activity_at
         FROM applications a
         JOIN jobs j ON j.id = a.job_id
        WHERE a.is_active AND a.automation_status IN ('contacting', 'awaiting_reply') AND j.assigned_recruiter_id IS NOT NULL
     )
     INSERT INTO action_queue (workspace_id, user_id, type, title, description, priority, related_job_id, related_candidate_id)
     SELECT w.workspace_id, w.recruiter_id, 'no_response',
            'No reply from ' || concat_ws(' ', c.first_name, c.last_name) || ' (' || w.job_title || ')',
            'Nothing on this application since ' || to_char(w.last_activity_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') || ' UTC ('
              || replace(w.automation_status::text, '_', ' ') || ')',
            'medium', w.job_id, w.candidate_id
       FROM waiting w
       JOIN users c ON c.id = w.candidate_id
      WHERE w.last_activity_at < now() - make_interval(days => :days)
        AND NOT EXISTS (
              SELECT 1 FROM action_queue q
               WHERE q.related_candidate_id = w.candidate_id AND q.related_job_id = w.job_id
                 AND q.user_id = w.recruiter_id AND q.type = 'no_response'
                 -- open, or already raised (and dismissed) for this silence
                 AND (NOT q.is_dismissed OR q.created_at >= w.last_activity_at))
     RETURNING id`,
    { type: QueryTypes.SELECT, transaction, replacements: { days: STUCK_AFTER_DAYS } },
  );
  return rows.length;
}

/** The daily sweep: both kinds of items, under one lock. */
export function queueRecruiterReminders(): Promise<{ dueFollowUps: number; stuck: number }> {
  return withTransaction(async (transaction) => {
    await lockActionQueueSweep(transaction);
    return { dueFollowUps: await queueDueFollowUps(transaction), stuck: await queueStuckApplications(transaction) };
  });
}
