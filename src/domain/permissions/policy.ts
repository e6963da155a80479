/**
 * The permission policy a role carries in `roles.permissions` (JSONB), and how a request's
 * resource + action resolves to a row scope. Format:
 *
 *   { "resources": { "<table or *>": { "<action or *>": "all" | "workspace" | "team" | "own" } } }
 *
 * Lookup order for (resource, action): resource.action, resource.*, *.action, *.*; no entry means
 * the action is refused. A user holding several roles in a workspace gets the widest scope any of
 * them grants. `search` (AdminJS's reference autocomplete) is governed by `list`, `bulkDelete`
 * by `delete`, and the sequence state changes (`enrollInSequence` on contacts, `pause`/`resume`
 * on enrollments, `activate`/`pause`/`archive` on sequences, `sendNow`/`cancel` on emails, `sendTest`
 * on mailboxes, and the S0-S3 flow actions listed in FALLBACK_ACTION) by `edit`, unless the policy
 * names them.
 */
import { z } from 'zod';

export const SCOPES = ['own', 'team', 'workspace', 'all'] as const;
export type Scope = (typeof SCOPES)[number];

/** Actions the panel knows; custom actions are listed where they are declared. */
export const STANDARD_ACTIONS = ['list', 'show', 'new', 'edit', 'delete', 'bulkDelete', 'search'] as const;

const name = z.string().regex(/^(\*|[a-z][a-zA-Z0-9_]*)$/, 'a table name, an action name or *');

export const policySchema = z.strictObject({
  resources: z.record(name, z.record(name, z.enum(SCOPES))),
});
export type Policy = z.infer<typeof policySchema>;

export const EMPTY_POLICY: Policy = { resources: {} };

/** Parses a stored policy; a malformed one grants nothing rather than crashing the panel. */
export function parsePolicy(value: unknown): Policy {
  const parsed = policySchema.safeParse(value);
  return parsed.success ? parsed.data : EMPTY_POLICY;
}

const rank = (scope: Scope | null): number => (scope ? SCOPES.indexOf(scope) : -1);

export function widerScope(a: Scope | null, b: Scope | null): Scope | null {
  return rank(a) >= rank(b) ? a : b;
}

const FALLBACK_ACTION: Record<string, string> = {
  search: 'list',
  bulkDelete: 'delete',
  // Changing a row's state is editing it: whoever may edit the row may do these.
  enrollInSequence: 'edit',
  pause: 'edit',
  resume: 'edit',
  activate: 'edit',
  archive: 'edit',
  // An email's Send now / Cancel and a mailbox's Send test email act on that row.
  sendNow: 'edit',
  cancel: 'edit',
  sendTest: 'edit',
  // Reading a contact's history is reading the contact (each kind of entry keeps its own scope).
  timeline: 'show',
  // The S0 and S1 flows change the row they are on (src/admin/actions/{outreach,recruiting}-actions.ts).
  logOutreach: 'new',
  changeStatus: 'edit',
  approve: 'edit',
  postMessage: 'edit',
  dismiss: 'edit',
  logJobPosting: 'edit',
  shareWithBuilders: 'edit',
  builderProgress: 'edit',
  convertToClient: 'edit',
  // The S2/S3 flows (src/admin/actions/{convert-lead,close-deal,document-signature}.ts).
  convertLead: 'edit',
  markWon: 'edit',
  markLost: 'edit',
  sendForSignature: 'edit',
  recordSignature: 'edit',
};

function lookup(policy: Policy, resource: string, action: string): Scope | null {
  const r = policy.resources;
  return r[resource]?.[action] ?? r[resource]?.['*'] ?? r['*']?.[action] ?? r['*']?.['*'] ?? null;
}

/** The scope a policy grants for an action on a resource, or null when it is refused. */
export function scopeFor(policy: Policy, resource: string, action: string): Scope | null {
  const direct = lookup(policy, resource, action);
  if (direct) return direct;
  const fallback = FALLBACK_ACTION[action];
  return fallback ? lookup(policy, resource, fallback) : null;
}

/** A policy grants panel access when it allows at least one action anywhere. */
export function grantsPanelAccess(policy: Policy): boolean {
  return Object.values(policy.resources).some((actions) => Object.keys(actions).length > 0);
}

/**
 * The widest scope any of a user's policies grants. Resolved per policy, not by merging them:
 * a merge would let one role's `contacts.*: own` shadow another role's `*.list: workspace`.
 */
export function widestScopeFor(policies: Policy[], resource: string, action: string): Scope | null {
  return policies.reduce<Scope | null>((best, p) => widerScope(best, scopeFor(p, resource, action)), null);
}
