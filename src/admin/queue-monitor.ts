/**
 * The queue monitor at /admin/queues: bull-board over the queue of every job module in the
 * registry, so a job added there shows up here with no change to this file. Mounted inside the
 * panel's router after its session middleware, so it shares the panel's login: no session goes
 * to the login page, a user who is not an admin gets 403 (and a `security_logs` row, like any
 * refusal), admins and root admins get the board.
 *
 * bull-board's own writes (retry, clean, pause, add …) are PUT/PATCH/POST: the session cookie is
 * SameSite=Lax, so another site cannot make an admin's browser send them with the session.
 */
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Express, RequestHandler } from 'express';
import { logSecurityEvent } from '../domain/auth/security-log.js';
import { queueFor } from '../jobs/queues.js';
import { JOBS } from '../jobs/registry.js';
import { isActor, isAdmin } from './access.js';
import { requestMeta } from './auth/panel-auth.js';

export interface QueueMonitorPaths {
  /** Where the monitor is mounted, as the browser sees it (bull-board's links and API calls). */
  basePath: string;
  loginPath: string;
  panelPath: string;
  logoutPath: string;
}

function buildBoard(paths: QueueMonitorPaths): Express {
  const serverAdapter = new ExpressAdapter().setBasePath(paths.basePath);
  createBullBoard({
    // The producers' own Queue objects (queueFor): same prefix and connection as enqueue uses.
    queues: JOBS.map((job) => new BullMQAdapter(queueFor(job.name))),
    serverAdapter,
    options: {
      uiConfig: {
        boardTitle: 'CRM queues',
        miscLinks: [
          { text: 'Back to the panel', url: paths.panelPath },
          { text: 'Log out', url: paths.logoutPath },
        ],
      },
    },
  });
  const board: Express = serverAdapter.getRouter();
  board.disable('x-powered-by'); // a sub-app of its own: the main app's setting does not reach it
  return board;
}

export function queueMonitor(paths: QueueMonitorPaths): RequestHandler {
  // Built on the first admin request, not at start: only a process that serves the monitor
  // opens the queues' Redis connections (panel tests and plain panel use open none).
  let board: Express | undefined;

  return (req, res, next) => {
    const actor = req.session?.adminUser;
    if (!isActor(actor)) {
      res.redirect(302, paths.loginPath);
      return;
    }
    if (isAdmin(actor)) {
      board ??= buildBoard(paths);
      // A path bull-board does not know ends here, not in AdminJS's router behind us.
      board(req, res, (err?: unknown) => (err ? next(err) : res.status(404).json({ error: 'not found' })));
      return;
    }
    // Logged before answering, so the refusal is on record by the time the caller sees it.
    logSecurityEvent({
      type: 'permission_denied',
      workspaceId: actor.workspaceId,
      userId: actor.id,
      userEmail: actor.email,
      description: 'Refused the queue monitor (admins only)',
      details: { resource: 'queue_monitor', method: req.method, path: req.originalUrl.slice(0, 500) },
      meta: requestMeta(req),
    })
      .catch((err) => console.error('security log failed', err))
      .finally(() => {
        const message = 'The queue monitor is for admins only.';
        if (req.path.startsWith('/api/')) res.status(403).json({ notice: { message, type: 'error' } });
        else res.status(403).type('html').send(`<!doctype html><title>Forbidden</title><p>${message} <a href="${paths.panelPath}">Back to the panel</a></p>`);
      });
  };
}
