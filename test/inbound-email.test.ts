/**
 * POST /hooks/inbound-email over HTTP against the real database: a reply (matched by In-Reply-To
 * or only by References) marks its email replied and ends its enrollment, once however often it
 * is posted; an out-of-office holds the enrollment until the date it names; DSNs bounce the
 * email hard (5.x.x) or soft (4.x.x) through recordBounce. Unsigned, stale, malformed and
 * unmatched messages change nothing.
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import express from 'express';
import MailComposer from 'nodemailer/lib/mail-composer';
import { sequelize } from '../src/db.js';
import { config } from '../src/config.js';
import { seedDemoData } from '../src/demo/seed-demo.js';
import { classifyInbound, findReturnDate, parseInboundMail } from '../src/domain/email/inbound.js';
import { INBOUND_EMAIL_PATH, inboundEmailRouter } from '../src/hooks/inbound-email.js';
import { signWebhook } from '../src/hooks/signature.js';
import { startPanel, type Panel } from './helpers/panel-client.js';
import { select } from './helpers/sql.js';

let panel: Panel;
const DAY = 86_400_000;
const one = async <T extends object>(sql: string, replacements: Record<string, unknown> = {}) => (await select<T>(sql, replacements))[0];

interface Fixture { emailId: string; contactId: string; enrollmentId: string; address: string; messageId: string }

/** A sent sequence email with its contact and active enrollment; the next step is due tomorrow. */
async function sentEmail(): Promise<Fixture> {
  const tag = randomUUID().slice(0, 8);
  const address = `inbound.${tag}@example.com`;
  const messageId = `<${randomUUID()}@acme.example>`;
  const ws = (await one<{ id: string }>(`SELECT id FROM workspaces WHERE slug = 'acme'`)).id;
  const contactId = (await one<{ id: string }>(
    `INSERT INTO contacts (workspace_id, first_name, email) VALUES (:ws, 'Inbound', :address) RETURNING id`, { ws, address },
  )).id;
  const sequenceId = (await one<{ id: string }>(`INSERT INTO sequences (workspace_id, name) VALUES (:ws, :name) RETURNING id`, { ws, name: `Seq ${tag}` })).id;
  const enrollmentId = (await one<{ id: string }>(
    `INSERT INTO sequence_enrollments (workspace_id, sequence_id, contact_id, status, current_step, next_email_scheduled_at)
     VALUES (:ws, :sequenceId, :contactId, 'active', 1, now() + interval '1 day') RETURNING id`,
    { ws, sequenceId, contactId },
  )).id;
  const emailId = (await one<{ id: string }>(
    `INSERT INTO emails (workspace_id, contact_id, sequence_id, enrollment_id, to_email, from_email, subject, status, sent_at, message_id)
     VALUES (:ws, :contactId, :sequenceId, :enrollmentId, :address, 'rep@acme.example', 'Quick question', 'sent', now(), :messageId)
     RETURNING id`,
    { ws, contactId, sequenceId, enrollmentId, address, messageId },
  )).id;
  return { emailId, contactId, enrollmentId, address, messageId };
}

const compose = (options: ConstructorParameters<typeof MailComposer>[0]) => new MailComposer(options).compile().build();

/** A reply from the contact; threading headers as given. */
const reply = (f: Fixture, extra: ConstructorParameters<typeof MailComposer>[0] = {}) => compose({
  from: `Inbound Person <${f.address}>`, to: 'rep@acme.example', subject: 'Re: Quick question',
  text: 'Sounds good, call me on Tuesday.\n\n> Quick question', inReplyTo: f.messageId, references: [f.messageId], ...extra,
});

/** A bounce report (RFC 3464) for the fixture's email, with the original's headers returned. */
const dsn = (f: { messageId: string; address: string }, status: string, action = 'failed') => Buffer.from([
  'From: Mail Delivery System <MAILER-DAEMON@mx.example.com>',
  'To: rep@acme.example',
  'Subject: Undelivered Mail Returned to Sender',
  `Message-ID: <${randomUUID()}@mx.example.com>`,
  'Auto-Submitted: auto-replied',
  'MIME-Version: 1.0',
  'Content-Type: multipart/report; report-type=delivery-status; boundary="REPORT"',
  '',
  '--REPORT',
  'Content-Type: text/plain; charset=us-ascii',
  '',
  'This is the mail system. Your message could not be delivered.',
  '',
  '--REPORT',
  'Content-Type: message/delivery-status',
  '',
  'Reporting-MTA: dns; mx.example.com',
  '',
  `Final-Recipient: rfc822; ${f.address}`,
  `Action: ${action}`,
  `Status: ${status}`,
  `Diagnostic-Code: smtp; 550 ${status} <${f.address}>: Recipient address rejected`,
  '',
  '--REPORT',
  'Content-Type: text/rfc822-headers',
  '',
  'From: rep@acme.example',
  `To: ${f.address}`,
  'Subject: Quick question',
  `Message-ID: ${f.messageId}`,
  // The step replied in the thread of an earlier email: that one did not bounce.
  `In-Reply-To: <${randomUUID()}@acme.example>`,
  '',
  '--REPORT--',
  '',
].join('\r\n'));

interface Sent { status: number; body: Record<string, unknown> }

async function postMail(
  body: Buffer | string,
  opts: { timestamp?: number; signature?: string | null; contentType?: string; url?: string } = {},
): Promise<Sent> {
  const timestamp = opts.timestamp ?? Math.floor(Date.now() / 1000);
  const signature = opts.signature === undefined ? signWebhook(body, config.inboundEmailSecret!, timestamp) : opts.signature;
  const res = await fetch(`${opts.url ?? panel.url}${INBOUND_EMAIL_PATH}`, {
    method: 'POST',
    body: typeof body === 'string' ? body : new Uint8Array(body),
    headers: {
      'content-type': opts.contentType ?? 'message/rfc822',
      'x-timestamp': String(timestamp),
      ...(signature !== null && { 'x-signature': signature }),
    },
  });
  return { status: res.status, body: await res.json() };
}

const emailRow = (id: string) => one<{ status: string; replied_at: Date | null; bounce_type: string | null; bounce_reason: string | null }>(
  `SELECT status, replied_at, bounce_type, bounce_reason FROM emails WHERE id = :id`, { id },
);
const enrollment = (id: string) => one<{ status: string; completed_at: Date | null; next_email_scheduled_at: Date | null; paused_at: Date | null }>(
  `SELECT status, completed_at, next_email_scheduled_at, paused_at FROM sequence_enrollments WHERE id = :id`, { id },
);
const events = (emailId: string) => select<{ event_type: string; metadata: Record<string, unknown> }>(
  `SELECT event_type, metadata FROM email_events WHERE email_id = :emailId ORDER BY created_at`, { emailId },
);
/** Everything an inbound message could change: counts and the latest updated_at of each table. */
const snapshot = () => one(
  `SELECT (SELECT count(*) FROM email_events) AS events, (SELECT max(updated_at) FROM emails) AS emails,
          (SELECT max(updated_at) FROM sequence_enrollments) AS enrollments, (SELECT max(updated_at) FROM contacts) AS contacts`,
);

beforeAll(async () => {
  await seedDemoData(); // the demo logins and rows, once per run (a no-op when acme exists)
  panel = await startPanel();
});

afterAll(async () => {
  await panel.close();
  await sequelize.close();
});

test('a reply with In-Reply-To marks the email replied and ends its enrollment as replied', async () => {
  const f = await sentEmail();
  const res = await postMail(await reply(f));
  expect(res).toEqual({ status: 200, body: { result: 'replied', emailId: f.emailId, duplicate: false } });
  const email = await emailRow(f.emailId);
  expect(email.status).toBe('replied');
  expect(email.replied_at).toBeInstanceOf(Date);
  const logged = await events(f.emailId);
  expect(logged).toHaveLength(1);
  expect(logged[0].event_type).toBe('replied');
  expect(logged[0].metadata).toMatchObject({ from: f.address, subject: 'Re: Quick question' });
  const en = await enrollment(f.enrollmentId);
  expect(en).toMatchObject({ status: 'replied', next_email_scheduled_at: null });
  expect(en.completed_at).toBeInstanceOf(Date);
});

test('a reply is matched through References when In-Reply-To names no email of ours (stored id without brackets too)', async () => {
  const f = await sentEmail();
  await sequelize.query(`UPDATE emails SET message_id = trim(both '<>' from message_id) WHERE id = :id`, { replacements: { id: f.emailId } });
  const res = await postMail(await reply(f, {
    inReplyTo: `<${randomUUID()}@someone-else.example>`,
    references: [`<${randomUUID()}@elsewhere.example>`, f.messageId, `<${randomUUID()}@someone-else.example>`],
  }));
  expect(res.body).toMatchObject({ result: 'replied', emailId: f.emailId });
  expect((await emailRow(f.emailId)).status).toBe('replied');
  expect((await enrollment(f.enrollmentId)).status).toBe('replied');
});

test('the same reply posted twice writes one event', async () => {
  const f = await sentEmail();
  const message = await reply(f, { messageId: `<${randomUUID()}@example.com>` });
  expect((await postMail(message)).body).toMatchObject({ result: 'replied', duplicate: false });
  const firstRepliedAt = (await emailRow(f.emailId)).replied_at;
  expect((await postMail(message)).body).toMatchObject({ result: 'replied', duplicate: true });
  expect((await events(f.emailId)).map((e) => e.event_type)).toEqual(['replied']);
  expect((await emailRow(f.emailId)).replied_at).toEqual(firstRepliedAt);
});

test('an out-of-office holds the enrollment until the date it names; the email is not replied', async () => {
  const f = await sentEmail();
  // A step email already waiting for tomorrow is held too.
  const waitingId = (await one<{ id: string }>(
    `INSERT INTO emails (workspace_id, contact_id, enrollment_id, to_email, status, scheduled_at)
     SELECT workspace_id, contact_id, enrollment_id, to_email, 'scheduled', now() + interval '1 day' FROM emails WHERE id = :id
     RETURNING id`, { id: f.emailId },
  )).id;
  const back = new Date(Date.now() + 20 * DAY);
  const named = `${back.getUTCDate()} ${back.toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' })}`;
  const res = await postMail(await reply(f, {
    subject: 'Automatic reply: Quick question',
    headers: { 'Auto-Submitted': 'auto-replied', 'X-Auto-Response-Suppress': 'All' },
    text: `Thank you for your message. I am out of the office and back on ${named}.\n\nOn Monday, rep wrote:\n> see you on 1 January`,
  }));
  const expected = new Date(Date.UTC(back.getUTCFullYear(), back.getUTCMonth(), back.getUTCDate(), 12));
  expect(res.body).toEqual({
    result: 'out_of_office', emailId: f.emailId, heldUntil: expected.toISOString(), returnDateFound: true, enrollmentHeld: true,
  });
  const en = await enrollment(f.enrollmentId);
  expect(en).toMatchObject({ status: 'active', completed_at: null, paused_at: null });
  expect(en.next_email_scheduled_at).toEqual(expected);
  expect(await emailRow(f.emailId)).toMatchObject({ status: 'sent', replied_at: null });
  expect(await events(f.emailId)).toEqual([]);
  expect(await one(`SELECT status, scheduled_at FROM emails WHERE id = :id`, { id: waitingId })).toEqual({ status: 'scheduled', scheduled_at: expected });
});

test('an out-of-office that names no date (detected by its subject) holds the enrollment for a week', async () => {
  const f = await sentEmail();
  const res = await postMail(await reply(f, { subject: 'Out of Office', text: 'I am travelling with limited access to e-mail.' }));
  expect(res.body).toMatchObject({ result: 'out_of_office', returnDateFound: false, enrollmentHeld: true });
  const held = (await enrollment(f.enrollmentId)).next_email_scheduled_at!.getTime();
  expect(Math.abs(held - (Date.now() + 7 * DAY))).toBeLessThan(60_000);
  expect((await emailRow(f.emailId)).status).toBe('sent');
});

test('a DSN with 5.1.1 bounces the email hard, flags the contact and ends the enrollment', async () => {
  const f = await sentEmail();
  const res = await postMail(dsn(f, '5.1.1'));
  expect(res.body).toEqual({ result: 'bounced', emailId: f.emailId, type: 'hard', duplicate: false });
  const email = await emailRow(f.emailId);
  expect(email).toMatchObject({ status: 'bounced', bounce_type: 'hard' });
  expect(email.bounce_reason).toContain('5.1.1');
  expect(email.bounce_reason).toContain(f.address);
  expect(await one(`SELECT bounced FROM contacts WHERE id = :id`, { id: f.contactId })).toEqual({ bounced: true });
  expect((await enrollment(f.enrollmentId)).status).toBe('bounced');
  const logged = await events(f.emailId);
  expect(logged.map((e) => [e.event_type, e.metadata.type, e.metadata.source])).toEqual([['bounced', 'hard', 'report']]);
  // The same report again changes nothing.
  expect((await postMail(dsn(f, '5.1.1'))).body).toMatchObject({ result: 'bounced', duplicate: true });
  expect(await events(f.emailId)).toHaveLength(1);
});

test('a DSN with 4.2.2 bounces the email soft: the contact stays deliverable', async () => {
  const f = await sentEmail();
  const res = await postMail(dsn(f, '4.2.2'), { contentType: 'application/octet-stream' });
  expect(res.body).toMatchObject({ result: 'bounced', emailId: f.emailId, type: 'soft' });
  expect(await emailRow(f.emailId)).toMatchObject({ status: 'bounced', bounce_type: 'soft' });
  expect(await one(`SELECT bounced FROM contacts WHERE id = :id`, { id: f.contactId })).toEqual({ bounced: false });
  expect((await enrollment(f.enrollmentId)).status).toBe('bounced');
});

test('a bad or missing signature and a stale timestamp answer 401 and change nothing', async () => {
  const f = await sentEmail();
  const message = await reply(f);
  const before = await snapshot();
  const now = Math.floor(Date.now() / 1000);
  const cases = [
    await postMail(message, { signature: null }),
    await postMail(message, { signature: signWebhook(message, 'another-secret-of-at-least-32-characters', now) }),
    await postMail(message, { signature: signWebhook(Buffer.concat([message, Buffer.from(' ')]), config.inboundEmailSecret!, now) }),
    await postMail(message, { signature: 'sha256=zz' }),
    // Signed correctly, but six minutes ago: a replay.
    await postMail(message, { timestamp: now - 6 * 60 }),
    // The signature of another timestamp: the timestamp is part of what is signed.
    await postMail(message, { signature: signWebhook(message, config.inboundEmailSecret!, now - 10) }),
  ];
  expect(cases.map((c) => c.status)).toEqual([401, 401, 401, 401, 401, 401]);
  expect(cases[4].body.error).toMatch(/window/);
  expect(await snapshot()).toEqual(before);
  expect((await emailRow(f.emailId)).status).toBe('sent');
});

test('a body that is not MIME answers 400; an unknown Message-ID or a delay notice answers 200 and changes nothing', async () => {
  const f = await sentEmail();
  const before = await snapshot();
  for (const body of [Buffer.from([0, 1, 2, 3, 255, 254]), Buffer.alloc(0), 'just some words without any header']) {
    const res = await postMail(body, { contentType: 'text/plain' });
    expect({ body, status: res.status }).toEqual({ body, status: 400 });
    expect(res.body.error).toMatch(/not a MIME message/);
  }
  const stranger = { messageId: `<${randomUUID()}@acme.example>`, address: f.address };
  const unknown = await postMail(await reply({ ...f, ...stranger }));
  expect(unknown).toEqual({ status: 200, body: { result: 'ignored', reason: 'no matching email' } });
  expect((await postMail(dsn(stranger, '5.1.1'))).body).toEqual({ result: 'ignored', reason: 'no matching email' });
  const unthreaded = await postMail(await reply(f, { inReplyTo: undefined, references: undefined }));
  expect(unthreaded.body).toMatchObject({ result: 'ignored', reason: expect.stringMatching(/^no matching email/) });
  const delayed = await postMail(dsn(f, '4.4.1', 'delayed'));
  expect(delayed.body).toMatchObject({ result: 'ignored', reason: expect.stringMatching(/without a failure/) });
  expect(await snapshot()).toEqual(before);
});

test('without INBOUND_EMAIL_SECRET the endpoint answers 503; other content types 415', async () => {
  const app = express().use(inboundEmailRouter({ secret: null }));
  const server = await new Promise<import('node:http').Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  try {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    expect(await postMail('From: a@b.c\r\n\r\nhi', { url })).toEqual({ status: 503, body: { error: 'inbound e-mail is not configured' } });
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
  expect((await postMail('{"from":"a@b.c"}', { contentType: 'application/json' })).status).toBe(415);
});

test.each([
  ['I am back on 12 March.', '2027-03-12'],
  ['I will return on 2026-12-01', '2026-12-01'],
  ['out of the office until December 3rd', '2026-12-03'],
  ['back 05/12/2026', '2026-12-05'],
  ['Ich bin ab dem 12.03.2027 wieder im Büro', '2027-03-12'],
  ['Out from 24 November to 30 November, back on 1 December 2026', '2026-12-01'],
  ['on holiday from 1 Dec. till 3 Jan.', '2027-01-03'],
  ['back on 31 February', null],
  ['I am away on parental leave.', null],
])('return date in %j', (text, day) => {
  const found = findReturnDate(text, new Date('2026-11-23T10:00:00Z'));
  expect(found?.toISOString() ?? null).toBe(day && `${day}T12:00:00.000Z`);
});

describe('classifying without the database', () => {
  const classify = async (raw: Buffer | string) => classifyInbound((await parseInboundMail(Buffer.from(raw)))!);

  test('a person replying to a subject about the office is a reply, not an out-of-office', async () => {
    const raw = await compose({ from: 'a@example.com', subject: 'Re: Out of office supplies?', inReplyTo: '<x@acme.example>', text: 'Yes please.' });
    expect(await classify(raw)).toMatchObject({ kind: 'reply', refs: ['<x@acme.example>'], from: 'a@example.com' });
  });

  test('an Exim failure notice (no DSN parts) is a hard bounce of the message quoted in it', async () => {
    const raw = [
      'From: Mail Delivery System <Mailer-Daemon@mx.example.com>', 'X-Failed-Recipients: gone@example.com',
      'Subject: Mail delivery failed: returning message to sender', '',
      'This message was created automatically by mail delivery software.', '',
      '  gone@example.com', '    host mx.example.com said: 550 5.1.1 User unknown', '',
      '------ This is a copy of the message, including all the headers. ------', '',
      'Message-ID: <orig-42@acme.example>', 'Subject: Quick question', '', 'Hello',
    ].join('\r\n');
    expect(await classify(raw)).toMatchObject({ kind: 'bounce', type: 'hard', refs: ['<orig-42@acme.example>'] });
  });

  test('read receipts and mail-system notices without a failed recipient are ignored', async () => {
    const receipt = [
      'From: a@example.com', 'In-Reply-To: <x@acme.example>',
      'Content-Type: multipart/report; report-type=disposition-notification; boundary="B"', '',
      '--B', 'Content-Type: text/plain', '', 'Your message was read.', '--B--', '',
    ].join('\r\n');
    expect(await classify(receipt)).toMatchObject({ kind: 'ignored', reason: expect.stringMatching(/disposition-notification/) });
    expect(await classify('From: postmaster@example.com\r\nIn-Reply-To: <x@acme.example>\r\n\r\nYour mailbox is almost full.'))
      .toMatchObject({ kind: 'ignored' });
  });
});
