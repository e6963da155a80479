/**
 * The database refuses bad rows by itself, whatever path writes them: duplicates, dangling
 * references, values outside an enum, missing required values; and it keeps derived columns
 * (updated_at, deals.weighted_value, the default role) true.
 */
import { randomUUID } from 'node:crypto';
import { QueryTypes } from 'sequelize';
import { sequelize } from '../src/db.js';

const q = <T extends object>(sql: string, replacements: Record<string, unknown> = {}): Promise<T[]> =>
  sequelize.query<T>(sql, { replacements, type: QueryTypes.SELECT });
const one = async <T extends object>(sql: string, replacements: Record<string, unknown> = {}): Promise<T> => (await q<T>(sql, replacements))[0]!;
const exec = (sql: string, replacements: Record<string, unknown> = {}) => sequelize.query(sql, { replacements });
/** The database's own message for a refused statement (Sequelize wraps some as "Validation error"). */
async function refusal(statement: Promise<unknown>): Promise<string> {
  try {
    await statement;
  } catch (err) {
    const e = err as { parent?: { message?: string }; message: string };
    return e.parent?.message ?? e.message;
  }
  throw new Error('the database accepted the statement');
}

let workspaceId: string;
let otherWorkspaceId: string;
let userId: string;

beforeAll(async () => {
  ({ id: workspaceId } = await one<{ id: string }>(
    `INSERT INTO workspaces (name, slug) VALUES ('Constraints', :slug) RETURNING id`, { slug: `constraints-${Date.now()}` },
  ));
  ({ id: otherWorkspaceId } = await one<{ id: string }>(
    `INSERT INTO workspaces (name, slug) VALUES ('Other', :slug) RETURNING id`, { slug: `other-${Date.now()}` },
  ));
  ({ id: userId } = await one<{ id: string }>(
    `INSERT INTO users (workspace_id, email, password_hash, first_name) VALUES (:ws, :email, 'x', 'Con') RETURNING id`,
    { ws: workspaceId, email: `con-${Date.now()}@example.test` },
  ));
});
afterAll(() => sequelize.close());

const insertContact = (ws: string, email: string | null, first: string | null = 'Ann') =>
  exec(`INSERT INTO contacts (workspace_id, email, first_name) VALUES (:ws, :email, :first)`, { ws, email, first });

test('a duplicate contact email in one workspace is refused; another workspace may reuse it', async () => {
  await insertContact(workspaceId, 'dup@example.test');
  expect(await refusal(insertContact(workspaceId, 'dup@example.test'))).toMatch(/duplicate key value violates unique constraint/);
  await expect(insertContact(otherWorkspaceId, 'dup@example.test')).resolves.toBeDefined();
});

test('a duplicate login email is refused across workspaces', async () => {
  const email = `same-${Date.now()}@example.test`;
  await exec(`INSERT INTO users (workspace_id, email, password_hash, first_name) VALUES (:ws, :email, 'x', 'A')`, { ws: workspaceId, email });
  const second = exec(`INSERT INTO users (workspace_id, email, password_hash, first_name) VALUES (:ws, :email, 'x', 'B')`, { ws: otherWorkspaceId, email });
  expect(await refusal(second)).toMatch(/duplicate key value violates unique constraint/);
});

test('a dangling foreign key is refused', async () => {
  const ghostDeal = exec(`INSERT INTO deals (workspace_id, title, pipeline_id, stage_id) VALUES (:ws, 'Ghost', :p, :s)`, {
    ws: workspaceId, p: randomUUID(), s: randomUUID(),
  });
  expect(await refusal(ghostDeal)).toMatch(/violates foreign key constraint/);
  const ghostOwner = exec(`INSERT INTO contacts (workspace_id, email, owner_id) VALUES (:ws, 'fk@example.test', :owner)`, {
    ws: workspaceId, owner: randomUUID(),
  });
  expect(await refusal(ghostOwner)).toMatch(/violates foreign key constraint/);
});

test('an enum value outside its set is refused', async () => {
  const badStatus = exec(`INSERT INTO contacts (workspace_id, email, status) VALUES (:ws, 'enum@example.test', 'not_a_status')`, { ws: workspaceId });
  expect(await refusal(badStatus)).toMatch(/invalid input value for enum/);
});

test('NULL in a NOT NULL column is refused', async () => {
  const noCompany = exec(
    `INSERT INTO outreach (workspace_id, staff_user_id, company_name, outreach_date) VALUES (:ws, :u, NULL, current_date)`,
    { ws: workspaceId, u: userId },
  );
  expect(await refusal(noCompany)).toMatch(/null value in column "company_name"/);
  const noWorkspace = exec(`INSERT INTO contacts (workspace_id, email) VALUES (NULL, 'nows@example.test')`);
  expect(await refusal(noWorkspace)).toMatch(/null value in column "workspace_id"/);
});

test('a contact needs at least a name or an email', async () => {
  expect(await refusal(insertContact(workspaceId, null, null))).toMatch(/check constraint/);
});

test('range checks hold (probabilities 0-100)', async () => {
  const { id: pipelineId } = await one<{ id: string }>(
    `INSERT INTO pipelines (workspace_id, name) VALUES (:ws, 'Range') RETURNING id`, { ws: workspaceId },
  );
  expect(await refusal(exec(`INSERT INTO pipeline_stages (workspace_id, pipeline_id, name, order_index, probability) VALUES (:ws, :p, 'Bad', 1, 101)`, { ws: workspaceId, p: pipelineId }))).toMatch(/check constraint/);
});

test('updated_at is set by the database on every update', async () => {
  const { id, updated_at: before } = await one<{ id: string; updated_at: Date }>(
    `INSERT INTO accounts (workspace_id, name, updated_at) VALUES (:ws, 'Trigger Co', now() - interval '1 day') RETURNING id, updated_at`, { ws: workspaceId },
  );
  await exec(`UPDATE accounts SET name = 'Trigger Co 2' WHERE id = :id`, { id });
  const { updated_at: after } = await one<{ updated_at: Date }>(
    `SELECT updated_at FROM accounts WHERE id = :id`, { id });
  expect(after.getTime() - before.getTime()).toBeGreaterThan(23 * 3600 * 1000);
});

test('deals.weighted_value follows value and probability and cannot be written', async () => {
  const { id: pipelineId } = await one<{ id: string }>(
    `INSERT INTO pipelines (workspace_id, name) VALUES (:ws, 'W') RETURNING id`, { ws: workspaceId });
  const { id: stageId } = await one<{ id: string }>(
    `INSERT INTO pipeline_stages (workspace_id, pipeline_id, name, order_index, probability) VALUES (:ws, :p, 'Proposal', 1, 40) RETURNING id`,
    { ws: workspaceId, p: pipelineId },
  );
  const deal = await one<{ id: string; weighted_value: string }>(
    `INSERT INTO deals (workspace_id, title, pipeline_id, stage_id, value, probability) VALUES (:ws, 'W deal', :p, :s, 12500, 40) RETURNING id, weighted_value`,
    { ws: workspaceId, p: pipelineId, s: stageId },
  );
  expect(deal.weighted_value).toBe('5000.00');
  await exec(`UPDATE deals SET probability = 75 WHERE id = :id`, { id: deal.id });
  expect((await q<{ weighted_value: string }>(`SELECT weighted_value FROM deals WHERE id = :id`, { id: deal.id }))[0]!.weighted_value).toBe('9375.00');
  expect(await refusal(exec(`UPDATE deals SET weighted_value = 1 WHERE id = :id`, { id: deal.id }))).toMatch(/can only be updated to DEFAULT/);
});

test('a user created without a role gets the staff role in their home workspace', async () => {
  const { id } = await one<{ id: string }>(
    `INSERT INTO users (workspace_id, email, password_hash, first_name) VALUES (:ws, :email, 'x', 'Norole') RETURNING id`,
    { ws: workspaceId, email: `norole-${Date.now()}@example.test` },
  );
  const roles = await q<{ name: string; workspace_id: string }>(
    `SELECT r.name, ur.workspace_id FROM user_roles ur JOIN roles r ON r.id = ur.role_id WHERE ur.user_id = :id`, { id },
  );
  expect(roles).toEqual([{ name: 'staff', workspace_id: workspaceId }]);
});
