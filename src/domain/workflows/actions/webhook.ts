/**
 * webhook: an HMAC-SHA256-signed JSON POST. Addresses inside the network (private, loopback,
 * link-local, CGNAT, unspecified) are refused unless the global setting
 * WORKFLOW_WEBHOOKS_ALLOW_PRIVATE is true: a workflow author must not be able to reach the
 * database, Redis or a cloud metadata endpoint from the worker. Every address the host resolves
 * to is checked, and checked again by the connection's own DNS lookup (guardedLookup), so a name
 * that resolves outside for the check and inside for the connection (DNS rebinding) is refused
 * too. Redirects are not followed (one could lead inside).
 *
 * Signature: `X-CRM-Signature: sha256=<hex HMAC of "<X-CRM-Timestamp>.<body>">` keyed by the
 * workflow's signing key (webhookSigningKey: derived from ENCRYPTION_KEY, so no secret is stored
 * in the workflow's JSON). `X-CRM-Delivery` (execution id and action index) is the same on a
 * retry, for receivers to drop duplicates.
 */
import { createHmac } from 'node:crypto';
import dns from 'node:dns';
import { lookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { config } from '../../../config.js';
import type { ActionParams } from '../schema.js';
import { ActionError, one, type RunContext } from './context.js';

export const ALLOW_PRIVATE_SETTING = 'WORKFLOW_WEBHOOKS_ALLOW_PRIVATE';
export const WEBHOOK_TIMEOUT_MS = 10_000;

const internal = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) internal.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8]] as const) {
  internal.addSubnet(net, prefix, 'ipv6');
}

export function isInternalAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return internal.check(mapped[1]!, 'ipv4');
  return internal.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');
}

/** The key a receiver verifies this workflow's webhooks with (shown by the panel's Test run). */
export function webhookSigningKey(workflowId: string): string {
  return createHmac('sha256', config.encryptionKey).update(`workflow-webhook:${workflowId}`).digest('hex');
}

export function signWebhook(key: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', key).update(`${timestamp}.${body}`).digest('hex')}`;
}

async function allowsPrivate(ctx: RunContext): Promise<boolean> {
  const row = await one<{ value: unknown }>(`SELECT value FROM system_settings WHERE key = :key`, { key: ALLOW_PRIVATE_SETTING }, ctx.transaction);
  return row?.value === true;
}

/** Refuses a URL whose host is, or resolves to, an internal address (unless allowed). */
export async function checkDestination(url: URL, allowPrivate: boolean): Promise<string[]> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host) ? [host] : (await lookup(host, { all: true }).catch(() => [])).map((a) => a.address);
  if (addresses.length === 0) throw new ActionError(`webhook: ${host} does not resolve`);
  const inside = addresses.filter(isInternalAddress);
  if (inside.length && !allowPrivate) {
    throw new ActionError(`webhook: ${host} is a private, loopback or link-local address (${inside.join(', ')}); `
      + `refused unless the setting ${ALLOW_PRIVATE_SETTING} is true`);
  }
  return addresses;
}

export async function callWebhook(ctx: RunContext, p: ActionParams<'webhook'>) {
  const url = new URL(p.url);
  const allowPrivate = await allowsPrivate(ctx);
  await checkDestination(url, allowPrivate);
  const { event } = ctx;
  const body = JSON.stringify({
    workflow_id: ctx.workflow.id,
    workflow_execution_id: ctx.executionId,
    event: { id: event.id, type: event.type, table: event.table, record_id: event.recordId, record: ctx.record, changes: event.changes, occurred_at: event.occurredAt },
    ...p.payload,
  });
  const timestamp = String(Math.floor(Date.now() / 1000));
  const headers = {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(body)),
    'user-agent': 'crm-back-office-workflows',
    'x-crm-timestamp': timestamp,
    'x-crm-signature': signWebhook(webhookSigningKey(ctx.workflow.id), timestamp, body),
    'x-crm-delivery': `${ctx.executionId}:${ctx.actionIndex}`,
  };
  let status: number;
  try {
    status = await post(url, headers, body, allowPrivate);
  } catch (err) {
    if (err instanceof ActionError) throw err;
    throw new Error(`webhook: POST ${url.origin}${url.pathname} failed: ${(err as Error).message}`);
  }
  if (status < 200 || status >= 300) throw new Error(`webhook: POST ${url.origin}${url.pathname} answered ${status}`);
  return { url: url.toString(), status };
}

/** The connection's DNS lookup, refusing internal addresses at connect time (see the module comment). */
export function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '', 0);
      const list = addresses as unknown as dns.LookupAddress[];
      const inside = list.filter((a) => isInternalAddress(a.address));
      if (inside.length && !allowPrivate) {
        return callback(new ActionError(`webhook: ${hostname} resolved to an internal address (${inside.map((a) => a.address).join(', ')}) `
          + `when connecting; refused unless the setting ${ALLOW_PRIVATE_SETTING} is true`), '', 0);
      }
      if (options.all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list);
      return callback(null, list[0]!.address, list[0]!.family);
    });
  };
}

/** One POST with node's http(s) (fetch cannot take a lookup): no redirects, a timeout; resolves with the status. */
function post(url: URL, headers: Record<string, string>, body: string, allowPrivate: boolean): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = (url.protocol === 'https:' ? https : http).request(url, {
      method: 'POST', headers, lookup: guardedLookup(allowPrivate), timeout: WEBHOOK_TIMEOUT_MS,
    }, (response) => {
      response.resume(); // the body is not read: only the status counts
      resolve(response.statusCode ?? 0);
    });
    request.on('timeout', () => request.destroy(new Error(`no answer within ${WEBHOOK_TIMEOUT_MS} ms`)));
    request.on('error', reject);
    request.end(body);
  });
}
