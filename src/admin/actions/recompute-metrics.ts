/**
 * Metric tables → "Recompute": queues the `metrics-etl` job over a range of days for the
 * workspace the session works in (the job shows in the queue monitor). The range is the days as
 * typed, both included (recompute-range.ts checks it); a bad range is refused and queues nothing.
 *
 * Access: the policy names the action `recompute` (admins hold it through `*.*`; sellers and
 * managers only read metric tables). It rewrites every owner's rows of the workspace's periods,
 * so a policy granting it for `own` or `team` rows is not enough: the workspace scope is needed.
 * Metric tables are read-only, but a recompute is not a hand edit (WRITE_ACTIONS in access.ts):
 * it re-derives the rows from their sources, which is what the ETL does every hour anyway.
 */
import type { Action, ActionResponse } from 'adminjs';
import { MAX_RECOMPUTE_DAYS, metricOfTable, parseRecomputeRange, RecomputeRangeError, type RecomputeRange } from '../../domain/metrics/recompute-range.js';
import { actorScope, type Actor } from '../../domain/permissions/actor.js';
import { enqueue, queueFor } from '../../jobs/queues.js';
import { component } from '../components/loader.js';
import { recordAudit } from '../data/audit.js';
import { withActorTransaction } from '../data/actor-transaction.js';

/** Tables this action is offered on: the tables the metric ETL writes. */
export const isMetricTable = (table: string): boolean => metricOfTable(table) !== null;

/** One id per (table, workspace, range): a double submit while it waits or runs queues it once. */
const recomputeJobId = (metric: string, workspaceId: string, from: string, to: string) =>
  `metrics-etl-recompute-${metric}-${workspaceId}-${from}-${to}`;

export const recomputeMetricsAction: Partial<Action<ActionResponse>> = {
  actionType: 'resource',
  icon: 'RefreshCw',
  component: component('RecomputeMetrics', 'recompute-metrics.jsx'),
  isAccessible: ({ currentAdmin, resource }) => {
    const actor = currentAdmin as Actor | undefined;
    if (!actor?.policies) return false;
    const scope = actorScope(actor, resource.id(), 'recompute');
    return scope === 'workspace' || scope === 'all';
  },
  handler: async (request, _response, context) => {
    const table = context.resource.id();
    const metric = metricOfTable(table);
    if (!metric) throw new Error(`${table} is not a metric table`);
    if (request.method !== 'post') return { maxDays: MAX_RECOMPUTE_DAYS } as ActionResponse;

    const actor = context.currentAdmin as Actor;
    const payload = (request.payload ?? {}) as Record<string, unknown>;
    let range: RecomputeRange;
    try {
      range = parseRecomputeRange(metric, payload.from, payload.to);
    } catch (error) {
      if (error instanceof RecomputeRangeError) return { notice: { message: error.message, type: 'error' } } as ActionResponse;
      throw error;
    }
    const jobId = recomputeJobId(metric, actor.workspaceId, range.from, range.to);
    const queue = queueFor('metrics-etl');
    // A finished run of the same range is kept a while for the monitor: asking again means run it again.
    const previous = await queue.getJob(jobId);
    const state = previous ? await previous.getState() : null;
    if (previous && (state === 'waiting' || state === 'active' || state === 'delayed' || state === 'prioritized' || state === 'waiting-children')) {
      return { jobId, notice: { message: `A recompute of ${table} for these days is already queued (job ${jobId})`, type: 'info' } } as ActionResponse;
    }
    if (previous) await previous.remove();

    await withActorTransaction(actor, async (transaction) => {
      await recordAudit({
        actor,
        action: 'update',
        table,
        id: undefined,
        description: `Queued a recompute of ${table} from ${range.from} to ${range.through} (${range.days} day${range.days === 1 ? '' : 's'})`,
        metadata: { metric, from: range.from, to: range.to, job_id: jobId },
        transaction,
      });
      // Queued inside the transaction: a failed enqueue leaves no audit entry of a job that does not exist.
      await enqueue('metrics-etl', { metric, from: range.from, to: range.to, workspaceId: actor.workspaceId }, { jobId });
    });
    return {
      jobId,
      notice: {
        message: `Recompute of ${table} from ${range.from} to ${range.through} queued (job ${jobId}); follow it in the queue monitor`,
        type: 'success',
      },
    } as ActionResponse;
  },
};
