/**
 * `external-postings-expiry` (hourly, payload {}): expired Hot Drops leave the board
 * (src/domain/recruiting/external-postings.ts).
 */
import { z } from 'zod';
import { removeExpiredExternalPostings } from '../domain/recruiting/external-postings.js';
import type { JobDefinition } from './registry.js';

const payloadSchema = z.strictObject({});

export const externalPostingsExpiryJob = {
  name: 'external-postings-expiry',
  payloadSchema,
  process: async () => ({ removed: await removeExpiredExternalPostings() }),
} satisfies JobDefinition<'external-postings-expiry', typeof payloadSchema>;
