/**
 * document_metrics: one row per (workspace, document type, owner, UTC day the document was
 * created): a cohort, as it stands now (see contact-metrics.ts for why cohorts).
 *
 *   total_documents     documents of the cohort
 *   sent_documents      sent (sent_at set); viewed: viewed_at set or view_count > 0
 *   signed / declined / expired  by status (signed also when signed_at is set)
 *   completion_rate     signed / sent
 *   avg_time_to_sign_hours  sent_at -> signed_at of signed documents; when signatures were
 *                       collected in document_signatures, the last signer's signed_at
 *   avg_view_count      over all documents of the cohort; avg_reminder_count over sent ones
 */
import { DOCUMENT, hoursBetween, utcDay } from './formulas.js';
import { dateInScope, inBounds, selectStatement, upsertStatement, type UpsertSpec } from './statement.js';
import type { MetricEtl } from './types.js';

const spec: UpsertSpec = {
  table: 'document_metrics',
  constraint: 'document_metrics_dimensions_key',
  dimensions: ['workspace_id', 'document_type', 'owner_id', 'date'],
  measures: ['total_documents', 'sent_documents', 'viewed_documents', 'signed_documents', 'declined_documents',
    'expired_documents', 'completion_rate', 'avg_time_to_sign_hours', 'avg_view_count', 'avg_reminder_count'],
  ctes: `
    docs AS MATERIALIZED (
      SELECT d.id, d.workspace_id, d.type::text AS document_type, d.owner_id, ${utcDay('d.created_at')} AS date,
             d.status, d.sent_at, d.viewed_at, d.view_count, d.reminder_count,
             (d.status = 'signed' OR d.signed_at IS NOT NULL) AS signed,
             coalesce(d.signed_at, (SELECT max(sig.signed_at) FROM document_signatures sig
                                      WHERE sig.document_id = d.id AND sig.is_signed)) AS signed_at
        FROM scope s JOIN documents d
          ON d.workspace_id = s.workspace_id AND d.created_at >= s.lo_ts AND d.created_at < s.hi_ts
       WHERE ${inBounds('d.created_at')}
    )`,
  select: `
    SELECT workspace_id, document_type, owner_id, date,
           count(*)::int AS total_documents,
           (count(*) FILTER (WHERE sent_at IS NOT NULL))::int AS sent_documents,
           (count(*) FILTER (WHERE viewed_at IS NOT NULL OR view_count > 0))::int AS viewed_documents,
           (count(*) FILTER (WHERE signed))::int AS signed_documents,
           (count(*) FILTER (WHERE status = 'declined'))::int AS declined_documents,
           (count(*) FILTER (WHERE status = 'expired'))::int AS expired_documents,
           ${DOCUMENT.completionRate('count(*) FILTER (WHERE signed AND sent_at IS NOT NULL)', 'count(*) FILTER (WHERE sent_at IS NOT NULL)')}
             AS completion_rate,
           (avg(${hoursBetween('sent_at', 'signed_at')}) FILTER (WHERE signed AND sent_at IS NOT NULL AND signed_at IS NOT NULL))::float8
             AS avg_time_to_sign_hours,
           avg(view_count)::float8 AS avg_view_count,
           (avg(reminder_count) FILTER (WHERE sent_at IS NOT NULL))::float8 AS avg_reminder_count
      FROM docs
     GROUP BY workspace_id, document_type, owner_id, date`,
  inScope: dateInScope('date'),
};

export const documentMetrics: MetricEtl = {
  name: 'document',
  table: 'document_metrics',
  grain: 'day',
  // Documents created or edited since, and documents whose signatures changed since.
  touched: `
    SELECT d.workspace_id, ${utcDay('d.created_at')} AS day FROM documents d WHERE d.updated_at >= :since
    UNION
    SELECT d.workspace_id, ${utcDay('d.created_at')} FROM document_signatures sig JOIN documents d ON d.id = sig.document_id
     WHERE sig.updated_at >= :since`,
  statements: (scope) => [upsertStatement(spec, scope)],
  floors: (scope) => [selectStatement(spec, scope)],
};
