/** Sequences → "Activate", "Pause", "Archive": setSequenceStatus behind each button. */
import type { Action, ActionResponse } from 'adminjs';
import { setSequenceStatus, type SettableSequenceStatus } from '../../domain/sequences/lifecycle.js';
import { stateChangeAction, statusOnlyThroughActions } from './state-change.js';

const setStatus = (status: SettableSequenceStatus) =>
  ({ workspaceId, id }: { workspaceId: string; id: string }, transaction: Parameters<typeof setSequenceStatus>[1]) =>
    setSequenceStatus({ workspaceId, sequenceId: id, status }, transaction);

export const sequenceStatusActions: Record<string, Partial<Action<ActionResponse>>> = {
  activate: stateChangeAction({
    icon: 'Play',
    question: 'Activate this sequence? Steps that are due go out to its active enrollments.',
    // Offered only with steps to send; the domain refuses a stepless one with the reason.
    appliesTo: (status, record) => status !== 'active' && Number(record.param('steps_count')) > 0,
    change: setStatus('active'),
    done: 'Sequence activated',
  }),
  pause: stateChangeAction({
    icon: 'Pause',
    question: 'Pause this sequence? No step goes out to any of its contacts until it is activated again.',
    appliesTo: (status) => status === 'active',
    change: setStatus('paused'),
    done: 'Sequence paused',
  }),
  archive: stateChangeAction({
    icon: 'Archive',
    question: 'Archive this sequence? Contacts already in it are not ended, but no one can be enrolled any more.',
    appliesTo: (status) => status !== 'archived',
    change: setStatus('archived'),
    done: 'Sequence archived',
  }),
};

/** For the sequences spec: the status is not a form field. */
export const sequenceStatusHook = statusOnlyThroughActions('Activate, Pause or Archive');
