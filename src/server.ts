/**
 * The HTTP side: builds the Express app (health check now; the admin panel and tracking
 * endpoints mount here) and, when run directly, listens and stops cleanly on SIGTERM/SIGINT.
 */
import type { Server } from 'node:http';
import { pathToFileURL } from 'node:url';
import express, { type ErrorRequestHandler, type Express } from 'express';
import { config } from './config.js';
import { sequelize } from './db.js';
import { checkHealth } from './health.js';
import { createProbeRedis } from './redis.js';

export function buildApp(): { app: Express; close: () => Promise<void> } {
  const app = express();
  const redis = createProbeRedis();
  redis.on('error', () => undefined); // reported by /healthz, not as an unhandled event

  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');

  app.get('/healthz', async (_req, res) => {
    const health = await checkHealth(sequelize, redis);
    res.status(health.status === 'ok' ? 200 : 503).json(health);
  });

  app.use((_req, res) => {
    res.status(404).json({ error: 'not found' });
  });
  // Errors answer with a message, never a stack trace.
  const onError: ErrorRequestHandler = (err, _req, res, _next) => {
    console.error(err);
    res.status(500).json({ error: 'internal error' });
  };
  app.use(onError);

  return { app, close: async () => void (await redis.quit().catch(() => undefined)) };
}

export async function main(): Promise<Server> {
  const { app, close } = buildApp();
  const server = app.listen(config.port, () => {
    console.log(`server listening on ${config.appUrl} (port ${config.port})`);
  });
  let stopping = false;
  // Ctrl-C reaches every process of the group and `npm start` forwards it too: stop once.
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`server: ${signal}, closing`);
    server.close(async () => {
      await close();
      await sequelize.close();
      process.exit(0);
    });
    setTimeout(() => process.exit(1), 10_000).unref(); // connections that will not close
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  return server;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
