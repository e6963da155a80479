/**
 * Drops the run's database (keep it with KEEP_TEST_DB=1) and its component bundle folder.
 * Imports packages only, like global-setup.
 */
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import pg from 'pg';

export default async function globalTeardown(): Promise<void> {
  const bundleDir = process.env.ADMIN_JS_TMP_DIR;
  if (bundleDir?.startsWith(tmpdir()) && bundleDir.includes('crm-test-adminjs-')) rmSync(bundleDir, { recursive: true, force: true });
  const url = process.env.DATABASE_URL;
  if (!url?.includes('/crm_test_run_') || process.env.KEEP_TEST_DB) return;
  const name = new URL(url).pathname.slice(1);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
