/**
 * AdminJS list filters → a Sequelize WHERE that never reaches PostgreSQL with a value it would
 * reject. The adapter's own conversion answers 500 for a partial UUID, a TEXT[] filter or an
 * unknown enum value (STACK.md); here such a value matches no row instead, text matches with
 * ILIKE (served by pg_trgm indexes), and JSON columns are not filterable.
 */
import { Op, Sequelize, type WhereOptions } from 'sequelize';
import type { Filter } from 'adminjs';
import { SEARCH_COLUMNS } from './search-columns.js';
import { isUuid } from '../../domain/uuid.js';

const NUMERIC = /^-?\d+(\.\d+)?$/;
const NOTHING = Sequelize.literal('FALSE');

interface AttributeLike {
  type: { key?: string; constructor: { key?: string }; values?: string[]; type?: unknown };
  values?: string[];
  field?: string;
}

export function typeKey(attribute: AttributeLike): string {
  return attribute.type.key ?? attribute.type.constructor.key ?? 'UNKNOWN';
}

/** `%`, `_` and `\` are LIKE's own syntax: a user searching "50%" means the characters. */
export const likePattern = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function validDate(value: unknown): string | null {
  return typeof value === 'string' && value !== '' && !Number.isNaN(Date.parse(value)) ? value : null;
}

function condition(table: string, name: string, attribute: AttributeLike, value: unknown): WhereOptions | null {
  const key = typeKey(attribute);
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'object' && !Array.isArray(value)) {
    const { from, to } = value as { from?: unknown; to?: unknown };
    const lower = key === 'DATE' || key === 'DATEONLY' ? validDate(from) : NUMERIC.test(String(from ?? '')) ? Number(from) : null;
    const upper = key === 'DATE' || key === 'DATEONLY' ? validDate(to) : NUMERIC.test(String(to ?? '')) ? Number(to) : null;
    if (lower === null && upper === null) return null;
    return { [name]: { ...(lower !== null && { [Op.gte]: lower }), ...(upper !== null && { [Op.lte]: upper }) } };
  }
  const text = String(value);
  switch (key) {
    case 'VIRTUAL': {
      // A virtual title (a contact's full name) searches the columns it is made of.
      const columns = SEARCH_COLUMNS[table];
      if (!columns) return null;
      return { [Op.or]: columns.map((c) => ({ [c]: { [Op.iLike]: likePattern(text) } })) };
    }
    case 'UUID':
      return isUuid(text) ? { [name]: text.toLowerCase() } : NOTHING;
    case 'ENUM': {
      const allowed = attribute.values ?? attribute.type.values ?? [];
      return allowed.includes(text) ? { [name]: text } : NOTHING;
    }
    case 'INTEGER': case 'BIGINT': case 'SMALLINT': case 'DECIMAL': case 'FLOAT': case 'DOUBLE': case 'REAL':
      return NUMERIC.test(text.trim()) ? { [name]: Number(text) } : NOTHING;
    case 'BOOLEAN':
      return text === 'true' ? { [name]: true } : text === 'false' ? { [name]: false } : null;
    case 'DATE': case 'DATEONLY': {
      const date = validDate(text);
      return date ? { [name]: date } : NOTHING;
    }
    case 'ARRAY':
      return { [name]: { [Op.contains]: [text] } };
    case 'JSON': case 'JSONB':
      return null;
    case 'INET':
      return Sequelize.where(Sequelize.cast(Sequelize.col(name), 'text'), { [Op.iLike]: likePattern(text) });
    default:
      return { [name]: { [Op.iLike]: likePattern(text) } };
  }
}

export function convertFilter(
  table: string,
  attributes: Record<string, AttributeLike>,
  filter: Filter | undefined,
): WhereOptions[] {
  if (!filter) return [];
  const conditions: WhereOptions[] = [];
  for (const element of Object.values(filter.filters ?? {})) {
    const name = element.path.split('.')[0];
    const attribute = attributes[name];
    if (!attribute) continue; // not a column of this table: ignored rather than guessed
    const where = condition(table, name, attribute, element.value);
    if (where) conditions.push(where);
  }
  return conditions;
}
