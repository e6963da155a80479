/** Test users: an acme user holding one role, made with SQL like the seed makes them. */
import { QueryTypes } from 'sequelize';
import { sequelize } from '../../src/db.js';
import { hashPassword } from '../../src/domain/auth/passwords.js';

export async function makeUser(
  email: string,
  { password, role = 'sales_rep', firstName = 'Test', active = true }: { password: string; role?: string; firstName?: string; active?: boolean },
): Promise<string> {
  const [{ id }] = await sequelize.query<{ id: string }>(
    `WITH u AS (
       INSERT INTO users (workspace_id, email, password_hash, first_name, is_active)
       SELECT id, :email, :hash, :firstName, :active FROM workspaces WHERE slug = 'acme' RETURNING id, workspace_id)
     INSERT INTO user_roles (workspace_id, user_id, role_id)
       SELECT u.workspace_id, u.id, r.id FROM u, roles r WHERE r.name = :role RETURNING user_id AS id`,
    { type: QueryTypes.SELECT, replacements: { email, hash: await hashPassword(password), firstName, active, role } },
  );
  return id;
}
