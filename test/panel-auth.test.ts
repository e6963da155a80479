/**
 * Login, lock-out, sessions in PostgreSQL and their revocation, driven over HTTP like a browser
 * (the login form, then /admin/api with the cookie), against the real database.
 */
import { sequelize } from '../src/db.js';
import { seedDemoData } from '../src/demo/seed-demo.js';
import { PanelClient, startPanel, type Panel } from './helpers/panel-client.js';
import { makeUser } from './helpers/users.js';
import { select } from './helpers/sql.js';

let panel: Panel;

const PASSWORD = 'right-password-1';

beforeAll(async () => {
  await seedDemoData(); // the demo logins and rows, once per run (a no-op when acme exists)
  panel = await startPanel();
});

afterAll(async () => {
  await panel.close();
  await sequelize.close();
});

describe('login', () => {
  test('a demo admin logs in; the session row holds a hash, the address and the browser', async () => {
    const client = new PanelClient(panel.url, 'Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0 Safari/537.36');
    expect((await client.login('admin@acme.example')).ok).toBe(true);
    const sid = decodeURIComponent(client.cookie!.split('=')[1]).replace(/^s:/, '').split('.')[0];
    const rows = await select<{ token: string; ip_address: string; browser: string; os: string; expires_at: Date }>(
      `SELECT s.token, s.ip_address::text, s.browser, s.os, s.expires_at FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE u.email = 'admin@acme.example' ORDER BY s.created_at DESC LIMIT 1`,
    );
    expect(rows[0].token).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0].token).not.toContain(sid);
    expect(rows[0].ip_address).toMatch(/^127\.0\.0\.1/);
    expect(rows[0].browser).toBe('Chrome');
    expect(rows[0].os).toBe('Linux');
    expect(new Date(rows[0].expires_at).getTime()).toBeGreaterThan(Date.now());
    const [user] = await select<{ last_login_at: Date | null }>(`SELECT last_login_at FROM users WHERE email = 'admin@acme.example'`);
    expect(user.last_login_at).not.toBeNull();
    expect((await client.list('contacts')).status).toBe(200);
  });

  test('wrong password, unknown e-mail, a candidate and an inactive user are refused', async () => {
    const client = new PanelClient(panel.url);
    expect((await client.login('admin@acme.example', 'wrong')).ok).toBe(false);
    expect((await client.login('nobody@nowhere.example')).ok).toBe(false);
    const candidate = await client.login('candidate@acme.example');
    expect(candidate.ok).toBe(false);
    expect(candidate.html).toContain('no access');
    await makeUser('inactive-user@acme.example', { password: PASSWORD, active: false });
    expect((await client.login('inactive-user@acme.example', PASSWORD)).ok).toBe(false);
    // Without a session the API sends us to the login page.
    const anonymous = await new PanelClient(panel.url).list('contacts');
    expect(anonymous.status).toBe(302);
    expect(anonymous.location).toBe('/admin/login');
  });

  test('five wrong passwords lock the account for 15 minutes and are logged', async () => {
    const id = await makeUser('lock-me@acme.example', { password: PASSWORD });
    const client = new PanelClient(panel.url);
    for (let i = 0; i < 5; i += 1) expect((await client.login('lock-me@acme.example', `wrong-${i}`)).ok).toBe(false);
    const [user] = await select<{ failed_login_count: number; minutes: number }>(
      `SELECT failed_login_count, EXTRACT(EPOCH FROM locked_until - now()) / 60 AS minutes FROM users WHERE id = :id`, { id },
    );
    expect(user.failed_login_count).toBe(5);
    expect(Number(user.minutes)).toBeGreaterThan(14);
    expect(Number(user.minutes)).toBeLessThanOrEqual(15);
    // The right password does not help while locked.
    const locked = await client.login('lock-me@acme.example', PASSWORD);
    expect(locked.ok).toBe(false);
    expect(locked.html).toContain('locked');
    const events = await select<{ event_type: string; n: string }>(
      `SELECT event_type, count(*) AS n FROM security_logs WHERE user_id = :id GROUP BY event_type`, { id },
    );
    const count = Object.fromEntries(events.map((e) => [e.event_type, Number(e.n)]));
    expect(count.login_failed).toBe(6);
    expect(count.account_locked).toBe(1);
    // Once the lock has expired the right password works and the count starts again.
    await sequelize.query(`UPDATE users SET locked_until = now() - interval '1 second' WHERE id = :id`, { replacements: { id } });
    expect((await client.login('lock-me@acme.example', PASSWORD)).ok).toBe(true);
    const [after] = await select<{ failed_login_count: number; locked_until: Date | null }>(
      `SELECT failed_login_count, locked_until FROM users WHERE id = :id`, { id },
    );
    expect(after).toEqual({ failed_login_count: 0, locked_until: null });
  });

  test('an admin revokes a session and its holder is out on the next request', async () => {
    const rep = new PanelClient(panel.url, 'rep-browser');
    expect((await rep.login('rep2@acme.example')).ok).toBe(true);
    expect((await rep.list('contacts')).status).toBe(200);
    const [session] = await select<{ id: string }>(
      `SELECT s.id FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE u.email = 'rep2@acme.example' AND NOT s.is_revoked ORDER BY s.created_at DESC LIMIT 1`,
    );
    const admin = new PanelClient(panel.url);
    await admin.login('admin@acme.example');
    const revoked = await admin.post(`/admin/api/resources/sessions/records/${session.id}/revoke`, {});
    expect(revoked.status).toBe(200);
    expect(revoked.body.notice.message).toBe('Session revoked');
    const after = await rep.list('contacts');
    expect(after.status).toBe(302);
    expect(after.location).toBe('/admin/login');
    const [row] = await select<{ is_revoked: boolean; revoked_reason: string }>(`SELECT is_revoked, revoked_reason FROM sessions WHERE id = :id`, { id: session.id });
    expect(row.is_revoked).toBe(true);
    expect(row.revoked_reason).toContain('admin@acme.example');
  });

  test('a sales rep cannot revoke sessions; the refusal is a 403 and is logged', async () => {
    const rep = new PanelClient(panel.url);
    await rep.login('rep@acme.example');
    const [session] = await select<{ id: string }>(`SELECT id FROM sessions LIMIT 1`);
    const refused = await rep.post(`/admin/api/resources/sessions/records/${session.id}/revoke`, {});
    expect(refused.status).toBe(403);
    const [log] = await select<{ n: string }>(
      `SELECT count(*) AS n FROM security_logs l JOIN users u ON u.id = l.user_id
        WHERE u.email = 'rep@acme.example' AND l.event_type = 'permission_denied' AND l.description LIKE '%revoke%'`,
    );
    expect(Number(log.n)).toBeGreaterThanOrEqual(1);
  });

  test('logout revokes the session row and is logged', async () => {
    const client = new PanelClient(panel.url);
    await client.login('office@acme.example');
    const out = await client.get('/admin/logout');
    expect(out.status).toBe(302);
    expect((await client.list('contacts')).status).toBe(302);
    const [row] = await select<{ n: string }>(
      `SELECT count(*) AS n FROM security_logs l JOIN users u ON u.id = l.user_id WHERE u.email = 'office@acme.example' AND l.event_type = 'logout'`,
    );
    expect(Number(row.n)).toBe(1);
  });
});
