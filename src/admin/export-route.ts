/**
 * GET /admin/export/:table?filters.x=… — the list as CSV, with the same filters and the same
 * row scope as the list (under the `export` action of the policy), secrets left out, streamed
 * so a million rows do not sit in memory. The export is audited.
 */
import type { RequestHandler } from 'express';
import { flat, Filter, type ActionContext, type default as AdminJS } from 'adminjs';
import { mayUse } from './access.js';
import { recordAudit } from './data/audit.js';
import { ScopedResource } from './scoped-resource.js';
import { streamCsv } from '../domain/csv/export-rows.js';

export const exportRoute = (admin: AdminJS): RequestHandler => async (req, res, next) => {
  try {
    const actor = req.session.adminUser;
    if (!actor) return res.redirect(admin.options.loginPath);
    const table = req.params.table as string;
    const resource = admin.resources.find((r) => r.id() === table);
    if (!(resource instanceof ScopedResource) || !mayUse(actor, table, 'export')) {
      return res.status(403).json({ error: `You may not export ${table}` });
    }
    const { filters = {} } = flat.unflatten(req.query as Record<string, unknown>) as { filters?: Record<string, unknown> };
    const context = { currentAdmin: actor, resource, action: { name: 'export' } } as unknown as ActionContext;
    const where = resource.whereFor(new Filter(filters, resource), context, 'export');
    if (!where) return res.status(403).json({ error: `You may not export ${table}` });
    await recordAudit({ actor, action: 'export', table, id: undefined, description: `Exported ${table} as CSV`, metadata: { filters } });
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${table}-${new Date().toISOString().slice(0, 10)}.csv"`);
    await streamCsv({ model: resource.model, where, exclude: resource.secrets, output: res });
  } catch (error) {
    next(error);
  }
};
