/**
 * The sequence stepper with the real sender and a real SMTP server: steps go out in order, each
 * after the previous one's delay; a step without a subject replies in the thread; the last step
 * completes the enrollment; a paused enrollment or sequence holds its step and resumes from it;
 * an unsubscribe ends it; an enrollment without a mailbox is paused.
 */
import { sequelize } from '../src/db.js';
import { seedDemoData } from '../src/demo/seed-demo.js';
import { sendEmail } from '../src/domain/email/send-email.js';
import { closeMailboxTransports } from '../src/domain/email/mailbox-transport.js';
import { unsubscribeRecipient } from '../src/domain/email/events.js';
import { runSequenceSteps } from '../src/domain/sequences/stepper.js';
import { startSmtpServer, type TestSmtpServer } from './helpers/smtp-server.js';
import { acme, enroll, makeContact, makeMailbox, makeSender, makeSequence, one, select, SMTP_PASSWORD, SMTP_USER } from './helpers/mail-fixtures.js';

let smtp: TestSmtpServer;
let ws: string;
let sender: string;

beforeAll(async () => {
  await seedDemoData(); // the demo logins and rows, once per run (a no-op when acme exists)
  smtp = await startSmtpServer({ port: 0, auth: { user: SMTP_USER, password: SMTP_PASSWORD } });
  ws = await acme();
  sender = await makeSender(ws, 'Robin');
});

afterAll(async () => {
  closeMailboxTransports();
  await smtp.close();
  await sequelize.close();
});

const enrollment = (id: string) => one<{ status: string; current_step: number; next_email_scheduled_at: Date | null; completed_at: Date | null }>(
  `SELECT status, current_step, next_email_scheduled_at, completed_at FROM sequence_enrollments WHERE id = :id`, { id },
);
const stepEmails = (enrollmentId: string) => select<{ id: string; subject: string; status: string; message_id: string; send_metadata: { in_reply_to?: string } }>(
  `SELECT id, subject, status, message_id, send_metadata FROM emails WHERE enrollment_id = :enrollmentId ORDER BY created_at`, { enrollmentId },
);
const makeDue = (id: string) => sequelize.query(`UPDATE sequence_enrollments SET next_email_scheduled_at = now() WHERE id = :id`, { replacements: { id } });

test('steps go out in order and in one thread; the last one completes the enrollment', async () => {
  const box = await makeMailbox(ws, sender, { port: smtp.port });
  const contact = await makeContact(ws);
  const sequenceId = await makeSequence(ws, [
    { subject: 'Quick question, {{contact.first_name}}', body: 'Hi {{contact.first_name}}, are you the right person?', delayDays: 0 },
    { subject: null, body: 'Following up on my note below.', delayDays: 3 },
  ]);
  expect((await one<{ steps_count: number }>(`SELECT steps_count FROM sequences WHERE id = :sequenceId`, { sequenceId })).steps_count).toBe(2);
  const enrollmentId = await enroll(ws, sequenceId, contact.id, box.id, sender);

  expect(await runSequenceSteps(100, { sequenceId })).toEqual({ created: 1, completed: 0, paused: 0 });
  expect(await runSequenceSteps(100, { sequenceId })).toEqual({ created: 0, completed: 0, paused: 0 }); // claimed once
  let [first] = await stepEmails(enrollmentId);
  expect((await sendEmail(first!.id, 'job-1')).status).toBe('sent');
  let en = await enrollment(enrollmentId);
  expect(en.current_step).toBe(1);
  expect(en.status).toBe('active');
  // Next step in 3 days (delay_days of step 2), counted from the send.
  expect(Math.round((en.next_email_scheduled_at!.getTime() - Date.now()) / 3600_000)).toBe(72);
  expect(await runSequenceSteps(100, { sequenceId })).toEqual({ created: 0, completed: 0, paused: 0 }); // not due yet

  await makeDue(enrollmentId);
  expect(await runSequenceSteps(100, { sequenceId })).toEqual({ created: 1, completed: 0, paused: 0 });
  [first] = await stepEmails(enrollmentId);
  const second = (await stepEmails(enrollmentId))[1]!;
  expect(second.subject).toBe(`Re: Quick question, {{contact.first_name}}`);
  expect(second.send_metadata.in_reply_to).toBe(first!.message_id);
  expect((await sendEmail(second.id, 'job-1')).status).toBe('sent');

  const mails = smtp.messages.filter((m) => m.to.includes(contact.address));
  expect(mails.map((m) => m.parsed.subject)).toEqual(['Quick question, Dana', 'Re: Quick question, Dana']);
  expect(mails[1]!.parsed.inReplyTo).toBe(first!.message_id);
  en = await enrollment(enrollmentId);
  expect(en).toMatchObject({ status: 'completed', current_step: 2, next_email_scheduled_at: null });
  expect(en.completed_at).not.toBeNull();
});

test('pausing holds the step; resuming sends it from where it was', async () => {
  const box = await makeMailbox(ws, sender, { port: smtp.port });
  const contact = await makeContact(ws);
  const sequenceId = await makeSequence(ws, [{ subject: 'One', body: 'First', delayDays: 0 }, { subject: 'Two', body: 'Second', delayDays: 1 }]);
  const enrollmentId = await enroll(ws, sequenceId, contact.id, box.id, sender);
  await runSequenceSteps(100, { sequenceId });
  const [email] = await stepEmails(enrollmentId);

  // Paused after its step's email was made, before it went out.
  await sequelize.query(`UPDATE sequence_enrollments SET status = 'paused', paused_at = now() WHERE id = :enrollmentId`, { replacements: { enrollmentId } });
  expect((await sendEmail(email!.id, 'job-1')).status).toBe('held');
  expect((await one<{ status: string; error_code: string }>(`SELECT status, error_code FROM emails WHERE id = :id`, { id: email!.id })))
    .toEqual({ status: 'dropped', error_code: 'held' });
  expect((await enrollment(enrollmentId)).current_step).toBe(0);
  expect(await runSequenceSteps(100, { sequenceId })).toEqual({ created: 0, completed: 0, paused: 0 }); // paused: nothing

  // A paused sequence holds every enrollment in it.
  await sequelize.query(`UPDATE sequence_enrollments SET status = 'active', paused_at = NULL WHERE id = :enrollmentId`, { replacements: { enrollmentId } });
  await sequelize.query(`UPDATE sequences SET status = 'paused' WHERE id = :sequenceId`, { replacements: { sequenceId } });
  expect(await runSequenceSteps(100, { sequenceId })).toEqual({ created: 0, completed: 0, paused: 0 });
  await sequelize.query(`UPDATE sequences SET status = 'active' WHERE id = :sequenceId`, { replacements: { sequenceId } });
  expect(await runSequenceSteps(100, { sequenceId })).toEqual({ created: 1, completed: 0, paused: 0 });
  const again = (await stepEmails(enrollmentId))[1]!;
  expect(again.subject).toBe('One');
  expect((await sendEmail(again.id, 'job-1')).status).toBe('sent');
  expect(smtp.messages.filter((m) => m.to.includes(contact.address)).map((m) => m.parsed.subject)).toEqual(['One']);
});

test('after an unsubscribe the sequence sends nothing more', async () => {
  const box = await makeMailbox(ws, sender, { port: smtp.port });
  const contact = await makeContact(ws);
  const sequenceId = await makeSequence(ws, [{ subject: 'One', body: 'First', delayDays: 0 }, { subject: 'Two', body: 'Second', delayDays: 0 }]);
  const enrollmentId = await enroll(ws, sequenceId, contact.id, box.id, sender);
  await runSequenceSteps(100, { sequenceId });
  const [first] = await stepEmails(enrollmentId);
  await sendEmail(first!.id, 'job-1');
  await unsubscribeRecipient(first!.id, {});
  expect((await enrollment(enrollmentId)).status).toBe('unsubscribed');
  await makeDue(enrollmentId);
  expect(await runSequenceSteps(100, { sequenceId })).toEqual({ created: 0, completed: 0, paused: 0 });
  expect(smtp.messages.filter((m) => m.to.includes(contact.address))).toHaveLength(1);
});

test('an enrollment without a mailbox is paused, not sent through the relay', async () => {
  const contact = await makeContact(ws);
  const sequenceId = await makeSequence(ws, [{ subject: 'One', body: 'First', delayDays: 0 }]);
  const { id: enrollmentId } = await one<{ id: string }>(
    `INSERT INTO sequence_enrollments (workspace_id, sequence_id, contact_id, next_email_scheduled_at) VALUES (:ws, :sequenceId, :contactId, now()) RETURNING id`,
    { ws, sequenceId, contactId: contact.id },
  );
  expect(await runSequenceSteps(100, { sequenceId })).toEqual({ created: 0, completed: 0, paused: 1 });
  expect((await enrollment(enrollmentId)).status).toBe('paused');
  expect(await stepEmails(enrollmentId)).toEqual([]);
});
