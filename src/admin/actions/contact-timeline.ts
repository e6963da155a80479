/**
 * Contacts → "Timeline": the contact's emails and their events, activities, tasks and
 * enrollments in one list (src/domain/contacts/timeline.ts), each kind under the viewer's own
 * scope on its table. Read-only: governed by the contacts' `show` rights unless a policy names it.
 */
import { NotFoundError, type Action, type ActionResponse } from 'adminjs';
import { contactTimeline } from '../../domain/contacts/timeline.js';
import type { Actor } from '../../domain/permissions/actor.js';
import { component } from '../components/loader.js';

export const contactTimelineAction: Partial<Action<ActionResponse>> = {
  actionType: 'record',
  icon: 'Clock',
  component: component('ContactTimeline', 'contact-timeline.jsx'),
  handler: async (_request, _response, context) => {
    const { record, currentAdmin } = context;
    if (!record) throw new NotFoundError('No record given', 'timeline');
    // The contact was read under the viewer's scope: reaching here means they may see it.
    const timeline = await contactTimeline(currentAdmin as Actor, String(record.id()));
    return { record: record.toJSON(currentAdmin), timeline };
  },
};
