/**
 * The nodemailer transport a message leaves through: its mailbox (`email_accounts`) — SMTP with
 * the sealed password of `settings`, or OAuth2 (XOAUTH2) for gmail / outlook with the sealed
 * tokens, refreshed by nodemailer when expired and stored back sealed — or, for mail without a
 * mailbox (campaigns from an address no mailbox owns, system mail), the configured relay SMTP_*.
 *
 * Transports are pooled (a few open SMTP connections per mailbox, reused across messages): an
 * SMTP handshake costs more than a message, and throughput is concurrency / round trip. They
 * are cached per mailbox and rebuilt when its connection settings change.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import { QueryTypes } from 'sequelize';
import { z } from 'zod';
import { config } from '../../config.js';
import { sequelize } from '../../db.js';
import { open, seal } from '../crypto/secret-box.js';

/** Connections per mailbox: providers throttle more than a handful of parallel sessions. */
export const POOL_CONNECTIONS = 5;
// How long a cached transport is trusted before its mailbox row is read again.
const RECHECK_MS = 30_000;

const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

export class MailboxConfigError extends Error {
  constructor(mailbox: string, problem: string) {
    super(`mailbox ${mailbox}: ${problem}`);
    this.name = 'MailboxConfigError';
  }
}

/** `settings` of an smtp mailbox; oauth mailboxes may override host/port/token URL (self-hosted, tests). */
const smtpSettings = z.object({
  host: z.string().min(1),
  port: z.coerce.number().int().min(1).max(65535).default(587),
  secure: z.boolean().default(false),
  username: z.string().optional(),
  password: z.string().optional(),  // sealed (secret-box)
});
const oauthSettings = z.object({
  host: z.string().min(1).optional(),
  port: z.coerce.number().int().min(1).max(65535).optional(),
  secure: z.boolean().optional(),
  token_url: z.string().url().optional(),
});

const OAUTH = {
  gmail: { service: 'gmail', accessUrl: 'https://oauth2.googleapis.com/token' },
  outlook: { service: 'Outlook365', accessUrl: 'https://login.microsoftonline.com/common/oauth2/v2.0/token' },
} as const;

interface MailboxRow {
  id: string;
  email: string;
  provider: 'smtp' | 'gmail' | 'outlook';
  access_token: string | null;
  refresh_token: string | null;
  token_expires_at: Date | null;
  settings: Record<string, unknown>;
  version: string;
}

interface Cached {
  transporter: Transporter;
  version: string;
  checkedAt: number;
}

const cache = new Map<string, Cached>();
let relay: Transporter | undefined;

function openSecret(mailbox: string, field: string, sealed: string | null | undefined): string | undefined {
  if (!sealed) return undefined;
  try {
    return open(sealed);
  } catch {
    throw new MailboxConfigError(mailbox, `${field} cannot be decrypted with ENCRYPTION_KEY`);
  }
}

function build(row: MailboxRow): Transporter {
  if (row.provider === 'smtp') {
    const parsed = smtpSettings.safeParse(row.settings);
    if (!parsed.success) throw new MailboxConfigError(row.email, `settings: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
    const s = parsed.data;
    const pass = openSecret(row.email, 'settings.password', s.password);
    return nodemailer.createTransport({
      pool: true, maxConnections: POOL_CONNECTIONS, maxMessages: Infinity,
      host: s.host, port: s.port, secure: s.secure,
      ...(s.username ? { auth: { user: s.username, pass } } : {}),
      ...TIMEOUTS,
    });
  }
  const parsed = oauthSettings.safeParse(row.settings);
  if (!parsed.success) throw new MailboxConfigError(row.email, `settings: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
  const s = parsed.data;
  const app = config.oauth[row.provider];
  const refreshToken = openSecret(row.email, 'refresh_token', row.refresh_token);
  const accessToken = openSecret(row.email, 'access_token', row.access_token);
  if (!accessToken && !refreshToken) throw new MailboxConfigError(row.email, 'not connected (no OAuth2 token)');
  const transporter = nodemailer.createTransport({
    pool: true, maxConnections: POOL_CONNECTIONS, maxMessages: Infinity,
    ...(s.host ? { host: s.host, port: s.port ?? 587, secure: s.secure ?? false } : { service: OAUTH[row.provider].service }),
    auth: {
      type: 'OAuth2',
      user: row.email,
      clientId: app.clientId,
      clientSecret: app.clientSecret,
      refreshToken,
      accessToken,
      expires: row.token_expires_at ? new Date(row.token_expires_at).getTime() : undefined,
      accessUrl: s.token_url ?? OAUTH[row.provider].accessUrl,
    },
    ...TIMEOUTS,
  });
  // nodemailer refreshed an expired token: keep it (sealed) so other workers and restarts use it.
  transporter.on('token', (token: { accessToken: string; expires: number }) => {
    sequelize.query(
      `UPDATE email_accounts SET access_token = :accessToken, token_expires_at = to_timestamp(:expires / 1000.0) WHERE id = :id`,
      { replacements: { id: row.id, accessToken: seal(token.accessToken), expires: token.expires } },
    ).catch((err: Error) => console.error(`mailbox ${row.email}: storing the refreshed token failed: ${err.message}`));
  });
  return transporter;
}

async function loadMailbox(id: string): Promise<MailboxRow | null> {
  // The version leaves out access_token/token_expires_at: a refresh must not rebuild the pool.
  const [row] = await sequelize.query<MailboxRow>(
    `SELECT id, email, provider, access_token, refresh_token, token_expires_at, settings,
            md5(concat_ws('|', provider, email, settings::text, refresh_token)) AS version
       FROM email_accounts WHERE id = :id`,
    { type: QueryTypes.SELECT, replacements: { id } },
  );
  return row ?? null;
}

/** The transport of a mailbox (null: the configured relay). Throws MailboxConfigError when it cannot be built. */
export async function transportFor(emailAccountId: string | null): Promise<Transporter> {
  if (!emailAccountId) {
    relay ??= nodemailer.createTransport({
      pool: true, maxConnections: POOL_CONNECTIONS, maxMessages: Infinity,
      host: config.smtp.host, port: config.smtp.port, secure: config.smtp.secure,
      ...(config.smtp.user ? { auth: { user: config.smtp.user, pass: config.smtp.password } } : {}),
      ...TIMEOUTS,
    });
    return relay;
  }
  const cached = cache.get(emailAccountId);
  if (cached && Date.now() - cached.checkedAt < RECHECK_MS) return cached.transporter;
  const row = await loadMailbox(emailAccountId);
  if (!row) throw new MailboxConfigError(emailAccountId, 'no such mailbox');
  if (cached && cached.version === row.version) {
    cached.checkedAt = Date.now();
    return cached.transporter;
  }
  const transporter = build(row);
  // The old pool finishes what it is sending, then closes.
  if (cached) setTimeout(() => cached.transporter.close(), RECHECK_MS).unref();
  cache.set(emailAccountId, { transporter, version: row.version, checkedAt: Date.now() });
  return transporter;
}

/** Closes every pooled connection (worker shutdown, tests). */
export function closeMailboxTransports(): void {
  for (const { transporter } of cache.values()) transporter.close();
  cache.clear();
  relay?.close();
  relay = undefined;
}
