/**
 * "Outreach Activity" (S0 flow 3): outreach per staff member per week by status, postings
 * sourced per staff member and source, Builders' placement progress. For admins of the workspace
 * the session works in (and root admins there): it shows every staff member's work.
 */
import type { AdminPage } from 'adminjs';
import { activityRange, outreachActivity } from '../../domain/outreach/activity.js';
import { isAdmin } from '../access.js';
import type { Actor } from '../../domain/permissions/actor.js';
import { component } from '../components/loader.js';

export const outreachActivityPage: AdminPage = {
  icon: 'BarChart2',
  component: component('OutreachActivity', 'outreach-activity.jsx'),
  handler: async (request, _response, context) => {
    if (!isAdmin(context.currentAdmin)) return { error: 'Only admins see the outreach activity of the whole team.' };
    const actor = context.currentAdmin as unknown as Actor;
    const range = activityRange(request.query?.from, request.query?.to);
    return { workspaceName: actor.workspaceName, ...(await outreachActivity(actor.workspaceId, range)) };
  },
};
