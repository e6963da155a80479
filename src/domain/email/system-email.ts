/**
 * Mail the product sends to its own users (password reset links) goes through the same pipe as
 * every other email: an `emails` row (`send_metadata.kind = 'system'`, `recipient_user_id`), sent
 * by send-email.ts through the relay SMTP_* (no mailbox), recorded with its status and events.
 * System mail skips consent and tracking, not a hard bounce.
 *
 * Secrets in the body (the reset link) are never stored readable: the text holds a merge field
 * (`{{email.reset_link}}`) and `send_metadata.sealed` the value sealed with ENCRYPTION_KEY, which
 * the sender opens only while rendering.
 */
import { QueryTypes } from 'sequelize';
import { sequelize } from '../../db.js';
import { seal } from '../crypto/secret-box.js';

export interface SystemEmail {
  userId: string;
  /** Makes the call idempotent: a second call with the same key returns the first email. */
  key: string;
  subject: string;
  text: string;
  /** Merge values of the `email` scope, stored sealed. */
  secrets?: Record<string, string>;
}

/** The id of the email for `key`, created due now when there is none yet. */
export async function createSystemEmail(mail: SystemEmail): Promise<string> {
  const sealed = Object.fromEntries(Object.entries(mail.secrets ?? {}).map(([k, v]) => [k, seal(v)]));
  const [row] = await sequelize.query<{ id: string }>(
    `WITH existing AS (
       SELECT id FROM emails WHERE send_metadata->>'kind' = 'system' AND send_metadata->>'key' = :key
     ), created AS (
       INSERT INTO emails (workspace_id, recipient_user_id, to_email, subject, body_text, status, scheduled_at, send_metadata)
       SELECT u.workspace_id, u.id, u.email, :subject, :text, 'scheduled', now(),
              jsonb_build_object('kind', 'system', 'key', :key::text, 'sealed', :sealed::jsonb, 'track', false)
         FROM users u WHERE u.id = :userId AND NOT EXISTS (SELECT 1 FROM existing)
       RETURNING id
     )
     SELECT id FROM existing UNION ALL SELECT id FROM created`,
    { type: QueryTypes.SELECT, replacements: { ...mail, sealed: JSON.stringify(sealed) } },
  );
  if (!row) throw new Error(`no user ${mail.userId} to send a system email to`);
  return row.id;
}
