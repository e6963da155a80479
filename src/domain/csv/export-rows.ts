/**
 * Rows of a model as CSV, streamed: keyset pagination on the primary key (WHERE pk > last ORDER
 * BY pk LIMIT n), so memory stays at one page whatever the table size and a page never costs
 * more than an index range scan (OFFSET would re-read every earlier page). The caller passes the
 * row scope as a Sequelize `where` and the secret columns to leave out.
 *
 * Cells are written so that the import reads them back: lists as "a; b" (JSON when an item has
 * a ';'), objects as JSON, timestamps as ISO 8601, dates as YYYY-MM-DD, booleans true/false.
 */
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import { DataTypes, Op, type Model, type ModelAttributeColumnOptions, type ModelStatic, type Transaction, type WhereOptions } from 'sequelize';

export interface ExportRowsOptions {
  model: ModelStatic<Model>;
  /** The rows to export (tenancy and filters); every row when omitted. */
  where?: WhereOptions;
  /** The columns, in order; every stored column of the model when omitted. */
  columns?: string[];
  /** Columns never written (password hashes, tokens): removed even when listed in `columns`. */
  exclude?: string[];
  /** Rows per query (default 1000). */
  pageSize?: number;
  transaction?: Transaction;
}

/** One value as CSV text. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (Buffer.isBuffer(value)) return value.toString('base64');
  if (Array.isArray(value)) {
    const plain = value.every((v) => typeof v === 'string' && !v.includes(';')) || value.every((v) => typeof v === 'number');
    return plain ? value.join('; ') : JSON.stringify(value);
  }
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** The exported columns: requested (or all stored) minus the excluded ones. */
export function exportColumns(model: ModelStatic<Model>, columns?: string[], exclude: string[] = []): string[] {
  const attributes = model.getAttributes() as Record<string, ModelAttributeColumnOptions>;
  const stored = Object.keys(attributes).filter((c) => !(attributes[c]!.type instanceof DataTypes.VIRTUAL));
  const unknown = (columns ?? []).filter((c) => !stored.includes(c));
  if (unknown.length) throw new Error(`${model.getTableName() as string} has no column ${unknown.join(', ')}`);
  const skip = new Set(exclude);
  return (columns ?? stored).filter((c) => !skip.has(c));
}

async function* pages(options: ExportRowsOptions, columns: string[]): AsyncGenerator<string[]> {
  const { model } = options;
  const pk = model.primaryKeyAttribute;
  if (!pk || model.primaryKeyAttributes.length !== 1) throw new Error(`${model.getTableName() as string} needs a single-column primary key to be exported`);
  const pageSize = options.pageSize ?? 1000;
  // The key is read even when it is not exported: it is the cursor.
  const attributes = columns.includes(pk) ? columns : [...columns, pk];
  let last: unknown;
  for (;;) {
    const conditions: WhereOptions[] = [];
    if (options.where) conditions.push(options.where);
    if (last !== undefined) conditions.push({ [pk]: { [Op.gt]: last } });
    const rows = (await model.unscoped().findAll({
      attributes,
      where: conditions.length ? { [Op.and]: conditions } : undefined,
      order: [[pk, 'ASC']],
      limit: pageSize,
      raw: true,
      transaction: options.transaction,
    })) as unknown as Record<string, unknown>[];
    for (const row of rows) yield columns.map((c) => csvCell(row[c]));
    if (rows.length < pageSize) return;
    last = rows[rows.length - 1]![pk];
  }
}

/** A readable stream of CSV text: a header row of column names, then one line per row. */
export function exportRows(options: ExportRowsOptions): Readable {
  const columns = exportColumns(options.model, options.columns, options.exclude);
  const out = stringify({ header: true, columns });
  const source = Readable.from(pages(options, columns));
  source.on('error', (err) => out.destroy(err));
  return source.pipe(out);
}

/** Writes the CSV into `output` (an HTTP response, a file) and resolves when it is all written. */
export async function streamCsv(options: ExportRowsOptions & { output: Writable }): Promise<void> {
  await pipeline(exportRows(options), options.output);
}
