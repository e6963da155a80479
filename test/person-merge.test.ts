/**
 * Finding one person across systems and merging duplicates, against the real database: search by
 * e-mail and by name over contacts, leads, candidates, builders, enrollees and users; duplicates
 * flagged within a kind; a merge that repoints every foreign key (found in the catalog, checked
 * here through the catalog too) including a unique collision, fills the winner, deletes the
 * loser and writes audit; and the refusals, each with nothing written.
 */
import { randomUUID } from 'node:crypto';
import { sequelize } from '../src/db.js';
import { loadActor, type Actor } from '../src/domain/permissions/actor.js';
import { mergeRecords, MergeError } from '../src/domain/views/merge-records.js';
import { searchPeople, PersonSearchError } from '../src/domain/views/person-search.js';
import { personFinderPage } from '../src/admin/pages/person-finder.js';
import { company360Page } from '../src/admin/pages/company-360.js';
import { select, idOf } from './helpers/sql.js';


const tag = randomUUID().slice(0, 8);
const company = `doe-${tag}.test`;
let ws: string;
let otherWs: string;
const user: Record<string, string> = {};
const actor: Record<string, Actor> = {};
const id: Record<string, string> = {};

async function makeUser(key: string, role: string, first = key, last = 'Tester', workspace = ws): Promise<void> {
  user[key] = await idOf(
    `WITH u AS (INSERT INTO users (workspace_id, email, password_hash, first_name, last_name)
                VALUES (:workspace, :email, 'x', :first, :last) RETURNING id)
     INSERT INTO user_roles (workspace_id, user_id, role_id) SELECT :workspace, u.id, r.id FROM u, roles r WHERE r.name = :role
     RETURNING user_id AS id`,
    { workspace, email: `${key}-${tag}@merge.test`, first, last, role },
  );
}

const contact = (fields: Record<string, unknown>) =>
  idOf(`INSERT INTO contacts (workspace_id, first_name, last_name, email, company_name, owner_id, title, phone, tags, unsubscribed)
        VALUES (:ws, :first, :last, :email, :company, :owner, :title, :phone, CAST(:tags AS text[]), :unsubscribed) RETURNING id`,
  { ws: ws, first: null, last: null, email: null, company: null, owner: user.rep, title: null, phone: null, tags: '{}', unsubscribed: false, ...fields });
const lead = (fields: Record<string, unknown>) =>
  idOf(`INSERT INTO leads (workspace_id, first_name, last_name, email, company_name, owner_id, phone, requested_demo)
        VALUES (:ws, :first, :last, :email, :company, :owner, :phone, :demo) RETURNING id`,
  { ws, first: null, last: null, email: null, company: null, owner: user.rep, phone: null, demo: false, ...fields });

/** Every row of any table that references `table`'s `id` through a single-column foreign key. */
async function referencesTo(table: string, recordId: string): Promise<Record<string, number>> {
  const refs = await select<{ tbl: string; col: string }>(
    `SELECT c.conrelid::regclass::text AS tbl, a.attname AS col FROM pg_constraint c
       JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
      WHERE c.contype = 'f' AND c.confrelid = CAST(:table AS regclass) AND cardinality(c.conkey) = 1`, { table });
  const counts: Record<string, number> = {};
  for (const { tbl, col } of refs) {
    const [{ n }] = await select<{ n: number }>(`SELECT count(*)::int AS n FROM ${tbl} WHERE "${col}" = :recordId`, { recordId });
    if (n) counts[`${tbl}.${col}`] = n;
  }
  return counts;
}

beforeAll(async () => {
  ws = await idOf(`INSERT INTO workspaces (name, slug) VALUES ('Merge', :slug) RETURNING id`, { slug: `merge-${tag}` });
  otherWs = await idOf(`INSERT INTO workspaces (name, slug) VALUES ('Merge other', :slug) RETURNING id`, { slug: `merge-other-${tag}` });
  await makeUser('admin', 'admin');
  await makeUser('root', 'root_admin');
  await makeUser('rep', 'sales_rep');
  await makeUser('rep2', 'sales_rep');
  await makeUser('staff', 'staff');
  await makeUser('candidate', 'candidate', 'Jane', `Doe${tag}`);
  for (const key of ['admin', 'root', 'rep', 'rep2', 'staff']) actor[key] = (await loadActor(user[key]!))!;

  const last = `Doe${tag}`;
  id.jane = await contact({ first: 'Jane', last, email: `jane@${company}`, company: `Doe Co ${tag}`, title: 'CEO', tags: '{a}' });
  id.janeDup = await contact({ first: 'jane', last: ` ${last}.`, email: `j.doe@${company}`, company: `Doe Co ${tag}, Inc.`, phone: '555-0100', tags: '{vip,a}', unsubscribed: true });
  id.janeOther = await contact({ first: 'Jane', last, email: `jane-${tag}@gmail.com`, company: 'Elsewhere' });
  id.leadJane = await lead({ first: 'Jane', last, email: `jane@${company}` });
  id.leadJaneDup = await lead({ first: 'Jane', last, email: `jane2@${company}`, phone: '555-0200', demo: true });
  const posting = await idOf(`INSERT INTO job_postings (workspace_id, staff_user_id, company_name, job_title) VALUES (:ws, :u, 'Doe Co', 'Dev') RETURNING id`, { ws, u: user.admin });
  id.builder = await idOf(`INSERT INTO job_posting_builders (workspace_id, job_posting_id, builder_name) VALUES (:ws, :posting, :name) RETURNING id`,
    { ws, posting, name: `Jane ${last}` });
  await select(`INSERT INTO candidate_profiles (user_id, workspace_id) VALUES (:u, :ws)`, { u: user.candidate, ws });

  // Sequences: both contacts in sequence A (the collision), the duplicate alone in B.
  const seq = async (name: string) => idOf(`INSERT INTO sequences (workspace_id, name, status, created_by) VALUES (:ws, :name, 'active', :rep) RETURNING id`, { ws, name, rep: user.rep });
  id.seqA = await seq(`A ${tag}`);
  id.seqB = await seq(`B ${tag}`);
  const enroll = (sequence: string, contactId: string) =>
    idOf(`INSERT INTO sequence_enrollments (workspace_id, sequence_id, contact_id, user_id) VALUES (:ws, :sequence, :contactId, :rep) RETURNING id`,
      { ws, sequence, contactId, rep: user.rep });
  id.enrollJaneA = await enroll(id.seqA, id.jane);
  id.enrollDupA = await enroll(id.seqA, id.janeDup);
  id.enrollDupB = await enroll(id.seqB, id.janeDup);

  // What points at the duplicate contact.
  id.dealDup = await idOf(`INSERT INTO deals (workspace_id, title, value, contact_id, owner_id) VALUES (:ws, 'Dup deal', 10, :c, :rep) RETURNING id`, { ws, c: id.janeDup, rep: user.rep });
  id.taskDup = await idOf(`INSERT INTO tasks (workspace_id, title, contact_id, assigned_to) VALUES (:ws, 'Call Jane', :c, :rep) RETURNING id`, { ws, c: id.janeDup, rep: user.rep });
  id.emailDup = await idOf(`INSERT INTO emails (workspace_id, contact_id, enrollment_id, sequence_id, owner_id, subject, from_email, to_email, status)
    VALUES (:ws, :c, :enrollment, :seq, :rep, 'Step 1', 'rep@merge.test', :to, 'sent') RETURNING id`,
  { ws, c: id.janeDup, enrollment: id.enrollDupA, seq: id.seqA, rep: user.rep, to: `j.doe@${company}` });

  // What points at the duplicate lead.
  id.dealLeadDup = await idOf(`INSERT INTO deals (workspace_id, title, value, lead_id, owner_id) VALUES (:ws, 'Lead deal', 10, :l, :rep) RETURNING id`, { ws, l: id.leadJaneDup, rep: user.rep });
  id.accountFromLead = await idOf(`INSERT INTO accounts (workspace_id, name, created_from_lead_id) VALUES (:ws, :name, :l) RETURNING id`, { ws, name: `Doe Co ${tag}`, l: id.leadJaneDup });
});

afterAll(async () => {
  await sequelize.close();
});

describe('finding a person', () => {
  test('by name: every kind that knows them, duplicates flagged within a kind only', async () => {
    const result = await searchPeople(actor.admin!, `jane doe${tag}`);
    expect(result.by).toBe('name');
    const kinds = (kind: string) => result.hits.filter((h) => h.kind === kind).map((h) => h.id).sort();
    expect(kinds('contact')).toEqual([id.jane, id.janeDup, id.janeOther].sort());
    expect(kinds('lead')).toEqual([id.leadJane, id.leadJaneDup].sort());
    expect(kinds('builder')).toEqual([id.builder]);
    expect(kinds('candidate')).toEqual([user.candidate]);
    expect(kinds('user')).toEqual([user.candidate]);
    expect(kinds('enrollee')).toEqual([id.enrollJaneA, id.enrollDupA, id.enrollDupB].sort());
    const pairs = result.duplicates.map((d) => `${d.kind}:${[d.a, d.b].sort().join(',')}:${d.reason}`).sort();
    expect(pairs).toEqual([
      `contact:${[id.jane, id.janeDup].sort().join(',')}:same name and company`,
      `enrollee:${[id.enrollJaneA, id.enrollDupA].sort().join(',')}:same name and company`,
      `enrollee:${[id.enrollJaneA, id.enrollDupB].sort().join(',')}:same name and company`,
      `lead:${[id.leadJane, id.leadJaneDup].sort().join(',')}:same name and domain`,
    ].sort());
    expect(result.duplicates.find((d) => d.kind === 'contact')!.mergeable).toBe(true);
    expect(result.duplicates.find((d) => d.kind === 'enrollee')!.mergeable).toBe(false);
    // A typo in one word still finds them (trigram similarity of the whole name).
    const typo = await searchPeople(actor.admin!, `Jnae Doe${tag}`);
    expect(typo.hits.filter((h) => h.kind === 'contact').map((h) => h.id).sort()).toEqual([id.jane, id.janeDup, id.janeOther].sort());
  });

  test('by e-mail (any case): exact hits, plus same-name records as companions', async () => {
    const result = await searchPeople(actor.admin!, `JANE@${company.toUpperCase()}`);
    expect(result.by).toBe('email');
    const byId = Object.fromEntries(result.hits.map((h) => [`${h.kind}:${h.id}`, h.matched_by]));
    expect(byId[`contact:${id.jane}`]).toBe('email');
    expect(byId[`lead:${id.leadJane}`]).toBe('email');
    expect(byId[`contact:${id.janeDup}`]).toBe('duplicate');
    expect(result.hits.find((h) => h.id === id.jane)!.duplicate_of).toEqual([id.janeDup]);
  });

  test("a rep finds only the kinds and rows their role lets them list", async () => {
    await contact({ first: 'Jane', last: `Doe${tag}`, email: `rep2-jane-${tag}@x.test`, owner: user.rep2 });
    const result = await searchPeople(actor.rep!, `Jane Doe${tag}`);
    expect(result.hits.every((h) => h.kind !== 'candidate')).toBe(true);
    expect(result.hidden).toEqual(expect.arrayContaining(['candidate', 'outreach_contact']));
    expect(result.hits.filter((h) => h.kind === 'contact').map((h) => h.id).sort()).toEqual([id.jane, id.janeDup, id.janeOther].sort());
  });

  test('refuses a query that cannot mean anything', async () => {
    await expect(searchPeople(actor.admin!, ' j ')).rejects.toThrow(PersonSearchError);
    await expect(searchPeople(actor.admin!, '!!!')).rejects.toThrow('Type a name');
  });
});

describe('merging', () => {
  const state = async () => ({
    contacts: await select(`SELECT * FROM contacts WHERE workspace_id = :ws ORDER BY id`, { ws }),
    leads: await select(`SELECT * FROM leads WHERE workspace_id = :ws ORDER BY id`, { ws }),
    enrollments: await select(`SELECT * FROM sequence_enrollments WHERE workspace_id = :ws ORDER BY id`, { ws }),
    refs: await referencesTo('contacts', id.janeDup!),
    audit: await select(`SELECT id FROM audit_logs WHERE workspace_id = :ws`, { ws }),
  });

  test('refusals: each with a clear message and nothing written', async () => {
    const foreign = await idOf(`INSERT INTO contacts (workspace_id, first_name, email) VALUES (:otherWs, 'Far', :email) RETURNING id`,
      { otherWs, email: `far-${tag}@x.test` });
    const rep2s = await contact({ first: 'Jane', last: `Doe${tag}`, email: `rep2s-${tag}@x.test`, owner: user.rep2 });
    const before = await state();
    const refusals: Array<[Actor, Parameters<typeof mergeRecords>[1], string]> = [
      [actor.admin!, { winner: { kind: 'contact', id: id.jane! }, loser: { kind: 'lead', id: id.leadJane! } }, 'different kinds of record'],
      [actor.admin!, { winner: { kind: 'contact', id: id.jane! }, loser: { kind: 'contact', id: id.jane! } }, 'the same contact twice'],
      [actor.admin!, { winner: { kind: 'candidate', id: user.candidate! }, loser: { kind: 'candidate', id: user.admin! } }, 'cannot be merged'],
      [actor.admin!, { winner: { kind: 'contact', id: id.jane! }, loser: { kind: 'contact', id: 'nope' } }, 'given by their id'],
      [actor.admin!, { winner: { kind: 'contact', id: id.jane! }, loser: { kind: 'contact', id: foreign } }, `No contact ${foreign} that you may edit and delete`],
      [actor.root!, { winner: { kind: 'contact', id: id.jane! }, loser: { kind: 'contact', id: foreign } }, 'different workspaces'],
      [actor.rep!, { winner: { kind: 'contact', id: id.jane! }, loser: { kind: 'contact', id: rep2s } }, `No contact ${rep2s} that you may edit and delete`],
      [actor.rep!, { winner: { kind: 'contact', id: rep2s }, loser: { kind: 'contact', id: id.jane! } }, `No contact ${rep2s} that you may edit`],
      [actor.staff!, { winner: { kind: 'contact', id: id.jane! }, loser: { kind: 'contact', id: id.janeDup! } }, 'Your role may not merge contacts'],
    ];
    for (const [who, input, message] of refusals) {
      const error = await mergeRecords(who, input).then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(MergeError);
      expect((error as Error).message).toContain(message);
    }
    expect(await state()).toEqual(before);
  });

  test('the pages: a role without edit and delete is refused and logged, nothing written; others get what their role allows', async () => {
    type Handler = (request: object, response: object, context: object) => Promise<Record<string, any>>;
    const finder = personFinderPage.handler as unknown as Handler;
    const company = company360Page.handler as unknown as Handler;
    const before = await state();
    const post = (who: Actor | undefined, payload: object) => finder({ method: 'post', payload, query: {} }, {}, { currentAdmin: who });

    const refused = await post(actor.staff, { kind: 'contact', winnerId: id.jane, loserId: id.janeDup });
    expect(refused.notice).toEqual({ type: 'error', message: 'You may not merge contacts: it needs the right to edit and to delete them' });
    expect(refused.canMerge).toEqual([]);
    const logged = await select(`SELECT description FROM security_logs WHERE user_id = :u AND event_type = 'permission_denied'`, { u: user.staff });
    expect(logged).toEqual([{ description: 'Refused merge on the person finder' }]);
    // A domain refusal comes back as the same kind of notice.
    const twoKinds = await post(actor.admin, { winnerKind: 'contact', winnerId: id.jane, loserKind: 'lead', loserId: id.leadJane });
    expect(twoKinds.notice.type).toBe('error');
    expect(twoKinds.notice.message).toContain('different kinds');
    expect(await post(undefined, {})).toEqual({ notice: { type: 'error', message: 'Log in first' } });
    expect(await state()).toEqual(before);

    const found = await finder({ method: 'get', query: { q: `Jane Doe${tag}` } }, {}, { currentAdmin: actor.rep });
    expect(found.canMerge).toEqual(['contact', 'lead']);
    expect(found.result.hits.map((h: { id: string }) => h.id)).toContain(id.jane);
    const short = await finder({ method: 'get', query: { q: 'x' } }, {}, { currentAdmin: actor.rep });
    expect(short.notice.type).toBe('error');

    const view = await company({ method: 'get', query: { q: `Doe Co ${tag} Inc` } }, {}, { currentAdmin: actor.staff });
    expect(view.view.anchor.accountId).toBe(id.accountFromLead);
    // Staff may not list contacts: the section says so instead of looking empty.
    expect(view.view.sections.find((x: { key: string }) => x.key === 'contacts')).toMatchObject({ allowed: false, rows: [] });
    const bad = await company({ method: 'get', query: { accountId: 'nope' } }, {}, { currentAdmin: actor.staff });
    expect(bad.notice).toEqual({ type: 'error', message: 'The account id is not valid' });
  });

  test('two contacts: every reference moves, the enrollment collision keeps the winner’s, fields fill, audit written', async () => {
    const refsBefore = await referencesTo('contacts', id.janeDup!);
    expect(Object.keys(refsBefore).sort()).toEqual(['deals.contact_id', 'emails.contact_id', 'sequence_enrollments.contact_id', 'tasks.contact_id']);

    const result = await mergeRecords(actor.rep!, { winner: { kind: 'contact', id: id.jane! }, loser: { kind: 'contact', id: id.janeDup! } },
      { ip: '10.1.2.3', userAgent: 'jest', method: 'POST', path: '/admin/api/pages/findPerson' });

    expect(result.loserRemoved).toBe('deleted');
    expect(await referencesTo('contacts', id.janeDup!)).toEqual({});
    expect(await select(`SELECT id FROM contacts WHERE id = :id`, { id: id.janeDup })).toEqual([]);
    const moved = Object.fromEntries(result.moved.map((m) => [`${m.table}.${m.column}`, m.rows]));
    expect(moved).toMatchObject({ 'deals.contact_id': 1, 'tasks.contact_id': 1, 'emails.contact_id': 1, 'sequence_enrollments.contact_id': 1 });
    // The same contact twice in sequence A: the winner's enrollment stays, the loser's goes,
    // and the e-mail sent under the loser's enrollment now belongs to the winner's.
    expect(result.collisions).toEqual([expect.objectContaining({ table: 'sequence_enrollments', removedId: id.enrollDupA, keptId: id.enrollJaneA })]);
    const enrollments = await select<{ id: string; sequence_id: string }>(`SELECT id, sequence_id FROM sequence_enrollments WHERE contact_id = :id ORDER BY sequence_id`, { id: id.jane });
    expect(enrollments.map((e) => e.id).sort()).toEqual([id.enrollJaneA, id.enrollDupB].sort());
    const [email] = await select<{ contact_id: string; enrollment_id: string }>(`SELECT contact_id, enrollment_id FROM emails WHERE id = :id`, { id: id.emailDup });
    expect(email).toEqual({ contact_id: id.jane, enrollment_id: id.enrollJaneA });

    const [winner] = await select<{ phone: string; title: string; email: string; tags: string[]; unsubscribed: boolean }>(
      `SELECT phone, title, email, tags, unsubscribed FROM contacts WHERE id = :id`, { id: id.jane });
    expect(winner).toEqual({ phone: '555-0100', title: 'CEO', email: `jane@${company}`, tags: ['a', 'vip'], unsubscribed: true });
    expect(result.filled.sort()).toEqual(['phone', 'tags', 'unsubscribed']);

    const [audit] = await select<Record<string, any>>(`SELECT * FROM audit_logs WHERE id = :id`, { id: result.auditLogId });
    expect(audit).toMatchObject({
      workspace_id: ws, user_id: user.rep, action: 'update', action_type: 'merge', resource_type: 'contacts', resource_id: id.jane,
      ip_address: '10.1.2.3', request_method: 'POST',
    });
    expect(audit.changes.phone).toEqual({ from: null, to: '555-0100' });
    expect(audit.changes.merged_from).toEqual({ from: null, to: id.janeDup });
    expect(audit.metadata.merge.loser).toMatchObject({ id: id.janeDup, email: `j.doe@${company}` });
    expect(audit.metadata.merge.collisions).toHaveLength(1);
    const loserTrail = await select(`SELECT action, action_type, description FROM audit_logs WHERE resource_id = :id`, { id: id.janeDup });
    expect(loserTrail).toEqual([{ action: 'delete', action_type: 'merge', description: `Merged contact ${id.janeDup} into ${id.jane}` }]);
  });

  test('two leads: deals and the account created from the loser move; an empty e-mail takes the loser’s', async () => {
    const result = await mergeRecords(actor.admin!, { winner: { kind: 'lead', id: id.leadJane! }, loser: { kind: 'lead', id: id.leadJaneDup! } });
    expect(await referencesTo('leads', id.leadJaneDup!)).toEqual({});
    const [deal] = await select<{ lead_id: string }>(`SELECT lead_id FROM deals WHERE id = :id`, { id: id.dealLeadDup });
    expect(deal!.lead_id).toBe(id.leadJane);
    const [account] = await select<{ created_from_lead_id: string }>(`SELECT created_from_lead_id FROM accounts WHERE id = :id`, { id: id.accountFromLead });
    expect(account!.created_from_lead_id).toBe(id.leadJane);
    const [winner] = await select<{ phone: string; requested_demo: boolean; email: string }>(`SELECT phone, requested_demo, email FROM leads WHERE id = :id`, { id: id.leadJane });
    expect(winner).toEqual({ phone: '555-0200', requested_demo: true, email: `jane@${company}` });
    expect(result.collisions).toEqual([]);

    // A winner without an e-mail takes the loser's: the loser is gone before the unique address moves.
    const noEmail = await lead({ first: 'Sam', last: tag });
    const withEmail = await lead({ first: 'Sam', last: tag, email: `sam-${tag}@x.test` });
    await mergeRecords(actor.admin!, { winner: { kind: 'lead', id: noEmail }, loser: { kind: 'lead', id: withEmail } });
    expect(await select(`SELECT email FROM leads WHERE id IN (:ids)`, { ids: [noEmail, withEmail] })).toEqual([{ email: `sam-${tag}@x.test` }]);
  });
});
