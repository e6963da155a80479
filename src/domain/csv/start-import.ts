/**
 * What the panel calls to start a CSV import: checks the upload and the column mapping (clear
 * errors, nothing stored when they fail), stores the file in data_imports and queues the
 * `csv-import` job. `suggestMapping` pre-fills the mapping form.
 */
import { z } from 'zod';
import { DataImport } from '../../models/index.js';
import { enqueue } from '../../jobs/queues.js';
import { CSV_DELIMITERS, CsvSyntaxError, detectDelimiter, inspectCsv, MAX_CSV_BYTES, type CsvDelimiter } from './parse.js';
import { checkMapping, DATA_IMPORT_RESOURCES, importableColumns, resourceDef, suggestMapping, type DataImportResource } from './resources.js';

export { suggestMapping };

/** An upload or mapping that cannot be imported; `problems` lists every reason. */
export class ImportRejectedError extends Error {
  constructor(readonly problems: string[]) {
    super(`The import cannot start: ${problems.join('; ')}`);
    this.name = 'ImportRejectedError';
  }
}

export interface StartImportInput {
  workspaceId: string;
  userId: string | null;
  resource: DataImportResource;
  fileName: string;
  csv: Buffer;
  /** CSV header -> column; a header mapped to '' (or left out) is ignored. */
  mapping: Record<string, string>;
  /** Detected from the header line when omitted. */
  delimiter?: CsvDelimiter;
}

const inputSchema = z.object({
  workspaceId: z.uuid({ error: 'workspaceId must be a UUID' }),
  userId: z.uuid({ error: 'userId must be a UUID' }).nullable(),
  resource: z.enum(DATA_IMPORT_RESOURCES, { error: `resource must be one of ${DATA_IMPORT_RESOURCES.join(', ')}` }),
  fileName: z.string().trim().min(1, 'the file needs a name').max(255, 'the file name is too long'),
  csv: z.instanceof(Buffer, { error: 'csv must be the file contents' }),
  mapping: z.record(z.string(), z.string(), { error: 'mapping must be an object of CSV header -> column' }),
  delimiter: z.enum(CSV_DELIMITERS, { error: 'the delimiter must be , ; tab or |' }).optional(),
});

/** The columns a CSV of `resource` may be mapped to, for the mapping form. */
export function importColumns(resource: DataImportResource): string[] {
  return [...importableColumns(resourceDef(resource)).keys()];
}

/** Validates the upload and the mapping, stores the import and queues its job; returns the row (without the file). */
export async function startImport(input: StartImportInput): Promise<DataImport> {
  const parsed = inputSchema.safeParse(input);
  if (!parsed.success) throw new ImportRejectedError(parsed.error.issues.map((i) => i.message));
  const { workspaceId, userId, resource, fileName, csv } = parsed.data;
  const mapping = Object.fromEntries(Object.entries(parsed.data.mapping).filter(([, column]) => column.trim() !== ''));

  if (csv.length === 0) throw new ImportRejectedError(['the file is empty']);
  if (csv.length > MAX_CSV_BYTES) throw new ImportRejectedError([`the file is larger than ${MAX_CSV_BYTES / 1024 / 1024} MB`]);
  const delimiter = parsed.data.delimiter ?? detectDelimiter(csv);
  let inspected: { headers: string[]; rows: number };
  try {
    inspected = await inspectCsv(csv, { delimiter });
  } catch (err) {
    if (err instanceof CsvSyntaxError) throw new ImportRejectedError([err.message]);
    throw err;
  }
  if (inspected.headers.length === 0) throw new ImportRejectedError(['the file is empty']);
  const problems = checkMapping(resourceDef(resource), inspected.headers, mapping);
  if (inspected.rows === 0) problems.unshift('the file has no rows below its header');
  if (problems.length) throw new ImportRejectedError(problems);

  const row = await DataImport.create({
    workspace_id: workspaceId,
    user_id: userId,
    resource,
    file_name: fileName,
    mapping,
    options: { delimiter },
    csv,
    total_rows: inspected.rows,
  });
  try {
    await enqueueImport(row.id);
  } catch (err) {
    // Not queued means not started: leave nothing behind.
    await row.destroy();
    throw err;
  }
  return (await DataImport.findByPk(row.id))!;
}

/** Queues (again) an import's job; a no-op while its job is still known to the queue. */
export async function enqueueImport(importId: string): Promise<void> {
  await enqueue('csv-import', { importId });
}
