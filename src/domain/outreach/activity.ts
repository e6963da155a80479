/**
 * S0 flow 3, the admin's activity view: outreach per staff member per week by status, postings
 * sourced per staff member and source, and the Builders' placement progress. Three grouped
 * statements over one workspace and a date range (weeks start on Monday, UTC dates as stored).
 */
import { QueryTypes } from 'sequelize';
import { sequelize } from '../../db.js';
import { OUTREACH_STATUSES } from '../../models/outreach.model.js';
import { JOB_POSTING_SOURCES } from '../../models/job-posting.model.js';
import { JOB_POSTING_BUILDER_STATUSES } from '../../models/job-posting-builder.model.js';

export interface ActivityRange {
  /** YYYY-MM-DD, inclusive. */
  from: string;
  to: string;
}

export interface OutreachWeekRow { staff_user_id: string; staff_name: string; week: string; total: number; by_status: Record<string, number> }
export interface SourcingRow { staff_user_id: string; staff_name: string; total: number; by_source: Record<string, number> }
export interface PlacementRow { job_posting_id: string; job_title: string; company_name: string; total: number; by_status: Record<string, number> }

export interface OutreachActivity {
  range: ActivityRange;
  outreachStatuses: readonly string[];
  sources: readonly string[];
  builderStatuses: readonly string[];
  outreachByWeek: OutreachWeekRow[];
  postingsBySource: SourcingRow[];
  placements: PlacementRow[];
  placementTotals: Record<string, number>;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The last 8 weeks (Monday to today) unless a valid range is given. */
export function activityRange(from?: unknown, to?: unknown, today = new Date()): ActivityRange {
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  const end = typeof to === 'string' && DATE.test(to) && !Number.isNaN(Date.parse(to)) ? to : iso(today);
  const start = new Date(`${end}T00:00:00Z`);
  start.setUTCDate(start.getUTCDate() - ((start.getUTCDay() + 6) % 7) - 7 * 7);
  const begin = typeof from === 'string' && DATE.test(from) && !Number.isNaN(Date.parse(from)) && from <= end ? from : iso(start);
  return { from: begin, to: end };
}

const staffName = `COALESCE(NULLIF(trim(concat_ws(' ', u.first_name, u.last_name)), ''), u.email)`;

export async function outreachActivity(workspaceId: string, range: ActivityRange): Promise<OutreachActivity> {
  const replacements = { workspaceId, ...range };
  const outreachByWeek = await sequelize.query<OutreachWeekRow>(
    `SELECT o.staff_user_id, ${staffName} AS staff_name,
            to_char(date_trunc('week', o.outreach_date), 'YYYY-MM-DD') AS week,
            count(*)::int AS total
       FROM outreach o JOIN users u ON u.id = o.staff_user_id
      WHERE o.workspace_id = :workspaceId AND o.outreach_date BETWEEN :from AND :to
      GROUP BY o.staff_user_id, staff_name, week
      ORDER BY week DESC, staff_name`,
    { type: QueryTypes.SELECT, replacements },
  );
  // Counts per status, filled in from a second grouping (jsonb_object_agg cannot count).
  const statusCounts = await sequelize.query<{ staff_user_id: string; week: string; status: string; n: number }>(
    `SELECT staff_user_id, to_char(date_trunc('week', outreach_date), 'YYYY-MM-DD') AS week, status::text, count(*)::int AS n
       FROM outreach WHERE workspace_id = :workspaceId AND outreach_date BETWEEN :from AND :to
      GROUP BY 1, 2, 3`,
    { type: QueryTypes.SELECT, replacements },
  );
  const byKey = new Map(outreachByWeek.map((r) => [`${r.staff_user_id}|${r.week}`, r]));
  for (const r of outreachByWeek) r.by_status = {};
  for (const c of statusCounts) byKey.get(`${c.staff_user_id}|${c.week}`)!.by_status[c.status] = c.n;

  const sourcing = await sequelize.query<{ staff_user_id: string; staff_name: string; source: string; n: number }>(
    `SELECT p.staff_user_id, ${staffName} AS staff_name, COALESCE(p.source::text, 'unknown') AS source, count(*)::int AS n
       FROM job_postings p JOIN users u ON u.id = p.staff_user_id
      WHERE p.workspace_id = :workspaceId AND p.created_at >= :from::date AND p.created_at < :to::date + 1
      GROUP BY 1, 2, 3 ORDER BY 2`,
    { type: QueryTypes.SELECT, replacements },
  );
  const postingsBySource = new Map<string, SourcingRow>();
  for (const r of sourcing) {
    const row = postingsBySource.get(r.staff_user_id) ?? { staff_user_id: r.staff_user_id, staff_name: r.staff_name, total: 0, by_source: {} };
    row.by_source[r.source] = r.n;
    row.total += r.n;
    postingsBySource.set(r.staff_user_id, row);
  }

  // Placement progress of the postings that have Builders, whenever they were shared: a
  // placement takes longer than the range.
  const builderCounts = await sequelize.query<{ job_posting_id: string; job_title: string; company_name: string; status: string; n: number }>(
    `SELECT p.id AS job_posting_id, p.job_title, p.company_name, COALESCE(b.status::text, 'shared') AS status, count(*)::int AS n
       FROM job_posting_builders b JOIN job_postings p ON p.id = b.job_posting_id
      WHERE b.workspace_id = :workspaceId
      GROUP BY 1, 2, 3, 4`,
    { type: QueryTypes.SELECT, replacements },
  );
  const placements = new Map<string, PlacementRow>();
  const placementTotals: Record<string, number> = {};
  for (const r of builderCounts) {
    const row = placements.get(r.job_posting_id) ?? { job_posting_id: r.job_posting_id, job_title: r.job_title, company_name: r.company_name, total: 0, by_status: {} };
    row.by_status[r.status] = r.n;
    row.total += r.n;
    placements.set(r.job_posting_id, row);
    placementTotals[r.status] = (placementTotals[r.status] ?? 0) + r.n;
  }
  const furthest = (row: PlacementRow) => (row.by_status.hired ?? 0) * 1e6 + (row.by_status.offer ?? 0) * 1e3 + (row.by_status.interview ?? 0);

  return {
    range,
    outreachStatuses: OUTREACH_STATUSES,
    sources: [...JOB_POSTING_SOURCES, 'unknown'],
    builderStatuses: JOB_POSTING_BUILDER_STATUSES,
    outreachByWeek,
    postingsBySource: [...postingsBySource.values()],
    // The most advanced first; bounded so a big workspace does not send thousands of rows.
    placements: [...placements.values()].sort((a, b) => furthest(b) - furthest(a) || b.total - a.total).slice(0, 50),
    placementTotals,
  };
}
