/**
 * Rows for sending tests, made with SQL in the acme workspace: a mailbox that sends through the
 * test SMTP server (password sealed like the panel stores it), contacts with unique addresses,
 * emails due now, sequences with steps and enrollments.
 */
import { randomUUID } from 'node:crypto';
import { QueryTypes } from 'sequelize';
import { config } from '../../src/config.js';
import { sequelize } from '../../src/db.js';
import { seal } from '../../src/domain/crypto/secret-box.js';

export const select = <T extends object>(sql: string, replacements: Record<string, unknown> = {}) =>
  sequelize.query<T>(sql, { type: QueryTypes.SELECT, replacements });
export const one = async <T extends object>(sql: string, replacements: Record<string, unknown> = {}) =>
  (await select<T>(sql, replacements))[0]!;

export const SMTP_USER = 'mailbox-user';
export const SMTP_PASSWORD = 'mailbox-secret';

export const tag = () => randomUUID().slice(0, 8);

export async function acme(): Promise<string> {
  return (await one<{ id: string }>(`SELECT id FROM workspaces WHERE slug = 'acme'`)).id;
}

/** A user of acme who owns a mailbox (the sender of merge fields). */
export async function makeSender(ws: string, firstName = 'Sam'): Promise<string> {
  return (await one<{ id: string }>(
    `INSERT INTO users (workspace_id, email, password_hash, first_name, last_name, title, timezone)
     VALUES (:ws, :email, 'x', :firstName, 'Seller', 'Account Executive', 'UTC') RETURNING id`,
    { ws, email: `sender.${tag()}@acme.test`, firstName },
  )).id;
}

export interface MailboxOptions {
  limit?: number;
  active?: boolean;
  port?: number;
  password?: string;
}

/** An smtp mailbox sending through the test server (SMTP_PORT) with PLAIN auth. */
export async function makeMailbox(ws: string, userId: string, options: MailboxOptions = {}): Promise<{ id: string; email: string }> {
  const email = `rep.${tag()}@acme.test`;
  const settings = {
    host: '127.0.0.1', port: options.port ?? config.smtp.port, secure: false,
    username: SMTP_USER, password: seal(options.password ?? SMTP_PASSWORD),
  };
  const { id } = await one<{ id: string }>(
    `INSERT INTO email_accounts (workspace_id, user_id, provider, email, display_name, is_active, daily_send_limit, settings)
     VALUES (:ws, :userId, 'smtp', :email, 'Sam Seller', :active, :limit, :settings::jsonb) RETURNING id`,
    { ws, userId, email, active: options.active ?? true, limit: options.limit ?? 1000, settings: JSON.stringify(settings) },
  );
  return { id, email };
}

export async function makeContact(ws: string, fields: { firstName?: string | null; timezone?: string; address?: string } = {}) {
  const address = fields.address ?? `contact.${tag()}@example.com`;
  const accountId = (await one<{ id: string }>(
    `INSERT INTO accounts (workspace_id, name, industry) VALUES (:ws, :name, 'Software') RETURNING id`, { ws, name: `Account ${tag()}` },
  )).id;
  const { id } = await one<{ id: string }>(
    `INSERT INTO contacts (workspace_id, account_id, first_name, last_name, email, timezone)
     VALUES (:ws, :accountId, :firstName, 'Doe', :address, :timezone) RETURNING id`,
    { ws, accountId, firstName: fields.firstName === undefined ? 'Dana' : fields.firstName, address, timezone: fields.timezone ?? null },
  );
  return { id, address, accountId };
}

export interface EmailOptions {
  subject?: string;
  html?: string;
  campaignId?: string | null;
  status?: string;
  scheduledAt?: string;
}

/** A one-off email due now from the mailbox to the contact. */
export async function makeEmail(ws: string, mailboxId: string | null, contact: { id: string; address: string }, options: EmailOptions = {}) {
  const { id } = await one<{ id: string }>(
    `INSERT INTO emails (workspace_id, contact_id, email_account_id, campaign_id, to_email, subject, body_html, status, scheduled_at)
     VALUES (:ws, :contactId, :mailboxId, :campaignId, :address, :subject, :html, :status, COALESCE(:scheduledAt::timestamptz, now()))
     RETURNING id`,
    {
      ws, mailboxId, contactId: contact.id, address: contact.address, campaignId: options.campaignId ?? null,
      subject: options.subject ?? 'Hello {{contact.first_name}}',
      html: options.html ?? '<p>Hi {{contact.first_name}}, see <a href="https://example.com/pricing?a=1&amp;b=2">pricing</a>.</p><p>{{sender.first_name}}</p>',
      status: options.status ?? 'scheduled', scheduledAt: options.scheduledAt ?? null,
    },
  );
  return id;
}

export async function makeSequence(ws: string, steps: { subject: string | null; body: string; delayDays: number }[], status = 'active') {
  const { id } = await one<{ id: string }>(
    `INSERT INTO sequences (workspace_id, name, status) VALUES (:ws, :name, 'paused') RETURNING id`, { ws, name: `Sequence ${tag()}` },
  );
  for (const [i, step] of steps.entries()) {
    await sequelize.query(
      `INSERT INTO sequence_steps (workspace_id, sequence_id, step_number, subject, body, delay_days) VALUES (:ws, :id, :n, :subject, :body, :delay)`,
      { replacements: { ws, id, n: i + 1, subject: step.subject, body: step.body, delay: step.delayDays } },
    );
  }
  await sequelize.query(`UPDATE sequences SET status = :status WHERE id = :id`, { replacements: { id, status } });
  return id;
}

export async function enroll(ws: string, sequenceId: string, contactId: string, mailboxId: string, userId: string) {
  return (await one<{ id: string }>(
    `INSERT INTO sequence_enrollments (workspace_id, sequence_id, contact_id, email_account_id, user_id, next_email_scheduled_at)
     VALUES (:ws, :sequenceId, :contactId, :mailboxId, :userId, now()) RETURNING id`,
    { ws, sequenceId, contactId, mailboxId, userId },
  )).id;
}

export const emailRow = (id: string) => one<{
  status: string; message_id: string | null; provider_message_id: string | null; sent_at: Date | null; retry_count: number;
  next_retry_at: Date | null; scheduled_at: Date; error_code: string | null; error_message: string | null; bounce_type: string | null;
  bounce_reason: string | null; subject: string | null; send_metadata: Record<string, unknown>;
}>(`SELECT * FROM emails WHERE id = :id`, { id });

export const eventTypes = async (emailId: string) =>
  (await select<{ event_type: string }>(`SELECT event_type FROM email_events WHERE email_id = :emailId ORDER BY created_at`, { emailId }))
    .map((e) => e.event_type);
