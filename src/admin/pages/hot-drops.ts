/**
 * "Hot Drops" (S1): the external postings cached for the workspace that have not expired yet,
 * for anyone whose role may list external_job_postings.
 */
import type { AdminPage } from 'adminjs';
import { listHotDrops } from '../../domain/recruiting/hot-drops.js';
import type { Actor } from '../../domain/permissions/actor.js';
import { mayUse } from '../access.js';
import { component } from '../components/loader.js';

export const hotDropsPage: AdminPage = {
  icon: 'Zap',
  component: component('RecruitingHotDrops', 'recruiting-hot-drops.jsx'),
  handler: async (_request, _response, context) => {
    if (!mayUse(context.currentAdmin, 'external_job_postings', 'list')) return { error: 'Your role may not see the hot drops.' };
    const actor = context.currentAdmin as unknown as Actor;
    return { drops: await listHotDrops(actor.workspaceId) };
  },
};
