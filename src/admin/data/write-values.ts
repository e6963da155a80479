/**
 * Form params → column values, validated like the database would but with messages a person
 * can act on, next to the field: unknown enum values, malformed UUIDs and e-mails, JSON that
 * does not parse, references to rows that do not exist in the user's workspace. Database
 * errors that still happen (CHECKs, NOT NULLs, UNIQUEs) are turned into the same shape.
 */
import { flat, ValidationError, type PropertyErrors } from 'adminjs';
import { QueryTypes, type ModelStatic, type Model, type Transaction } from 'sequelize';
import { sequelize } from '../../db.js';
import { workspaceColumn } from '../../domain/permissions/scope-sql.js';
import { typeKey } from './filters.js';
import { isUuid } from '../../domain/uuid.js';

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const EMPTY_ARRAY = '__FORM_VALUE_EMPTY_ARRAY__';
const EMPTY_OBJECT = '__FORM_VALUE_EMPTY_OBJECT__';
/** Never written from a form: keys, tenancy, timestamps and values the database maintains. */
const NEVER_WRITTEN = new Set(['id', 'workspace_id', 'created_at', 'updated_at', 'weighted_value', 'days_in_pipeline']);

type AnyModel = ModelStatic<Model>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Attribute = any;

const tableOf = (reference: Attribute): string | null =>
  typeof reference?.model === 'string' ? reference.model : reference?.model?.tableName ?? null;

/** The writable column values in `params`, coerced from form strings; errors collected by field. */
export function columnValues(model: AnyModel, params: Record<string, unknown>): { values: Record<string, unknown>; errors: PropertyErrors } {
  const attributes = model.getAttributes() as Record<string, Attribute>;
  const input = flat.unflatten(params) as Record<string, unknown>;
  const values: Record<string, unknown> = {};
  const errors: PropertyErrors = {};
  for (const [name, raw] of Object.entries(input)) {
    const attribute = attributes[name];
    if (!attribute || NEVER_WRITTEN.has(name) || typeKey(attribute) === 'VIRTUAL') continue;
    const key = typeKey(attribute);
    let value: unknown = raw;
    if (value === EMPTY_ARRAY) value = [];
    if (value === EMPTY_OBJECT) value = {};
    if (value === '' || value === undefined) value = key === 'ARRAY' ? [] : null;
    if (value === null) {
      values[name] = null;
      continue;
    }
    switch (key) {
      case 'UUID':
        if (!isUuid(String(value))) errors[name] = { message: 'Pick an existing record (not a valid id)' };
        break;
      case 'ENUM': {
        const allowed: string[] = attribute.values ?? attribute.type.values ?? [];
        if (!allowed.includes(String(value))) errors[name] = { message: `Must be one of: ${allowed.join(', ')}` };
        break;
      }
      case 'INTEGER': case 'BIGINT': case 'SMALLINT': case 'DECIMAL': case 'FLOAT': case 'DOUBLE': case 'REAL':
        if (!/^-?\d+(\.\d+)?$/.test(String(value).trim())) errors[name] = { message: 'Must be a number' };
        else value = Number(value);
        break;
      case 'BOOLEAN':
        value = value === true || value === 'true';
        break;
      case 'DATE': case 'DATEONLY':
        if (Number.isNaN(Date.parse(String(value)))) errors[name] = { message: 'Must be a date' };
        break;
      case 'JSON': case 'JSONB':
        if (typeof value === 'string') {
          try {
            value = JSON.parse(value);
          } catch {
            errors[name] = { message: 'Must be valid JSON' };
          }
        }
        break;
      case 'ARRAY':
        value = Array.isArray(value) ? value.filter((v) => v !== '' && v !== null) : [value];
        break;
      default:
        if (/(^|_)email$/.test(name) && !EMAIL.test(String(value).trim())) errors[name] = { message: 'Must be an e-mail address' };
        else if (typeof value === 'string' && /(^|_)email$/.test(name)) value = value.trim().toLowerCase();
    }
    values[name] = value;
  }
  return { values, errors };
}

/**
 * Every reference in `values` must name a row that exists and, when the referenced table has a
 * workspace, belongs to `workspaceId`: a user cannot link to rows of another tenant.
 */
export async function checkReferences(
  model: AnyModel,
  values: Record<string, unknown>,
  workspaceId: string | null,
  errors: PropertyErrors,
  transaction?: Transaction,
): Promise<void> {
  const attributes = model.getAttributes() as Record<string, Attribute>;
  for (const [name, value] of Object.entries(values)) {
    const table = tableOf(attributes[name]?.references);
    if (!table || value === null || errors[name] || name === 'workspace_id') continue;
    const wsColumn = workspaceColumn(table);
    const scoped = wsColumn && workspaceId;
    const [row] = await sequelize.query(
      `SELECT 1 FROM "${table}" WHERE id = :id ${scoped ? `AND "${wsColumn}" = :workspaceId` : ''}`,
      { type: QueryTypes.SELECT, replacements: { id: value, workspaceId }, transaction },
    );
    if (!row) errors[name] = { message: `No such ${table.replace(/_/g, ' ')} record in this workspace` };
  }
}

export function throwIfErrors(errors: PropertyErrors): void {
  if (Object.keys(errors).length > 0) throw new ValidationError(errors, { message: 'Please correct the highlighted fields' });
}

interface PgError {
  code?: string;
  constraint?: string;
  column?: string;
  detail?: string;
}

/** A database refusal as a ValidationError on the field it concerns, or null if it is not one. */
export function toValidationError(model: AnyModel, error: unknown): ValidationError | null {
  const err = error as { name?: string; parent?: PgError; original?: PgError; errors?: { path: string; message: string }[] };
  if (err.name === 'SequelizeValidationError' || err.name === 'SequelizeUniqueConstraintError') {
    const fields: PropertyErrors = {};
    for (const e of err.errors ?? []) fields[e.path] = { message: err.name === 'SequelizeUniqueConstraintError' ? 'Already used by another record' : e.message };
    if (err.name === 'SequelizeUniqueConstraintError' && Object.keys(fields).length === 0) {
      return new ValidationError({}, { message: 'A record with these values already exists' });
    }
    return new ValidationError(fields, { message: 'Please correct the highlighted fields' });
  }
  const pg = err.parent ?? err.original;
  if (!pg?.code) return null;
  const attributes = Object.keys(model.getAttributes());
  const field = pg.column ?? guessColumn(attributes, pg.constraint ?? pg.detail ?? '');
  const messages: Record<string, string> = {
    '23514': 'This value is not allowed here',
    '23502': 'Required',
    '23503': 'Refers to a record that does not exist, or other records still refer to this one',
    '23505': 'Already used by another record',
    '22P02': 'Not a valid value',
    '22003': 'Out of range',
    '22007': 'Not a valid date',
    '22008': 'Not a valid date',
    '22001': 'Too long',
  };
  const message = messages[pg.code];
  if (!message) return null;
  const detail = `${message}${pg.constraint ? ` (${pg.constraint})` : ''}`;
  return field
    ? new ValidationError({ [field]: { message: detail } }, { message: detail })
    : new ValidationError({}, { message: detail });
}

/** deals_value_nonnegative → value: the longest column name the constraint's name contains. */
function guessColumn(attributes: string[], text: string): string | null {
  const keyMatch = /Key \(([a-z_]+)\)/.exec(text);
  if (keyMatch && attributes.includes(keyMatch[1])) return keyMatch[1];
  return attributes.filter((a) => text.includes(a) && a !== 'id').sort((a, b) => b.length - a.length)[0] ?? null;
}
