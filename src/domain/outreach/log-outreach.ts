/**
 * S0 flow 1, step 1: a staff member logs an outreach in a few fields. The row is theirs
 * (staff_user_id) in the workspace they work in, `attempted` unless told otherwise.
 */
import { QueryTypes, type Transaction } from 'sequelize';
import { sequelize } from '../../db.js';
import { OUTREACH_CONTACT_METHODS, OUTREACH_STATUSES } from '../../models/outreach.model.js';
import { OutreachRuleError } from './rule-error.js';

export interface OutreachInput {
  workspaceId: string;
  staffUserId: string;
  companyName: string;
  contactName?: string | null;
  contactTitle?: string | null;
  contactMethod?: string | null;
  linkedinUrl?: string | null;
  /** YYYY-MM-DD; today (UTC) when empty. */
  outreachDate?: string | null;
  status?: string | null;
  notes?: string | null;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const blankToNull = (v: string | null | undefined) => (v && v.trim() ? v.trim() : null);

/** Checks the input and names every bad field in one message. */
export function validateOutreach(input: OutreachInput): string[] {
  const problems: string[] = [];
  if (!blankToNull(input.companyName)) problems.push('company is required');
  const method = blankToNull(input.contactMethod);
  if (method && !(OUTREACH_CONTACT_METHODS as readonly string[]).includes(method)) problems.push(`contact method "${method}" is not one of ${OUTREACH_CONTACT_METHODS.join(', ')}`);
  const status = blankToNull(input.status);
  if (status && !(OUTREACH_STATUSES as readonly string[]).includes(status)) problems.push(`status "${status}" is not one of ${OUTREACH_STATUSES.join(', ')}`);
  const date = blankToNull(input.outreachDate);
  if (date && (!DATE.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`)))) problems.push(`date "${date}" is not a date (YYYY-MM-DD)`);
  const url = blankToNull(input.linkedinUrl);
  if (url && !/^https?:\/\/\S+$/i.test(url)) problems.push('LinkedIn URL must start with http:// or https://');
  return problems;
}

export async function logOutreach(input: OutreachInput, transaction: Transaction): Promise<Record<string, unknown>> {
  const problems = validateOutreach(input);
  if (problems.length) throw new OutreachRuleError(`Outreach not logged: ${problems.join('; ')}`);
  const [row] = await sequelize.query<Record<string, unknown>>(
    `INSERT INTO outreach (workspace_id, staff_user_id, company_name, contact_name, contact_title, contact_method,
                           linkedin_url, outreach_date, status, notes)
     VALUES (:workspaceId, :staffUserId, :companyName, :contactName, :contactTitle, :contactMethod,
             :linkedinUrl, COALESCE(:outreachDate::date, (now() AT TIME ZONE 'UTC')::date),
             COALESCE(:status, 'attempted')::enum_outreach_status, :notes)
     RETURNING *`,
    {
      type: QueryTypes.SELECT, transaction,
      replacements: {
        workspaceId: input.workspaceId, staffUserId: input.staffUserId, companyName: input.companyName.trim(),
        contactName: blankToNull(input.contactName), contactTitle: blankToNull(input.contactTitle),
        contactMethod: blankToNull(input.contactMethod), linkedinUrl: blankToNull(input.linkedinUrl),
        outreachDate: blankToNull(input.outreachDate), status: blankToNull(input.status), notes: blankToNull(input.notes),
      },
    },
  );
  return row!;
}

/**
 * Company names for the form's autocomplete: the workspace's accounts whose name contains what
 * was typed (served by the accounts' trigram index), then companies already reached out to.
 */
export async function suggestCompanies(workspaceId: string, typed: string, limit = 10): Promise<string[]> {
  const q = typed.trim();
  if (q.length < 2) return [];
  const rows = await sequelize.query<{ name: string }>(
    `SELECT name FROM (
       SELECT name, 0 AS origin FROM accounts WHERE workspace_id = :workspaceId AND name ILIKE :pattern
       UNION
       SELECT company_name, 1 FROM outreach WHERE workspace_id = :workspaceId AND company_name ILIKE :pattern
     ) n
     GROUP BY name ORDER BY min(origin), lower(name) LIMIT :limit`,
    { type: QueryTypes.SELECT, replacements: { workspaceId, pattern: `%${q.replace(/[\\%_]/g, '\\$&')}%`, limit } },
  );
  return rows.map((r) => r.name);
}
