/**
 * Users in the panel: the form's `password` field becomes a bcrypt `password_hash` (required
 * for a new user, optional on edit, at least 10 characters); the hash itself is never sent.
 */
import bcrypt from 'bcryptjs';
import type { PropertyErrors } from 'adminjs';
import { ScopedResource } from './scoped-resource.js';

export const MIN_PASSWORD_LENGTH = 10;

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
    if (password.length < MIN_PASSWORD_LENGTH) {
      errors.password = { message: `At least ${MIN_PASSWORD_LENGTH} characters` };
      return;
    }
    values.password_hash = await bcrypt.hash(password, 10);
  }
}
