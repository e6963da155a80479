/**
 * Sales: pipelines and their stages (S2 pipelines, S3 pipeline_templates), opportunities and
 * estimates (S3), deals (S2 + S3) with their stage history (S3), documents and signatures (S2),
 * the one activity log (S2/S4 activities, S3 crm_activities + deal_activities) and tasks
 * (S1 sales_tasks, S3 tasks, S4 tasks). Needs users (120100) and accounts, contacts, leads (120200).
 *
 * Conventions used throughout (SCHEMA): list-like seed columns (TEXT[] and JSONB lists) are
 * NOT NULL DEFAULT empty, so code never tells "no list" from "empty list"; JSONB columns carry a
 * jsonb_typeof CHECK so the model's TS type (object or array) is true; money is never negative.
 */
import type { MigrationFn } from '../src/migrator.js';

export const up: MigrationFn = async ({ context }) => {
  await context.sql(`
    -- Enum values exactly as enums.tsv lists them, in its order. pipelines.deal_type and
    -- deals.deal_type are separate types with the same values (one type per column).
    CREATE TYPE enum_pipelines_deal_type AS ENUM ('standard', 'large_project', 'residential', 'commercial');
    CREATE TYPE enum_opportunities_stage AS ENUM ('prospecting', 'qualified', 'proposal', 'negotiation', 'won', 'lost');
    CREATE TYPE enum_opportunities_risk_level AS ENUM ('low', 'medium', 'high');
    -- S3 'active' is stored as 'open' (SCHEMA).
    CREATE TYPE enum_deals_status AS ENUM ('open', 'won', 'lost', 'abandoned', 'on_hold');
    CREATE TYPE enum_deals_deal_type AS ENUM ('standard', 'large_project', 'residential', 'commercial');
    CREATE TYPE enum_deals_risk_level AS ENUM ('low', 'medium', 'high', 'critical');
    CREATE TYPE enum_deals_priority AS ENUM ('low', 'medium', 'high', 'urgent');
    CREATE TYPE enum_documents_type AS ENUM ('contract', 'proposal', 'nda', 'invoice', 'quote', 'other');
    CREATE TYPE enum_documents_status AS ENUM ('draft', 'sent', 'viewed', 'signed', 'declined', 'expired');
    CREATE TYPE enum_activities_type AS ENUM ('call', 'email', 'meeting', 'task', 'note', 'deadline', 'proposal_sent', 'contract_signed');
    CREATE TYPE enum_activities_status AS ENUM ('pending', 'completed', 'overdue', 'cancelled');
    CREATE TYPE enum_activities_call_result AS ENUM ('answered', 'missed', 'voicemail');
    -- S3 tasks' 'open' is NOT a label: it is stored as 'pending' (SCHEMA decision; S4 describes
    -- pending as "not started"). S1 sales_tasks.is_completed maps true -> completed, false -> pending.
    CREATE TYPE enum_tasks_status AS ENUM ('in_progress', 'completed', 'pending', 'cancelled');
    CREATE TYPE enum_tasks_priority AS ENUM ('low', 'medium', 'high', 'urgent');

    -- ---------------------------------------------------------------- pipelines
    CREATE TABLE pipelines (
      id            UUID PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id  UUID NOT NULL REFERENCES workspaces(id) ON DELETE RESTRICT,
      name          TEXT NOT NULL,
      description   TEXT,
      -- NULL: a pipeline for any deal type (S2 pipelines have no deal type).
      deal_type     enum_pipelines_deal_type,
      is_default    BOOLEAN NOT NULL DEFAULT false,
      is_active     BOOLEAN NOT NULL DEFAULT true,
      order_index   INTEGER NOT NULL DEFAULT 0,
      created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
      updated_at    TIMESTAMPTZ NOT NULL DEFAULT now()
    );
    CREATE INDEX pipelines_workspace_id_name_idx ON pipelines (workspace_id, name);
    -- why: "the default pipeline" must be one row. S3 templates carry a deal type, so the default
    -- is per (workspace, deal type); NULLS NOT DISTINCT makes the type-less default unique too.
    CREATE UNIQUE INDEX pipelines_workspace_id_deal_type_default_key
      ON pipelines (workspace_id, deal_type) NULLS NOT DISTINCT WHERE is_default;
    CREATE TRIGGER pipelines_set_updated_at BEFORE UPDATE ON pipelines
      FOR EACH ROW EXECUTE FUNCTION set_updated_at();

    -- ---------------------------------------------------------------- pipeline_stages
    CREATE TABLE pipeline_stages (
      id                      UUID PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id            UUID NOT NULL REFERENCES workspaces(id) ON DELETE RESTRICT,
      pipeline_id             UUID NOT NULL REFERENCES pipelines(id) ON DELETE CASCADE,
      name                    TEXT NOT NULL,
      description             TEXT,
      order_index             INTEGER NOT NULL CHECK (order_index >= 0),
      color_code              TEXT,
      -- why NOT NULL DEFAULT 0: deals copy it on every stage move; "unknown" would zero the
      -- forecast silently anyway.
      probability             NUMERIC(5,2) NOT NULL DEFAULT 0 CHECK (probability BETWEEN 0 AND 100),
      is_closed               BOOLEAN NOT NULL DEFAULT false,
      is_won                  BOOLEAN NOT NULL DEFAULT false,
      is_lost                 BOOLEAN NOT NULL DEFAULT false,
      -- Task templates created when a deal enters the stage (S3).
      auto_tasks              JSONB NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(auto_tasks) = 'array'),
      -- Deal field names that must be filled before a deal advances (S3 JSONB kept as JSONB).
      required_fields         JSONB NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(required_fields) = 'array'),
      expected_duration_days  INTEGER CHECK (expected_duration_days >= 0),
      conversion_rate         NUMERIC(5,2) CHECK (conversion_rate BETWEEN 0 AND 100),
      created_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
      updated_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
      CONSTRAINT pipeline_stages_won_or_lost CHECK (NOT (is_won AND is_lost)),
      -- why: a won or lost stage ends the deal, so it is a closed stage (S3 is_final_stage).
      CONSTRAINT pipeline_stages_outcome_is_closed CHECK (is_closed OR NOT (is_won OR is_lost)),
      -- why: one position per stage in a pipeline; DEFERRABLE so a reorder that shifts several
      -- stages in one transaction does not trip over its own intermediate states.
      CONSTRAINT pipeline_stages_pipeline_id_order_index_key UNIQUE (pipeline_id, order_index)
        DEFERRABLE INITIALLY DEFERRED,
      -- Target of deals' composite FK (a deal's stage belongs to the deal's pipeline).
      CONSTRAINT pipeline_stages_pipeline_id_id_key UNIQUE (pipeline_id, id)
    );
    -- S2 order_index index, led by workspace_id; also the workspace_id FK index.
    CREATE INDEX pipeline_stages_workspace_id_order_index_idx ON pipeline_stages (workspace_id, order_index);
    CREATE TRIGGER pipeline_stages_set_updated_at BEFORE UPDATE ON pipeline_stages
      FOR EACH ROW EXECUTE FUNCTION set_updated_at();

    -- ---------------------------------------------------------------- opportunities
    CREATE TABLE opportunities (
      id                         UUID PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id               UUID NOT NULL REFERENCES workspaces(id) ON DELETE RESTRICT,
      name                       TEXT NOT NULL,
      description                TEXT,
      project_type               TEXT,
      lead_id                    UUID REFERENCES leads(id) ON DELETE SET NULL,
      contact_id                 UUID REFERENCES contacts(id) ON DELETE SET NULL,
      -- S3 projects are not defined anywhere: a plain UUID, no FK (SCHEMA).
      project_id                 UUID,
      estimated_value            NUMERIC(15,2) NOT NULL CHECK (estimated_value >= 0),
      actual_value               NUMERIC(15,2) CHECK (actual_value >= 0),
      -- why NUMERIC(5,2), not the seed INTEGER: the house type for percentages, same as
      -- deals.probability, so an opportunity's probability carries over to its deal unchanged.
      probability_percent        NUMERIC(5,2) CHECK (probability_percent BETWEEN 0 AND 100),
      -- why the default: a new opportunity starts at the first stage of S3's list.
      stage                      enum_opportunities_stage NOT NULL DEFAULT 'prospecting',
      pipeline_position          INTEGER,
      expected_close_date        DATE,
      bid_required               BOOLEAN NOT NULL DEFAULT false,
      bid_due_date               DATE,
      proposal_sent_date         DATE,
      contract_signed_date       DATE,
      competitor_names           TEXT[] NOT NULL DEFAULT '{}',
      our_competitive_advantage  TEXT,
      key_decision_factors       TEXT[] NOT NULL DEFAULT '{}',
      risk_level                 enum_opportunities_risk_level,
      risk_factors               TEXT[] NOT NULL DEFAULT '{}',
      mitigation_strategies      TEXT,
      account_manager            UUID REFERENCES users(id) ON DELETE SET NULL,
      estimator                  UUID REFERENCES users(id) ON DELETE SET NULL,
      project_manager            UUID REFERENCES users(id) ON DELETE SET NULL,
      close_date                 DATE,
      close_reason               TEXT,
      notes                      TEXT,
      tags                       TEXT[] NOT NULL DEFAULT '{}',
      created_at                 TIMESTAMPTZ NOT NULL DEFAULT now(),
      updated_at                 TIMESTAMPTZ NOT NULL DEFAULT now()
    );
    CREATE INDEX opportunities_workspace_id_stage_idx ON opportunities (workspace_id, stage);
    CREATE INDEX opportunities_workspace_id_created_at_idx ON opportunities (workspace_id, created_at);
    CREATE INDEX opportunities_account_manager_idx ON opportunities (account_manager);
    CREATE INDEX opportunities_estimator_idx ON opportunities (estimator);
    CREATE INDEX opportunities_project_manager_idx ON opportunities (project_manager);
    CREATE INDEX opportunities_lead_id_idx ON opportunities (lead_id);
    CREATE INDEX opportunities_contact_id_idx ON opportunities (contact_id);
    CREATE TRIGGER opportunities_set_updated_at BEFORE UPDATE ON opportunities
      FOR EACH ROW EXECUTE FUNCTION set_updated_at();

    -- ---------------------------------------------------------------- estimates
    CREATE TABLE estimates (
      id               UUID PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id     UUID NOT NULL REFERENCES workspaces(id) ON DELETE RESTRICT,
      -- why NOT NULL + RESTRICT: S3 estimates are "for opportunities", and an estimate is a
      -- financial record sent to a client; deleting its opportunity must not erase it silently.
      opportunity_id   UUID NOT NULL REFERENCES opportunities(id) ON DELETE RESTRICT,
      estimate_number  TEXT NOT NULL,
      total_amount     NUMERIC(15,2) NOT NULL DEFAULT 0 CHECK (total_amount >= 0),
      -- why TEXT: S3 names a status but gives no values (review A9), so no list is enforced
      -- that could reject real data; values are kept lower_snake_case like every other status.
      -- The panel offers draft, sent, accepted, rejected, expired.
      status           TEXT NOT NULL DEFAULT 'draft' CHECK (status ~ '^[a-z][a-z0-9_]*$'),
      created_by       UUID REFERENCES users(id) ON DELETE SET NULL,
      created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
      updated_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
      -- A document number: unique within its workspace (review A9).
      CONSTRAINT estimates_workspace_id_estimate_number_key UNIQUE (workspace_id, estimate_number)
    );
    CREATE INDEX estimates_opportunity_id_idx ON estimates (opportunity_id);
    CREATE INDEX estimates_workspace_id_status_idx ON estimates (workspace_id, status);
    CREATE INDEX estimates_created_by_idx ON estimates (created_by);
    CREATE TRIGGER estimates_set_updated_at BEFORE UPDATE ON estimates
      FOR EACH ROW EXECUTE FUNCTION set_updated_at();

    -- ---------------------------------------------------------------- deals
    CREATE TABLE deals (
      id                     UUID PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id           UUID NOT NULL REFERENCES workspaces(id) ON DELETE RESTRICT,
      title                  TEXT NOT NULL,
      description            TEXT,
      deal_type              enum_deals_deal_type,
      value                  NUMERIC(15,2) NOT NULL DEFAULT 0 CHECK (value >= 0),
      actual_value           NUMERIC(15,2) CHECK (actual_value >= 0),
      currency               VARCHAR(3) NOT NULL DEFAULT 'USD' CHECK (currency ~ '^[A-Z]{3}$'),
      -- The deal's own win probability (S2): copied from the stage on each stage move, editable.
      probability            NUMERIC(5,2) CHECK (probability BETWEEN 0 AND 100),
      -- SCHEMA D13: generated from the deal's own probability (a stage's cannot be read here).
      weighted_value         NUMERIC(15,2)
                             GENERATED ALWAYS AS (round(value * coalesce(probability, 0) / 100, 2)) STORED,
      -- A stage in use cannot be deleted; neither can a pipeline that still has deals.
      pipeline_id            UUID REFERENCES pipelines(id) ON DELETE RESTRICT,
      stage_id               UUID REFERENCES pipeline_stages(id) ON DELETE RESTRICT,
      stage_entered_at       TIMESTAMPTZ,
      status                 enum_deals_status NOT NULL DEFAULT 'open',
      priority               enum_deals_priority,
      source                 TEXT,
      owner_id               UUID REFERENCES users(id) ON DELETE SET NULL,
      account_manager_id     UUID REFERENCES users(id) ON DELETE SET NULL,
      -- S3 contact_id and primary_contact_id both land here (SCHEMA, D1).
      contact_id             UUID REFERENCES contacts(id) ON DELETE SET NULL,
      account_id             UUID REFERENCES accounts(id) ON DELETE SET NULL,
      lead_id                UUID REFERENCES leads(id) ON DELETE SET NULL,
      opportunity_id         UUID REFERENCES opportunities(id) ON DELETE SET NULL,
      expected_close_date    DATE,
      actual_close_date      DATE,
      -- Kept by deals_set_days_in_pipeline() on every write. A daily job refreshes open deals
      -- (the count grows with the calendar, not with writes), and the panel computes it on read,
      -- so what a user sees is never stale.
      days_in_pipeline       INTEGER NOT NULL DEFAULT 0 CHECK (days_in_pipeline >= 0),
      competitors            JSONB NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(competitors) = 'array'),
      competitive_advantage  TEXT,
      key_success_factors    JSONB NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(key_success_factors) = 'array'),
      risk_level             enum_deals_risk_level,
      risk_factors           JSONB NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(risk_factors) = 'array'),
      mitigation_strategies  TEXT,
      won_reason             TEXT,
      lost_reason            TEXT,
      lost_to_competitor     TEXT,
      tags                   TEXT[] NOT NULL DEFAULT '{}',
      custom_fields          JSONB NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(custom_fields) = 'object'),
      created_at             TIMESTAMPTZ NOT NULL DEFAULT now(),
      updated_at             TIMESTAMPTZ NOT NULL DEFAULT now(),
      -- why: the deal's stage must belong to the deal's pipeline, which two single-column FKs
      -- cannot say; a stage without a pipeline would escape that check, hence the CHECK.
      CONSTRAINT deals_stage_in_pipeline_fkey FOREIGN KEY (pipeline_id, stage_id)
        REFERENCES pipeline_stages (pipeline_id, id) ON DELETE RESTRICT,
      CONSTRAINT deals_stage_needs_pipeline CHECK (stage_id IS NULL OR pipeline_id IS NOT NULL)
    );
    CREATE INDEX deals_workspace_id_title_idx ON deals (workspace_id, title);
    CREATE INDEX deals_workspace_id_value_idx ON deals (workspace_id, value);
    CREATE INDEX deals_workspace_id_status_idx ON deals (workspace_id, status);
    CREATE INDEX deals_workspace_id_stage_id_idx ON deals (workspace_id, stage_id);   -- S3 idx_deals_company_stage
    CREATE INDEX deals_pipeline_id_stage_id_idx ON deals (pipeline_id, stage_id);
    CREATE INDEX deals_stage_id_idx ON deals (stage_id);
    CREATE INDEX deals_owner_id_idx ON deals (owner_id);                              -- S2 owner_id, S3 idx_deals_sales_rep
    CREATE INDEX deals_account_manager_id_idx ON deals (account_manager_id);
    CREATE INDEX deals_contact_id_idx ON deals (contact_id);
    CREATE INDEX deals_account_id_idx ON deals (account_id);
    CREATE INDEX deals_lead_id_idx ON deals (lead_id);
    CREATE INDEX deals_opportunity_id_idx ON deals (opportunity_id);
    -- S2: every deal by close date (panel sort and filters over all statuses).
    CREATE INDEX deals_workspace_id_expected_close_date_idx ON deals (workspace_id, expected_close_date);
    -- S3 idx_deals_close_date: the forecast reads open deals only (D7: 'active' became 'open').
    CREATE INDEX deals_workspace_id_expected_close_date_open_idx ON deals (workspace_id, expected_close_date)
      WHERE status = 'open';
    CREATE TRIGGER deals_set_updated_at BEFORE UPDATE ON deals
      FOR EACH ROW EXECUTE FUNCTION set_updated_at();

    -- Days from creation to close (or to today while open). A generated column cannot use
    -- current_date, so a trigger keeps it; clamped at 0 for imported rows closed before they
    -- were created here.
    CREATE FUNCTION deals_set_days_in_pipeline() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      NEW.days_in_pipeline := greatest(0, coalesce(NEW.actual_close_date, current_date) - NEW.created_at::date);
      RETURN NEW;
    END $$;
    CREATE TRIGGER deals_set_days_in_pipeline BEFORE INSERT OR UPDATE ON deals
      FOR EACH ROW EXECUTE FUNCTION deals_set_days_in_pipeline();

    -- ---------------------------------------------------------------- deal_stage_history
    CREATE TABLE deal_stage_history (
      id                      UUID PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id            UUID NOT NULL REFERENCES workspaces(id) ON DELETE RESTRICT,
      deal_id                 UUID NOT NULL REFERENCES deals(id) ON DELETE CASCADE,
      -- why RESTRICT (not SET NULL): a history row without its stages says nothing, and stage
      -- velocity and forward/backward moves are computed from it. A stage that has history is
      -- renamed or left unused, not deleted. from_stage_id is NULL for a deal's first stage.
      from_stage_id           UUID REFERENCES pipeline_stages(id) ON DELETE RESTRICT,
      to_stage_id             UUID NOT NULL REFERENCES pipeline_stages(id) ON DELETE RESTRICT,
      moved_by                UUID REFERENCES users(id) ON DELETE SET NULL,
      moved_at                TIMESTAMPTZ NOT NULL DEFAULT now(),
      notes                   TEXT,
      days_in_previous_stage  INTEGER CHECK (days_in_previous_stage >= 0),
      auto_moved              BOOLEAN NOT NULL DEFAULT false,
      value_before            NUMERIC(15,2),
      value_after             NUMERIC(15,2),
      -- NUMERIC(5,2) like deals.probability (the seed's INTEGER would round the copied value).
      probability_before      NUMERIC(5,2) CHECK (probability_before BETWEEN 0 AND 100),
      probability_after       NUMERIC(5,2) CHECK (probability_after BETWEEN 0 AND 100),
      created_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
      updated_at              TIMESTAMPTZ NOT NULL DEFAULT now()
    );
    CREATE INDEX deal_stage_history_deal_id_moved_at_idx ON deal_stage_history (deal_id, moved_at);
    -- Weekly pipeline ETL reads moves by period.
    CREATE INDEX deal_stage_history_workspace_id_moved_at_idx ON deal_stage_history (workspace_id, moved_at);
    CREATE INDEX deal_stage_history_from_stage_id_idx ON deal_stage_history (from_stage_id);
    CREATE INDEX deal_stage_history_to_stage_id_idx ON deal_stage_history (to_stage_id);
    CREATE INDEX deal_stage_history_moved_by_idx ON deal_stage_history (moved_by);
    CREATE TRIGGER deal_stage_history_set_updated_at BEFORE UPDATE ON deal_stage_history
      FOR EACH ROW EXECUTE FUNCTION set_updated_at();

    -- ---------------------------------------------------------------- documents
    CREATE TABLE documents (
      id                    UUID PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id          UUID NOT NULL REFERENCES workspaces(id) ON DELETE RESTRICT,
      name                  TEXT NOT NULL,
      description           TEXT,
      type                  enum_documents_type NOT NULL DEFAULT 'other',
      status                enum_documents_status NOT NULL DEFAULT 'draft',
      file_url              TEXT,
      file_size             INTEGER CHECK (file_size >= 0),   -- bytes
      file_type             TEXT,                             -- MIME type
      owner_id              UUID REFERENCES users(id) ON DELETE SET NULL,
      contact_id            UUID REFERENCES contacts(id) ON DELETE SET NULL,
      deal_id               UUID REFERENCES deals(id) ON DELETE SET NULL,
      requires_signature    BOOLEAN NOT NULL DEFAULT false,
      signature_provider    TEXT,
      signature_request_id  TEXT,
      sent_at               TIMESTAMPTZ,
      viewed_at             TIMESTAMPTZ,
      signed_at             TIMESTAMPTZ,
      expires_at            TIMESTAMPTZ,
      view_count            INTEGER NOT NULL DEFAULT 0 CHECK (view_count >= 0),
      reminder_count        INTEGER NOT NULL DEFAULT 0 CHECK (reminder_count >= 0),
      last_reminder_at      TIMESTAMPTZ,
      -- TEXT[] like every tags column (SCHEMA: one tag model), not S2's JSONB.
      tags                  TEXT[] NOT NULL DEFAULT '{}',
      custom_fields         JSONB NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(custom_fields) = 'object'),
      created_at            TIMESTAMPTZ NOT NULL DEFAULT now(),
      updated_at            TIMESTAMPTZ NOT NULL DEFAULT now()
    );
    CREATE INDEX documents_workspace_id_name_idx ON documents (workspace_id, name);
    CREATE INDEX documents_workspace_id_type_idx ON documents (workspace_id, type);
    CREATE INDEX documents_workspace_id_status_idx ON documents (workspace_id, status);
    CREATE INDEX documents_owner_id_idx ON documents (owner_id);
    CREATE INDEX documents_contact_id_idx ON documents (contact_id);
    CREATE INDEX documents_deal_id_idx ON documents (deal_id);
    -- why: e-signature webhooks find the document by the provider's request id (no workspace in
    -- the callback), and one provider request belongs to one document.
    CREATE UNIQUE INDEX documents_signature_provider_signature_request_id_key
      ON documents (signature_provider, signature_request_id);
    CREATE TRIGGER documents_set_updated_at BEFORE UPDATE ON documents
      FOR EACH ROW EXECUTE FUNCTION set_updated_at();

    -- ---------------------------------------------------------------- document_signatures
    CREATE TABLE document_signatures (
      id              UUID PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id    UUID NOT NULL REFERENCES workspaces(id) ON DELETE RESTRICT,
      document_id     UUID NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
      signer_name     TEXT,
      signer_email    TEXT NOT NULL,
      signer_role     TEXT,
      signed_at       TIMESTAMPTZ,
      signature_data  TEXT,
      -- why INET (seed String(45)): 45 characters is the longest textual IPv6 address, so every
      -- valid seed value fits, and INET rejects garbage; same type as audit_logs.ip_address.
      ip_address      INET,
      user_agent      TEXT,
      is_signed       BOOLEAN NOT NULL DEFAULT false,
      created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
      updated_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
      -- One row per signer of a document (S2 e-signature flow).
      CONSTRAINT document_signatures_document_id_signer_email_key UNIQUE (document_id, signer_email),
      -- why: a signature counts only with its time (time-to-sign metrics read signed_at).
      CONSTRAINT document_signatures_signed_has_time CHECK (NOT is_signed OR signed_at IS NOT NULL)
    );
    CREATE INDEX document_signatures_workspace_id_signer_email_idx ON document_signatures (workspace_id, signer_email);
    CREATE TRIGGER document_signatures_set_updated_at BEFORE UPDATE ON document_signatures
      FOR EACH ROW EXECUTE FUNCTION set_updated_at();

    -- ---------------------------------------------------------------- activities
    CREATE TABLE activities (
      id                UUID PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id      UUID NOT NULL REFERENCES workspaces(id) ON DELETE RESTRICT,
      -- Unknown S3 crm_activities types are stored as 'note' (raw value in metadata, review A6).
      type              enum_activities_type NOT NULL,
      subject           TEXT,
      description       TEXT,
      -- why default 'pending': S2's status for a scheduled activity and D9's mapping of
      -- is_completed = false. Code that logs something already done (S4 activities, S3
      -- crm_activities) writes 'completed'.
      status            enum_activities_status NOT NULL DEFAULT 'pending',
      -- 0 = low, 1 = medium, 2 = high (S2).
      priority          INTEGER CHECK (priority BETWEEN 0 AND 2),
      -- When it happened; NULL while a scheduled activity has not happened yet (no default).
      occurred_at       TIMESTAMPTZ,
      due_at            TIMESTAMPTZ,
      completed_at      TIMESTAMPTZ,
      duration_minutes  INTEGER CHECK (duration_minutes >= 0),
      location          TEXT,
      outcome           TEXT,
      next_action       TEXT,
      -- Calls only: what call_metrics counts (answered / missed / voicemail, recorded).
      call_result       enum_activities_call_result,
      is_recorded       BOOLEAN NOT NULL DEFAULT false,
      is_automated      BOOLEAN NOT NULL DEFAULT false,
      owner_id          UUID REFERENCES users(id) ON DELETE SET NULL,
      created_by        UUID REFERENCES users(id) ON DELETE SET NULL,
      contact_id        UUID REFERENCES contacts(id) ON DELETE SET NULL,
      account_id        UUID REFERENCES accounts(id) ON DELETE SET NULL,
      deal_id           UUID REFERENCES deals(id) ON DELETE SET NULL,
      lead_id           UUID REFERENCES leads(id) ON DELETE SET NULL,
      opportunity_id    UUID REFERENCES opportunities(id) ON DELETE SET NULL,
      document_id       UUID REFERENCES documents(id) ON DELETE SET NULL,
      metadata          JSONB NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(metadata) = 'object'),
      custom_fields     JSONB NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(custom_fields) = 'object'),
      created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
      updated_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
      CONSTRAINT activities_call_result_only_calls CHECK (call_result IS NULL OR type = 'call')
    );
    -- The call/activity metrics ETL: one workspace, one type, a time window. Also serves S2's
    -- type index and S3/S4's workspace indexes.
    CREATE INDEX activities_workspace_id_type_occurred_at_idx ON activities (workspace_id, type, occurred_at);
    CREATE INDEX activities_workspace_id_status_idx ON activities (workspace_id, status);
    CREATE INDEX activities_workspace_id_due_at_idx ON activities (workspace_id, due_at);
    CREATE INDEX activities_owner_id_idx ON activities (owner_id);
    CREATE INDEX activities_created_by_idx ON activities (created_by);
    CREATE INDEX activities_contact_id_idx ON activities (contact_id);
    CREATE INDEX activities_account_id_idx ON activities (account_id);
    CREATE INDEX activities_deal_id_idx ON activities (deal_id);
    CREATE INDEX activities_lead_id_idx ON activities (lead_id);
    CREATE INDEX activities_opportunity_id_idx ON activities (opportunity_id);
    CREATE INDEX activities_document_id_idx ON activities (document_id);
    CREATE TRIGGER activities_set_updated_at BEFORE UPDATE ON activities
      FOR EACH ROW EXECUTE FUNCTION set_updated_at();

    -- ---------------------------------------------------------------- tasks
    CREATE TABLE tasks (
      id                 UUID PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id       UUID NOT NULL REFERENCES workspaces(id) ON DELETE RESTRICT,
      title              TEXT NOT NULL,
      description        TEXT,
      status             enum_tasks_status NOT NULL DEFAULT 'pending',
      -- why NOT NULL DEFAULT 'medium': every task sorts by priority; S1 tasks have none.
      priority           enum_tasks_priority NOT NULL DEFAULT 'medium',
      -- S1 DATE due dates are stored as midnight in the workspace's time zone (review A12).
      due_at             TIMESTAMPTZ,
      completed_at       TIMESTAMPTZ,
      assigned_to        UUID REFERENCES users(id) ON DELETE SET NULL,
      contact_id         UUID REFERENCES contacts(id) ON DELETE SET NULL,
      account_id         UUID REFERENCES accounts(id) ON DELETE SET NULL,
      lead_id            UUID REFERENCES leads(id) ON DELETE SET NULL,
      deal_id            UUID REFERENCES deals(id) ON DELETE SET NULL,
      opportunity_id     UUID REFERENCES opportunities(id) ON DELETE SET NULL,
      -- The workflow that created the task. workflows is created by a later migration, which
      -- adds this column's FK (ON DELETE SET NULL); the index below already exists for it.
      workflow_id        UUID,
      -- The stage whose auto_tasks created the task.
      pipeline_stage_id  UUID REFERENCES pipeline_stages(id) ON DELETE SET NULL,
      created_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
      updated_at         TIMESTAMPTZ NOT NULL DEFAULT now()
    );
    CREATE INDEX tasks_workspace_id_status_idx ON tasks (workspace_id, status);
    CREATE INDEX tasks_workspace_id_due_at_idx ON tasks (workspace_id, due_at);
    -- "My open tasks by due date", the panel's default task view.
    CREATE INDEX tasks_workspace_id_assigned_to_due_at_open_idx ON tasks (workspace_id, assigned_to, due_at)
      WHERE status IN ('pending', 'in_progress');
    CREATE INDEX tasks_assigned_to_idx ON tasks (assigned_to);                        -- S4 idx_tasks_user
    CREATE INDEX tasks_contact_id_idx ON tasks (contact_id);
    CREATE INDEX tasks_account_id_idx ON tasks (account_id);
    CREATE INDEX tasks_lead_id_idx ON tasks (lead_id);
    CREATE INDEX tasks_deal_id_idx ON tasks (deal_id);
    CREATE INDEX tasks_opportunity_id_idx ON tasks (opportunity_id);
    CREATE INDEX tasks_workflow_id_idx ON tasks (workflow_id);
    CREATE INDEX tasks_pipeline_stage_id_idx ON tasks (pipeline_stage_id);
    CREATE TRIGGER tasks_set_updated_at BEFORE UPDATE ON tasks
      FOR EACH ROW EXECUTE FUNCTION set_updated_at();
  `);
};

export const down: MigrationFn = async ({ context }) => {
  await context.sql(`
    DROP TABLE tasks;
    DROP TABLE activities;
    DROP TABLE document_signatures;
    DROP TABLE documents;
    DROP TABLE deal_stage_history;
    DROP TABLE deals;
    DROP FUNCTION deals_set_days_in_pipeline();
    DROP TABLE estimates;
    DROP TABLE opportunities;
    DROP TABLE pipeline_stages;
    DROP TABLE pipelines;

    DROP TYPE enum_tasks_priority;
    DROP TYPE enum_tasks_status;
    DROP TYPE enum_activities_call_result;
    DROP TYPE enum_activities_status;
    DROP TYPE enum_activities_type;
    DROP TYPE enum_documents_status;
    DROP TYPE enum_documents_type;
    DROP TYPE enum_deals_priority;
    DROP TYPE enum_deals_risk_level;
    DROP TYPE enum_deals_deal_type;
    DROP TYPE enum_deals_status;
    DROP TYPE enum_opportunities_risk_level;
    DROP TYPE enum_opportunities_stage;
    DROP TYPE enum_pipelines_deal_type;
  `);
};
