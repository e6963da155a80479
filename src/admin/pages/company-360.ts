/**
 * Pages → "Company 360": one company as every system knows it (src/domain/views/company-360.ts),
 * looked up by account id (`?accountId=`) or by a name, domain or e-mail address (`?q=`).
 *
 * A page is not a resource action, so the API guard does not cover it: this handler checks the
 * actor itself, and the domain reads every section under the actor's `list` scope of its table
 * (a section the role may not list comes back marked not allowed). It only reads.
 */
import type { ActionRequest, AdminJSOptions } from 'adminjs';
import type { Actor } from '../../domain/permissions/actor.js';
import { companyView, CompanyViewError } from '../../domain/views/company-360.js';
import { isActor } from '../access.js';
import { component } from '../components/loader.js';

type Page = NonNullable<AdminJSOptions['pages']>[string];

const error = (message: string) => ({ notice: { message, type: 'error' as const } });
const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() ? value.trim() : null);

export const company360Page: Page = {
  icon: 'Briefcase',
  component: component('Company360', 'company-360.jsx'),
  handler: async (request: ActionRequest, _response: unknown, context: { currentAdmin?: unknown }) => {
    if (!isActor(context.currentAdmin as never)) return error('Log in first');
    const actor = context.currentAdmin as Actor;
    const accountId = text(request.query?.accountId);
    const search = text(request.query?.q);
    // The empty page: nothing asked yet.
    if (!accountId && !search) return { view: null };
    try {
      return { view: await companyView(actor, { accountId, search }) };
    } catch (err) {
      if (err instanceof CompanyViewError) return { view: null, ...error(err.message) };
      throw err;
    }
  },
};
