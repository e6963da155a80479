/**
 * What a stage asks of a deal before it may enter (`pipeline_stages.required_fields`, S3) and
 * the error a refused move raises. Kept apart from the move itself so the panel can check a
 * form's values with the same rule before anything is saved.
 */
import { RuleError } from '../rule-error.js';

/** A move the stage rules refuse; nothing was written. `missingFields` names what to fill. */
export class DealStageError extends RuleError {
  constructor(message: string, readonly missingFields: string[] = []) {
    super(message);
  }
}

// why: value is NOT NULL DEFAULT 0, so "filled" for an amount means more than zero; a stage
// that requires the value means a real estimate, not the default.
const AMOUNTS = new Set(['value', 'actual_value']);

/** Whether a deal column counts as filled: not NULL, not blank, not an empty list or object. */
export function isFilled(field: string, value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === 'string' && value.trim() === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object' && !(value instanceof Date)) return Object.keys(value).length > 0;
  if (AMOUNTS.has(field) && Number(value) === 0) return false;
  return true;
}

/**
 * The required fields of a stage that `deal` leaves empty. A name that is not a deal column is
 * reported as missing too (a misconfigured stage must not let every deal through silently).
 */
export function missingRequiredFields(requiredFields: unknown, deal: Record<string, unknown>): string[] {
  const names = Array.isArray(requiredFields) ? requiredFields.filter((f): f is string => typeof f === 'string') : [];
  return names.filter((field) => !(field in deal) || !isFilled(field, deal[field]));
}
