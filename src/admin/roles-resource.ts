/**
 * Roles in the panel: the policy an admin types is validated against the policy schema at save
 * (an unknown scope or a malformed document is refused next to the field, not silently read as
 * "no access"); only a root admin may grant the `all` scope or change the root_admin role.
 */
import type { PropertyErrors } from 'adminjs';
import { policySchema } from '../domain/permissions/policy.js';
import type { Actor } from '../domain/permissions/actor.js';
import { ScopedResource } from './scoped-resource.js';

export class RolesResource extends ScopedResource {
  protected override async prepareValues(
    values: Record<string, unknown>,
    _params: Record<string, unknown>,
    _isNew: boolean,
    errors: PropertyErrors,
    actor: Actor,
  ): Promise<void> {
    if (values.name === 'root_admin' && !actor.isRoot) errors.name = { message: 'Only a root admin may change this role' };
    if (!('permissions' in values) || errors.permissions) return;
    const parsed = policySchema.safeParse(values.permissions);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      errors.permissions = { message: `Not a valid policy at ${issue.path.join('.') || 'the top'}: ${issue.message}` };
      return;
    }
    const grantsAll = Object.values(parsed.data.resources).some((actions) => Object.values(actions).includes('all'));
    if (grantsAll && !actor.isRoot) errors.permissions = { message: 'Only a root admin may grant the "all" scope' };
  }
}
