/**
 * What "own" means for each table: an SQL condition over the row with `{owner}` where the
 * owner test goes (`= '<user id>'` for own, `IN (<team member ids>)` for team). Columns are
 * written `$t.column` and qualified with the table's alias when used. A table absent from this
 * map has no owner: an `own` or `team` scope on it matches no row.
 */
export const OWNERSHIP: Record<string, string> = {
  // Sales CRM
  accounts: '$t.owner_id {owner}',
  contacts: '$t.owner_id {owner}',
  leads: '$t.owner_id {owner}',
  lead_activities: '$t.lead_id IN (SELECT id FROM leads WHERE owner_id {owner})',
  demo_requests: '$t.assigned_sales_rep {owner}',
  sales_contact_requests: '$t.assigned_to {owner}',
  sales_quotas: '$t.user_id {owner}',
  opportunities: '($t.account_manager {owner} OR $t.project_manager {owner} OR $t.estimator {owner})',
  estimates: '($t.created_by {owner} OR $t.opportunity_id IN (SELECT id FROM opportunities WHERE account_manager {owner} OR project_manager {owner}))',
  // Pipeline & deals
  deals: '$t.owner_id {owner}',
  deal_stage_history: '$t.deal_id IN (SELECT id FROM deals WHERE owner_id {owner})',
  activities: '$t.owner_id {owner}',
  tasks: '$t.assigned_to {owner}',
  documents: '$t.owner_id {owner}',
  document_signatures: '$t.document_id IN (SELECT id FROM documents WHERE owner_id {owner})',
  // Email & sequences, campaigns, automation
  email_accounts: '$t.user_id {owner}',
  sequences: '$t.created_by {owner}',
  sequence_steps: '$t.sequence_id IN (SELECT id FROM sequences WHERE created_by {owner})',
  sequence_enrollments: '$t.user_id {owner}',
  emails: '$t.owner_id {owner}',
  email_events: '$t.email_id IN (SELECT id FROM emails WHERE owner_id {owner})',
  email_queue: '$t.user_id {owner}',
  email_campaigns: '$t.created_by {owner}',
  workflows: '$t.owner_id {owner}',
  // Outreach & job postings (S0)
  outreach: '$t.staff_user_id {owner}',
  job_postings: '$t.staff_user_id {owner}',
  job_posting_builders: '$t.job_posting_id IN (SELECT id FROM job_postings WHERE staff_user_id {owner})',
  // Recruiting (S1): a recruiter owns the jobs assigned to them and what hangs off them.
  jobs: '$t.assigned_recruiter_id {owner}',
  applications: '$t.job_id IN (SELECT id FROM jobs WHERE assigned_recruiter_id {owner})',
  application_timeline:
    '$t.application_id IN (SELECT a.id FROM applications a JOIN jobs j ON j.id = a.job_id WHERE j.assigned_recruiter_id {owner})',
  chat_messages:
    '$t.application_id IN (SELECT a.id FROM applications a JOIN jobs j ON j.id = a.job_id WHERE j.assigned_recruiter_id {owner})',
  candidate_profiles:
    '($t.user_id {owner} OR $t.user_id IN (SELECT a.candidate_id FROM applications a JOIN jobs j ON j.id = a.job_id WHERE j.assigned_recruiter_id {owner}))',
  candidate_work_history:
    '$t.profile_id IN (SELECT p.user_id FROM candidate_profiles p WHERE p.user_id {owner} OR p.user_id IN (SELECT a.candidate_id FROM applications a JOIN jobs j ON j.id = a.job_id WHERE j.assigned_recruiter_id {owner}))',
  action_queue: '$t.user_id {owner}',
  // People and security: a user owns their own rows.
  users: '$t.id {owner}',
  user_roles: '$t.user_id {owner}',
  sessions: '$t.user_id {owner}',
  security_logs: '$t.user_id {owner}',
  audit_logs: '$t.user_id {owner}',
  email_preferences: '$t.user_id {owner}',
  // Analytics: a row per user or owner.
  activity_metrics: '$t.user_id {owner}',
  email_metrics: '$t.user_id {owner}',
  call_metrics: '$t.user_id {owner}',
  contact_metrics: '$t.owner_id {owner}',
  document_metrics: '$t.owner_id {owner}',
  revenue_metrics: '$t.owner_id {owner}',
};

/**
 * The column a new row's owner goes in when a user with an `own` scope creates it (so that what
 * they create is theirs and stays visible to them).
 */
export const OWNER_COLUMN: Record<string, string> = {
  accounts: 'owner_id', contacts: 'owner_id', leads: 'owner_id', deals: 'owner_id',
  activities: 'owner_id', tasks: 'assigned_to', documents: 'owner_id', emails: 'owner_id',
  email_accounts: 'user_id', sequences: 'created_by', sequence_enrollments: 'user_id',
  email_campaigns: 'created_by', workflows: 'owner_id', outreach: 'staff_user_id',
  job_postings: 'staff_user_id', jobs: 'assigned_recruiter_id', action_queue: 'user_id',
  sales_quotas: 'user_id', demo_requests: 'assigned_sales_rep', sales_contact_requests: 'assigned_to',
  estimates: 'created_by', email_queue: 'user_id',
};

/** Tables without a workspace_id: global catalogues, or the workspaces themselves. */
export const WORKSPACE_COLUMN: Record<string, string | null> = {
  workspaces: 'id',
  roles: null,
  system_settings: null,
};
