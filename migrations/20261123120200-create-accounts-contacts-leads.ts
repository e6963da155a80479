/**
 * The people and companies sold to: `leads` (S1 + S3 merged) with S3's `lead_activities`,
 * `demo_requests`, `sales_contact_requests` and `lead_routing_rules`; `accounts` (S4 accounts +
 * S1 clients); `contacts` (S2 + S3 + S4 merged); and S3's `sales_quotas`.
 * Tables are created leads first, so that accounts.created_from_lead_id can reference leads.
 */
import type { MigrationFn } from '../src/migrator.js';

export const up: MigrationFn = async ({ context }) => {
  await context.sql(`
    -- Enum values exactly as enums.tsv lists them, in its order.
    CREATE TYPE enum_leads_status AS ENUM (
      'new', 'contacted', 'qualified', 'proposal', 'negotiation', 'converted', 'lost', 'demo_scheduled'
    );
    CREATE TYPE enum_leads_service_type AS ENUM ('permanent', 'contract', 'rpo', 'executive_search');
    -- A5: one lead_source domain (the union of S2's LeadSource and S3's lead_source values) for
    -- leads and contacts alike, so a lead converts to a contact without remapping; 'other' takes
    -- S1's and S3's free-text sources on import (the raw text goes to leads.notes and
    -- contacts.custom_fields.source_raw). deals.source should take the same values.
    CREATE TYPE enum_leads_source AS ENUM (
      'website', 'referral', 'linkedin', 'cold_email', 'trade_show', 'social_media',
      'advertising', 'cold_outreach', 'other'
    );
    CREATE TYPE enum_leads_priority AS ENUM ('low', 'medium', 'high', 'hot');
    CREATE TYPE enum_leads_interest_type AS ENUM ('trial', 'demo', 'sales_contact', 'just_browsing');
    CREATE TYPE enum_accounts_status AS ENUM ('active', 'inactive', 'blacklisted');
    CREATE TYPE enum_contacts_status AS ENUM (
      'new', 'contacted', 'qualified', 'unqualified', 'customer', 'inactive', 'engaged',
      'opportunity', 'churned'
    );
    CREATE TYPE enum_contacts_source AS ENUM (
      'website', 'referral', 'linkedin', 'cold_email', 'trade_show', 'social_media',
      'advertising', 'cold_outreach', 'other'
    );
    CREATE TYPE enum_contacts_contact_type AS ENUM (
      'prospect', 'customer', 'vendor', 'partner', 'decision_maker', 'influencer'
    );
    CREATE TYPE enum_contacts_relationship_status AS ENUM ('active', 'inactive', 'lost', 'won');
    CREATE TYPE enum_contacts_preferred_contact_method AS ENUM ('email', 'phone', 'meeting');
    CREATE TYPE enum_lead_activities_activity_type AS ENUM (
      'page_view', 'form_submit', 'email_open', 'email_click', 'demo_request', 'pricing_viewed',
      'signup_started', 'resource_downloaded'
    );
    CREATE TYPE enum_demo_requests_demo_type AS ENUM ('quick_15min', 'standard_30min', 'full_60min');
    CREATE TYPE enum_demo_requests_status AS ENUM (
      'requested', 'scheduled', 'completed', 'cancelled', 'no_show'
    );
    CREATE TYPE enum_sales_contact_requests_inquiry_type AS ENUM (
      'pricing', 'enterprise', 'partnership', 'general'
    );
    CREATE TYPE enum_sales_contact_requests_timeline AS ENUM (
      'immediate', '1_3_months', '3_6_months', '6_12_months', 'planning'
    );
    CREATE TYPE enum_sales_contact_requests_status AS ENUM (
      'new', 'contacted', 'in_progress', 'qualified', 'converted', 'closed'
    );
    -- A10: a rule sets a lead's priority, so the values are exactly leads.priority's.
    CREATE TYPE enum_lead_routing_rules_set_priority AS ENUM ('low', 'medium', 'high', 'hot');
    CREATE TYPE enum_sales_quotas_quota_period AS ENUM ('monthly', 'quarterly', 'yearly');

    CREATE TABLE leads (
      id                       UUID PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id             UUID NOT NULL REFERENCES workspaces(id) ON DELETE RESTRICT,
      owner_id                 UUID REFERENCES users(id) ON DELETE SET NULL,
      company_name             TEXT,
      -- D16: S1 contact_person is split on the last space.
      first_name               TEXT,
      last_name                TEXT,
      -- why nullable, with no "some identity" CHECK: S3 tracks anonymous pre-signup visitors
      -- (page views) before they leave an address.
      email                    TEXT,
      phone                    TEXT,
      job_title                TEXT,
      status                   enum_leads_status NOT NULL DEFAULT 'new',
      service_type             enum_leads_service_type,
      estimated_value          NUMERIC(15,2),
      probability              INTEGER,
      expected_close_date      DATE,
      next_follow_up           TIMESTAMPTZ,
      source                   enum_leads_source,
      -- why default 'medium': S3 gives no default; routing rules raise or lower it.
      priority                 enum_leads_priority NOT NULL DEFAULT 'medium',
      -- S3: points added per lead activity (demo +50 ... page view +1); unbounded, no 0-100 CHECK.
      lead_score               INTEGER NOT NULL DEFAULT 0,
      interest_type            enum_leads_interest_type,
      requested_demo           BOOLEAN NOT NULL DEFAULT false,
      requested_sales_contact  BOOLEAN NOT NULL DEFAULT false,
      downloaded_resource      BOOLEAN NOT NULL DEFAULT false,
      viewed_pricing           BOOLEAN NOT NULL DEFAULT false,
      started_signup           BOOLEAN NOT NULL DEFAULT false,
      converted_to_user_id     UUID REFERENCES users(id) ON DELETE SET NULL,
      conversion_value         NUMERIC(15,2),
      utm_source               TEXT,
      utm_medium               TEXT,
      utm_campaign             TEXT,
      utm_content              TEXT,
      utm_term                 TEXT,
      landing_page             TEXT,
      referrer                 TEXT,
      notes                    TEXT,
      tags                     TEXT[] NOT NULL DEFAULT '{}',
      -- why NOT NULL DEFAULT now(): every lead was first seen at some point; S1 imports use created_at.
      first_seen_at            TIMESTAMPTZ NOT NULL DEFAULT now(),
      last_activity_at         TIMESTAMPTZ,
      created_at               TIMESTAMPTZ NOT NULL DEFAULT now(),
      updated_at               TIMESTAMPTZ NOT NULL DEFAULT now(),
      -- D6: S3's unique email, per workspace; NULLs (anonymous leads) stay allowed. Stored
      -- lower-case so that the UNIQUE is case-insensitive.
      CONSTRAINT leads_workspace_id_email_key UNIQUE (workspace_id, email),
      CONSTRAINT leads_email_lower CHECK (email = lower(email)),
      CONSTRAINT leads_email_format CHECK (email ~ '^[^@[:space:]]+@[^@[:space:]]+$'),
      CONSTRAINT leads_probability_range CHECK (probability BETWEEN 0 AND 100),
      CONSTRAINT leads_estimated_value_nonnegative CHECK (estimated_value >= 0),
      CONSTRAINT leads_conversion_value_nonnegative CHECK (conversion_value >= 0)
    );
    -- The UNIQUE above also serves S3 idx_leads_email.
    CREATE INDEX leads_workspace_id_status_idx ON leads (workspace_id, status);
    CREATE INDEX leads_workspace_id_lead_score_idx ON leads (workspace_id, lead_score DESC);
    CREATE INDEX leads_workspace_id_created_at_idx ON leads (workspace_id, created_at DESC);
    CREATE INDEX leads_workspace_id_priority_idx ON leads (workspace_id, priority);
    CREATE INDEX leads_owner_id_idx ON leads (owner_id);  -- S3 idx_leads_assigned_to; reps' own leads
    -- Partial: few leads ever convert; still serves the FK's ON DELETE SET NULL lookup.
    CREATE INDEX leads_converted_to_user_id_idx ON leads (converted_to_user_id)
      WHERE converted_to_user_id IS NOT NULL;
    -- S1 follow-ups due feed action_queue: only open leads with a follow-up date are scanned.
    CREATE INDEX leads_next_follow_up_idx ON leads (next_follow_up)
      WHERE next_follow_up IS NOT NULL AND status NOT IN ('converted', 'lost');
    -- Panel search is ILIKE '%q%' on these columns. A multicolumn trigram GIN index serves ILIKE
    -- on any one of them and OR-combinations of them (pg_trgm ignores case, so no lower()).
    CREATE INDEX leads_email_company_name_first_name_last_name_idx ON leads
      USING gin (email gin_trgm_ops, company_name gin_trgm_ops, first_name gin_trgm_ops, last_name gin_trgm_ops);
    CREATE TRIGGER leads_set_updated_at BEFORE UPDATE ON leads
      FOR EACH ROW EXECUTE FUNCTION set_updated_at();

    CREATE TABLE accounts (
      id                    UUID PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id          UUID NOT NULL REFERENCES workspaces(id) ON DELETE RESTRICT,
      name                  TEXT NOT NULL,
      domain                TEXT,
      industry              TEXT,
      -- S4 VARCHAR "number of employees": often a band such as '51-200', so kept as text.
      employee_count        TEXT,
      annual_revenue        NUMERIC(15,2),
      address               TEXT,
      -- S1 clients keep their own billing address beside S4's street address.
      billing_address       TEXT,
      city                  TEXT,
      state                 TEXT,
      country               TEXT,
      postal_code           TEXT,
      phone                 TEXT,
      website               TEXT,
      description           TEXT,
      status                enum_accounts_status NOT NULL DEFAULT 'active',
      -- S1 { "gst": ..., "pan": ... }; '{}' when the account has no registered identifiers.
      corporate_identity    JSONB NOT NULL DEFAULT '{}'::jsonb,
      contract_start_date   DATE,
      contract_end_date     DATE,
      owner_id              UUID REFERENCES users(id) ON DELETE SET NULL,
      -- S1 account manager, kept beside S4's owner: the two roles can be different people.
      account_manager_id    UUID REFERENCES users(id) ON DELETE SET NULL,
      -- The account outlives the lead it was converted from.
      created_from_lead_id  UUID REFERENCES leads(id) ON DELETE SET NULL,
      custom_fields         JSONB NOT NULL DEFAULT '{}'::jsonb,
      created_at            TIMESTAMPTZ NOT NULL DEFAULT now(),
      updated_at            TIMESTAMPTZ NOT NULL DEFAULT now(),
      -- Domains are case-insensitive; lower-case makes matching contacts' email domains exact.
      CONSTRAINT accounts_domain_lower CHECK (domain = lower(domain)),
      CONSTRAINT accounts_annual_revenue_nonnegative CHECK (annual_revenue >= 0),
      CONSTRAINT accounts_contract_dates_order CHECK (contract_end_date >= contract_start_date),
      CONSTRAINT accounts_corporate_identity_object CHECK (jsonb_typeof(corporate_identity) = 'object'),
      CONSTRAINT accounts_custom_fields_object CHECK (jsonb_typeof(custom_fields) = 'object')
    );
    CREATE INDEX accounts_workspace_id_name_idx ON accounts (workspace_id, name);  -- S4 idx_accounts_workspace
    CREATE INDEX accounts_workspace_id_status_idx ON accounts (workspace_id, status);
    -- Not a seed index: finds the account of a contact by its email domain.
    CREATE INDEX accounts_workspace_id_domain_idx ON accounts (workspace_id, domain);
    CREATE INDEX accounts_owner_id_idx ON accounts (owner_id);  -- S4 idx_accounts_owner
    CREATE INDEX accounts_account_manager_id_idx ON accounts (account_manager_id);
    CREATE INDEX accounts_created_from_lead_id_idx ON accounts (created_from_lead_id)
      WHERE created_from_lead_id IS NOT NULL;
    -- Panel search: ILIKE '%q%' on the name (trigram GIN; pg_trgm ignores case).
    CREATE INDEX accounts_name_idx ON accounts USING gin (name gin_trgm_ops);
    CREATE TRIGGER accounts_set_updated_at BEFORE UPDATE ON accounts
      FOR EACH ROW EXECUTE FUNCTION set_updated_at();

    CREATE TABLE contacts (
      id                        UUID PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id              UUID NOT NULL REFERENCES workspaces(id) ON DELETE RESTRICT,
      account_id                UUID REFERENCES accounts(id) ON DELETE SET NULL,
      first_name                TEXT,
      last_name                 TEXT,
      email                     TEXT,
      phone                     TEXT,
      mobile                    TEXT,
      -- Free-text company (S2 company, S3 company_name) beside the optional account link.
      company_name              TEXT,
      title                     TEXT,
      department                TEXT,
      website                   TEXT,
      address_line1             TEXT,
      address_line2             TEXT,
      city                      TEXT,
      state                     TEXT,
      postal_code               TEXT,
      country                   TEXT,
      -- why default 'new': the first value of both S2's and S4's lifecycle.
      status                    enum_contacts_status NOT NULL DEFAULT 'new',
      source                    enum_contacts_source,
      -- S2 AI score 0-100; NULL = not scored yet, so averages ignore unscored contacts.
      lead_score                INTEGER,
      owner_id                  UUID REFERENCES users(id) ON DELETE SET NULL,
      tags                      TEXT[] NOT NULL DEFAULT '{}',
      custom_fields             JSONB NOT NULL DEFAULT '{}'::jsonb,
      notes                     TEXT,
      linkedin_url              TEXT,
      twitter_handle            TEXT,
      contact_type              enum_contacts_contact_type,
      relationship_status       enum_contacts_relationship_status,
      preferred_contact_method  enum_contacts_preferred_contact_method,
      timezone                  TEXT,
      birthday                  DATE,
      anniversary               DATE,
      -- A12: S3's DATE values land at midnight in the workspace time zone.
      last_contacted_at         TIMESTAMPTZ,
      next_contact_date         DATE,
      -- S4 sending flags: a bounced or unsubscribed contact gets no sequence or campaign mail.
      unsubscribed              BOOLEAN NOT NULL DEFAULT false,
      unsubscribed_at           TIMESTAMPTZ,
      bounced                   BOOLEAN NOT NULL DEFAULT false,
      created_by                UUID REFERENCES users(id) ON DELETE SET NULL,
      created_at                TIMESTAMPTZ NOT NULL DEFAULT now(),
      updated_at                TIMESTAMPTZ NOT NULL DEFAULT now(),
      -- S4 (S2's global UNIQUE weakened per SCHEMA); lower-case so that it is case-insensitive.
      CONSTRAINT contacts_workspace_id_email_key UNIQUE (workspace_id, email),
      CONSTRAINT contacts_email_lower CHECK (email = lower(email)),
      CONSTRAINT contacts_email_format CHECK (email ~ '^[^@[:space:]]+@[^@[:space:]]+$'),
      -- SCHEMA decision (A14): S3's NOT NULL names relaxed; S2/S4 contacts may be only an address.
      CONSTRAINT contacts_identity_present CHECK (coalesce(first_name, last_name, email) IS NOT NULL),
      CONSTRAINT contacts_lead_score_range CHECK (lead_score BETWEEN 0 AND 100),
      CONSTRAINT contacts_custom_fields_object CHECK (jsonb_typeof(custom_fields) = 'object')
    );
    -- The UNIQUE above also serves S2's email index, S4 idx_contacts_email and, with the listing
    -- indexes below, S3 idx_contacts_company_id / S4 idx_contacts_workspace.
    CREATE INDEX contacts_workspace_id_status_idx ON contacts (workspace_id, status);
    CREATE INDEX contacts_workspace_id_source_idx ON contacts (workspace_id, source);
    CREATE INDEX contacts_workspace_id_lead_score_idx ON contacts (workspace_id, lead_score DESC NULLS LAST);
    CREATE INDEX contacts_workspace_id_company_name_idx ON contacts (workspace_id, company_name);
    CREATE INDEX contacts_workspace_id_contact_type_idx ON contacts (workspace_id, contact_type);
    CREATE INDEX contacts_workspace_id_created_at_idx ON contacts (workspace_id, created_at DESC);
    CREATE INDEX contacts_owner_id_idx ON contacts (owner_id);  -- S2, S3 idx_contacts_assigned_to, S4 idx_contacts_owner
    CREATE INDEX contacts_account_id_idx ON contacts (account_id);  -- S4 idx_contacts_account
    CREATE INDEX contacts_created_by_idx ON contacts (created_by);
    -- Panel search is ILIKE '%q%' on these columns. A multicolumn trigram GIN index serves ILIKE
    -- on any one of them and OR-combinations of them (pg_trgm ignores case, so no lower()).
    CREATE INDEX contacts_first_name_last_name_email_company_name_idx ON contacts
      USING gin (first_name gin_trgm_ops, last_name gin_trgm_ops, email gin_trgm_ops, company_name gin_trgm_ops);
    CREATE TRIGGER contacts_set_updated_at BEFORE UPDATE ON contacts
      FOR EACH ROW EXECUTE FUNCTION set_updated_at();

    -- Behavioural signals of a lead (S3); owned by the lead. workspace_id is the lead's.
    CREATE TABLE lead_activities (
      id             UUID PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id   UUID NOT NULL REFERENCES workspaces(id) ON DELETE RESTRICT,
      lead_id        UUID NOT NULL REFERENCES leads(id) ON DELETE CASCADE,
      activity_type  enum_lead_activities_activity_type NOT NULL,
      activity_data  JSONB NOT NULL DEFAULT '{}'::jsonb,
      page_url       TEXT,
      ip_address     INET,
      user_agent     TEXT,
      country        TEXT,
      city           TEXT,
      created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
      updated_at     TIMESTAMPTZ NOT NULL DEFAULT now()
    );
    -- S3 idx_lead_activities_lead_id, extended: a lead's timeline reads newest first.
    CREATE INDEX lead_activities_lead_id_created_at_idx ON lead_activities (lead_id, created_at DESC);
    CREATE INDEX lead_activities_workspace_id_activity_type_idx ON lead_activities (workspace_id, activity_type);
    CREATE INDEX lead_activities_workspace_id_created_at_idx ON lead_activities (workspace_id, created_at DESC);
    CREATE TRIGGER lead_activities_set_updated_at BEFORE UPDATE ON lead_activities
      FOR EACH ROW EXECUTE FUNCTION set_updated_at();

    -- A demo request (S3). why lead_id SET NULL, not CASCADE: the request carries its own copy of
    -- the requester's details and its outcome (completed, converted_to_paid) is sales history
    -- that must survive clean-up of the lead; erasing a person deletes their requests explicitly.
    CREATE TABLE demo_requests (
      id                   UUID PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id         UUID NOT NULL REFERENCES workspaces(id) ON DELETE RESTRICT,
      lead_id              UUID REFERENCES leads(id) ON DELETE SET NULL,
      -- why NOT NULL: the address is how the requester is reached; a form without one is no request.
      email                TEXT NOT NULL,
      first_name           TEXT,
      last_name            TEXT,
      company_name         TEXT,
      phone                TEXT,
      demo_type            enum_demo_requests_demo_type,
      preferred_date       DATE,
      -- Free text as the form sends it ('morning', '14:00'), read with timezone.
      preferred_time       TEXT,
      timezone             TEXT,
      message              TEXT,
      scheduled_at         TIMESTAMPTZ,
      calendar_event_id    TEXT,
      meeting_url          TEXT,
      status               enum_demo_requests_status NOT NULL DEFAULT 'requested',
      completed_at         TIMESTAMPTZ,
      cancelled_at         TIMESTAMPTZ,
      cancellation_reason  TEXT,
      follow_up_sent       BOOLEAN NOT NULL DEFAULT false,
      follow_up_sent_at    TIMESTAMPTZ,
      converted_to_paid    BOOLEAN NOT NULL DEFAULT false,
      converted_at         TIMESTAMPTZ,
      assigned_sales_rep   UUID REFERENCES users(id) ON DELETE SET NULL,
      created_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
      updated_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
      CONSTRAINT demo_requests_email_lower CHECK (email = lower(email))
    );
    CREATE INDEX demo_requests_lead_id_idx ON demo_requests (lead_id);
    -- Matching a request to its lead happens within the workspace.
    CREATE INDEX demo_requests_workspace_id_email_idx ON demo_requests (workspace_id, email);
    CREATE INDEX demo_requests_workspace_id_status_idx ON demo_requests (workspace_id, status);
    CREATE INDEX demo_requests_workspace_id_scheduled_at_idx ON demo_requests (workspace_id, scheduled_at);
    CREATE INDEX demo_requests_workspace_id_created_at_idx ON demo_requests (workspace_id, created_at DESC);
    CREATE INDEX demo_requests_assigned_sales_rep_idx ON demo_requests (assigned_sales_rep);
    CREATE TRIGGER demo_requests_set_updated_at BEFORE UPDATE ON demo_requests
      FOR EACH ROW EXECUTE FUNCTION set_updated_at();

    -- A "contact sales" inquiry (S3). lead_id SET NULL for the same reason as demo_requests.
    CREATE TABLE sales_contact_requests (
      id                UUID PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id      UUID NOT NULL REFERENCES workspaces(id) ON DELETE RESTRICT,
      lead_id           UUID REFERENCES leads(id) ON DELETE SET NULL,
      email             TEXT NOT NULL,
      first_name        TEXT,
      last_name         TEXT,
      company_name      TEXT,
      phone             TEXT,
      inquiry_type      enum_sales_contact_requests_inquiry_type,
      message           TEXT,
      -- A range as the requester wrote it ('10k-50k'), not an amount: stays text.
      estimated_budget  TEXT,
      timeline          enum_sales_contact_requests_timeline,
      status            enum_sales_contact_requests_status NOT NULL DEFAULT 'new',
      contacted_at      TIMESTAMPTZ,
      assigned_to       UUID REFERENCES users(id) ON DELETE SET NULL,
      assigned_at       TIMESTAMPTZ,
      notes             TEXT,
      created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
      updated_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
      CONSTRAINT sales_contact_requests_email_lower CHECK (email = lower(email))
    );
    CREATE INDEX sales_contact_requests_lead_id_idx ON sales_contact_requests (lead_id);
    CREATE INDEX sales_contact_requests_workspace_id_email_idx ON sales_contact_requests (workspace_id, email);
    CREATE INDEX sales_contact_requests_workspace_id_status_idx ON sales_contact_requests (workspace_id, status);
    CREATE INDEX sales_contact_requests_assigned_to_idx ON sales_contact_requests (assigned_to);
    CREATE INDEX sales_contact_requests_workspace_id_created_at_idx
      ON sales_contact_requests (workspace_id, created_at DESC);
    CREATE TRIGGER sales_contact_requests_set_updated_at BEFORE UPDATE ON sales_contact_requests
      FOR EACH ROW EXECUTE FUNCTION set_updated_at();

    -- Automatic lead assignment (S3): active rules are tried by priority, highest first.
    CREATE TABLE lead_routing_rules (
      id                     UUID PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id           UUID NOT NULL REFERENCES workspaces(id) ON DELETE RESTRICT,
      name                   TEXT NOT NULL,
      description            TEXT,
      priority               INTEGER NOT NULL DEFAULT 0,
      is_active              BOOLEAN NOT NULL DEFAULT true,
      -- Rules-engine conditions on the lead's fields; '{}' matches every lead.
      conditions             JSONB NOT NULL DEFAULT '{}'::jsonb,
      assign_to_user_id      UUID REFERENCES users(id) ON DELETE SET NULL,
      -- A10: S3 names the team by text; teams.name is unique per workspace, so it resolves
      -- to one team (the fixed column list has no team_id).
      assign_to_team         TEXT,
      set_priority           enum_lead_routing_rules_set_priority,
      add_tags               TEXT[] NOT NULL DEFAULT '{}',
      -- Task templates created for the routed lead (S3 JSONB); a list, '[]' = none.
      auto_create_tasks      JSONB NOT NULL DEFAULT '[]'::jsonb,
      use_round_robin        BOOLEAN NOT NULL DEFAULT false,
      -- No FK is possible on an array: the application checks that every id is a user of the
      -- workspace when the rule is saved, and skips ids that no longer resolve when routing.
      round_robin_users      UUID[] NOT NULL DEFAULT '{}',
      -- The round-robin cursor; losing it only restarts the rotation.
      last_assigned_user_id  UUID REFERENCES users(id) ON DELETE SET NULL,
      created_at             TIMESTAMPTZ NOT NULL DEFAULT now(),
      updated_at             TIMESTAMPTZ NOT NULL DEFAULT now(),
      CONSTRAINT lead_routing_rules_conditions_object CHECK (jsonb_typeof(conditions) = 'object'),
      CONSTRAINT lead_routing_rules_auto_create_tasks_array CHECK (jsonb_typeof(auto_create_tasks) = 'array')
    );
    CREATE INDEX lead_routing_rules_workspace_id_priority_idx
      ON lead_routing_rules (workspace_id, priority DESC) WHERE is_active;
    -- The partial index above skips inactive rules; the FK and the panel list need them all.
    CREATE INDEX lead_routing_rules_workspace_id_name_idx ON lead_routing_rules (workspace_id, name);
    CREATE INDEX lead_routing_rules_assign_to_user_id_idx ON lead_routing_rules (assign_to_user_id);
    CREATE INDEX lead_routing_rules_last_assigned_user_id_idx ON lead_routing_rules (last_assigned_user_id);
    CREATE TRIGGER lead_routing_rules_set_updated_at BEFORE UPDATE ON lead_routing_rules
      FOR EACH ROW EXECUTE FUNCTION set_updated_at();

    -- A rep's targets for one period (S3); actual calls and meetings are counted from activities.
    CREATE TABLE sales_quotas (
      id               UUID PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id     UUID NOT NULL REFERENCES workspaces(id) ON DELETE RESTRICT,
      -- why NOT NULL and RESTRICT: a quota is a user's target (its identity); users are
      -- soft-deleted, so quota history is never silently lost.
      user_id          UUID NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
      quota_period     enum_sales_quotas_quota_period NOT NULL,
      start_date       DATE NOT NULL,
      end_date         DATE NOT NULL,
      -- Each target is optional: a quota may set only some of them.
      revenue_target   NUMERIC(15,2),
      deals_target     INTEGER,
      calls_target     INTEGER,
      meetings_target  INTEGER,
      territory        TEXT,
      -- deals.deal_type values (checked by the application: that enum is another migration's);
      -- '{}' = every deal type.
      deal_types       TEXT[] NOT NULL DEFAULT '{}',
      is_active        BOOLEAN NOT NULL DEFAULT true,
      created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
      updated_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
      CONSTRAINT sales_quotas_dates_order CHECK (end_date >= start_date),
      CONSTRAINT sales_quotas_targets_nonnegative CHECK (
        revenue_target >= 0 AND deals_target >= 0 AND calls_target >= 0 AND meetings_target >= 0
      )
    );
    CREATE INDEX sales_quotas_user_id_start_date_idx ON sales_quotas (user_id, start_date DESC);
    CREATE INDEX sales_quotas_workspace_id_start_date_idx ON sales_quotas (workspace_id, start_date DESC);
    CREATE TRIGGER sales_quotas_set_updated_at BEFORE UPDATE ON sales_quotas
      FOR EACH ROW EXECUTE FUNCTION set_updated_at();
  `);
};

export const down: MigrationFn = async ({ context }) => {
  await context.sql(`
    DROP TABLE sales_quotas;
    DROP TABLE lead_routing_rules;
    DROP TABLE sales_contact_requests;
    DROP TABLE demo_requests;
    DROP TABLE lead_activities;
    DROP TABLE contacts;
    DROP TABLE accounts;
    DROP TABLE leads;

    DROP TYPE enum_sales_quotas_quota_period;
    DROP TYPE enum_lead_routing_rules_set_priority;
    DROP TYPE enum_sales_contact_requests_status;
    DROP TYPE enum_sales_contact_requests_timeline;
    DROP TYPE enum_sales_contact_requests_inquiry_type;
    DROP TYPE enum_demo_requests_status;
    DROP TYPE enum_demo_requests_demo_type;
    DROP TYPE enum_lead_activities_activity_type;
    DROP TYPE enum_contacts_preferred_contact_method;
    DROP TYPE enum_contacts_relationship_status;
    DROP TYPE enum_contacts_contact_type;
    DROP TYPE enum_contacts_source;
    DROP TYPE enum_contacts_status;
    DROP TYPE enum_accounts_status;
    DROP TYPE enum_leads_interest_type;
    DROP TYPE enum_leads_priority;
    DROP TYPE enum_leads_source;
    DROP TYPE enum_leads_service_type;
    DROP TYPE enum_leads_status;
  `);
};
