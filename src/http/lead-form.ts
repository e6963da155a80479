/**
 * `POST /forms/lead`: the public endpoint a website form posts to (JSON or urlencoded). The
 * body is validated (400 naming each bad field, nothing written) and recorded by
 * submitLeadForm (src/domain/leads/lead-form.ts): 201 with the new lead's id, 200 when a lead
 * with that address already existed and was reused.
 *
 * Rate limit: a fixed one-minute window per client IP in Redis (INCR, and EXPIRE on the first
 * hit), LEAD_FORM_RATE_LIMIT submissions, then 429 with Retry-After. Two Redis commands and no
 * library: express-rate-limit would need a second package for its Redis store, and a fixed
 * window is all a form needs (a burst at a window edge is at most twice the limit). The key
 * counts every attempt, valid or not, so a bot cannot probe fields for free. When Redis is
 * unreachable the form stays open (a lost lead costs more than an unthrottled minute) and the
 * failure is logged.
 */
import express, { type ErrorRequestHandler, type Request, type Router } from 'express';
import type { Redis } from 'ioredis';
import { config } from '../config.js';
import { LeadFormError, submitLeadForm } from '../domain/leads/lead-form.js';

export interface LeadFormRouterOptions {
  redis: Redis;
  /** Submissions per IP per window (default LEAD_FORM_RATE_LIMIT). */
  limit?: number;
  windowSeconds?: number;
  /** Key prefix in Redis (default QUEUE_PREFIX, so test runs do not share counters). */
  keyPrefix?: string;
}

/** Connects a lazy client once (concurrent callers share the attempt). */
function connected(redis: Redis): Promise<void> {
  if (redis.status === 'ready') return Promise.resolve();
  if (redis.status === 'wait' || redis.status === 'end') return redis.connect().catch(() => waitReady(redis));
  return waitReady(redis);
}

function waitReady(redis: Redis, timeoutMs = 2000): Promise<void> {
  if (redis.status === 'ready') return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      redis.off('ready', onReady);
      reject(new Error(`redis not ready within ${timeoutMs} ms`));
    }, timeoutMs);
    const onReady = () => {
      clearTimeout(timer);
      resolve();
    };
    redis.once('ready', onReady);
  });
}

/** Counts one hit; returns the seconds to wait when over the limit, else null. */
async function overLimit(redis: Redis, key: string, limit: number, windowSeconds: number): Promise<number | null> {
  await connected(redis);
  const [[, count], [, ttl]] = (await redis.multi().incr(key).ttl(key).exec()) as [[null, number], [null, number]];
  if (ttl < 0) await redis.expire(key, windowSeconds); // first hit of the window (or a lost EXPIRE)
  return count > limit ? Math.max(ttl, 1) : null;
}

export function leadFormRouter(options: LeadFormRouterOptions): Router {
  const limit = options.limit ?? config.leadFormRateLimit;
  const windowSeconds = options.windowSeconds ?? 60;
  const prefix = `${options.keyPrefix ?? config.queuePrefix}:rate:lead-form`;
  const router = express.Router();

  router.post(
    '/forms/lead',
    async (req, res, next) => {
      const ip = req.ip ?? 'unknown';
      try {
        const wait = await overLimit(options.redis, `${prefix}:${ip}`, limit, windowSeconds);
        if (wait !== null) {
          res.set('Retry-After', String(wait)).status(429).json({ error: `too many submissions; retry in ${wait} s` });
          return;
        }
      } catch (err) {
        console.warn(`lead form: rate limit unavailable, accepting the submission (${(err as Error).message})`);
      }
      next();
    },
    express.json({ limit: '32kb' }),
    express.urlencoded({ extended: false, limit: '32kb' }),
    async (req: Request, res, next) => {
      try {
        const result = await submitLeadForm(req.body, { ip: req.ip, userAgent: req.get('user-agent') });
        res.status(result.created ? 201 : 200).json({
          lead_id: result.leadId,
          created: result.created,
          ...(result.demoRequestId ? { demo_request_id: result.demoRequestId } : {}),
          ...(result.salesContactRequestId ? { sales_contact_request_id: result.salesContactRequestId } : {}),
        });
      } catch (err) {
        if (err instanceof LeadFormError) {
          res.status(400).json({ error: 'invalid form', fields: err.fields });
          return;
        }
        next(err);
      }
    },
  );

  // A body the parsers refuse (malformed JSON, too large) is the client's mistake, said plainly.
  const onBodyError: ErrorRequestHandler = (err, _req, res, next) => {
    const status = Number(err?.status ?? err?.statusCode);
    if (err?.type && status >= 400 && status < 500) {
      res.status(status).json({ error: status === 413 ? 'body too large' : 'the body is not valid JSON or form data' });
      return;
    }
    next(err);
  };
  router.use('/forms/lead', onBodyError);
  return router;
}
