/**
 * "Forgot your password" end to end: the form, the token stored hashed, the e-mail sent by the
 * worker's job through a real SMTP server, the new password set once with the link, the old
 * one and every session dead, and bad or stale links refused with nothing changed.
 */
import { createHash } from 'node:crypto';
import type { Worker } from 'bullmq';
import { QueryTypes } from 'sequelize';
import { sequelize } from '../src/db.js';
import { seedDemoData } from '../src/demo/seed-demo.js';
import { closeMailboxTransports } from '../src/domain/email/mailbox-transport.js';
import { closeQueues, enqueue, InvalidPayloadError, queueFor } from '../src/jobs/queues.js';
import { passwordResetEmailJob } from '../src/jobs/password-reset-email.job.js';
import type { JobDefinition } from '../src/jobs/registry.js';
import { startWorkers, stopWorkers } from '../src/worker.js';
import { PanelClient, startPanel, type Panel } from './helpers/panel-client.js';
import { startSmtpServer, type TestSmtpServer } from './helpers/smtp-server.js';
import { makeUser } from './helpers/users.js';
import { select } from './helpers/sql.js';

let panel: Panel;
let smtp: TestSmtpServer;
let workers: Worker[];
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const OLD_PASSWORD = 'old-password-1';
const NEW_PASSWORD = 'brand-new-password-2';

const form = (client: PanelClient, path: string, fields: Record<string, string>) => client.post(`/admin/password-reset${path}`, fields);
const linkIn = (text: string) => /http:\/\/\S+\/admin\/password-reset\/([A-Za-z0-9_-]{43})/.exec(text);

beforeAll(async () => {
  await seedDemoData(); // the demo logins and rows, once per run (a no-op when acme exists)
  await queueFor('password-reset-email').obliterate({ force: true });
  smtp = await startSmtpServer();
  panel = await startPanel();
  workers = startWorkers([passwordResetEmailJob as unknown as JobDefinition], { log: () => undefined });
});

afterAll(async () => {
  await stopWorkers(workers);
  await queueFor('password-reset-email').obliterate({ force: true }).catch(() => undefined);
  await closeQueues();
  closeMailboxTransports();
  await panel.close();
  await smtp.close();
  await sequelize.close();
});

// The login page's "Forgot your password?" link is checked in the browser (browser-panel.test.ts).
test('the reset form asks for an e-mail, outside the login wall', async () => {
  const page = await new PanelClient(panel.url).get('/admin/password-reset');
  expect(page.status).toBe(200);
  expect(page.body).toContain('<form method="post" action="/admin/password-reset">');
  expect(page.body).toContain('name="email"');
});

test('a reset link is mailed by the worker, works once, sets the password and signs the user out', async () => {
  const email = `reset-${Date.now().toString(36)}@acme.example`;
  const userId = await makeUser(email, { password: OLD_PASSWORD, firstName: 'Riley' });
  // A session open before the reset, and a lock-out the reset lifts.
  const before = new PanelClient(panel.url);
  expect((await before.login(email, OLD_PASSWORD)).ok).toBe(true);
  expect((await before.list('contacts')).status).toBe(200);
  await sequelize.query(`UPDATE users SET failed_login_count = 5, locked_until = now() + interval '10 minutes' WHERE id = :userId`, {
    replacements: { userId },
  });

  const anonymous = new PanelClient(panel.url, 'reset-test-browser');
  const answer = await form(anonymous, '', { email: email.toUpperCase() });
  expect(answer.status).toBe(200);
  expect(answer.body).toContain('If an active account uses that address');

  const mail = await smtp.waitFor((m) => m.to.includes(email));
  expect(mail.from).toBe('crm@test.example');
  expect(mail.parsed.subject).toBe('Reset your CRM Back Office password');
  expect(mail.parsed.text).toContain('Hello Riley,');
  const token = linkIn(mail.parsed.text ?? '')?.[1];
  expect(token).toBeDefined();

  // Only the hash is stored; the job that mailed it is gone from Redis.
  const [row] = await select<{ id: string; token: string; used: boolean; minutes: number }>(
    `SELECT id, token, used, extract(epoch FROM expires_at - created_at) / 60 AS minutes FROM password_reset_tokens WHERE user_id = :userId`,
    { userId },
  );
  expect(row.token).toBe(sha256(token!));
  expect(row.used).toBe(false);
  expect(Math.round(Number(row.minutes))).toBe(60);
  // The job records the send after the server accepted it, then completes and is removed.
  for (let i = 0; i < 50 && (await queueFor('password-reset-email').getJob(`password-reset-email-${row.id}`)); i++) {
    await new Promise((r) => setTimeout(r, 100));
  }
  expect(await queueFor('password-reset-email').getJob(`password-reset-email-${row.id}`)).toBeUndefined();
  // Through the sending pipe: a system email, sent, its link stored only sealed.
  const [sent] = await sequelize.query<{ status: string; body_text: string; sealed: string }>(
    `SELECT status, body_text, send_metadata->'sealed'->>'reset_link' AS sealed FROM emails
      WHERE send_metadata->>'key' = :key`, { type: QueryTypes.SELECT, replacements: { key: `password-reset-${row.id}` } },
  );
  expect(sent).toMatchObject({ status: 'sent', body_text: expect.stringContaining('{{email.reset_link}}'), sealed: expect.stringMatching(/^v1\./) });
  expect(sent!.body_text).not.toContain(token!);

  // The link opens the form; a short or mismatched password is refused and changes nothing.
  expect((await anonymous.get(`/admin/password-reset/${token}`)).status).toBe(200);
  const short = await form(anonymous, `/${token}`, { password: 'short', confirmation: 'short' });
  expect(short.status).toBe(422);
  expect(short.body).toContain('At least 10 characters');
  const mismatch = await form(anonymous, `/${token}`, { password: NEW_PASSWORD, confirmation: `${NEW_PASSWORD}x` });
  expect(mismatch.status).toBe(422);
  expect(mismatch.body).toContain('The two passwords differ.');
  expect((await select<{ used: boolean }>(`SELECT used FROM password_reset_tokens WHERE id = :id`, { id: row.id }))[0].used).toBe(false);

  const done = await form(anonymous, `/${token}`, { password: NEW_PASSWORD, confirmation: NEW_PASSWORD });
  expect(done.status).toBe(200);
  expect(done.body).toContain('Password changed');

  // Once only; the old password and the old session are dead; the lock is lifted.
  expect((await anonymous.get(`/admin/password-reset/${token}`)).status).toBe(410);
  expect((await form(anonymous, `/${token}`, { password: 'another-password-3', confirmation: 'another-password-3' })).status).toBe(410);
  expect((await before.list('contacts')).status).not.toBe(200);
  expect((await new PanelClient(panel.url).login(email, OLD_PASSWORD)).ok).toBe(false);
  expect((await new PanelClient(panel.url).login(email, NEW_PASSWORD)).ok).toBe(true);

  const events = await select<{ event_type: string; user_agent: string | null }>(
    `SELECT event_type, user_agent FROM security_logs WHERE user_id = :userId AND event_type IN ('password_reset', 'password_changed') ORDER BY created_at`,
    { userId },
  );
  expect(events.map((e) => e.event_type)).toEqual(['password_reset', 'password_changed']);
  expect(events[0].user_agent).toBe('reset-test-browser');
});

test('an unknown address gets the same answer and no mail; a fourth open link is not issued', async () => {
  const client = new PanelClient(panel.url);
  const unknown = await form(client, '', { email: 'nobody-here@nowhere.example' });
  expect(unknown.status).toBe(200);
  expect(unknown.body).toContain('If an active account uses that address');
  const logged = await select<{ n: string }>(
    `SELECT count(*) AS n FROM security_logs WHERE user_email = 'nobody-here@nowhere.example' AND event_type = 'password_reset'`,
  );
  expect(Number(logged[0].n)).toBe(1);

  const email = `flood-${Date.now().toString(36)}@acme.example`;
  const userId = await makeUser(email, { password: OLD_PASSWORD, firstName: 'Riley' });
  for (let i = 0; i < 4; i += 1) expect((await form(client, '', { email })).status).toBe(200);
  const tokens = await select<{ n: string }>(`SELECT count(*) AS n FROM password_reset_tokens WHERE user_id = :userId`, { userId });
  expect(Number(tokens[0].n)).toBe(3);
  // Three mails arrive, and no fourth.
  await smtp.waitFor(() => smtp.messages.filter((m) => m.to.includes(email)).length === 3);
  await new Promise((r) => setTimeout(r, 500));
  expect(smtp.messages.filter((m) => m.to.includes(email))).toHaveLength(3);
  expect(smtp.messages.some((m) => m.to.includes('nobody-here@nowhere.example'))).toBe(false);
});

test('an expired, malformed or made-up link is refused and changes nothing', async () => {
  const email = `stale-${Date.now().toString(36)}@acme.example`;
  const userId = await makeUser(email, { password: OLD_PASSWORD, firstName: 'Riley' });
  const client = new PanelClient(panel.url);
  await form(client, '', { email });
  const mail = await smtp.waitFor((m) => m.to.includes(email));
  const token = linkIn(mail.parsed.text ?? '')![1];
  await sequelize.query(`UPDATE password_reset_tokens SET expires_at = now() - interval '1 minute' WHERE user_id = :userId`, {
    replacements: { userId },
  });
  const [{ password_hash: hashBefore }] = await select<{ password_hash: string }>(`SELECT password_hash FROM users WHERE id = :userId`, { userId });
  for (const link of [token, 'not-a-token', 'A'.repeat(43), `${token}x`]) {
    expect((await client.get(`/admin/password-reset/${encodeURIComponent(link)}`)).status).toBe(410);
    expect((await form(client, `/${encodeURIComponent(link)}`, { password: NEW_PASSWORD, confirmation: NEW_PASSWORD })).status).toBe(410);
  }
  const [{ password_hash: hashAfter }] = await select<{ password_hash: string }>(`SELECT password_hash FROM users WHERE id = :userId`, { userId });
  expect(hashAfter).toBe(hashBefore);
});

test('a reset job with a bad payload is refused before it reaches Redis', async () => {
  await expect(enqueue('password-reset-email', { tokenId: 'x', sealedToken: 'plain' })).rejects.toBeInstanceOf(InvalidPayloadError);
  await expect(enqueue('password-reset-email', { tokenId: 'x', sealedToken: 'plain' })).rejects.toThrow(
    'password-reset-email: invalid payload: tokenId: must be the id (UUID) of a password reset token; sealedToken: must be a sealed token (v1.…)',
  );
});
