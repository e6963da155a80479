/**
 * The worker as people run it: real `src/worker.ts` processes (schedules, dispatcher, email-send)
 * against a database of their own, sending to an SMTP server in this test that counts what it
 * receives.
 *
 * - Killed with SIGKILL in the middle of a 500-email batch and started again: every email is
 *   delivered. The only copies allowed are the ones SMTP itself cannot rule out — a message the
 *   server accepted in the instant before the dead worker could record it — and each such copy
 *   carries the same Message-ID and is marked `resumed` on its email.
 * - Two workers against one mailbox with daily_send_limit 50 and 200 due emails send exactly 50.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { QueryTypes } from 'sequelize';
import { createSequelize, dropDatabase } from '../src/db.js';
import { seal } from '../src/domain/crypto/secret-box.js';
import { startSmtpServer, type TestSmtpServer } from './helpers/smtp-server.js';

const url = new URL(process.env.DATABASE_URL!);
url.pathname = `/crm_test_workers_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
const databaseUrl = url.toString();
const db = createSequelize(databaseUrl, { poolMax: 2 });
const sql = <T extends object>(text: string, replacements: Record<string, unknown> = {}) =>
  db.query<T>(text, { type: QueryTypes.SELECT, replacements });

let smtp: TestSmtpServer;
const workers: ChildProcess[] = [];

function startWorker(prefix: string, env: Record<string, string> = {}): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/worker.ts'], {
    env: { ...process.env, NODE_OPTIONS: '', DATABASE_URL: databaseUrl, QUEUE_PREFIX: prefix, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  workers.push(child);
  let output = '';
  child.stderr!.on('data', (d) => (output += d));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      output += d;
      if (output.includes('worker ready')) resolve(child);
    });
    child.on('exit', (code) => reject(new Error(`worker exited (${code}) before it was ready:\n${output}`)));
  });
}

const stop = (child: ChildProcess, signal: NodeJS.Signals) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill(signal);
  });

async function waitUntil(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** A workspace, a sender and a mailbox sending through the test server; `count` emails due now. */
async function mailboxWithDueEmails(count: number, limit: number): Promise<string> {
  const slug = `w${randomBytes(4).toString('hex')}`;
  const [box] = await sql<{ id: string }>(
    `WITH w AS (INSERT INTO workspaces (name, slug) VALUES (:slug, :slug) RETURNING id),
          u AS (INSERT INTO users (workspace_id, email, password_hash, first_name)
                SELECT id, :slug || '@sender.test', 'x', 'Sam' FROM w RETURNING id, workspace_id)
     INSERT INTO email_accounts (workspace_id, user_id, provider, email, daily_send_limit, settings)
     SELECT workspace_id, id, 'smtp', 'rep@' || :slug || '.test', :limit, :settings::jsonb FROM u RETURNING id`,
    { slug, limit, settings: JSON.stringify({ host: '127.0.0.1', port: smtp.port, secure: false }) },
  );
  await sql(
    `INSERT INTO emails (workspace_id, email_account_id, to_email, subject, body_html, status, scheduled_at)
     SELECT a.workspace_id, a.id, 'to' || g || '@' || :slug || '.example', 'Note ' || g, '<p>Hello number ' || g || '</p>',
            'scheduled', now() - interval '1 second'
       FROM email_accounts a, generate_series(1, :count) g WHERE a.id = :box RETURNING 1`,
    { box: box!.id, count, slug },
  );
  return box!.id;
}

const statusCounts = async (box: string) =>
  Object.fromEntries((await sql<{ status: string; n: number }>(
    `SELECT status, count(*)::int AS n FROM emails WHERE email_account_id = :box GROUP BY status`, { box },
  )).map((r) => [r.status, r.n]));

beforeAll(async () => {
  execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/migrate.ts', 'up'], {
    env: { ...process.env, NODE_OPTIONS: '', DATABASE_URL: databaseUrl }, stdio: ['ignore', 'ignore', 'inherit'],
  });
  // 10 ms per message, like a nearby server: slow enough to kill the worker in the middle.
  smtp = await startSmtpServer({ port: 0, latencyMs: 10 });
  void seal; // (mailboxes here need no password: the test server accepts without AUTH)
}, 60_000);

afterAll(async () => {
  await Promise.all(workers.map((w) => stop(w, 'SIGKILL')));
  await smtp.close();
  await db.close();
  await dropDatabase(databaseUrl);
});

test('a worker killed mid-batch and started again delivers every email, copies only where SMTP cannot tell', async () => {
  const box = await mailboxWithDueEmails(500, 10_000);
  const prefix = `crm-test-kill-${process.pid}`;
  const env = { EMAIL_SEND_CONCURRENCY: '8' };
  const first = await startWorker(prefix, env);
  const mine = () => smtp.messages.filter((m) => m.to[0]!.endsWith(`.example`) && m.parsed.subject?.startsWith('Note '));
  await waitUntil(async () => mine().length >= 150, 60_000, '150 deliveries');
  await stop(first, 'SIGKILL');
  const atKill = mine().length;
  expect(atKill).toBeLessThan(500);

  await startWorker(prefix, env);
  // Stalled jobs of the dead worker come back after their lock expires (~15-30 s).
  await waitUntil(async () => (await statusCounts(box)).sent === 500, 90_000, 'all 500 sent');

  const sent = await sql<{ message_id: string; resumed: boolean }>(
    `SELECT message_id, COALESCE((send_metadata->>'resumed')::boolean, false) AS resumed FROM emails WHERE email_account_id = :box`, { box },
  );
  const received = mine().map((m) => m.parsed.messageId!);
  const distinct = new Set(received);
  // Every email arrived.
  expect(sent.every((e) => distinct.has(e.message_id))).toBe(true);
  expect(distinct.size).toBe(500);
  // Any copy is a resumed email with the same Message-ID (a receiver drops it), and few: at most
  // one per send that was in flight when the worker died.
  const copies = received.length - distinct.size;
  const resumed = new Set(sent.filter((e) => e.resumed).map((e) => e.message_id));
  const copied = [...distinct].filter((id) => received.filter((r) => r === id).length > 1);
  expect(copied.every((id) => resumed.has(id))).toBe(true);
  expect(copies).toBeLessThanOrEqual(Number(env.EMAIL_SEND_CONCURRENCY));
  console.log(`kill test: ${atKill} delivered before SIGKILL, ${resumed.size} sends resumed, ${copies} copies`);
}, 180_000);

test('two workers share one mailbox\'s daily limit: 50 of 200 due emails go out', async () => {
  const box = await mailboxWithDueEmails(200, 50);
  const prefix = `crm-test-limit-${process.pid}`;
  const before = smtp.messages.length;
  await Promise.all([startWorker(prefix), startWorker(prefix)]);
  await waitUntil(async () => {
    const counts = await statusCounts(box);
    return (counts.sent ?? 0) + (counts.scheduled ?? 0) === 200 && !counts.queued && !counts.pending;
  }, 60_000, 'every email sent or deferred');
  const counts = await statusCounts(box);
  expect(counts).toEqual({ sent: 50, scheduled: 150 });
  expect(smtp.messages.length - before).toBe(50);
  const [budget] = await sql<{ daily_sent_count: number }>(`SELECT daily_sent_count FROM email_accounts WHERE id = :box`, { box });
  expect(budget!.daily_sent_count).toBe(50);
  // The rest waits for the next day of the owner's time zone (UTC).
  const [next] = await sql<{ n: number }>(
    `SELECT count(*)::int AS n FROM emails WHERE email_account_id = :box AND status = 'scheduled'
        AND scheduled_at = date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' + interval '1 day'`, { box },
  );
  expect(next!.n).toBe(150);
}, 120_000);
