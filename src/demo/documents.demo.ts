/**
 * Documents (S2) of every type and status, each attached to a deal whose stage fits it
 * (signed contracts on won deals, proposals on deals at proposal stage), with e-signature
 * rows for the ones that need signing.
 */
import { faker } from '@faker-js/faker';
import { chance, Clock, demoIp, id, int, pick, type Deal, type DemoWorkspace, type Row, Seeder } from './demo-kit.js';

type Fit = 'won' | 'lost' | 'late' | 'early' | 'any';
type Spec = [type: string, status: string, fit: Fit, count: number];

const SPECS: Record<'acme' | 'globex', Spec[]> = {
  acme: [
    ['contract', 'signed', 'won', 4], ['contract', 'viewed', 'late', 1], ['contract', 'declined', 'lost', 1],
    ['proposal', 'sent', 'late', 2], ['proposal', 'viewed', 'late', 2], ['proposal', 'expired', 'lost', 1],
    ['nda', 'signed', 'early', 2], ['nda', 'draft', 'early', 1], ['invoice', 'sent', 'won', 2], ['invoice', 'draft', 'won', 1],
    ['quote', 'viewed', 'late', 1], ['quote', 'sent', 'late', 1], ['other', 'draft', 'any', 1],
  ],
  globex: [['contract', 'signed', 'won', 1], ['proposal', 'sent', 'late', 1], ['nda', 'signed', 'early', 1], ['quote', 'draft', 'late', 1]],
};
const TITLES: Record<string, string> = {
  contract: 'Master Services Agreement', proposal: 'Commercial Proposal', nda: 'Mutual NDA', invoice: 'Invoice', quote: 'Quote',
  other: 'Security Questionnaire',
};

function fits(deal: Deal, fit: Fit): boolean {
  if (fit === 'won') return deal.stage.isWon;
  if (fit === 'lost') return deal.stage.isLost;
  if (fit === 'late') return !deal.closedAt && deal.stage.orderIndex >= 2;
  if (fit === 'early') return !deal.stage.isLost;
  return true;
}

export async function seedDocuments(s: Seeder, clock: Clock, ws: DemoWorkspace): Promise<void> {
  const documents: Row[] = [];
  const signatures: Row[] = [];
  const used = new Set<string>();
  let invoiceNo = 1001;
  for (const [type, status, fit, count] of SPECS[ws.slug]) {
    for (let n = 0; n < count; n += 1) {
      const candidates = ws.deals.filter((d) => fits(d, fit) && !used.has(d.id));
      const deal = candidates.length ? pick(candidates) : pick(ws.deals);
      used.add(deal.id);
      const contact = ws.contacts.find((c) => c.id === deal.contactId) ?? null;
      const account = ws.accounts.find((a) => a.id === deal.accountId)!;
      const needsSignature = type === 'contract' || type === 'nda' || (type === 'proposal' && chance(0.5));
      // Documents of a closed deal date from before its close; the others from its current stage.
      const createdAt = clock.between(deal.createdAt, deal.closedAt ? clock.addDays(deal.closedAt, -2) : deal.stageEnteredAt);
      const sentAt = status === 'draft' ? null : clock.notAfterAnchor(clock.addMinutes(createdAt, int(30, 1440)));
      const viewedAt = sentAt && ['viewed', 'signed',
        'declined'].includes(status) ? clock.notAfterAnchor(clock.addMinutes(sentAt, int(20, 2880))) : null;
      const signedAt = status === 'signed' && viewedAt ? clock.notAfterAnchor(clock.addMinutes(viewedAt, int(60, 4320))) : null;
      const expiresAt = sentAt ? (status === 'expired' ? clock.addDays(sentAt, 14) : clock.addDays(sentAt, 30)) : null;
      const docId = id();
      const name = type === 'invoice' ? `Invoice INV-${invoiceNo++} — ${account.name}` : `${TITLES[type]} — ${account.name}`;
      documents.push({
        id: docId, workspace_id: ws.id, name,
        description: type === 'other' ? 'Completed vendor security questionnaire' : null, type, status,
        file_url: `https://files.${ws.domain}/documents/${docId}.pdf`, file_size: int(48_000, 2_400_000), file_type: 'application/pdf',
        owner_id: deal.ownerId, contact_id: contact?.id ?? null, deal_id: deal.id, requires_signature: needsSignature,
        signature_provider: needsSignature && sentAt ? 'docusign' : null,
        signature_request_id: needsSignature && sentAt ? faker.string.hexadecimal({ length: 32, casing: 'lower', prefix: '' }) : null,
        sent_at: sentAt, viewed_at: viewedAt, signed_at: signedAt, expires_at: expiresAt,
        view_count: viewedAt ? int(1, 6) : 0, reminder_count: status === 'sent' || status === 'expired' ? int(1, 3) : 0,
        last_reminder_at: status === 'sent' || status === 'expired' ? clock.notAfterAnchor(clock.addDays(sentAt!, 5)) : null,
        tags: type === 'contract' ? ['legal'] : [],
        custom_fields: type === 'invoice' ? { amount: deal.value, currency: ws.currency, due_days: 30 } : {},
        created_at: createdAt, updated_at: signedAt ?? viewedAt ?? sentAt ?? createdAt,
      });
      ws.documents.push({ id: docId, type, status, dealId: deal.id, contactId: contact?.id ?? null,
        ownerId: deal.ownerId, sentAt, signedAt });

      if (needsSignature && sentAt) {
        const owner = Object.values(ws.users).find((u) => u.id === deal.ownerId)!;
        const clientName = contact ? `${contact.firstName} ${contact.lastName}` : `Legal ${account.name}`;
        const clientEmail = contact?.email ?? `legal@${account.domain}`;
        const clientSigned = status === 'signed';
        signatures.push({
          id: id(), workspace_id: ws.id, document_id: docId, signer_name: clientName, signer_email: clientEmail,
          signer_role: 'Client signatory',
          is_signed: clientSigned, signed_at: clientSigned ? clock.addMinutes(signedAt!, -30) : null,
          signature_data: clientSigned ? `typed:${clientName}` : null, ip_address: clientSigned ? demoIp() : null,
          user_agent: clientSigned ? faker.internet.userAgent() : null, created_at: sentAt,
        }, {
          id: id(), workspace_id: ws.id, document_id: docId, signer_name: `${owner.firstName} ${owner.lastName}`, signer_email: owner.email,
          signer_role: `${ws.name} countersigner`, is_signed: clientSigned, signed_at: clientSigned ? signedAt : null,
          signature_data: clientSigned ? `typed:${owner.firstName} ${owner.lastName}` : null, ip_address: clientSigned ? demoIp() : null,
          user_agent: clientSigned ? faker.internet.userAgent() : null, created_at: sentAt,
        });
      }
    }
  }
  await s.insert('documents', documents);
  await s.insert('document_signatures', signatures);
}
