/**
 * CSV export of the filtered list and CSV import with column mapping, as resource actions.
 * Export downloads from /admin/export/:table (export-route.ts) under the `export` scope; import
 * stores the file in `data_imports` and queues the `csv-import` job, whose progress and per-row
 * errors show on the import's page.
 */
import { promises as fs } from 'node:fs';
import type { Action, ActionResponse } from 'adminjs';
import { parse } from 'csv-parse/sync';
import { component } from '../components/loader.js';
import { startImport, suggestMapping } from '../../domain/csv/start-import.js';
import type { Actor } from '../../domain/permissions/actor.js';

export const IMPORTABLE = ['contacts', 'accounts', 'leads', 'deals', 'job_postings', 'candidate_profiles'];
const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

export const exportAction: Partial<Action<ActionResponse>> = {
  actionType: 'resource',
  icon: 'Download',
  component: component('ExportCsv', 'export-csv.jsx'),
  handler: async () => ({}),
};

interface UploadedFile {
  path?: string;
  filepath?: string;
  name?: string;
  originalFilename?: string;
  size?: number;
}

export const importAction: Partial<Action<ActionResponse>> = {
  actionType: 'resource',
  icon: 'Upload',
  component: component('ImportCsv', 'import-csv.jsx'),
  handler: async (request, _response, context) => {
    if (request.method !== 'post') return {};
    const payload = (request.payload ?? {}) as Record<string, unknown>;
    const file = payload.file as UploadedFile | undefined;
    const filePath = file?.filepath ?? file?.path;
    const error = (message: string) => ({ notice: { message, type: 'error' as const } });
    if (!filePath) return error('Choose a CSV file to import');
    if ((file?.size ?? 0) > MAX_UPLOAD_BYTES) return error('The file is larger than 50 MB');
    const csv = await fs.readFile(filePath);
    await fs.unlink(filePath).catch(() => undefined);
    let headers: string[];
    try {
      headers = (parse(csv, { to_line: 1, bom: true }) as string[][])[0] ?? [];
    } catch (e) {
      return error(`This file is not valid CSV: ${(e as Error).message}`);
    }
    if (headers.length === 0) return error('The file is empty');
    const table = context.resource.id();
    if (!payload.mapping) {
      // First step: the headers and a suggested mapping, for the user to confirm.
      return { headers, mapping: suggestMapping(table as never, headers) } as ActionResponse;
    }
    let mapping: Record<string, string>;
    try {
      mapping = JSON.parse(String(payload.mapping));
    } catch {
      return error('The column mapping is not valid');
    }
    const actor = context.currentAdmin as Actor;
    try {
      const row = await startImport({
        workspaceId: actor.workspaceId,
        userId: actor.id,
        resource: table as never,
        fileName: file?.originalFilename ?? file?.name ?? 'import.csv',
        csv,
        mapping,
      });
      return {
        notice: { message: 'Import queued: its progress and any row errors show on this page', type: 'success' },
        redirectUrl: context.h.recordActionUrl({ resourceId: 'data_imports', recordId: String(row.id), actionName: 'show' }),
      };
    } catch (e) {
      return error((e as Error).message);
    }
  },
};
