/** update_field: one column of the record (checked against the table's columns at save). */
import { sequelize } from '../../../db.js';
import { PROTECTED_COLUMNS } from '../triggers.js';
import type { ActionParams } from '../schema.js';
import { ActionError, one, recordOf, type RunContext } from './context.js';

export async function updateField(ctx: RunContext, p: ActionParams<'update_field'>) {
  const { table, record, id } = recordOf(ctx);
  // The definition was checked at save; this guards a column dropped or renamed since.
  if (!(p.field in record) || PROTECTED_COLUMNS.has(p.field)) throw new ActionError(`update_field: ${table} has no settable field "${p.field}"`);
  const column = sequelize.getQueryInterface().quoteIdentifier(p.field);
  const row = await one<{ id: string }>(
    `UPDATE ${sequelize.getQueryInterface().quoteIdentifier(table)} SET ${column} = :value
      WHERE id = :id AND workspace_id = :workspaceId RETURNING id`,
    { value: p.value, id, workspaceId: ctx.workspaceId }, ctx.transaction,
  );
  if (!row) throw new ActionError(`update_field: the ${table} row ${id} no longer exists`);
  return { field: p.field, from: record[p.field] ?? null, to: p.value };
}
