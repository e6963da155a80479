/**
 * Gives each role of SCHEMA.md its starting permission policy (src/domain/permissions/
 * default-policies.ts, the one place they are written). Only roles still at '{}' are set, so
 * re-running never overwrites what an admin has edited; down() returns them to '{}'.
 */
import type { MigrationFn } from '../src/migrator.js';
import { DEFAULT_POLICIES } from '../src/domain/permissions/default-policies.js';

export const up: MigrationFn = async ({ context }) => {
  for (const [name, policy] of Object.entries(DEFAULT_POLICIES)) {
    await context.sql(
      `UPDATE roles SET permissions = '${JSON.stringify(policy).replace(/'/g, "''")}'::jsonb
        WHERE name = '${name}' AND permissions = '{}'::jsonb`,
    );
  }
};

export const down: MigrationFn = async ({ context }) => {
  await context.sql(`UPDATE roles SET permissions = '{}'::jsonb`);
};
