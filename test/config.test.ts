import { CONFIG_VARIABLES, ConfigError, loadConfig } from '../src/config.js';

test('local defaults work on this machine', () => {
  const c = loadConfig({});
  expect(c.databaseUrl).toBe('postgres://postgres@127.0.0.1:5432/crm');
  expect(c.redisUrl).toBe('redis://127.0.0.1:6379');
  expect(c.port).toBe(3000);
  expect(c.appUrl).toBe('http://localhost:3000');
  expect(c.encryptionKey).toHaveLength(32);
  expect(Object.isFrozen(c)).toBe(true);
});

test('every bad variable is named in one error', () => {
  let error: unknown;
  try {
    loadConfig({ DATABASE_URL: 'mysql://x/y', PORT: 'eighty', ENCRYPTION_KEY: 'short', SMTP_SECURE: 'maybe' });
  } catch (err) {
    error = err;
  }
  expect(error).toBeInstanceOf(ConfigError);
  const problems = (error as ConfigError).problems.join('\n');
  for (const name of ['DATABASE_URL', 'PORT', 'ENCRYPTION_KEY', 'SMTP_SECURE']) expect(problems).toContain(name);
});

test('production refuses to start without its secrets', () => {
  expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/SESSION_SECRET is required[\s\S]*ENCRYPTION_KEY is required[\s\S]*APP_URL is required/);
  const ok = loadConfig({
    NODE_ENV: 'production',
    SESSION_SECRET: 'x'.repeat(40),
    ENCRYPTION_KEY: 'ab'.repeat(32),
    APP_URL: 'https://crm.example.com/',
    INBOUND_EMAIL_SECRET: 'y'.repeat(40),
  });
  expect(ok.isProduction).toBe(true);
  expect(ok.appUrl).toBe('https://crm.example.com');
  expect(() => loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40), ENCRYPTION_KEY: 'ab'.repeat(32), APP_URL: 'https://a.b', INBOUND_EMAIL_SECRET: 'y'.repeat(40), SMTP_USER: 'u' })).toThrow(/SMTP_PASSWORD/);
});

test('an empty variable counts as unset', () => {
  expect(loadConfig({ PORT: '' }).port).toBe(3000);
});

test('the README documents every variable', async () => {
  const { readFileSync } = await import('node:fs');
  const readme = readFileSync('README.md', 'utf8');
  expect(CONFIG_VARIABLES.filter((v) => !readme.includes(`\`${v}\``))).toEqual([]);
});
