/** Fills `{{record.<column>}}` in an action's params from the event's record (validated at save). */
const PLACEHOLDER = /\{\{\s*record\.([a-z0-9_]+)\s*\}\}/g;

function show(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.join(', ');
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

export function fillPlaceholders<T>(value: T, record: Record<string, unknown>): T {
  if (typeof value === 'string') return value.replace(PLACEHOLDER, (_m, column: string) => show(record[column])) as T;
  if (Array.isArray(value)) return value.map((v) => fillPlaceholders(v, record)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fillPlaceholders(v, record)])) as T;
  }
  return value;
}

/**
 * An action's params as they will run against this record: placeholders filled and
 * `record_owner` replaced by the record's owner (null when it has none).
 */
export function resolveParams(action: Record<string, unknown>, record: Record<string, unknown> | null): Record<string, unknown> {
  const { type: _type, ...params } = action;
  const filled = record ? fillPlaceholders(params, record) : { ...params };
  for (const key of ['assign_to', 'user']) {
    if (filled[key] === 'record_owner') filled[key] = (record?.owner_id as string | undefined) ?? null;
  }
  return filled;
}
