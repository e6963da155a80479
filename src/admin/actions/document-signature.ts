/**
 * Documents → "Send for signature" and document signatures → "Record signature": the form asks
 * what the rule needs (the link's life in days; the signing evidence), the domain functions of
 * src/domain/documents/signature.ts set the statuses and timestamps, and the change commits with
 * its audit entry. A refusal (no signers, no file, not sent yet, already signed, expired) is an
 * error notice with nothing written. Rows are read under the action's row scope (a rep's own
 * documents and their signers); the policy names the actions `sendForSignature` and
 * `recordSignature`. GET opens the form; only a POST changes anything.
 */
import { NotFoundError, type Action, type ActionResponse } from 'adminjs';
import { DocumentSignatureError, recordSignature, sendForSignature, AWAITING_SIGNATURE, SENDABLE } from '../../domain/documents/signature.js';
import type { Actor } from '../../domain/permissions/actor.js';
import { component } from '../components/loader.js';
import { recordAudit } from '../data/audit.js';
import { respond } from './record-response.js';
import { withActorTransaction } from '../data/actor-transaction.js';

const signatureComponent = component('DocumentSignature', 'document-signature.jsx');
const text = (v: unknown) => (v === undefined || v === null ? null : String(v));

export const sendForSignatureAction: Partial<Action<ActionResponse>> = {
  actionType: 'record',
  icon: 'Send',
  component: signatureComponent,
  custom: { kind: 'send' },
  isVisible: ({ record }) => !!record && (SENDABLE as readonly string[]).includes(String(record.param('status'))),
  handler: async (request, _response, context) => {
    const { record, currentAdmin } = context;
    if (!record) throw new NotFoundError('No document given', 'sendForSignature');
    if (request.method !== 'post') return { record: record.toJSON(currentAdmin) };
    const actor = currentAdmin as Actor;
    const id = String(record.id());
    const workspaceId = String(record.param('workspace_id'));
    try {
      const sent = await withActorTransaction(actor, async (transaction) => {
        const change = await sendForSignature({ workspaceId, documentId: id, expiresInDays: text(request.payload?.expiresInDays) }, transaction);
        await recordAudit({
          actor, action: 'update', table: 'documents', id, transaction, description: `Sent document ${id} for signature`,
          before: { workspace_id: workspaceId, ...change.before }, after: { workspace_id: workspaceId, ...change.after },
        });
        return change;
      });
      return respond(context, { message: `Sent for signature to ${sent.signers} signer${sent.signers === 1 ? '' : 's'}`, type: 'success' });
    } catch (error) {
      if (error instanceof DocumentSignatureError) return respond(context, { message: error.message, type: 'error' });
      throw error;
    }
  },
};

export const recordSignatureAction: Partial<Action<ActionResponse>> = {
  actionType: 'record',
  icon: 'PenTool',
  component: signatureComponent,
  custom: { kind: 'sign', awaiting: AWAITING_SIGNATURE },
  isVisible: ({ record }) => !!record && record.param('is_signed') !== true && record.param('is_signed') !== 'true',
  handler: async (request, _response, context) => {
    const { record, currentAdmin } = context;
    if (!record) throw new NotFoundError('No signature given', 'recordSignature');
    if (request.method !== 'post') return { record: record.toJSON(currentAdmin) };
    const actor = currentAdmin as Actor;
    const id = String(record.id());
    const workspaceId = String(record.param('workspace_id'));
    const payload = (request.payload ?? {}) as Record<string, unknown>;
    try {
      const signed = await withActorTransaction(actor, async (transaction) => {
        const result = await recordSignature({
          workspaceId, signatureId: id,
          ipAddress: text(payload.ipAddress), userAgent: text(payload.userAgent), signatureData: text(payload.signatureData),
        }, transaction);
        await recordAudit({
          actor, action: 'update', table: 'document_signatures', id, transaction,
          description: `Recorded the signature of ${result.signerEmail} on document ${result.documentId}`,
          before: { workspace_id: workspaceId, is_signed: false, signed_at: null },
          after: { workspace_id: workspaceId, is_signed: true, signed_at: result.signedAt },
        });
        if (result.documentStatus !== result.documentBefore) {
          await recordAudit({
            actor, action: 'update', table: 'documents', id: result.documentId, transaction,
            description: `Document ${result.documentId} signed by every signer`,
            before: { workspace_id: workspaceId, status: result.documentBefore }, after: { workspace_id: workspaceId, status: result.documentStatus },
          });
        }
        return result;
      });
      const message = signed.remaining === 0
        ? `Signature recorded: "${signed.documentName}" is signed`
        : `Signature recorded; ${signed.remaining} signer${signed.remaining === 1 ? '' : 's'} still to sign`;
      return respond(context, { message, type: 'success' });
    } catch (error) {
      if (error instanceof DocumentSignatureError) return respond(context, { message: error.message, type: 'error' });
      throw error;
    }
  },
};
