/**
 * `event-relay` (every second, schedules.ts): moves domain events from the outbox to the
 * `domain-event` queue. Each batch is claimed (FOR UPDATE SKIP LOCKED, id order), added to Redis
 * in one round trip under deterministic job ids, and only then marked relayed, in the claiming
 * transaction, which commits after Redis accepted the jobs. So:
 * - Redis down: the add fails, the transaction rolls back, nothing is marked, and a later run
 *   delivers the events (they wait in PostgreSQL, where the change committed them);
 * - Redis took the jobs but the commit failed: the next run adds them again, and the job ids
 *   make that a no-op (completed jobs are kept a day; see domain-event.job.ts).
 * Delivery is therefore at-least-once, and the consumer skips events already handled.
 *
 * Each run also re-adds events relayed long ago but never handled (their job was lost from
 * Redis): a no-op for every job Redis still has.
 */
import { z } from 'zod';
import { withTransaction } from '../db.js';
import { claimUnrelayedEvents, markEventsRelayed, staleUnhandledEvents } from '../domain/events/outbox.js';
import type { DomainEvent } from '../domain/events/types.js';
import { enqueueBulk } from './queues.js';
import type { JobDefinition } from './registry.js';

const BATCH = 1000;
// One run relays at most this many, so a huge backlog does not hold the job for minutes.
const MAX_PER_RUN = 50_000;
// A hung Redis must not hold the batch's row locks (and a pooled connection) indefinitely.
const ADD_TIMEOUT_MS = 10_000;
// Relayed this long ago and not handled: the job may be lost (no run waits in Redis that long
// unless the queue is backlogged, and then the re-add is a no-op).
const REDELIVER_AFTER_SECONDS = 600;

/** Adds the events' jobs to Redis; resolves only when Redis accepted all of them. */
export type AddEvents = (events: DomainEvent[]) => Promise<unknown>;

const addToQueue: AddEvents = (events) => enqueueBulk('domain-event', events);

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`event-relay: Redis did not accept the jobs within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export interface RelayOptions {
  /** Where events go (default: the `domain-event` queue); tests pass a broken one. */
  add?: AddEvents;
  batchSize?: number;
  maxPerRun?: number;
  addTimeoutMs?: number;
}

/** Relays unrelayed events batch by batch; throws (having marked nothing of that batch) when an add fails. */
export async function relayDomainEvents(options: RelayOptions = {}): Promise<{ relayed: number; redelivered: number }> {
  const add = options.add ?? addToQueue;
  const batchSize = options.batchSize ?? BATCH;
  const maxPerRun = options.maxPerRun ?? MAX_PER_RUN;
  const timeoutMs = options.addTimeoutMs ?? ADD_TIMEOUT_MS;
  let relayed = 0;
  for (;;) {
    const count = await withTransaction(async (t) => {
      const events = await claimUnrelayedEvents(t, batchSize);
      if (events.length === 0) return 0;
      await withTimeout(Promise.resolve(add(events)), timeoutMs);
      await markEventsRelayed(t, events.map((e) => e.id));
      return events.length;
    });
    relayed += count;
    if (count < batchSize || relayed >= maxPerRun) break;
  }
  const stale = await staleUnhandledEvents(REDELIVER_AFTER_SECONDS, batchSize);
  if (stale.length) await withTimeout(Promise.resolve(add(stale)), timeoutMs);
  return { relayed, redelivered: stale.length };
}

const payloadSchema = z.strictObject({});

export const eventRelayJob = {
  name: 'event-relay',
  payloadSchema,
  // The schedule runs it again within a second: retries would only pile up behind it.
  jobOptions: { attempts: 1, removeOnComplete: true, removeOnFail: { count: 100 } },
  // One relay at a time per process keeps id order within the process (SKIP LOCKED keeps
  // several processes apart); the consumer restores per-record order either way.
  concurrency: () => 1,
  async process() {
    return relayDomainEvents();
  },
} satisfies JobDefinition<'event-relay', typeof payloadSchema>;
