/**
 * The whole sending pipe, measured: 10,000 emails (BENCH_EMAILS) from 10 mailboxes to 10,000
 * contacts, all due at the same instant, go through one real worker process (`src/worker.ts`:
 * the dispatcher schedule, email-send jobs, claim + guards + merge fields + tracking + budget,
 * pooled SMTP to a local sink in this process, status and event writes). Prints
 *   email emails_per_s=<x> p95_ms=<y> p50_ms=<z> emails=<n> concurrency=<c> smtp_latency_ms=<l>
 * where emails_per_s = emails / (last sent_at − due time) and p95 is over (sent_at − due time)
 * of each email. `npm run bench:email`; BENCH_SMTP_LATENCY_MS adds a round trip at the sink,
 * EMAIL_SEND_CONCURRENCY is passed on to the worker, BENCH_WORKER_PROFILE=<dir> writes its CPU profile.
 */
import { SMTPServer } from 'smtp-server';
import { scratchRun } from './scratch.js';

const EMAILS = Number(process.env.BENCH_EMAILS ?? 10_000);
const MAILBOXES = 10;
const LATENCY_MS = Number(process.env.BENCH_SMTP_LATENCY_MS ?? 0);
const CONCURRENCY = process.env.EMAIL_SEND_CONCURRENCY ?? '50';

async function startSink(): Promise<{ server: SMTPServer; port: number; received: () => number }> {
  let received = 0;
  const server = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS'], logger: false,
    onData(stream, _session, callback) {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        received += 1;
        const answer = () => callback(null, `queued as B${received}`);
        if (LATENCY_MS) setTimeout(answer, LATENCY_MS); else answer();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  server.on('error', () => undefined); // a client that goes away mid-session is not the bench's failure
  const port = (server as unknown as { server: { address(): { port: number } } }).server.address().port;
  return { server, port, received: () => received };
}

export async function run(): Promise<void> {
  const { db, startWorker, cleanUp } = await scratchRun('email');
  const sink = await startSink();
  try {
    // Fixtures, set-based: a workspace, 10 senders with a mailbox each, 10,000 contacts with
    // accounts, and one email per contact with merge fields and two links, due in 8 s (time for
    // the worker to start). The due time is the same for all: the worst case for latency.
    await db.query(`
      INSERT INTO workspaces (name, slug) VALUES ('Bench', 'bench');
      INSERT INTO users (workspace_id, email, password_hash, first_name, last_name)
        SELECT w.id, 'sender' || g || '@bench.test', 'x', 'Sender', 'No' || g FROM workspaces w, generate_series(1, ${MAILBOXES}) g;
      INSERT INTO email_accounts (workspace_id, user_id, provider, email, display_name, daily_send_limit, settings)
        SELECT workspace_id, id, 'smtp', email, first_name || ' ' || last_name, 1000000,
               jsonb_build_object('host', '127.0.0.1', 'port', ${sink.port}, 'secure', false) FROM users;
      INSERT INTO accounts (workspace_id, name, industry)
        SELECT w.id, 'Company ' || g, 'Software' FROM workspaces w, generate_series(1, ${EMAILS}) g;
      INSERT INTO contacts (workspace_id, account_id, first_name, last_name, email, timezone)
        SELECT a.workspace_id, a.id, 'First' || n, 'Last' || n, 'contact' || n || '@bench.example', 'Europe/Berlin'
          FROM (SELECT *, row_number() OVER (ORDER BY name) n FROM accounts) a;
    `);
    const [[{ due }]] = await db.query(`SELECT now() + interval '8 seconds' AS due`) as [[{ due: Date }], unknown];
    await db.query(
      `INSERT INTO emails (workspace_id, contact_id, email_account_id, owner_id, to_email, subject, body_html, status, scheduled_at)
       SELECT c.workspace_id, c.id, m.id, m.user_id, c.email, 'A note for {{contact.first_name}} at {{account.name}}',
              '<p>Hi {{contact.first_name}},</p><p>We help teams like {{account.name}}: <a href="https://example.com/case">case study</a>,
               <a href="https://example.com/pricing?plan=team">pricing</a>.</p><p>{{sender.first_name}} {{sender.last_name}}</p>',
              'scheduled', :due
         FROM (SELECT *, row_number() OVER (ORDER BY email) n FROM contacts) c
         JOIN (SELECT *, row_number() OVER (ORDER BY email) - 1 k FROM email_accounts) m ON m.k = c.n % ${MAILBOXES}`,
      { replacements: { due } },
    );

    const profile = process.env.BENCH_WORKER_PROFILE;
    startWorker({ EMAIL_SEND_CONCURRENCY: CONCURRENCY }, profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : []);
    const deadline = Date.now() + 15 * 60_000;
    for (;;) {
      const [[row]] = await db.query(`SELECT count(*) FILTER (WHERE status = 'sent')::int AS sent,
                                             count(*) FILTER (WHERE status IN ('failed', 'dropped', 'bounced'))::int AS bad
                                        FROM emails`) as [[{ sent: number; bad: number }], unknown];
      if (row.sent + row.bad >= EMAILS) {
        if (row.bad) throw new Error(`${row.bad} emails did not go out (failed, dropped or bounced)`);
        break;
      }
      if (Date.now() > deadline) throw new Error(`only ${row.sent} of ${EMAILS} sent after 15 minutes`);
      await new Promise((r) => setTimeout(r, 200));
    }
    const [[stats]] = await db.query(
      `SELECT extract(epoch FROM max(sent_at) - :due) * 1000 AS span_ms,
              percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM sent_at - :due) * 1000) AS p95_ms,
              percentile_cont(0.50) WITHIN GROUP (ORDER BY extract(epoch FROM sent_at - :due) * 1000) AS p50_ms
         FROM emails`,
      { replacements: { due } },
    ) as [[{ span_ms: number; p95_ms: number; p50_ms: number }], unknown];
    const perSecond = EMAILS / (Number(stats.span_ms) / 1000);
    if (sink.received() !== EMAILS) throw new Error(`the sink received ${sink.received()} messages for ${EMAILS} emails`);
    console.log(`email emails_per_s=${perSecond.toFixed(0)} p95_ms=${Number(stats.p95_ms).toFixed(0)} ` +
      `p50_ms=${Number(stats.p50_ms).toFixed(0)} emails=${EMAILS} concurrency=${CONCURRENCY} smtp_latency_ms=${LATENCY_MS}`);
  } finally {
    await new Promise<void>((resolve) => sink.server.close(() => resolve()));
    await cleanUp();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  run().then(() => process.exit(0), (err) => { console.error(err); process.exit(1); });
}
