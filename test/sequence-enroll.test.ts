/**
 * Enrolling contacts in sequences and holding/resuming them (S4), against the real database:
 * the domain functions (who is skipped and why, refusals that write nothing, pause/resume that
 * keep the place, sequence status rules) and the panel's actions over HTTP as a sales rep and as
 * an admin, under the role policy and the row scopes.
 */
import { randomUUID } from 'node:crypto';
import { sequelize } from '../src/db.js';
import { seedDemoData } from '../src/demo/seed-demo.js';
import { describeEnrollment, enrollContacts } from '../src/domain/sequences/enroll.js';
import { pauseEnrollment, resumeEnrollment, setSequenceStatus } from '../src/domain/sequences/lifecycle.js';
import { SequenceRuleError } from '../src/domain/sequences/rules.js';
import { PanelClient, startPanel, type Panel } from './helpers/panel-client.js';
import { select, one, idOf } from './helpers/sql.js';

let panel: Panel;
const clients: Record<string, PanelClient> = {};

const LOGINS = ['admin@acme.example', 'rep@acme.example', 'rep2@acme.example', 'office@acme.example', 'admin@globex.example'];

let acme: string;
let globex: string;
let rep: string;
let rep2: string;
let repMailbox: string;
let rep2Mailbox: string;

beforeAll(async () => {
  await seedDemoData(); // the demo logins and rows, once per run (a no-op when acme exists)
  acme = await idOf(`SELECT id FROM workspaces WHERE slug = 'acme'`);
  globex = await idOf(`SELECT id FROM workspaces WHERE slug = 'globex'`);
  rep = await idOf(`SELECT id FROM users WHERE email = 'rep@acme.example'`);
  rep2 = await idOf(`SELECT id FROM users WHERE email = 'rep2@acme.example'`);
  repMailbox = await idOf(`SELECT id FROM email_accounts WHERE user_id = :rep AND is_active`, { rep });
  rep2Mailbox = await idOf(`SELECT id FROM email_accounts WHERE user_id = :rep2 AND is_active`, { rep2 });
  panel = await startPanel();
  for (const email of LOGINS) {
    clients[email] = new PanelClient(panel.url);
    if (!(await clients[email].login(email)).ok) throw new Error(`demo login ${email} failed`);
  }
});

afterAll(async () => {
  await panel?.close();
  await sequelize.close();
});

// ---- fixtures ------------------------------------------------------------------------------

/** A sequence with steps numbered as given ([step_number, delay_days]); the first is the lowest number. */
async function makeSequence(
  { workspaceId = acme, status = 'active', steps = [[2, 3], [5, 1]] as [number, number][], createdBy = rep } = {},
): Promise<string> {
  const id = await idOf(
    `INSERT INTO sequences (workspace_id, name, status, created_by) VALUES (:workspaceId, :name, :status, :createdBy) RETURNING id`,
    { workspaceId, name: `Seq ${randomUUID().slice(0, 8)}`, status, createdBy },
  );
  for (const [number, delay] of steps) {
    await sequelize.query(
      `INSERT INTO sequence_steps (workspace_id, sequence_id, step_number, subject, body, delay_days)
       VALUES (:workspaceId, :id, :number, 'Hi', 'Hello {{contact.first_name}}', :delay)`,
      { replacements: { workspaceId, id, number, delay } },
    );
  }
  return id;
}

/** n contacts owned by `owner`; `flags` per index: bounced, unsubscribed, no email. */
async function makeContacts(
  n: number,
  { owner = rep, workspaceId = acme, flags = {} as Record<number, 'bounced' | 'unsubscribed' | 'noEmail'> } = {},
): Promise<string[]> {
  const tag = randomUUID().slice(0, 8);
  const ids: string[] = [];
  for (let i = 0; i < n; i += 1) {
    const flag = flags[i];
    ids.push(await idOf(
      `INSERT INTO contacts (workspace_id, first_name, email, owner_id, bounced, unsubscribed)
       VALUES (:workspaceId, :name, :email, :owner, :bounced, :unsubscribed) RETURNING id`,
      {
        workspaceId, owner, name: `Enroll ${i}`,
        email: flag === 'noEmail' ? null : `enroll-${tag}-${i}@example.com`,
        bounced: flag === 'bounced', unsubscribed: flag === 'unsubscribed',
      },
    ));
  }
  return ids;
}

const enrollmentsOf = (contactIds: string[]) => select<{
  contact_id: string; sequence_id: string; status: string; current_step: number; user_id: string; email_account_id: string;
  next_email_scheduled_at: Date; in_days: number;
}>(
  `SELECT contact_id, sequence_id, status, current_step, user_id, email_account_id, next_email_scheduled_at,
          EXTRACT(EPOCH FROM next_email_scheduled_at - now()) / 86400 AS in_days
     FROM sequence_enrollments WHERE contact_id IN (:contactIds)`,
  { contactIds },
);

async function expectRefused(promise: Promise<unknown>, message: RegExp): Promise<void> {
  await expect(promise).rejects.toThrow(SequenceRuleError);
  await expect(promise).rejects.toThrow(message);
}

// ---- enrollContacts ------------------------------------------------------------------------

describe('enrollContacts', () => {
  test('enrolls 10 selected contacts of which 1 is already enrolled, 1 unsubscribed and 1 bounced: 7 enrolled, 3 reported', async () => {
    const sequenceId = await makeSequence();
    const contacts = await makeContacts(10, { flags: { 1: 'unsubscribed', 2: 'bounced' } });
    await sequelize.query(
      `INSERT INTO sequence_enrollments (workspace_id, sequence_id, contact_id, status, current_step) VALUES (:acme, :sequenceId, :contactId, 'paused', 1)`,
      { replacements: { acme, sequenceId, contactId: contacts[0] } },
    );
    const result = await enrollContacts({ workspaceId: acme, sequenceId, emailAccountId: repMailbox, contactIds: contacts });
    expect(result.enrolled).toBe(7);
    expect(result.enrollmentIds).toHaveLength(7);
    expect(result.skipped).toEqual({ alreadyEnrolled: 1, unsubscribed: 1, bounced: 1, noEmail: 0, outsideWorkspace: 0 });
    expect(result.skippedContactIds.alreadyEnrolled).toEqual([contacts[0]]);
    expect(result.skippedContactIds.unsubscribed).toEqual([contacts[1]]);
    expect(result.skippedContactIds.bounced).toEqual([contacts[2]]);
    expect(describeEnrollment(result)).toBe('Enrolled 7; skipped 3 (1 already enrolled, 1 unsubscribed, 1 bounced)');

    const rows = await enrollmentsOf(contacts);
    expect(rows).toHaveLength(8);
    const fresh = rows.filter((r) => r.contact_id !== contacts[0]);
    expect(fresh.map((r) => r.contact_id).sort()).toEqual(contacts.slice(3).sort());
    for (const row of fresh) {
      expect(row).toMatchObject({ sequence_id: sequenceId, status: 'active', current_step: 0, user_id: rep, email_account_id: repMailbox });
      // The first step is step_number 2 (delay 3 days), not the one with the smallest delay.
      expect(Number(row.in_days)).toBeCloseTo(3, 1);
    }
    // The one already there is untouched.
    expect(rows.find((r) => r.contact_id === contacts[0])).toMatchObject({ status: 'paused', current_step: 1 });
  });

  test('an active unsubscribe record for the address, no address, another workspace: skipped by reason; a lifted or narrower unsubscribe is not', async () => {
    const sequenceId = await makeSequence();
    const [optedOut, lifted, promotional, noEmail, ok] = await makeContacts(5, { flags: { 3: 'noEmail' } });
    const [foreign] = await makeContacts(1, { workspaceId: globex, owner: null as never });
    const address = async (id: string) => (await one<{ email: string }>(`SELECT email FROM contacts WHERE id = :id`, { id })).email;
    // Stored with another spelling: the match ignores case.
    await sequelize.query(
      `INSERT INTO email_unsubscribes (workspace_id, email, unsubscribe_type) VALUES (:acme, upper(:a), 'all');
       INSERT INTO email_unsubscribes (workspace_id, email, unsubscribe_type, is_active, resubscribed_at) VALUES (:acme, :b, 'all', false, now());
       INSERT INTO email_unsubscribes (workspace_id, email, unsubscribe_type) VALUES (:acme, :c, 'promotional');
       INSERT INTO email_unsubscribes (workspace_id, email, unsubscribe_type) VALUES (:globex, :d, 'all');`,
      { replacements: { acme, globex, a: await address(optedOut!), b: await address(lifted!), c: await address(promotional!), d: await address(ok!) } },
    );
    const result = await enrollContacts({
      workspaceId: acme, sequenceId, emailAccountId: repMailbox,
      // A contact given twice counts once.
      contactIds: [optedOut!, lifted!, promotional!, noEmail!, ok!, ok!, foreign!],
    });
    expect(result.enrolled).toBe(3);
    expect(result.skippedContactIds).toEqual({
      alreadyEnrolled: [], unsubscribed: [optedOut], bounced: [], noEmail: [noEmail], outsideWorkspace: [foreign],
    });
    expect(describeEnrollment(result)).toBe('Enrolled 3; skipped 3 (1 unsubscribed, 1 without an email address, 1 not in this workspace)');
    expect((await enrollmentsOf([lifted!, promotional!, ok!])).length).toBe(3);
    expect(await enrollmentsOf([foreign!])).toHaveLength(0);
  });

  test('a paused sequence takes enrollments; an empty result is a report, not an error', async () => {
    const sequenceId = await makeSequence({ status: 'paused' });
    const contacts = await makeContacts(2);
    expect((await enrollContacts({ workspaceId: acme, sequenceId, emailAccountId: repMailbox, contactIds: contacts })).enrolled).toBe(2);
    const again = await enrollContacts({ workspaceId: acme, sequenceId, emailAccountId: repMailbox, contactIds: contacts });
    expect(again.enrolled).toBe(0);
    expect(describeEnrollment(again)).toBe('Enrolled 0; skipped 2 (2 already enrolled)');
  });

  test('refuses, with a reason and writing nothing: foreign, archived, completed or stepless sequence; foreign or inactive mailbox; empty selection', async () => {
    const contacts = await makeContacts(3);
    const good = await makeSequence();
    const inactiveMailbox = await idOf(
      `INSERT INTO email_accounts (workspace_id, user_id, provider, email, is_active)
       VALUES (:acme, :rep, 'smtp', :email, false) RETURNING id`,
      { acme, rep, email: `off-${randomUUID().slice(0, 8)}@acme.example` },
    );
    const globexMailbox = await idOf(`SELECT id FROM email_accounts WHERE workspace_id = :globex LIMIT 1`, { globex });
    const cases: [Partial<Parameters<typeof enrollContacts>[0]>, RegExp][] = [
      [{ sequenceId: await makeSequence({ workspaceId: globex, createdBy: null as never }) }, /does not exist in your workspace/],
      [{ sequenceId: randomUUID() }, /does not exist in your workspace/],
      [{ sequenceId: await makeSequence({ status: 'archived' }) }, /is archived: contacts can no longer be enrolled/],
      [{ sequenceId: await makeSequence({ status: 'completed' }) }, /is completed/],
      [{ sequenceId: await makeSequence({ steps: [] , status: 'paused' }) }, /has no steps yet/],
      [{ emailAccountId: globexMailbox }, /mailbox does not exist in your workspace/],
      [{ emailAccountId: inactiveMailbox }, /is inactive/],
      [{ contactIds: [] }, /Select at least one contact/],
      [{ contactIds: ['not-a-uuid'] }, /must be a UUID/],
      [{ sequenceId: '' }, /Choose a sequence/],
    ];
    for (const [change, message] of cases) {
      await expectRefused(
        enrollContacts({ workspaceId: acme, sequenceId: good, emailAccountId: repMailbox, contactIds: contacts, ...change }),
        message,
      );
    }
    expect(await enrollmentsOf(contacts)).toHaveLength(0);
  });
});

// ---- pause / resume, sequence status --------------------------------------------------------

async function enrollmentAt(status: string, { currentStep = 2, next = `now() + interval '2 days'` } = {}): Promise<string> {
  const sequenceId = await makeSequence({ steps: [[1, 0], [2, 2], [3, 4]] });
  const [contactId] = await makeContacts(1);
  return idOf(
    `INSERT INTO sequence_enrollments (workspace_id, sequence_id, contact_id, user_id, email_account_id, status, current_step, next_email_scheduled_at)
     VALUES (:acme, :sequenceId, :contactId, :rep, :repMailbox, :status, :currentStep, ${next}) RETURNING id`,
    { acme, sequenceId, contactId, rep, repMailbox, status, currentStep },
  );
}

const enrollment = (id: string) => one<{ status: string; current_step: number; paused_at: Date | null; next_email_scheduled_at: Date | null }>(
  `SELECT status, current_step, paused_at, next_email_scheduled_at FROM sequence_enrollments WHERE id = :id`, { id },
);

describe('pause and resume an enrollment', () => {
  test('pause then resume keeps the step and the time the next step is due', async () => {
    const id = await enrollmentAt('active');
    const before = await enrollment(id);
    const paused = await pauseEnrollment({ workspaceId: acme, enrollmentId: id });
    expect(paused.before.status).toBe('active');
    expect(paused.after.status).toBe('paused');
    const mid = await enrollment(id);
    expect(mid).toMatchObject({ status: 'paused', current_step: 2, next_email_scheduled_at: before.next_email_scheduled_at });
    expect(mid.paused_at).not.toBeNull();
    await resumeEnrollment({ workspaceId: acme, enrollmentId: id });
    expect(await enrollment(id)).toEqual({ status: 'active', current_step: 2, paused_at: null, next_email_scheduled_at: before.next_email_scheduled_at });
  });

  test('a paused enrollment with no next time set resumes due now', async () => {
    const id = await enrollmentAt('paused', { next: 'NULL' });
    await resumeEnrollment({ workspaceId: acme, enrollmentId: id });
    const after = await enrollment(id);
    expect(after.status).toBe('active');
    expect(Math.abs(after.next_email_scheduled_at!.getTime() - Date.now())).toBeLessThan(60_000);
  });

  test('ended enrollments cannot be resumed or paused; a second pause or resume is refused; another workspace is not found', async () => {
    for (const status of ['completed', 'replied', 'bounced', 'unsubscribed']) {
      const id = await enrollmentAt(status, { next: 'NULL' });
      await expectRefused(resumeEnrollment({ workspaceId: acme, enrollmentId: id }), new RegExp(`has ended \\(${status}\\) and cannot be resumed`));
      await expectRefused(pauseEnrollment({ workspaceId: acme, enrollmentId: id }), /has ended/);
      expect((await enrollment(id)).status).toBe(status);
    }
    const active = await enrollmentAt('active');
    await expectRefused(resumeEnrollment({ workspaceId: acme, enrollmentId: active }), /already active/);
    await expectRefused(pauseEnrollment({ workspaceId: globex, enrollmentId: active }), /does not exist in your workspace/);
    await pauseEnrollment({ workspaceId: acme, enrollmentId: active });
    await expectRefused(pauseEnrollment({ workspaceId: acme, enrollmentId: active }), /already paused/);
  });
});

describe('sequence status', () => {
  test('activating a sequence without steps is refused; with steps it works; archiving closes it to enrollment but ends nothing', async () => {
    const empty = await makeSequence({ status: 'paused', steps: [] });
    await expectRefused(setSequenceStatus({ workspaceId: acme, sequenceId: empty, status: 'active' }), /has no steps: add a step before activating/);
    expect((await one<{ status: string }>(`SELECT status FROM sequences WHERE id = :empty`, { empty })).status).toBe('paused');

    const sequenceId = await makeSequence({ status: 'paused' });
    await setSequenceStatus({ workspaceId: acme, sequenceId, status: 'active' });
    await expectRefused(setSequenceStatus({ workspaceId: acme, sequenceId, status: 'active' }), /already active/);
    await expectRefused(setSequenceStatus({ workspaceId: globex, sequenceId, status: 'paused' }), /does not exist in your workspace/);
    const contacts = await makeContacts(2);
    await enrollContacts({ workspaceId: acme, sequenceId, emailAccountId: repMailbox, contactIds: [contacts[0]!] });
    const change = await setSequenceStatus({ workspaceId: acme, sequenceId, status: 'archived' });
    expect(change).toEqual({ before: { status: 'active' }, after: { status: 'archived' } });
    expect((await enrollmentsOf([contacts[0]!]))[0]!.status).toBe('active');
    await expectRefused(
      enrollContacts({ workspaceId: acme, sequenceId, emailAccountId: repMailbox, contactIds: [contacts[1]!] }), /is archived/,
    );
  });
});

// ---- the panel -------------------------------------------------------------------------------

const bulkUrl = (ids: string[]) => `/admin/api/resources/contacts/bulk/enrollInSequence?recordIds=${ids.join(',')}`;
const recordAction = (table: string, id: string, action: string) => `/admin/api/resources/${table}/records/${id}/${action}`;

describe('the panel: Enroll in sequence on contacts', () => {
  test('a sales rep is offered the workspace sequences that take contacts and only their own mailboxes', async () => {
    const enrollable = await makeSequence({ createdBy: rep2 });
    const archived = await makeSequence({ status: 'archived' });
    const stepless = await makeSequence({ status: 'paused', steps: [] });
    const [mine] = await makeContacts(1);
    const res = await clients['rep@acme.example'].get(bulkUrl([mine!]));
    expect(res.status).toBe(200);
    const sequenceIds = res.body.sequences.map((s: { id: string }) => s.id);
    expect(sequenceIds).toContain(enrollable);
    expect(sequenceIds).not.toContain(archived);
    expect(sequenceIds).not.toContain(stepless);
    expect(res.body.mailboxes.map((m: { id: string }) => m.id)).toEqual([repMailbox]);
    const admin = await clients['admin@acme.example'].get(bulkUrl([mine!]));
    expect(admin.body.mailboxes.map((m: { id: string }) => m.id)).toEqual(expect.arrayContaining([repMailbox, rep2Mailbox]));
  });

  test("a sales rep enrolls their selected contacts; another rep's contact in the selection is left out; the batch is audited", async () => {
    const sequenceId = await makeSequence();
    const mine = await makeContacts(4, { flags: { 3: 'unsubscribed' } });
    const [theirs] = await makeContacts(1, { owner: rep2 });
    await enrollContacts({ workspaceId: acme, sequenceId, emailAccountId: repMailbox, contactIds: [mine[0]!] });
    const res = await clients['rep@acme.example'].post(bulkUrl([...mine, theirs!]), { sequenceId, emailAccountId: repMailbox });
    expect(res.status).toBe(200);
    expect(res.body.notice).toEqual({
      message: 'Enrolled 2; skipped 2 (1 already enrolled, 1 unsubscribed). 1 selected contact is not yours to enroll',
      type: 'info',
    });
    expect(res.body.redirectUrl).toBe('/admin/resources/contacts');
    expect((await enrollmentsOf(mine)).length).toBe(3);
    expect(await enrollmentsOf([theirs!])).toHaveLength(0);
    const audit = await one<{ user_email: string; action: string; metadata: { enrollment_ids: string[]; sequence_id: string } }>(
      `SELECT user_email, action, metadata FROM audit_logs WHERE resource_type = 'sequence_enrollments' AND metadata->>'sequence_id' = :sequenceId`,
      { sequenceId },
    );
    expect(audit.user_email).toBe('rep@acme.example');
    expect(audit.action).toBe('create');
    expect(audit.metadata.enrollment_ids).toHaveLength(2);
  });

  test("a sales rep cannot send from another rep's mailbox or into a sequence not offered; nothing is written", async () => {
    const sequenceId = await makeSequence();
    const contacts = await makeContacts(2);
    const rep = clients['rep@acme.example'];
    const foreignMailbox = await rep.post(bulkUrl(contacts), { sequenceId, emailAccountId: rep2Mailbox });
    expect(foreignMailbox.body.notice).toEqual({ message: 'Choose one of the mailboxes offered', type: 'error' });
    const archived = await makeSequence({ status: 'archived' });
    const notOffered = await rep.post(bulkUrl(contacts), { sequenceId: archived, emailAccountId: repMailbox });
    expect(notOffered.body.notice.type).toBe('error');
    expect(notOffered.body.notice.message).toMatch(/Choose one of the sequences offered/);
    expect(await enrollmentsOf(contacts)).toHaveLength(0);
  });

  test("an admin enrolls any contact of the workspace from a rep's mailbox: the enrollments belong to that rep", async () => {
    const sequenceId = await makeSequence();
    const contacts = [...await makeContacts(2, { owner: rep }), ...await makeContacts(1, { owner: rep2 })];
    const res = await clients['admin@acme.example'].post(bulkUrl(contacts), { sequenceId, emailAccountId: rep2Mailbox });
    expect(res.body.notice).toEqual({ message: 'Enrolled 3', type: 'success' });
    const rows = await enrollmentsOf(contacts);
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(row).toMatchObject({ user_id: rep2, email_account_id: rep2Mailbox, status: 'active' });
    // rep2 now sees and manages them.
    const list = await clients['rep2@acme.example'].list('sequence_enrollments', `filters.sequence_id=${sequenceId}`);
    expect(list.body.records).toHaveLength(3);
  });

  test("another workspace's admin reaches none of the contacts; office staff, who may not create enrollments, is refused", async () => {
    const sequenceId = await makeSequence();
    const contacts = await makeContacts(2);
    const globexAdmin = await clients['admin@globex.example'].post(bulkUrl(contacts), { sequenceId, emailAccountId: repMailbox });
    // Read under the admin's scope (their workspace), the selection is empty: AdminJS's "not found".
    expect(globexAdmin.status).toBe(404);
    const office = await clients['office@acme.example'].post(bulkUrl(contacts), { sequenceId, emailAccountId: repMailbox });
    // The policy lets office staff edit contacts, but not create enrollments: AdminJS refuses.
    expect(office.body.notice).toEqual({ message: 'forbiddenError', type: 'error' });
    const offered = await clients['office@acme.example'].list('contacts', 'perPage=1');
    expect(offered.body.records[0].bulkActions.map((a: { name: string }) => a.name)).not.toContain('enrollInSequence');
    const repList = await clients['rep@acme.example'].list('contacts', 'perPage=1');
    expect(repList.body.records[0].bulkActions.map((a: { name: string }) => a.name)).toContain('enrollInSequence');
    expect(await enrollmentsOf(contacts)).toHaveLength(0);
  });
});

describe('the panel: Pause / Resume and Activate / Pause / Archive', () => {
  test('a rep pauses and resumes their enrollment, keeping its step; the buttons follow the status; an ended one is refused', async () => {
    const id = await enrollmentAt('active');
    const rep = clients['rep@acme.example'];
    const actionsOf = async () => (await rep.show('sequence_enrollments', id)).body.record.recordActions.map((a: { name: string }) => a.name);
    expect(await actionsOf()).toContain('pause');
    expect(await actionsOf()).not.toContain('resume');
    // AdminJS opens the action with a GET: that asks, it changes nothing.
    const opened = await rep.get(recordAction('sequence_enrollments', id, 'pause'));
    expect(opened.status).toBe(200);
    expect(opened.body.notice).toBeUndefined();
    expect((await enrollment(id)).status).toBe('active');
    const paused = await rep.post(recordAction('sequence_enrollments', id, 'pause'), {});
    expect(paused.body.notice.type).toBe('success');
    expect(paused.body.record.params.status).toBe('paused');
    expect(await actionsOf()).toEqual(expect.arrayContaining(['resume']));
    expect(await actionsOf()).not.toContain('pause');
    await rep.post(recordAction('sequence_enrollments', id, 'resume'), {});
    expect(await enrollment(id)).toMatchObject({ status: 'active', current_step: 2, paused_at: null });
    const audit = await select<{ changes: Record<string, { from: unknown; to: unknown }> }>(
      `SELECT changes FROM audit_logs WHERE resource_id = :id AND action = 'update' ORDER BY created_at`, { id },
    );
    expect(audit.map((a) => a.changes.status)).toEqual([{ from: 'active', to: 'paused' }, { from: 'paused', to: 'active' }]);

    const ended = await enrollmentAt('replied', { next: 'NULL' });
    expect((await rep.show('sequence_enrollments', ended)).body.record.recordActions.map((a: { name: string }) => a.name)).not.toContain('resume');
    const refused = await rep.post(recordAction('sequence_enrollments', ended, 'resume'), {});
    expect(refused.body.notice).toEqual({ message: expect.stringMatching(/has ended \(replied\) and cannot be resumed/), type: 'error' });
    expect((await enrollment(ended)).status).toBe('replied');
  });

  test("a rep cannot pause another rep's enrollment", async () => {
    const id = await enrollmentAt('active');
    await sequelize.query(`UPDATE sequence_enrollments SET user_id = :rep2 WHERE id = :id`, { replacements: { rep2, id } });
    const res = await clients['rep@acme.example'].post(recordAction('sequence_enrollments', id, 'pause'), {});
    expect([200, 403, 404]).toContain(res.status);
    if (res.status === 200) expect(res.body.notice.type).toBe('error');
    expect((await enrollment(id)).status).toBe('active');
  });

  test('sequences: a rep (edit rights on their own) activates, pauses and archives their own; a stepless one is refused; not a colleague\'s', async () => {
    const rep = clients['rep@acme.example'];
    const status = async (id: string) => (await one<{ status: string }>(`SELECT status FROM sequences WHERE id = :id`, { id })).status;
    const stepless = await makeSequence({ status: 'paused', steps: [] });
    expect((await rep.show('sequences', stepless)).body.record.recordActions.map((a: { name: string }) => a.name)).not.toContain('activate');
    const refused = await rep.post(recordAction('sequences', stepless, 'activate'), {});
    expect(refused.body.notice).toEqual({ message: expect.stringMatching(/has no steps: add a step before activating/), type: 'error' });
    expect(await status(stepless)).toBe('paused');

    const own = await makeSequence({ status: 'paused' });
    expect((await rep.post(recordAction('sequences', own, 'activate'), {})).body.notice.type).toBe('success');
    expect(await status(own)).toBe('active');
    const names = (await rep.show('sequences', own)).body.record.recordActions.map((a: { name: string }) => a.name);
    expect(names).toEqual(expect.arrayContaining(['pause', 'archive']));
    expect(names).not.toContain('activate');
    await rep.post(recordAction('sequences', own, 'pause'), {});
    expect(await status(own)).toBe('paused');
    await rep.post(recordAction('sequences', own, 'archive'), {});
    expect(await status(own)).toBe('archived');

    const colleagues = await makeSequence({ createdBy: rep2 });
    const res = await rep.post(recordAction('sequences', colleagues, 'archive'), {});
    expect([200, 403, 404]).toContain(res.status);
    if (res.status === 200) expect(res.body.notice.type).toBe('error');
    expect(await status(colleagues)).toBe('active');
  });

  test('the status is not a form field: an edit that sends one is refused and changes nothing', async () => {
    const admin = clients['admin@acme.example'];
    const stepless = await makeSequence({ status: 'paused', steps: [] });
    const res = await admin.edit('sequences', stepless, { status: 'active' });
    expect(res.body.record.errors.status.message).toMatch(/only with Activate, Pause or Archive/);
    expect((await one<{ status: string }>(`SELECT status FROM sequences WHERE id = :stepless`, { stepless })).status).toBe('paused');
    const ended = await enrollmentAt('completed', { next: 'NULL' });
    const edit = await admin.edit('sequence_enrollments', ended, { status: 'active' });
    expect(edit.body.record.errors.status.message).toMatch(/only with Pause or Resume/);
    expect((await enrollment(ended)).status).toBe('completed');
    // An edit that leaves the status alone still works.
    const ok = await admin.edit('sequences', stepless, { name: 'Renamed', status: 'paused' });
    expect(ok.body.record.errors).toEqual({});
  });
});
