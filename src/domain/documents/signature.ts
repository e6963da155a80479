/**
 * A document's e-signature life (S2 documents + document_signatures): "Send for signature" moves a
 * draft with its signers to `sent` (sent_at, optional expiry); recording a signer's signature
 * sets that row's is_signed/signed_at (with the evidence given: IP, browser, signature data),
 * and the last signature makes the document `signed` with its signed_at, which the database's
 * outbox trigger turns into the `document_signed` event for workflows. Refusals raise
 * DocumentSignatureError before anything is written.
 */
import { isIP } from 'node:net';
import { QueryTypes, type Transaction } from 'sequelize';
import { sequelize } from '../../db.js';
import { isUuid } from '../uuid.js';

export class DocumentSignatureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DocumentSignatureError';
  }
}

/** Statuses a signature can still be recorded in. */
export const AWAITING_SIGNATURE = ['sent', 'viewed'] as const;
/** Statuses a document can be sent for signature from (an expired or declined one goes out again). */
export const SENDABLE = ['draft', 'expired', 'declined'] as const;
const MAX_EXPIRY_DAYS = 365;

interface DocumentRow {
  id: string; name: string; status: string; file_url: string | null; expires_at: Date | null;
  signers: number; signed: number;
}

const select = <T extends object>(sql: string, replacements: Record<string, unknown>, transaction: Transaction) =>
  sequelize.query<T>(sql, { type: QueryTypes.SELECT, replacements, transaction });

async function lockDocument(workspaceId: string, documentId: string, transaction: Transaction): Promise<DocumentRow> {
  const [doc] = isUuid(documentId)
    ? await select<DocumentRow>(
      `SELECT d.id, d.name, d.status::text, d.file_url, d.expires_at,
              (SELECT count(*)::int FROM document_signatures s WHERE s.document_id = d.id) AS signers,
              (SELECT count(*)::int FROM document_signatures s WHERE s.document_id = d.id AND s.is_signed) AS signed
         FROM documents d WHERE d.id = :documentId AND d.workspace_id = :workspaceId FOR UPDATE OF d`,
      { documentId, workspaceId }, transaction,
    )
    : [];
  if (!doc) throw new DocumentSignatureError('This document does not exist in your workspace');
  return doc;
}

export interface SendForSignatureInput {
  workspaceId: string;
  documentId: string;
  /** The signing link's life; empty keeps the document's expires_at. */
  expiresInDays?: number | string | null;
}

export async function sendForSignature(input: SendForSignatureInput, transaction: Transaction) {
  const doc = await lockDocument(input.workspaceId, input.documentId, transaction);
  if (!(SENDABLE as readonly string[]).includes(doc.status)) {
    throw new DocumentSignatureError(`"${doc.name}" is ${doc.status}: only a draft, expired or declined document is sent for signature`);
  }
  if (!doc.file_url) throw new DocumentSignatureError(`"${doc.name}" has no file to sign: set its file first`);
  if (doc.signers === 0) throw new DocumentSignatureError(`"${doc.name}" has no signers: add them under Signatures first`);
  let days: number | null = null;
  if (input.expiresInDays !== null && input.expiresInDays !== undefined && String(input.expiresInDays).trim() !== '') {
    days = Number(input.expiresInDays);
    if (!Number.isInteger(days) || days < 1 || days > MAX_EXPIRY_DAYS) {
      throw new DocumentSignatureError(`The link expires in 1 to ${MAX_EXPIRY_DAYS} whole days (got "${input.expiresInDays}")`);
    }
  }
  const expiresAt = days ? null : doc.expires_at;
  if (!days && expiresAt && new Date(expiresAt).getTime() <= Date.now()) {
    throw new DocumentSignatureError(`"${doc.name}" expired on ${new Date(expiresAt).toISOString().slice(0, 10)}: give a new expiry in days`);
  }
  // A re-send starts the signing over: signatures given on the earlier version do not count.
  await sequelize.query(
    `UPDATE document_signatures SET is_signed = false, signed_at = NULL, signature_data = NULL, ip_address = NULL, user_agent = NULL
      WHERE document_id = :id AND :resend`,
    { replacements: { id: doc.id, resend: doc.status !== 'draft' }, transaction },
  );
  const [row] = await select<{ status: string; sent_at: Date; expires_at: Date | null }>(
    `UPDATE documents
        SET status = 'sent', sent_at = now(), requires_signature = true, signed_at = NULL, viewed_at = NULL,
            expires_at = CASE WHEN :days::int IS NULL THEN expires_at ELSE now() + make_interval(days => :days::int) END
      WHERE id = :id RETURNING status::text, sent_at, expires_at`,
    { id: doc.id, days }, transaction,
  );
  return { before: { status: doc.status }, after: { status: row!.status, sent_at: row!.sent_at, expires_at: row!.expires_at }, signers: doc.signers };
}

export interface RecordSignatureInput {
  workspaceId: string;
  signatureId: string;
  /** Evidence of the signing, as the signer's provider or the signed paper gives it. */
  ipAddress?: string | null;
  userAgent?: string | null;
  signatureData?: string | null;
}

export async function recordSignature(input: RecordSignatureInput, transaction: Transaction) {
  const [signature] = isUuid(input.signatureId)
    ? await select<{ id: string; document_id: string; signer_email: string; is_signed: boolean; signed_at: Date | null }>(
      `SELECT id, document_id, signer_email, is_signed, signed_at FROM document_signatures
        WHERE id = :id AND workspace_id = :workspaceId FOR UPDATE`,
      { id: input.signatureId, workspaceId: input.workspaceId }, transaction,
    )
    : [];
  if (!signature) throw new DocumentSignatureError('This signature request does not exist in your workspace');
  if (signature.is_signed) {
    throw new DocumentSignatureError(`${signature.signer_email} already signed on ${new Date(signature.signed_at!).toISOString().slice(0, 10)}`);
  }
  const doc = await lockDocument(input.workspaceId, signature.document_id, transaction);
  if (!(AWAITING_SIGNATURE as readonly string[]).includes(doc.status)) {
    throw new DocumentSignatureError(
      doc.status === 'draft' ? `"${doc.name}" is a draft: send it for signature first` : `"${doc.name}" is ${doc.status}: it takes no more signatures`,
    );
  }
  if (doc.expires_at && new Date(doc.expires_at).getTime() <= Date.now()) {
    throw new DocumentSignatureError(`"${doc.name}" expired on ${new Date(doc.expires_at).toISOString().slice(0, 10)}: send it again`);
  }
  const ip = (input.ipAddress ?? '').trim() || null;
  if (ip && !isIP(ip)) throw new DocumentSignatureError(`"${ip}" is not an IP address`);

  const [signed] = await select<{ signed_at: Date }>(
    `UPDATE document_signatures SET is_signed = true, signed_at = now(), ip_address = :ip::inet, user_agent = :userAgent,
            signature_data = :data
      WHERE id = :id RETURNING signed_at`,
    { id: signature.id, ip, userAgent: (input.userAgent ?? '').trim().slice(0, 500) || null, data: (input.signatureData ?? '').trim() || null },
    transaction,
  );
  const remaining = doc.signers - doc.signed - 1;
  let documentStatus = doc.status;
  if (remaining === 0) {
    await sequelize.query(`UPDATE documents SET status = 'signed', signed_at = now() WHERE id = :id`, { replacements: { id: doc.id }, transaction });
    documentStatus = 'signed';
  }
  return {
    documentId: doc.id,
    documentName: doc.name,
    signerEmail: signature.signer_email,
    signedAt: signed!.signed_at,
    remaining,
    documentBefore: doc.status,
    documentStatus,
  };
}
