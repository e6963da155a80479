/**
 * Indexes for the panel's lists on large tables. A list is "newest first" inside a scope: the
 * workspace (admins), the owner (reps: `own`), or a status filter. Each of those orders is
 * served by an index that ends in created_at, so a page reads ~20 index entries instead of
 * sorting every row of the workspace. Text search (ILIKE '%x%') uses the pg_trgm GIN indexes
 * created with the tables.
 */
import type { MigrationFn } from '../src/migrator.js';

const OWNED = ['contacts', 'leads', 'deals', 'accounts'];

export const up: MigrationFn = async ({ context }) => {
  for (const table of OWNED) {
    await context.sql(`CREATE INDEX ${table}_workspace_id_owner_id_created_at_idx ON ${table} (workspace_id, owner_id, created_at DESC)`);
  }
  await context.sql(`
    CREATE INDEX deals_workspace_id_created_at_idx ON deals (workspace_id, created_at DESC);
    CREATE INDEX accounts_workspace_id_created_at_idx ON accounts (workspace_id, created_at DESC);
    CREATE INDEX contacts_workspace_id_status_created_at_idx ON contacts (workspace_id, status, created_at DESC);
    CREATE INDEX leads_workspace_id_status_created_at_idx ON leads (workspace_id, status, created_at DESC);
    CREATE INDEX deals_title_trgm_idx ON deals USING gin (title gin_trgm_ops);
  `);
};

export const down: MigrationFn = async ({ context }) => {
  for (const table of OWNED) await context.sql(`DROP INDEX ${table}_workspace_id_owner_id_created_at_idx`);
  await context.sql(`
    DROP INDEX deals_workspace_id_created_at_idx;
    DROP INDEX accounts_workspace_id_created_at_idx;
    DROP INDEX contacts_workspace_id_status_created_at_idx;
    DROP INDEX leads_workspace_id_status_created_at_idx;
    DROP INDEX deals_title_trgm_idx;
  `);
};
