/**
 * The checks every send passes at the moment it goes out (not only when it was queued), whatever
 * made the email: a sequence step, a campaign, a workflow action, a one-off from the panel or
 * candidate outreach. `loadSendContext` reads everything they need in one query; `decideSend`
 * is the rule, in this one place:
 *
 * - consent (drop): one record per address and workspace — an active `email_unsubscribes` row
 *   (type `all`, or `promotional` for promotional campaigns), a contact with the address marked
 *   unsubscribed or bounced, or an earlier hard bounce to the address. System mail to our own
 *   users (password reset) is not marketing and skips consent, but not a hard bounce.
 * - the enrollment (drop or hold): an ended enrollment sends nothing more; a paused enrollment or
 *   sequence holds its step, to be sent again from that step on resume.
 * - the mailbox (wait): an inactive mailbox sends nothing; its mail waits until it is active.
 * - the send window (defer): campaigns send on `send_on_days` from `send_at_time`, sequences in
 *   their `settings.send_window` (and not at weekends with `skip_weekends`), in the recipient's
 *   time zone (contact, else workspace, else the sender's).
 * - the recipient's `email_preferences` (defer): quiet hours, and the frequency cap of automated
 *   mail (low: one a week, normal: one a day, high: no cap).
 * The mailbox's daily limit is checked too: the claim takes a unit of its budget
 * (mailbox-budget.ts) and gives it back when a guard stops the send.
 */
import type { DropReason } from './outcomes.js';

export type SendKind = 'sequence' | 'campaign' | 'one_off' | 'system';

export interface SendContext {
  id: string;
  workspace_id: string;
  kind: SendKind;
  status: string;
  to_email: string;
  recipient_name: string | null;
  cc_emails: string[];
  bcc_emails: string[];
  from_email: string | null;
  subject: string | null;
  body_html: string | null;
  body_text: string | null;
  message_id: string;
  retry_count: number;
  max_retries: number;
  scheduled_at: Date;
  send_metadata: Record<string, unknown>;
  email_account_id: string | null;
  enrollment_id: string | null;
  sequence_step_number: number | null;
  mailbox: { id: string; email: string; display_name: string | null; provider: string; is_active: boolean } | null;
  contact: Record<string, unknown> | null;
  account: Record<string, unknown> | null;
  sender: Record<string, unknown> | null;
  campaign: { from_name: string | null; reply_to: string | null; campaign_type: string | null } | null;
  suppressed: 'unsubscribed' | 'bounced' | null;
  enrollment_status: string | null;
  sequence_status: string | null;
  window_slot: Date | null;
  quiet_slot: Date | null;
  frequency_slot: Date | null;
  /** Set by the claim: a unit of the mailbox's daily budget was taken for this send. */
  budget_reserved: boolean;
  /** When the mailbox's next day's budget opens (null without a mailbox). */
  budget_opens_at: Date | null;
  /** The job took over its own send after a crash (the message may have gone out already). */
  resumed: boolean;
}

// Automated mail (sequences, campaigns) respects send windows and frequency caps; a rep's
// one-off goes when they said, system mail always.
const AUTOMATED = `e.campaign_id IS NOT NULL OR e.enrollment_id IS NOT NULL`;
const KIND = `CASE WHEN e.send_metadata->>'kind' = 'system' THEN 'system'
                   WHEN e.enrollment_id IS NOT NULL THEN 'sequence'
                   WHEN e.campaign_id IS NOT NULL THEN 'campaign' ELSE 'one_off' END`;
const TIME_OF_DAY = `'^([01]?[0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$'`;

/**
 * The SELECT that reads everything the guards and the renderer need about the emails of
 * `source` (a table or CTE aliased e), plus `extra` columns: the sender runs it in the same
 * statement that claims the email (send-email.ts).
 */
export function sendContextSql(source: string, extra: string): string {
  return `SELECT ${extra}, e.id, e.workspace_id, ${KIND} AS kind, e.status, lower(e.to_email) AS to_email, e.recipient_name,
            e.cc_emails, e.bcc_emails, e.from_email, e.subject, e.body_html, e.body_text, e.message_id,
            e.retry_count, e.max_retries, e.scheduled_at, e.send_metadata, e.email_account_id, e.enrollment_id,
            st.step_number AS sequence_step_number,
            CASE WHEN mb.id IS NULL THEN NULL ELSE json_build_object('id', mb.id, 'email', mb.email,
              'display_name', mb.display_name, 'provider', mb.provider, 'is_active', mb.is_active) END AS mailbox,
            to_jsonb(c) AS contact, to_jsonb(a) AS account,
            CASE WHEN u.id IS NULL THEN NULL ELSE json_build_object('first_name', u.first_name, 'last_name', u.last_name,
              'name', concat_ws(' ', u.first_name, u.last_name), 'email', COALESCE(mb.email, u.email), 'phone', u.phone,
              'title', u.title, 'department', u.department, 'display_name', mb.display_name) END AS sender,
            CASE WHEN cp.id IS NULL THEN NULL ELSE json_build_object('from_name', cp.from_name, 'reply_to', cp.reply_to,
              'campaign_type', cp.campaign_type) END AS campaign,
            CASE
              WHEN EXISTS (SELECT 1 FROM emails hb WHERE hb.to_email = e.to_email AND hb.workspace_id = e.workspace_id
                             AND hb.bounce_type = 'hard' AND hb.id <> e.id)
                OR EXISTS (SELECT 1 FROM contacts bc WHERE bc.workspace_id = e.workspace_id
                             AND bc.email = lower(e.to_email) AND bc.bounced) THEN 'bounced'
              WHEN ${KIND} = 'system' THEN NULL
              WHEN EXISTS (SELECT 1 FROM email_unsubscribes un WHERE un.workspace_id = e.workspace_id
                             AND un.is_active AND lower(un.email) = lower(e.to_email)
                             AND (un.unsubscribe_type = 'all'
                                  OR (un.unsubscribe_type = 'promotional' AND cp.campaign_type = 'promotional')))
                OR EXISTS (SELECT 1 FROM contacts uc WHERE uc.workspace_id = e.workspace_id
                             AND uc.email = lower(e.to_email) AND uc.unsubscribed) THEN 'unsubscribed'
            END AS suppressed,
            en.status AS enrollment_status, sq.status AS sequence_status,
            CASE
              WHEN cp.id IS NOT NULL THEN next_send_slot(now(), z.tz, cp.send_on_days, cp.send_at_time, NULL)
              WHEN sq.id IS NOT NULL THEN next_send_slot(now(), z.tz,
                CASE WHEN (sq.settings->>'skip_weekends')::boolean IS TRUE THEN '{1,2,3,4,5}'::integer[] END,
                CASE WHEN sq.settings->'send_window'->>'start' ~ ${TIME_OF_DAY} THEN (sq.settings->'send_window'->>'start')::time END,
                CASE WHEN sq.settings->'send_window'->>'end' ~ ${TIME_OF_DAY} THEN (sq.settings->'send_window'->>'end')::time END)
            END AS window_slot,
            CASE WHEN p.quiet_hours_enabled AND ${KIND} <> 'system'
              -- quiet from start to end: mail may go from end to start
              THEN next_send_slot(now(), COALESCE(p.timezone, z.tz), NULL, p.quiet_hours_end, p.quiet_hours_start)
            END AS quiet_slot,
            CASE WHEN (${AUTOMATED}) AND p.email_frequency IN ('low', 'normal') THEN
              (SELECT max(prev.sent_at) FROM emails prev
                WHERE prev.to_email = e.to_email AND prev.workspace_id = e.workspace_id AND prev.id <> e.id
                  AND prev.sent_at IS NOT NULL AND (prev.campaign_id IS NOT NULL OR prev.enrollment_id IS NOT NULL))
              + CASE p.email_frequency WHEN 'low' THEN interval '7 days' ELSE interval '1 day' END
            END AS frequency_slot
       FROM ${source} e
       LEFT JOIN email_accounts mb ON mb.id = e.email_account_id
       LEFT JOIN users u ON u.id = COALESCE(mb.user_id, e.owner_id)
       LEFT JOIN contacts c ON c.id = e.contact_id
       LEFT JOIN accounts a ON a.id = c.account_id
       LEFT JOIN email_campaigns cp ON cp.id = e.campaign_id
       LEFT JOIN sequence_enrollments en ON en.id = e.enrollment_id
       LEFT JOIN sequences sq ON sq.id = en.sequence_id
       LEFT JOIN sequence_steps st ON st.id = e.sequence_step_id
       LEFT JOIN workspaces w ON w.id = e.workspace_id
       LEFT JOIN email_preferences p ON p.workspace_id = e.workspace_id AND lower(p.email) = lower(e.to_email)
       -- The first zone PostgreSQL knows (as the campaign fan-out picks it): contact, workspace, sender.
       CROSS JOIN LATERAL (SELECT COALESCE(
         CASE WHEN safe_time_zone(c.timezone) = c.timezone THEN c.timezone END,
         CASE WHEN safe_time_zone(w.settings->>'timezone') = w.settings->>'timezone' THEN w.settings->>'timezone' END,
         u.timezone, 'UTC') AS tz) z`;
}

export type SendDecision =
  | { kind: 'send' }
  | { kind: 'drop'; reason: DropReason; message: string }
  /** Paused enrollment or sequence: the step is given back to the enrollment. */
  | { kind: 'hold'; message: string }
  | { kind: 'defer'; until: Date; reason: string };

const later = (slot: Date | null, now: Date) => (slot && slot.getTime() > now.getTime() + 1000 ? slot : null);

/** The rule: may this email go out now? */
export function decideSend(ctx: SendContext, now = new Date()): SendDecision {
  if (ctx.suppressed === 'bounced') {
    return { kind: 'drop', reason: 'bounced', message: `${ctx.to_email} bounced before: nothing more is sent to it` };
  }
  if (ctx.suppressed === 'unsubscribed') {
    return { kind: 'drop', reason: 'unsubscribed', message: `${ctx.to_email} unsubscribed` };
  }
  if (ctx.enrollment_id) {
    if (ctx.enrollment_status === null) return { kind: 'drop', reason: 'enrollment_ended', message: 'its enrollment was deleted' };
    if (!['active', 'paused'].includes(ctx.enrollment_status)) {
      return { kind: 'drop', reason: 'enrollment_ended', message: `its enrollment is ${ctx.enrollment_status}` };
    }
    if (ctx.enrollment_status === 'paused') return { kind: 'hold', message: 'its enrollment is paused' };
    if (ctx.sequence_status !== 'active') return { kind: 'hold', message: `its sequence is ${ctx.sequence_status ?? 'gone'}` };
  }
  if (ctx.email_account_id && ctx.mailbox && !ctx.mailbox.is_active) {
    return { kind: 'defer', until: ctx.scheduled_at, reason: `mailbox ${ctx.mailbox.email} is inactive` };
  }
  // A sequence step goes out from its rep's mailbox or not at all (never through the relay).
  if (ctx.kind === 'sequence' && !ctx.mailbox) {
    return { kind: 'drop', reason: 'no_mailbox', message: 'its mailbox was deleted or never set' };
  }
  if (ctx.email_account_id && !ctx.budget_reserved) {
    return { kind: 'defer', until: ctx.budget_opens_at ?? new Date(now.getTime() + 24 * 3600_000), reason: 'daily send limit of the mailbox reached' };
  }
  const window = later(ctx.window_slot, now);
  if (window) return { kind: 'defer', until: window, reason: 'outside the send window in the recipient\'s time zone' };
  const quiet = later(ctx.quiet_slot, now);
  if (quiet) return { kind: 'defer', until: quiet, reason: 'quiet hours of the recipient' };
  const frequency = later(ctx.frequency_slot, now);
  if (frequency) return { kind: 'defer', until: frequency, reason: 'frequency cap of the recipient' };
  return { kind: 'send' };
}
