/**
 * Who consumes domain events: the `domain-event` job (src/jobs/domain-event.job.ts) runs, for
 * each event, every handler here whose `handles` says yes, in this list's order, and marks the
 * event handled when all of them succeeded. A handler that throws fails the job, which is retried
 * with the whole list: handlers must be idempotent (delivery is at-least-once), e.g. keyed on
 * `event.id`.
 *
 * Empty for now. The workflow engine (src/domain/workflows) registers `{ name: 'workflows', … }`
 * here, and lead scoring its own entry; nothing else needs to change to receive events.
 */
import type { DomainEvent } from './types.js';
import { runWorkflowsForEvent } from '../workflows/run.js';
import { runWorkflowsForEvents } from '../workflows/run-batch.js';
import { handlesWorkflowTrigger } from '../workflows/triggers.js';

export interface DomainEventHandler {
  /** Names the handler in job results and errors. */
  name: string;
  handles: (event: DomainEvent) => boolean;
  handle: (event: DomainEvent) => Promise<unknown>;
  /**
   * Optional: many events at once (the consumer's batches; events of one record in id order), each
   * answered on its own (a result, or the error that fails that event alone). May throw when
   * nothing was done: the consumer then calls `handle` for each event.
   */
  handleMany?: (events: DomainEvent[]) => Promise<({ ok: true; value: unknown } | { ok: false; error: Error })[]>;
}

export const DOMAIN_EVENT_HANDLERS: DomainEventHandler[] = [
  // The workflow engine: the active workflows of the event's workspace and trigger type.
  {
    name: 'workflows',
    handles: (event) => handlesWorkflowTrigger(event.type),
    handle: (event) => runWorkflowsForEvent(event),
    handleMany: async (events) => (await runWorkflowsForEvents(events)).map((r) => (r.ok ? { ok: true, value: r.outcomes } : r)),
  },
];
