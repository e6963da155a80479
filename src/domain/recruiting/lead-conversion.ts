/**
 * S1 sales desk: a won lead becomes a client, i.e. an account carrying `created_from_lead_id`,
 * and the lead is `converted`. A lead converts once: a second conversion (or a lead already
 * marked converted or lost) is refused and nothing is written.
 */
import { QueryTypes, type Transaction } from 'sequelize';
import { sequelize } from '../../db.js';
import { RecruitingRuleError } from './rule-error.js';

export interface LeadConversion {
  workspaceId: string;
  leadId: string;
  /** Who converts it: the account's owner; the lead's owner manages the client (else the actor). */
  actorId: string;
  /** Defaults to the lead's company. */
  clientName?: string | null;
  billingAddress?: string | null;
}

export async function convertLeadToClient(input: LeadConversion, transaction: Transaction) {
  const [lead] = await sequelize.query<{ id: string; status: string; company_name: string | null; owner_id: string | null }>(
    `SELECT id, status::text, company_name, owner_id FROM leads WHERE id = :leadId AND workspace_id = :workspaceId FOR UPDATE`,
    { type: QueryTypes.SELECT, transaction, replacements: { leadId: input.leadId, workspaceId: input.workspaceId } },
  );
  if (!lead) throw new RecruitingRuleError('Not converted: no such lead in this workspace');
  const [existing] = await sequelize.query<{ name: string }>(
    `SELECT name FROM accounts WHERE created_from_lead_id = :leadId LIMIT 1`,
    { type: QueryTypes.SELECT, transaction, replacements: { leadId: lead.id } },
  );
  if (existing) throw new RecruitingRuleError(`Not converted: this lead is already the client "${existing.name}"`);
  if (lead.status === 'converted') throw new RecruitingRuleError('Not converted: this lead is converted already');
  if (lead.status === 'lost') throw new RecruitingRuleError('Not converted: this lead is lost; reopen it first');
  const name = input.clientName?.trim() || lead.company_name?.trim();
  if (!name) throw new RecruitingRuleError('Not converted: the lead has no company name; give the client a name');
  const [account] = await sequelize.query<Record<string, unknown>>(
    `INSERT INTO accounts (workspace_id, name, billing_address, status, owner_id, account_manager_id, created_from_lead_id, contract_start_date)
     VALUES (:workspaceId, :name, :billing, 'active', :actorId, :manager, :leadId, (now() AT TIME ZONE 'UTC')::date)
     RETURNING *`,
    {
      type: QueryTypes.SELECT, transaction,
      replacements: {
        workspaceId: input.workspaceId, name, billing: input.billingAddress?.trim() || null, actorId: input.actorId,
        manager: lead.owner_id ?? input.actorId, leadId: lead.id,
      },
    },
  );
  await sequelize.query(`UPDATE leads SET status = 'converted' WHERE id = :id`, { transaction, replacements: { id: lead.id } });
  return { account: account!, lead: { id: lead.id, before: { status: lead.status }, after: { status: 'converted' } } };
}
