/**
 * S0 "Sales Tracker" (outreach -> job postings -> Builders) and the S1 recruiting ATS
 * (hot drops, jobs, candidate profiles and work history, applications with their timeline,
 * the recruiter's action queue and the co-pilot chat).
 *
 * S0 VARCHAR(255)/(100) lengths are framework defaults, not business rules: those columns are TEXT.
 * S0's NOT NULLs, DEFAULTs and ON DELETE actions are kept exactly as S0 writes them.
 */
import type { MigrationFn } from '../src/migrator.js';

export const up: MigrationFn = async ({ context }) => {
  await context.sql(`
    -- ---------------------------------------------------------------- S0: outreach
    CREATE TYPE enum_outreach_contact_method AS ENUM ('email', 'linkedin', 'phone', 'in_person', 'other');
    CREATE TYPE enum_outreach_status AS ENUM (
      'attempted', 'responded', 'interested', 'meeting_scheduled', 'opportunity_created', 'not_interested', 'no_response');

    CREATE TABLE outreach (
      id              UUID PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id    UUID NOT NULL REFERENCES workspaces(id) ON DELETE RESTRICT,
      staff_user_id   UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,  -- S0 as written
      contact_name    TEXT,
      contact_title   TEXT,
      company_name    TEXT NOT NULL,
      linkedin_url    TEXT,
      contact_method  enum_outreach_contact_method,
      outreach_date   DATE NOT NULL,
      status          enum_outreach_status NOT NULL DEFAULT 'attempted',
      notes           TEXT,
      response_notes  TEXT,
      created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
      updated_at      TIMESTAMPTZ NOT NULL DEFAULT now()
    );
    CREATE INDEX outreach_staff_user_id_idx ON outreach (staff_user_id);
    CREATE INDEX outreach_workspace_id_company_name_idx ON outreach (workspace_id, company_name);
    CREATE INDEX outreach_workspace_id_status_idx ON outreach (workspace_id, status);
    CREATE INDEX outreach_workspace_id_outreach_date_idx ON outreach (workspace_id, outreach_date);
    CREATE TRIGGER outreach_set_updated_at BEFORE UPDATE ON outreach
      FOR EACH ROW EXECUTE FUNCTION set_updated_at();

    -- ---------------------------------------------------------------- S0: job_postings
    CREATE TYPE enum_job_postings_source AS ENUM ('outreach', 'job_board', 'referral', 'other');
    CREATE TYPE enum_job_postings_status AS ENUM (
      'new', 'reviewing', 'shared_with_builders', 'builders_applied', 'interview_stage', 'offer_received', 'closed');

    CREATE TABLE job_postings (
      id             UUID PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id   UUID NOT NULL REFERENCES workspaces(id) ON DELETE RESTRICT,
      staff_user_id  UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,      -- S0 as written
      company_name   TEXT NOT NULL,
      job_title      TEXT NOT NULL,
      job_url        TEXT,
      source         enum_job_postings_source,
      outreach_id    UUID REFERENCES outreach(id) ON DELETE SET NULL,           -- S0 as written
      status         enum_job_postings_status NOT NULL DEFAULT 'new',
      description    TEXT,
      salary_range   TEXT,
      location       TEXT,
      notes          TEXT,
      created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
      updated_at     TIMESTAMPTZ NOT NULL DEFAULT now()
    );
    CREATE INDEX job_postings_staff_user_id_idx ON job_postings (staff_user_id);
    CREATE INDEX job_postings_outreach_id_idx ON job_postings (outreach_id);
    CREATE INDEX job_postings_workspace_id_company_name_idx ON job_postings (workspace_id, company_name);
    CREATE INDEX job_postings_workspace_id_status_idx ON job_postings (workspace_id, status);
    CREATE TRIGGER job_postings_set_updated_at BEFORE UPDATE ON job_postings
      FOR EACH ROW EXECUTE FUNCTION set_updated_at();

    -- ---------------------------------------------------------------- S0: job_posting_builders
    CREATE TYPE enum_job_posting_builders_status AS ENUM ('shared', 'applied', 'interview', 'offer', 'hired', 'declined');

    -- status and shared_date are nullable with defaults, exactly as S0 writes them.
    CREATE TABLE job_posting_builders (
      id              UUID PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id    UUID NOT NULL REFERENCES workspaces(id) ON DELETE RESTRICT,
      job_posting_id  UUID NOT NULL REFERENCES job_postings(id) ON DELETE CASCADE,
      builder_name    TEXT NOT NULL,
      status          enum_job_posting_builders_status DEFAULT 'shared',
      shared_date     DATE DEFAULT CURRENT_DATE,
      notes           TEXT,
      created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
      updated_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
      -- Also serves S0's idx_jpb_job_posting (leading column).
      CONSTRAINT job_posting_builders_job_posting_id_builder_name_key UNIQUE (job_posting_id, builder_name)
    );
    CREATE INDEX job_posting_builders_workspace_id_builder_name_idx ON job_posting_builders (workspace_id, builder_name);
    CREATE INDEX job_posting_builders_workspace_id_status_idx ON job_posting_builders (workspace_id, status);
    CREATE TRIGGER job_posting_builders_set_updated_at BEFORE UPDATE ON job_posting_builders
      FOR EACH ROW EXECUTE FUNCTION set_updated_at();

    -- ---------------------------------------------------------------- S1: external_job_postings
    -- source and job_type are open lists (SCHEMA decision): TEXT, no CHECK; the panel offers
    -- the seed's values as suggestions.
    CREATE TABLE external_job_postings (
      id            UUID PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id  UUID NOT NULL REFERENCES workspaces(id) ON DELETE RESTRICT,
      source        TEXT,
      original_url  TEXT NOT NULL,
      title         TEXT NOT NULL,
      company_name  TEXT,
      location      TEXT,
      posted_date   DATE,
      summary       TEXT,
      salary_text   TEXT,
      job_type      TEXT,
      fetched_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
      -- why NOT NULL without default: this table is a cache; the fetcher always sets the TTL
      -- (S1: "e.g. 24 hours"), and a row that never expires would defeat it.
      expires_at    TIMESTAMPTZ NOT NULL,
      created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
      updated_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
      -- SCHEMA: de-duplication "to prevent re-fetching" is per workspace.
      CONSTRAINT external_job_postings_workspace_id_original_url_key UNIQUE (workspace_id, original_url),
      CONSTRAINT external_job_postings_expiry_after_fetch CHECK (expires_at > fetched_at)
    );
    -- The hot-drops list shows a workspace's unexpired rows; the clean-up job deletes expired
    -- rows across all workspaces.
    CREATE INDEX external_job_postings_workspace_id_expires_at_idx ON external_job_postings (workspace_id, expires_at);
    CREATE INDEX external_job_postings_expires_at_idx ON external_job_postings (expires_at);
    CREATE TRIGGER external_job_postings_set_updated_at BEFORE UPDATE ON external_job_postings
      FOR EACH ROW EXECUTE FUNCTION set_updated_at();

    -- ---------------------------------------------------------------- S1: jobs
    CREATE TYPE enum_jobs_employment_type AS ENUM ('full_time', 'part_time', 'contractor', 'temporary', 'intern');
    CREATE TYPE enum_jobs_work_mode AS ENUM ('on_site', 'remote', 'hybrid');
    CREATE TYPE enum_jobs_salary_unit AS ENUM ('year', 'month', 'hour');
    CREATE TYPE enum_jobs_status AS ENUM ('draft', 'sourcing', 'interview', 'offer', 'closed');

    -- The S1 JSONB lists ("Array of strings") stay JSONB (seed type), always an array.
    CREATE TABLE jobs (
      id                       UUID PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id             UUID NOT NULL REFERENCES workspaces(id) ON DELETE RESTRICT,
      -- why RESTRICT: a client with jobs (and their applications) is retired with
      -- accounts.status 'inactive'/'blacklisted', not deleted; deleting must not orphan or
      -- silently detach the hiring history.
      client_id                UUID REFERENCES accounts(id) ON DELETE RESTRICT,
      assigned_recruiter_id    UUID REFERENCES users(id) ON DELETE SET NULL,
      title                    TEXT NOT NULL,
      internal_job_id          TEXT,
      employment_type          enum_jobs_employment_type,
      work_mode                enum_jobs_work_mode,
      industry                 TEXT,
      functional_area          TEXT,
      job_locations            JSONB NOT NULL DEFAULT '[]'::jsonb,
      -- S1 BIGINT whole units widened to money (NUMERIC(15,2)).
      min_salary               NUMERIC(15,2),
      max_salary               NUMERIC(15,2),
      currency                 VARCHAR(3),
      salary_unit              enum_jobs_salary_unit,
      benefits_perks           JSONB NOT NULL DEFAULT '[]'::jsonb,
      about_company            TEXT,
      job_summary              TEXT,
      responsibilities         JSONB NOT NULL DEFAULT '[]'::jsonb,
      experience_required      TEXT,
      education_qualification  TEXT,
      required_skills          JSONB NOT NULL DEFAULT '[]'::jsonb,
      preferred_skills         JSONB NOT NULL DEFAULT '[]'::jsonb,
      tools_tech_stack         JSONB NOT NULL DEFAULT '[]'::jsonb,
      -- why default 1: a posting is for at least one opening unless told otherwise.
      number_of_openings       INTEGER NOT NULL DEFAULT 1,
      application_deadline     DATE,
      hiring_process_rounds    JSONB NOT NULL DEFAULT '[]'::jsonb,
      notice_period_accepted   TEXT,
      -- why nullable: a draft may not have its public URL yet; UNIQUE still allows many NULLs.
      slug_url                 TEXT,
      meta_title               TEXT,
      meta_description         TEXT,
      status                   enum_jobs_status NOT NULL DEFAULT 'draft',
      created_at               TIMESTAMPTZ NOT NULL DEFAULT now(),
      updated_at               TIMESTAMPTZ NOT NULL DEFAULT now(),
      -- SCHEMA: global, it is a public URL.
      CONSTRAINT jobs_slug_url_key UNIQUE (slug_url),
      CONSTRAINT jobs_salary_nonnegative CHECK (min_salary >= 0 AND max_salary >= 0),
      CONSTRAINT jobs_salary_range CHECK (max_salary >= min_salary),
      CONSTRAINT jobs_currency_format CHECK (currency ~ '^[A-Z]{3}$'),
      CONSTRAINT jobs_number_of_openings_positive CHECK (number_of_openings > 0),
      CONSTRAINT jobs_lists_are_arrays CHECK (
        jsonb_typeof(job_locations) = 'array' AND jsonb_typeof(benefits_perks) = 'array'
        AND jsonb_typeof(responsibilities) = 'array' AND jsonb_typeof(required_skills) = 'array'
        AND jsonb_typeof(preferred_skills) = 'array' AND jsonb_typeof(tools_tech_stack) = 'array'
        AND jsonb_typeof(hiring_process_rounds) = 'array')
    );
    CREATE INDEX jobs_client_id_idx ON jobs (client_id);
    CREATE INDEX jobs_assigned_recruiter_id_idx ON jobs (assigned_recruiter_id);
    CREATE INDEX jobs_workspace_id_status_idx ON jobs (workspace_id, status);
    CREATE TRIGGER jobs_set_updated_at BEFORE UPDATE ON jobs
      FOR EACH ROW EXECUTE FUNCTION set_updated_at();

    -- ---------------------------------------------------------------- S1: candidate_profiles
    CREATE TYPE enum_candidate_profiles_ready_to_relocate AS ENUM ('yes', 'no', 'open_to_discussion');

    -- One user = one profile (S1): the PK is the user. The slash lists (job_type_preference,
    -- shift_preference, sector_preference, reservation_category, preferred_contact_mode) are
    -- open lists (SCHEMA decision): TEXT, no CHECK. gender, marital_status, disability and
    -- willingness_to_travel have no value list in S1: TEXT.
    CREATE TABLE candidate_profiles (
      user_id                  UUID PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
      workspace_id             UUID NOT NULL REFERENCES workspaces(id) ON DELETE RESTRICT,
      phone                    TEXT,
      linkedin_url             TEXT,
      portfolio_url            TEXT,
      github_url               TEXT,
      resume_url               TEXT,
      resume_last_updated      TIMESTAMPTZ,
      bio                      TEXT,
      -- why default true: a candidate creates a profile in order to look for work.
      is_actively_searching    BOOLEAN NOT NULL DEFAULT true,
      highest_education        TEXT,
      year_of_passing          INTEGER,
      skills                   JSONB NOT NULL DEFAULT '[]'::jsonb,
      certificates             JSONB NOT NULL DEFAULT '[]'::jsonb,
      projects_summary         TEXT,
      -- pgvector is absent on this server, so SCHEMA's fallback REAL[] keeps the embedding but
      -- supports no similarity search (schema_review D21); switch to vector(n) plus an
      -- hnsw/ivfflat index in a later migration once the extension is installed.
      ai_skills_vector         REAL[],
      total_experience_years   NUMERIC(5,2),
      "current_role"           TEXT,  -- reserved word: always double-quoted (schema_review D17)
      expected_role            TEXT,
      job_type_preference      TEXT,
      current_locations        JSONB NOT NULL DEFAULT '[]'::jsonb,
      preferred_locations      JSONB NOT NULL DEFAULT '[]'::jsonb,
      ready_to_relocate        enum_candidate_profiles_ready_to_relocate,
      notice_period            INTEGER,  -- days (S1)
      availability_date        DATE,
      shift_preference         TEXT,
      work_authorization       TEXT,
      current_ctc              NUMERIC(15,2),  -- S1 BIGINT widened to money
      expected_ctc             NUMERIC(15,2),
      currency                 VARCHAR(3),
      is_ctc_negotiable        BOOLEAN NOT NULL DEFAULT false,
      looking_for_jobs_abroad  BOOLEAN NOT NULL DEFAULT false,
      sector_preference        TEXT,
      preferred_industries     JSONB NOT NULL DEFAULT '[]'::jsonb,
      gender                   TEXT,
      marital_status           TEXT,
      dob                      DATE,
      languages                JSONB NOT NULL DEFAULT '[]'::jsonb,
      reservation_category     TEXT,
      disability               TEXT,  -- S1: a description, or NULL
      willingness_to_travel    TEXT,
      has_driving_license      BOOLEAN NOT NULL DEFAULT false,
      has_current_offers       BOOLEAN NOT NULL DEFAULT false,
      number_of_offers         INTEGER NOT NULL DEFAULT 0,
      best_time_to_contact     TEXT,
      preferred_contact_mode   TEXT,
      alternate_email          TEXT,
      alternate_phone          TEXT,
      time_zone                TEXT,
      created_at               TIMESTAMPTZ NOT NULL DEFAULT now(),
      updated_at               TIMESTAMPTZ NOT NULL DEFAULT now(),
      CONSTRAINT candidate_profiles_year_of_passing_range CHECK (year_of_passing BETWEEN 1900 AND 2100),
      CONSTRAINT candidate_profiles_experience_nonnegative CHECK (total_experience_years >= 0),
      CONSTRAINT candidate_profiles_notice_period_nonnegative CHECK (notice_period >= 0),
      CONSTRAINT candidate_profiles_ctc_nonnegative CHECK (current_ctc >= 0 AND expected_ctc >= 0),
      CONSTRAINT candidate_profiles_currency_format CHECK (currency ~ '^[A-Z]{3}$'),
      CONSTRAINT candidate_profiles_number_of_offers_nonnegative CHECK (number_of_offers >= 0),
      CONSTRAINT candidate_profiles_lists_are_arrays CHECK (
        jsonb_typeof(skills) = 'array' AND jsonb_typeof(certificates) = 'array'
        AND jsonb_typeof(current_locations) = 'array' AND jsonb_typeof(preferred_locations) = 'array'
        AND jsonb_typeof(preferred_industries) = 'array' AND jsonb_typeof(languages) = 'array')
    );
    CREATE INDEX candidate_profiles_workspace_id_idx ON candidate_profiles (workspace_id);
    -- Without pgvector, candidate matching falls back to skill overlap (skills ?| array[...]).
    CREATE INDEX candidate_profiles_skills_idx ON candidate_profiles USING gin (skills);
    CREATE TRIGGER candidate_profiles_set_updated_at BEFORE UPDATE ON candidate_profiles
      FOR EACH ROW EXECUTE FUNCTION set_updated_at();

    -- ---------------------------------------------------------------- S1: candidate_work_history
    CREATE TABLE candidate_work_history (
      id                UUID PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id      UUID NOT NULL REFERENCES workspaces(id) ON DELETE RESTRICT,
      profile_id        UUID NOT NULL REFERENCES candidate_profiles(user_id) ON DELETE CASCADE,
      company_name      TEXT NOT NULL,
      job_title         TEXT NOT NULL,
      start_date        DATE,
      end_date          DATE,
      is_current        BOOLEAN NOT NULL DEFAULT false,
      responsibilities  TEXT,
      tools_used        JSONB NOT NULL DEFAULT '[]'::jsonb,
      -- why TEXT: S1 keeps the CTC of a past role as free text (e.g. "12 LPA"), not an amount.
      ctc_at_role       TEXT,
      created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
      updated_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
      CONSTRAINT candidate_work_history_dates CHECK (end_date IS NULL OR end_date >= start_date),
      -- why: the current role has not ended.
      CONSTRAINT candidate_work_history_current_has_no_end CHECK (NOT is_current OR end_date IS NULL),
      CONSTRAINT candidate_work_history_tools_used_is_array CHECK (jsonb_typeof(tools_used) = 'array')
    );
    CREATE INDEX candidate_work_history_profile_id_idx ON candidate_work_history (profile_id);
    CREATE INDEX candidate_work_history_workspace_id_idx ON candidate_work_history (workspace_id);
    CREATE TRIGGER candidate_work_history_set_updated_at BEFORE UPDATE ON candidate_work_history
      FOR EACH ROW EXECUTE FUNCTION set_updated_at();

    -- ---------------------------------------------------------------- S1: applications
    CREATE TYPE enum_applications_status AS ENUM ('new', 'screening', 'interview', 'offer', 'rejected', 'withdrawn');
    CREATE TYPE enum_applications_automation_status AS ENUM (
      'new', 'contacting', 'awaiting_reply', 'live_chat', 'intervention_needed', 'completed', 'declined');
    CREATE TYPE enum_applications_follow_up_status AS ENUM (
      'shortlisted', 'int_scheduled', 'offered', 'joined', 'no_show', 'under_follow_up', 'rejected');

    CREATE TABLE applications (
      id                     UUID PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id           UUID NOT NULL REFERENCES workspaces(id) ON DELETE RESTRICT,
      -- why RESTRICT: applications, their timeline and chat are the hiring history; a job is
      -- retired with status 'closed', and deleting a job that has applications is refused.
      job_id                 UUID NOT NULL REFERENCES jobs(id) ON DELETE RESTRICT,
      -- why CASCADE: an application is the candidate's own data (S1 "one candidate, many
      -- applications"); users are normally soft-deleted (deleted_at), so a hard delete is an
      -- erasure and takes the profile, applications, timeline and chat with it.
      candidate_id           UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      applied_at             TIMESTAMPTZ NOT NULL DEFAULT now(),
      status                 enum_applications_status NOT NULL DEFAULT 'new',
      is_active              BOOLEAN NOT NULL DEFAULT true,
      match_score            INTEGER,
      ai_custom_summary      TEXT,
      -- why NOT NULL DEFAULT 'new': the co-pilot's state machine starts at 'new'.
      automation_status      enum_applications_automation_status NOT NULL DEFAULT 'new',
      is_recruiter_approved  BOOLEAN NOT NULL DEFAULT false,
      -- NULL until a recruiter starts manual follow-up.
      follow_up_status       enum_applications_follow_up_status,
      next_follow_up_date    DATE,
      follow_up_remarks      TEXT,
      created_at             TIMESTAMPTZ NOT NULL DEFAULT now(),
      updated_at             TIMESTAMPTZ NOT NULL DEFAULT now(),
      -- One candidate applies once per job (S1 "one candidate, many applications").
      CONSTRAINT applications_job_id_candidate_id_key UNIQUE (job_id, candidate_id),
      CONSTRAINT applications_match_score_range CHECK (match_score BETWEEN 0 AND 100)
    );
    CREATE INDEX applications_candidate_id_idx ON applications (candidate_id);
    CREATE INDEX applications_workspace_id_status_idx ON applications (workspace_id, status);
    -- The follow-up job turns due follow-ups of open applications into action_queue items.
    CREATE INDEX applications_next_follow_up_date_idx ON applications (next_follow_up_date)
      WHERE is_active AND next_follow_up_date IS NOT NULL;
    CREATE TRIGGER applications_set_updated_at BEFORE UPDATE ON applications
      FOR EACH ROW EXECUTE FUNCTION set_updated_at();

    -- ---------------------------------------------------------------- S1: application_timeline
    -- previous_status/new_status are TEXT because one row logs any of the three status columns
    -- of applications (SCHEMA decision); remarks starts with the column's name. NULL means the
    -- column was empty (an insert, or follow_up_status cleared).
    CREATE TABLE application_timeline (
      id               UUID PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id     UUID NOT NULL REFERENCES workspaces(id) ON DELETE RESTRICT,
      application_id   UUID NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
      previous_status  TEXT,
      new_status       TEXT,
      changed_by       UUID REFERENCES users(id) ON DELETE SET NULL,
      remarks          TEXT,
      created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
      updated_at       TIMESTAMPTZ NOT NULL DEFAULT now()
    );
    CREATE INDEX application_timeline_application_id_created_at_idx ON application_timeline (application_id, created_at);
    CREATE INDEX application_timeline_changed_by_idx ON application_timeline (changed_by);
    CREATE INDEX application_timeline_workspace_id_created_at_idx ON application_timeline (workspace_id, created_at);
    CREATE TRIGGER application_timeline_set_updated_at BEFORE UPDATE ON application_timeline
      FOR EACH ROW EXECUTE FUNCTION set_updated_at();

    -- SCHEMA "Recruiting": is_active is false once status is rejected/withdrawn or
    -- follow_up_status is joined (schema_review C7: S1 has no 'hired' status). Leaving those
    -- states (a reopened application) makes it active again; otherwise a manual is_active stands.
    CREATE FUNCTION applications_set_is_active() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.status IN ('rejected', 'withdrawn') OR NEW.follow_up_status IS NOT DISTINCT FROM 'joined' THEN
        NEW.is_active := false;
      ELSIF TG_OP = 'UPDATE'
        AND (OLD.status IN ('rejected', 'withdrawn') OR OLD.follow_up_status IS NOT DISTINCT FROM 'joined') THEN
        NEW.is_active := true;
      END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER applications_set_is_active BEFORE INSERT OR UPDATE ON applications
      FOR EACH ROW EXECUTE FUNCTION applications_set_is_active();

    -- SCHEMA "Recruiting": every change of status, automation_status or follow_up_status writes
    -- one timeline row naming the column (an insert logs the initial non-NULL values).
    -- The application sets, per transaction (set_config(..., true), so pooled connections do
    -- not leak them): app.user_id = the acting user (-> changed_by; unset for system changes)
    -- and optionally app.timeline_remarks = the recruiter's note (-> remarks after the column).
    CREATE FUNCTION applications_log_timeline() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      actor UUID := NULLIF(current_setting('app.user_id', true), '')::uuid;
      note TEXT := NULLIF(current_setting('app.timeline_remarks', true), '');
      old_row applications;
    BEGIN
      IF TG_OP = 'UPDATE' THEN
        old_row := OLD;
      END IF;  -- on INSERT every field of old_row is NULL
      -- clock_timestamp(): several changes in one transaction still list in order.
      INSERT INTO application_timeline
             (workspace_id, application_id, previous_status, new_status, changed_by, remarks, created_at)
      SELECT NEW.workspace_id, NEW.id, c.prev, c.next, actor, c.col || COALESCE(': ' || note, ''), clock_timestamp()
        FROM (VALUES
               ('status', old_row.status::text, NEW.status::text),
               ('automation_status', old_row.automation_status::text, NEW.automation_status::text),
               ('follow_up_status', old_row.follow_up_status::text, NEW.follow_up_status::text)
             ) AS c(col, prev, next)
       WHERE c.next IS DISTINCT FROM c.prev;
      RETURN NULL;
    END $$;
    CREATE TRIGGER applications_log_timeline AFTER INSERT OR UPDATE ON applications
      FOR EACH ROW EXECUTE FUNCTION applications_log_timeline();

    -- ---------------------------------------------------------------- S1: action_queue
    CREATE TYPE enum_action_queue_type AS ENUM (
      'new_matches', 'chat_followup', 'no_response', 'parse_failure', 'intervention_needed');
    -- Declared high -> low, so ORDER BY priority shows the most urgent first.
    CREATE TYPE enum_action_queue_priority AS ENUM ('high', 'medium', 'low');

    CREATE TABLE action_queue (
      id                    UUID PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id          UUID NOT NULL REFERENCES workspaces(id) ON DELETE RESTRICT,
      user_id               UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      type                  enum_action_queue_type NOT NULL,
      title                 TEXT NOT NULL,
      description           TEXT,
      priority              enum_action_queue_priority NOT NULL DEFAULT 'medium',
      related_job_id        UUID REFERENCES jobs(id) ON DELETE SET NULL,
      related_candidate_id  UUID REFERENCES users(id) ON DELETE SET NULL,
      is_dismissed          BOOLEAN NOT NULL DEFAULT false,
      created_at            TIMESTAMPTZ NOT NULL DEFAULT now(),
      updated_at            TIMESTAMPTZ NOT NULL DEFAULT now()
    );
    -- "My Action Queue": a recruiter's open items by priority.
    CREATE INDEX action_queue_user_id_priority_idx ON action_queue (user_id, priority) WHERE NOT is_dismissed;
    -- Full index for the ON DELETE CASCADE from users (the partial one misses dismissed rows).
    CREATE INDEX action_queue_user_id_idx ON action_queue (user_id);
    CREATE INDEX action_queue_related_job_id_idx ON action_queue (related_job_id);
    CREATE INDEX action_queue_related_candidate_id_idx ON action_queue (related_candidate_id);
    CREATE INDEX action_queue_workspace_id_type_idx ON action_queue (workspace_id, type);
    CREATE TRIGGER action_queue_set_updated_at BEFORE UPDATE ON action_queue
      FOR EACH ROW EXECUTE FUNCTION set_updated_at();

    -- ---------------------------------------------------------------- S1: chat_messages
    CREATE TYPE enum_chat_messages_sender_type AS ENUM ('candidate', 'bot', 'recruiter');

    CREATE TABLE chat_messages (
      id              UUID PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id    UUID NOT NULL REFERENCES workspaces(id) ON DELETE RESTRICT,
      application_id  UUID NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
      sender_type     enum_chat_messages_sender_type NOT NULL,
      message_text    TEXT NOT NULL,
      sent_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
      is_read         BOOLEAN NOT NULL DEFAULT false,
      created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
      updated_at      TIMESTAMPTZ NOT NULL DEFAULT now()
    );
    CREATE INDEX chat_messages_application_id_sent_at_idx ON chat_messages (application_id, sent_at);
    CREATE INDEX chat_messages_workspace_id_sent_at_idx ON chat_messages (workspace_id, sent_at);
    CREATE TRIGGER chat_messages_set_updated_at BEFORE UPDATE ON chat_messages
      FOR EACH ROW EXECUTE FUNCTION set_updated_at();
  `);
};

export const down: MigrationFn = async ({ context }) => {
  await context.sql(`
    DROP TABLE chat_messages;
    DROP TABLE action_queue;
    DROP TABLE application_timeline;
    DROP TABLE applications;
    DROP FUNCTION applications_log_timeline();
    DROP FUNCTION applications_set_is_active();
    DROP TABLE candidate_work_history;
    DROP TABLE candidate_profiles;
    DROP TABLE jobs;
    DROP TABLE external_job_postings;
    DROP TABLE job_posting_builders;
    DROP TABLE job_postings;
    DROP TABLE outreach;

    DROP TYPE enum_chat_messages_sender_type;
    DROP TYPE enum_action_queue_priority;
    DROP TYPE enum_action_queue_type;
    DROP TYPE enum_applications_follow_up_status;
    DROP TYPE enum_applications_automation_status;
    DROP TYPE enum_applications_status;
    DROP TYPE enum_candidate_profiles_ready_to_relocate;
    DROP TYPE enum_jobs_status;
    DROP TYPE enum_jobs_salary_unit;
    DROP TYPE enum_jobs_work_mode;
    DROP TYPE enum_jobs_employment_type;
    DROP TYPE enum_job_posting_builders_status;
    DROP TYPE enum_job_postings_status;
    DROP TYPE enum_job_postings_source;
    DROP TYPE enum_outreach_status;
    DROP TYPE enum_outreach_contact_method;
  `);
};
