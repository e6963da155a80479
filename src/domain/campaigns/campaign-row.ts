/**
 * The columns of an e-mail campaign that audience, scheduling, A/B split and fan-out read, loaded
 * with plain SQL (optionally locked: every status change locks the row first, so a panel click
 * and a job never move one campaign at the same time).
 */
import { QueryTypes, type Transaction } from 'sequelize';
import { sequelize } from '../../db.js';
import type { EmailCampaignStatus, EmailCampaignType } from '../../models/email-campaign.model.js';
import { isUuid } from '../uuid.js';
import { CampaignError } from './campaign-error.js';

export interface CampaignRow {
  id: string;
  workspace_id: string;
  name: string;
  status: EmailCampaignStatus;
  audience: unknown;
  campaign_type: EmailCampaignType | null;
  template_id: string | null;
  subject_line: string | null;
  html_content: string | null;
  text_content: string | null;
  from_email: string | null;
  is_active: boolean;
  scheduled_at: Date | null;
  send_delay_minutes: number | null;
  /** 'HH:MM:SS' */
  send_at_time: string | null;
  send_on_days: number[];
  sequence_name: string | null;
  sequence_order: number | null;
  ab_test_enabled: boolean;
  ab_test_variant: string | null;
  ab_test_traffic_percentage: number | null;
  created_by: string | null;
  /** The template's subject and whether it has a body (content may come from it). */
  template_subject: string | null;
  template_has_body: boolean;
}

export const CAMPAIGN_COLUMNS = `c.id, c.workspace_id, c.name, c.status, c.audience, c.campaign_type, c.template_id,
  c.subject_line, c.html_content, c.text_content, c.from_email, c.is_active, c.scheduled_at, c.send_delay_minutes,
  c.send_at_time::text AS send_at_time, c.send_on_days, c.sequence_name, c.sequence_order, c.ab_test_enabled,
  c.ab_test_variant, c.ab_test_traffic_percentage, c.created_by`;

/** The campaign, or CampaignError when there is none; `lock` takes FOR UPDATE (needs a transaction). */
export async function loadCampaign(id: string, options: { transaction?: Transaction; lock?: boolean } = {}): Promise<CampaignRow> {
  if (!isUuid(id)) throw new CampaignError(`There is no campaign ${id}`);
  const [row] = await sequelize.query<CampaignRow>(
    `SELECT ${CAMPAIGN_COLUMNS},
            t.subject AS template_subject,
            coalesce(nullif(t.body_html, '') IS NOT NULL OR nullif(t.body_text, '') IS NOT NULL, false) AS template_has_body
       FROM email_campaigns c LEFT JOIN email_templates t ON t.id = c.template_id
      WHERE c.id = $1
      ${options.lock ? 'FOR UPDATE OF c' : ''}`,
    { type: QueryTypes.SELECT, bind: [id], transaction: options.transaction },
  );
  if (!row) throw new CampaignError(`There is no campaign ${id}`);
  return row;
}
