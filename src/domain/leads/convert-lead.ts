/**
 * Converting a lead (S3 "Assignment & Conversion", S1 leads becoming clients): in one
 * transaction the lead's person becomes a contact, its company an account, and the business an
 * opportunity and a deal in the first open stage of the chosen pipeline; the lead is marked
 * `converted` with its conversion value. A contact with the lead's e-mail and an account with
 * the lead's company name are linked rather than duplicated (e-mail is unique per workspace).
 * The deal enters its first stage through moveDealStage, so that stage's required fields, history
 * row and auto tasks apply as to any other move. Any refusal raises LeadConversionError (or the
 * move's DealStageError) and rolls everything back.
 */
import { QueryTypes, type Transaction } from 'sequelize';
import { sequelize } from '../../db.js';
import { moveDealStage } from '../deals/move-stage.js';
import { isUuid } from '../uuid.js';

export class LeadConversionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LeadConversionError';
  }
}

export interface ConvertLeadInput {
  workspaceId: string;
  leadId: string;
  /** Who converts it: the contact's creator, the stage history's mover. */
  actorId: string;
  pipelineId: string;
  /** Default: the lead's company (or person) name. */
  dealTitle?: string | null;
  /** The deal's value and the lead's conversion_value. Default: the lead's estimated value. */
  conversionValue?: number | string | null;
  /** S3 opportunities track construction bids; not every conversion needs one. Default true. */
  createOpportunity?: boolean;
}

export interface ConvertLeadResult {
  contactId: string;
  contactCreated: boolean;
  accountId: string | null;
  accountCreated: boolean;
  opportunityId: string | null;
  dealId: string;
  stageId: string;
  conversionValue: number;
}

interface LeadRow {
  id: string; workspace_id: string; owner_id: string | null; status: string; company_name: string | null;
  first_name: string | null; last_name: string | null; email: string | null; phone: string | null; job_title: string | null;
  estimated_value: string | null; expected_close_date: string | null; source: string | null; lead_score: number;
  notes: string | null;
}

/** The first stage a new deal of the pipeline enters: the lowest open (neither won nor lost) one. */
export async function firstOpenStage(workspaceId: string, pipelineId: string, transaction?: Transaction) {
  if (!isUuid(pipelineId)) return null;
  const [row] = await sequelize.query<{ id: string; name: string; probability: string; pipeline_name: string; is_active: boolean }>(
    `SELECT s.id, s.name, s.probability, p.name AS pipeline_name, p.is_active
       FROM pipelines p JOIN pipeline_stages s ON s.pipeline_id = p.id AND NOT s.is_won AND NOT s.is_lost
      WHERE p.id = :pipelineId AND p.workspace_id = :workspaceId
      ORDER BY s.order_index, s.created_at LIMIT 1`,
    { type: QueryTypes.SELECT, replacements: { pipelineId, workspaceId }, transaction },
  );
  return row ?? null;
}

/** A money amount from a form: a finite number, not negative; null when left empty. */
function parseAmount(value: number | string | null | undefined): number | null {
  if (value === null || value === undefined || String(value).trim() === '') return null;
  const n = Number(String(value).trim());
  if (!Number.isFinite(n) || n < 0) throw new LeadConversionError(`The conversion value must be an amount of 0 or more (got "${value}")`);
  return Math.round(n * 100) / 100;
}

export async function convertLead(input: ConvertLeadInput, transaction: Transaction): Promise<ConvertLeadResult> {
  const query = <T extends object>(sql: string, replacements: Record<string, unknown>) =>
    sequelize.query<T>(sql, { type: QueryTypes.SELECT, replacements, transaction });
  const { workspaceId } = input;

  // FOR UPDATE: two conversions of one lead at once must not both find it unconverted.
  const [lead] = isUuid(input.leadId)
    ? await query<LeadRow>(`SELECT * FROM leads WHERE id = :id AND workspace_id = :workspaceId FOR UPDATE`, { id: input.leadId, workspaceId })
    : [];
  if (!lead) throw new LeadConversionError('This lead does not exist in your workspace');
  if (lead.status === 'converted') throw new LeadConversionError('This lead is already converted: its contact, account and deal exist');
  if (lead.status === 'lost') throw new LeadConversionError('This lead is lost: set it back to an open status before converting it');
  if (!lead.first_name && !lead.last_name && !lead.email) {
    throw new LeadConversionError('The lead has no name and no e-mail for its contact: fill one of them first');
  }

  const stage = await firstOpenStage(workspaceId, input.pipelineId, transaction);
  if (!stage) throw new LeadConversionError('Choose a pipeline of your workspace that has an open stage');
  if (!stage.is_active) throw new LeadConversionError(`Pipeline "${stage.pipeline_name}" is inactive: choose an active one`);

  const value = parseAmount(input.conversionValue) ?? parseAmount(lead.estimated_value) ?? 0;
  const person = [lead.first_name, lead.last_name].filter(Boolean).join(' ');
  const title = (input.dealTitle ?? '').trim() || lead.company_name || person || lead.email!;
  // Converted rows stay with the lead's owner (a rep keeps what they converted); an unowned
  // lead goes to whoever converts it.
  const ownerId = lead.owner_id ?? input.actorId;

  // Account: the company, matched by name within the workspace.
  let accountId: string | null = null;
  let accountCreated = false;
  if (lead.company_name?.trim()) {
    const [existing] = await query<{ id: string }>(
      `SELECT id FROM accounts WHERE workspace_id = :workspaceId AND lower(name) = lower(:name) ORDER BY created_at LIMIT 1`,
      { workspaceId, name: lead.company_name.trim() },
    );
    if (existing) accountId = existing.id;
    else {
      const domain = lead.email?.split('@')[1] ?? null;
      const [created] = await query<{ id: string }>(
        `INSERT INTO accounts (workspace_id, name, domain, owner_id, created_from_lead_id)
         VALUES (:workspaceId, :name, :domain, :ownerId, :leadId) RETURNING id`,
        { workspaceId, name: lead.company_name.trim(), domain, ownerId, leadId: lead.id },
      );
      accountId = created!.id;
      accountCreated = true;
    }
  }

  // Contact: the person, matched by e-mail (unique per workspace).
  let contactId: string | null = null;
  let contactCreated = false;
  if (lead.email) {
    const [existing] = await query<{ id: string }>(
      `SELECT id FROM contacts WHERE workspace_id = :workspaceId AND lower(email) = lower(:email)`, { workspaceId, email: lead.email },
    );
    contactId = existing?.id ?? null;
  }
  if (!contactId) {
    const [created] = await query<{ id: string }>(
      `INSERT INTO contacts (workspace_id, account_id, first_name, last_name, email, phone, title, company_name, status,
                             source, lead_score, owner_id, created_by)
       VALUES (:workspaceId, :accountId, :firstName, :lastName, :email, :phone, :title, :company, 'opportunity',
               :source::enum_contacts_source, :score, :ownerId, :actorId) RETURNING id`,
      {
        workspaceId, accountId, firstName: lead.first_name, lastName: lead.last_name, email: lead.email, phone: lead.phone,
        title: lead.job_title, company: lead.company_name, source: lead.source, score: Math.min(100, Math.max(0, lead.lead_score ?? 0)),
        ownerId, actorId: input.actorId,
      },
    );
    contactId = created!.id;
    contactCreated = true;
  }

  let opportunityId: string | null = null;
  if (input.createOpportunity !== false) {
    const [created] = await query<{ id: string }>(
      `INSERT INTO opportunities (workspace_id, name, description, lead_id, contact_id, estimated_value, probability_percent,
                                  stage, pipeline_position, expected_close_date, account_manager)
       VALUES (:workspaceId, :title, :notes, :leadId, :contactId, :value, :probability, 'prospecting', 1, :closeDate, :ownerId)
       RETURNING id`,
      { workspaceId, title, notes: lead.notes, leadId: lead.id, contactId, value, probability: stage.probability,
        closeDate: lead.expected_close_date, ownerId },
    );
    opportunityId = created!.id;
  }

  // The deal is created outside any stage, then enters the first one like any move does.
  const [deal] = await query<{ id: string }>(
    `INSERT INTO deals (workspace_id, title, value, currency, owner_id, contact_id, account_id, lead_id, opportunity_id,
                        expected_close_date, source, status)
     SELECT :workspaceId, :title, :value,
            CASE WHEN w.settings->>'currency' ~ '^[A-Z]{3}$' THEN w.settings->>'currency' ELSE 'USD' END,
            :ownerId, :contactId, :accountId, :leadId, :opportunityId, :closeDate, :source, 'open'
       FROM workspaces w WHERE w.id = :workspaceId
     RETURNING id`,
    { workspaceId, title, value, ownerId, contactId, accountId, leadId: lead.id, opportunityId,
      closeDate: lead.expected_close_date, source: lead.source ? `lead: ${lead.source}` : 'lead conversion' },
  );
  await moveDealStage({ dealId: deal!.id, stageId: stage.id, actorId: input.actorId, reason: 'Converted from a lead' }, transaction);

  await query(
    `UPDATE leads SET status = 'converted', conversion_value = :value, last_activity_at = now() WHERE id = :id RETURNING id`,
    { id: lead.id, value },
  );

  return { contactId, contactCreated, accountId, accountCreated, opportunityId, dealId: deal!.id, stageId: stage.id, conversionValue: value };
}
