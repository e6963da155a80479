/**
 * send_email: an `emails` row, scheduled now, from the record owner's mailbox (or the one named)
 * with the template's subject and body. The worker's sender sends it with every guard
 * (unsubscribes, bounces, send windows, mailbox limits) and fills its merge fields: nothing is
 * sent from here.
 */
import type { ActionParams } from '../schema.js';
import { ActionError, linksOf, mailboxFor, one, type RunContext } from './context.js';

export async function sendEmail(ctx: RunContext, p: ActionParams<'send_email'>) {
  const template = await one<{ subject: string | null; body_html: string | null; body_text: string | null; name: string }>(
    `SELECT name, subject, body_html, body_text FROM email_templates WHERE id = :id AND workspace_id = :workspaceId`,
    { id: p.template_id, workspaceId: ctx.workspaceId }, ctx.transaction,
  );
  if (!template) throw new ActionError(`email template ${p.template_id} does not exist in this workspace`);
  const links = linksOf(ctx);
  let to = p.to ?? null;
  let recipientName: string | null = null;
  if (!to) {
    const contact = links.contact_id
      ? await one<{ email: string | null; name: string | null }>(
        `SELECT email, NULLIF(concat_ws(' ', first_name, last_name), '') AS name FROM contacts
          WHERE id = :id AND workspace_id = :workspaceId`,
        { id: links.contact_id, workspaceId: ctx.workspaceId }, ctx.transaction,
      )
      : undefined;
    if (!contact?.email) throw new ActionError('send_email: the record has no contact with an e-mail address');
    to = contact.email;
    recipientName = contact.name;
  }
  const mailbox = await mailboxFor(ctx, p.mailbox_id);
  const row = await one<{ id: string }>(
    `INSERT INTO emails (workspace_id, contact_id, deal_id, template_id, email_account_id, owner_id, subject, body_html,
                         body_text, from_email, to_email, recipient_name, status, scheduled_at, send_metadata)
     VALUES (:workspaceId, :contact_id, :deal_id, :templateId, :mailboxId, :ownerId, :subject, :bodyHtml, :bodyText,
             :from, :to, :recipientName, 'scheduled', now(), CAST(:metadata AS jsonb))
     RETURNING id`,
    {
      workspaceId: ctx.workspaceId, contact_id: links.contact_id, deal_id: links.deal_id, templateId: p.template_id,
      mailboxId: mailbox.id, ownerId: mailbox.user_id, subject: template.subject ?? template.name,
      bodyHtml: template.body_html, bodyText: template.body_text, from: mailbox.email, to, recipientName,
      metadata: JSON.stringify({ workflow_id: ctx.workflow.id, workflow_execution_id: ctx.executionId }),
    },
    ctx.transaction,
  );
  return { email_id: row!.id, to, from: mailbox.email };
}
