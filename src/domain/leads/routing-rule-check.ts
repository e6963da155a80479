/**
 * What a lead routing rule must look like to be saved: its `conditions` a tree the routing
 * trigger understands, over columns leads really have (or `email_domain`), with an operator that
 * fits its value; its `auto_create_tasks` a list of task templates. A mistake is refused at save
 * with its path (`conditions.all[1].field: leads have no column "budgett"`), not discovered when
 * a lead arrives and silently matches nothing. The model runs it on every write (panel, API, CSV).
 *
 * This module imports only routing.ts (zod): models load it.
 */
import { ROUTING_OPERATORS, routingTaskSchema } from './routing.js';

const LIST_OPS = new Set(['in', 'not_in']);
const VALUELESS_OPS = new Set(['is_set', 'is_empty']);
const GROUPS = ['all', 'any', 'not'];

function checkNode(node: unknown, path: string, columns: ReadonlySet<string>, problems: string[]): void {
  const at = (message: string) => void problems.push(`conditions${path}: ${message}`);
  if (!node || typeof node !== 'object' || Array.isArray(node)) return at('must be an object');
  const keys = Object.keys(node);
  if (keys.length === 0) return; // {} matches every lead
  const group = keys.find((k) => GROUPS.includes(k));
  const inner = (node as Record<string, unknown>)[group ?? ''];
  if (group) {
    if (keys.length > 1) return at(`"${group}" stands alone; found also ${keys.filter((k) => k !== group).join(', ')}`);
    if (group === 'not') return checkNode(inner, `${path}.not`, columns, problems);
    if (!Array.isArray(inner) || inner.length === 0) return at(`${group} needs a non-empty list of conditions`);
    inner.forEach((child, i) => checkNode(child, `${path}.${group}[${i}]`, columns, problems));
    return;
  }
  const leaf = node as { field?: unknown; op?: unknown; value?: unknown };
  const unknownKeys = keys.filter((k) => !['field', 'op', 'value'].includes(k));
  if (unknownKeys.length) return at(`unknown key ${unknownKeys.map((k) => `"${k}"`).join(', ')} (a condition is { field, op, value } or all / any / not)`);
  if (typeof leaf.field !== 'string' || !leaf.field) return at('needs a "field"');
  if (!columns.has(leaf.field)) return at(`leads have no column "${leaf.field}"`);
  const op = leaf.op ?? 'eq';
  if (typeof op !== 'string' || !(ROUTING_OPERATORS as readonly string[]).includes(op)) {
    return at(`unknown operator ${JSON.stringify(op)} (one of ${ROUTING_OPERATORS.join(', ')})`);
  }
  if (LIST_OPS.has(op) && !Array.isArray(leaf.value)) return at(`${op} needs a list as its value`);
  if (!VALUELESS_OPS.has(op) && leaf.value === undefined) return at(`${op} needs a value`);
}

/** The problems of a rule's conditions, each with its path; empty when it can be saved. */
export function routingConditionProblems(conditions: unknown, leadColumns: Iterable<string>): string[] {
  const problems: string[] = [];
  checkNode(conditions, '', new Set([...leadColumns, 'email_domain']), problems);
  return problems;
}

/** The problems of a rule's task templates, each with its path. */
export function routingTaskProblems(tasks: unknown): string[] {
  if (!Array.isArray(tasks)) return ['auto_create_tasks: must be a list of tasks ([] for none)'];
  return tasks.flatMap((task, i) => {
    const parsed = routingTaskSchema.safeParse(task);
    return parsed.success ? [] : parsed.error.issues.map((issue) => `auto_create_tasks[${i}]${issue.path.map((p) => `.${String(p)}`).join('')}: ${issue.message}`);
  });
}
