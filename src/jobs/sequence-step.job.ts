/**
 * `sequence-step` (every 30 s, schedules.ts): creates the next step's email of every due
 * enrollment (src/domain/sequences/stepper.ts); `email-dispatch` sends them.
 */
import { z } from 'zod';
import { runSequenceSteps } from '../domain/sequences/stepper.js';
import type { JobDefinition } from './registry.js';

const BATCH = 1000;

const payloadSchema = z.strictObject({});

export const sequenceStepJob = {
  name: 'sequence-step',
  payloadSchema,
  jobOptions: { attempts: 1, removeOnComplete: true, removeOnFail: { count: 100 } },
  async process() {
    const total = { created: 0, completed: 0, paused: 0 };
    for (;;) {
      const run = await runSequenceSteps(BATCH);
      total.created += run.created;
      total.completed += run.completed;
      total.paused += run.paused;
      if (run.created + run.completed + run.paused < BATCH) return total;
    }
  },
} satisfies JobDefinition<'sequence-step', typeof payloadSchema>;
