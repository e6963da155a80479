/**
 * Changing an application's status (S1). The database does the rules, whichever path writes the
 * row (panel, import, job, workflow): `applications_log_timeline` writes one
 * `application_timeline` row per changed column among status, automation_status and
 * follow_up_status (remarks start with the column's name), and `applications_set_is_active`
 * makes it inactive once status is rejected/withdrawn or follow_up_status is joined
 * (migrations/20261123120600). This function only tells those triggers who acted and why, which
 * they read from transaction-local settings.
 */
import { QueryTypes, type Transaction } from 'sequelize';
import { sequelize, withTransaction } from '../../db.js';
import type {
  ApplicationAutomationStatus,
  ApplicationFollowUpStatus,
  ApplicationStatus,
} from '../../models/application.model.js';

export interface ApplicationStatusChange {
  applicationId: string;
  /** The recruiter (application_timeline.changed_by); null for the system. */
  actorId: string | null;
  status?: ApplicationStatus;
  automationStatus?: ApplicationAutomationStatus;
  /** null clears it. */
  followUpStatus?: ApplicationFollowUpStatus | null;
  /** Appended to each timeline row's remarks ("status: <remarks>"). */
  remarks?: string | null;
}

/** Applies the change; returns the application's statuses and is_active afterwards (null: no such application). */
export function changeApplicationStatus(change: ApplicationStatusChange, transaction?: Transaction) {
  return transaction ? apply(change, transaction) : withTransaction((t) => apply(change, t));
}

/** Sets who acts (and the remark) for the timeline trigger, for the rest of the transaction only. */
export async function setTimelineContext(actorId: string | null, remarks: string | null, transaction: Transaction): Promise<void> {
  // set_config(..., true): transaction-local, so a pooled connection does not carry it over.
  await sequelize.query(`SELECT set_config('app.user_id', :actor, true), set_config('app.timeline_remarks', :remarks, true)`, {
    type: QueryTypes.SELECT, replacements: { actor: actorId ?? '', remarks: remarks ?? '' }, transaction,
  });
}

async function apply(change: ApplicationStatusChange, transaction: Transaction) {
  await setTimelineContext(change.actorId, change.remarks ?? null, transaction);
  const [row] = await sequelize.query<{ status: string; automation_status: string; follow_up_status: string | null; is_active: boolean }>(
    `UPDATE applications
        SET status = COALESCE(:status, status::text)::enum_applications_status,
            automation_status = COALESCE(:automationStatus, automation_status::text)::enum_applications_automation_status,
            follow_up_status = CASE WHEN :followUpGiven THEN :followUpStatus::enum_applications_follow_up_status
                                    ELSE follow_up_status END
      WHERE id = :applicationId
      RETURNING status, automation_status, follow_up_status, is_active`,
    {
      type: QueryTypes.SELECT, transaction,
      replacements: {
        applicationId: change.applicationId, status: change.status ?? null, automationStatus: change.automationStatus ?? null,
        followUpGiven: change.followUpStatus !== undefined, followUpStatus: change.followUpStatus ?? null,
      },
    },
  );
  return row ?? null;
}
