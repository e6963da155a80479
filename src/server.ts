/**
 * The HTTP side: builds the Express app (health check, the email tracking endpoints under /t,
 * the inbound e-mail webhook under /hooks, the admin panel at /admin) and, when run directly,
 * listens and stops cleanly on SIGTERM/SIGINT.
 */
import type { Server } from 'node:http';
import { pathToFileURL } from 'node:url';
import express, { type ErrorRequestHandler, type Express } from 'express';
import { config } from './config.js';
import { sequelize } from './db.js';
import { checkHealth } from './health.js';
import { createProbeRedis } from './redis.js';
import { buildAdmin, ROOT_PATH } from './admin/index.js';
import { captureRequestMeta } from './admin/request-context.js';
import { trackingRouter } from './tracking/routes.js';
import { inboundEmailRouter } from './hooks/inbound-email.js';
import { leadFormRouter } from './http/lead-form.js';

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

  app.use(trackingRouter());
  app.use(inboundEmailRouter());
  // Public website forms (POST /forms/lead), rate limited per IP through the same Redis client.
  app.use(leadFormRouter({ redis }));

  const { router: adminRouter } = buildAdmin();
  app.use(ROOT_PATH, captureRequestMeta, adminRouter);

  app.use((_req, res) => {
    res.status(404).json({ error: 'not found' });
  });
  // Errors answer with a message, never a stack trace. AdminJS's own errors carry their status
  // (404 for a record out of reach, 400 for validation): a client mistake is not a 500.
  const onError: ErrorRequestHandler = (err, _req, res, _next) => {
    const status = Number(err?.statusCode);
    if (status >= 400 && status < 500) {
      res.status(status).json({ error: String(err.message).trim().split('\n')[0] });
      return;
    }
    console.error(err);
    res.status(500).json({ error: 'internal error' });
  };
  app.use(onError);

  // A probe that never connected (lazyConnect, no /healthz yet) must be disconnected: quit()
  // would open the connection only to fail on the disabled offline queue, and leave it open.
  const close = async () => {
    if (redis.status === 'wait') redis.disconnect();
    else await redis.quit().catch(() => undefined);
  };
  return { app, close };
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
