/**
 * CSV import end to end on the real PostgreSQL and Redis: the panel helper stores the file and
 * queues the job, a real BullMQ worker runs it, and the rows, counts and per-row report are read
 * back from the database. Also: mapping checks, the other resources' match keys, resuming after
 * a crash, a row only the database refuses, and bad job payloads.
 */
import type { Worker } from 'bullmq';
import { QueryTypes } from 'sequelize';
import { sequelize } from '../src/db.js';
import { ImportFailedError, runImport } from '../src/domain/csv/import-rows.js';
import { IMPORT_RESOURCES, importableColumns } from '../src/domain/csv/resources.js';
import { enqueueImport, ImportRejectedError, startImport, suggestMapping } from '../src/domain/csv/start-import.js';
import { closeQueues, enqueue, InvalidPayloadError, queueFor } from '../src/jobs/queues.js';
import type { DataImport } from '../src/models/index.js';
import type { DataImportResource } from '../src/models/data-import.model.js';
import { startWorkers, stopWorkers } from '../src/worker.js';

const q = <T extends object>(sql: string, replacements: Record<string, unknown> = {}): Promise<T[]> =>
  sequelize.query<T>(sql, { replacements, type: QueryTypes.SELECT });
const one = async <T extends object>(sql: string, replacements: Record<string, unknown> = {}): Promise<T> => (await q<T>(sql, replacements))[0]!;

const stamp = `${Date.now().toString(36)}`;
let ws: string; // the importing workspace
let otherWs: string;
let importer: string; // the user who imports (home workspace ws)
let owner: string; // a user of ws
let member: string; // home workspace otherWs, holds a role in ws: a user of ws too
let foreigner: string; // a user of otherWs only
let account: string;
let workers: Worker[];
const failures: string[] = [];

/** A user of `workspace` (home workspace and a role there, as the panel creates them). */
async function user(workspace: string, name: string): Promise<string> {
  const row = await one<{ id: string }>(
    `INSERT INTO users (workspace_id, email, password_hash, first_name) VALUES (:workspace, :email, 'x', :name) RETURNING id`,
    { workspace, email: `${name}-${stamp}@example.test`, name },
  );
  await q(`INSERT INTO user_roles (workspace_id, user_id, role_id) SELECT :workspace, :id, id FROM roles WHERE name = 'sales_rep'`, { workspace, id: row.id });
  return row.id;
}

interface ImportState {
  id: string;
  status: string;
  total_rows: number;
  processed_rows: number;
  created_count: number;
  updated_count: number;
  error_count: number;
  errors: { row: number; field: string | null; message: string }[];
  failure_reason: string | null;
  csv_bytes: number;
}

async function importState(id: string): Promise<ImportState> {
  return one<ImportState>(
    `SELECT id, status, total_rows, processed_rows, created_count, updated_count, error_count, errors, failure_reason,
            octet_length(csv) AS csv_bytes FROM data_imports WHERE id = :id`,
    { id },
  );
}

async function finished(id: string, timeoutMs = 30_000): Promise<ImportState> {
  const started = Date.now();
  for (;;) {
    const state = await importState(id);
    if (state.status === 'completed' || state.status === 'failed') return state;
    if (Date.now() - started > timeoutMs) throw new Error(`import ${id} still ${state.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Starts an import as the panel does and waits for the worker to finish it. */
async function importCsv(resource: DataImportResource, csv: string, mapping: Record<string, string>): Promise<ImportState> {
  const row: DataImport = await startImport({ workspaceId: ws, userId: importer, resource, fileName: `${resource}.csv`, csv: Buffer.from(csv), mapping });
  return finished(row.id);
}

beforeAll(async () => {
  ({ id: ws } = await one<{ id: string }>(`INSERT INTO workspaces (name, slug) VALUES ('Import Co', :slug) RETURNING id`, { slug: `import-${stamp}` }));
  ({ id: otherWs } = await one<{ id: string }>(`INSERT INTO workspaces (name, slug) VALUES ('Other Co', :slug) RETURNING id`, { slug: `import-other-${stamp}` }));
  importer = await user(ws, 'importer');
  owner = await user(ws, 'owner');
  member = await user(otherWs, 'member');
  foreigner = await user(otherWs, 'foreigner');
  await q(`INSERT INTO user_roles (workspace_id, user_id, role_id) SELECT :ws, :member, id FROM roles WHERE name = 'sales_rep'`, { ws, member });
  ({ id: account } = await one<{ id: string }>(`INSERT INTO accounts (workspace_id, name, domain) VALUES (:ws, 'Acme', 'acme.test') RETURNING id`, { ws }));
  workers = startWorkers(undefined, { log: (message) => failures.push(message) });
});

afterAll(async () => {
  await stopWorkers(workers ?? []);
  await queueFor('csv-import').obliterate({ force: true }).catch(() => undefined);
  await closeQueues();
  await sequelize.close();
});

test('a contacts CSV: good rows land, bad rows are reported by line and field, duplicates update', async () => {
  await q(`INSERT INTO contacts (workspace_id, email, first_name, phone, status) VALUES (:ws, 'existing@example.test', 'Old', '111', 'new')`, { ws });
  const csv = [
    'First Name,Last Name,E-mail,Status,Lead Score,Owner,Tags,Account',
    `Ann,Able,ann@example.test,qualified,40,${owner},vip; east,${account}`,
    'Bob,Baker,not-an-email,new,10,,,',
    'Cy,Cole,cy@example.test,platinum,10,,,',
    'Di,Dunn,di@example.test,new,-5,,,',
    `Ed,Eng,ed@example.test,new,50,${foreigner},,`,
    'Eve,Existing,EXISTING@example.test,Customer,,,,',
    `"Multi\nLine",Mo,mo@example.test,contacted,,${member},,`,
    'Ann2,Able,ann@example.test,,70,,,',
  ].join('\n');
  const mapping = { ...suggestMapping('contacts', csv.split('\n')[0]!.split(',')), Owner: 'owner_id', Account: 'account_id' };
  expect(mapping).toEqual({
    'First Name': 'first_name', 'Last Name': 'last_name', 'E-mail': 'email', Status: 'status', 'Lead Score': 'lead_score',
    Tags: 'tags', Owner: 'owner_id', Account: 'account_id',
  });

  const state = await importCsv('contacts', csv, mapping);
  expect(state).toMatchObject({
    status: 'completed', total_rows: 8, processed_rows: 8, created_count: 2, updated_count: 2, error_count: 4, failure_reason: null,
    csv_bytes: 0, // cleared once completed
  });
  expect(state.errors).toEqual([
    { row: 3, field: 'email', message: 'must be a valid email address (got "not-an-email")' },
    {
      row: 4, field: 'status',
      message: 'must be one of: new, contacted, qualified, unqualified, customer, inactive, engaged, opportunity, churned (got "platinum")',
    },
    { row: 5, field: 'lead_score', message: 'must be at least 0 (got "-5")' },
    { row: 6, field: 'owner_id', message: `is not a user of this workspace (got "${foreigner}")` },
  ]);

  const contacts = await q<Record<string, unknown>>(
    `SELECT email, first_name, last_name, status::text, lead_score, owner_id, account_id, tags, phone, created_by
       FROM contacts WHERE workspace_id = :ws ORDER BY email`, { ws },
  );
  expect(contacts).toEqual([
    // The second "ann" row updated the first: its non-empty cells won, its empty status kept 'qualified'.
    { email: 'ann@example.test', first_name: 'Ann2', last_name: 'Able', status: 'qualified', lead_score: 70, owner_id: owner, account_id: account, tags: ['vip', 'east'], phone: null, created_by: importer },
    // Matched case-insensitively; the phone the file does not carry is kept.
    { email: 'existing@example.test', first_name: 'Eve', last_name: 'Existing', status: 'customer', lead_score: null, owner_id: null, account_id: null, tags: [], phone: '111', created_by: null },
    { email: 'mo@example.test', first_name: 'Multi\nLine', last_name: 'Mo', status: 'contacted', lead_score: null, owner_id: member, account_id: null, tags: [], phone: null, created_by: importer },
  ]);

  const audit = await one<{ action: string; description: string; user_id: string }>(
    `SELECT action::text, description, user_id FROM audit_logs WHERE resource_id = :id`, { id: state.id },
  );
  expect(audit).toEqual({ action: 'import', user_id: importer, description: 'CSV import of contacts.csv into contacts: 2 created, 2 updated, 4 rejected' });

  // Submitting the same import again queues nothing new and changes nothing.
  await enqueueImport(state.id);
  await new Promise((r) => setTimeout(r, 300));
  expect(await importState(state.id)).toEqual(state);
});

test('re-importing unchanged rows rewrites nothing but still counts them as updated', async () => {
  const csv = 'Email,First\nsame1@example.test,Sam\nsame2@example.test,Sue\n';
  await importCsv('contacts', csv, { Email: 'email', First: 'first_name' });
  const read = () => q(`SELECT email, xmin::text AS version, updated_at FROM contacts WHERE workspace_id = :ws AND email LIKE 'same%' ORDER BY email`, { ws });
  const before = await read();
  const again = await importCsv('contacts', csv, { Email: 'email', First: 'first_name' });
  expect(again).toMatchObject({ status: 'completed', created_count: 0, updated_count: 2, error_count: 0 });
  expect(await read()).toEqual(before); // same row versions: no dead tuples, updated_at kept
});

test('startImport refuses an unusable file or mapping with every reason, and stores nothing', async () => {
  const before = await one<{ n: number }>('SELECT count(*)::int AS n FROM data_imports');
  const attempt = (resource: DataImportResource, csv: string, mapping: Record<string, string>) =>
    startImport({ workspaceId: ws, userId: importer, resource, fileName: 'x.csv', csv: Buffer.from(csv), mapping }).then(
      () => [] as string[],
      (err: unknown) => (err instanceof ImportRejectedError ? err.problems : [String(err)]),
    );
  expect(await attempt('accounts', 'Domain,Secret\nacme.test,x\n', { Domain: 'domain', Secret: 'password', Missing: 'industry' })).toEqual([
    '"password" is not an importable column of accounts',
    'the file has no column "Missing"',
    'name is required: map a column to it',
  ]);
  expect(await attempt('contacts', 'Phone\n123\n', { Phone: 'phone' })).toEqual(['map at least one of email, first_name, last_name']);
  expect(await attempt('leads', 'Email,Mail\na@b.test,c@d.test\n', { Email: 'email', Mail: 'email' })).toEqual(['"Mail" and "Email" are both mapped to email']);
  expect(await attempt('contacts', 'Email\n', { Email: 'email' })).toEqual(['the file has no rows below its header']);
  expect(await attempt('contacts', 'Email,Name\n"a@b.test,x\n', { Email: 'email' })).toEqual([
    'CSV syntax error on line 2: Quote Not Closed: the parsing is finished with an opening quote',
  ]);
  expect(await attempt('contacts', 'Email\nx@y.test\n', { Email: 'id' })).toEqual(['"id" is not an importable column of contacts', 'map at least one column', 'map at least one of email, first_name, last_name']);
  expect(await one<{ n: number }>('SELECT count(*)::int AS n FROM data_imports')).toEqual(before);
});

test('suggestMapping reads common header spellings per resource', () => {
  expect(suggestMapping('leads', ['Email Address', 'Company', 'Job Title', 'ZIP', 'Unknown'])).toEqual({
    'Email Address': 'email', Company: 'company_name', 'Job Title': 'job_title',
  });
  expect(suggestMapping('accounts', ['Company', 'Website', 'Domain'])).toEqual({ Company: 'name', Website: 'website', Domain: 'domain' });
  expect(suggestMapping('deals', ['Deal Name', 'Amount', 'ID'])).toEqual({ 'Deal Name': 'title', Amount: 'value', ID: 'id' });
  expect(suggestMapping('contacts', ['email', 'EMAIL'])).toEqual({ email: 'email' });
});

test('accounts match by domain, else by name where a domain is missing', async () => {
  await q(`INSERT INTO accounts (workspace_id, name) VALUES (:ws, 'Globex')`, { ws });
  const csv = [
    'Name,Domain,Revenue,Start,End',
    'Acme Corp,https://www.ACME.test/about,1000,,', // same domain as Acme: renamed
    'globex,globex.test,,,', // Globex has no domain: matched by name, gets one
    'Initech,initech.test,-1,,', // refused: negative revenue
    'Hooli,hooli.test,"1,250.50",2026-02-01,2026-01-01', // refused: contract ends before it starts
    'Hooli,hooli.test,"1,250.50",,', // created
    'Umbrella,,,,', // created (no domain, no such name)
  ].join('\n');
  const state = await importCsv('accounts', csv, { Name: 'name', Domain: 'domain', Revenue: 'annual_revenue', Start: 'contract_start_date', End: 'contract_end_date' });
  expect(state).toMatchObject({ status: 'completed', created_count: 2, updated_count: 2, error_count: 2 });
  expect(state.errors).toEqual([
    { row: 4, field: 'annual_revenue', message: 'must be at least 0 (got "-1")' },
    { row: 5, field: 'contract_end_date', message: 'must not be before contract_start_date' },
  ]);
  const accounts = await q(`SELECT id, name, domain, annual_revenue FROM accounts WHERE workspace_id = :ws ORDER BY lower(name)`, { ws });
  expect(accounts).toEqual([
    { id: account, name: 'Acme Corp', domain: 'acme.test', annual_revenue: '1000.00' },
    { id: expect.any(String), name: 'globex', domain: 'globex.test', annual_revenue: null },
    { id: expect.any(String), name: 'Hooli', domain: 'hooli.test', annual_revenue: '1250.50' },
    { id: expect.any(String), name: 'Umbrella', domain: null, annual_revenue: null },
  ]);
});

test('deals are created, or updated by id; a row only the database refuses is isolated and reported', async () => {
  const pipeline = await one<{ id: string }>(`INSERT INTO pipelines (workspace_id, name) VALUES (:ws, 'Sales') RETURNING id`, { ws });
  const other = await one<{ id: string }>(`INSERT INTO pipelines (workspace_id, name) VALUES (:ws, 'Renewals') RETURNING id`, { ws });
  const stage = await one<{ id: string }>(
    `INSERT INTO pipeline_stages (workspace_id, pipeline_id, name, order_index) VALUES (:ws, :p, 'Proposal', 1) RETURNING id`, { ws, p: pipeline.id },
  );
  const existing = await one<{ id: string }>(
    `INSERT INTO deals (workspace_id, title, value, pipeline_id, stage_id) VALUES (:ws, 'Old deal', 10, :p, :s) RETURNING id`,
    { ws, p: pipeline.id, s: stage.id },
  );
  const stranger = await one<{ id: string }>(`INSERT INTO deals (workspace_id, title) VALUES (:other, 'Not ours') RETURNING id`, { other: otherWs });
  const csv = [
    'ID,Title,Value,Stage,Pipeline,Probability,Currency',
    `,New deal,500,${stage.id},,25,eur`, // created; the stage implies its pipeline
    `${existing.id},,750,,,,`, // updated by id; title kept
    `${stranger.id},Hijack,1,,,,`, // another workspace's deal
    ',,5,,,,', // a new deal needs a title
    `,Wrong stage,5,${stage.id},${other.id},,`, // stage of another pipeline
    `,Too likely,5,,,101,`,
  ].join('\n');
  const state = await importCsv('deals', csv, { ID: 'id', Title: 'title', Value: 'value', Stage: 'stage_id', Pipeline: 'pipeline_id', Probability: 'probability', Currency: 'currency' });
  expect(state).toMatchObject({ status: 'completed', created_count: 1, updated_count: 1, error_count: 4 });
  expect(state.errors).toEqual([
    { row: 4, field: 'id', message: `no deal with this id in this workspace (got "${stranger.id}")` },
    { row: 5, field: 'title', message: 'is required' },
    { row: 6, field: 'stage_id', message: 'is a stage of another pipeline than pipeline_id' },
    { row: 7, field: 'probability', message: 'must be at most 100 (got "101")' },
  ]);
  const deals = await q(`SELECT title, value, pipeline_id, stage_id, currency, weighted_value FROM deals WHERE workspace_id = :ws ORDER BY title`, { ws });
  expect(deals).toEqual([
    { title: 'New deal', value: '500.00', pipeline_id: pipeline.id, stage_id: stage.id, currency: 'EUR', weighted_value: '125.00' },
    { title: 'Old deal', value: '750.00', pipeline_id: pipeline.id, stage_id: stage.id, currency: 'USD', weighted_value: '0.00' },
  ]);

  // Moving the deal to another pipeline without a stage of it breaks deals_stage_in_pipeline_fkey,
  // a rule the row checks do not repeat: that row alone is refused, with the database's words.
  const moved = await importCsv('deals', `ID,Pipeline,Value\n${existing.id},${other.id},1\n,,5\n`, { ID: 'id', Pipeline: 'pipeline_id', Value: 'value' });
  expect(moved).toMatchObject({ status: 'completed', created_count: 0, updated_count: 0, error_count: 2 });
  expect(moved.errors).toEqual([
    { row: 2, field: null, message: expect.stringMatching(/violates foreign key constraint "deals_stage_in_pipeline_fkey"/) },
    { row: 3, field: 'title', message: 'is required' },
  ]);
  const second = await importCsv('deals', `ID,Pipeline,Value,Title\n${existing.id},${other.id},1,\n,,7,Fresh\n`, { ID: 'id', Pipeline: 'pipeline_id', Value: 'value', Title: 'title' });
  expect(second).toMatchObject({ created_count: 1, updated_count: 0, error_count: 1 });
  expect(await one(`SELECT value FROM deals WHERE id = :id`, { id: existing.id })).toEqual({ value: '750.00' });
});

test('leads, job postings and candidate profiles', async () => {
  const leads = await importCsv('leads', 'Email,Priority,Source,Requested demo\nLead@Example.test,hot,Cold Email,yes\n,low,,\nlead@example.test,,,no\n', {
    Email: 'email', Priority: 'priority', Source: 'source', 'Requested demo': 'requested_demo',
  });
  expect(leads).toMatchObject({ created_count: 1, updated_count: 1, error_count: 1, errors: [{ row: 3, field: 'email', message: 'is required to match the lead' }] });
  expect(await q(`SELECT email, priority::text, source::text, requested_demo FROM leads WHERE workspace_id = :ws`, { ws })).toEqual([
    { email: 'lead@example.test', priority: 'hot', source: 'cold_email', requested_demo: false },
  ]);

  const postings = await importCsv('job_postings', `Company,Job,Staff\nAcme,Builder,\nAcme,Welder,${owner}\nAcme,,\n`, {
    Company: 'company_name', Job: 'job_title', Staff: 'staff_user_id',
  });
  expect(postings).toMatchObject({ created_count: 2, error_count: 1, errors: [{ row: 4, field: 'job_title', message: 'is required' }] });
  expect(await q(`SELECT job_title, staff_user_id FROM job_postings WHERE workspace_id = :ws ORDER BY job_title`, { ws })).toEqual([
    { job_title: 'Builder', staff_user_id: importer }, // nobody named: the importing user
    { job_title: 'Welder', staff_user_id: owner },
  ]);

  await q(`INSERT INTO candidate_profiles (user_id, workspace_id, bio) VALUES (:member, :ws, 'Old bio')`, { ws, member });
  const profiles = await importCsv('candidate_profiles', [
    'Email,Skills,Notice,Bio',
    `owner-${stamp}@example.test,"typescript; sql",30,`,
    `MEMBER-${stamp}@example.test,go,,New bio`,
    `foreigner-${stamp}@example.test,,,`,
    `owner-${stamp}@example.test,,-1,`,
  ].join('\n'), { Email: 'email', Skills: 'skills', Notice: 'notice_period', Bio: 'bio' });
  expect(profiles).toMatchObject({ created_count: 1, updated_count: 1, error_count: 2 });
  expect(profiles.errors).toEqual([
    { row: 4, field: 'email', message: `is not a user of this workspace (got "foreigner-${stamp}@example.test")` },
    { row: 5, field: 'notice_period', message: 'must be at least 0 (got "-1")' },
  ]);
  expect(await q(`SELECT user_id, skills, notice_period, bio FROM candidate_profiles WHERE workspace_id = :ws ORDER BY bio NULLS FIRST`, { ws })).toEqual([
    { user_id: owner, skills: ['typescript', 'sql'], notice_period: 30, bio: null },
    { user_id: member, skills: ['go'], notice_period: null, bio: 'New bio' },
  ]);
});

test('an import killed mid-way resumes from its checkpoint without duplicating rows', async () => {
  const rows = Array.from({ length: 25 }, (_, i) => `Resume${i},resume${i}@example.test`);
  const csv = ['First,Email', ...rows, 'Resume3 again,RESUME3@example.test'].join('\n');
  const { id } = await startImport({ workspaceId: ws, userId: importer, resource: 'contacts', fileName: 'resume.csv', csv: Buffer.from(csv), mapping: { First: 'first_name', Email: 'email' } });
  await finished(id); // the worker ran it; now replay the same file as if the first run had died
  await q(`DELETE FROM contacts WHERE workspace_id = :ws AND email LIKE 'resume%'`, { ws });
  await q(`UPDATE data_imports SET status = 'running', processed_rows = 0, created_count = 0, updated_count = 0, csv = :csv WHERE id = :id`, { id, csv: Buffer.from(csv) });

  let batches = 0;
  const crash = new Error('worker killed');
  await expect(runImport(id, { batchSize: 10, onProgress: () => { batches += 1; if (batches === 2) throw crash; } })).rejects.toBe(crash);
  expect(await importState(id)).toMatchObject({ status: 'running', processed_rows: 20, created_count: 20 });

  await runImport(id, { batchSize: 10 });
  expect(await importState(id)).toMatchObject({ status: 'completed', total_rows: 26, processed_rows: 26, created_count: 25, updated_count: 1, error_count: 0 });
  expect(await one(`SELECT count(*)::int AS n, count(DISTINCT email)::int AS d FROM contacts WHERE workspace_id = :ws AND email LIKE 'resume%'`, { ws })).toEqual({ n: 25, d: 25 });
  expect(await one(`SELECT first_name FROM contacts WHERE workspace_id = :ws AND email = 'resume3@example.test'`, { ws })).toEqual({ first_name: 'Resume3 again' });
});

test('the error list keeps the first 1000 problems; the count stays exact', async () => {
  const csv = ['Email', ...Array.from({ length: 1005 }, (_, i) => `bad-${i}`), 'fine@example.test'].join('\n');
  const { id } = await startImport({ workspaceId: ws, userId: importer, resource: 'leads', fileName: 'bad.csv', csv: Buffer.from(csv), mapping: { Email: 'email' } });
  await finished(id);
  // Run again in small batches, so that the cap is reached across batches.
  await q(`UPDATE data_imports SET status = 'running', processed_rows = 0, created_count = 0, updated_count = 0, error_count = 0, errors = '[]', csv = :csv WHERE id = :id`, { id, csv: Buffer.from(csv) });
  await runImport(id, { batchSize: 300 });
  const state = await importState(id);
  expect(state).toMatchObject({ status: 'completed', processed_rows: 1006, error_count: 1005, updated_count: 1 });
  expect(state.errors).toHaveLength(1000);
  expect(state.errors[999]).toEqual({ row: 1001, field: 'email', message: 'must be a valid email address (got "bad-999")' });
  const row = (await (await import('../src/models/index.js')).DataImport.findByPk(id))!;
  expect(row.error_report.split('\n').at(-1)).toBe('… 5 more rejected row(s) not listed');
  expect(row.get('csv')).toBeUndefined(); // never loaded by default
});

test('an import whose stored mapping no longer fits fails at once, with the reason on the import', async () => {
  const { id } = await one<{ id: string }>(
    `INSERT INTO data_imports (workspace_id, user_id, resource, file_name, mapping, csv, total_rows)
     VALUES (:ws, :importer, 'contacts', 'gone.csv', '{"Mail": "email"}', convert_to('Email\nx@y.test\n', 'UTF8'), 1) RETURNING id`,
    { ws, importer },
  );
  await enqueueImport(id);
  const state = await finished(id);
  expect(state).toMatchObject({ status: 'failed', failure_reason: 'the mapping does not fit the file: the file has no column "Mail"', processed_rows: 0 });
  expect(state.csv_bytes).toBeGreaterThan(0); // kept: the import can be fixed and re-run
  const job = await queueFor('csv-import').getJob(`csv-import-${id}`);
  expect(job?.attemptsMade).toBe(1); // not retried
  await expect(runImport('00000000-0000-4000-8000-000000000000')).rejects.toBeInstanceOf(ImportFailedError);
});

test('a bad payload is refused by enqueue and, if it reaches the queue, fails the job without retries', async () => {
  await expect(enqueue('csv-import', { importId: 'nope' })).rejects.toBeInstanceOf(InvalidPayloadError);
  await expect(enqueue('csv-import', { importId: 'nope' })).rejects.toThrow('csv-import: invalid payload: importId: must be the id (UUID) of a data import');
  const job = await queueFor('csv-import').add('csv-import', { importId: 'nope', extra: 1 });
  const started = Date.now();
  while ((await job.getState()) !== 'failed') {
    if (Date.now() - started > 10_000) throw new Error('the job did not fail');
    await new Promise((r) => setTimeout(r, 50));
  }
  const failed = (await queueFor('csv-import').getJob(job.id!))!;
  expect(failed.failedReason).toBe(
    'csv-import: invalid payload: importId: must be the id (UUID) of a data import; (payload): Unrecognized key: "extra"',
  );
  expect(failed.attemptsMade).toBe(1);
  expect(failures.some((f) => f.includes(`job ${job.id} failed: csv-import: invalid payload`))).toBe(true);
});

test('every foreign key of an importable table is checked against the workspace or kept by the system', async () => {
  const fks = await q<{ table: string; column: string }>(
    `SELECT c.conrelid::regclass::text AS "table", a.attname::text AS "column"
       FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
      WHERE c.contype = 'f' AND cardinality(c.conkey) = 1 AND c.conrelid::regclass::text IN (:tables)`,
    { tables: Object.keys(IMPORT_RESOURCES) },
  );
  const unchecked = fks.filter(({ table, column }) => {
    const def = IMPORT_RESOURCES[table as DataImportResource];
    return importableColumns(def).has(column) && !def.references[column];
  });
  expect(unchecked).toEqual([]);
});
