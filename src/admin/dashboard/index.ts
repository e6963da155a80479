/**
 * The panel's home page: the analytics dashboard. The handler answers ApiClient.getDashboard
 * (GET /admin/api/dashboard?from&to&teamId&ownerId) with the numbers of dashboard-data.ts for
 * the logged-in actor; the component draws them (components/dashboard.jsx).
 */
import type { AdminJSOptions } from 'adminjs';
import { component } from '../components/loader.js';
import { dashboardHandler } from './dashboard-handler.js';

export const dashboard: NonNullable<AdminJSOptions['dashboard']> = {
  handler: dashboardHandler,
  component: component('AnalyticsDashboard', 'dashboard.jsx'),
};
