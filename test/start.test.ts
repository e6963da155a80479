/**
 * `npm start` from nothing: on a database that does not exist yet it creates it, migrates,
 * loads the demo data, serves GET /healthz = 200 within 60 s, and stops cleanly on SIGTERM.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { dropDatabase } from '../src/db.js';
import { freshDatabaseUrl } from './helpers/database.js';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

const databaseUrl = freshDatabaseUrl('start');
let child: ChildProcess | undefined;
let output = '';

afterAll(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  await dropDatabase(databaseUrl);
});

test('npm start reaches a healthy /healthz within 60 s and stops on SIGTERM', async () => {
  const port = await freePort();
  const started = Date.now();
  child = spawn('npm', ['start', '--silent'], {
    env: { ...process.env, NODE_ENV: 'development', DATABASE_URL: databaseUrl, PORT: String(port), QUEUE_PREFIX: `crm-start-${port}` },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group, so SIGTERM reaches npm's children as Ctrl-C would
  });
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));

  let health: { status: number; body: { status?: string; postgres?: { ok: boolean }; redis?: { ok: boolean } } } | undefined;
  while (Date.now() - started < 60_000 && child.exitCode === null) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      health = { status: res.status, body: await res.json() };
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const elapsed = Date.now() - started;
  expect({ health, output: health?.status === 200 ? '' : output }).toMatchObject({ health: { status: 200 }, output: '' });
  expect(health!.body).toMatchObject({ status: 'ok', postgres: { ok: true }, redis: { ok: true } });
  expect(elapsed).toBeLessThan(60_000);
  expect(output).toMatch(/loaded demo data/);
  expect(output).toMatch(/worker ready/);

  const exited = new Promise<number | null>((resolve) => child!.on('exit', (code) => resolve(code)));
  process.kill(-child.pid!, 'SIGTERM');
  const code = await Promise.race([exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 15_000))]);
  expect(code).not.toBe('timeout');
  expect(output).toMatch(/server: SIGTERM, closing/);
  expect(output).toMatch(/worker: SIGTERM, closing/);
}, 90_000);
