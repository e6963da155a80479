/**
 * `domain-event`: one job per outbox event (added by `event-relay`, job id `domain-event-<id>`),
 * whose processor runs the handlers of src/domain/events/handlers.ts and then marks the event
 * handled (`domain_events.handled_at`).
 *
 * Ordering guarantee: the events of one record (table + id) are handled one after another, in
 * outbox id order (which, per record, is commit order: a row's writers hold its row lock when the
 * trigger takes the next id). BullMQ runs jobs concurrently, so a job whose record still has an
 * earlier unhandled event does not run its handlers: it moves itself back to delayed (no attempt
 * is used up) and looks again later. Events of different records run in parallel.
 *
 * A failing handler fails the job, which is retried with backoff; after the last attempt it stays
 * failed in the queue monitor, and the record's later events keep waiting until it is retried
 * there (skipping it would hand them out of order). Delivery is at-least-once: an event already
 * handled (a repeated add after a partial relay failure) returns at once without running handlers.
 *
 * Throughput (issue 6): a job does not run its event alone. The jobs running at once in this
 * process (CONCURRENCY) hand their events to a collector, which passes them to consumeEvents
 * (src/domain/events/consume.ts) in batches: one ordering query, the handlers' batch entry points
 * (the workflow engine's runWorkflowsForEvents), one "handled" update. Each job still gets its own
 * event's answer (done, skipped, wait for an earlier event, or its own failure), so retries,
 * delays and the queue monitor work per event as before.
 */
import { DelayedError, type Job } from 'bullmq';
import { z } from 'zod';
import { consumeEvents, type ConsumeResult } from '../domain/events/consume.js';
import { DOMAIN_EVENT_TYPES, type DomainEvent } from '../domain/events/types.js';
import type { JobDefinition } from './registry.js';

const payloadSchema = z.strictObject({
  id: z.string().regex(/^\d{1,19}$/, { error: 'must be the outbox id (a bigint as text)' }),
  workspaceId: z.guid(),
  type: z.enum(DOMAIN_EVENT_TYPES),
  table: z.string().regex(/^[a-z_]+$/),
  recordId: z.guid(),
  record: z.record(z.string(), z.unknown()),
  changes: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })),
  actorId: z.guid().nullable(),
  depth: z.number().int().min(0),
  occurredAt: z.iso.datetime({ offset: true }),
});

/** The job id of an event: adding the same event twice makes one job while that job is kept. */
export const domainEventJobId = (event: Pick<DomainEvent, 'id'>): string => `domain-event-${event.id}`;

/**
 * How long a job waits before looking again at its record's earlier event: short for fresh events
 * (the earlier one is usually being handled right now), longer for old ones (the earlier one is
 * failing or backlogged), so a blocked record costs a query every half minute at most.
 */
export function orderWaitMs(event: Pick<DomainEvent, 'occurredAt'>, now = Date.now()): number {
  const age = now - Date.parse(event.occurredAt);
  return Math.min(30_000, Math.max(100, Math.round(age / 10)));
}

/** Jobs run at once per process: they mostly wait in the collector for their batch. */
const CONCURRENCY = 400;
/** A batch closes at this many events, or this long after its first event came. */
const BATCH_MAX = 200;
const BATCH_WAIT_MS = 10;

interface Pending {
  event: DomainEvent;
  resolve: (result: ConsumeResult) => void;
  reject: (err: unknown) => void;
}
let pending: Pending[] = [];
let timer: NodeJS.Timeout | undefined;

function flush(): void {
  clearTimeout(timer);
  timer = undefined;
  const batch = pending;
  pending = [];
  if (!batch.length) return;
  consumeEvents(batch.map((p) => p.event)).then(
    (results) => batch.forEach((p, i) => p.resolve(results[i]!)),
    (err) => batch.forEach((p) => p.reject(err)),
  );
}

/** The event's answer, from the next batch of this process. */
export function consumeInBatch(event: DomainEvent): Promise<ConsumeResult> {
  return new Promise((resolve, reject) => {
    pending.push({ event, resolve, reject });
    if (pending.length >= BATCH_MAX) flush();
    else timer ??= setTimeout(flush, BATCH_WAIT_MS);
  });
}

export const domainEventJob = {
  name: 'domain-event',
  payloadSchema,
  jobOptions: {
    attempts: 5,
    backoff: { type: 'exponential', delay: 2_000 },
    // Kept a day (or the last 100k) so that a re-add after a relay's partial failure (Redis took
    // the jobs, the commit of relayed_at failed) finds the job and is a no-op. handled_at is the
    // second guard: a re-created job of a handled event does nothing.
    removeOnComplete: { age: 24 * 3600, count: 100_000 },
  },
  jobId: domainEventJobId,
  concurrency: () => CONCURRENCY,
  async process(job: Job<DomainEvent>) {
    const event = job.data;
    const answer = await consumeInBatch(event);
    if (answer.kind === 'skipped') return { skipped: 'already handled' };
    if (answer.kind === 'failed') throw answer.error;
    if (answer.kind === 'waiting') {
      await job.moveToDelayed(Date.now() + orderWaitMs(event), job.token);
      throw new DelayedError(`waiting for event ${answer.waitingFor} of ${event.table} ${event.recordId}`);
    }
    return answer.results;
  },
} satisfies JobDefinition<'domain-event', typeof payloadSchema>;
