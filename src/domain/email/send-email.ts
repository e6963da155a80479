/**
 * Sending one email, the same way for every kind of send:
 *
 * 1. claim (one statement, one round trip — the per-email cost that bounds throughput): the
 *    email moves to `pending` under the id of the job sending it, so a second job or worker
 *    racing for it finds nothing to do; a unit of the mailbox's daily budget is taken
 *    (mailbox-budget.ts); everything the guards need is read;
 * 2. the guards of send-guards.ts decide — drop, hold, defer (given back the budget unit), or
 *    send — and the template is rendered (a missing merge field fails the email with the
 *    field's name, nothing goes out);
 * 3. the message leaves through the mailbox's pooled transport with the email's Message-ID;
 * 4. the outcome is recorded (outcomes.ts): sent; a permanent 5xx answer is a hard bounce; a
 *    temporary failure (4xx, connection refused, timeout) goes back to `scheduled` for a retry
 *    with exponential backoff until `max_retries`, then fails.
 *
 * At most once: only the claiming job sends. If a worker dies between the SMTP server's "250"
 * and step 4, BullMQ hands the stalled job to another worker, which — holding the same job id —
 * takes the email over and sends it again with the same Message-ID (so the receiving side can
 * drop the copy); `send_metadata.resumed` marks such an email. Nothing is lost either way.
 */
import { randomUUID } from 'node:crypto';
import { config } from '../../config.js';
import { queryPrepared, withTransaction } from '../../db.js';
import { open } from '../crypto/secret-box.js';
import { MissingMergeFieldError, renderEmail, type RenderedEmail } from './render.js';
import { decideSend, sendContextSql, type SendContext } from './send-guards.js';
import { recordBounce, recordDeferred, recordDropped, recordFailed, recordHeld, recordSent } from './outcomes.js';
import { releaseSend, reserveBudgetCtes } from './mailbox-budget.js';
import { transportFor, MailboxConfigError } from './mailbox-transport.js';

export type SendResult =
  | { status: 'sent'; messageId: string }
  | { status: 'bounced' | 'failed' | 'dropped' | 'held' | 'retry' | 'deferred'; detail: string }
  | { status: 'skipped'; detail: string };

/**
 * One statement: claims the email for this job (null when it is not due, or another job has it),
 * takes a unit of its mailbox's daily budget, and reads the send context.
 */
const CLAIM_SQL = `WITH o AS (
       SELECT id, status, send_metadata->>'job' AS job FROM emails WHERE id = $1 FOR UPDATE
     ), claimed AS (
       UPDATE emails e
          SET status = 'pending',
              message_id = COALESCE(e.message_id, '<' || $3::text || '@' ||
                split_part(COALESCE((SELECT email FROM email_accounts WHERE id = e.email_account_id), e.from_email, $4::text), '@', 2) || '>'),
              send_metadata = e.send_metadata || jsonb_build_object('job', $2::text, 'claimed_at', now())
                || CASE WHEN o.status = 'pending' THEN jsonb_build_object('resumed', true) ELSE '{}'::jsonb END
         FROM o
        WHERE e.id = o.id
          AND ((o.status IN ('scheduled', 'queued') AND e.scheduled_at <= now())
               OR (o.status = 'pending' AND o.job = $2::text))
       RETURNING e.*, o.status = 'pending' AS resumed
     ), ${reserveBudgetCtes('SELECT email_account_id FROM claimed')}
     ${sendContextSql('claimed', `e.resumed, EXISTS (SELECT 1 FROM budget) AS budget_reserved,
                                  (SELECT next_day FROM budget_day) AS budget_opens_at`)}`;

async function claim(emailId: string, jobId: string): Promise<SendContext | null> {
  // Prepared: this statement is planned once per connection (its planning costs more than its run).
  const [row] = await queryPrepared<SendContext>('email-send-claim', CLAIM_SQL, [emailId, jobId, randomUUID(), config.smtp.from]);
  return row ?? null;
}

const looksLikeHtml = (body: string) => /<[a-z][\s\S]*>/i.test(body);

/** Merge values stored sealed on the email (system-email.ts), opened only to render. */
function sealedValues(ctx: SendContext): Record<string, string> {
  const sealed = ctx.send_metadata.sealed;
  if (!sealed || typeof sealed !== 'object') return {};
  return Object.fromEntries(Object.entries(sealed as Record<string, string>).map(([k, v]) => [k, open(v)]));
}

function render(ctx: SendContext): RenderedEmail {
  const body = ctx.body_html ?? '';
  const html = ctx.body_html && looksLikeHtml(body) ? body : null;
  const text = ctx.body_text ?? (html ? null : body);
  const track = ctx.kind !== 'system' && ctx.send_metadata.track !== false;
  return renderEmail(
    { emailId: ctx.id, subject: ctx.subject ?? '', html, text, trackOpens: track, trackClicks: track },
    { contact: ctx.contact, account: ctx.account, sender: ctx.sender, email: sealedValues(ctx) },
  );
}

interface Prepared {
  ctx: SendContext;
  rendered: RenderedEmail;
}

type Prepare = { prepared: Prepared } | { result: SendResult };

/** Claims, checks the guards and renders; anything but "send" is recorded here. */
async function prepare(emailId: string, jobId: string): Promise<Prepare> {
  const ctx = await claim(emailId, jobId);
  if (!ctx) return { result: { status: 'skipped', detail: 'not due, already sent, or being sent by another job' } };
  const decision = decideSend(ctx);
  if (decision.kind !== 'send' && ctx.budget_reserved) await releaseSend(ctx.email_account_id!);
  switch (decision.kind) {
    case 'drop':
      await withTransaction((t) => recordDropped(emailId, decision.reason, decision.message, t));
      return { result: { status: 'dropped', detail: decision.message } };
    case 'hold':
      await withTransaction((t) => recordHeld(emailId, decision.message, t));
      return { result: { status: 'held', detail: decision.message } };
    case 'defer':
      await recordDeferred(emailId, decision.until, { reason: decision.reason });
      return { result: { status: 'deferred', detail: `${decision.reason} (until ${decision.until.toISOString()})` } };
    case 'send':
      break;
  }
  try {
    return { prepared: { ctx, rendered: render(ctx) } };
  } catch (err) {
    if (!(err instanceof MissingMergeFieldError)) throw err;
    if (ctx.budget_reserved) await releaseSend(ctx.email_account_id!);
    await withTransaction((t) => recordFailed(emailId, { code: 'missing_merge_field', message: err.message }, t));
    return { result: { status: 'failed', detail: err.message } };
  }
}

/** A failure the recipient's server gave as final (5xx to the envelope or the message). */
function isPermanent(err: { responseCode?: number; code?: string }): boolean {
  return (err.responseCode ?? 0) >= 500 && (err.code === 'EENVELOPE' || err.code === 'EMESSAGE');
}

/** The server's id for the message, when its "250" names one ("queued as 4XyZ", gmail's "… 1a2b3c - gsmtp"). */
export function providerMessageId(response: string): string | null {
  const queued = /queued as\s+<?([\w.@-]+)>?/i.exec(response);
  if (queued) return queued[1]!;
  const gsmtp = /\s([\w-]{6,})\s+-\s+gsmtp/i.exec(response);
  return gsmtp ? gsmtp[1]! : null;
}

function retryDelayMs(retryCount: number): number {
  return config.emailRetryDelaySeconds * 1000 * 2 ** retryCount;
}

function fromAddress(ctx: SendContext) {
  const address = ctx.mailbox?.email ?? ctx.from_email ?? config.smtp.from;
  const name = ctx.mailbox?.display_name ?? ctx.campaign?.from_name ?? undefined;
  return name ? { name, address } : address;
}

/** Sends one email (see the module comment). `jobId` identifies the sending job. */
export async function sendEmail(emailId: string, jobId: string): Promise<SendResult> {
  const step = await prepare(emailId, jobId);
  if ('result' in step) return step.result;
  const { ctx, rendered } = step.prepared;

  const inReplyTo = typeof ctx.send_metadata.in_reply_to === 'string' ? ctx.send_metadata.in_reply_to : null;
  let response: string;
  try {
    const transporter = await transportFor(ctx.email_account_id);
    const info = await transporter.sendMail({
      from: fromAddress(ctx),
      to: ctx.recipient_name ? { name: ctx.recipient_name, address: ctx.to_email } : ctx.to_email,
      cc: ctx.cc_emails,
      bcc: ctx.bcc_emails,
      ...(ctx.campaign?.reply_to ? { replyTo: ctx.campaign.reply_to } : {}),
      subject: rendered.subject,
      html: rendered.html,
      text: rendered.text,
      messageId: ctx.message_id,
      ...(inReplyTo ? { inReplyTo, references: [inReplyTo] } : {}),
      headers: ctx.kind === 'system' ? {} : rendered.headers,
    });
    response = String(info.response ?? '');
  } catch (error) {
    return recordSendFailure(ctx, error as SmtpError);
  }
  // Outside the try: the message is out. If this write fails, the job fails and its retry takes
  // the email over again (`resumed`), never the failure path above.
  await recordSent(emailId, { providerMessageId: providerMessageId(response), response });
  return { status: 'sent', messageId: ctx.message_id };
}

type SmtpError = Error & { responseCode?: number; code?: string; response?: string };

/** A 5xx bounces; anything else is temporary: retried with backoff until max_retries, then failed. */
async function recordSendFailure(ctx: SendContext, err: SmtpError): Promise<SendResult> {
  if (!(err instanceof MailboxConfigError) && isPermanent(err)) {
    const reason = err.response ?? err.message;
    await withTransaction((t) => recordBounce(ctx.id, { type: 'hard', reason, source: 'smtp' }, t));
    return { status: 'bounced', detail: reason };
  }
  // Temporary (4xx, refused connection, timeout, a mailbox that cannot log in): the budget unit
  // goes back and the email waits for its retry.
  if (ctx.email_account_id) await releaseSend(ctx.email_account_id);
  const failure = { code: err.code ?? (err.responseCode ? String(err.responseCode) : 'ERROR'), message: err.response ?? err.message };
  if (ctx.retry_count >= ctx.max_retries) {
    await withTransaction((t) => recordFailed(ctx.id, { ...failure, message: `gave up after ${ctx.retry_count} retries: ${failure.message}` }, t));
    return { status: 'failed', detail: failure.message };
  }
  const until = new Date(Date.now() + retryDelayMs(ctx.retry_count));
  await recordDeferred(ctx.id, until, { reason: 'temporary failure', retry: failure });
  return { status: 'retry', detail: `${failure.message} (retry at ${until.toISOString()})` };
}
