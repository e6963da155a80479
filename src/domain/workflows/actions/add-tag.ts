/** add_tag: appends a tag to the record's `tags` once (adding it again changes nothing). */
import { QueryTypes } from 'sequelize';
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

/**
 * add_tag for many runs at once (the batch engine, run-batch.ts): one UPDATE, the same rule per
 * record. The items are of distinct records (one step of each event per round).
 */
export async function addTagMany(items: { ctx: RunContext; params: ActionParams<'add_tag'> }[]) {
  if (!items.length) return [];
  const { table } = recordOf(items[0]!.ctx);
  const rows = items.map(({ ctx, params }) => ({ id: recordOf(ctx).id, workspace_id: ctx.workspaceId, tag: params.tag }));
  const added = await sequelize.query<{ id: string }>(
    `UPDATE ${sequelize.getQueryInterface().quoteIdentifier(table)} t SET tags = array_append(t.tags, p.tag)
       FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS p(id uuid, workspace_id uuid, tag text)
      WHERE t.id = p.id AND t.workspace_id = p.workspace_id AND NOT (p.tag = ANY (t.tags)) RETURNING t.id`,
    { type: QueryTypes.SELECT, replacements: { rows: JSON.stringify(rows) }, transaction: items[0]!.ctx.transaction },
  );
  const ids = new Set(added.map((r) => r.id));
  return items.map(({ ctx, params }) => ({ tag: params.tag, added: ids.has(recordOf(ctx).id) }));
}
