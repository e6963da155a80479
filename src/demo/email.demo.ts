/**
 * E-mail setup (S2 templates, S4 mailboxes) and S4 sequences with their steps and enrollments.
 * Enrollment timelines are planned here (which steps went out when, what ended them) and the
 * messages themselves are written by email-messages.demo.ts from that plan.
 */
import { config } from '../config.js';
import { faker } from '@faker-js/faker';
import {
  Clock, id, int, weighted,
  type Contact, type DemoUser, type DemoWorkspace, type Mailbox, type Row, Seeder,
} from './demo-kit.js';

export interface PlannedStep { id: string; number: number; subject: string | null; body: string; delayDays: number }
export interface PlannedEnrollment {
  id: string; sequenceId: string; steps: PlannedStep[]; contact: Contact; mailbox: Mailbox; status: string;
  /** Send time of each step sent so far (index 0 = step 1). */
  sent: Date[];
  nextAt: Date | null;
  /** When the contact replied, bounced or unsubscribed (ends the enrollment). */
  endedAt: Date | null;
}

const TEMPLATES: Record<'acme' | 'globex', [name: string, category: string, subject: string, body: string][]> = {
  acme: [
    ['Cold intro', 'prospecting', "Quick question about {{company}}'s pipeline", 'Hi {{first_name}},\n\n'
      + 'Teams like {{company}} usually lose deals between spreadsheets and inboxes. We keep leads, deals and hiring in one place.\n\n'
      + 'Worth a 15-minute look next week?\n\n{{sender_name}}'],
    ['Follow-up after no reply', 'prospecting', 'Re: {{company}}', 'Hi {{first_name}}, floating this back to the top of your inbox. '
      + 'Happy to send a 2-minute video instead of a call.\n\n{{sender_name}}'],
    ['Meeting confirmation', 'meetings', 'Confirmed: {{meeting_time}}', 'Hi {{first_name}},\n\nConfirming our call on {{meeting_time}}. '
      + 'Agenda: your current process, a short demo, next steps.\n\n{{sender_name}}'],
    ['Proposal sent', 'deals', 'Your proposal from Acme', 'Hi {{first_name}},\n\nAttached is the proposal we discussed. '
      + 'It is valid for 30 days; I have held the onboarding slot you asked for.\n\n{{sender_name}}'],
    ['Welcome aboard', 'onboarding', 'Welcome to Acme, {{first_name}}!', 'Hi {{first_name}},\n\nWelcome! Your kickoff call is booked '
      + 'and your workspace is ready. Reply to this e-mail any time.\n\nThe Acme team'],
  ],
  globex: [
    ['Erstkontakt', 'prospecting', 'Kurze Frage zu {{company}}',
      'Hallo {{first_name}},\n\nhätten Sie nächste Woche 15 Minuten für einen kurzen Austausch?\n\n{{sender_name}}'],
    ['Angebot versendet', 'deals', 'Ihr Angebot von Globex',
      'Hallo {{first_name}},\n\nanbei unser Angebot wie besprochen.\n\n{{sender_name}}'],
  ],
};

const SEQUENCES: Record<'acme' | 'globex', { name: string; description: string; status: string; owner: string; delays: number[] }[]> = {
  acme: [
    { name: 'Outbound — Heads of Sales', description: 'Four-touch cold sequence for VP/Head of Sales personas', status: 'active',
      owner: 'rep', delays: [0, 3, 4, 7] },
    { name: 'Inbound demo follow-up', description: 'After a demo request that did not book', status: 'active', owner: 'rep2',
      delays: [0, 2, 5] },
    { name: 'Closed-lost re-engagement', description: 'Re-open conversations six months after a loss', status: 'paused', owner: 'manager',
      delays: [0, 7, 14, 14, 30] },
  ],
  globex: [{ name: 'Erstansprache', description: 'Kaltakquise in drei Schritten', status: 'active', owner: 'rep', delays: [0, 4, 7] }],
};

export function fill(text: string, contact: Contact, sender: { firstName: string; lastName: string }): string {
  return text.replaceAll('{{first_name}}', contact.firstName).replaceAll('{{company}}', contact.companyName)
    .replaceAll('{{sender_name}}', `${sender.firstName} ${sender.lastName}`).replaceAll('{{meeting_time}}', 'Tuesday 10:00');
}

export async function seedEmailSetup(s: Seeder, clock: Clock, ws: DemoWorkspace): Promise<void> {
  const since = clock.ago(380, 390);
  const templates = TEMPLATES[ws.slug].map(([name, category, subject, body]) => ({ id: id(), name, category, subject, body }));
  await s.insert('email_templates', templates.map((t) => ({
    id: t.id, workspace_id: ws.id, name: t.name, subject: t.subject, category: t.category, body_text: t.body,
    body_html: `<p>${t.body.split('\n\n').map((p) => p.replaceAll('\n', '<br>')).join('</p><p>')}</p>`, created_at: since,
  })));
  ws.templates = templates.map((t) => ({ id: t.id, name: t.name, subject: t.subject }));

  // Mailboxes: a demo holds no real OAuth tokens, so every demo mailbox is an smtp one sending
  // through the configured relay (SMTP_HOST: Mailpit in docker-compose), and whatever the worker
  // sends from them shows up in Mailpit's web UI. Connect a gmail/outlook mailbox for real mail.
  const owners: DemoUser[] = ws.slug === 'acme' ? [ws.users.rep!, ws.users.rep2!, ws.users.manager!] : [ws.users.rep!];
  const rows: Row[] = owners.map((user) => {
    const mailbox = { id: id(), userId: user.id, email: user.email };
    ws.mailboxes.push(mailbox);
    return {
      id: mailbox.id, workspace_id: ws.id, user_id: user.id, provider: 'smtp', email: user.email,
      display_name: `${user.firstName} ${user.lastName}`,
      is_active: true, daily_send_limit: 200, daily_sent_count: int(0, 40), last_sent_reset: clock.anchor,
      settings: { host: config.smtp.host, port: config.smtp.port, secure: config.smtp.secure,
        signature: `${user.firstName} ${user.lastName} · ${ws.name}` },
      created_at: clock.addDays(since, int(1, 10)),
    };
  });
  await s.insert('email_accounts', rows);
}

/** Sequences, steps and enrollments; returns the enrollment plans for the message writer. */
export async function seedSequences(s: Seeder, clock: Clock, ws: DemoWorkspace): Promise<PlannedEnrollment[]> {
  const sequences: Row[] = [];
  const steps: Row[] = [];
  const enrollments: Row[] = [];
  const plans: PlannedEnrollment[] = [];
  const specs = SEQUENCES[ws.slug];
  const reachable = faker.helpers.shuffle(ws.contacts.filter((c) => !c.unsubscribedAt && !c.bounced));
  const perSequence = Math.ceil(ws.scale.enrollments / specs.length);

  for (const spec of specs) {
    const sequenceId = id();
    const owner = ws.users[spec.owner]!;
    const mailbox = ws.mailboxes.find((m) => m.userId === owner.id) ?? ws.mailboxes[0]!;
    const createdAt = clock.ago(250, 300);
    sequences.push({ id: sequenceId, workspace_id: ws.id, name: spec.name, description: spec.description, status: spec.status,
      created_by: owner.id,
      settings: { send_window: { start: '09:00', end: '17:00' }, skip_weekends: true, stop_on_reply: true, timezone: 'contact' },
      created_at: createdAt });
    const planned: PlannedStep[] = spec.delays.map((delayDays, k) => ({
      id: id(), number: k + 1, delayDays,
      // Later steps without a subject reply in the thread of the first one.
      subject: k === 0 ? `{{company}} + ${ws.name}` : k === spec.delays.length - 1 ? 'Closing the loop' : null,
      body: k === 0 ? TEMPLATES[ws.slug][0]![3] : k === spec.delays.length - 1
        ? 'Hi {{first_name}}, I will stop here — if timing changes, just reply and I will pick it up.\n\n{{sender_name}}'
        : TEMPLATES[ws.slug][1]?.[3] ?? TEMPLATES[ws.slug][0]![3],
    }));
    planned.forEach((st) => steps.push({ id: st.id, workspace_id: ws.id, sequence_id: sequenceId, step_number: st.number,
      subject: st.subject,
      body: st.body, delay_days: st.delayDays, created_at: clock.addMinutes(createdAt, 10 + st.number) }));

    const used = new Set<string>();
    const n = planned.length;
    const offset = (k: number) => planned.slice(1, k).reduce((sum, st) => sum + st.delayDays, 0); // days from step 1 to step k
    for (let e = 0; e < perSequence && plans.length < ws.scale.enrollments; e += 1) {
      const status = spec.status === 'paused' ? weighted([['paused', 5], ['completed', 3], ['replied', 2]])
        : weighted([['active', 40], ['completed', 15], ['replied', 15], ['paused', 8], ['bounced', 10], ['unsubscribed', 10]]);
      // Steps sent so far: all, the first only (bounced), some, or at least one.
      const current = status === 'completed' ? n : status === 'bounced' ? 1
        : status === 'active' ? int(0, n - 1) : int(1, status === 'paused' ? n - 1 : n);
      let sent: Date[] = [];
      let nextAt: Date | null = null;
      let endedAt: Date | null = null;
      let startedAt: Date | null = null;
      let contact: Contact | undefined;
      if (status === 'active' && current === 0) {
        // Enrolled last night; step 1 goes out today.
        startedAt = clock.ago(0.05, 0.5);
        nextAt = clock.workHour(clock.anchor);
      } else if (status === 'active') {
        // The last step went out at most one gap ago, so the next one is still to come.
        const gap = planned[current]!.delayDays;
        const last = clock.workHour(clock.ago(1, Math.max(1, gap)));
        nextAt = clock.addDays(last, gap);
        const first = clock.addDays(last, -offset(current));
        sent = Array.from({ length: current }, (_, k) => clock.addDays(first, offset(k + 1)));
      } else if (status === 'unsubscribed') {
        // Ends when the contact unsubscribed; only contacts who were around for the whole run fit.
        contact = ws.contacts.find((c) => !used.has(c.id) && c.unsubscribedAt
          && c.unsubscribedAt.getTime() - c.createdAt.getTime() > (offset(current) + 2) * 86_400_000);
        if (!contact) continue;
        endedAt = contact.unsubscribedAt;
        const first = clock.addDays(endedAt!, -(offset(current) + 0.5));
        sent = Array.from({ length: current }, (_, k) => clock.addDays(first, offset(k + 1)));
      } else {
        const first = clock.workHour(clock.ago(offset(current) + 3, offset(current) + 200));
        sent = Array.from({ length: current }, (_, k) => clock.workHour(clock.addDays(first, offset(k + 1))));
        if (status === 'replied') endedAt = clock.notAfterAnchor(clock.addMinutes(sent[current - 1]!, int(30, 2880)));
        if (status === 'bounced') endedAt = clock.addMinutes(sent[0]!, 1);
      }
      startedAt ??= clock.addMinutes(sent[0]!, -int(5, 120));
      const pool = status === 'bounced' ? ws.contacts.filter((c) => c.bounced) : reachable;
      contact ??= pool.find((c) => !used.has(c.id) && c.createdAt < startedAt!);
      if (!contact) continue; // no fitting contact left for this status: fewer enrollments, never inconsistent ones
      used.add(contact.id);
      const enrollmentId = id();
      const last = sent[sent.length - 1] ?? null;
      enrollments.push({
        id: enrollmentId, workspace_id: ws.id, sequence_id: sequenceId, contact_id: contact.id, user_id: owner.id,
        email_account_id: mailbox.id,
        current_step: current, status, started_at: startedAt, last_email_sent_at: last, next_email_scheduled_at: nextAt,
        completed_at: status === 'completed' ? clock.notAfterAnchor(clock.addDays(last!, 3)) : null,
        paused_at: status === 'paused' ? clock.notAfterAnchor(clock.addDays(last!, int(1, 5))) : null,
        created_at: startedAt, updated_at: endedAt ?? last ?? startedAt,
      });
      plans.push({ id: enrollmentId, sequenceId, steps: planned, contact, mailbox, status, sent, nextAt, endedAt });
    }
  }
  await s.insert('sequences', sequences);
  await s.insert('sequence_steps', steps); // the trigger counts them into sequences.steps_count
  await s.insert('sequence_enrollments', enrollments);
  return plans;
}
