/**
 * S0 flow 1, step 3: the contact of an outreach shares an opening. The posting is linked by
 * `outreach_id`, takes the outreach's company and workspace, counts as sourced by outreach,
 * and the outreach moves on to `opportunity_created` (what that status means in S0) unless it
 * already closed as not interested. Flow 2 (a posting found on a job board) is the plain form.
 */
import { QueryTypes, type Transaction } from 'sequelize';
import { sequelize } from '../../db.js';
import { OutreachRuleError } from './rule-error.js';

export interface PostingFromOutreach {
  workspaceId: string;
  outreachId: string;
  /** Who logs it (job_postings.staff_user_id). */
  staffUserId: string;
  jobTitle: string;
  /** Defaults to the outreach's company. */
  companyName?: string | null;
  jobUrl?: string | null;
  location?: string | null;
  salaryRange?: string | null;
  description?: string | null;
}

const text = (v: string | null | undefined) => (v && v.trim() ? v.trim() : null);

/** Statuses an outreach that produced a posting has moved past already (kept as they are). */
const KEPT = ['opportunity_created', 'not_interested'];

export async function logPostingFromOutreach(input: PostingFromOutreach, transaction: Transaction) {
  const jobTitle = text(input.jobTitle);
  if (!jobTitle) throw new OutreachRuleError('Job posting not logged: job title is required');
  const url = text(input.jobUrl);
  if (url && !/^https?:\/\/\S+$/i.test(url)) throw new OutreachRuleError('Job posting not logged: the job URL must start with http:// or https://');
  const [outreach] = await sequelize.query<{ id: string; company_name: string; status: string }>(
    `SELECT id, company_name, status FROM outreach WHERE id = :id AND workspace_id = :workspaceId FOR UPDATE`,
    { type: QueryTypes.SELECT, transaction, replacements: { id: input.outreachId, workspaceId: input.workspaceId } },
  );
  if (!outreach) throw new OutreachRuleError('Job posting not logged: no such outreach in this workspace');

  const [posting] = await sequelize.query<Record<string, unknown>>(
    `INSERT INTO job_postings (workspace_id, staff_user_id, company_name, job_title, job_url, source, outreach_id,
                               location, salary_range, description)
     VALUES (:workspaceId, :staffUserId, :companyName, :jobTitle, :url, 'outreach', :outreachId, :location, :salary, :description)
     RETURNING *`,
    {
      type: QueryTypes.SELECT, transaction,
      replacements: {
        workspaceId: input.workspaceId, staffUserId: input.staffUserId, outreachId: outreach.id, jobTitle, url,
        companyName: text(input.companyName) ?? outreach.company_name, location: text(input.location),
        salary: text(input.salaryRange), description: text(input.description),
      },
    },
  );
  const outreachBefore = { status: outreach.status };
  let outreachAfter = outreachBefore;
  if (!KEPT.includes(outreach.status)) {
    await sequelize.query(`UPDATE outreach SET status = 'opportunity_created' WHERE id = :id`, { transaction, replacements: { id: outreach.id } });
    outreachAfter = { status: 'opportunity_created' };
  }
  return { posting: posting!, outreach: { id: outreach.id, before: outreachBefore, after: outreachAfter } };
}
