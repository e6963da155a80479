/**
 * What a recruiter does on one application: change its status with a remark (the timeline row
 * comes from the database trigger, through `changeApplicationStatus`), approve it, and post a
 * chat message. Each reads the row in the caller's workspace, locked, and returns what changed.
 */
import { QueryTypes, type Transaction } from 'sequelize';
import { sequelize } from '../../db.js';
import {
  APPLICATION_FOLLOW_UP_STATUSES,
  APPLICATION_STATUSES,
  type ApplicationFollowUpStatus,
  type ApplicationStatus,
} from '../../models/application.model.js';
import { changeApplicationStatus } from './application-status.js';
import { RecruitingRuleError } from './rule-error.js';

export const MAX_CHAT_MESSAGE = 5000;
export const MAX_REMARKS = 2000;

interface ApplicationRow {
  id: string;
  workspace_id: string;
  status: string;
  follow_up_status: string | null;
  is_recruiter_approved: boolean;
  is_active: boolean;
}

async function lockApplication(workspaceId: string, applicationId: string, transaction: Transaction): Promise<ApplicationRow> {
  const [row] = await sequelize.query<ApplicationRow>(
    `SELECT id, workspace_id, status::text, follow_up_status::text, is_recruiter_approved, is_active
       FROM applications WHERE id = :applicationId AND workspace_id = :workspaceId FOR UPDATE`,
    { type: QueryTypes.SELECT, transaction, replacements: { workspaceId, applicationId } },
  );
  if (!row) throw new RecruitingRuleError('No such application in this workspace');
  return row;
}

export interface StatusChangeRequest {
  workspaceId: string;
  applicationId: string;
  actorId: string;
  status?: string | null;
  /** '' or undefined: unchanged. */
  followUpStatus?: string | null;
  remarks?: string | null;
}

export async function changeStatusWithRemarks(request: StatusChangeRequest, transaction: Transaction) {
  const status = request.status?.trim() || null;
  const followUp = request.followUpStatus?.trim() || null;
  const remarks = request.remarks?.trim() || null;
  if (status && !(APPLICATION_STATUSES as readonly string[]).includes(status)) {
    throw new RecruitingRuleError(`Status not changed: "${status}" is not one of ${APPLICATION_STATUSES.join(', ')}`);
  }
  if (followUp && !(APPLICATION_FOLLOW_UP_STATUSES as readonly string[]).includes(followUp)) {
    throw new RecruitingRuleError(`Status not changed: follow-up "${followUp}" is not one of ${APPLICATION_FOLLOW_UP_STATUSES.join(', ')}`);
  }
  if (!remarks) throw new RecruitingRuleError('Status not changed: remarks are required (they go on the timeline)');
  if (remarks.length > MAX_REMARKS) throw new RecruitingRuleError(`Status not changed: remarks are limited to ${MAX_REMARKS} characters`);
  const before = await lockApplication(request.workspaceId, request.applicationId, transaction);
  const statusChanges = status !== null && status !== before.status;
  const followUpChanges = followUp !== null && followUp !== before.follow_up_status;
  if (!statusChanges && !followUpChanges) throw new RecruitingRuleError('Status not changed: pick a status different from the current one');
  const after = await changeApplicationStatus({
    applicationId: before.id,
    actorId: request.actorId,
    ...(statusChanges && { status: status as ApplicationStatus }),
    ...(followUpChanges && { followUpStatus: followUp as ApplicationFollowUpStatus }),
    remarks,
  }, transaction);
  return {
    before: { status: before.status, follow_up_status: before.follow_up_status, is_active: before.is_active },
    after: { status: after!.status, follow_up_status: after!.follow_up_status, is_active: after!.is_active },
  };
}

export async function approveApplication(workspaceId: string, applicationId: string, transaction: Transaction) {
  const before = await lockApplication(workspaceId, applicationId, transaction);
  if (before.is_recruiter_approved) throw new RecruitingRuleError('This application is approved already');
  if (!before.is_active) throw new RecruitingRuleError(`Not approved: the application is closed (${before.status})`);
  await sequelize.query(`UPDATE applications SET is_recruiter_approved = true WHERE id = :id`, { transaction, replacements: { id: before.id } });
  return { before: { is_recruiter_approved: false }, after: { is_recruiter_approved: true } };
}

export async function postRecruiterMessage(workspaceId: string, applicationId: string, text: string, transaction: Transaction) {
  const message = text.trim();
  if (!message) throw new RecruitingRuleError('Message not sent: it is empty');
  if (message.length > MAX_CHAT_MESSAGE) throw new RecruitingRuleError(`Message not sent: at most ${MAX_CHAT_MESSAGE} characters`);
  const application = await lockApplication(workspaceId, applicationId, transaction);
  const [row] = await sequelize.query<Record<string, unknown>>(
    // The recruiter wrote it, so it is read.
    `INSERT INTO chat_messages (workspace_id, application_id, sender_type, message_text, is_read)
     VALUES (:workspaceId, :applicationId, 'recruiter', :message, true) RETURNING *`,
    { type: QueryTypes.SELECT, transaction, replacements: { workspaceId, applicationId: application.id, message } },
  );
  return row!;
}
