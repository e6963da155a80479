/**
 * Automation and analytics (S2, S3): `workflows` and their runs (`workflow_executions`), the FK
 * from `tasks.workflow_id`, and the seven metric tables (S2's seven; `pipeline_metrics` merged
 * with S3's). Metric rows are written only by set-based ETL (`INSERT ... ON CONFLICT DO UPDATE`),
 * so each metric table has a UNIQUE key on its dimensions.
 *
 * Conventions shared by the metric tables (decisions; the seeds give Float/Integer only):
 * - Dimension columns that may be NULL mean "all / none" (a rollup row, or rows whose source had
 *   no owner, campaign, ...). Their UNIQUE keys are NULLS NOT DISTINCT (PG15) so a NULL dimension
 *   still identifies one row and the upsert finds it.
 * - Dimension FKs CASCADE: a metric row has no meaning without its dimension and the ETL can
 *   rebuild it.
 * - Counts and sums: NOT NULL DEFAULT 0 (INTEGER counts, NUMERIC(15,2) money).
 *   Ratios, averages, min/max/median: NULL when there is nothing to divide by or aggregate
 *   (0 would be a false value: "0 % open rate" when nothing was sent).
 *   Rates are NUMERIC(5,2) percentages, CHECK 0-100.
 * - `last_updated` (seed) is the ETL's recompute time; `updated_at` (convention) is kept by the
 *   trigger. They usually agree; both are kept because `last_updated` is a seed column.
 */
import type { MigrationFn } from '../src/migrator.js';

export const up: MigrationFn = async ({ context }) => {
  await context.sql(`
    -- ---------------------------------------------------------------- workflows (S2)
    CREATE TYPE enum_workflows_status AS ENUM ('active', 'inactive', 'paused');
    CREATE TYPE enum_workflows_trigger_type AS ENUM (
      'deal_created', 'deal_stage_changed', 'deal_won', 'deal_lost', 'contact_created',
      'activity_completed', 'email_opened', 'document_signed', 'scheduled'
    );

    CREATE TABLE workflows (
      id                  UUID PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id        UUID NOT NULL REFERENCES workspaces(id) ON DELETE RESTRICT,
      name                TEXT NOT NULL,
      description         TEXT,
      -- why: S2 gives no default; a workflow built in the panel should not fire on live deals
      -- before someone switches it on.
      status              enum_workflows_status NOT NULL DEFAULT 'inactive',
      trigger_type        enum_workflows_trigger_type NOT NULL,
      -- why: the engine reads these as an object of conditions and a list of actions; an empty
      -- document means "always" / "do nothing", so no NULL state is needed.
      trigger_conditions  JSONB NOT NULL DEFAULT '{}'::jsonb,
      actions             JSONB NOT NULL DEFAULT '[]'::jsonb,
      -- Order among the workflows of one trigger (lower runs first).
      execution_order     INTEGER NOT NULL DEFAULT 0,
      -- NULL = unlimited.
      max_executions      INTEGER,
      execution_count     INTEGER NOT NULL DEFAULT 0,
      owner_id            UUID REFERENCES users(id) ON DELETE SET NULL,
      last_executed_at    TIMESTAMPTZ,
      created_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
      updated_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
      CONSTRAINT workflows_trigger_conditions_object CHECK (jsonb_typeof(trigger_conditions) = 'object'),
      CONSTRAINT workflows_actions_array CHECK (jsonb_typeof(actions) = 'array'),
      CONSTRAINT workflows_max_executions_positive CHECK (max_executions IS NULL OR max_executions > 0),
      -- why: no CHECK execution_count <= max_executions; an admin may lower the limit below the
      -- count to stop a workflow, and the engine compares before each run.
      CONSTRAINT workflows_execution_count_nonnegative CHECK (execution_count >= 0)
    );
    CREATE TRIGGER workflows_set_updated_at BEFORE UPDATE ON workflows
      FOR EACH ROW EXECUTE FUNCTION set_updated_at();
    -- Dispatch: "workflows of this workspace for this trigger, active, in order" (covers S2's
    -- trigger_type index).
    CREATE INDEX workflows_workspace_id_trigger_type_status_execution_order_idx
      ON workflows (workspace_id, trigger_type, status, execution_order);
    CREATE INDEX workflows_workspace_id_status_idx ON workflows (workspace_id, status);
    CREATE INDEX workflows_workspace_id_name_idx ON workflows (workspace_id, name);
    CREATE INDEX workflows_owner_id_idx ON workflows (owner_id);

    -- tasks (created earlier with a bare workflow_id column and its index) gain their FK now
    -- that workflows exist; a task outlives the workflow that created it.
    ALTER TABLE tasks ADD CONSTRAINT tasks_workflow_id_fkey
      FOREIGN KEY (workflow_id) REFERENCES workflows(id) ON DELETE SET NULL;

    -- ------------------------------------------------------- workflow_executions (S2)
    CREATE TABLE workflow_executions (
      id                UUID PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id      UUID NOT NULL REFERENCES workspaces(id) ON DELETE RESTRICT,
      workflow_id       UUID NOT NULL REFERENCES workflows(id) ON DELETE CASCADE,
      -- why: S2 String(50) with no value list and enums.tsv has none, so TEXT + CHECK with the
      -- run states the engine uses: a row is inserted as 'running' when the run starts and ends
      -- 'completed' (failure_count may still be > 0 for a partly failed run), 'failed' (the run
      -- itself aborted, see error_message) or 'cancelled'.
      status            TEXT NOT NULL DEFAULT 'running',
      -- why: every run has a trigger payload (a scheduled run's may be empty).
      trigger_data      JSONB NOT NULL DEFAULT '{}'::jsonb,
      actions_executed  JSONB NOT NULL DEFAULT '[]'::jsonb,
      success_count     INTEGER NOT NULL DEFAULT 0,
      failure_count     INTEGER NOT NULL DEFAULT 0,
      error_message     TEXT,
      started_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
      completed_at      TIMESTAMPTZ,
      -- S2 Integer; fractional seconds are worth keeping for sub-second runs.
      duration_seconds  DOUBLE PRECISION,
      created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
      updated_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
      CONSTRAINT workflow_executions_status_check
        CHECK (status IN ('running', 'completed', 'failed', 'cancelled')),
      CONSTRAINT workflow_executions_actions_executed_array CHECK (jsonb_typeof(actions_executed) = 'array'),
      CONSTRAINT workflow_executions_counts_nonnegative CHECK (success_count >= 0 AND failure_count >= 0),
      CONSTRAINT workflow_executions_completed_after_start CHECK (completed_at IS NULL OR completed_at >= started_at),
      CONSTRAINT workflow_executions_duration_nonnegative CHECK (duration_seconds IS NULL OR duration_seconds >= 0)
    );
    CREATE TRIGGER workflow_executions_set_updated_at BEFORE UPDATE ON workflow_executions
      FOR EACH ROW EXECUTE FUNCTION set_updated_at();
    -- A workflow's run history, newest first (also the FK index).
    CREATE INDEX workflow_executions_workflow_id_started_at_idx ON workflow_executions (workflow_id, started_at DESC);
    CREATE INDEX workflow_executions_workspace_id_status_idx ON workflow_executions (workspace_id, status);

    -- ------------------------------------------------- pipeline_metrics (S2 + S3, D19)
    CREATE TYPE enum_pipeline_metrics_period_type AS ENUM ('daily', 'weekly', 'monthly', 'quarterly');

    CREATE TABLE pipeline_metrics (
      id                       UUID PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id             UUID NOT NULL REFERENCES workspaces(id) ON DELETE RESTRICT,
      -- why: NULL pipeline = all pipelines of the workspace (S3 rows without a template);
      -- NULL stage = the whole pipeline.
      pipeline_id              UUID REFERENCES pipelines(id) ON DELETE CASCADE,
      stage_id                 UUID REFERENCES pipeline_stages(id) ON DELETE CASCADE,
      -- S2 rows: period_type 'weekly' and metric_date = last_updated::date (D19).
      period_type              enum_pipeline_metrics_period_type NOT NULL,
      metric_date              DATE NOT NULL,
      -- Counts (deals_won / deals_lost are both S2's and S3's).
      deal_count               INTEGER NOT NULL DEFAULT 0,
      deals_created            INTEGER NOT NULL DEFAULT 0,
      deals_active             INTEGER NOT NULL DEFAULT 0,
      deals_won                INTEGER NOT NULL DEFAULT 0,
      deals_lost               INTEGER NOT NULL DEFAULT 0,
      deals_moved_forward      INTEGER NOT NULL DEFAULT 0,
      deals_moved_backward     INTEGER NOT NULL DEFAULT 0,
      -- Money. SYNONYMS (D19, both kept, the ETL writes the same value to both):
      --   total_value (S2)  = total_pipeline_value (S3)
      --   avg_value (S2)    = average_deal_size (S3)
      total_value              NUMERIC(15,2) NOT NULL DEFAULT 0,
      total_pipeline_value     NUMERIC(15,2) NOT NULL DEFAULT 0,
      weighted_pipeline_value  NUMERIC(15,2) NOT NULL DEFAULT 0,
      won_value                NUMERIC(15,2) NOT NULL DEFAULT 0,
      lost_value               NUMERIC(15,2) NOT NULL DEFAULT 0,
      avg_value                NUMERIC(15,2),
      average_deal_size        NUMERIC(15,2),
      -- Durations in days. SYNONYMS (D19): avg_duration_days (S2) = average_cycle_time (S3,
      -- DECIMAL(8,2) kept as the seed typed it).
      avg_duration_days        DOUBLE PRECISION,
      average_cycle_time       NUMERIC(8,2),
      fastest_deal_days        DOUBLE PRECISION,
      slowest_deal_days        DOUBLE PRECISION,
      median_duration_days     DOUBLE PRECISION,
      -- Rates in percent (S2 Float and S3 DECIMAL(5,2) agree on meaning).
      conversion_rate          NUMERIC(5,2),
      win_rate                 NUMERIC(5,2),
      -- Per-stage velocity, keyed by stage id (S3).
      stages_velocity          JSONB NOT NULL DEFAULT '{}'::jsonb,
      last_updated             TIMESTAMPTZ NOT NULL DEFAULT now(),
      created_at               TIMESTAMPTZ NOT NULL DEFAULT now(),
      updated_at               TIMESTAMPTZ NOT NULL DEFAULT now(),
      -- The ETL's upsert key (SCHEMA Metrics, D19). Named short: the column list exceeds 63 chars.
      CONSTRAINT pipeline_metrics_dimensions_key
        UNIQUE NULLS NOT DISTINCT (workspace_id, pipeline_id, stage_id, period_type, metric_date),
      CONSTRAINT pipeline_metrics_stage_needs_pipeline CHECK (stage_id IS NULL OR pipeline_id IS NOT NULL),
      CONSTRAINT pipeline_metrics_counts_nonnegative CHECK (LEAST(deal_count, deals_created, deals_active,
        deals_won, deals_lost, deals_moved_forward, deals_moved_backward) >= 0),
      CONSTRAINT pipeline_metrics_conversion_rate_range CHECK (conversion_rate BETWEEN 0 AND 100),
      CONSTRAINT pipeline_metrics_win_rate_range CHECK (win_rate BETWEEN 0 AND 100)
    );
    CREATE TRIGGER pipeline_metrics_set_updated_at BEFORE UPDATE ON pipeline_metrics
      FOR EACH ROW EXECUTE FUNCTION set_updated_at();
    -- The UNIQUE key serves S2's pipeline_id and (pipeline_id, stage_id) indexes per workspace.
    CREATE INDEX pipeline_metrics_pipeline_id_idx ON pipeline_metrics (pipeline_id);
    CREATE INDEX pipeline_metrics_stage_id_idx ON pipeline_metrics (stage_id);
    -- Dashboards: every pipeline's rows for a period range.
    CREATE INDEX pipeline_metrics_workspace_id_period_type_metric_date_idx
      ON pipeline_metrics (workspace_id, period_type, metric_date);
    CREATE INDEX pipeline_metrics_last_updated_idx ON pipeline_metrics (last_updated);

    -- ----------------------------------------------------------- activity_metrics (S2)
    CREATE TABLE activity_metrics (
      id                         UUID PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id               UUID NOT NULL REFERENCES workspaces(id) ON DELETE RESTRICT,
      user_id                    UUID REFERENCES users(id) ON DELETE CASCADE,
      -- activities.type values; TEXT as in S2 (no value list of its own).
      activity_type              TEXT,
      date                       DATE NOT NULL,
      total_count                INTEGER NOT NULL DEFAULT 0,
      completed_count            INTEGER NOT NULL DEFAULT 0,
      overdue_count              INTEGER NOT NULL DEFAULT 0,
      pending_count              INTEGER NOT NULL DEFAULT 0,
      cancelled_count            INTEGER NOT NULL DEFAULT 0,
      completion_rate            NUMERIC(5,2),
      avg_completion_time_hours  DOUBLE PRECISION,
      avg_duration_minutes       DOUBLE PRECISION,
      last_updated               TIMESTAMPTZ NOT NULL DEFAULT now(),
      created_at                 TIMESTAMPTZ NOT NULL DEFAULT now(),
      updated_at                 TIMESTAMPTZ NOT NULL DEFAULT now(),
      CONSTRAINT activity_metrics_dimensions_key
        UNIQUE NULLS NOT DISTINCT (workspace_id, user_id, activity_type, date),
      CONSTRAINT activity_metrics_counts_nonnegative CHECK (LEAST(total_count, completed_count,
        overdue_count, pending_count, cancelled_count) >= 0),
      CONSTRAINT activity_metrics_completion_rate_range CHECK (completion_rate BETWEEN 0 AND 100)
    );
    CREATE TRIGGER activity_metrics_set_updated_at BEFORE UPDATE ON activity_metrics
      FOR EACH ROW EXECUTE FUNCTION set_updated_at();
    CREATE INDEX activity_metrics_user_id_idx ON activity_metrics (user_id);
    CREATE INDEX activity_metrics_workspace_id_activity_type_date_idx ON activity_metrics (workspace_id, activity_type, date);
    CREATE INDEX activity_metrics_workspace_id_date_idx ON activity_metrics (workspace_id, date);
    CREATE INDEX activity_metrics_workspace_id_user_id_date_idx ON activity_metrics (workspace_id, user_id, date);
    CREATE INDEX activity_metrics_last_updated_idx ON activity_metrics (last_updated);

    -- -------------------------------------------------------------- email_metrics (S2)
    CREATE TABLE email_metrics (
      id                  UUID PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id        UUID NOT NULL REFERENCES workspaces(id) ON DELETE RESTRICT,
      campaign_id         UUID REFERENCES email_campaigns(id) ON DELETE CASCADE,
      template_id         UUID REFERENCES email_templates(id) ON DELETE CASCADE,
      user_id             UUID REFERENCES users(id) ON DELETE CASCADE,
      date                DATE NOT NULL,
      sent                INTEGER NOT NULL DEFAULT 0,
      delivered           INTEGER NOT NULL DEFAULT 0,
      opened              INTEGER NOT NULL DEFAULT 0,
      clicked             INTEGER NOT NULL DEFAULT 0,
      bounced             INTEGER NOT NULL DEFAULT 0,
      unsubscribed        INTEGER NOT NULL DEFAULT 0,
      unique_opens        INTEGER NOT NULL DEFAULT 0,
      unique_clicks       INTEGER NOT NULL DEFAULT 0,
      open_rate           NUMERIC(5,2),
      click_rate          NUMERIC(5,2),
      bounce_rate         NUMERIC(5,2),
      click_to_open_rate  NUMERIC(5,2),
      last_updated        TIMESTAMPTZ NOT NULL DEFAULT now(),
      created_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
      updated_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
      CONSTRAINT email_metrics_dimensions_key
        UNIQUE NULLS NOT DISTINCT (workspace_id, campaign_id, template_id, user_id, date),
      CONSTRAINT email_metrics_counts_nonnegative CHECK (LEAST(sent, delivered, opened, clicked,
        bounced, unsubscribed, unique_opens, unique_clicks) >= 0),
      CONSTRAINT email_metrics_rates_range CHECK (open_rate BETWEEN 0 AND 100 AND click_rate BETWEEN 0 AND 100
        AND bounce_rate BETWEEN 0 AND 100 AND click_to_open_rate BETWEEN 0 AND 100)
    );
    CREATE TRIGGER email_metrics_set_updated_at BEFORE UPDATE ON email_metrics
      FOR EACH ROW EXECUTE FUNCTION set_updated_at();
    CREATE INDEX email_metrics_campaign_id_idx ON email_metrics (campaign_id);
    CREATE INDEX email_metrics_template_id_idx ON email_metrics (template_id);
    CREATE INDEX email_metrics_user_id_idx ON email_metrics (user_id);
    CREATE INDEX email_metrics_workspace_id_template_id_date_idx ON email_metrics (workspace_id, template_id, date);
    CREATE INDEX email_metrics_workspace_id_date_idx ON email_metrics (workspace_id, date);
    CREATE INDEX email_metrics_workspace_id_user_id_date_idx ON email_metrics (workspace_id, user_id, date);
    CREATE INDEX email_metrics_last_updated_idx ON email_metrics (last_updated);

    -- --------------------------------------------------------------- call_metrics (S2)
    -- Computed from activities of type 'call' (call_result, is_recorded). Cadence: hourly ETL
    -- (S2 contradicts itself, daily vs hourly; SCHEMA picks hourly, C6). Rows stay per day.
    CREATE TABLE call_metrics (
      id                   UUID PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id         UUID NOT NULL REFERENCES workspaces(id) ON DELETE RESTRICT,
      user_id              UUID REFERENCES users(id) ON DELETE CASCADE,
      date                 DATE NOT NULL,
      total_calls          INTEGER NOT NULL DEFAULT 0,
      answered             INTEGER NOT NULL DEFAULT 0,
      missed               INTEGER NOT NULL DEFAULT 0,
      voicemail            INTEGER NOT NULL DEFAULT 0,
      total_duration_sec   INTEGER NOT NULL DEFAULT 0,
      avg_duration_sec     DOUBLE PRECISION,
      min_duration_sec     INTEGER,
      max_duration_sec     INTEGER,
      answer_rate          NUMERIC(5,2),
      recorded_calls       INTEGER NOT NULL DEFAULT 0,
      recording_rate       NUMERIC(5,2),
      deals_advanced       INTEGER NOT NULL DEFAULT 0,
      followups_scheduled  INTEGER NOT NULL DEFAULT 0,
      last_updated         TIMESTAMPTZ NOT NULL DEFAULT now(),
      created_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
      updated_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
      CONSTRAINT call_metrics_dimensions_key UNIQUE NULLS NOT DISTINCT (workspace_id, user_id, date),
      CONSTRAINT call_metrics_counts_nonnegative CHECK (LEAST(total_calls, answered, missed, voicemail,
        total_duration_sec, min_duration_sec, recorded_calls, deals_advanced, followups_scheduled) >= 0),
      CONSTRAINT call_metrics_min_le_max CHECK (min_duration_sec <= max_duration_sec),
      CONSTRAINT call_metrics_rates_range CHECK (answer_rate BETWEEN 0 AND 100 AND recording_rate BETWEEN 0 AND 100)
    );
    CREATE TRIGGER call_metrics_set_updated_at BEFORE UPDATE ON call_metrics
      FOR EACH ROW EXECUTE FUNCTION set_updated_at();
    CREATE INDEX call_metrics_user_id_idx ON call_metrics (user_id);
    CREATE INDEX call_metrics_workspace_id_date_idx ON call_metrics (workspace_id, date);
    CREATE INDEX call_metrics_last_updated_idx ON call_metrics (last_updated);

    -- ------------------------------------------------------------ contact_metrics (S2)
    CREATE TABLE contact_metrics (
      id                        UUID PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id              UUID NOT NULL REFERENCES workspaces(id) ON DELETE RESTRICT,
      -- contacts.source / contacts.status values; TEXT as in S2 (A11).
      source                    TEXT,
      status                    TEXT,
      owner_id                  UUID REFERENCES users(id) ON DELETE CASCADE,
      date                      DATE NOT NULL,
      total_contacts            INTEGER NOT NULL DEFAULT 0,
      new_contacts              INTEGER NOT NULL DEFAULT 0,
      qualified_contacts        INTEGER NOT NULL DEFAULT 0,
      converted_contacts        INTEGER NOT NULL DEFAULT 0,
      conversion_rate           NUMERIC(5,2),
      avg_time_to_convert_days  DOUBLE PRECISION,
      avg_deal_value            NUMERIC(15,2),
      -- Average of contacts.lead_score (0-100).
      avg_lead_score            DOUBLE PRECISION,
      -- Contacts with lead_score > 70 (S2).
      high_score_count          INTEGER NOT NULL DEFAULT 0,
      last_updated              TIMESTAMPTZ NOT NULL DEFAULT now(),
      created_at                TIMESTAMPTZ NOT NULL DEFAULT now(),
      updated_at                TIMESTAMPTZ NOT NULL DEFAULT now(),
      CONSTRAINT contact_metrics_dimensions_key
        UNIQUE NULLS NOT DISTINCT (workspace_id, source, status, owner_id, date),
      CONSTRAINT contact_metrics_counts_nonnegative CHECK (LEAST(total_contacts, new_contacts,
        qualified_contacts, converted_contacts, high_score_count) >= 0),
      CONSTRAINT contact_metrics_conversion_rate_range CHECK (conversion_rate BETWEEN 0 AND 100),
      CONSTRAINT contact_metrics_avg_lead_score_range CHECK (avg_lead_score BETWEEN 0 AND 100)
    );
    CREATE TRIGGER contact_metrics_set_updated_at BEFORE UPDATE ON contact_metrics
      FOR EACH ROW EXECUTE FUNCTION set_updated_at();
    CREATE INDEX contact_metrics_owner_id_idx ON contact_metrics (owner_id);
    CREATE INDEX contact_metrics_workspace_id_source_date_idx ON contact_metrics (workspace_id, source, date);
    CREATE INDEX contact_metrics_workspace_id_status_date_idx ON contact_metrics (workspace_id, status, date);
    CREATE INDEX contact_metrics_workspace_id_owner_id_date_idx ON contact_metrics (workspace_id, owner_id, date);
    CREATE INDEX contact_metrics_workspace_id_date_idx ON contact_metrics (workspace_id, date);
    CREATE INDEX contact_metrics_last_updated_idx ON contact_metrics (last_updated);

    -- ----------------------------------------------------------- document_metrics (S2)
    CREATE TABLE document_metrics (
      id                      UUID PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id            UUID NOT NULL REFERENCES workspaces(id) ON DELETE RESTRICT,
      -- documents' type values; TEXT as in S2 (A11).
      document_type           TEXT,
      owner_id                UUID REFERENCES users(id) ON DELETE CASCADE,
      date                    DATE NOT NULL,
      total_documents         INTEGER NOT NULL DEFAULT 0,
      sent_documents          INTEGER NOT NULL DEFAULT 0,
      viewed_documents        INTEGER NOT NULL DEFAULT 0,
      signed_documents        INTEGER NOT NULL DEFAULT 0,
      declined_documents      INTEGER NOT NULL DEFAULT 0,
      expired_documents       INTEGER NOT NULL DEFAULT 0,
      completion_rate         NUMERIC(5,2),
      avg_time_to_sign_hours  DOUBLE PRECISION,
      avg_view_count          DOUBLE PRECISION,
      avg_reminder_count      DOUBLE PRECISION,
      last_updated            TIMESTAMPTZ NOT NULL DEFAULT now(),
      created_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
      updated_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
      CONSTRAINT document_metrics_dimensions_key
        UNIQUE NULLS NOT DISTINCT (workspace_id, document_type, owner_id, date),
      CONSTRAINT document_metrics_counts_nonnegative CHECK (LEAST(total_documents, sent_documents,
        viewed_documents, signed_documents, declined_documents, expired_documents) >= 0),
      CONSTRAINT document_metrics_completion_rate_range CHECK (completion_rate BETWEEN 0 AND 100)
    );
    CREATE TRIGGER document_metrics_set_updated_at BEFORE UPDATE ON document_metrics
      FOR EACH ROW EXECUTE FUNCTION set_updated_at();
    CREATE INDEX document_metrics_owner_id_idx ON document_metrics (owner_id);
    CREATE INDEX document_metrics_workspace_id_document_type_date_idx ON document_metrics (workspace_id, document_type, date);
    CREATE INDEX document_metrics_workspace_id_owner_id_date_idx ON document_metrics (workspace_id, owner_id, date);
    CREATE INDEX document_metrics_workspace_id_date_idx ON document_metrics (workspace_id, date);
    CREATE INDEX document_metrics_last_updated_idx ON document_metrics (last_updated);

    -- ------------------------------------------------------------ revenue_metrics (S2)
    CREATE TABLE revenue_metrics (
      id                   UUID PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id         UUID NOT NULL REFERENCES workspaces(id) ON DELETE RESTRICT,
      pipeline_id          UUID REFERENCES pipelines(id) ON DELETE CASCADE,
      owner_id             UUID REFERENCES users(id) ON DELETE CASCADE,
      team_id              UUID REFERENCES teams(id) ON DELETE CASCADE,
      -- why: one row per calendar month (S2's monthly ETL and its (year, month) indexes);
      -- quarter is stored for grouping and must agree with month.
      year                 INTEGER NOT NULL,
      month                INTEGER NOT NULL,
      quarter              INTEGER NOT NULL,
      total_revenue        NUMERIC(15,2) NOT NULL DEFAULT 0,
      total_deals          INTEGER NOT NULL DEFAULT 0,
      avg_deal_size        NUMERIC(15,2),
      -- why: growth is a percent change, may be negative or far above 100, and is undefined
      -- when the previous period was 0; NUMERIC(5,2) (max 999.99) would overflow.
      revenue_growth_rate  NUMERIC(10,2),
      deal_growth_rate     NUMERIC(10,2),
      forecasted_revenue   NUMERIC(15,2) NOT NULL DEFAULT 0,
      pipeline_value       NUMERIC(15,2) NOT NULL DEFAULT 0,
      last_updated         TIMESTAMPTZ NOT NULL DEFAULT now(),
      created_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
      updated_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
      -- Period first so the key also serves S2's year and (year, month) indexes.
      CONSTRAINT revenue_metrics_dimensions_key
        UNIQUE NULLS NOT DISTINCT (workspace_id, year, month, pipeline_id, owner_id, team_id),
      CONSTRAINT revenue_metrics_month_range CHECK (month BETWEEN 1 AND 12),
      CONSTRAINT revenue_metrics_quarter_range CHECK (quarter BETWEEN 1 AND 4),
      CONSTRAINT revenue_metrics_quarter_matches_month CHECK (quarter = (month + 2) / 3),
      CONSTRAINT revenue_metrics_total_deals_nonnegative CHECK (total_deals >= 0)
    );
    CREATE TRIGGER revenue_metrics_set_updated_at BEFORE UPDATE ON revenue_metrics
      FOR EACH ROW EXECUTE FUNCTION set_updated_at();
    CREATE INDEX revenue_metrics_pipeline_id_idx ON revenue_metrics (pipeline_id);
    CREATE INDEX revenue_metrics_owner_id_idx ON revenue_metrics (owner_id);
    CREATE INDEX revenue_metrics_team_id_idx ON revenue_metrics (team_id);
    CREATE INDEX revenue_metrics_workspace_id_month_idx ON revenue_metrics (workspace_id, month);
    CREATE INDEX revenue_metrics_workspace_id_owner_id_year_month_idx ON revenue_metrics (workspace_id, owner_id, year, month);
    CREATE INDEX revenue_metrics_workspace_id_team_id_year_month_idx ON revenue_metrics (workspace_id, team_id, year, month);
    CREATE INDEX revenue_metrics_last_updated_idx ON revenue_metrics (last_updated);
  `);
};

export const down: MigrationFn = async ({ context }) => {
  await context.sql(`
    DROP TABLE revenue_metrics;
    DROP TABLE document_metrics;
    DROP TABLE contact_metrics;
    DROP TABLE call_metrics;
    DROP TABLE email_metrics;
    DROP TABLE activity_metrics;
    DROP TABLE pipeline_metrics;
    DROP TABLE workflow_executions;
    ALTER TABLE tasks DROP CONSTRAINT tasks_workflow_id_fkey;
    DROP TABLE workflows;
    DROP TYPE enum_pipeline_metrics_period_type;
    DROP TYPE enum_workflows_trigger_type;
    DROP TYPE enum_workflows_status;
  `);
};
