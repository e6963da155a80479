/**
 * A campaign's audience (`email_campaigns.audience`): conditions on contacts, nested in groups,
 *
 *   { "all": [ { "field": "status", "op": "eq", "value": "customer" },
 *              { "field": "tags", "op": "contains", "value": "vip" },
 *              { "any": [ { "field": "account.industry", "op": "in", "value": ["construction", "energy"] },
 *                         { "field": "lead_score", "op": "gt", "value": 70 } ] } ] }
 *
 * validated with zod (an unknown field or operator, or a value of the wrong kind, is an error
 * naming it and where it is) and compiled to a parameterised SQL condition over `contacts c`
 * LEFT JOIN `accounts a`: values only ever travel as bind parameters.
 *
 * `{}` is "no audience yet" (a draft's default): there is nothing to send to, and a campaign
 * cannot be scheduled with it. An empty group is refused too: it would silently mean "everyone"
 * (all) or "no one" (any); to reach every contact say so, e.g. status is_set true.
 */
import { z } from 'zod';
import {
  CONTACT_RELATIONSHIP_STATUSES,
  CONTACT_SOURCES,
  CONTACT_STATUSES,
  CONTACT_TYPES,
} from '../../models/contact.model.js';
import { CampaignError } from './campaign-error.js';
import type { SqlParams } from './sql-params.js';

export class AudienceError extends CampaignError {
  constructor(message: string) {
    super(message);
    this.name = 'AudienceError';
  }
}

type Kind = 'enum' | 'text' | 'uuid' | 'tags' | 'number' | 'timestamp' | 'date';

interface FieldSpec {
  kind: Kind;
  /** The SQL expression of the value (contacts `c`, their account `a`). */
  column: string;
  /** Enum fields: the allowed values and the PostgreSQL enum type for casts. */
  values?: readonly string[];
  pgType?: string;
}

/**
 * The fields an audience may test: the contact's lifecycle and ownership columns, and the
 * industry of its account. Contacts have no soft delete, so there is no deleted flag to test.
 */
export const AUDIENCE_FIELDS = {
  status: { kind: 'enum', column: 'c.status', values: CONTACT_STATUSES, pgType: 'enum_contacts_status' },
  source: { kind: 'enum', column: 'c.source', values: CONTACT_SOURCES, pgType: 'enum_contacts_source' },
  contact_type: { kind: 'enum', column: 'c.contact_type', values: CONTACT_TYPES, pgType: 'enum_contacts_contact_type' },
  relationship_status: {
    kind: 'enum', column: 'c.relationship_status', values: CONTACT_RELATIONSHIP_STATUSES, pgType: 'enum_contacts_relationship_status',
  },
  tags: { kind: 'tags', column: 'c.tags' },
  owner_id: { kind: 'uuid', column: 'c.owner_id' },
  account_id: { kind: 'uuid', column: 'c.account_id' },
  lead_score: { kind: 'number', column: 'c.lead_score' },
  created_at: { kind: 'timestamp', column: 'c.created_at' },
  last_contacted_at: { kind: 'timestamp', column: 'c.last_contacted_at' },
  next_contact_date: { kind: 'date', column: 'c.next_contact_date' },
  country: { kind: 'text', column: 'c.country' },
  state: { kind: 'text', column: 'c.state' },
  city: { kind: 'text', column: 'c.city' },
  timezone: { kind: 'text', column: 'c.timezone' },
  'account.industry': { kind: 'text', column: 'a.industry' },
} as const satisfies Record<string, FieldSpec>;

export type AudienceField = keyof typeof AUDIENCE_FIELDS;
export const AUDIENCE_OPERATORS = ['eq', 'neq', 'in', 'contains', 'gt', 'lt', 'is_set'] as const;
export type AudienceOperator = (typeof AUDIENCE_OPERATORS)[number];

const OPERATORS_BY_KIND: Record<Kind, readonly AudienceOperator[]> = {
  enum: ['eq', 'neq', 'in', 'is_set'],
  text: ['eq', 'neq', 'in', 'is_set'],
  uuid: ['eq', 'neq', 'in', 'is_set'],
  tags: ['contains', 'is_set'],
  number: ['eq', 'neq', 'gt', 'lt', 'is_set'],
  timestamp: ['gt', 'lt', 'is_set'],
  date: ['gt', 'lt', 'is_set'],
};

export interface AudienceCondition {
  field: AudienceField;
  op: AudienceOperator;
  value: unknown;
}
export type AudienceNode = { all: AudienceNode[] } | { any: AudienceNode[] } | AudienceCondition;

const MAX_DEPTH = 6;
const MAX_CONDITIONS = 200;

/** One value of a field's kind (the operand of eq/neq/gt/lt, an element of `in`). */
function scalarSchema(spec: FieldSpec): z.ZodType {
  switch (spec.kind) {
    case 'enum':
      return z.enum(spec.values as [string, ...string[]], { error: `must be one of: ${spec.values!.join(', ')}` });
    case 'uuid':
      return z.uuid({ error: 'must be a user or record id (UUID)' });
    case 'number':
      return z.number({ error: 'must be a number' });
    case 'timestamp':
      return z.union([z.iso.datetime({ offset: true }), z.iso.date()], { error: 'must be an ISO date or date-time (2026-01-31 or 2026-01-31T09:00:00Z)' });
    case 'date':
      return z.iso.date({ error: 'must be an ISO date (2026-01-31)' });
    case 'text': case 'tags':
      return z.string({ error: 'must be text' }).trim().min(1, { error: 'must not be empty' });
  }
}

function valueSchema(spec: FieldSpec, op: AudienceOperator): z.ZodType {
  if (op === 'is_set') return z.boolean({ error: 'must be true or false' });
  if (op === 'in') return z.array(scalarSchema(spec), { error: 'must be a list of values' }).min(1, { error: 'must list at least one value' });
  return scalarSchema(spec);
}

const conditionShape = z.strictObject({
  field: z.string({ error: 'must name a field' }),
  op: z.string({ error: 'must name an operator' }),
  value: z.unknown(),
});
const groupShape = z.union([
  z.strictObject({ all: z.array(z.unknown(), { error: 'must be a list of conditions' }) }),
  z.strictObject({ any: z.array(z.unknown(), { error: 'must be a list of conditions' }) }),
]);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `{}` (or nothing): the campaign has no audience yet. */
export function isEmptyAudience(input: unknown): boolean {
  return input === null || input === undefined || (isObject(input) && Object.keys(input).length === 0);
}

const issuePath = (base: string, path: PropertyKey[]) =>
  [base, ...path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))].join('').replace(/^\./, '');

/**
 * The audience as a tree of checked conditions; throws AudienceError listing every problem with
 * where it is (`all[1].any[0].op: unknown operator "between" …`).
 */
export function parseAudience(input: unknown): AudienceNode {
  if (isEmptyAudience(input)) {
    throw new AudienceError('The audience is empty ({}): add conditions on contacts, e.g. {"all": [{"field": "status", "op": "eq", "value": "customer"}]}');
  }
  const issues: string[] = [];
  let conditions = 0;

  const walk = (node: unknown, path: string, depth: number): AudienceNode | null => {
    const where = path || 'audience';
    if (!isObject(node)) {
      issues.push(`${where}: must be an object, either a group {"all": [...]} / {"any": [...]} or a condition {"field", "op", "value"}`);
      return null;
    }
    if ('all' in node || 'any' in node) {
      const group = groupShape.safeParse(node);
      if (!group.success) {
        issues.push(`${where}: a group has exactly one key, "all" or "any", holding a list of conditions`);
        return null;
      }
      if (depth >= MAX_DEPTH) {
        issues.push(`${where}: groups nest at most ${MAX_DEPTH} deep`);
        return null;
      }
      const key = 'all' in group.data ? 'all' : 'any';
      const children = (group.data as Record<string, unknown[]>)[key]!;
      if (children.length === 0) {
        issues.push(`${where}: the "${key}" group is empty; list at least one condition`);
        return null;
      }
      const parsed = children.map((child, i) => walk(child, `${path ? `${path}.` : ''}${key}[${i}]`, depth + 1));
      return parsed.every((p) => p !== null) ? ({ [key]: parsed } as AudienceNode) : null;
    }
    conditions += 1;
    const shape = conditionShape.safeParse(node);
    if (!shape.success) {
      for (const issue of shape.error.issues) issues.push(`${issuePath(where, issue.path)}: ${issue.message}`);
      return null;
    }
    const { field, op, value } = shape.data;
    const spec = (AUDIENCE_FIELDS as Record<string, FieldSpec>)[field];
    if (!spec) {
      issues.push(`${where}.field: unknown field "${field}"; known fields: ${Object.keys(AUDIENCE_FIELDS).join(', ')}`);
      return null;
    }
    const allowed = OPERATORS_BY_KIND[spec.kind];
    if (!(AUDIENCE_OPERATORS as readonly string[]).includes(op)) {
      issues.push(`${where}.op: unknown operator "${op}"; known operators: ${AUDIENCE_OPERATORS.join(', ')}`);
      return null;
    }
    if (!allowed.includes(op as AudienceOperator)) {
      issues.push(`${where}.op: operator "${op}" does not apply to field "${field}"; use one of: ${allowed.join(', ')}`);
      return null;
    }
    const checked = valueSchema(spec, op as AudienceOperator).safeParse(value);
    if (!checked.success) {
      for (const issue of checked.error.issues) issues.push(`${issuePath(`${where}.value`, issue.path)}: ${issue.message}`);
      return null;
    }
    return { field: field as AudienceField, op: op as AudienceOperator, value: checked.data };
  };

  const tree = walk(input, '', 0);
  if (conditions > MAX_CONDITIONS) issues.push(`audience: at most ${MAX_CONDITIONS} conditions`);
  if (!tree || issues.length) throw new AudienceError(`The audience is not valid: ${issues.join('; ')}`);
  return tree;
}

/** The SQL type a value of the field is cast to. */
function castOf(spec: FieldSpec): string {
  switch (spec.kind) {
    case 'enum': return spec.pgType!;
    case 'uuid': return 'uuid';
    case 'number': return 'numeric';
    case 'timestamp': return 'timestamptz';
    case 'date': return 'date';
    default: return 'text';
  }
}

/** One condition as SQL; never NULL (so NOT and OR around it behave). */
function compileCondition({ field, op, value }: AudienceCondition, params: SqlParams): string {
  const spec: FieldSpec = AUDIENCE_FIELDS[field];
  const cast = castOf(spec);
  // Free text (country, industry …) is typed by hand: compared without regard to case.
  const text = spec.kind === 'text';
  const column = text ? `lower(${spec.column})` : spec.column;
  const operand = (v: unknown) => (text ? params.add(String(v).toLowerCase(), 'text') : params.add(v, cast));
  switch (op) {
    case 'eq':
      return `coalesce(${column} = ${operand(value)}, false)`;
    // "not X" includes contacts where the field is empty: they are not X either.
    case 'neq':
      return `(${column} IS DISTINCT FROM ${operand(value)})`;
    case 'in': {
      const list = (value as unknown[]).map((v) => (text ? String(v).toLowerCase() : v));
      return `coalesce(${column} = ANY(${params.add(list, `${cast}[]`)}), false)`;
    }
    case 'contains':
      return `(${spec.column} @> ARRAY[${params.add(value, 'text')}])`;
    case 'gt':
      return `coalesce(${spec.column} > ${params.add(value, cast)}, false)`;
    case 'lt':
      return `coalesce(${spec.column} < ${params.add(value, cast)}, false)`;
    case 'is_set': {
      const set = spec.kind === 'tags' ? `(cardinality(${spec.column}) > 0)`
        : spec.kind === 'text' ? `(coalesce(${spec.column}, '') <> '')`
          : `(${spec.column} IS NOT NULL)`;
      return value ? set : `(NOT ${set})`;
    }
  }
}

/** The audience tree as one SQL condition over `contacts c` LEFT JOIN `accounts a`. */
export function compileAudience(node: AudienceNode, params: SqlParams): string {
  if ('all' in node) return `(${node.all.map((n) => compileAudience(n, params)).join(' AND ')})`;
  if ('any' in node) return `(${node.any.map((n) => compileAudience(n, params)).join(' OR ')})`;
  return compileCondition(node, params);
}
