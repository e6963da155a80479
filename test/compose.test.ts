/**
 * No Docker engine runs here, so docker-compose.yml and the Dockerfile are checked as text: the
 * services, their health checks and start order, and that the environment they pass is exactly
 * what src/config.ts reads and sufficient for production mode.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { CONFIG_VARIABLES, loadConfig } from '../src/config.js';

type Service = {
  image?: string;
  build?: string;
  command?: string[];
  environment?: Record<string, string>;
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
};
const compose = parse(readFileSync('docker-compose.yml', 'utf8'), { merge: true }) as { services: Record<string, Service> };
const services = compose.services;
const appServices = ['migrate', 'server', 'worker'] as const;

test('runs PostgreSQL, Redis, Mailpit, the server and the worker', () => {
  expect(Object.keys(services).sort()).toEqual(['mailpit', 'migrate', 'postgres', 'redis', 'server', 'worker']);
  expect(services.postgres!.image).toMatch(/^postgres:15/);
  expect(services.redis!.image).toMatch(/^redis:7/);
  expect(services.mailpit!.image).toMatch(/mailpit/);
});

test('every long-running service has a health check, and the app waits for healthy dependencies', () => {
  const unchecked = ['postgres', 'redis', 'mailpit', 'server', 'worker'].filter((n) => !services[n]!.healthcheck?.test?.length);
  expect(unchecked).toEqual([]);
  expect(services.server!.healthcheck!.test.join(' ')).toContain('/healthz');
  expect(services.migrate!.depends_on?.postgres?.condition).toBe('service_healthy');
  for (const name of ['server', 'worker']) {
    expect(services[name]!.depends_on?.migrate?.condition).toBe('service_completed_successfully');
    expect(services[name]!.depends_on?.redis?.condition).toBe('service_healthy');
  }
});

test.each(appServices)('%s passes only variables that config.ts reads, and they validate', (name) => {
  const env = services[name]!.environment!;
  expect(Object.keys(env).filter((k) => !(CONFIG_VARIABLES as string[]).includes(k))).toEqual([]);
  // ${VAR:-default} interpolation: take the default, as compose would with the variable unset.
  const resolved = Object.fromEntries(Object.entries(env).map(([k, v]) => [k, String(v).replace(/\$\{\w+:-([^}]*)\}/g, '$1')]));
  expect(() => loadConfig(resolved)).not.toThrow();
});

test('server and worker run in production mode with every production secret set', () => {
  for (const name of ['server', 'worker']) {
    const env = services[name]!.environment!;
    expect(env.NODE_ENV).toBe('production');
    for (const key of ['SESSION_SECRET', 'ENCRYPTION_KEY', 'APP_URL', 'DATABASE_URL', 'REDIS_URL']) expect(env[key]).toBeTruthy();
  }
  expect(services.server!.environment!.DATABASE_URL).toContain('@postgres:5432/');
  expect(services.worker!.environment!.SMTP_HOST).toBe('mailpit');
});

test('the Dockerfile is multi-stage, installs with npm ci and runs as a non-root user', () => {
  const dockerfile = readFileSync('Dockerfile', 'utf8');
  expect(dockerfile.match(/^FROM /gm)!.length).toBeGreaterThanOrEqual(2);
  expect(dockerfile).toMatch(/RUN npm ci\b/);
  expect(dockerfile).toMatch(/RUN npm ci --omit=dev/);
  expect(dockerfile).toMatch(/^USER (?!root)\w+/m);
  for (const name of appServices) {
    const entry = services[name]!.command!.find((part) => part.startsWith('dist/'))!;
    expect(entry).toMatch(/^dist\/src\/.*\.js$/);
  }
});
