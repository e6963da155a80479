/**
 * How far a rep is towards a sales quota (S3 sales_quotas) over the quota's period: revenue
 * and number of deals won (closed within start_date..end_date, owned by the rep, of the quota's
 * deal types when it names any), and calls and meetings held (the rep's activities of that type
 * that happened in the period), each with its percentage of the target. One statement for any
 * number of quotas, so a list page costs one query.
 */
import { QueryTypes } from 'sequelize';
import { sequelize } from '../../db.js';
import { isUuid } from '../uuid.js';

export interface QuotaAttainment {
  quotaId: string;
  revenueWon: number;
  dealsWon: number;
  calls: number;
  meetings: number;
  /** Percent of each target (null when the quota sets no target for it). */
  revenuePct: number | null;
  dealsPct: number | null;
  callsPct: number | null;
  meetingsPct: number | null;
}

interface Row {
  id: string; revenue_won: string; deals_won: number; calls: number; meetings: number;
  revenue_target: string | null; deals_target: number | null; calls_target: number | null; meetings_target: number | null;
}

const pct = (done: number, target: string | number | null): number | null => {
  const t = target === null ? 0 : Number(target);
  return t > 0 ? Math.round((done / t) * 1000) / 10 : null;
};

export async function quotaAttainment(quotaIds: string[]): Promise<Map<string, QuotaAttainment>> {
  const ids = quotaIds.filter(isUuid);
  const result = new Map<string, QuotaAttainment>();
  if (ids.length === 0) return result;
  const rows = await sequelize.query<Row>(
    `SELECT q.id, q.revenue_target, q.deals_target, q.calls_target, q.meetings_target,
            COALESCE(won.revenue, 0)::text AS revenue_won, COALESCE(won.deals, 0)::int AS deals_won,
            COALESCE(act.calls, 0)::int AS calls, COALESCE(act.meetings, 0)::int AS meetings
       FROM sales_quotas q
       LEFT JOIN LATERAL (
         -- why COALESCE: S3's actual_value is what was signed; a deal without it counts its value.
         SELECT sum(COALESCE(d.actual_value, d.value)) AS revenue, count(*) AS deals
           FROM deals d
          WHERE d.workspace_id = q.workspace_id AND d.owner_id = q.user_id AND d.status = 'won'
            AND d.actual_close_date BETWEEN q.start_date AND q.end_date
            AND (cardinality(q.deal_types) = 0 OR d.deal_type::text = ANY (q.deal_types))
       ) won ON true
       LEFT JOIN LATERAL (
         SELECT count(*) FILTER (WHERE a.type = 'call') AS calls, count(*) FILTER (WHERE a.type = 'meeting') AS meetings
           FROM activities a
          WHERE a.workspace_id = q.workspace_id AND a.owner_id = q.user_id AND a.type IN ('call', 'meeting')
            AND a.status <> 'cancelled'
            AND COALESCE(a.occurred_at, a.completed_at) >= q.start_date
            AND COALESCE(a.occurred_at, a.completed_at) < q.end_date + 1
       ) act ON true
      WHERE q.id IN (:ids)`,
    { type: QueryTypes.SELECT, replacements: { ids } },
  );
  for (const r of rows) {
    const revenueWon = Number(r.revenue_won);
    result.set(r.id, {
      quotaId: r.id,
      revenueWon,
      dealsWon: r.deals_won,
      calls: r.calls,
      meetings: r.meetings,
      revenuePct: pct(revenueWon, r.revenue_target),
      dealsPct: pct(r.deals_won, r.deals_target),
      callsPct: pct(r.calls, r.calls_target),
      meetingsPct: pct(r.meetings, r.meetings_target),
    });
  }
  return result;
}
