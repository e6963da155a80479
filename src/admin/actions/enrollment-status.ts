/** Sequence enrollments → "Pause", "Resume": pauseEnrollment / resumeEnrollment behind each button. */
import type { Action, ActionResponse } from 'adminjs';
import { pauseEnrollment, resumeEnrollment } from '../../domain/sequences/lifecycle.js';
import { stateChangeAction, statusOnlyThroughActions } from './state-change.js';

export const enrollmentStatusActions: Record<string, Partial<Action<ActionResponse>>> = {
  pause: stateChangeAction({
    icon: 'Pause',
    question: 'Pause this enrollment? No step goes out to the contact until it is resumed.',
    appliesTo: (status) => status === 'active',
    change: ({ workspaceId, id }, transaction) => pauseEnrollment({ workspaceId, enrollmentId: id }, transaction),
    done: 'Enrollment paused; Resume continues from the same step',
  }),
  resume: stateChangeAction({
    icon: 'Play',
    question: 'Resume this enrollment? It continues from the step where it was paused; a step that fell due meanwhile goes out now.',
    appliesTo: (status) => status === 'paused',
    change: ({ workspaceId, id }, transaction) => resumeEnrollment({ workspaceId, enrollmentId: id }, transaction),
    done: 'Enrollment resumed',
  }),
};

/** For the sequence_enrollments spec: the status is not a form field. */
export const enrollmentStatusHook = statusOnlyThroughActions('Pause or Resume');
