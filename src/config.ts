/**
 * The one reader of process.env. Every variable is parsed and validated once, at import;
 * a bad configuration stops the process with one message naming every bad variable.
 * Defaults suit this machine's local services; production refuses to start without secrets.
 */
import { existsSync } from 'node:fs';
import { z } from 'zod';

const LOCAL_SESSION_SECRET = 'local-development-session-secret-not-for-production';
// 32 bytes, hex: a development key so that local encryption works without setup.
const LOCAL_ENCRYPTION_KEY = '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff';

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const postgresUrl = z
  .string()
  .url({ message: 'must be a URL such as postgres://user@host:5432/db' })
  .refine((v) => /^postgres(ql)?:\/\//.test(v), 'must start with postgres:// or postgresql://')
  .refine((v) => new URL(v).pathname.length > 1, 'must name a database (postgres://host/dbname)');

const redisUrl = z
  .string()
  .url({ message: 'must be a URL such as redis://127.0.0.1:6379' })
  .refine((v) => /^rediss?:\/\//.test(v), 'must start with redis:// or rediss://');

const variables = z.object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    DATABASE_URL: postgresUrl.default('postgres://postgres@127.0.0.1:5432/crm'),
    REDIS_URL: redisUrl.default('redis://127.0.0.1:6379'),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    APP_URL: z.string().url({ message: 'must be the public base URL, e.g. https://crm.example.com' }).optional(),
    SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    ENCRYPTION_KEY: z
      .string()
      .regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex characters (32 bytes), e.g. from `openssl rand -hex 32`')
      .optional(),
    SMTP_HOST: z.string().min(1).default('127.0.0.1'),
    SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(1025),
    SMTP_SECURE: booleanFlag.default(false),
    SMTP_USER: z.string().optional(),
    SMTP_PASSWORD: z.string().optional(),
    SMTP_FROM: z.string().email({ message: 'must be an email address' }).default('crm@localhost.test'),
    // Signs POST /hooks/inbound-email (replies and bounce reports relayed by the mail provider).
    INBOUND_EMAIL_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    // OAuth2 apps that gmail / outlook mailboxes were connected through: the worker refreshes
    // their access tokens with these.
    GOOGLE_OAUTH_CLIENT_ID: z.string().optional(),
    GOOGLE_OAUTH_CLIENT_SECRET: z.string().optional(),
    MICROSOFT_OAUTH_CLIENT_ID: z.string().optional(),
    MICROSOFT_OAUTH_CLIENT_SECRET: z.string().optional(),
    // First wait after a temporary SMTP failure; doubled for each further retry.
    EMAIL_RETRY_DELAY_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
    DEMO_PASSWORD: z.string().min(8, 'must be at least 8 characters').default('demo-password'),
    QUEUE_PREFIX: z.string().regex(/^[a-z0-9:_-]+$/i, 'letters, digits, : _ - only').default('crm'),
    WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(500).default(10),
    // email-send jobs mostly wait for SMTP answers: more of them run at once per process.
    EMAIL_SEND_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(50),
    LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
    // Read by AdminJS itself too: where it writes the bundle of our React components.
    ADMIN_JS_TMP_DIR: z.string().min(1).default('.adminjs'),
    // POST /forms/lead submissions accepted per client IP per minute (then 429).
    LEAD_FORM_RATE_LIMIT: z.coerce.number().int().min(1).max(100_000).default(20),
});

const schema = variables.superRefine((env, ctx) => {
    if (env.NODE_ENV !== 'production') return;
    for (const key of ['SESSION_SECRET', 'ENCRYPTION_KEY', 'APP_URL', 'INBOUND_EMAIL_SECRET'] as const) {
      if (!env[key]) ctx.addIssue({ code: 'custom', path: [key], message: 'is required when NODE_ENV=production' });
    }
    if (env.SMTP_USER && !env.SMTP_PASSWORD) {
      ctx.addIssue({ code: 'custom', path: ['SMTP_PASSWORD'], message: 'is required when SMTP_USER is set' });
    }
  });

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export interface Config {
  env: 'development' | 'test' | 'production';
  isProduction: boolean;
  databaseUrl: string;
  redisUrl: string;
  port: number;
  appUrl: string;
  sessionSecret: string;
  encryptionKey: Buffer;
  smtp: { host: string; port: number; secure: boolean; user?: string; password?: string; from: string };
  /** null outside production when unset: the inbound e-mail webhook then answers 503. */
  inboundEmailSecret: string | null;
  oauth: Record<'gmail' | 'outlook', { clientId?: string; clientSecret?: string }>;
  emailRetryDelaySeconds: number;
  demoPassword: string;
  queuePrefix: string;
  workerConcurrency: number;
  emailSendConcurrency: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  adminBundleDir: string;
  leadFormRateLimit: number;
}

/** The variables this module reads: README's table and docker-compose.yml are checked against it. */
export const CONFIG_VARIABLES = Object.keys(variables.shape) as (keyof z.infer<typeof variables>)[];

/** Parses an environment (process.env by default); throws ConfigError naming every bad variable. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Readonly<Config> {
  // An empty string means "unset", as in a compose file that passes `FOO=`.
  const env = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || '(env)'} ${i.message}`));
  }
  const e = parsed.data;
  return Object.freeze({
    env: e.NODE_ENV,
    isProduction: e.NODE_ENV === 'production',
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    port: e.PORT,
    appUrl: (e.APP_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    sessionSecret: e.SESSION_SECRET ?? LOCAL_SESSION_SECRET,
    encryptionKey: Buffer.from(e.ENCRYPTION_KEY ?? LOCAL_ENCRYPTION_KEY, 'hex'),
    smtp: Object.freeze({
      host: e.SMTP_HOST,
      port: e.SMTP_PORT,
      secure: e.SMTP_SECURE,
      user: e.SMTP_USER,
      password: e.SMTP_PASSWORD,
      from: e.SMTP_FROM,
    }),
    inboundEmailSecret: e.INBOUND_EMAIL_SECRET ?? null,
    oauth: Object.freeze({
      gmail: { clientId: e.GOOGLE_OAUTH_CLIENT_ID, clientSecret: e.GOOGLE_OAUTH_CLIENT_SECRET },
      outlook: { clientId: e.MICROSOFT_OAUTH_CLIENT_ID, clientSecret: e.MICROSOFT_OAUTH_CLIENT_SECRET },
    }),
    emailRetryDelaySeconds: e.EMAIL_RETRY_DELAY_SECONDS,
    demoPassword: e.DEMO_PASSWORD,
    queuePrefix: e.QUEUE_PREFIX,
    workerConcurrency: e.WORKER_CONCURRENCY,
    emailSendConcurrency: e.EMAIL_SEND_CONCURRENCY,
    logLevel: e.LOG_LEVEL,
    adminBundleDir: e.ADMIN_JS_TMP_DIR,
    leadFormRateLimit: e.LEAD_FORM_RATE_LIMIT,
  });
}

function loadOrExit(): Readonly<Config> {
  // A local .env fills variables that the environment does not set (never during tests).
  if (process.env.NODE_ENV !== 'test' && existsSync('.env')) process.loadEnvFile('.env');
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(78); // EX_CONFIG
    }
    throw err;
  }
}

export const config = loadOrExit();
