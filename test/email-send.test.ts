/**
 * Sending one email through a mailbox to a real SMTP server (smtp-server, in this process), then
 * reading what the server received: merge fields, tracking pixel, rewritten links, List-Unsubscribe
 * headers, Message-ID; and what the database says afterwards. Temporary (4xx) and permanent (5xx)
 * refusals, the guards (consent, quiet hours, send window, daily limit, inactive mailbox), a race
 * between two jobs, the bounce-rate pause and OAuth2 token refresh.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sequelize } from '../src/db.js';
import { seedDemoData } from '../src/demo/seed-demo.js';
import { open, seal } from '../src/domain/crypto/secret-box.js';
import { sendEmail } from '../src/domain/email/send-email.js';
import { closeMailboxTransports } from '../src/domain/email/mailbox-transport.js';
import { unsubscribeRecipient } from '../src/domain/email/events.js';
import { startSmtpServer, type TestSmtpServer } from './helpers/smtp-server.js';
import {
  acme, emailRow, eventTypes, makeContact, makeEmail, makeMailbox, makeSender, one, select, SMTP_PASSWORD, SMTP_USER, tag,
} from './helpers/mail-fixtures.js';

let smtp: TestSmtpServer;
let ws: string;
let sender: string;
// Addresses the server refuses: 4xx once, then accepts; 5xx always.
const refuse = new Map<string, { code: number; times: number }>();

beforeAll(async () => {
  await seedDemoData(); // the demo logins and rows, once per run (a no-op when acme exists)
  smtp = await startSmtpServer({
    port: 0,
    auth: { user: SMTP_USER, password: SMTP_PASSWORD },
    onRecipient(address, attempt) {
      const rule = refuse.get(address);
      if (!rule || attempt > rule.times) return null;
      return rule.code >= 500
        ? { code: rule.code, message: '5.1.1 <' + address + '>: Recipient address rejected: User unknown' }
        : { code: rule.code, message: '4.2.1 Mailbox busy, try again later' };
    },
  });
  ws = await acme();
  sender = await makeSender(ws);
});

afterAll(async () => {
  closeMailboxTransports();
  await smtp.close();
  await sequelize.close();
});

const mailbox = (options: Parameters<typeof makeMailbox>[2] = {}) => makeMailbox(ws, sender, { port: smtp.port, ...options });
const received = (address: string) => smtp.messages.filter((m) => m.to.includes(address));

test('an email is rendered, tracked, sent through its mailbox and recorded', async () => {
  const box = await mailbox();
  const contact = await makeContact(ws);
  const id = await makeEmail(ws, box.id, contact);

  const result = await sendEmail(id, 'job-1');
  expect(result).toEqual({ status: 'sent', messageId: expect.stringMatching(/^<[0-9a-f-]+@acme\.test>$/) });

  const [mail] = received(contact.address);
  expect(mail).toBeDefined();
  const parsed = mail!.parsed;
  expect(parsed.subject).toBe('Hello Dana');
  expect(parsed.from?.value[0]).toEqual({ address: box.email, name: 'Sam Seller' });
  expect(parsed.messageId).toBe((result as { messageId: string }).messageId);
  const headers = mail!.raw.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, ' '); // unfolded
  expect(headers).toMatch(/^List-Unsubscribe: <http[^>]*\/t\/u\/[A-Za-z0-9_.-]+>\r?$/m);
  expect(headers).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/m);
  const html = String(parsed.html);
  expect(html).toMatch(/<img src="[^"]*\/t\/o\/[^"]+\.gif"/);
  expect(html).toMatch(/href="[^"]*\/t\/c\/[^"]+"/);
  expect(html).not.toContain('https://example.com/pricing');  // every link goes through the click redirect
  expect(html).toContain('<p>Sam</p>');                        // sender's merge field
  expect(parsed.text).toContain('https://example.com/pricing?a=1&b=2'); // the text part shows the real URL

  const row = await emailRow(id);
  expect(row.status).toBe('sent');
  expect(row.sent_at).not.toBeNull();
  expect(row.message_id).toBe(parsed.messageId);
  expect(row.provider_message_id).toMatch(/^T\d+$/);
  expect(await eventTypes(id)).toEqual(['sent']);
  const account = await one<{ daily_sent_count: number }>(`SELECT daily_sent_count FROM email_accounts WHERE id = :id`, { id: box.id });
  expect(account.daily_sent_count).toBe(1);
});

test('a missing merge field fails the email with the field named, and nothing is sent', async () => {
  const box = await mailbox();
  const contact = await makeContact(ws, { firstName: null });
  const id = await makeEmail(ws, box.id, contact);
  expect(await sendEmail(id, 'job-1')).toEqual({ status: 'failed', detail: 'missing merge field: contact.first_name' });
  const row = await emailRow(id);
  expect(row).toMatchObject({ status: 'failed', error_code: 'missing_merge_field', error_message: 'missing merge field: contact.first_name' });
  expect(received(contact.address)).toHaveLength(0);
});

test('a 4xx answer is retried with backoff and then delivered once', async () => {
  const box = await mailbox();
  const contact = await makeContact(ws);
  refuse.set(contact.address, { code: 451, times: 1 });
  const id = await makeEmail(ws, box.id, contact);

  const first = await sendEmail(id, 'job-1');
  expect(first.status).toBe('retry');
  let row = await emailRow(id);
  expect(row.status).toBe('scheduled');
  expect(row.retry_count).toBe(1);
  expect(row.error_message).toMatch(/Mailbox busy/);
  // EMAIL_RETRY_DELAY_SECONDS (1 in tests) doubles per retry: the first waits ~1 s.
  expect(row.next_retry_at!.getTime() - Date.now()).toBeGreaterThan(0);
  expect(row.scheduled_at.getTime()).toBe(row.next_retry_at!.getTime());
  // Not due yet: a job that runs early sends nothing.
  expect((await sendEmail(id, 'job-early')).status).toBe('skipped');
  const budget = await one<{ daily_sent_count: number }>(`SELECT daily_sent_count FROM email_accounts WHERE id = :id`, { id: box.id });
  expect(budget.daily_sent_count).toBe(0); // the failed attempt gave its unit back

  await new Promise((r) => setTimeout(r, row.next_retry_at!.getTime() - Date.now() + 50));
  expect((await sendEmail(id, 'job-2')).status).toBe('sent');
  row = await emailRow(id);
  expect(row.status).toBe('sent');
  expect(received(contact.address)).toHaveLength(1);
});

test('a 5xx answer bounces the email, flags the contact and ends its enrollments', async () => {
  const box = await mailbox();
  const contact = await makeContact(ws);
  refuse.set(contact.address, { code: 550, times: 99 });
  const sequenceId = (await one<{ id: string }>(`INSERT INTO sequences (workspace_id, name, status) VALUES (:ws, :n, 'paused') RETURNING id`, { ws, n: `S ${tag()}` })).id;
  const enrollmentId = (await one<{ id: string }>(
    `INSERT INTO sequence_enrollments (workspace_id, sequence_id, contact_id, email_account_id) VALUES (:ws, :sequenceId, :contactId, :box) RETURNING id`,
    { ws, sequenceId, contactId: contact.id, box: box.id },
  )).id;
  const id = await makeEmail(ws, box.id, contact);

  const result = await sendEmail(id, 'job-1');
  expect(result.status).toBe('bounced');
  const row = await emailRow(id);
  expect(row.status).toBe('bounced');
  expect(row.bounce_type).toBe('hard');
  expect(row.bounce_reason).toMatch(/User unknown/);
  expect(await eventTypes(id)).toEqual(['bounced']);
  expect((await one<{ bounced: boolean }>(`SELECT bounced FROM contacts WHERE id = :id`, { id: contact.id })).bounced).toBe(true);
  expect((await one<{ status: string }>(`SELECT status FROM sequence_enrollments WHERE id = :id`, { id: enrollmentId })).status).toBe('bounced');

  // The address never gets mail again, whatever sends it.
  const again = await makeEmail(ws, box.id, contact);
  expect((await sendEmail(again, 'job-1')).status).toBe('dropped');
  expect((await emailRow(again)).error_code).toBe('bounced');
});

test('after an unsubscribe no email reaches the address, from any mailbox or campaign', async () => {
  const box = await mailbox();
  const otherBox = await mailbox();
  const contact = await makeContact(ws);
  const firstId = await makeEmail(ws, box.id, contact);
  expect((await sendEmail(firstId, 'job-1')).status).toBe('sent');
  expect(await unsubscribeRecipient(firstId, {})).toEqual({ email: contact.address, changed: true });

  const campaignId = (await one<{ id: string }>(
    `INSERT INTO email_campaigns (workspace_id, name, campaign_type) VALUES (:ws, :n, 'promotional') RETURNING id`, { ws, n: `C ${tag()}` },
  )).id;
  const fromCampaign = await makeEmail(ws, otherBox.id, contact, { campaignId });
  const oneOff = await makeEmail(ws, otherBox.id, contact);
  for (const id of [fromCampaign, oneOff]) {
    expect((await sendEmail(id, 'job-1')).status).toBe('dropped');
    expect(await emailRow(id)).toMatchObject({ status: 'dropped', error_code: 'unsubscribed' });
  }
  expect(received(contact.address)).toHaveLength(1);
});

test('two jobs racing for one email send it once', async () => {
  const box = await mailbox();
  const contact = await makeContact(ws);
  const id = await makeEmail(ws, box.id, contact);
  const results = await Promise.all([sendEmail(id, 'job-a'), sendEmail(id, 'job-b'), sendEmail(id, 'job-c')]);
  expect(results.map((r) => r.status).sort()).toEqual(['sent', 'skipped', 'skipped']);
  expect(received(contact.address)).toHaveLength(1);
});

test('the daily limit is one budget: the rest waits for the next day', async () => {
  const box = await mailbox({ limit: 2 });
  const ids = [];
  for (let i = 0; i < 3; i++) ids.push(await makeEmail(ws, box.id, await makeContact(ws)));
  const results = await Promise.all(ids.map((id, i) => sendEmail(id, `job-${i}`)));
  expect(results.map((r) => r.status).sort()).toEqual(['deferred', 'sent', 'sent']);
  const deferred = ids[results.findIndex((r) => r.status === 'deferred')]!;
  const row = await emailRow(deferred);
  expect(row.status).toBe('scheduled');
  // Midnight after today in the owner's zone (UTC): tomorrow 00:00Z.
  const tomorrow = new Date(); tomorrow.setUTCHours(24, 0, 0, 0);
  expect(row.scheduled_at.toISOString()).toBe(tomorrow.toISOString());
  expect(row.send_metadata.deferred_reason).toBe('daily send limit of the mailbox reached');
});

test('an inactive mailbox sends nothing; its email waits', async () => {
  const box = await mailbox({ active: false });
  const contact = await makeContact(ws);
  const id = await makeEmail(ws, box.id, contact);
  expect((await sendEmail(id, 'job-1')).status).toBe('deferred');
  expect((await emailRow(id)).status).toBe('scheduled');
  expect(received(contact.address)).toHaveLength(0);
});

test('quiet hours and the campaign send window defer to the recipient\'s local time', async () => {
  const box = await mailbox();
  // Quiet from an hour ago until two hours from now (UTC): the email waits for the end.
  const contact = await makeContact(ws, { timezone: 'UTC' });
  const now = new Date();
  const hhmm = (d: Date) => d.toISOString().slice(11, 16);
  const quietEnd = new Date(now.getTime() + 2 * 3600_000);
  await sequelize.query(
    `INSERT INTO email_preferences (workspace_id, email, contact_id, quiet_hours_enabled, quiet_hours_start, quiet_hours_end, timezone)
     VALUES (:ws, :address, :contactId, true, :start, :end, 'UTC')`,
    { replacements: { ws, address: contact.address, contactId: contact.id, start: hhmm(new Date(now.getTime() - 3600_000)), end: hhmm(quietEnd) } },
  );
  const id = await makeEmail(ws, box.id, contact);
  expect((await sendEmail(id, 'job-1')).status).toBe('deferred');
  const row = await emailRow(id);
  expect(hhmm(row.scheduled_at)).toBe(hhmm(quietEnd));
  expect(row.send_metadata.deferred_reason).toBe('quiet hours of the recipient');

  // A campaign that sends only on another weekday, in Tokyo time, from 09:00.
  const other = await makeContact(ws, { timezone: 'Asia/Tokyo' });
  const isoDow = ((new Date(now.toLocaleString('en-US', { timeZone: 'Asia/Tokyo' })).getDay() + 6) % 7) + 1;
  const nextDay = (isoDow % 7) + 1;
  const campaignId = (await one<{ id: string }>(
    `INSERT INTO email_campaigns (workspace_id, name, send_on_days, send_at_time) VALUES (:ws, :n, ARRAY[:day]::integer[], '09:00') RETURNING id`,
    { ws, n: `Window ${tag()}`, day: nextDay },
  )).id;
  const windowed = await makeEmail(ws, box.id, other, { campaignId });
  expect((await sendEmail(windowed, 'job-1')).status).toBe('deferred');
  const w = await emailRow(windowed);
  // Tomorrow 09:00 in Tokyo (UTC+9, no DST) is 00:00Z of the Tokyo date.
  const tokyoTomorrow = new Date(now.getTime() + 9 * 3600_000);
  tokyoTomorrow.setUTCDate(tokyoTomorrow.getUTCDate() + 1);
  expect(w.scheduled_at.toISOString()).toBe(`${tokyoTomorrow.toISOString().slice(0, 10)}T00:00:00.000Z`);
  expect(received(contact.address).concat(received(other.address))).toHaveLength(0);
});

test('a mailbox bouncing more than 5% of its last sends is paused and its owner told', async () => {
  const box = await mailbox();
  // 19 good sends on record, then one live 5xx: 1/20 = 5% is not over; a second makes 2/21.
  await sequelize.query(
    `INSERT INTO emails (workspace_id, email_account_id, to_email, status, sent_at)
     SELECT :ws, :box, 'ok' || g || '@example.com', 'sent', now() - make_interval(mins => g) FROM generate_series(1, 19) g`,
    { replacements: { ws, box: box.id } },
  );
  const bad1 = await makeContact(ws);
  const bad2 = await makeContact(ws);
  refuse.set(bad1.address, { code: 550, times: 99 });
  refuse.set(bad2.address, { code: 550, times: 99 });
  expect((await sendEmail(await makeEmail(ws, box.id, bad1), 'job-1')).status).toBe('bounced');
  expect((await one<{ is_active: boolean }>(`SELECT is_active FROM email_accounts WHERE id = :id`, { id: box.id })).is_active).toBe(true);
  expect((await sendEmail(await makeEmail(ws, box.id, bad2), 'job-1')).status).toBe('bounced');
  const account = await one<{ is_active: boolean; settings: { paused_reason?: string } }>(
    `SELECT is_active, settings FROM email_accounts WHERE id = :id`, { id: box.id },
  );
  expect(account.is_active).toBe(false);
  expect(account.settings.paused_reason).toBe('bounce rate 9.5% over the last 21 sends');
  const items = await select<{ title: string; priority: string }>(
    `SELECT title, priority FROM action_queue WHERE user_id = :sender AND type = 'intervention_needed'`, { sender },
  );
  expect(items).toEqual([{ title: `Mailbox ${box.email} paused`, priority: 'high' }]);
});

describe('OAuth2 mailboxes', () => {
  let tokenServer: Server;
  let tokenUrl: string;
  const tokenRequests: string[] = [];
  let oauthSmtp: TestSmtpServer;

  beforeAll(async () => {
    oauthSmtp = await startSmtpServer({ port: 0, auth: { user: 'rep.oauth@acme.test', accessToken: 'fresh-access-token' } });
    tokenServer = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        tokenRequests.push(body);
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ access_token: 'fresh-access-token', expires_in: 3600, token_type: 'Bearer' }));
      });
    });
    await new Promise<void>((r) => tokenServer.listen(0, '127.0.0.1', r));
    tokenUrl = `http://127.0.0.1:${(tokenServer.address() as AddressInfo).port}/token`;
  });
  afterAll(async () => {
    await oauthSmtp.close();
    await new Promise((r) => tokenServer.close(r));
  });

  test('an expired access token is refreshed with the refresh token, stored sealed, and the mail goes out', async () => {
    const { id: boxId } = await one<{ id: string }>(
      `INSERT INTO email_accounts (workspace_id, user_id, provider, email, access_token, refresh_token, token_expires_at, settings)
       VALUES (:ws, :sender, 'gmail', 'rep.oauth@acme.test', :access, :refresh, now() - interval '1 hour', :settings::jsonb) RETURNING id`,
      {
        ws, sender, access: seal('stale-access-token'), refresh: seal('the-refresh-token'),
        settings: JSON.stringify({ host: '127.0.0.1', port: oauthSmtp.port, token_url: tokenUrl }),
      },
    );
    const contact = await makeContact(ws);
    const id = await makeEmail(ws, boxId, contact);
    expect((await sendEmail(id, 'job-1')).status).toBe('sent');
    expect(oauthSmtp.messages.filter((m) => m.to.includes(contact.address))).toHaveLength(1);
    expect(tokenRequests.at(-1)).toContain('refresh_token=the-refresh-token');
    // The 'token' event stores the new token asynchronously.
    await new Promise((r) => setTimeout(r, 200));
    const stored = await one<{ access_token: string; expires_in_s: number }>(
      `SELECT access_token, extract(epoch FROM token_expires_at - now())::int AS expires_in_s FROM email_accounts WHERE id = :boxId`, { boxId },
    );
    expect(stored.access_token).toMatch(/^v1\./);
    expect(open(stored.access_token)).toBe('fresh-access-token');
    expect(stored.expires_in_s).toBeGreaterThan(3500);
  });
});
