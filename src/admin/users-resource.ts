/**
 * Users in the panel: the form's `password` field becomes a bcrypt `password_hash` (required
 * for a new user, optional on edit, passwords.ts says how long); the hash itself is never sent.
 */
import type { PropertyErrors } from 'adminjs';
import { hashPassword, passwordProblem } from '../domain/auth/passwords.js';
import { ScopedResource } from './scoped-resource.js';

export class UsersResource extends ScopedResource {
  protected override async prepareValues(
    values: Record<string, unknown>,
    params: Record<string, unknown>,
    isNew: boolean,
    errors: PropertyErrors,
  ): Promise<void> {
    delete values.password_hash; // only ever set from `password`
    const password = typeof params.password === 'string' ? params.password : '';
    if (password === '') {
      if (isNew) errors.password = { message: 'Required for a new user' };
      return;
    }
    const problem = passwordProblem(password);
    if (problem) {
      errors.password = { message: problem };
      return;
    }
    values.password_hash = await hashPassword(password);
  }
}
