/**
 * The one activity log (every activities.type, calls with results and durations) and the
 * hand-made tasks plus those that pipeline stages created on entry (S3 auto_tasks). Each row
 * hangs off a deal, lead, contact or opportunity of the workspace, within that record's lifetime.
 */
import {
  chance, Clock, id, int, pick, weighted,
  type Deal, type DemoWorkspace, type Row, Seeder,
} from './demo-kit.js';
import { autoTasks } from './deals.demo.js';

const TYPES = ['call', 'email', 'meeting', 'task', 'note', 'deadline', 'proposal_sent', 'contract_signed'] as const;
type ActivityType = (typeof TYPES)[number];
const CALL_OUTCOMES: Record<string, string[]> = {
  answered: ['Interested — sending pricing', 'Booked a demo for next week', 'Not now, call back next quarter',
    'Confirmed budget and timeline', 'Asked for references'],
  missed: ['No answer'], voicemail: ['Left a voicemail', 'Left a voicemail, will try again Thursday'],
};
const NOTES = ['Decision expected after their board meeting.', 'Uses a competitor today; contract ends in March.',
  'Champion is the Head of RevOps.', 'Procurement needs a security questionnaire.'];

interface Target { closed: boolean; dealId: string | null; leadId: string | null; contactId: string | null; accountId: string | null;
  opportunityId: string | null; ownerId: string; from: Date; to: Date; label: string }

function targetFor(ws: DemoWorkspace, clock: Clock, type: ActivityType): Target {
  const recently = clock.addDays(clock.anchor, -0.1);
  const ofDeal = (d: Deal): Target => ({ closed: d.closedAt !== null, dealId: d.id, leadId: d.leadId, contactId: d.contactId,
    accountId: d.accountId, opportunityId: d.opportunityId,
    ownerId: d.ownerId, from: d.createdAt, to: d.closedAt ?? recently, label: d.title });
  if (type === 'contract_signed') return ofDeal(pick(ws.deals.filter((d) => d.stage.isWon)));
  if (type === 'proposal_sent') return ofDeal(pick(ws.deals.filter((d) => d.stage.orderIndex >= 3 || d.stage.isWon)));
  const kind = weighted([['deal', 40], ['lead', 20], ['contact', 40]]);
  if (kind === 'deal') return ofDeal(pick(ws.deals));
  const owned = ws.leads.filter((l) => l.ownerId);
  if (kind === 'lead' && owned.length) {
    const l = pick(owned);
    return { closed: l.status === 'converted' || l.status === 'lost', dealId: null, leadId: l.id, contactId: null, accountId: null,
      opportunityId: null, ownerId: l.ownerId!, from: l.createdAt, to: recently,
      label: [l.firstName, l.lastName].filter(Boolean).join(' ') || 'lead' };
  }
  const c = pick(ws.contacts);
  return { closed: false, dealId: null, leadId: null, contactId: c.id, accountId: c.accountId, opportunityId: null, ownerId: c.ownerId,
    from: c.createdAt, to: recently, label: `${c.firstName} ${c.lastName}` };
}

export async function seedActivities(s: Seeder, clock: Clock, ws: DemoWorkspace): Promise<void> {
  const rows: Row[] = [];
  for (let n = 0; n < ws.scale.activities; n += 1) {
    // The first eight cover every type; then a realistic mix.
    const type: ActivityType = n < TYPES.length ? TYPES[n]! : weighted([['call', 30], ['email', 20], ['meeting', 15], ['task', 8],
      ['note', 12], ['deadline', 5], ['proposal_sent', 5], ['contract_signed', 5]]);
    const t = targetFor(ws, clock, type);
    // A fifth of calls, meetings, tasks and deadlines are still ahead (never on closed records).
    const scheduled = ['call', 'meeting', 'task', 'deadline'].includes(type) && !t.closed && chance(0.22);
    const at = clock.workHour(clock.between(t.from, t.to));
    let status = 'completed';
    let occurredAt: Date | null = at;
    let dueAt: Date | null = null;
    if (type === 'contract_signed') occurredAt = clock.notAfterAnchor(clock.workHour(t.to));
    if (scheduled) {
      status = 'pending'; occurredAt = null; dueAt = clock.workHour(clock.ahead(0.5, 21));
    } else if (type === 'task' || type === 'deadline') {
      dueAt = clock.addDays(at, int(0, 3));
      status = weighted([['completed', 7], ['overdue', 2], ['cancelled', 1]]);
      if (status === 'overdue' && dueAt >= clock.anchor) status = 'pending';
      if (status !== 'completed') occurredAt = null;
    } else if (type === 'meeting' && chance(0.08)) {
      status = 'cancelled'; dueAt = at; occurredAt = null;
    }
    const callResult = type === 'call' && status === 'completed' ? weighted([['answered', 55], ['missed', 25], ['voicemail', 20]]) : null;
    const docType = type === 'contract_signed' ? 'contract' : type === 'proposal_sent' ? 'proposal' : null;
    const doc = docType ? ws.documents.find((d) => d.dealId === t.dealId && d.type === docType) : undefined;
    const subject = {
      call: `Call with ${t.label}`, email: `Email: ${pick(['pricing follow-up', 'intro', 'meeting recap', 'next steps'])}`,
      meeting: pick(['Discovery meeting', 'Product demo', 'Quarterly review', 'Negotiation call']),
      task: pick(['Update CRM notes', 'Prepare account plan', 'Send case study']), note: 'Note',
      deadline: pick(['Proposal due', 'Security review deadline', 'Budget decision']),
      proposal_sent: `Proposal sent — ${t.label}`, contract_signed: `Contract signed — ${t.label}`,
    }[type];
    rows.push({
      id: id(), workspace_id: ws.id, type, subject, status,
      description: type === 'note' ? pick(NOTES) : type === 'meeting' ? 'Agenda: current process, demo, pricing, next steps.' : null,
      priority: int(0, 2), occurred_at: occurredAt, due_at: dueAt, completed_at: status === 'completed' ? occurredAt : null,
      duration_minutes: callResult === 'answered' ? int(2, 45) : callResult === 'voicemail' ? 1 : callResult === 'missed' ? 0
        : type === 'meeting' && status === 'completed' ? pick([30, 45, 60]) : null,
      location: type === 'meeting' ? pick(['Zoom', 'Google Meet', 'Client office', `${ws.name} HQ`]) : null,
      outcome: callResult ? pick(CALL_OUTCOMES[callResult]!)
        : type === 'meeting' && status === 'completed' ? pick(['Positive — next step agreed', 'Needs internal alignment']) : null,
      next_action: callResult === 'answered' && chance(0.6)
        ? pick(['Send pricing', 'Schedule demo', 'Introduce solutions engineer']) : null,
      call_result: callResult, is_recorded: callResult === 'answered' && chance(0.4), is_automated: type === 'email' && chance(0.4),
      owner_id: t.ownerId, created_by: t.ownerId, contact_id: t.contactId, account_id: t.accountId, deal_id: t.dealId, lead_id: t.leadId,
      opportunity_id: t.opportunityId, document_id: doc?.id ?? null,
      metadata: type === 'email' ? { direction: pick(['outbound', 'inbound']) } : {},
      // Scheduled ones were planned some time before they were due.
      created_at: occurredAt ?? clock.between(t.from, dueAt && dueAt < clock.anchor ? dueAt : clock.addDays(clock.anchor, -0.1)),
    });
  }
  await s.insert('activities', rows);
}

export async function seedTasks(s: Seeder, clock: Clock, ws: DemoWorkspace): Promise<void> {
  const rows: Row[] = [];
  const recently = clock.addDays(clock.anchor, -0.1);
  for (let n = 0; n < ws.scale.tasks; n += 1) {
    const kind = weighted([['deal', 35], ['lead', 20], ['contact', 25], ['account', 10],
      ['opportunity', ws.opportunities.length ? 10 : 0]]);
    const link: Row = {};
    let title: string;
    let assignee: string;
    let from: Date;
    if (kind === 'deal') {
      const d = pick(ws.deals);
      Object.assign(link, { deal_id: d.id, contact_id: d.contactId, account_id: d.accountId });
      title = pick([`Send revised quote — ${d.title}`, 'Prepare for negotiation call', 'Confirm the decision makers', 'Book legal review']);
      assignee = d.ownerId; from = d.createdAt;
    } else if (kind === 'lead') {
      const l = pick(ws.leads.filter((x) => x.ownerId));
      link.lead_id = l.id;
      title = pick([`Qualify ${l.firstName ?? 'the lead'} ${l.lastName ?? ''}`.trim(), `Call back ${l.firstName ?? 'the lead'}`,
        'Send the benchmark report']);
      assignee = l.ownerId!; from = l.createdAt;
    } else if (kind === 'opportunity') {
      const o = pick(ws.opportunities);
      Object.assign(link, { opportunity_id: o.id, contact_id: o.contactId, lead_id: o.leadId });
      title = pick([`Site visit — ${o.name}`, 'Collect subcontractor bids', 'Update the estimate']);
      assignee = (ws.users.pm ?? ws.users.office ?? ws.salesOwners[0]!).id; from = o.createdAt;
    } else if (kind === 'account') {
      const a = pick(ws.accounts);
      link.account_id = a.id;
      title = `Quarterly business review — ${a.name}`;
      assignee = a.ownerId; from = a.createdAt;
    } else {
      const c = pick(ws.contacts);
      Object.assign(link, { contact_id: c.id, account_id: c.accountId });
      title = pick([`Check in with ${c.firstName} ${c.lastName}`, `Send case study to ${c.firstName}`, 'Update contact details']);
      assignee = ws.users.office && chance(0.1) ? ws.users.office.id : c.ownerId; from = c.createdAt;
    }
    const status = weighted([['pending', 40], ['in_progress', 15], ['completed', 35], ['cancelled', 10]]);
    const createdAt = clock.workHour(clock.between(from, recently));
    const open = status === 'pending' || status === 'in_progress';
    // Open tasks are mostly due soon, a few overdue; closed ones were due after they were created.
    const dueAt = open
      ? (chance(0.2) ? clock.ago(1, 10) : clock.workHour(clock.ahead(0.5, 30)))
      : clock.notAfterAnchor(clock.addDays(createdAt, int(1, 10)));
    rows.push({
      id: id(), workspace_id: ws.id, title, status, priority: weighted([['low', 2], ['medium', 5], ['high', 2], ['urgent', 1]]),
      due_at: dueAt,
      completed_at: status === 'completed' ? clock.notAfterAnchor(clock.addMinutes(createdAt, int(60, 7 * 1440))) : null,
      assigned_to: assignee, description: chance(0.3) ? 'See the latest activity for context.' : null, ...link, created_at: createdAt,
    });
  }
  // Tasks that stages created when a deal entered them (S3 auto_tasks), for deals still there.
  for (const deal of ws.deals) {
    for (const template of autoTasks(deal.stage)) {
      const due = clock.addDays(deal.stageEnteredAt, template.due_in_days);
      const done = due < clock.anchor && chance(0.7);
      rows.push({
        id: id(), workspace_id: ws.id, title: template.title, status: done ? 'completed' : 'pending', priority: template.priority,
        due_at: due,
        completed_at: done ? clock.notAfterAnchor(clock.addDays(deal.stageEnteredAt, 1)) : null, assigned_to: deal.ownerId,
        deal_id: deal.id, contact_id: deal.contactId, account_id: deal.accountId, pipeline_stage_id: deal.stage.id,
        description: `Created when the deal entered “${deal.stage.name}”.`, created_at: deal.stageEnteredAt,
      });
    }
  }
  await s.insert('tasks', rows);
}
