/**
 * CSV export: a model's rows for a `where`, paged by primary key, with a header of column names,
 * secrets left out, and cells the import reads back.
 */
import { PassThrough } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { QueryTypes } from 'sequelize';
import { sequelize } from '../src/db.js';
import { exportRows, streamCsv } from '../src/domain/csv/export-rows.js';
import { runImport } from '../src/domain/csv/import-rows.js';
import { suggestMapping } from '../src/domain/csv/start-import.js';
import { Contact, DataImport, User } from '../src/models/index.js';

const stamp = Date.now().toString(36);
let ws: string;
let otherWs: string;

async function text(stream: NodeJS.ReadableStream): Promise<string> {
  let out = '';
  for await (const chunk of stream) out += chunk.toString();
  return out;
}

beforeAll(async () => {
  [{ id: ws }, { id: otherWs }] = await Promise.all(
    ['export', 'export-other'].map((slug) =>
      sequelize.query<{ id: string }>(`INSERT INTO workspaces (name, slug) VALUES ('Export', :slug) RETURNING id`, {
        replacements: { slug: `${slug}-${stamp}` }, type: QueryTypes.SELECT,
      }).then((rows) => rows[0]!),
    ),
  ) as [{ id: string }, { id: string }];
  await Contact.bulkCreate([
    ...Array.from({ length: 7 }, (_, i) => ({
      workspace_id: ws, first_name: `Pat${i}`, email: `pat${i}@example.test`, notes: `secret note ${i}`, lead_score: i * 10,
    })),
    {
      workspace_id: ws, first_name: 'Quinn, "Q"', last_name: 'Multi\nline', email: 'quinn@example.test', tags: ['vip', 'east coast'],
      custom_fields: { tier: 'gold', seats: 5 }, birthday: '1990-02-03', last_contacted_at: new Date('2026-01-02T03:04:05Z'),
      status: 'customer', unsubscribed: true, notes: 'secret',
    },
    { workspace_id: otherWs, first_name: 'Elsewhere', email: 'elsewhere@example.test' },
  ]);
  await User.create({ workspace_id: ws, email: `exporter-${stamp}@example.test`, password_hash: '$2b$10$hash', first_name: 'Ex' });
});
afterAll(() => sequelize.close());

test('exports the rows of the where, every page once in key order, with a header and without the secret columns', async () => {
  const csv = await text(exportRows({ model: Contact, where: { workspace_id: ws }, exclude: ['notes'], pageSize: 3 }));
  const [header, ...rows] = parse(csv) as string[][];
  const columns = Object.keys(Contact.getAttributes()).filter((c) => c !== 'notes');
  expect(header).toEqual(columns);
  expect(rows).toHaveLength(8);
  const ids = rows.map((r) => r[columns.indexOf('id')]!);
  expect(ids).toEqual([...ids].sort());
  expect(new Set(ids).size).toBe(8);
  expect(csv).not.toContain('secret');
  expect(csv).not.toContain('elsewhere@');

  const quinn = Object.fromEntries(columns.map((c, i) => [c, rows.find((r) => r.includes('quinn@example.test'))![i]]));
  expect(quinn).toMatchObject({
    first_name: 'Quinn, "Q"', last_name: 'Multi\nline', tags: 'vip; east coast', custom_fields: '{"tier":"gold","seats":5}',
    birthday: '1990-02-03', last_contacted_at: '2026-01-02T03:04:05.000Z', status: 'customer', unsubscribed: 'true',
    lead_score: '', account_id: '', workspace_id: ws,
  });
});

test('chosen columns, in the order given; streamed into a writable', async () => {
  const sink = new PassThrough();
  const collected = text(sink);
  await streamCsv({ model: User, where: { workspace_id: ws }, columns: ['email', 'password_hash', 'first_name'], exclude: ['password_hash'], output: sink });
  expect(await collected).toBe(`email,first_name\nexporter-${stamp}@example.test,Ex\n`);
  // Every stored column except the secret, and never the virtual full_name.
  const all = parse(await text(exportRows({ model: User, where: { workspace_id: ws }, exclude: ['password_hash'] }))) as string[][];
  expect(all[0]).not.toContain('password_hash');
  expect(all[0]).not.toContain('full_name');
  expect(all[0]).toContain('email');
  expect(() => exportRows({ model: User, columns: ['nope'] })).toThrow('users has no column nope');
});

test('an empty result is the header alone', async () => {
  expect(await text(exportRows({ model: Contact, where: { workspace_id: ws, email: 'nobody@example.test' }, columns: ['email', 'status'] }))).toBe('email,status\n');
});

test('what is exported imports back unchanged into another workspace', async () => {
  const csv = await text(exportRows({ model: Contact, where: { workspace_id: ws } }));
  const headers = (parse(csv, { to_line: 1 }) as string[][])[0]!;
  const mapping = suggestMapping('contacts', headers);
  expect(Object.keys(mapping)).not.toContain('id');
  const target = await sequelize.query<{ id: string }>(`INSERT INTO workspaces (name, slug) VALUES ('Copy', :slug) RETURNING id`, {
    replacements: { slug: `export-copy-${stamp}` }, type: QueryTypes.SELECT,
  });
  const row = await DataImport.create({
    workspace_id: target[0]!.id, resource: 'contacts', file_name: 'copy.csv', mapping, csv: Buffer.from(csv), total_rows: 8, status: 'queued',
  });
  expect(await runImport(row.id)).toMatchObject({ status: 'completed', createdCount: 8, errorCount: 0 });
  const columns = ['first_name', 'last_name', 'email', 'tags', 'custom_fields', 'birthday', 'last_contacted_at', 'status', 'unsubscribed', 'lead_score', 'notes'];
  const read = (workspace: string) => Contact.findAll({ where: { workspace_id: workspace }, attributes: columns, order: [['email', 'ASC']], raw: true });
  expect(await read(target[0]!.id)).toEqual(await read(ws));
});
