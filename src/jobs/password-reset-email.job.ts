/**
 * `password-reset-email`: mails a reset link (src/domain/auth/password-reset.ts issues it) as a
 * system email through the sending pipe (src/domain/email/system-email.ts). The payload carries
 * the token sealed with ENCRYPTION_KEY, so Redis never holds a usable link, and so does the
 * emails row; the job id is the token's, so one link is mailed by one job. A link that was used
 * or expired before the job ran is not mailed.
 */
import { UnrecoverableError } from 'bullmq';
import { QueryTypes } from 'sequelize';
import { z } from 'zod';
import { config } from '../config.js';
import { sequelize } from '../db.js';
import { RESET_TOKEN_TTL_MINUTES, TOKEN_IS_OPEN } from '../domain/auth/password-reset.js';
import { open, SecretBoxError } from '../domain/crypto/secret-box.js';
import { createSystemEmail } from '../domain/email/system-email.js';
import { sendEmail } from '../domain/email/send-email.js';
import type { JobDefinition } from './registry.js';

const payloadSchema = z.strictObject({
  tokenId: z.uuid({ error: 'must be the id (UUID) of a password reset token' }),
  sealedToken: z.string().regex(/^v1\./, { error: 'must be a sealed token (v1.…)' }),
});

export const resetLink = (token: string): string => `${config.appUrl}/admin/password-reset/${token}`;

export const passwordResetEmailJob = {
  name: 'password-reset-email',
  payloadSchema,
  // Links expire in an hour: retrying for longer than that would mail a dead link.
  jobOptions: { attempts: 5, backoff: { type: 'exponential', delay: 10_000 }, removeOnComplete: true },
  jobId: ({ tokenId }) => `password-reset-email-${tokenId}`,
  async process(job) {
    const { tokenId, sealedToken } = job.data;
    const [row] = await sequelize.query<{ user_id: string; first_name: string | null; open: boolean }>(
      `SELECT u.id AS user_id, u.first_name, (${TOKEN_IS_OPEN}) AS open
         FROM password_reset_tokens t JOIN users u ON u.id = t.user_id WHERE t.id = :tokenId`,
      { type: QueryTypes.SELECT, replacements: { tokenId } },
    );
    if (!row) throw new UnrecoverableError(`password-reset-email: no token ${tokenId}`);
    if (!row.open) return { skipped: 'the link was used or has expired, or its user is inactive' };
    let token: string;
    try {
      token = open(sealedToken);
    } catch (err) {
      if (err instanceof SecretBoxError) throw new UnrecoverableError(`password-reset-email: ${err.message}`);
      throw err;
    }
    const greeting = row.first_name ? `Hello ${row.first_name},` : 'Hello,';
    // Through the same pipe as every email; the link is stored sealed, never readable.
    const emailId = await createSystemEmail({
      userId: row.user_id,
      key: `password-reset-${tokenId}`,
      subject: 'Reset your CRM Back Office password',
      text: [
        greeting, '',
        'Someone (hopefully you) asked to reset the password of your CRM Back Office account.',
        `Open this link within ${RESET_TOKEN_TTL_MINUTES} minutes to choose a new one; it works once:`, '',
        '{{email.reset_link}}', '',
        'If you did not ask for this, ignore this e-mail: your password stays as it is.',
      ].join('\n'),
      secrets: { reset_link: resetLink(token) },
    });
    // Sent now by this job (a temporary failure leaves it to the dispatcher's retry).
    const result = await sendEmail(emailId, job.id!);
    return { emailId, ...result };
  },
} satisfies JobDefinition<'password-reset-email', typeof payloadSchema>;
