/**
 * The tracking endpoints over HTTP against the real database: the open pixel and click redirect
 * keep the email's counters and its campaign's unique totals; the unsubscribe page changes
 * nothing until its button (or a mail client's one-click POST) is used, which then records one
 * consent row, flags the contact and ends its enrollments; forged and unknown tokens get a 404
 * and write nothing.
 */
import { randomUUID } from 'node:crypto';
import { sequelize } from '../src/db.js';
import { seedDemoData } from '../src/demo/seed-demo.js';
import { signTracking, trackingUrl } from '../src/domain/email/tracking-token.js';
import { config } from '../src/config.js';
import { startPanel, type Panel } from './helpers/panel-client.js';
import { select } from './helpers/sql.js';

let panel: Panel;
const one = async <T extends object>(sql: string, replacements: Record<string, unknown> = {}) => (await select<T>(sql, replacements))[0];

/** The public URL of a token, on the test server. */
const local = (url: string) => url.replace(config.appUrl, panel.url);
const get = (url: string) => fetch(local(url), { redirect: 'manual', headers: { 'user-agent': 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Safari/604.1' } });
const post = (url: string, body: string) => fetch(local(url), {
  method: 'POST', redirect: 'manual', body, headers: { 'content-type': 'application/x-www-form-urlencoded' },
});

interface Fixture { emailId: string; campaignId: string; contactId: string; enrollmentId: string; address: string }

async function sentEmail(): Promise<Fixture> {
  const tag = randomUUID().slice(0, 8);
  const address = `Tracked.${tag}@Example.com`;
  const ws = (await one<{ id: string }>(`SELECT id FROM workspaces WHERE slug = 'acme'`)).id;
  const contactId = (await one<{ id: string }>(
    `INSERT INTO contacts (workspace_id, first_name, email) VALUES (:ws, 'Tracked', lower(:address)) RETURNING id`, { ws, address },
  )).id;
  const campaignId = (await one<{ id: string }>(
    `INSERT INTO email_campaigns (workspace_id, name, status, total_sent) VALUES (:ws, :name, 'sent', 1) RETURNING id`, { ws, name: `Campaign ${tag}` },
  )).id;
  const sequenceId = (await one<{ id: string }>(`INSERT INTO sequences (workspace_id, name) VALUES (:ws, :name) RETURNING id`, { ws, name: `Seq ${tag}` })).id;
  const enrollmentId = (await one<{ id: string }>(
    `INSERT INTO sequence_enrollments (workspace_id, sequence_id, contact_id, status) VALUES (:ws, :sequenceId, :contactId, 'active') RETURNING id`,
    { ws, sequenceId, contactId },
  )).id;
  const emailId = (await one<{ id: string }>(
    `INSERT INTO emails (workspace_id, contact_id, campaign_id, to_email, subject, status, sent_at)
     VALUES (:ws, :contactId, :campaignId, :address, 'Hello', 'sent', now()) RETURNING id`,
    { ws, contactId, campaignId, address },
  )).id;
  return { emailId, campaignId, contactId, enrollmentId, address };
}

const counters = (emailId: string) => one<{
  status: string; open_count: number; click_count: number; links_clicked: string[]; first_opened_at: Date | null; last_opened_at: Date | null;
}>(`SELECT status, open_count, click_count, links_clicked, first_opened_at, last_opened_at FROM emails WHERE id = :emailId`, { emailId });
const events = (emailId: string) => select<{ event_type: string; link_url: string | null; device_type: string | null; ip_address: string | null }>(
  `SELECT event_type, link_url, device_type, host(ip_address) AS ip_address FROM email_events WHERE email_id = :emailId ORDER BY created_at`, { emailId },
);
const campaign = (id: string) => one<{ total_opened: number; total_clicked: number; total_unsubscribed: number }>(
  `SELECT total_opened, total_clicked, total_unsubscribed FROM email_campaigns WHERE id = :id`, { id },
);

beforeAll(async () => {
  await seedDemoData(); // the demo logins and rows, once per run (a no-op when acme exists)
  panel = await startPanel();
});

afterAll(async () => {
  await panel.close();
  await sequelize.close();
});

test('the open pixel answers a GIF and counts every open; the campaign counts the email once', async () => {
  const f = await sentEmail();
  const pixel = trackingUrl({ kind: 'open', emailId: f.emailId });
  const first = await get(pixel);
  expect(first.status).toBe(200);
  expect(first.headers.get('content-type')).toBe('image/gif');
  expect(Buffer.from(await first.arrayBuffer()).subarray(0, 6).toString()).toBe('GIF89a');
  await get(pixel);
  const row = await counters(f.emailId);
  expect(row.status).toBe('opened');
  expect(row.open_count).toBe(2);
  expect(row.first_opened_at!.getTime()).toBeLessThanOrEqual(row.last_opened_at!.getTime());
  const logged = await events(f.emailId);
  expect(logged.map((e) => e.event_type)).toEqual(['opened', 'opened']);
  expect(logged[0].device_type).toBe('mobile');
  expect(logged[0].ip_address).toBe('127.0.0.1');
  expect((await campaign(f.campaignId)).total_opened).toBe(1);
});

test('a click redirects to the URL of the email and is counted; a forged URL or email is a 404 that writes nothing', async () => {
  const f = await sentEmail();
  const url = 'https://example.com/pricing?plan=pro&utm=1';
  const click = await get(trackingUrl({ kind: 'click', emailId: f.emailId, url }));
  expect(click.status).toBe(302);
  expect(click.headers.get('location')).toBe(url);
  await get(trackingUrl({ kind: 'click', emailId: f.emailId, url }));
  let row = await counters(f.emailId);
  expect(row).toMatchObject({ status: 'clicked', click_count: 2, links_clicked: [url] });
  expect((await campaign(f.campaignId)).total_clicked).toBe(1);

  // The same token with another URL, a cut signature, another kind, an email that does not exist.
  const [payload, mac] = signTracking({ kind: 'click', emailId: f.emailId, url }).split('.');
  const evil = Buffer.from(JSON.stringify(['c', f.emailId, 'https://evil.example/'])).toString('base64url');
  for (const path of [
    `/t/c/${evil}.${mac}`,
    `/t/c/${payload}.${mac.slice(0, 10)}`,
    `/t/c/${payload}`,
    `/t/c/${signTracking({ kind: 'open', emailId: f.emailId })}`,
    `/t/c/${signTracking({ kind: 'click', emailId: randomUUID(), url })}`,
    `/t/o/${signTracking({ kind: 'open', emailId: randomUUID() })}.gif`,
    '/t/o/garbage.gif',
    `/t/u/${signTracking({ kind: 'unsubscribe', emailId: randomUUID() })}`,
  ]) {
    const res = await fetch(`${panel.url}${path}`, { redirect: 'manual' });
    expect({ path, status: res.status }).toEqual({ path, status: 404 });
  }
  row = await counters(f.emailId);
  expect(row.click_count).toBe(2);
  expect((await events(f.emailId)).map((e) => e.event_type)).toEqual(['clicked', 'clicked']);
});

test('unsubscribe: the page changes nothing; one-click POST records consent, flags the contact, ends its enrollment', async () => {
  const f = await sentEmail();
  const link = trackingUrl({ kind: 'unsubscribe', emailId: f.emailId });
  const pageRes = await get(link);
  expect(pageRes.status).toBe(200);
  expect(await pageRes.text()).toContain('<form method="post">');
  expect(await select(`SELECT 1 FROM email_unsubscribes WHERE unsubscribed_from_email_id = :id`, { id: f.emailId })).toHaveLength(0);

  const oneClick = await post(link, 'List-Unsubscribe=One-Click');
  expect(oneClick.status).toBe(200);
  expect(await oneClick.text()).toContain(f.address.toLowerCase());
  const again = await post(link, 'List-Unsubscribe=One-Click');
  expect(again.status).toBe(200);

  const consent = await select<{ email: string; unsubscribe_type: string; unsubscribed_via: string; is_active: boolean }>(
    `SELECT email, unsubscribe_type, unsubscribed_via, is_active FROM email_unsubscribes WHERE lower(email) = lower(:address)`, { address: f.address },
  );
  expect(consent).toEqual([{ email: f.address.toLowerCase(), unsubscribe_type: 'all', unsubscribed_via: 'link', is_active: true }]);
  expect(await one(`SELECT unsubscribed FROM contacts WHERE id = :id`, { id: f.contactId })).toEqual({ unsubscribed: true });
  expect(await one(`SELECT status FROM sequence_enrollments WHERE id = :id`, { id: f.enrollmentId })).toEqual({ status: 'unsubscribed' });
  expect((await events(f.emailId)).map((e) => e.event_type)).toEqual(['unsubscribed']);
  expect((await campaign(f.campaignId)).total_unsubscribed).toBe(1);
});

test('an email that was never sent cannot be opened, clicked or unsubscribed from', async () => {
  const ws = (await one<{ id: string }>(`SELECT id FROM workspaces WHERE slug = 'acme'`)).id;
  const draft = (await one<{ id: string }>(
    `INSERT INTO emails (workspace_id, to_email, status) VALUES (:ws, 'draft@example.com', 'draft') RETURNING id`, { ws },
  )).id;
  expect((await get(trackingUrl({ kind: 'open', emailId: draft }))).status).toBe(404);
  expect((await get(trackingUrl({ kind: 'click', emailId: draft, url: 'https://example.com/' }))).status).toBe(404);
  expect((await post(trackingUrl({ kind: 'unsubscribe', emailId: draft }), 'List-Unsubscribe=One-Click')).status).toBe(404);
  expect(await events(draft)).toHaveLength(0);
  expect(await counters(draft)).toMatchObject({ status: 'draft', open_count: 0, click_count: 0 });
});
