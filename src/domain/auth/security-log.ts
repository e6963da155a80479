/** Writes `security_logs`: logins, failures, lock-outs, logouts, resets and denials (S2). */
import { SecurityLog } from '../../models/index.js';

export type SecurityEventType =
  | 'login_success' | 'login_failed' | 'logout' | 'password_changed' | 'password_reset'
  | 'account_locked' | 'suspicious_activity' | 'permission_denied';

const SEVERITY: Record<SecurityEventType, string> = {
  login_success: 'info', logout: 'info', password_changed: 'info', password_reset: 'info',
  login_failed: 'warning', permission_denied: 'warning', account_locked: 'high', suspicious_activity: 'high',
};

export interface RequestMeta {
  ip?: string | null;
  userAgent?: string | null;
}

export async function logSecurityEvent(event: {
  type: SecurityEventType;
  workspaceId?: string | null;
  userId?: string | null;
  userEmail?: string | null;
  description: string;
  details?: Record<string, unknown>;
  actionTaken?: string;
  meta?: RequestMeta;
}): Promise<void> {
  await SecurityLog.create({
    event_type: event.type,
    severity: SEVERITY[event.type],
    workspace_id: event.workspaceId ?? null,
    user_id: event.userId ?? null,
    user_email: event.userEmail ?? null,
    description: event.description,
    details: event.details ?? {},
    action_taken: event.actionTaken ?? null,
    ip_address: normalizeIp(event.meta?.ip),
    user_agent: event.meta?.userAgent?.slice(0, 1000) ?? null,
  });
}

/** Express gives IPv4 clients as `::ffff:1.2.3.4`; INET accepts both, keep the plain form. */
export function normalizeIp(ip?: string | null): string | null {
  if (!ip) return null;
  return ip.startsWith('::ffff:') ? ip.slice(7) : ip;
}
