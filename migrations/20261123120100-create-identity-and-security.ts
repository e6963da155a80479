/**
 * Identity and security: `roles` (global, seeded with every seed's role), `teams`, `users` (S0, S1,
 * S2, S4 merged), `user_roles` (a role held per workspace), `system_settings` (S1), `sessions`
 * (S2), `password_reset_tokens` (S4), `security_logs` (S2) and `audit_logs` (S2 audit_logs + S1
 * activity_logs).
 */
import type { MigrationFn } from '../src/migrator.js';

export const up: MigrationFn = async ({ context }) => {
  await context.sql(`
    CREATE TYPE enum_security_logs_event_type AS ENUM (
      'login_success', 'login_failed', 'logout', 'password_changed', 'password_reset',
      'account_locked', 'suspicious_activity', 'permission_denied'
    );
    CREATE TYPE enum_audit_logs_severity AS ENUM ('info', 'warn', 'error', 'success');
    CREATE TYPE enum_audit_logs_action AS ENUM (
      'create', 'read', 'update', 'delete', 'login', 'logout', 'export', 'import'
    );

    -- Global: a role means the same thing in every workspace; user_roles says where it is held.
    CREATE TABLE roles (
      id           UUID PRIMARY KEY DEFAULT gen_random_uuid(),
      -- TEXT with a format CHECK, not an enum: admins may add roles without a migration.
      name         TEXT NOT NULL,
      description  TEXT,
      -- The permission policy the panel enforces; always a JSON object ({} = no panel access).
      permissions  JSONB NOT NULL DEFAULT '{}'::jsonb,
      created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
      updated_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
      CONSTRAINT roles_name_key UNIQUE (name),
      CONSTRAINT roles_name_format CHECK (name ~ '^[a-z][a-z0-9]*(_[a-z0-9]+)*$'),
      CONSTRAINT roles_permissions_object CHECK (jsonb_typeof(permissions) = 'object')
    );
    CREATE TRIGGER roles_set_updated_at BEFORE UPDATE ON roles
      FOR EACH ROW EXECUTE FUNCTION set_updated_at();

    -- Every seed's role (enums.tsv roles.name, in order). Policies come later; '{}' grants nothing.
    INSERT INTO roles (name, description) VALUES
      ('staff',            'Staff member: logs outreach and job postings (S0 default role)'),
      ('admin',            'Workspace administrator with full access to the workspace'),
      ('recruiter',        'Recruiter: jobs, candidates and applications (S1)'),
      ('sales_rep',        'Sales representative: works own leads, contacts, deals and sequences'),
      ('candidate',        'Job candidate with a profile and applications (S1); no panel access'),
      ('manager',          'Manager: oversees a team and its pipeline'),
      ('root_admin',       'Platform administrator with full access to every workspace (S3)'),
      ('office_staff',     'Office staff: views and manages leads, contacts and deals (S3)'),
      ('project_manager',  'Project manager: views and manages opportunities (S3)'),
      ('field_supervisor', 'Field supervisor (S3 BuildDesk); no panel access'),
      ('client_portal',    'Client portal user (S3 BuildDesk); no panel access'),
      ('accounting',       'Accounting (S3 BuildDesk); no panel access');

    -- teams and users reference each other: team_lead_id gets its FK once users exists (below).
    CREATE TABLE teams (
      id            UUID PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id  UUID NOT NULL REFERENCES workspaces(id) ON DELETE RESTRICT,
      name          TEXT NOT NULL,
      description   TEXT,
      team_lead_id  UUID,
      created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
      updated_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
      -- why: S2 only indexes name, but S3 routing rules name a team by text (assign_to_team),
      -- which is only unambiguous if names are unique within a workspace.
      CONSTRAINT teams_workspace_id_name_key UNIQUE (workspace_id, name)
    );
    CREATE INDEX teams_team_lead_id_idx ON teams (team_lead_id);
    CREATE TRIGGER teams_set_updated_at BEFORE UPDATE ON teams
      FOR EACH ROW EXECUTE FUNCTION set_updated_at();

    CREATE TABLE users (
      id                  UUID PRIMARY KEY DEFAULT gen_random_uuid(),
      -- The home workspace; roles in other workspaces are user_roles rows.
      workspace_id        UUID NOT NULL REFERENCES workspaces(id) ON DELETE RESTRICT,
      -- One login across all five systems: globally unique, stored lower-case so that the
      -- UNIQUE is case-insensitive without citext.
      email               TEXT NOT NULL,
      password_hash       TEXT NOT NULL,
      -- D16: names split on the last space; a one-word name is all first_name.
      first_name          TEXT NOT NULL,
      last_name           TEXT,
      phone               TEXT,
      avatar_url          TEXT,
      -- why NOT NULL: S2 defaults to UTC and a NULL zone would mean nothing else.
      timezone            TEXT NOT NULL DEFAULT 'UTC',
      language            TEXT,
      title               TEXT,
      department          TEXT,
      team_id             UUID REFERENCES teams(id) ON DELETE SET NULL,
      manager_id          UUID REFERENCES users(id) ON DELETE SET NULL,
      is_active           BOOLEAN NOT NULL DEFAULT true,
      email_verified      BOOLEAN NOT NULL DEFAULT false,
      last_login_at       TIMESTAMPTZ,
      last_active_at      TIMESTAMPTZ,
      -- Login lockout: reset to 0 on success; locked_until set with a security_logs account_locked.
      failed_login_count  INTEGER NOT NULL DEFAULT 0,
      locked_until        TIMESTAMPTZ,
      settings            JSONB NOT NULL DEFAULT '{}'::jsonb,
      -- Soft delete (S2 is_deleted): rows stay for the history that points at them.
      deleted_at          TIMESTAMPTZ,
      created_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
      updated_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
      -- why global and also over soft-deleted rows: an address stays tied to its history;
      -- re-using it means editing the deleted user's email.
      CONSTRAINT users_email_key UNIQUE (email),
      CONSTRAINT users_email_lower CHECK (email = lower(email)),
      CONSTRAINT users_email_format CHECK (email ~ '^[^@[:space:]]+@[^@[:space:]]+$'),
      CONSTRAINT users_failed_login_count_nonnegative CHECK (failed_login_count >= 0),
      CONSTRAINT users_manager_not_self CHECK (manager_id <> id)
    );
    CREATE INDEX users_workspace_id_idx ON users (workspace_id);
    CREATE INDEX users_team_id_idx ON users (team_id);
    CREATE INDEX users_manager_id_idx ON users (manager_id);
    CREATE TRIGGER users_set_updated_at BEFORE UPDATE ON users
      FOR EACH ROW EXECUTE FUNCTION set_updated_at();

    ALTER TABLE teams ADD CONSTRAINT teams_team_lead_id_fkey
      FOREIGN KEY (team_lead_id) REFERENCES users(id) ON DELETE SET NULL;

    -- A role held by a user in a workspace (A2): one login reaches several workspaces.
    CREATE TABLE user_roles (
      workspace_id  UUID NOT NULL REFERENCES workspaces(id) ON DELETE RESTRICT,
      user_id       UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      -- RESTRICT: a role still held by someone cannot be deleted.
      role_id       UUID NOT NULL REFERENCES roles(id) ON DELETE RESTRICT,
      created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
      updated_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
      CONSTRAINT user_roles_pkey PRIMARY KEY (workspace_id, user_id, role_id)
    );
    CREATE INDEX user_roles_user_id_idx ON user_roles (user_id);
    CREATE INDEX user_roles_role_id_idx ON user_roles (role_id);  -- S0 idx_users_role
    CREATE TRIGGER user_roles_set_updated_at BEFORE UPDATE ON user_roles
      FOR EACH ROW EXECUTE FUNCTION set_updated_at();

    -- D15: every user holds a role; one created without any gets 'staff' in its home workspace
    -- (S0's role DEFAULT 'staff'). The trigger is DEFERRED to commit because user_roles rows can
    -- only be inserted after their user (FK), usually later in the same transaction: checking at
    -- INSERT time would always find none and add a spurious staff row. It reads the user again,
    -- so a user deleted or moved to another workspace before commit is handled.
    CREATE FUNCTION users_assign_default_role() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      staff_role_id UUID;
    BEGIN
      IF EXISTS (SELECT 1 FROM user_roles WHERE user_id = NEW.id)
         OR NOT EXISTS (SELECT 1 FROM users WHERE id = NEW.id) THEN
        RETURN NULL;
      END IF;
      SELECT id INTO staff_role_id FROM roles WHERE name = 'staff';
      IF staff_role_id IS NULL THEN
        -- Refuse rather than leave a user without a role.
        RAISE EXCEPTION 'user % has no role and the default role "staff" does not exist', NEW.id
          USING ERRCODE = 'foreign_key_violation';
      END IF;
      INSERT INTO user_roles (workspace_id, user_id, role_id)
        SELECT u.workspace_id, u.id, staff_role_id FROM users u WHERE u.id = NEW.id
        ON CONFLICT DO NOTHING;
      RETURN NULL;
    END $$;
    CREATE CONSTRAINT TRIGGER users_default_role AFTER INSERT ON users
      DEFERRABLE INITIALLY DEFERRED
      FOR EACH ROW EXECUTE FUNCTION users_assign_default_role();

    -- Global feature flags and configuration (S1), e.g. ENABLE_AI_PARSING, MAINTENANCE_MODE.
    CREATE TABLE system_settings (
      key          TEXT PRIMARY KEY,
      -- A boolean, string or object; NOT NULL without default: a setting is its value
      -- (JSON null can still be stored as 'null'::jsonb).
      value        JSONB NOT NULL,
      description  TEXT,
      updated_by   UUID REFERENCES users(id) ON DELETE SET NULL,
      created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
      updated_at   TIMESTAMPTZ NOT NULL DEFAULT now()
    );
    CREATE INDEX system_settings_updated_by_idx ON system_settings (updated_by);
    CREATE TRIGGER system_settings_set_updated_at BEFORE UPDATE ON system_settings
      FOR EACH ROW EXECUTE FUNCTION set_updated_at();

    -- Panel login sessions (S2), the store behind the session cookie.
    CREATE TABLE sessions (
      id                UUID PRIMARY KEY DEFAULT gen_random_uuid(),
      -- The workspace the session works in; the application sets it (home workspace by default).
      workspace_id      UUID NOT NULL REFERENCES workspaces(id) ON DELETE RESTRICT,
      user_id           UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      -- Holds the SHA-256 hex digest of the session id, never the id itself: a leaked table
      -- yields no usable cookie. The CHECK refuses a raw token.
      token             TEXT NOT NULL,
      ip_address        INET,
      user_agent        TEXT,
      device_type       TEXT,
      browser           TEXT,
      os                TEXT,
      -- why NOT NULL: every session expires; the clean-up job deletes by expires_at.
      expires_at        TIMESTAMPTZ NOT NULL,
      last_activity_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
      is_revoked        BOOLEAN NOT NULL DEFAULT false,
      revoked_at        TIMESTAMPTZ,
      revoked_reason    TEXT,
      created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
      updated_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
      CONSTRAINT sessions_token_key UNIQUE (token),
      CONSTRAINT sessions_token_sha256 CHECK (token ~ '^[0-9a-f]{64}$'),
      -- A revoked session says when; a live one has no revocation time.
      CONSTRAINT sessions_revoked_at_consistent CHECK (is_revoked = (revoked_at IS NOT NULL))
    );
    CREATE INDEX sessions_workspace_id_idx ON sessions (workspace_id);
    CREATE INDEX sessions_user_id_idx ON sessions (user_id);
    CREATE INDEX sessions_expires_at_idx ON sessions (expires_at);
    CREATE TRIGGER sessions_set_updated_at BEFORE UPDATE ON sessions
      FOR EACH ROW EXECUTE FUNCTION set_updated_at();

    -- Single-use, expiring password reset tokens (S4).
    CREATE TABLE password_reset_tokens (
      id            UUID PRIMARY KEY DEFAULT gen_random_uuid(),
      -- The user's home workspace (A3: derived from the user).
      workspace_id  UUID NOT NULL REFERENCES workspaces(id) ON DELETE RESTRICT,
      user_id       UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      -- SHA-256 hex digest of the token mailed to the user (D12); the token itself is never stored.
      token         TEXT NOT NULL,
      expires_at    TIMESTAMPTZ NOT NULL,
      used          BOOLEAN NOT NULL DEFAULT false,
      created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
      updated_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
      CONSTRAINT password_reset_tokens_token_key UNIQUE (token),
      CONSTRAINT password_reset_tokens_token_sha256 CHECK (token ~ '^[0-9a-f]{64}$')
    );
    CREATE INDEX password_reset_tokens_workspace_id_idx ON password_reset_tokens (workspace_id);
    CREATE INDEX password_reset_tokens_user_id_idx ON password_reset_tokens (user_id);
    CREATE INDEX password_reset_tokens_expires_at_idx ON password_reset_tokens (expires_at);  -- clean-up job
    CREATE TRIGGER password_reset_tokens_set_updated_at BEFORE UPDATE ON password_reset_tokens
      FOR EACH ROW EXECUTE FUNCTION set_updated_at();

    -- Logins, failures, lock-outs and denials (S2). workspace_id is NULL for events with no
    -- workspace (e.g. login_failed for an unknown e-mail). Logs must outlive what they describe:
    -- workspace_id and user_id are SET NULL on delete (not RESTRICT, which would block the
    -- deletion, nor CASCADE, which would erase the evidence); user_email keeps who it was.
    CREATE TABLE security_logs (
      id            UUID PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id  UUID REFERENCES workspaces(id) ON DELETE SET NULL,
      event_type    enum_security_logs_event_type NOT NULL,
      -- S2 String(20) without a value list (A11): free text.
      severity      TEXT,
      user_id       UUID REFERENCES users(id) ON DELETE SET NULL,
      user_email    TEXT,
      description   TEXT,
      details       JSONB NOT NULL DEFAULT '{}'::jsonb,
      ip_address    INET,
      user_agent    TEXT,
      location      TEXT,
      action_taken  TEXT,
      created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
      updated_at    TIMESTAMPTZ NOT NULL DEFAULT now()
    );
    -- Newest first: the panel lists a workspace's log, root admins list all of it.
    CREATE INDEX security_logs_created_at_idx ON security_logs (created_at DESC);
    CREATE INDEX security_logs_workspace_id_created_at_idx ON security_logs (workspace_id, created_at DESC);
    CREATE INDEX security_logs_workspace_id_event_type_idx ON security_logs (workspace_id, event_type);
    CREATE INDEX security_logs_workspace_id_severity_idx ON security_logs (workspace_id, severity);
    CREATE INDEX security_logs_user_id_idx ON security_logs (user_id);
    -- Brute-force checks look across workspaces by e-mail and by address.
    CREATE INDEX security_logs_user_email_idx ON security_logs (user_email);
    CREATE INDEX security_logs_ip_address_idx ON security_logs (ip_address);
    CREATE TRIGGER security_logs_set_updated_at BEFORE UPDATE ON security_logs
      FOR EACH ROW EXECUTE FUNCTION set_updated_at();

    -- Every write made in the panel, with its before/after diff (S2 audit_logs), and S1's
    -- activity feed (activity_logs). Same NULL / SET NULL rules as security_logs, same reason.
    CREATE TABLE audit_logs (
      id              UUID PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id    UUID REFERENCES workspaces(id) ON DELETE SET NULL,
      user_id         UUID REFERENCES users(id) ON DELETE SET NULL,
      user_email      TEXT,
      -- S2's coarse action; NULL for S1 feed entries that carry only action_type.
      action          enum_audit_logs_action,
      -- S1's fine-grained code (created_job, applied, ...): an open list, so TEXT (SCHEMA).
      action_type     TEXT,
      severity        enum_audit_logs_severity NOT NULL DEFAULT 'info',
      resource_type   TEXT,
      resource_id     UUID,
      description     TEXT,
      -- Before/after values; NULL where nothing changed (read, login, export).
      changes         JSONB,
      ip_address      INET,
      user_agent      TEXT,
      request_method  TEXT,
      request_path    TEXT,
      metadata        JSONB NOT NULL DEFAULT '{}'::jsonb,
      created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
      updated_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
      -- Every entry says what happened, in one vocabulary or the other.
      CONSTRAINT audit_logs_action_present CHECK (action IS NOT NULL OR action_type IS NOT NULL),
      CONSTRAINT audit_logs_request_method_upper CHECK (request_method ~ '^[A-Z]+$')
    );
    CREATE INDEX audit_logs_created_at_idx ON audit_logs (created_at DESC);
    CREATE INDEX audit_logs_workspace_id_created_at_idx ON audit_logs (workspace_id, created_at DESC);
    CREATE INDEX audit_logs_workspace_id_action_idx ON audit_logs (workspace_id, action);
    CREATE INDEX audit_logs_workspace_id_resource_type_idx ON audit_logs (workspace_id, resource_type);
    -- A record's history, newest first.
    CREATE INDEX audit_logs_resource_id_created_at_idx ON audit_logs (resource_id, created_at DESC);
    CREATE INDEX audit_logs_user_id_created_at_idx ON audit_logs (user_id, created_at DESC);
    CREATE INDEX audit_logs_user_email_idx ON audit_logs (user_email);
    CREATE TRIGGER audit_logs_set_updated_at BEFORE UPDATE ON audit_logs
      FOR EACH ROW EXECUTE FUNCTION set_updated_at();
  `);
};

export const down: MigrationFn = async ({ context }) => {
  await context.sql(`
    DROP TABLE audit_logs;
    DROP TABLE security_logs;
    DROP TABLE password_reset_tokens;
    DROP TABLE sessions;
    DROP TABLE system_settings;
    DROP TABLE user_roles;
    ALTER TABLE teams DROP CONSTRAINT teams_team_lead_id_fkey;
    DROP TABLE users;
    DROP FUNCTION users_assign_default_role();
    DROP TABLE teams;
    DROP TABLE roles;
    DROP TYPE enum_audit_logs_action;
    DROP TYPE enum_audit_logs_severity;
    DROP TYPE enum_security_logs_event_type;
  `);
};
