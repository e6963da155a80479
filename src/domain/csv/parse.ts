/**
 * Reading an uploaded CSV: one parser configuration for the upload check and the job, so both
 * count the same records, and records streamed with backpressure (a 100k-row file is never
 * turned into one array). Each record carries the 1-based line of the file where it starts,
 * which is what the error report shows (a quoted field may span several lines).
 */
import { Readable } from 'node:stream';
import { parse, type Options } from 'csv-parse';

/** Uploads above this size are refused (the file is stored in data_imports.csv). */
export const MAX_CSV_BYTES = 50 * 1024 * 1024;

export const CSV_DELIMITERS = [',', ';', '\t', '|'] as const;
export type CsvDelimiter = (typeof CSV_DELIMITERS)[number];

export interface CsvOptions {
  delimiter: CsvDelimiter;
}

export interface CsvRecord {
  /** 1-based line of the file where the record starts (the header is line 1). */
  line: number;
  cells: string[];
}

/** A file the parser cannot read past (an unclosed quote, a quote in the wrong place). */
export class CsvSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number | null,
  ) {
    super(line ? `CSV syntax error on line ${line}: ${message}` : `CSV syntax error: ${message}`);
    this.name = 'CsvSyntaxError';
  }
}

/** The delimiter of the header line: the most frequent of , ; tab | outside quotes (',' on a tie). */
export function detectDelimiter(csv: Buffer): CsvDelimiter {
  const head = csv.subarray(0, 64 * 1024).toString('utf8');
  const counts = new Map<CsvDelimiter, number>(CSV_DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const ch of head) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && counts.has(ch as CsvDelimiter)) counts.set(ch as CsvDelimiter, counts.get(ch as CsvDelimiter)! + 1);
  }
  let best: CsvDelimiter = ',';
  for (const [d, n] of counts) if (n > counts.get(best)!) best = d;
  return best;
}

function parserOptions(options: CsvOptions): Options {
  return {
    bom: true,
    delimiter: options.delimiter,
    // A row with a wrong number of fields is reported as that row's error, not a parse failure.
    relax_column_count: true,
    // Quotes inside an unquoted field (5" screen) are kept as text, as spreadsheets write them.
    relax_quotes: true,
    skip_empty_lines: true,
    // Spreadsheets append rows of bare delimiters (",,,,"): not records.
    skip_records_with_empty_values: true,
    info: true,
  };
}

function newlines(cells: string[]): number {
  let n = 0;
  for (const cell of cells) {
    if (!cell.includes('\n')) continue;
    for (let i = cell.indexOf('\n'); i !== -1; i = cell.indexOf('\n', i + 1)) n += 1;
  }
  return n;
}

/** Every record of the file in order, the header first, read with backpressure. */
export async function* readRecords(csv: Buffer, options: CsvOptions): AsyncGenerator<CsvRecord> {
  const chunks = function* () {
    for (let i = 0; i < csv.length; i += 64 * 1024) yield csv.subarray(i, i + 64 * 1024);
  };
  const parser = Readable.from(chunks()).pipe(parse(parserOptions(options)));
  try {
    for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      // info.lines is the line the record ends on; a quoted field with line breaks started earlier.
      yield { line: item.info.lines - newlines(item.record), cells: item.record };
    }
  } catch (err) {
    const e = err as Error & { code?: string; lines?: number };
    if (e.code?.startsWith('CSV_')) throw new CsvSyntaxError(e.message.replace(/ at line \d+.*$/, ''), e.lines ?? null);
    throw err;
  } finally {
    parser.destroy();
  }
}

/** The header (trimmed) and the number of data records; throws CsvSyntaxError for an unreadable file. */
export async function inspectCsv(csv: Buffer, options: CsvOptions): Promise<{ headers: string[]; rows: number }> {
  let headers: string[] | undefined;
  let rows = 0;
  for await (const record of readRecords(csv, options)) {
    if (headers) rows += 1;
    else headers = record.cells.map((h) => h.trim());
  }
  return { headers: headers ?? [], rows };
}
