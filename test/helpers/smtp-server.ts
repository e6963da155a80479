/**
 * A real SMTP server in the test process (the `smtp-server` package): it accepts what
 * nodemailer sends and keeps every message, parsed with mailparser, for the test to read. It
 * listens on SMTP_PORT, which test/global-setup.ts picked free for the run, so the app's
 * configured relay is this server.
 */
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { config } from '../../src/config.js';

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
  parsed: ParsedMail;
}

/** An SMTP answer to refuse a recipient with (4xx: try later, 5xx: never). */
export interface SmtpRefusal {
  code: number;
  message: string;
}

export interface SmtpServerOptions {
  port?: number;
  /** Decides each RCPT TO; `attempt` counts this address's RCPTs so far (1 = first). */
  onRecipient?: (address: string, attempt: number) => SmtpRefusal | null;
  /** Require AUTH: PLAIN/LOGIN with this user/password, or XOAUTH2 with this access token. */
  auth?: { user: string; password?: string; accessToken?: string };
  /** Milliseconds to wait before answering each message (an SMTP round trip of a real server). */
  latencyMs?: number;
}

export interface TestSmtpServer {
  /** The port it listens on (options.port 0 picks a free one). */
  port: number;
  messages: ReceivedMail[];
  /** Resolves with the first message (received or to come) that matches. */
  waitFor(match: (mail: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
  close(): Promise<void>;
}

export async function startSmtpServer(options: SmtpServerOptions = {}): Promise<TestSmtpServer> {
  const port = options.port ?? config.smtp.port;
  const messages: ReceivedMail[] = [];
  const waiters: { match: (m: ReceivedMail) => boolean; resolve: (m: ReceivedMail) => void }[] = [];
  const attempts = new Map<string, number>();
  let queued = 0;

  const server = new SMTPServer({
    authOptional: !options.auth,
    authMethods: ['PLAIN', 'LOGIN', 'XOAUTH2'],
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      const want = options.auth;
      const ok = want && auth.username === want.user &&
        (auth.method === 'XOAUTH2' ? auth.accessToken === want.accessToken : auth.password === want.password);
      if (ok) return callback(null, { user: auth.username });
      if (auth.method === 'XOAUTH2') return callback(null, { data: { status: '401', schemes: 'bearer' } });
      return callback(new Error('Invalid username or password'));
    },
    onRcptTo(address, _session, callback) {
      const n = (attempts.get(address.address) ?? 0) + 1;
      attempts.set(address.address, n);
      const refusal = options.onRecipient?.(address.address, n);
      if (!refusal) return callback();
      const err = new Error(refusal.message) as Error & { responseCode: number };
      err.responseCode = refusal.code;
      return callback(err);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        simpleParser(raw).then((parsed) => {
          const mail: ReceivedMail = {
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw,
            parsed,
          };
          const answer = () => {
            messages.push(mail);
            for (const w of waiters.filter((w) => w.match(mail))) {
              waiters.splice(waiters.indexOf(w), 1);
              w.resolve(mail);
            }
            // Like Postfix: "250 2.0.0 Ok: queued as <id>" names the server's id for the message.
            callback(null, `queued as T${++queued}`);
          };
          if (options.latencyMs) setTimeout(answer, options.latencyMs);
          else answer();
        }, callback);
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  // A client killed mid-session (the worker-kill test) resets its connection: smtp-server reports
  // that as an 'error' event, which must not crash the test process. Messages it did not finish
  // are not accepted, as with any SMTP server.
  server.on('error', (err: Error & { code?: string }) => {
    if (err.code !== 'ECONNRESET' && err.code !== 'EPIPE') console.error(`test SMTP server: ${err.message}`);
  });

  const address = (server as unknown as { server: { address(): { port: number } } }).server.address();
  return {
    port: address.port,
    messages,
    waitFor(match, timeoutMs = 15_000) {
      const found = messages.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching e-mail within ${timeoutMs} ms (${messages.length} received)`)), timeoutMs);
        waiters.push({ match, resolve: (m) => { clearTimeout(timer); resolve(m); } });
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
