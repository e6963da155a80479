/**
 * A/B tests. How variants are modelled (S3 gives one campaign row the columns ab_test_enabled,
 * ab_test_variant 'A, B, C, etc.' and ab_test_traffic_percentage, "percent of the audience that
 * gets this variant"): a test is a set of SIBLING CAMPAIGNS, one per variant, each with its own
 * subject and content. Siblings are the campaigns of a workspace with ab_test_enabled that share
 * `sequence_name` and `sequence_order` (S3's sequence columns already group campaigns, and a
 * test is "step N of sequence X, in several versions"). Rules, checked before anything is
 * scheduled or queued:
 * - the siblings' percentages add up to exactly 100 and their variant labels differ;
 * - they share one audience (identical JSON), so that the variants partition it.
 * Each contact falls in one of 100 buckets, from an md5 of the test's name and the contact's id:
 * deterministic (a re-run, a retry or the next sibling's fan-out puts every contact in the same
 * bucket) and independent of row order. Variants take consecutive bucket ranges in the order of
 * their labels (A: 0–29, B: 30–99 for 30/70), so every contact of the audience gets exactly one
 * variant whichever sibling is sent first. Cancelled siblings keep their range (their share is
 * simply not sent) so that the others' ranges never move.
 */
import { QueryTypes, type Transaction } from 'sequelize';
import { sequelize } from '../../db.js';
import { CampaignError } from './campaign-error.js';
import type { CampaignRow } from './campaign-row.js';
import type { SqlParams } from './sql-params.js';

export const AB_BUCKETS = 100;

/** The part of the audience one variant gets: buckets [from, to). */
export interface AbShare {
  /** Salt of the bucket hash: the test's identity (sequence name and order). */
  test: string;
  variant: string;
  percent: number;
  from: number;
  to: number;
}

interface Sibling {
  id: string;
  name: string;
  ab_test_variant: string | null;
  ab_test_traffic_percentage: number | null;
  same_audience: boolean;
}

/**
 * The share of the campaign's audience it sends to: null when it is not an A/B variant (it goes
 * to the whole audience); CampaignError when its test is not well formed.
 */
export async function abShareFor(campaign: CampaignRow, transaction?: Transaction): Promise<AbShare | null> {
  if (!campaign.ab_test_enabled) return null;
  if (!campaign.sequence_name?.trim()) {
    throw new CampaignError(
      `"${campaign.name}" is an A/B variant but has no sequence name: the variants of one test share a sequence name (and order)`,
    );
  }
  const siblings = await sequelize.query<Sibling>(
    `SELECT s.id, s.name, s.ab_test_variant, s.ab_test_traffic_percentage, s.audience = c.audience AS same_audience
       FROM email_campaigns c
       JOIN email_campaigns s ON s.workspace_id = c.workspace_id AND s.ab_test_enabled
        AND s.sequence_name = c.sequence_name AND s.sequence_order IS NOT DISTINCT FROM c.sequence_order
      WHERE c.id = $1`,
    { type: QueryTypes.SELECT, bind: [campaign.id], transaction },
  );
  const test = `${campaign.sequence_name}#${campaign.sequence_order ?? ''}`;
  const label = `the A/B test "${campaign.sequence_name}"${campaign.sequence_order === null ? '' : ` (order ${campaign.sequence_order})`}`;
  const unlabelled = siblings.filter((s) => !s.ab_test_variant?.trim());
  if (unlabelled.length) throw new CampaignError(`In ${label}, ${names(unlabelled)} has no variant label (A, B …)`);
  const unweighted = siblings.filter((s) => s.ab_test_traffic_percentage === null);
  if (unweighted.length) throw new CampaignError(`In ${label}, ${names(unweighted)} has no traffic percentage`);
  const key = (s: Sibling) => s.ab_test_variant!.trim().toUpperCase();
  const seen = new Set<string>();
  for (const s of siblings) {
    if (seen.has(key(s))) throw new CampaignError(`In ${label}, two campaigns are variant ${key(s)}: each variant label is used once`);
    seen.add(key(s));
  }
  // Plain comparison, not the database's collation: the order (and so each range) must not
  // depend on the server's locale.
  siblings.sort((x, y) => (key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0));
  const total = siblings.reduce((sum, s) => sum + s.ab_test_traffic_percentage!, 0);
  if (total !== 100) {
    const parts = siblings.map((s) => `${key(s)} ${s.ab_test_traffic_percentage}%`).join(' + ');
    throw new CampaignError(`The variants of ${label} take ${parts} = ${total}% of the audience; they must add up to 100%`);
  }
  const different = siblings.filter((s) => !s.same_audience);
  if (different.length) {
    throw new CampaignError(`The variants of ${label} must share one audience; ${names(different)} has a different one`);
  }
  let from = 0;
  for (const s of siblings) {
    const to = from + s.ab_test_traffic_percentage!;
    if (s.id === campaign.id) return { test, variant: key(s), percent: s.ab_test_traffic_percentage!, from, to };
    from = to;
  }
  throw new CampaignError(`"${campaign.name}" is not part of ${label}`);
}

const names = (rows: Sibling[]) => rows.map((r) => `"${r.name}"`).join(', ');

/** The contact's bucket, 0..99: the first 32 bits of md5(test name + contact id). */
export function abBucketSql(test: string, params: SqlParams): string {
  return `mod(('x' || substr(md5(${params.add(`${test}:`, 'text')} || c.id::text), 1, 8))::bit(32)::bigint, ${AB_BUCKETS})`;
}

/** The condition "the contact is in this variant's share". */
export function abShareSql(share: AbShare, params: SqlParams): string {
  return `(${abBucketSql(share.test, params)}::int <@ int4range(${params.add(share.from, 'int')}, ${params.add(share.to, 'int')}))`;
}
