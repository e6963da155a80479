/**
 * Mail the product itself sends to its users (password reset links): through the SMTP relay of
 * the configuration (SMTP_*; Mailpit in docker-compose), from SMTP_FROM. Mail to contacts goes
 * out through their sender's own mailbox (email_accounts) instead.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import { config } from '../../config.js';

let transporter: Transporter | undefined;

function systemTransport(): Transporter {
  transporter ??= nodemailer.createTransport({
    host: config.smtp.host,
    port: config.smtp.port,
    secure: config.smtp.secure,
    ...(config.smtp.user ? { auth: { user: config.smtp.user, pass: config.smtp.password } } : {}),
    // A relay that does not answer fails the job (which is retried) instead of hanging it.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return transporter;
}

export interface SystemMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

/** Sends one message; resolves with the relay's message id, rejects on any SMTP error. */
export async function sendSystemMail(mail: SystemMail): Promise<string> {
  const info = await systemTransport().sendMail({ from: config.smtp.from, ...mail });
  return info.messageId;
}

export function closeSystemMailer(): void {
  transporter?.close();
  transporter = undefined;
}
