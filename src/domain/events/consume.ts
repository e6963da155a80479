/**
 * Consuming domain events in batches: what the `domain-event` job does for one event, done for
 * the many events its concurrent jobs hold at once (src/jobs/domain-event.job.ts collects them),
 * with one query for the ordering check, the handlers' `handleMany` where they have one, and one
 * statement marking the handled events. Each event gets its own answer, so a failing event fails
 * its own job only.
 *
 * Ordering per record is kept as before: an event runs only when no earlier event of its record
 * is unhandled. So one batch never holds two events of a record (the later one waits), and the
 * handlers see each record's events one after another, in id order.
 */
import { DOMAIN_EVENT_HANDLERS } from './handlers.js';
import { eventsProgress, markEventsHandled } from './outbox.js';
import type { DomainEvent } from './types.js';

export type ConsumeResult =
  | { kind: 'handled'; results: Record<string, unknown> }
  | { kind: 'skipped' }
  | { kind: 'waiting'; waitingFor: string }
  | { kind: 'failed'; error: Error };

function handlerError(event: DomainEvent, handler: string, err: unknown): Error {
  const message = err instanceof Error ? err.message : String(err);
  return new Error(`domain-event ${event.id} (${event.type}): handler ${handler}: ${message}`, { cause: err });
}

export async function consumeEvents(events: DomainEvent[]): Promise<ConsumeResult[]> {
  const answers: (ConsumeResult | undefined)[] = new Array(events.length);
  // A repeated delivery of an event in the same batch: the first one handles it.
  const first = new Map<string, number>();
  events.forEach((e, i) => {
    if (first.has(e.id)) answers[i] = { kind: 'skipped' };
    else first.set(e.id, i);
  });
  const candidates = [...first.values()];
  const progress = await eventsProgress(candidates.map((i) => events[i]!));
  const ready: number[] = [];
  candidates.forEach((i, k) => {
    const p = progress[k]!;
    if (p.handled) answers[i] = { kind: 'skipped' };
    else if (p.waitingFor) answers[i] = { kind: 'waiting', waitingFor: p.waitingFor };
    else ready.push(i);
  });
  const results = new Map<number, Record<string, unknown>>(ready.map((i) => [i, {}]));
  for (const handler of DOMAIN_EVENT_HANDLERS) {
    const mine = ready.filter((i) => !answers[i] && handler.handles(events[i]!));
    if (!mine.length) continue;
    let many: Awaited<ReturnType<NonNullable<typeof handler.handleMany>>> | null = null;
    if (handler.handleMany) {
      try {
        many = await handler.handleMany(mine.map((i) => events[i]!));
      } catch (err) {
        // Nothing was done: each event alone below (slower, same result). Said aloud, as it
        // should not happen.
        console.error(`domain-event: handler ${handler.name}: batch of ${mine.length} failed, handling them one by one: ${err instanceof Error ? err.message : String(err)}`);
        many = null;
      }
    }
    for (const [k, i] of mine.entries()) {
      const event = events[i]!;
      if (many) {
        const r = many[k]!;
        if (r.ok) results.get(i)![handler.name] = r.value;
        else answers[i] = { kind: 'failed', error: handlerError(event, handler.name, r.error) };
        continue;
      }
      try {
        results.get(i)![handler.name] = await handler.handle(event);
      } catch (err) {
        answers[i] = { kind: 'failed', error: handlerError(event, handler.name, err) };
      }
    }
  }
  const handled = ready.filter((i) => !answers[i]);
  await markEventsHandled(handled.map((i) => events[i]!.id));
  for (const i of handled) answers[i] = { kind: 'handled', results: results.get(i)! };
  return answers as ConsumeResult[];
}
