/**
 * "My Action Queue" (S1): the logged-in user's open items, most urgent first, each with a
 * Dismiss (the `dismiss` action of action_queue, so the policy guards it like any action).
 * Open to anyone whose role may list action_queue; it shows only their own items.
 */
import type { AdminPage } from 'adminjs';
import { openActionItems } from '../../domain/recruiting/action-queue.js';
import type { Actor } from '../../domain/permissions/actor.js';
import { mayUse } from '../access.js';
import { component } from '../components/loader.js';

export const actionQueuePage: AdminPage = {
  icon: 'Inbox',
  component: component('RecruitingActionQueue', 'recruiting-action-queue.jsx'),
  handler: async (_request, _response, context) => {
    if (!mayUse(context.currentAdmin, 'action_queue', 'list')) return { error: 'Your role has no action queue.' };
    const actor = context.currentAdmin as unknown as Actor;
    return {
      items: await openActionItems(actor.workspaceId, actor.id),
      mayDismiss: mayUse(actor, 'action_queue', 'dismiss'),
    };
  },
};
