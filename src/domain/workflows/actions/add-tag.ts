/** add_tag: appends a tag to the record's `tags` once (adding it again changes nothing). */
import { sequelize } from '../../../db.js';
import type { ActionParams } from '../schema.js';
import { one, recordOf, type RunContext } from './context.js';

export async function addTag(ctx: RunContext, p: ActionParams<'add_tag'>) {
  const { table, id } = recordOf(ctx);
  const row = await one<{ id: string }>(
    `UPDATE ${sequelize.getQueryInterface().quoteIdentifier(table)} SET tags = array_append(tags, CAST(:tag AS text))
      WHERE id = :id AND workspace_id = :workspaceId AND NOT (CAST(:tag AS text) = ANY (tags)) RETURNING id`,
    { tag: p.tag, id, workspaceId: ctx.workspaceId }, ctx.transaction,
  );
  return { tag: p.tag, added: !!row };
}
