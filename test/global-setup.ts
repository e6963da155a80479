/**
 * One migrated database per test run: created here (through the real migrate command), dropped in
 * global-teardown.ts. Its URL reaches the tests through DATABASE_URL (they run in this process
 * with --runInBand). Jest loads this file outside its module mapper, so it imports packages only.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A port nobody listens on now, for the run's in-process SMTP server (test/helpers/smtp-server.ts). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export default async function globalSetup(): Promise<void> {
  const url = new URL(process.env.TEST_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  url.pathname = `/crm_test_run_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/migrate.ts', 'up'], {
    env: { ...process.env, NODE_ENV: 'test', DATABASE_URL: url.toString() },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  process.env.DATABASE_URL = url.toString();
  process.env.QUEUE_PREFIX = `crm-test-${process.pid}`;
  process.env.NODE_ENV = 'test';
  // AdminJS bundles the panel's components here once for the whole run (see removeStaleBundle).
  process.env.ADMIN_JS_TMP_DIR = mkdtempSync(join(tmpdir(), 'crm-test-adminjs-'));
  process.env.SMTP_HOST = '127.0.0.1';
  process.env.SMTP_PORT = String(await freePort());
  process.env.SMTP_FROM = 'crm@test.example';
  // Retries of temporary SMTP failures come after 1 s, 2 s, 4 s instead of minutes.
  process.env.EMAIL_RETRY_DELAY_SECONDS = '1';
  process.env.INBOUND_EMAIL_SECRET = 'test-inbound-email-secret-0123456789abcdef';
}
