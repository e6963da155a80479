/**
 * Who made the current panel request and from where, for code far from Express (the data
 * layer writes audit rows with it). Set by one middleware in front of the panel's routes.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { RequestHandler } from 'express';
import { normalizeIp } from '../domain/auth/security-log.js';

export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
  method: string;
  path: string;
}

const storage = new AsyncLocalStorage<RequestMeta>();

export const captureRequestMeta: RequestHandler = (req, _res, next) => {
  storage.run(
    {
      ip: normalizeIp(req.ip),
      userAgent: req.get('user-agent')?.slice(0, 1000) ?? null,
      method: req.method.toUpperCase(),
      path: req.originalUrl.split('?')[0].slice(0, 2000),
    },
    next,
  );
};

export const currentRequestMeta = (): RequestMeta | undefined => storage.getStore();
