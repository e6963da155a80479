/**
 * Test databases: each test run migrates a database of its own (global-setup.ts), and tests
 * that need an empty one create and drop their own with these helpers.
 */
import { randomBytes } from 'node:crypto';
import { createSequelize, dropDatabase, ensureDatabase } from '../../src/db.js';

/** A database URL on the configured server with a fresh, unique database name. */
export function freshDatabaseUrl(label: string): string {
  const base = new URL(process.env.TEST_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  base.pathname = `/crm_test_${label}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  return base.toString();
}

/** Creates an empty database and returns a Sequelize connected to it plus a disposer. */
export async function createEmptyDatabase(label: string) {
  const url = freshDatabaseUrl(label);
  await ensureDatabase(url);
  const sequelize = createSequelize(url, { poolMax: 4 });
  return {
    url,
    sequelize,
    async dispose() {
      await sequelize.close();
      await dropDatabase(url);
    },
  };
}
