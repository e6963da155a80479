/**
 * Who a campaign goes to: its audience, always narrowed to contacts that may get campaign mail.
 * This is the one definition; the preview, the schedule checks and the fan-out all read it.
 * Consent is checked again by the sender at send time (an unsubscribe can arrive in between).
 */
import { QueryTypes, type Transaction } from 'sequelize';
import { sequelize } from '../../db.js';
import { abShareFor, abShareSql, type AbShare } from './ab-split.js';
import { compileAudience, parseAudience, type AudienceNode } from './audience.js';
import type { CampaignRow } from './campaign-row.js';
import { SqlParams } from './sql-params.js';

/**
 * The unsubscribe scopes that stop a campaign of this type: 'all' stops every campaign,
 * 'promotional' stops promotional ones (S3 unsubscribe_type; 'newsletter' and
 * 'transactional_optional' match no campaign_type).
 */
export function blockingUnsubscribeTypes(campaignType: string | null): string[] {
  return campaignType === 'promotional' ? ['all', 'promotional'] : ['all'];
}

export interface RecipientsQuery {
  audience: AudienceNode;
  share: AbShare | null;
}

/**
 * `FROM … WHERE …` of the campaign's recipients, over `contacts c` LEFT JOIN `accounts a` (plus
 * `joins`). Never reached: contacts of other workspaces, without an address, flagged unsubscribed
 * or bounced, or whose address has an unsubscribe in force for this campaign's type. Contacts
 * have no soft delete. With `share`, only that A/B variant's part of the audience.
 */
export function recipientsSql(
  campaign: Pick<CampaignRow, 'workspace_id' | 'campaign_type'>,
  query: RecipientsQuery,
  params: SqlParams,
  options: { joins?: string; withShare?: boolean } = {},
): string {
  const share = options.withShare !== false && query.share ? `AND ${abShareSql(query.share, params)}` : '';
  return `FROM contacts c
          LEFT JOIN accounts a ON a.id = c.account_id
          ${options.joins ?? ''}
         WHERE c.workspace_id = ${params.add(campaign.workspace_id, 'uuid')}
           AND c.email IS NOT NULL AND NOT c.unsubscribed AND NOT c.bounced
           -- contacts.email is lower-case (CHECK); the unique index on lower(email) serves this.
           AND NOT EXISTS (
                 SELECT 1 FROM email_unsubscribes u
                  WHERE u.workspace_id = c.workspace_id AND lower(u.email) = c.email AND u.is_active
                    AND u.unsubscribe_type = ANY(${params.add(blockingUnsubscribeTypes(campaign.campaign_type), 'enum_email_unsubscribes_unsubscribe_type[]')}))
           AND ${compileAudience(query.audience, params)}
           ${share}`;
}

/** The campaign's audience and A/B share, checked (AudienceError / CampaignError otherwise). */
export async function recipientsQueryFor(campaign: CampaignRow, transaction?: Transaction): Promise<RecipientsQuery> {
  return { audience: parseAudience(campaign.audience), share: await abShareFor(campaign, transaction) };
}

export interface Recipient {
  contact_id: string;
  email: string;
  name: string | null;
  status: string;
}

export interface AudiencePreview {
  /** Contacts this campaign goes to (its A/B share when it is a variant). */
  count: number;
  /** The whole audience, before the A/B split. */
  audienceCount: number;
  /** The first recipients by e-mail address. */
  recipients: Recipient[];
  share: AbShare | null;
}

/** Count and first `limit` recipients of the campaign, as it would be fanned out now. */
export async function previewAudience(campaign: CampaignRow, limit = 20, transaction?: Transaction): Promise<AudiencePreview> {
  const query = await recipientsQueryFor(campaign, transaction);
  const countParams = new SqlParams();
  const from = recipientsSql(campaign, query, countParams, { withShare: false });
  const inShare = query.share ? abShareSql(query.share, countParams) : 'true';
  const [counts] = await sequelize.query<{ count: string; audience_count: string }>(
    `SELECT count(*) FILTER (WHERE ${inShare}) AS count, count(*) AS audience_count ${from}`,
    { type: QueryTypes.SELECT, bind: countParams.values, transaction },
  );
  const listParams = new SqlParams();
  const recipients = await sequelize.query<Recipient>(
    `SELECT c.id AS contact_id, c.email, nullif(concat_ws(' ', c.first_name, c.last_name), '') AS name, c.status::text AS status
       ${recipientsSql(campaign, query, listParams)}
      ORDER BY c.email LIMIT ${listParams.add(limit, 'int')}`,
    { type: QueryTypes.SELECT, bind: listParams.values, transaction },
  );
  return { count: Number(counts!.count), audienceCount: Number(counts!.audience_count), recipients, share: query.share };
}
