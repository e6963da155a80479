/**
 * The messages: sequence e-mails (from the enrollment plans), campaign e-mails (S3 campaign ->
 * email_queue -> emails -> email_events), and one-off e-mails from the reps; then unsubscribes
 * and preferences. Every e-mail's status, counters and timestamps are derived from its events,
 * and every event is later than the send.
 */
import { faker } from '@faker-js/faker';
import {
  Clock, demoIp, id, int, pick, pickOwner, weighted,
  type Contact, type DemoWorkspace, type Row, Seeder,
} from './demo-kit.js';
import { fill, type PlannedEnrollment } from './email.demo.js';

type Outcome =
  | 'draft' | 'scheduled' | 'queued' | 'failed' | 'sent' | 'delivered' | 'opened' | 'clicked' | 'replied' | 'bounced' | 'unsubscribed';
const ENGAGEMENT = [['delivered', 40], ['opened', 35], ['clicked', 15], ['bounced', 3]] as const;

interface Built { email: Row; events: Row[] }

/** One e-mail row and its events. `endedAt` is the reply or unsubscribe time when there is one. */
function build(clock: Clock, ws: DemoWorkspace, base: Row, outcome: Outcome, sentAt: Date | null,
  extra: { endedAt?: Date | null; links?: string[]; utm?: string } = {}): Built {
  const emailId = id();
  const events: Row[] = [];
  const email: Row = { ...base, id: emailId, workspace_id: ws.id, message_id: `<${emailId}@${ws.domain}>`,
    thread_id: base.thread_id ?? `<${emailId}@${ws.domain}>` };
  const device = () => ({ ip_address: demoIp(), user_agent: faker.internet.userAgent(),
    device_type: pick(['desktop', 'desktop', 'mobile', 'tablet']),
    country: ws.slug === 'acme' ? 'US' : 'DE',
    city: ws.slug === 'acme' ? pick(['New York', 'Austin', 'Chicago']) : pick(['Berlin', 'München']) });
  const event = (type: string, at: Date,
    more: Row = {}) => events.push({ id: id(), workspace_id: ws.id, email_id: emailId, event_type: type, created_at: at, ...more });
  if (!sentAt) {
    email.status = outcome;
    if (outcome === 'failed') Object.assign(email, { error_code: '421', error_message: '421 4.7.0 Try again later, closing connection',
      retry_count: 1, next_retry_at: clock.addMinutes(clock.anchor, int(60, 600)) });
    return { email, events };
  }
  email.sent_at = sentAt;
  event('sent', sentAt);
  if (outcome === 'bounced') {
    const at = clock.addMinutes(sentAt, 1);
    event('bounced', at, { metadata: { smtp_code: 550 } });
    Object.assign(email, { status: 'bounced', bounced_at: at, bounce_type: 'hard',
      bounce_reason: '550 5.1.1 The email account that you tried to reach does not exist' });
    return { email, events };
  }
  // The status is the furthest step reached; an unsubscribe is an event on an opened e-mail.
  email.status = outcome === 'unsubscribed' ? 'opened' : outcome;
  if (outcome === 'sent') return { email, events };
  const delivered = new Date(sentAt.getTime() + int(2, 40) * 1000);
  event('delivered', delivered);
  email.delivered_at = delivered;
  if (outcome === 'delivered') return { email, events };
  const until = extra.endedAt ?? clock.notAfterAnchor(clock.addDays(sentAt, 4));
  const opens = Array.from({ length: outcome === 'unsubscribed' ? 1 : int(1, 4) },
    () => clock.between(delivered, until)).sort((a, b) => a.getTime() - b.getTime());
  for (const at of opens) event('opened', at, device());
  Object.assign(email, { opened_at: opens[0], first_opened_at: opens[0], last_opened_at: opens[opens.length - 1],
    open_count: opens.length });
  if (outcome === 'clicked') {
    const links = extra.links ?? [`https://www.${ws.domain}/customers`];
    const clicks = Array.from({ length: int(1, 2) }, () => clock.between(opens[0]!, until)).sort((a, b) => a.getTime() - b.getTime());
    const urls = clicks.map(() => pick(links));
    clicks.forEach((at, k) => event('clicked', at, { ...device(), link_url: urls[k],
      link_text: pick(['Read the story', 'See pricing', 'Book a call']),
      utm_source: extra.utm ? 'newsletter' : null, utm_medium: extra.utm ? 'email' : null, utm_campaign: extra.utm ?? null }));
    Object.assign(email, { clicked_at: clicks[0], first_clicked_at: clicks[0], last_clicked_at: clicks[clicks.length - 1],
      click_count: clicks.length, links_clicked: [...new Set(urls)] });
  }
  if (outcome === 'replied') { event('replied', until); email.replied_at = until; }
  if (outcome === 'unsubscribed') { event('unsubscribed', until); email.unsubscribed_at = until; }
  return { email, events };
}

export async function seedMessages(s: Seeder, clock: Clock, ws: DemoWorkspace, plans: PlannedEnrollment[]): Promise<void> {
  const built: Built[] = [];
  const unsubscribedFrom = new Map<string, string>(); // contact id -> e-mail that carried the unsubscribe
  const user = (userId: string) => Object.values(ws.users).find((u) => u.id === userId)!;

  // ---- sequence e-mails, one thread per enrollment
  for (const plan of plans) {
    const sender = user(plan.mailbox.userId);
    const thread = `<thread-${plan.id}@${ws.domain}>`;
    const firstSubject = fill(plan.steps[0]!.subject ?? '', plan.contact, sender);
    const message = (k: number): Row => {
      const step = plan.steps[k]!;
      return { contact_id: plan.contact.id, sequence_id: plan.sequenceId, sequence_step_id: step.id, enrollment_id: plan.id,
        email_account_id: plan.mailbox.id,
        owner_id: sender.id, from_email: plan.mailbox.email, to_email: plan.contact.email,
        recipient_name: `${plan.contact.firstName} ${plan.contact.lastName}`,
        subject: step.subject ? fill(step.subject, plan.contact, sender) : `Re: ${firstSubject}`,
        body_text: fill(step.body, plan.contact, sender),
        body_html: `<p>${fill(step.body, plan.contact, sender).replaceAll('\n', '<br>')}</p>`, thread_id: thread };
    };
    plan.sent.forEach((at, k) => {
      const last = k === plan.sent.length - 1;
      const outcome: Outcome = last && ['replied', 'bounced', 'unsubscribed'].includes(plan.status) ? plan.status as Outcome
        : weighted([['delivered', 45], ['opened', 40], ['clicked', 15]]);
      const b = build(clock, ws, { ...message(k), created_at: at }, outcome, at, { endedAt: last ? plan.endedAt : null });
      if (outcome === 'unsubscribed') unsubscribedFrom.set(plan.contact.id, b.email.id as string);
      built.push(b);
    });
    if (plan.status === 'active' && plan.nextAt) {
      built.push(build(clock, ws, { ...message(plan.sent.length), scheduled_at: plan.nextAt,
        created_at: plan.sent[plan.sent.length - 1] ?? clock.ago(0.05, 0.3) }, 'scheduled', null));
    }
  }

  // ---- campaigns
  const reachable = faker.helpers.shuffle(ws.contacts.filter((c) => !c.unsubscribedAt && !c.bounced));
  const campaigns: Row[] = [];
  const queue: Row[] = [];
  const sender = ws.users.admin!;
  const acme = [
    { name: 'Product launch: Pipeline Insights', type: 'promotional', trigger: 'manual', status: 'sent',
      sentAt: clock.workHour(clock.ago(55, 65)), recipients: 80, spread: 0.1, provider: 'sendgrid' },
    { name: 'Trial nurture — week 1', type: 'trial_nurture', trigger: 'behavioral', status: 'sending',
      sentAt: clock.ago(30, 31), recipients: 40, spread: 29, provider: 'postmark' },
    { name: 'Win-back: closed-lost contacts', type: 'reengagement', trigger: 'scheduled', status: 'scheduled',
      sentAt: null, recipients: 30, spread: 0, provider: 'sendgrid' },
  ];
  const globex = [
    { name: 'Kunden-Newsletter', type: 'promotional', trigger: 'manual', status: 'sent',
      sentAt: clock.workHour(clock.ago(40, 50)), recipients: 20, spread: 0.1, provider: 'sendgrid' },
  ];
  const specs = ws.slug === 'acme' ? acme : globex;
  for (const [c, spec] of specs.slice(0, ws.scale.campaigns).entries()) {
    const campaignId = id();
    const subject = { promotional: `What's new at ${ws.name} this month`, trial_nurture: 'Three things to set up in your first week',
      reengagement: 'We saved your seat' }[spec.type]!;
    const links = [`https://www.${ws.domain}/features`, `https://www.${ws.domain}/pricing`, `https://www.${ws.domain}/customers`];
    const utm = spec.name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
    const scheduledAt = spec.status === 'scheduled' ? clock.workHour(clock.ahead(3, 10)) : null;
    const from = spec.sentAt ?? clock.anchor;
    const audience = reachable.filter((ct) => ct.createdAt < from).slice(c * 15, c * 15 + spec.recipients);
    const mine: Built[] = [];
    audience.forEach((contact: Contact, k) => {
      if (!spec.sentAt) {
        queue.push({ campaign_id: campaignId, recipient_email: contact.email, scheduled_for: scheduledAt, priority: 5,
          status: k === 0 ? 'cancelled' : 'pending',
          queue_metadata: { contact_id: contact.id, variant: k % 2 ? 'b' : 'a' }, created_at: clock.ago(0.5, 2) });
        return;
      }
      const at = clock.notAfterAnchor(clock.addMinutes(spec.sentAt, int(0, Math.round(spec.spread * 1440))));
      const b = build(clock, ws, {
        contact_id: contact.id, campaign_id: campaignId, owner_id: sender.id, from_email: `news@${ws.domain}`, to_email: contact.email,
        recipient_name: `${contact.firstName} ${contact.lastName}`, subject,
        body_html: `<h1>${subject}</h1><p>Hi ${contact.firstName}, …</p>`,
        provider: spec.provider, provider_message_id: `${spec.provider}-${faker.string.alphanumeric(20)}`,
        provider_data: { stream: 'broadcast' },
        send_metadata: { campaign: spec.name }, created_at: at,
      }, weighted(ENGAGEMENT), at, { links, utm });
      mine.push(b);
      queue.push({ campaign_id: campaignId, recipient_email: contact.email, scheduled_for: at,
        priority: spec.type === 'trial_nurture' ? 3 : 5,
        status: 'sent', attempts: 1, last_attempt_at: at, email_send_id: b.email.id, queue_metadata: { contact_id: contact.id },
        created_at: clock.addMinutes(at, -5) });
    });
    if (spec.status === 'sending') {
      for (const contact of reachable.slice(-2)) {
        queue.push({ campaign_id: campaignId, recipient_email: contact.email, scheduled_for: clock.anchor, priority: 3,
          status: 'processing', attempts: 1,
          last_attempt_at: clock.ago(0.01, 0.05), queue_metadata: { contact_id: contact.id }, created_at: clock.ago(0.1, 0.2) });
      }
      queue.push({ campaign_id: campaignId, recipient_email: reachable[0]!.email, scheduled_for: clock.ago(3, 4), priority: 3,
        status: 'failed', attempts: 3,
        last_attempt_at: clock.ago(2, 3), queue_metadata: { contact_id: reachable[0]!.id, last_error: '421 4.7.0 Try again later' },
        created_at: clock.ago(4, 5) });
    }
    const count = (f: (e: Row) => boolean) => mine.filter((b) => f(b.email)).length;
    campaigns.push({
      id: campaignId, workspace_id: ws.id, name: spec.name, description: `${spec.type.replace('_', ' ')} campaign`, status: spec.status,
      audience: spec.type === 'trial_nurture'
        ? { all: [{ field: 'lead.started_signup', op: 'eq', value: true }] }
        : { all: [{ field: 'status', op: 'in', value: ['customer', 'engaged', 'qualified'] }] },
      template_id: spec.type === 'reengagement' ? ws.templates[1]?.id ?? null : null, campaign_type: spec.type, trigger_type: spec.trigger,
      trigger_event: spec.trigger === 'behavioral' ? 'signup_started' : null,
      trigger_conditions: spec.trigger === 'behavioral' ? { delay_hours: 24 } : {},
      subject_line: subject, preview_text: 'Two minutes, three ideas.', from_name: ws.name, from_email: `news@${ws.domain}`,
      reply_to: sender.email,
      html_content: `<h1>${subject}</h1><p>Hi {{first_name}}, …</p>`, text_content: `${subject}\n\nHi {{first_name}}, …`,
      send_delay_minutes: spec.trigger === 'behavioral' ? 60 : null, send_at_time: '10:00', send_on_days: [1, 2, 3, 4, 5],
      sequence_name: spec.type === 'trial_nurture' ? 'Trial nurture' : null, sequence_order: spec.type === 'trial_nurture' ? 1 : null,
      ab_test_enabled: spec.type === 'trial_nurture', ab_test_variant: spec.type === 'trial_nurture' ? 'a' : null,
      ab_test_traffic_percentage: spec.type === 'trial_nurture' ? 50 : null,
      is_active: spec.status !== 'sent', scheduled_at: scheduledAt, sent_at: spec.sentAt,
      last_sent_at: mine.length ? mine.map((b) => b.email.sent_at as Date).sort((a, b) => b.getTime() - a.getTime())[0] : null,
      total_sent: count((e) => !!e.sent_at), total_delivered: count((e) => !!e.delivered_at), total_opened: count((e) => !!e.open_count),
      total_clicked: count((e) => !!e.click_count), total_bounced: count((e) => e.status === 'bounced'), total_unsubscribed: 0,
      total_complained: 0,
      created_by: sender.id, created_at: clock.addDays(spec.sentAt ?? clock.anchor, -int(5, 12)),
    });
    built.push(...mine);
  }

  // ---- one-off e-mails from the reps
  for (let n = 0; n < ws.scale.adHocEmails; n += 1) {
    const owner = pickOwner(ws);
    const mailbox = ws.mailboxes.find((m) => m.userId === owner.id) ?? null;
    const contact = pick(reachable);
    const deal = ws.deals.find((d) => d.contactId === contact.id) ?? null;
    const template = ws.templates.length && n % 2 ? pick(ws.templates) : null;
    const outcome: Outcome = weighted([['draft', 4], ['scheduled', 4], ['queued', 2], ['failed', 2], ['sent', 4], ['delivered', 20],
      ['opened', 30], ['clicked', 10], ['replied', 20], ['bounced', 2]]);
    const unsent = ['draft', 'scheduled', 'queued', 'failed'].includes(outcome);
    const at = clock.workHour(clock.between(contact.createdAt, clock.addDays(clock.anchor, -1)));
    const line = template
      ? `(${template.name})`
      : pick(['Thanks for the call today — notes attached.', 'Following up on pricing for the extra seats.',
        'Can we move our meeting to Thursday?']);
    const body = `Hi ${contact.firstName},\n\n${line}\n\n${owner.firstName}`;
    built.push(build(clock, ws, {
      contact_id: contact.id, deal_id: deal?.id ?? null, template_id: template?.id ?? null, owner_id: owner.id,
      email_account_id: mailbox?.id ?? null,
      from_email: owner.email, to_email: contact.email, recipient_name: `${contact.firstName} ${contact.lastName}`,
      cc_emails: n % 7 === 0 ? [ws.users.manager?.email ?? owner.email] : [],
      subject: template ? fill(template.subject, contact, owner) : pick(['Notes from today', 'Pricing for extra seats',
        'Quick reschedule?']),
      body_text: body, body_html: `<p>${body.replaceAll('\n', '<br>')}</p>`,
      scheduled_at: outcome === 'scheduled' ? clock.workHour(clock.ahead(1, 7)) : null,
      created_at: unsent ? clock.ago(0.1, 3) : at,
    }, outcome, unsent ? null : at));
  }
  await s.insert('email_campaigns', campaigns);
  await s.insert('emails', built.map((b) => b.email));
  await s.insert('email_events', built.flatMap((b) => b.events));
  await s.insert('email_queue', queue.map((q) => ({ id: id(), workspace_id: ws.id, ...q })));
  await seedConsent(s, clock, ws, unsubscribedFrom, reachable);
}

async function seedConsent(s: Seeder, clock: Clock, ws: DemoWorkspace, unsubscribedFrom: Map<string, string>,
  reachable: Contact[]): Promise<void> {
  const rows: Row[] = ws.contacts.filter((c) => c.unsubscribedAt).map((c) => {
    const emailId = unsubscribedFrom.get(c.id) ?? null;
    return { email: c.email, unsubscribe_type: emailId ? 'all' : pick(['all', 'promotional', 'newsletter']),
      reason: pick(['too_frequent', 'not_relevant', 'never_signed_up', 'other']),
      reason_detail: emailId ? null : pick([null, 'Changed roles', 'Too many e-mails this month']), unsubscribed_from_email_id: emailId,
      unsubscribed_via: emailId ? 'link' : 'preference_center', unsubscribed_at: c.unsubscribedAt, created_at: c.unsubscribedAt };
  });
  const back = reachable[reachable.length - 3]!; // unsubscribed once, came back: history only
  const left = clock.ago(150, 200);
  rows.push({ email: back.email, unsubscribe_type: 'newsletter', reason: 'too_frequent', unsubscribed_via: 'link', is_active: false,
    unsubscribed_at: left, resubscribed_at: clock.addDays(left, int(20, 60)), created_at: left });
  await s.insert('email_unsubscribes', rows.map((r) => ({ id: id(), workspace_id: ws.id, ...r })));

  const prefs: Row[] = reachable.slice(0, ws.slug === 'acme' ? 10 : 3).map((c) => ({ email: c.email, contact_id: c.id,
    created_at: c.createdAt,
    marketing_emails: int(0, 3) > 0, newsletter: int(0, 2) > 0, email_frequency: pick(['high', 'normal', 'low']),
    digest_enabled: int(0, 1) === 1,
    digest_frequency: pick(['daily', 'weekly', 'monthly']), timezone: ws.slug === 'acme' ? 'America/New_York' : 'Europe/Berlin' }));
  for (const u of ws.salesOwners) {
    prefs.push({ email: u.email, user_id: u.id, product_updates: true, trial_nurture: false, billing_notifications: u.role !== 'sales_rep',
      quiet_hours_enabled: true, quiet_hours_start: '20:00', quiet_hours_end: '07:30',
      timezone: ws.slug === 'acme' ? 'America/New_York' : 'Europe/Berlin', created_at: clock.ago(200, 300) });
  }
  await s.insert('email_preferences', prefs.map((p) => ({ id: id(), workspace_id: ws.id, ...p })));
}
