/**
 * Evaluates a (validated) condition tree against an event's record and changes: plain data
 * walking, no eval. The answer says which leaf decided a false result, for the Test run.
 */
import type { ConditionLeaf, ConditionNode } from './schema.js';

export interface Facts {
  record: Record<string, unknown>;
  changes: Record<string, { from: unknown; to: unknown }>;
}

export interface Evaluation {
  matched: boolean;
  /** When false: the first leaf (with its path) that made it false. */
  failing?: { path: string; condition: ConditionLeaf; actual: unknown };
}

const NUMERIC = /^-?\d+(\.\d+)?$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}/;

/** Numbers compare as numbers (NUMERIC columns may arrive as text), dates as instants, the rest as text. */
function comparable(a: unknown, b: unknown): [number, number] | [string, string] | null {
  if (a === null || a === undefined || b === null || b === undefined) return null;
  const num = (v: unknown) => (typeof v === 'number' ? v : typeof v === 'string' && NUMERIC.test(v) ? Number(v) : NaN);
  if (!Number.isNaN(num(a)) && !Number.isNaN(num(b))) return [num(a), num(b)];
  if (typeof a === 'string' && typeof b === 'string' && ISO_DATE.test(a) && ISO_DATE.test(b)) {
    const [x, y] = [Date.parse(a), Date.parse(b)];
    if (!Number.isNaN(x) && !Number.isNaN(y)) return [x, y];
  }
  return [String(a), String(b)];
}

function equals(a: unknown, b: unknown): boolean {
  if (a === null || a === undefined) return b === null || b === undefined;
  const pair = comparable(a, b);
  return pair !== null && pair[0] === pair[1];
}

function order(a: unknown, b: unknown): number | null {
  const pair = comparable(a, b);
  if (!pair) return null;
  return pair[0] < pair[1] ? -1 : pair[0] > pair[1] ? 1 : 0;
}

function leafHolds(leaf: ConditionLeaf, facts: Facts): { holds: boolean; actual: unknown } {
  const column = leaf.field.replace(/^changes\./, '');
  if (leaf.op === 'changed' || leaf.op === 'changed_from_to') {
    const change = facts.changes[column];
    if (!change) return { holds: false, actual: 'unchanged' };
    const holds = leaf.op === 'changed'
      || ((leaf.from === undefined || equals(change.from, leaf.from)) && (leaf.to === undefined || equals(change.to, leaf.to)));
    return { holds, actual: change };
  }
  const actual = facts.record[column];
  const cmp = () => order(actual, leaf.value);
  switch (leaf.op) {
    case 'eq': return { holds: equals(actual, leaf.value), actual };
    case 'neq': return { holds: !equals(actual, leaf.value), actual };
    case 'in': return { holds: (leaf.value as unknown[]).some((v) => equals(actual, v)), actual };
    case 'gt': { const c = cmp(); return { holds: c !== null && c > 0, actual }; }
    case 'gte': { const c = cmp(); return { holds: c !== null && c >= 0, actual }; }
    case 'lt': { const c = cmp(); return { holds: c !== null && c < 0, actual }; }
    case 'lte': { const c = cmp(); return { holds: c !== null && c <= 0, actual }; }
    case 'contains_tag': return { holds: Array.isArray(actual) && actual.includes(leaf.value), actual };
  }
}

function evaluateNode(node: ConditionNode, facts: Facts, path: string): Evaluation {
  if ('all' in node) {
    for (const [i, child] of node.all.entries()) {
      const result = evaluateNode(child, facts, `${path}.all[${i}]`);
      if (!result.matched) return result;
    }
    return { matched: true };
  }
  if ('any' in node) {
    let first: Evaluation | undefined;
    for (const [i, child] of node.any.entries()) {
      const result = evaluateNode(child, facts, `${path}.any[${i}]`);
      if (result.matched) return result;
      first ??= result;
    }
    return first ?? { matched: false };
  }
  if ('not' in node) {
    const inner = evaluateNode(node.not, facts, `${path}.not`);
    if (!inner.matched) return { matched: true };
    // The negated subtree held: name the group itself as the failing part.
    return { matched: false, failing: { path: `${path}.not`, condition: node.not as ConditionLeaf, actual: 'condition held' } };
  }
  const { holds, actual } = leafHolds(node, facts);
  return holds ? { matched: true } : { matched: false, failing: { path: path || '(root)', condition: node, actual } };
}

/** `{}` (and a scheduled workflow's { cron }) always matches. */
export function evaluateConditions(conditions: Record<string, unknown>, facts: Facts): Evaluation {
  if (Object.keys(conditions).length === 0 || 'cron' in conditions) return { matched: true };
  return evaluateNode(conditions as unknown as ConditionNode, facts, '');
}
