/**
 * `data_imports`: one row per CSV import started from the panel. Not a SCHEMA.md table (no seed
 * has it): it is product bookkeeping, like schema_migrations. It exists because an import runs as
 * a background job that may take a while, be retried or resumed on another worker machine after a
 * restart, and its progress and per-row error report must survive all of that and be visible in
 * the panel; Redis job state is neither durable enough nor tenant-scoped.
 */
import type { MigrationFn } from '../src/migrator.js';

export const up: MigrationFn = async ({ context }) => {
  await context.sql(`
    CREATE TABLE data_imports (
      id              UUID PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id    UUID NOT NULL REFERENCES workspaces(id) ON DELETE RESTRICT,
      -- Who started it; the import's history outlives the user.
      user_id         UUID REFERENCES users(id) ON DELETE SET NULL,
      -- The table imported into (src/domain/csv/resources.ts).
      resource        TEXT NOT NULL,
      file_name       TEXT NOT NULL,
      -- queued -> running -> completed | failed (failed = the job gave up; see failure_reason).
      status          TEXT NOT NULL DEFAULT 'queued',
      -- CSV header -> column of the resource; headers left out are ignored.
      mapping         JSONB NOT NULL,
      -- Parser settings chosen at upload (e.g. { "delimiter": ";" }).
      options         JSONB NOT NULL DEFAULT '{}'::jsonb,
      -- The uploaded file itself, so that any worker machine can read (and resume) it. Cleared
      -- to '' when the import completes: the rows are in their table by then and the file is a
      -- second copy of personal data. Kept while queued, running or failed (a re-run resumes).
      csv             BYTEA NOT NULL,
      -- Data records in the file (header excluded); processed_rows is the resume checkpoint,
      -- committed with each batch it counts.
      total_rows      INTEGER NOT NULL DEFAULT 0,
      processed_rows  INTEGER NOT NULL DEFAULT 0,
      created_count   INTEGER NOT NULL DEFAULT 0,
      updated_count   INTEGER NOT NULL DEFAULT 0,
      -- Rows rejected (exact); errors keeps their first problems ({row, field, message}, row =
      -- 1-based line of the file), capped at 1000 entries so a bad file cannot bloat the row.
      error_count     INTEGER NOT NULL DEFAULT 0,
      errors          JSONB NOT NULL DEFAULT '[]'::jsonb,
      -- Why a failed import failed (file-level problems, or the last error after the retries).
      failure_reason  TEXT,
      started_at      TIMESTAMPTZ,
      finished_at     TIMESTAMPTZ,
      created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
      updated_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
      CONSTRAINT data_imports_resource_check CHECK (resource IN (
        'contacts', 'accounts', 'leads', 'deals', 'job_postings', 'candidate_profiles')),
      CONSTRAINT data_imports_status_check CHECK (status IN ('queued', 'running', 'completed', 'failed')),
      CONSTRAINT data_imports_mapping_object CHECK (jsonb_typeof(mapping) = 'object'),
      CONSTRAINT data_imports_options_object CHECK (jsonb_typeof(options) = 'object'),
      CONSTRAINT data_imports_errors_array CHECK (jsonb_typeof(errors) = 'array' AND jsonb_array_length(errors) <= 1000),
      CONSTRAINT data_imports_counts_nonnegative CHECK (
        total_rows >= 0 AND processed_rows >= 0 AND created_count >= 0 AND updated_count >= 0 AND error_count >= 0),
      CONSTRAINT data_imports_processed_within_total CHECK (processed_rows <= total_rows),
      CONSTRAINT data_imports_finished_after_start CHECK (finished_at IS NULL OR started_at IS NULL OR finished_at >= started_at)
    );
    -- The panel lists a workspace's imports newest first (also the workspace FK index).
    CREATE INDEX data_imports_workspace_id_created_at_idx ON data_imports (workspace_id, created_at DESC);
    CREATE INDEX data_imports_user_id_idx ON data_imports (user_id);
    CREATE TRIGGER data_imports_set_updated_at BEFORE UPDATE ON data_imports
      FOR EACH ROW EXECUTE FUNCTION set_updated_at();
  `);
};

export const down: MigrationFn = async ({ context }) => {
  await context.sql(`DROP TABLE data_imports;`);
};
