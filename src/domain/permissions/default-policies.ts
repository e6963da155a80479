/**
 * The policies the roles of SCHEMA.md start with (written to `roles.permissions` by a
 * migration when a role has none; admins edit them in the panel afterwards).
 */
import type { Policy, Scope } from './policy.js';

const grant = (scope: Scope, tables: string[], actions: string[] = ['*']) =>
  Object.fromEntries(tables.map((t) => [t, Object.fromEntries(actions.map((a) => [a, scope]))]));

/** Deep-merges grants: a later grant adds actions to a table, it does not replace the table. */
function policy(...grants: Policy['resources'][]): Policy {
  const resources: Policy['resources'] = {};
  for (const g of grants) {
    for (const [table, actions] of Object.entries(g)) resources[table] = { ...resources[table], ...actions };
  }
  return { resources };
}

const READ = ['list', 'show', 'export'];

/** Reference data everyone in the panel reads (pick lists, templates, pipelines). */
const SHARED_READ = [
  'workspaces', 'teams', 'users', 'pipelines', 'pipeline_stages', 'email_templates', 'sequences',
  'sequence_steps', 'email_campaigns', 'accounts', 'opportunities', 'estimates', 'jobs',
  'job_postings', 'external_job_postings', 'job_posting_builders', 'lead_routing_rules',
];

/** Rows a seller works on and owns. */
const SELLER_OWN = [
  'contacts', 'leads', 'lead_activities', 'deals', 'deal_stage_history', 'activities', 'tasks',
  'documents', 'document_signatures', 'emails', 'email_events', 'sequence_enrollments',
  'email_accounts', 'action_queue', 'sales_quotas', 'demo_requests', 'sales_contact_requests',
];

/** Rows a recruiter works on and owns (own = jobs they are the assigned recruiter of). */
const RECRUITER_OWN = [
  'jobs', 'applications', 'application_timeline', 'chat_messages', 'candidate_profiles',
  'candidate_work_history', 'action_queue', 'tasks', 'activities', 'emails', 'email_events',
  'email_accounts',
];

/** S0 staff: their outreach and the postings they sourced. */
const STAFF_OWN = ['outreach', 'job_postings', 'job_posting_builders', 'tasks', 'action_queue'];

const ANALYTICS = [
  'pipeline_metrics', 'activity_metrics', 'email_metrics', 'call_metrics', 'contact_metrics',
  'document_metrics', 'revenue_metrics',
];

export const DEFAULT_POLICIES: Record<string, Policy> = {
  root_admin: { resources: { '*': { '*': 'all' } } },
  admin: {
    resources: {
      '*': { '*': 'workspace' },
      // Global tables: an admin reads them; only a root admin changes what every workspace shares.
      roles: { list: 'workspace', show: 'workspace', edit: 'workspace' },
      system_settings: { list: 'workspace', show: 'workspace' },
    },
  },
  // A manager works their team's rows (members of the teams they lead or belong to).
  manager: policy(
    grant('workspace', SHARED_READ, READ),
    grant('team', [...SELLER_OWN, 'accounts', 'opportunities', 'estimates']),
    grant('team', ANALYTICS, READ),
    grant('workspace', ['sequences', 'sequence_steps', 'email_templates', 'email_campaigns']),
    grant('workspace', ['workflows', 'workflow_executions'], ['list', 'show']),
  ),
  // Sellers read the shared tables and work their own rows; accounts are shared but a rep
  // edits only the ones they own; their sequences are theirs (steps follow the sequence).
  sales_rep: policy(
    grant('workspace', SHARED_READ, READ),
    grant('own', SELLER_OWN),
    grant('own', ['accounts', 'sequences'], ['new', 'edit']),
    grant('own', ANALYTICS, READ),
  ),
  // Jobs are shared for reading; a recruiter edits the jobs assigned to them and works their
  // applications, candidates and chats.
  recruiter: policy(
    grant('workspace', SHARED_READ, READ),
    grant('own', RECRUITER_OWN),
    grant('workspace', ['jobs'], READ),
  ),
  // S0 staff: every posting is visible (they are shared with builders), own outreach and postings.
  staff: policy(
    grant('workspace', SHARED_READ, READ),
    grant('own', STAFF_OWN),
    grant('workspace', ['job_postings', 'job_posting_builders'], READ),
  ),
  // S3: office staff view and manage every lead, contact and deal of the company.
  office_staff: policy(
    grant('workspace', SHARED_READ, READ),
    grant('workspace', ['leads', 'lead_activities', 'contacts', 'accounts', 'deals', 'deal_stage_history', 'activities', 'tasks']),
    grant('own', ['action_queue']),
  ),
  // S3: project managers view and manage opportunities and their estimates.
  project_manager: policy(
    grant('workspace', SHARED_READ, READ),
    grant('workspace', ['opportunities', 'estimates', 'tasks', 'activities']),
    grant('own', ['action_queue']),
  ),
  // No panel access.
  candidate: { resources: {} },
  field_supervisor: { resources: {} },
  client_portal: { resources: {} },
  accounting: { resources: {} },
};
