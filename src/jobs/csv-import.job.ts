/**
 * `csv-import`: runs one data_imports row (src/domain/csv/import-rows.ts). The job id is
 * `csv-import-<importId>` (BullMQ refuses ':' in custom ids), so submitting the same import twice
 * queues it once. A retry resumes from the import's checkpoint; when the last attempt fails, or
 * the import cannot run at all, the import is marked failed with the reason.
 */
import { UnrecoverableError } from 'bullmq';
import { z } from 'zod';
import { ImportFailedError, markImportFailed, runImport } from '../domain/csv/import-rows.js';
import type { JobDefinition } from './registry.js';

const payloadSchema = z.strictObject({ importId: z.uuid({ error: 'must be the id (UUID) of a data import' }) });

export const csvImportJob = {
  name: 'csv-import',
  payloadSchema,
  jobOptions: { attempts: 3, backoff: { type: 'exponential', delay: 5_000 } },
  jobId: ({ importId }) => `csv-import-${importId}`,
  async process(job) {
    const { importId } = job.data;
    try {
      return await runImport(importId, { onProgress: (progress) => job.updateProgress(progress) });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const permanent = err instanceof ImportFailedError;
      if (permanent || job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) {
        await markImportFailed(importId, message);
      }
      throw permanent ? new UnrecoverableError(`csv-import: ${message}`) : err;
    }
  },
} satisfies JobDefinition<'csv-import', typeof payloadSchema>;
