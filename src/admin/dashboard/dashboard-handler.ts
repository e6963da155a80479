/**
 * HTTP glue of the dashboard: the session's actor and the query string in, JSON out. A filter
 * that cannot be honoured answers 400 with `{ error }` (the component shows it); the numbers
 * and the policy live in src/domain/metrics/dashboard-*.ts.
 */
import type { CurrentAdmin } from 'adminjs';
import type { Response } from 'express';
import { isActor } from '../access.js';
import { loadDashboard, type DashboardData } from '../../domain/metrics/dashboard-data.js';
import { DashboardFilterError, parseDashboardFilters } from '../../domain/metrics/dashboard-filters.js';

interface DashboardRequest {
  query?: unknown;
}

export async function dashboardHandler(
  request: DashboardRequest,
  response: Response,
  context: { currentAdmin?: CurrentAdmin },
): Promise<DashboardData | { error: string }> {
  if (!isActor(context.currentAdmin)) {
    response.status(401);
    return { error: 'log in to see the dashboard' };
  }
  try {
    return await loadDashboard(context.currentAdmin, parseDashboardFilters(request.query));
  } catch (err) {
    if (!(err instanceof DashboardFilterError)) throw err;
    response.status(400);
    return { error: err.message };
  }
}
