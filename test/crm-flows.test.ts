/**
 * The CRM's daily flows (S2/S3) through the panel's API as the roles that do them: converting a
 * lead, the pipeline board and its moves, Mark won / Mark lost, sending a document for signature
 * and recording signatures, and quota attainment. Every refusal is checked to come back with a
 * message and to leave the database as it was.
 */
import { randomUUID } from 'node:crypto';
import { sequelize } from '../src/db.js';
import { seedDemoData } from '../src/demo/seed-demo.js';
import { PanelClient, startPanel, type Panel } from './helpers/panel-client.js';
import { select, one, idOf, count } from './helpers/sql.js';

let panel: Panel;
const clients: Record<string, PanelClient> = {};

const LOGINS = ['rep@acme.example', 'rep2@acme.example', 'office@acme.example', 'recruiter@acme.example'];
const recordAction = (table: string, id: string, action: string) => `/admin/api/resources/${table}/records/${id}/${action}`;
const BOARD = '/admin/api/pages/pipelineBoard';

let acme: string;
let rep: string;
let rep2: string;
let pipeline: string;
const stage: Record<string, string> = {};

async function newStage(name: string, order: number, extra: { probability?: number; won?: boolean; lost?: boolean; required?: string[] } = {}) {
  return idOf(
    `INSERT INTO pipeline_stages (workspace_id, pipeline_id, name, order_index, probability, is_closed, is_won, is_lost, required_fields)
     VALUES (:acme, :pipeline, :name, :order, :probability, :closed, :won, :lost, :required::jsonb) RETURNING id`,
    { acme, pipeline, name, order, probability: extra.probability ?? 0, closed: !!(extra.won || extra.lost), won: !!extra.won,
      lost: !!extra.lost, required: JSON.stringify(extra.required ?? []) },
  );
}

beforeAll(async () => {
  await seedDemoData(); // the demo logins and rows, once per run (a no-op when acme exists)
  acme = await idOf(`SELECT id FROM workspaces WHERE slug = 'acme'`);
  rep = await idOf(`SELECT id FROM users WHERE email = 'rep@acme.example'`);
  rep2 = await idOf(`SELECT id FROM users WHERE email = 'rep2@acme.example'`);
  pipeline = await idOf(`INSERT INTO pipelines (workspace_id, name, is_active, order_index) VALUES (:acme, :name, true, 99) RETURNING id`,
    { acme, name: `Flows ${randomUUID().slice(0, 8)}` });
  stage.first = await newStage('Intake', 0, { probability: 10 });
  stage.proposal = await newStage('Proposal', 1, { probability: 60, required: ['expected_close_date'] });
  stage.won = await newStage('Won', 2, { probability: 100, won: true });
  stage.lost = await newStage('Lost', 3, { lost: true, required: ['lost_reason'] });
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

async function newLead(fields: { owner?: string; email?: string | null; company?: string; value?: number; closeDate?: string | null } = {}) {
  const tag = randomUUID().slice(0, 8);
  return idOf(
    `INSERT INTO leads (workspace_id, owner_id, company_name, first_name, last_name, email, estimated_value, expected_close_date, status)
     VALUES (:acme, :owner, :company, 'Lena', 'Flow', :email, :value, :closeDate, 'qualified') RETURNING id`,
    { acme, owner: fields.owner ?? rep, company: fields.company ?? `Flow Co ${tag}`,
      email: fields.email === undefined ? `lena.${tag}@flow-${tag}.example` : fields.email, value: fields.value ?? 12000,
      closeDate: fields.closeDate === undefined ? '2031-03-31' : fields.closeDate },
  );
}

async function newDeal(fields: { owner?: string; stageId?: string; closeDate?: string | null; value?: number; dealType?: string } = {}) {
  return idOf(
    `INSERT INTO deals (workspace_id, title, value, pipeline_id, stage_id, probability, owner_id, expected_close_date, deal_type)
     VALUES (:acme, :title, :value, :pipeline, :stage, 10, :owner, :closeDate, :dealType) RETURNING id`,
    { acme, title: `Flow deal ${randomUUID().slice(0, 8)}`, value: fields.value ?? 5000, pipeline, stage: fields.stageId ?? stage.first,
      owner: fields.owner ?? rep, closeDate: fields.closeDate ?? null, dealType: fields.dealType ?? null },
  );
}

const deal = (id: string) => one<{ stage_id: string; status: string; lost_reason: string | null; won_reason: string | null;
  lost_to_competitor: string | null; actual_close_date: string | null }>(`SELECT *, status::text FROM deals WHERE id = :id`, { id });
const historyCount = (id: string) => count(`SELECT count(*) AS n FROM deal_stage_history WHERE deal_id = :id`, { id });

describe('Convert lead', () => {
  test('a rep converts their lead: contact, account, opportunity and deal in the first stage; the lead is converted with its value', async () => {
    const leadId = await newLead();
    const rep1 = clients['rep@acme.example'];
    const opened = await rep1.get(recordAction('leads', leadId, 'convertLead'));
    expect(opened.status).toBe(200);
    expect(opened.body.pipelines.map((p: { id: string }) => p.id)).toContain(pipeline);
    expect(opened.body.defaults.conversionValue).toBe('12000.00');
    expect((await one<{ status: string }>(`SELECT status FROM leads WHERE id = :leadId`, { leadId })).status).toBe('qualified');

    const res = await rep1.post(recordAction('leads', leadId, 'convertLead'), { pipelineId: pipeline, dealTitle: 'Flow rollout', conversionValue: '15000' });
    expect(res.body.notice).toEqual({ message: 'Lead converted: a deal with a new contact, a new account, an opportunity', type: 'success' });
    const lead = await one<{ status: string; conversion_value: string; email: string }>(`SELECT status, conversion_value, email FROM leads WHERE id = :leadId`, { leadId });
    expect(lead).toMatchObject({ status: 'converted', conversion_value: '15000.00' });
    const made = await one<Record<string, string | null>>(
      `SELECT d.id, d.title, d.value, d.stage_id, d.pipeline_id, d.owner_id, d.status::text AS status, d.probability,
              c.id AS contact, c.email, c.owner_id AS contact_owner, a.id AS account, a.created_from_lead_id, o.id AS opportunity, o.lead_id AS opp_lead
         FROM deals d JOIN contacts c ON c.id = d.contact_id JOIN accounts a ON a.id = d.account_id JOIN opportunities o ON o.id = d.opportunity_id
        WHERE d.lead_id = :leadId`, { leadId });
    expect(made).toMatchObject({ title: 'Flow rollout', value: '15000.00', stage_id: stage.first, pipeline_id: pipeline, owner_id: rep,
      status: 'open', probability: '10.00', email: lead.email, contact_owner: rep, created_from_lead_id: leadId, opp_lead: leadId });
    expect(res.body.redirectUrl).toBe(`/admin/resources/deals/records/${made.id}/show`);
    expect(await historyCount(made.id!)).toBe(1);
    expect(await count(`SELECT count(*) AS n FROM audit_logs WHERE metadata->>'converted_lead_id' = :leadId`, { leadId })).toBe(5);

    // The lead's page lists the deal it became; the opportunity's page its estimates and activities
    // (each related list is the child's list filtered by the link, under the viewer's scope).
    const leadDeals = await rep1.list('deals', `filters.lead_id=${leadId}`);
    expect(leadDeals.body.records.map((r: { id: string }) => r.id)).toEqual([made.id]);
    const estimate = await idOf(`INSERT INTO estimates (workspace_id, opportunity_id, estimate_number, total_amount, status, created_by)
      VALUES (:acme, :opp, :no, 15000, 'sent', :rep) RETURNING id`, { acme, opp: made.opportunity, no: `EST-${leadId.slice(0, 8)}`, rep });
    const activity = await idOf(`INSERT INTO activities (workspace_id, type, subject, status, owner_id, opportunity_id)
      VALUES (:acme, 'meeting', 'Site walk', 'completed', :rep, :opp) RETURNING id`, { acme, rep, opp: made.opportunity });
    const oppEstimates = await rep1.list('estimates', `filters.opportunity_id=${made.opportunity}`);
    expect(oppEstimates.body.records.map((r: { id: string }) => r.id)).toEqual([estimate]);
    const oppActivities = await rep1.list('activities', `filters.opportunity_id=${made.opportunity}`);
    expect(oppActivities.body.records.map((r: { id: string }) => r.id)).toEqual([activity]);
    const oppPage = await rep1.show('opportunities', made.opportunity!);
    expect(oppPage.status).toBe(200);

    // Converting it again is refused, with nothing written.
    const again = await rep1.post(recordAction('leads', leadId, 'convertLead'), { pipelineId: pipeline });
    expect(again.body.notice).toEqual({ message: expect.stringMatching(/already converted/), type: 'error' });
    expect(await count(`SELECT count(*) AS n FROM deals WHERE lead_id = :leadId`, { leadId })).toBe(1);
    expect(await count(`SELECT count(*) AS n FROM opportunities WHERE lead_id = :leadId`, { leadId })).toBe(1);
    expect(await count(`SELECT count(*) AS n FROM contacts WHERE email = :email`, { email: lead.email })).toBe(1);
    expect(await count(`SELECT count(*) AS n FROM accounts WHERE created_from_lead_id = :leadId`, { leadId })).toBe(1);
  });

  test('an existing contact and account are linked, not duplicated; no opportunity when not asked for', async () => {
    const tag = randomUUID().slice(0, 8);
    const email = `known.${tag}@known.example`;
    const company = `Known Co ${tag}`;
    const account = await idOf(`INSERT INTO accounts (workspace_id, name, owner_id) VALUES (:acme, :company, :rep) RETURNING id`, { acme, company, rep });
    const contact = await idOf(`INSERT INTO contacts (workspace_id, email, first_name, owner_id) VALUES (:acme, :email, 'Known', :rep) RETURNING id`, { acme, email, rep });
    const leadId = await newLead({ email, company: company.toUpperCase() });
    const res = await clients['office@acme.example'].post(recordAction('leads', leadId, 'convertLead'),
      { pipelineId: pipeline, createOpportunity: 'false', conversionValue: '' });
    expect(res.body.notice).toEqual({ message: 'Lead converted: a deal with the existing contact, the existing account', type: 'success' });
    const made = await one<{ contact_id: string; account_id: string; opportunity_id: string | null; value: string }>(
      `SELECT contact_id, account_id, opportunity_id, value FROM deals WHERE lead_id = :leadId`, { leadId });
    // An empty conversion value takes the lead's estimate.
    expect(made).toEqual({ contact_id: contact, account_id: account, opportunity_id: null, value: '12000.00' });
    expect((await one<{ conversion_value: string }>(`SELECT conversion_value FROM leads WHERE id = :leadId`, { leadId })).conversion_value).toBe('12000.00');
  });

  test("a refusal of the first stage's rules or a bad value writes nothing: no contact, account, deal, and the lead stays open", async () => {
    await sequelize.query(`UPDATE pipeline_stages SET required_fields = '["expected_close_date"]' WHERE id = :id`, { replacements: { id: stage.first } });
    try {
      const leadId = await newLead({ closeDate: null });
      const email = (await one<{ email: string }>(`SELECT email FROM leads WHERE id = :leadId`, { leadId })).email;
      const res = await clients['rep@acme.example'].post(recordAction('leads', leadId, 'convertLead'), { pipelineId: pipeline });
      expect(res.body.notice).toEqual({ message: expect.stringMatching(/requires expected_close_date/), type: 'error' });
      const bad = await clients['rep@acme.example'].post(recordAction('leads', leadId, 'convertLead'), { pipelineId: pipeline, conversionValue: '-5' });
      expect(bad.body.notice).toEqual({ message: expect.stringMatching(/conversion value must be an amount of 0 or more/), type: 'error' });
      const nowhere = await clients['rep@acme.example'].post(recordAction('leads', leadId, 'convertLead'), { pipelineId: randomUUID() });
      expect(nowhere.body.notice.type).toBe('error');
      expect((await one<{ status: string }>(`SELECT status FROM leads WHERE id = :leadId`, { leadId })).status).toBe('qualified');
      expect(await count(`SELECT count(*) AS n FROM deals WHERE lead_id = :leadId`, { leadId })).toBe(0);
      expect(await count(`SELECT count(*) AS n FROM contacts WHERE email = :email`, { email })).toBe(0);
      expect(await count(`SELECT count(*) AS n FROM accounts WHERE created_from_lead_id = :leadId`, { leadId })).toBe(0);
      expect(await count(`SELECT count(*) AS n FROM opportunities WHERE lead_id = :leadId`, { leadId })).toBe(0);
    } finally {
      await sequelize.query(`UPDATE pipeline_stages SET required_fields = '[]' WHERE id = :id`, { replacements: { id: stage.first } });
    }
  });

  test("a rep cannot convert another rep's lead, and a role without lead rights cannot convert at all", async () => {
    const theirs = await newLead({ owner: rep2 });
    const res = await clients['rep@acme.example'].post(recordAction('leads', theirs, 'convertLead'), { pipelineId: pipeline });
    expect([200, 403, 404]).toContain(res.status);
    if (res.status === 200) expect(res.body.notice.type).toBe('error');
    const recruiter = await clients['recruiter@acme.example'].post(recordAction('leads', theirs, 'convertLead'), { pipelineId: pipeline });
    expect(recruiter.status).toBe(403);
    expect((await one<{ status: string }>(`SELECT status FROM leads WHERE id = :theirs`, { theirs })).status).toBe('qualified');
  });
});

describe('The forms do not bypass the flows', () => {
  test('a lead is not set to converted in its form, and a deal is not set won or lost without its stage', async () => {
    const rep1 = clients['rep@acme.example'];
    const leadId = await newLead();
    const lead = await rep1.edit('leads', leadId, { status: 'converted' });
    expect(lead.body.record.errors.status.message).toMatch(/Convert lead/);
    expect((await one<{ status: string }>(`SELECT status FROM leads WHERE id = :leadId`, { leadId })).status).toBe('qualified');
    // Other edits of the lead still save.
    expect((await rep1.edit('leads', leadId, { status: 'negotiation' })).body.notice.type).toBe('success');

    const id = await newDeal();
    const typed = await rep1.edit('deals', id, { status: 'won' });
    expect(typed.body.record.errors.status.message).toMatch(/Mark won/);
    expect(await deal(id)).toMatchObject({ status: 'open', stage_id: stage.first });
    // With the stage moved in the same save, the stage decides: the won stage makes it won.
    const withStage = await rep1.edit('deals', id, { status: 'won', stage_id: stage.won, pipeline_id: pipeline });
    expect(withStage.body.notice.type).toBe('success');
    expect(await deal(id)).toMatchObject({ status: 'won', stage_id: stage.won });
  });
});

describe('Pipeline board', () => {
  test("a rep's board shows their deals by stage with count, value and weighted value; not a colleague's", async () => {
    const mine = await newDeal({ value: 4000 });
    const theirs = await newDeal({ owner: rep2, value: 9000 });
    const res = await clients['rep@acme.example'].get(`${BOARD}?pipelineId=${pipeline}`);
    expect(res.status).toBe(200);
    expect(res.body.board.pipeline.id).toBe(pipeline);
    expect(res.body.board.columns.map((c: { name: string }) => c.name)).toEqual(['Intake', 'Proposal', 'Won', 'Lost']);
    const intake = res.body.board.columns[0];
    const ids = intake.deals.map((d: { id: string }) => d.id);
    expect(ids).toContain(mine);
    expect(ids).not.toContain(theirs);
    const expected = await one<{ n: number; value: string; weighted: string }>(
      `SELECT count(*)::int AS n, sum(value)::numeric(15,2)::text AS value, sum(weighted_value)::numeric(15,2)::text AS weighted
         FROM deals WHERE stage_id = :stage AND owner_id = :rep`, { stage: stage.first, rep });
    expect(intake).toMatchObject({ count: expected.n, value: expected.value, weighted_value: expected.weighted });
    // Office staff see every deal of the workspace.
    const office = await clients['office@acme.example'].get(`${BOARD}?pipelineId=${pipeline}`);
    expect(office.body.board.columns[0].deals.map((d: { id: string }) => d.id)).toEqual(expect.arrayContaining([mine, theirs]));
    // A role without rights on deals gets no board at all, and cannot move through it.
    const recruiter = clients['recruiter@acme.example'];
    expect(await recruiter.get(`${BOARD}?pipelineId=${pipeline}`)).toMatchObject({ status: 200, body: { notice: { message: 'You may not see deals', type: 'error' } } });
    expect((await recruiter.get(`${BOARD}?pipelineId=${pipeline}`)).body.board).toBeUndefined();
    const moved = await recruiter.post(BOARD, { dealId: mine, stageId: stage.proposal });
    expect(moved.body.notice.type).toBe('error');
    expect((await deal(mine)).stage_id).toBe(stage.first);
  });

  test('a move missing a required field is refused with its message and nothing written; filled, it moves with its history', async () => {
    const id = await newDeal();
    const rep1 = clients['rep@acme.example'];
    const refused = await rep1.post(BOARD, { dealId: id, stageId: stage.proposal, pipelineId: pipeline });
    expect(refused.body.notice).toEqual({ message: 'Stage "Proposal" requires expected_close_date: fill it first', type: 'error' });
    expect((await deal(id)).stage_id).toBe(stage.first);
    expect(await historyCount(id)).toBe(0);

    await sequelize.query(`UPDATE deals SET expected_close_date = '2031-01-15' WHERE id = :id`, { replacements: { id } });
    const moved = await rep1.post(BOARD, { dealId: id, stageId: stage.proposal, pipelineId: pipeline });
    expect(moved.body.notice).toEqual({ message: 'Moved to "Proposal"', type: 'success' });
    expect((await deal(id)).stage_id).toBe(stage.proposal);
    expect(await historyCount(id)).toBe(1);
    // The answer is the board as stored now.
    const proposal = moved.body.board.columns.find((c: { id: string }) => c.id === stage.proposal);
    expect(proposal.deals.map((d: { id: string }) => d.id)).toContain(id);

    // A won stage on the board asks for the reason too.
    const noReason = await rep1.post(BOARD, { dealId: id, stageId: stage.won, pipelineId: pipeline });
    expect(noReason.body.notice).toEqual({ message: expect.stringMatching(/Give the reason the deal was won/), type: 'error' });
    expect((await deal(id)).status).toBe('open');
  });

  test("a rep cannot move another rep's deal on the board", async () => {
    const theirs = await newDeal({ owner: rep2 });
    const res = await clients['rep@acme.example'].post(BOARD, { dealId: theirs, stageId: stage.won, reason: 'mine now', pipelineId: pipeline });
    expect(res.body.notice).toEqual({ message: 'This deal does not exist or is not yours to move', type: 'error' });
    expect(await deal(theirs)).toMatchObject({ stage_id: stage.first, status: 'open' });
    expect(await count(`SELECT count(*) AS n FROM security_logs WHERE event_type = 'permission_denied' AND details->>'dealId' = :theirs`, { theirs })).toBe(1);
  });
});

describe('Mark won / Mark lost', () => {
  test('mark lost requires a reason; with one it is lost with the competitor and close date', async () => {
    const id = await newDeal();
    const rep1 = clients['rep@acme.example'];
    const refused = await rep1.post(recordAction('deals', id, 'markLost'), { reason: '   ' });
    expect(refused.body.notice).toEqual({ message: 'Give the reason the deal was lost', type: 'error' });
    expect(await deal(id)).toMatchObject({ status: 'open', stage_id: stage.first, lost_reason: null });
    expect(await historyCount(id)).toBe(0);

    const lost = await rep1.post(recordAction('deals', id, 'markLost'), { reason: 'Budget cut', competitor: 'BuildRight' });
    expect(lost.body.notice).toEqual({ message: 'Deal marked lost (stage "Lost")', type: 'success' });
    const row = await deal(id);
    expect(row).toMatchObject({ status: 'lost', stage_id: stage.lost, lost_reason: 'Budget cut', lost_to_competitor: 'BuildRight' });
    expect(row.actual_close_date).not.toBeNull();
    // Closed: it is not closed again.
    const again = await rep1.post(recordAction('deals', id, 'markWon'), { reason: 'Changed their mind' });
    expect(again.body.notice).toEqual({ message: expect.stringMatching(/already lost/), type: 'error' });
    expect((await deal(id)).status).toBe('lost');
  });

  test("mark won records the reason; a rep cannot mark another rep's deal", async () => {
    const id = await newDeal();
    const won = await clients['rep@acme.example'].post(recordAction('deals', id, 'markWon'), { reason: 'Best schedule' });
    expect(won.body.notice.type).toBe('success');
    expect(await deal(id)).toMatchObject({ status: 'won', stage_id: stage.won, won_reason: 'Best schedule' });

    const theirs = await newDeal({ owner: rep2 });
    const res = await clients['rep@acme.example'].post(recordAction('deals', theirs, 'markWon'), { reason: 'mine now' });
    expect([200, 403, 404]).toContain(res.status);
    if (res.status === 200) expect(res.body.notice.type).toBe('error');
    expect(await deal(theirs)).toMatchObject({ status: 'open', won_reason: null });
  });
});

describe('Documents and signatures', () => {
  async function newDocument(signers: number, fileUrl: string | null = 'https://files.example/contract.pdf') {
    const id = await idOf(
      `INSERT INTO documents (workspace_id, name, type, status, owner_id, file_url) VALUES (:acme, :name, 'contract', 'draft', :rep, :fileUrl) RETURNING id`,
      { acme, name: `Contract ${randomUUID().slice(0, 8)}`, rep, fileUrl },
    );
    const signatures = await select<{ id: string }>(
      `INSERT INTO document_signatures (workspace_id, document_id, signer_email, signer_name)
       SELECT :acme, :id, 'signer' || n || '@client.example', 'Signer ' || n FROM generate_series(1, :signers) n RETURNING id`,
      { acme, id, signers },
    );
    return { id, signatures: signatures.map((s) => s.id) };
  }
  const doc = (id: string) => one<{ status: string; sent_at: Date | null; signed_at: Date | null; expires_at: Date | null; requires_signature: boolean }>(
    `SELECT status::text, sent_at, signed_at, expires_at, requires_signature FROM documents WHERE id = :id`, { id });

  test('send for signature sets sent and sent_at; each signature is recorded; the last one makes the document signed', async () => {
    const rep1 = clients['rep@acme.example'];
    const { id, signatures } = await newDocument(2);
    const early = await rep1.post(recordAction('document_signatures', signatures[0]!, 'recordSignature'), {});
    expect(early.body.notice).toEqual({ message: expect.stringMatching(/is a draft: send it for signature first/), type: 'error' });
    expect(await count(`SELECT count(*) AS n FROM document_signatures WHERE document_id = :id AND is_signed`, { id })).toBe(0);

    const sent = await rep1.post(recordAction('documents', id, 'sendForSignature'), { expiresInDays: '14' });
    expect(sent.body.notice).toEqual({ message: 'Sent for signature to 2 signers', type: 'success' });
    const afterSend = await doc(id);
    expect(afterSend).toMatchObject({ status: 'sent', requires_signature: true, signed_at: null });
    expect(afterSend.sent_at).not.toBeNull();
    expect(new Date(afterSend.expires_at!).getTime() - new Date(afterSend.sent_at!).getTime()).toBeCloseTo(14 * 86_400_000, -5);

    const first = await rep1.post(recordAction('document_signatures', signatures[0]!, 'recordSignature'), { ipAddress: '203.0.113.9', userAgent: 'Mail app' });
    expect(first.body.notice).toEqual({ message: 'Signature recorded; 1 signer still to sign', type: 'success' });
    expect((await doc(id)).status).toBe('sent');
    const sig = await one<{ is_signed: boolean; signed_at: Date | null; ip_address: string }>(
      `SELECT is_signed, signed_at, host(ip_address) AS ip_address FROM document_signatures WHERE id = :sid`, { sid: signatures[0] });
    expect(sig).toMatchObject({ is_signed: true, ip_address: '203.0.113.9' });
    expect(sig.signed_at).not.toBeNull();

    const badIp = await rep1.post(recordAction('document_signatures', signatures[1]!, 'recordSignature'), { ipAddress: 'not-an-ip' });
    expect(badIp.body.notice).toEqual({ message: '"not-an-ip" is not an IP address', type: 'error' });
    const last = await rep1.post(recordAction('document_signatures', signatures[1]!, 'recordSignature'), {});
    expect(last.body.notice.message).toMatch(/is signed$/);
    const signed = await doc(id);
    expect(signed.status).toBe('signed');
    expect(signed.signed_at).not.toBeNull();
    // The database turned it into the event workflows listen to.
    expect(await count(`SELECT count(*) AS n FROM domain_events WHERE event_type = 'document_signed' AND record_id = :id`, { id })).toBe(1);

    const twice = await rep1.post(recordAction('document_signatures', signatures[1]!, 'recordSignature'), {});
    expect(twice.body.notice).toEqual({ message: expect.stringMatching(/already signed/), type: 'error' });
    const resend = await rep1.post(recordAction('documents', id, 'sendForSignature'), {});
    expect(resend.body.notice).toEqual({ message: expect.stringMatching(/is signed: only a draft/), type: 'error' });
    expect((await doc(id)).status).toBe('signed');
  });

  test('a document without signers or without a file is not sent; nothing changes', async () => {
    const rep1 = clients['rep@acme.example'];
    const lonely = await newDocument(0);
    const res = await rep1.post(recordAction('documents', lonely.id, 'sendForSignature'), {});
    expect(res.body.notice).toEqual({ message: expect.stringMatching(/has no signers/), type: 'error' });
    const fileless = await newDocument(1, null);
    expect((await rep1.post(recordAction('documents', fileless.id, 'sendForSignature'), {})).body.notice.message).toMatch(/has no file to sign/);
    const badDays = await newDocument(1);
    expect((await rep1.post(recordAction('documents', badDays.id, 'sendForSignature'), { expiresInDays: '0' })).body.notice.type).toBe('error');
    for (const d of [lonely, fileless, badDays]) expect(await doc(d.id)).toMatchObject({ status: 'draft', sent_at: null });
  });
});

describe('Quota attainment', () => {
  test("a quota's page shows revenue and deals won in its period against the targets", async () => {
    const today = (await one<{ d: string }>(`SELECT current_date::text AS d`)).d;
    const quota = await idOf(
      `INSERT INTO sales_quotas (workspace_id, user_id, quota_period, start_date, end_date, revenue_target, deals_target, deal_types)
       VALUES (:acme, :rep, 'monthly', :today, :today, 20000, 4, '{residential}') RETURNING id`, { acme, rep, today },
    );
    const before = await clients['rep@acme.example'].show('sales_quotas', quota);
    const start = JSON.parse(before.body.record.params.attainment);
    const id = await newDeal({ value: 5000, dealType: 'residential' });
    await clients['rep@acme.example'].post(recordAction('deals', id, 'markWon'), { reason: 'Quota test' });
    const res = await clients['rep@acme.example'].show('sales_quotas', quota);
    const attainment = JSON.parse(res.body.record.params.attainment);
    expect(attainment.revenueWon).toBe(start.revenueWon + 5000);
    expect(attainment.dealsWon).toBe(start.dealsWon + 1);
    expect(attainment.revenuePct).toBeCloseTo((attainment.revenueWon / 20000) * 100, 1);
    const list = await clients['rep@acme.example'].list('sales_quotas', `filters.user_id=${rep}`);
    const inList = list.body.records.find((r: { id: string }) => r.id === quota);
    expect(JSON.parse(inList.params.attainment).revenueWon).toBe(attainment.revenueWon);
  });
});
