/**
 * The answer of a record action that changed (or refused to change) its record: the record read
 * again, so the page shows what is stored now, an optional notice, and on success a redirect to
 * the show page.
 */
import type { ActionContext, RecordActionResponse } from 'adminjs';

export type Notice = { message: string; type: 'success' | 'error' | 'info' };

export async function respond(context: ActionContext, notice?: Notice, extra: Record<string, unknown> = {}): Promise<RecordActionResponse> {
  const { record, resource, currentAdmin, h } = context;
  const fresh = record ? await resource.findOne(String(record.id()), context) : null;
  return {
    record: (fresh ?? record)!.toJSON(currentAdmin),
    ...(notice && { notice }),
    ...(notice?.type === 'success' && record && {
      redirectUrl: h.recordActionUrl({ resourceId: resource.id(), recordId: String(record.id()), actionName: 'show' }),
    }),
    ...extra,
  } as RecordActionResponse;
}
