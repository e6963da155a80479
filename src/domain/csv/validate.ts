/**
 * Validates a CSV row the way the panel's forms validate input, before anything is written: one
 * zod schema per mapped column, built from the model attribute (its type, enum values from the
 * model's exported lists, min/max that mirror the table's CHECKs, a format `is`), plus the
 * table's row rules (required columns on create, a contact's identity, date order).
 *
 * Cells are trimmed; an empty cell means "no value": the column's default on create, the stored
 * value kept on update. Values come out as JSON the database converts to the column type
 * (jsonb_populate_record): numbers stay decimal strings, lists become arrays.
 */
import { DataTypes, type ModelAttributeColumnOptions } from 'sequelize';
import { z } from 'zod';
import { importableColumns, requiredOnCreate, type ImportResourceDef } from './resources.js';
import { UUID_PATTERN } from '../uuid.js';

export interface CellProblem {
  field: string | null;
  message: string;
}

export type RowValues = Record<string, unknown>;

export type RowCheck = { ok: true; values: RowValues } | { ok: false; problems: CellProblem[] };

interface SqlType {
  key: string;
  values?: string[];
  options?: { length?: number; precision?: number; scale?: number };
  type?: SqlType;
}

const INT4 = 2_147_483_647;
const TRUE_WORDS = ['true', 'yes', 'y', '1', 'on'];
const FALSE_WORDS = ['false', 'no', 'n', '0', 'off'];

function bounds(attr: ModelAttributeColumnOptions): { min?: number; max?: number } {
  const v = (attr.validate ?? {}) as { min?: unknown; max?: unknown };
  return { min: typeof v.min === 'number' ? v.min : undefined, max: typeof v.max === 'number' ? v.max : undefined };
}

/** "Cold Email" / "cold-email" -> cold_email: spreadsheets show enum values as labels. */
const enumSpelling = (s: string) => s.toLowerCase().replace(/[\s-]+/g, '_');

/** A list cell: a JSON array, or items separated by ';' (or by ',' when there is no ';'). */
function splitList(s: string, ctx: z.core.$RefinementCtx<string>): string[] {
  if (s.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(s);
      if (Array.isArray(parsed) && parsed.every((x) => typeof x === 'string' || typeof x === 'number')) return parsed.map(String);
    } catch {
      // fall through to the message below
    }
    ctx.addIssue({ code: 'custom', message: 'must be a JSON array of texts or a list separated by ;' });
    return [];
  }
  return s.split(s.includes(';') ? ';' : ',').map((x) => x.trim()).filter(Boolean);
}

function decimal(attr: ModelAttributeColumnOptions, type: SqlType) {
  const { min, max } = bounds(attr);
  const integerDigits = (type.options?.precision ?? 15) - (type.options?.scale ?? 0);
  return z
    .string()
    // "1,234.50": thousands separators as US exports write them.
    .transform((s) => (/^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s) ? s.replace(/,/g, '') : s))
    .pipe(z.string().regex(/^[+-]?(\d+(\.\d*)?|\.\d+)$/, 'must be a number'))
    .refine((s) => s.replace(/^[+-]/, '').split('.')[0]!.replace(/^0+/, '').length <= integerDigits, `must have at most ${integerDigits} digits before the decimal point`)
    .refine((s) => min === undefined || Number(s) >= min, `must be at least ${min}`)
    .refine((s) => max === undefined || Number(s) <= max, `must be at most ${max}`);
}

function integer(attr: ModelAttributeColumnOptions) {
  const { min = -INT4 - 1, max = INT4 } = bounds(attr);
  return z
    .string()
    .regex(/^[+-]?\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));
}

/** The zod schema of one column's non-empty cell. */
export function cellSchema(column: string, attr: ModelAttributeColumnOptions): z.ZodType<unknown, string> {
  const type = attr.type as unknown as SqlType;
  if (column === 'email' || column.endsWith('_email')) {
    return z.string().transform((s) => s.toLowerCase()).pipe(z.email({ error: 'must be a valid email address' }));
  }
  if (column === 'domain') {
    // "https://www.Acme.com/about" -> acme.com: the lower-case host accounts.domain keeps.
    return z
      .string()
      .transform((s) => s.toLowerCase().replace(/^[a-z]+:\/\//, '').replace(/^www\./, '').replace(/[/?#].*$/, ''))
      .pipe(z.string().regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/, 'must be a domain such as example.com'));
  }
  if (column === 'currency') {
    return z.string().transform((s) => s.toUpperCase()).pipe(z.string().regex(/^[A-Z]{3}$/, 'must be a three-letter currency code such as USD'));
  }
  switch (type.key) {
    case 'ENUM': {
      const values = (type.values ?? []) as [string, ...string[]];
      return z.string().transform(enumSpelling).pipe(z.enum(values, { error: `must be one of: ${values.join(', ')}` }));
    }
    case 'INTEGER':
      return integer(attr);
    case 'DECIMAL':
      return decimal(attr, type);
    case 'BOOLEAN':
      return z
        .string()
        .transform((s) => s.toLowerCase())
        .pipe(z.enum([...TRUE_WORDS, ...FALSE_WORDS] as [string, ...string[]], { error: 'must be yes or no (true/false, 1/0)' }))
        .transform((s) => TRUE_WORDS.includes(s));
    case 'DATEONLY':
      return z.iso.date({ error: 'must be a date written YYYY-MM-DD' });
    case 'DATE':
      return z
        .string()
        .refine((s) => /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)?)?$/i.test(s) && !Number.isNaN(Date.parse(s.replace(' ', 'T'))),
          'must be a date and time written YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS][Z|±HH:MM]')
        .transform((s) => new Date(s.replace(' ', 'T')).toISOString());
    case 'UUID':
      return z.string().regex(UUID_PATTERN, 'must be an id (UUID)').transform((s) => s.toLowerCase());
    case 'ARRAY':
      return z.string().transform(splitList);
    case 'JSONB': {
      if (Array.isArray(attr.defaultValue)) return z.string().transform(splitList);
      return z.string().transform((s, ctx) => {
        try {
          const parsed: unknown = JSON.parse(s);
          if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
        } catch {
          // reported below
        }
        ctx.addIssue({ code: 'custom', message: 'must be a JSON object such as {"key": "value"}' });
        return z.NEVER;
      });
    }
    case 'STRING': {
      const length = type.options?.length;
      return length ? z.string().max(length, `must be at most ${length} characters`) : z.string();
    }
    default:
      return z.string();
  }
}

/** Cells as the message shows them: quoted, shortened. */
const shown = (raw: string) => JSON.stringify(raw.length > 80 ? `${raw.slice(0, 77)}...` : raw);

export interface RowValidator {
  (cells: Record<string, string>): RowCheck;
}

/**
 * A validator for rows mapped to `columns`. `importingUserId` fills columns the import fills
 * (job_postings.staff_user_id) on rows that create.
 */
export function rowValidator(def: ImportResourceDef, columns: string[], importingUserId: string | null): RowValidator {
  const attributes = importableColumns(def);
  const schema = z.object(Object.fromEntries(columns.map((c) => [c, cellSchema(c, attributes.get(c)!).optional()])));
  const required = requiredOnCreate(def);
  const filled = new Set(def.filledByImport ?? []);

  return (cells) => {
    const input: Record<string, string> = {};
    for (const column of columns) {
      const cell = cells[column]?.trim();
      if (cell) input[column] = cell;
    }
    const parsed = schema.safeParse(input);
    if (!parsed.success) {
      const problems: CellProblem[] = [];
      const seen = new Set<string>();
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? '');
        if (seen.has(field)) continue; // the first problem of a cell says enough
        seen.add(field);
        problems.push({ field: field || null, message: field in input ? `${issue.message} (got ${shown(input[field]!)})` : issue.message });
      }
      return { ok: false, problems };
    }
    const values: RowValues = {};
    for (const [k, v] of Object.entries(parsed.data)) if (v !== undefined) values[k] = v;

    const problems: CellProblem[] = [];
    // A row that names an existing deal/job posting by id updates it: nothing else is required.
    const creates = !(def.match === 'id' && values.id !== undefined);
    if (creates) {
      for (const column of required) {
        if (values[column] !== undefined) continue;
        if (filled.has(column) && importingUserId) values[column] = importingUserId;
        else problems.push({ field: column, message: 'is required' });
      }
    }
    if ((def.match === 'email' && def.resource !== 'contacts') || def.match === 'user_email') {
      if (values.email === undefined) problems.push({ field: 'email', message: `is required to match the ${def.noun}` });
    }
    if (def.resource === 'contacts' && values.email === undefined && values.first_name === undefined && values.last_name === undefined) {
      problems.push({ field: 'email', message: 'a contact needs an email, a first name or a last name' });
    }
    if (def.resource === 'accounts' && typeof values.contract_start_date === 'string' && typeof values.contract_end_date === 'string'
      && values.contract_end_date < values.contract_start_date) {
      problems.push({ field: 'contract_end_date', message: 'must not be before contract_start_date' });
    }
    return problems.length ? { ok: false, problems } : { ok: true, values };
  };
}
