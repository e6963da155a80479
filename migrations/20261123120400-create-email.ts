/**
 * E-mail, sequences and campaigns: templates (S2), mailboxes (S4 email_accounts), campaigns
 * (S2 + S3), sequences with steps and enrollments (S4), one `emails` row per message (S2 emails,
 * S3 email_sends, S4 emails), tracking events (S4 email_events + S3 email_clicks), the campaign
 * send queue, unsubscribes and per-recipient preferences (S3).
 * Flow (S3/S4): campaign -> email_queue -> emails -> email_events; sequence -> enrollment -> emails.
 */
import type { MigrationFn } from '../src/migrator.js';

export const up: MigrationFn = async ({ context }) => {
  await context.sql(`
    CREATE TYPE enum_email_accounts_provider AS ENUM ('gmail', 'outlook', 'smtp');
    CREATE TYPE enum_email_campaigns_campaign_type AS ENUM
      ('onboarding', 'trial_nurture', 'promotional', 'transactional', 'reengagement');
    CREATE TYPE enum_email_campaigns_trigger_type AS ENUM ('manual', 'scheduled', 'behavioral', 'lifecycle');
    CREATE TYPE enum_email_campaigns_status AS ENUM ('draft', 'scheduled', 'sending', 'sent', 'paused', 'cancelled');
    CREATE TYPE enum_sequences_status AS ENUM ('active', 'paused', 'completed', 'archived');
    CREATE TYPE enum_sequence_enrollments_status AS ENUM
      ('active', 'paused', 'completed', 'bounced', 'unsubscribed', 'replied');
    CREATE TYPE enum_emails_status AS ENUM
      ('draft', 'scheduled', 'sent', 'delivered', 'opened', 'clicked', 'bounced', 'failed',
       'pending', 'queued', 'dropped', 'replied');
    CREATE TYPE enum_emails_provider AS ENUM ('sendgrid', 'postmark', 'resend');
    CREATE TYPE enum_email_events_event_type AS ENUM
      ('sent', 'delivered', 'opened', 'clicked', 'bounced', 'replied', 'unsubscribed', 'complained');
    CREATE TYPE enum_email_queue_status AS ENUM ('pending', 'processing', 'sent', 'failed', 'cancelled');
    CREATE TYPE enum_email_unsubscribes_unsubscribe_type AS ENUM
      ('all', 'promotional', 'newsletter', 'transactional_optional');
    CREATE TYPE enum_email_unsubscribes_reason AS ENUM ('too_frequent', 'not_relevant', 'never_signed_up', 'other');
    CREATE TYPE enum_email_unsubscribes_unsubscribed_via AS ENUM ('link', 'preference_center', 'complaint');
    CREATE TYPE enum_email_preferences_email_frequency AS ENUM ('high', 'normal', 'low');
    CREATE TYPE enum_email_preferences_digest_frequency AS ENUM ('daily', 'weekly', 'monthly');

    -- ---------------------------------------------------------------- email_templates (S2)
    CREATE TABLE email_templates (
      id            UUID PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id  UUID NOT NULL REFERENCES workspaces(id) ON DELETE RESTRICT,
      name          TEXT NOT NULL,
      subject       TEXT,
      body_html     TEXT,
      body_text     TEXT,
      category      TEXT,
      created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
      updated_at    TIMESTAMPTZ NOT NULL DEFAULT now()
    );
    -- S2 indexes name but does not make it unique: kept a plain listing index.
    CREATE INDEX email_templates_workspace_id_name_idx ON email_templates (workspace_id, name);
    CREATE TRIGGER email_templates_set_updated_at BEFORE UPDATE ON email_templates
      FOR EACH ROW EXECUTE FUNCTION set_updated_at();

    -- ---------------------------------------------------------------- email_accounts (S4 mailboxes)
    CREATE TABLE email_accounts (
      id                UUID PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id      UUID NOT NULL REFERENCES workspaces(id) ON DELETE RESTRICT,
      -- The mailbox owner is required; users are soft-deleted, so RESTRICT never blocks normal work.
      user_id           UUID NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
      provider          enum_email_accounts_provider NOT NULL,
      email             TEXT NOT NULL,
      display_name      TEXT,
      -- Secrets at rest (SCHEMA, ARCHITECTURE): AES-256-GCM ciphertext written by the app with
      -- ENCRYPTION_KEY, never plaintext. NULL for smtp mailboxes and disconnected ones.
      access_token      TEXT,
      refresh_token     TEXT,
      token_expires_at  TIMESTAMPTZ,
      is_active         BOOLEAN NOT NULL DEFAULT true,
      -- S4 gives no default: 200/day is a safe cold-mailbox limit; admins raise it per mailbox.
      daily_send_limit  INTEGER NOT NULL DEFAULT 200 CHECK (daily_send_limit >= 0),
      daily_sent_count  INTEGER NOT NULL DEFAULT 0 CHECK (daily_sent_count >= 0),
      last_sent_reset   TIMESTAMPTZ,
      -- Provider options; for smtp: {host, port, secure, username, password} where password is
      -- AES-256-GCM ciphertext like the tokens above.
      settings          JSONB NOT NULL DEFAULT '{}'::jsonb,
      created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
      updated_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
      CONSTRAINT email_accounts_user_id_email_key UNIQUE (user_id, email)
    );
    COMMENT ON COLUMN email_accounts.access_token IS 'AES-256-GCM ciphertext (app, ENCRYPTION_KEY); never plaintext';
    COMMENT ON COLUMN email_accounts.refresh_token IS 'AES-256-GCM ciphertext (app, ENCRYPTION_KEY); never plaintext';
    COMMENT ON COLUMN email_accounts.settings IS 'provider options; smtp.password is AES-256-GCM ciphertext (app, ENCRYPTION_KEY)';
    -- Beyond S4's UNIQUE (user_id, email): one row per address in a workspace, case-insensitive,
    -- so daily_send_limit counts every send from that address once (a shared mailbox is used by
    -- other reps through sequence_enrollments.email_account_id, not by a second row).
    CREATE UNIQUE INDEX email_accounts_workspace_id_lower_email_key ON email_accounts (workspace_id, lower(email));
    CREATE TRIGGER email_accounts_set_updated_at BEFORE UPDATE ON email_accounts
      FOR EACH ROW EXECUTE FUNCTION set_updated_at();

    -- ---------------------------------------------------------------- email_campaigns (S2 + S3)
    CREATE TABLE email_campaigns (
      id                          UUID PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id                UUID NOT NULL REFERENCES workspaces(id) ON DELETE RESTRICT,
      name                        TEXT NOT NULL,
      description                 TEXT,
      status                      enum_email_campaigns_status NOT NULL DEFAULT 'draft',
      -- Conditions on contacts (the segmentation S3 lists as missing); '{}' = no audience yet.
      audience                    JSONB NOT NULL DEFAULT '{}'::jsonb,
      template_id                 UUID REFERENCES email_templates(id) ON DELETE SET NULL,
      external_template_id        TEXT,  -- S3's template id at the e-mail provider, not a FK
      template_variables          JSONB NOT NULL DEFAULT '{}'::jsonb,
      campaign_type               enum_email_campaigns_campaign_type,
      -- S3 gives no default; an S2 campaign (no trigger) is sent by hand or at scheduled_at.
      trigger_type                enum_email_campaigns_trigger_type NOT NULL DEFAULT 'manual',
      trigger_conditions          JSONB NOT NULL DEFAULT '{}'::jsonb,
      trigger_event               TEXT,
      subject_line                TEXT,
      preview_text                TEXT,
      from_name                   TEXT,
      from_email                  TEXT,
      reply_to                    TEXT,
      html_content                TEXT,
      text_content                TEXT,
      send_delay_minutes          INTEGER CHECK (send_delay_minutes >= 0),
      -- A time of day (S3 TIME), read in the recipient's (or workspace's) time zone.
      send_at_time                TIME,
      -- S3 INTEGER[] kept: ISO weekdays 1 = Monday .. 7 = Sunday (EXTRACT(ISODOW)); every day by
      -- default, never empty (a campaign that may send on no day is a mistake).
      send_on_days                INTEGER[] NOT NULL DEFAULT '{1,2,3,4,5,6,7}',
      sequence_name               TEXT,
      sequence_order              INTEGER,
      ab_test_enabled             BOOLEAN NOT NULL DEFAULT false,
      ab_test_variant             TEXT,  -- open list ('A, B, C, etc.'): TEXT, no CHECK (SCHEMA)
      -- S3 INTEGER kept: whole percent of the audience that gets this variant.
      ab_test_traffic_percentage  INTEGER CHECK (ab_test_traffic_percentage BETWEEN 0 AND 100),
      is_active                   BOOLEAN NOT NULL DEFAULT true,
      scheduled_at                TIMESTAMPTZ,
      sent_at                     TIMESTAMPTZ,
      last_sent_at                TIMESTAMPTZ,
      total_sent                  INTEGER NOT NULL DEFAULT 0,
      total_delivered             INTEGER NOT NULL DEFAULT 0,
      total_opened                INTEGER NOT NULL DEFAULT 0,
      total_clicked               INTEGER NOT NULL DEFAULT 0,
      total_bounced               INTEGER NOT NULL DEFAULT 0,
      total_unsubscribed          INTEGER NOT NULL DEFAULT 0,
      total_complained            INTEGER NOT NULL DEFAULT 0,
      created_by                  UUID REFERENCES users(id) ON DELETE SET NULL,
      created_at                  TIMESTAMPTZ NOT NULL DEFAULT now(),
      updated_at                  TIMESTAMPTZ NOT NULL DEFAULT now(),
      CONSTRAINT email_campaigns_workspace_id_name_key UNIQUE (workspace_id, name),
      CONSTRAINT email_campaigns_send_on_days_check
        CHECK (cardinality(send_on_days) > 0 AND send_on_days <@ '{1,2,3,4,5,6,7}'::integer[]),
      CONSTRAINT email_campaigns_scheduled_at_check CHECK (status <> 'scheduled' OR scheduled_at IS NOT NULL)
    );
    CREATE INDEX email_campaigns_template_id_idx ON email_campaigns (template_id);
    CREATE INDEX email_campaigns_created_by_idx ON email_campaigns (created_by);
    CREATE INDEX email_campaigns_workspace_id_status_idx ON email_campaigns (workspace_id, status);
    CREATE INDEX email_campaigns_workspace_id_campaign_type_idx ON email_campaigns (workspace_id, campaign_type);
    CREATE INDEX email_campaigns_workspace_id_is_active_idx ON email_campaigns (workspace_id, is_active);
    -- S3 idx_email_campaigns_sequence: a campaign sequence is read in order.
    CREATE INDEX email_campaigns_workspace_id_sequence_name_sequence_order_idx
      ON email_campaigns (workspace_id, sequence_name, sequence_order);
    CREATE TRIGGER email_campaigns_set_updated_at BEFORE UPDATE ON email_campaigns
      FOR EACH ROW EXECUTE FUNCTION set_updated_at();

    -- ---------------------------------------------------------------- sequences (S4)
    CREATE TABLE sequences (
      id            UUID PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id  UUID NOT NULL REFERENCES workspaces(id) ON DELETE RESTRICT,
      name          TEXT NOT NULL,
      description   TEXT,
      -- S4 gives no default: a new sequence has no steps yet, so it starts paused and sends
      -- nothing until someone activates it.
      status        enum_sequences_status NOT NULL DEFAULT 'paused',
      created_by    UUID REFERENCES users(id) ON DELETE SET NULL,
      -- Kept equal to the number of sequence_steps by the trigger below (S4).
      steps_count   INTEGER NOT NULL DEFAULT 0 CHECK (steps_count >= 0),
      settings      JSONB NOT NULL DEFAULT '{}'::jsonb,
      created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
      updated_at    TIMESTAMPTZ NOT NULL DEFAULT now()
    );
    CREATE INDEX sequences_workspace_id_status_idx ON sequences (workspace_id, status);
    CREATE INDEX sequences_created_by_idx ON sequences (created_by);
    CREATE TRIGGER sequences_set_updated_at BEFORE UPDATE ON sequences
      FOR EACH ROW EXECUTE FUNCTION set_updated_at();

    -- ---------------------------------------------------------------- sequence_steps (S4)
    CREATE TABLE sequence_steps (
      id            UUID PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id  UUID NOT NULL REFERENCES workspaces(id) ON DELETE RESTRICT,
      sequence_id   UUID NOT NULL REFERENCES sequences(id) ON DELETE CASCADE,
      step_number   INTEGER NOT NULL CHECK (step_number >= 1),
      subject       TEXT,  -- NULL: the step replies in the thread of the previous one
      body          TEXT,
      delay_days    INTEGER NOT NULL DEFAULT 0 CHECK (delay_days >= 0),  -- days after the previous step
      created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
      updated_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
      CONSTRAINT sequence_steps_sequence_id_step_number_key UNIQUE (sequence_id, step_number)
    );
    CREATE INDEX sequence_steps_workspace_id_idx ON sequence_steps (workspace_id);
    CREATE TRIGGER sequence_steps_set_updated_at BEFORE UPDATE ON sequence_steps
      FOR EACH ROW EXECUTE FUNCTION set_updated_at();

    -- steps_count by increment/decrement, not by count(*): the UPDATE locks the sequence row, so
    -- concurrent step inserts serialise on it and the count stays exact under READ COMMITTED.
    -- When a sequence is deleted, its cascaded steps update a row that is already gone (no-op).
    CREATE FUNCTION sequences_sync_steps_count() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP IN ('DELETE', 'UPDATE') THEN
        UPDATE sequences SET steps_count = steps_count - 1 WHERE id = OLD.sequence_id;
      END IF;
      IF TG_OP IN ('INSERT', 'UPDATE') THEN
        UPDATE sequences SET steps_count = steps_count + 1 WHERE id = NEW.sequence_id;
      END IF;
      RETURN NULL;
    END $$;
    CREATE TRIGGER sequence_steps_sync_steps_count AFTER INSERT OR DELETE ON sequence_steps
      FOR EACH ROW EXECUTE FUNCTION sequences_sync_steps_count();
    -- A step moved to another sequence leaves one and joins the other.
    CREATE TRIGGER sequence_steps_sync_steps_count_on_move AFTER UPDATE OF sequence_id ON sequence_steps
      FOR EACH ROW WHEN (OLD.sequence_id IS DISTINCT FROM NEW.sequence_id)
      EXECUTE FUNCTION sequences_sync_steps_count();

    -- ---------------------------------------------------------------- sequence_enrollments (S4)
    CREATE TABLE sequence_enrollments (
      id                       UUID PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id             UUID NOT NULL REFERENCES workspaces(id) ON DELETE RESTRICT,
      sequence_id              UUID NOT NULL REFERENCES sequences(id) ON DELETE CASCADE,
      contact_id               UUID NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
      -- The managing rep and the sending mailbox are optional links: the enrollment (and its
      -- history) outlives them; the stepper pauses an enrollment that has no mailbox.
      user_id                  UUID REFERENCES users(id) ON DELETE SET NULL,
      email_account_id         UUID REFERENCES email_accounts(id) ON DELETE SET NULL,
      -- step_number of the last step sent (0 = none yet); the next step is the lowest
      -- step_number above it, so gaps left by deleted steps do not stall an enrollment.
      current_step             INTEGER NOT NULL DEFAULT 0 CHECK (current_step >= 0),
      status                   enum_sequence_enrollments_status NOT NULL DEFAULT 'active',
      started_at               TIMESTAMPTZ NOT NULL DEFAULT now(),
      completed_at             TIMESTAMPTZ,
      paused_at                TIMESTAMPTZ,
      last_email_sent_at       TIMESTAMPTZ,
      next_email_scheduled_at  TIMESTAMPTZ,
      created_at               TIMESTAMPTZ NOT NULL DEFAULT now(),
      updated_at               TIMESTAMPTZ NOT NULL DEFAULT now(),
      CONSTRAINT sequence_enrollments_sequence_id_contact_id_key UNIQUE (sequence_id, contact_id)
    );
    CREATE INDEX sequence_enrollments_contact_id_idx ON sequence_enrollments (contact_id);
    CREATE INDEX sequence_enrollments_user_id_idx ON sequence_enrollments (user_id);
    CREATE INDEX sequence_enrollments_email_account_id_idx ON sequence_enrollments (email_account_id);
    CREATE INDEX sequence_enrollments_workspace_id_status_idx ON sequence_enrollments (workspace_id, status);
    -- S4 idx_enrollments_next_scheduled: the stepper's scan, across workspaces.
    CREATE INDEX sequence_enrollments_next_email_scheduled_at_idx ON sequence_enrollments (next_email_scheduled_at)
      WHERE status = 'active';
    CREATE TRIGGER sequence_enrollments_set_updated_at BEFORE UPDATE ON sequence_enrollments
      FOR EACH ROW EXECUTE FUNCTION set_updated_at();

    -- ---------------------------------------------------------------- emails (S2 + S3 email_sends + S4)
    CREATE TABLE emails (
      id                   UUID PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id         UUID NOT NULL REFERENCES workspaces(id) ON DELETE RESTRICT,
      -- Links: all optional, the message survives them.
      contact_id           UUID REFERENCES contacts(id) ON DELETE SET NULL,
      deal_id              UUID REFERENCES deals(id) ON DELETE SET NULL,
      template_id          UUID REFERENCES email_templates(id) ON DELETE SET NULL,
      campaign_id          UUID REFERENCES email_campaigns(id) ON DELETE SET NULL,
      sequence_id          UUID REFERENCES sequences(id) ON DELETE SET NULL,
      sequence_step_id     UUID REFERENCES sequence_steps(id) ON DELETE SET NULL,
      enrollment_id        UUID REFERENCES sequence_enrollments(id) ON DELETE SET NULL,
      email_account_id     UUID REFERENCES email_accounts(id) ON DELETE SET NULL,
      owner_id             UUID REFERENCES users(id) ON DELETE SET NULL,  -- sending user
      recipient_user_id    UUID REFERENCES users(id) ON DELETE SET NULL,  -- S3: mail to a platform user
      subject              TEXT,
      body_html            TEXT,  -- S4 body lands here (may be plain text)
      body_text            TEXT,
      from_email           TEXT,
      to_email             TEXT NOT NULL,  -- every row is a message to someone
      recipient_name       TEXT,
      cc_emails            TEXT[] NOT NULL DEFAULT '{}',
      bcc_emails           TEXT[] NOT NULL DEFAULT '{}',
      status               enum_emails_status NOT NULL DEFAULT 'draft',
      provider             enum_emails_provider,  -- S3 transactional provider; NULL when sent via a mailbox
      provider_message_id  TEXT,
      provider_data        JSONB NOT NULL DEFAULT '{}'::jsonb,
      message_id           TEXT,  -- RFC 5322 Message-ID: globally unique (SCHEMA)
      thread_id            TEXT,
      scheduled_at         TIMESTAMPTZ,
      sent_at              TIMESTAMPTZ,
      delivered_at         TIMESTAMPTZ,
      opened_at            TIMESTAMPTZ,
      first_opened_at      TIMESTAMPTZ,
      last_opened_at       TIMESTAMPTZ,
      clicked_at           TIMESTAMPTZ,
      first_clicked_at     TIMESTAMPTZ,
      last_clicked_at      TIMESTAMPTZ,
      replied_at           TIMESTAMPTZ,
      bounced_at           TIMESTAMPTZ,
      unsubscribed_at      TIMESTAMPTZ,
      complained_at        TIMESTAMPTZ,
      open_count           INTEGER NOT NULL DEFAULT 0 CHECK (open_count >= 0),
      click_count          INTEGER NOT NULL DEFAULT 0 CHECK (click_count >= 0),
      links_clicked        TEXT[] NOT NULL DEFAULT '{}',
      -- S3 lists no values and providers differ (hard/soft/transient/...): TEXT, no CHECK.
      bounce_type          TEXT,
      bounce_reason        TEXT,
      error_message        TEXT,
      error_code           TEXT,
      retry_count          INTEGER NOT NULL DEFAULT 0 CHECK (retry_count >= 0),
      max_retries          INTEGER NOT NULL DEFAULT 3 CHECK (max_retries >= 0),
      next_retry_at        TIMESTAMPTZ,
      send_metadata        JSONB NOT NULL DEFAULT '{}'::jsonb,
      created_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
      updated_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
      CONSTRAINT emails_message_id_key UNIQUE (message_id),
      -- The partial index below finds scheduled mail by scheduled_at: it must be set.
      CONSTRAINT emails_scheduled_at_check CHECK (status <> 'scheduled' OR scheduled_at IS NOT NULL)
    );
    CREATE INDEX emails_workspace_id_status_idx ON emails (workspace_id, status);
    CREATE INDEX emails_workspace_id_sent_at_idx ON emails (workspace_id, sent_at);
    CREATE INDEX emails_to_email_idx ON emails (to_email);
    CREATE INDEX emails_thread_id_idx ON emails (thread_id);
    CREATE INDEX emails_provider_message_id_idx ON emails (provider_message_id);  -- provider webhooks
    CREATE INDEX emails_contact_id_idx ON emails (contact_id);
    CREATE INDEX emails_deal_id_idx ON emails (deal_id);
    CREATE INDEX emails_template_id_idx ON emails (template_id);
    CREATE INDEX emails_campaign_id_idx ON emails (campaign_id);
    CREATE INDEX emails_sequence_id_idx ON emails (sequence_id);
    CREATE INDEX emails_sequence_step_id_idx ON emails (sequence_step_id);
    CREATE INDEX emails_enrollment_id_idx ON emails (enrollment_id);
    CREATE INDEX emails_email_account_id_idx ON emails (email_account_id);
    CREATE INDEX emails_owner_id_idx ON emails (owner_id);
    CREATE INDEX emails_recipient_user_id_idx ON emails (recipient_user_id);
    -- S4 idx_emails_scheduled: the sender's scan for due mail, across workspaces.
    CREATE INDEX emails_scheduled_at_idx ON emails (scheduled_at) WHERE status = 'scheduled';
    -- The retry scan (S3 next_retry_at); only rows waiting for a retry.
    CREATE INDEX emails_next_retry_at_idx ON emails (next_retry_at) WHERE next_retry_at IS NOT NULL;
    CREATE TRIGGER emails_set_updated_at BEFORE UPDATE ON emails
      FOR EACH ROW EXECUTE FUNCTION set_updated_at();

    -- ---------------------------------------------------------------- email_events (S4 + S3 email_clicks)
    CREATE TABLE email_events (
      id            UUID PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id  UUID NOT NULL REFERENCES workspaces(id) ON DELETE RESTRICT,
      email_id      UUID NOT NULL REFERENCES emails(id) ON DELETE CASCADE,
      event_type    enum_email_events_event_type NOT NULL,
      link_url      TEXT,
      link_text     TEXT,
      ip_address    INET,
      user_agent    TEXT,
      country       TEXT,
      city          TEXT,
      device_type   TEXT,
      utm_source    TEXT,
      utm_medium    TEXT,
      utm_campaign  TEXT,
      metadata      JSONB NOT NULL DEFAULT '{}'::jsonb,
      created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),  -- the event time (S3 clicked_at)
      updated_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
      -- An S3 click always names its URL; the click endpoint redirects to it.
      CONSTRAINT email_events_clicked_link_url_check CHECK (event_type <> 'clicked' OR link_url IS NOT NULL)
    );
    CREATE INDEX email_events_email_id_event_type_idx ON email_events (email_id, event_type);
    CREATE INDEX email_events_workspace_id_event_type_created_at_idx
      ON email_events (workspace_id, event_type, created_at);
    CREATE INDEX email_events_workspace_id_created_at_idx ON email_events (workspace_id, created_at);
    -- Hash, not btree: URLs come from the public click endpoint and can exceed the btree row
    -- limit (~2.7 kB); lookups by URL are equality only.
    CREATE INDEX email_events_link_url_idx ON email_events USING hash (link_url);
    CREATE TRIGGER email_events_set_updated_at BEFORE UPDATE ON email_events
      FOR EACH ROW EXECUTE FUNCTION set_updated_at();

    -- ---------------------------------------------------------------- email_queue (S3)
    CREATE TABLE email_queue (
      id               UUID PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id     UUID NOT NULL REFERENCES workspaces(id) ON DELETE RESTRICT,
      -- Queue items are campaign fan-out (S3 flow): owned by their campaign.
      campaign_id      UUID NOT NULL REFERENCES email_campaigns(id) ON DELETE CASCADE,
      user_id          UUID REFERENCES users(id) ON DELETE SET NULL,  -- recipient user, if any
      recipient_email  TEXT NOT NULL,
      scheduled_for    TIMESTAMPTZ NOT NULL DEFAULT now(),
      priority         INTEGER NOT NULL DEFAULT 5 CHECK (priority BETWEEN 1 AND 10),  -- 1 = highest
      status           enum_email_queue_status NOT NULL DEFAULT 'pending',
      attempts         INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
      last_attempt_at  TIMESTAMPTZ,
      email_send_id    UUID REFERENCES emails(id) ON DELETE SET NULL,  -- S3 name kept; the emails row
      queue_metadata   JSONB NOT NULL DEFAULT '{}'::jsonb,
      created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
      updated_at       TIMESTAMPTZ NOT NULL DEFAULT now()
    );
    -- S3 idx_email_queue_scheduled (WHERE status = 'pending'): due items by time.
    CREATE INDEX email_queue_scheduled_for_idx ON email_queue (scheduled_for) WHERE status = 'pending';
    -- The claim order (priority, then time; FOR UPDATE SKIP LOCKED); also S3 idx_email_queue_priority,
    -- which only ever serves pending items.
    CREATE INDEX email_queue_priority_scheduled_for_idx ON email_queue (priority, scheduled_for)
      WHERE status = 'pending';
    CREATE INDEX email_queue_workspace_id_status_idx ON email_queue (workspace_id, status);
    CREATE INDEX email_queue_campaign_id_idx ON email_queue (campaign_id);
    CREATE INDEX email_queue_user_id_idx ON email_queue (user_id);
    CREATE INDEX email_queue_email_send_id_idx ON email_queue (email_send_id);
    CREATE TRIGGER email_queue_set_updated_at BEFORE UPDATE ON email_queue
      FOR EACH ROW EXECUTE FUNCTION set_updated_at();

    -- ---------------------------------------------------------------- email_unsubscribes (S3)
    CREATE TABLE email_unsubscribes (
      id                          UUID PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id                UUID NOT NULL REFERENCES workspaces(id) ON DELETE RESTRICT,
      user_id                     UUID REFERENCES users(id) ON DELETE SET NULL,
      email                       TEXT NOT NULL,
      unsubscribe_type            enum_email_unsubscribes_unsubscribe_type NOT NULL DEFAULT 'all',
      reason                      enum_email_unsubscribes_reason,
      reason_detail               TEXT,
      unsubscribed_from_email_id  UUID REFERENCES emails(id) ON DELETE SET NULL,
      unsubscribed_via            enum_email_unsubscribes_unsubscribed_via,
      -- true while the unsubscribe is in force; re-subscribing sets false + resubscribed_at and
      -- keeps the row as consent history.
      is_active                   BOOLEAN NOT NULL DEFAULT true,
      resubscribed_at             TIMESTAMPTZ,
      unsubscribed_at             TIMESTAMPTZ NOT NULL DEFAULT now(),
      created_at                  TIMESTAMPTZ NOT NULL DEFAULT now(),
      updated_at                  TIMESTAMPTZ NOT NULL DEFAULT now(),
      CONSTRAINT email_unsubscribes_resubscribed_check CHECK (is_active OR resubscribed_at IS NOT NULL)
    );
    -- At most one record in force per address (case-insensitive) and scope: history rows are
    -- allowed, and an address may be out of 'promotional' and 'newsletter' at the same time.
    -- Upsert target: ON CONFLICT (workspace_id, lower(email), unsubscribe_type) WHERE is_active.
    CREATE UNIQUE INDEX email_unsubscribes_workspace_id_lower_email_type_key
      ON email_unsubscribes (workspace_id, lower(email), unsubscribe_type) WHERE is_active;
    CREATE INDEX email_unsubscribes_workspace_id_email_idx ON email_unsubscribes (workspace_id, email);
    CREATE INDEX email_unsubscribes_workspace_id_is_active_idx ON email_unsubscribes (workspace_id, is_active);
    CREATE INDEX email_unsubscribes_user_id_idx ON email_unsubscribes (user_id);
    CREATE INDEX email_unsubscribes_unsubscribed_from_email_id_idx ON email_unsubscribes (unsubscribed_from_email_id);
    CREATE TRIGGER email_unsubscribes_set_updated_at BEFORE UPDATE ON email_unsubscribes
      FOR EACH ROW EXECUTE FUNCTION set_updated_at();

    -- ---------------------------------------------------------------- email_preferences (S3)
    CREATE TABLE email_preferences (
      id                     UUID PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id           UUID NOT NULL REFERENCES workspaces(id) ON DELETE RESTRICT,
      email                  TEXT NOT NULL,  -- the recipient the row is keyed by (SCHEMA)
      -- SET NULL, not CASCADE: an address's preferences must outlive the user or contact record,
      -- or deleting a person would silently re-enable mail to that address.
      user_id                UUID REFERENCES users(id) ON DELETE SET NULL,
      contact_id             UUID REFERENCES contacts(id) ON DELETE SET NULL,
      -- S3 gives no defaults: a row narrows what is sent, so each category starts opted in;
      -- email_unsubscribes always wins over these flags.
      marketing_emails       BOOLEAN NOT NULL DEFAULT true,
      product_updates        BOOLEAN NOT NULL DEFAULT true,
      newsletter             BOOLEAN NOT NULL DEFAULT true,
      trial_nurture          BOOLEAN NOT NULL DEFAULT true,
      billing_notifications  BOOLEAN NOT NULL DEFAULT true,
      email_frequency        enum_email_preferences_email_frequency NOT NULL DEFAULT 'normal',
      digest_enabled         BOOLEAN NOT NULL DEFAULT false,
      digest_frequency       enum_email_preferences_digest_frequency NOT NULL DEFAULT 'weekly',
      quiet_hours_enabled    BOOLEAN NOT NULL DEFAULT false,
      -- Times of day (S3 TIME) in timezone; start > end is an overnight window (22:00-07:00).
      quiet_hours_start      TIME,
      quiet_hours_end        TIME,
      timezone               TEXT,  -- IANA name; NULL = the contact's or user's own time zone
      created_at             TIMESTAMPTZ NOT NULL DEFAULT now(),
      updated_at             TIMESTAMPTZ NOT NULL DEFAULT now(),
      CONSTRAINT email_preferences_workspace_id_email_key UNIQUE (workspace_id, email),
      -- D5: the seed's PRIMARY KEY (user_id) becomes one row per user and workspace (NULLs allowed).
      CONSTRAINT email_preferences_workspace_id_user_id_key UNIQUE (workspace_id, user_id),
      CONSTRAINT email_preferences_quiet_hours_check
        CHECK (NOT quiet_hours_enabled OR (quiet_hours_start IS NOT NULL AND quiet_hours_end IS NOT NULL))
    );
    -- SCHEMA's UNIQUE (workspace_id, email) above, made case-insensitive: Foo@x.com and foo@x.com
    -- are one recipient and must not hold two conflicting preference rows.
    CREATE UNIQUE INDEX email_preferences_workspace_id_lower_email_key ON email_preferences (workspace_id, lower(email));
    CREATE INDEX email_preferences_user_id_idx ON email_preferences (user_id);
    CREATE INDEX email_preferences_contact_id_idx ON email_preferences (contact_id);
    CREATE TRIGGER email_preferences_set_updated_at BEFORE UPDATE ON email_preferences
      FOR EACH ROW EXECUTE FUNCTION set_updated_at();
  `);
};

export const down: MigrationFn = async ({ context }) => {
  await context.sql(`
    DROP TABLE email_preferences;
    DROP TABLE email_unsubscribes;
    DROP TABLE email_queue;
    DROP TABLE email_events;
    DROP TABLE emails;
    DROP TABLE sequence_enrollments;
    DROP TABLE sequence_steps;
    DROP FUNCTION sequences_sync_steps_count();
    DROP TABLE sequences;
    DROP TABLE email_campaigns;
    DROP TABLE email_accounts;
    DROP TABLE email_templates;

    DROP TYPE enum_email_preferences_digest_frequency;
    DROP TYPE enum_email_preferences_email_frequency;
    DROP TYPE enum_email_unsubscribes_unsubscribed_via;
    DROP TYPE enum_email_unsubscribes_reason;
    DROP TYPE enum_email_unsubscribes_unsubscribe_type;
    DROP TYPE enum_email_queue_status;
    DROP TYPE enum_email_events_event_type;
    DROP TYPE enum_emails_provider;
    DROP TYPE enum_emails_status;
    DROP TYPE enum_sequence_enrollments_status;
    DROP TYPE enum_sequences_status;
    DROP TYPE enum_email_campaigns_status;
    DROP TYPE enum_email_campaigns_trigger_type;
    DROP TYPE enum_email_campaigns_campaign_type;
    DROP TYPE enum_email_accounts_provider;
  `);
};
