/**
 * "Set field" on the selected rows (AdminJS has no bulk edit): one field, one value, applied
 * row by row through ScopedResource.update under the `bulkEdit` scope, so each row is checked
 * against the policy and the workspace, validated, and audited; rows that fail are reported
 * and the others still change. Each row also goes through the edit form's own hooks (a status
 * only actions may move, a deal's stage moved by the stage rules), so "Set field" can do no
 * more than the form.
 */
import type { Action, ActionRequest, ActionResponse, BaseRecord, BaseResource } from 'adminjs';
import { component } from '../components/loader.js';

/** Property types a single value can be set for (not JSON documents or long text). */
const SETTABLE_TYPES = new Set(['string', 'reference', 'boolean', 'number', 'float', 'currency', 'date', 'datetime']);

export function bulkEditableFields(resource: BaseResource): string[] {
  return resource
    .decorate()
    .getProperties({ where: 'edit' })
    .filter((p) => !p.isDisabled() && (SETTABLE_TYPES.has(p.type()) || p.isArray()) && !p.isId())
    .map((p) => p.propertyPath);
}

export const bulkEditAction: Partial<Action<ActionResponse>> = {
  actionType: 'bulk',
  icon: 'Edit',
  component: component('BulkEdit', 'bulk-edit.jsx'),
  handler: async (request, _response, context) => {
    const { resource, records = [], currentAdmin } = context;
    const fields = bulkEditableFields(resource);
    const json = (r: BaseRecord) => r.toJSON(currentAdmin);
    if (request.method !== 'post') return { records: records.map(json), fields } as ActionResponse;
    const payload = (request.payload ?? {}) as Record<string, unknown>;
    const field = String(payload.field ?? '');
    if (!fields.includes(field)) {
      return { records: records.map(json), fields, notice: { message: `Choose one of the fields: ${fields.join(', ')}`, type: 'error' } } as ActionResponse;
    }
    // The value arrives flattened like a form's (tags.0, tags.1 …); keep only this field's keys.
    const params = Object.fromEntries(Object.entries(payload).filter(([k]) => k === 'value' || k.startsWith('value.')).map(([k, v]) => [k.replace(/^value/, field), v]));
    if (!(field in params) && !Object.keys(params).some((k) => k.startsWith(`${field}.`))) params[field] = '';
    const failures: string[] = [];
    let changed = 0;
    const edit = resource.decorate().actions.edit;
    for (const record of records) {
      try {
        const id = String(record.id());
        // One context per row: the edit hooks keep what they decided on it (before → after).
        const rowContext = { ...context, record };
        const rowRequest: ActionRequest = { ...request, method: 'post', payload: params };
        const checked = edit ? await edit.invokeBeforeHook(rowRequest, rowContext) : rowRequest;
        await resource.update(id, checked.payload ?? {}, rowContext);
        if (edit) {
          const fresh = await resource.findOne(id, rowContext);
          const after = await edit.invokeAfterHook({ record: fresh?.toJSON(currentAdmin) }, checked, rowContext) as ActionResponse;
          if (after.notice?.type === 'error') throw new Error(after.notice.message);
        }
        changed += 1;
      } catch (error) {
        const e = error as { propertyErrors?: Record<string, { message: string }>; baseError?: { message: string }; message: string };
        const reason = e.propertyErrors?.[field]?.message ?? e.baseError?.message ?? e.message;
        failures.push(`${record.title() || record.id()}: ${reason}`);
      }
    }
    const message = failures.length
      ? `Changed ${changed} of ${records.length}. Not changed: ${failures.slice(0, 5).join('; ')}${failures.length > 5 ? ` and ${failures.length - 5} more` : ''}`
      : `Changed ${changed} record${changed === 1 ? '' : 's'}`;
    return {
      records: records.map(json),
      fields,
      changed,
      failures,
      notice: { message, type: failures.length ? (changed ? 'info' : 'error') : 'success' },
      redirectUrl: context.h.resourceUrl({ resourceId: resource.id() }),
    } as ActionResponse;
  },
};
