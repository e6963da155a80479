/**
 * The related records a show page lists under the record (issue 4 §6): an account's contacts
 * and deals, a contact's deals, activities, emails and enrollments, and so on. Each list is
 * fetched by the browser through the child resource's own list API filtered by the foreign
 * key, so the child's policy, row scope and tenancy apply exactly as on its list page: a rep
 * sees an account's deals that they own, not every deal of the account.
 */
export interface RelatedList {
  /** Child table (= AdminJS resource id). */
  resource: string;
  /** The child's column that references the parent's id. */
  via: string;
  label: string;
  /** 3–5 child columns; references are shown by their titles. */
  columns: string[];
  /** Default: the child's own list order (newest first). Chats and timelines read oldest first. */
  sort?: { sortBy: string; direction: 'asc' | 'desc' };
}

const oldestFirst = (sortBy: string) => ({ sortBy, direction: 'asc' as const });

export const RELATED: Record<string, RelatedList[]> = {
  accounts: [
    { resource: 'contacts', via: 'account_id', label: 'Contacts', columns: ['first_name', 'last_name', 'email', 'status', 'owner_id'] },
    { resource: 'deals', via: 'account_id', label: 'Deals', columns: ['title', 'stage_id', 'value', 'status', 'expected_close_date'] },
    { resource: 'activities', via: 'account_id', label: 'Activities', columns: ['subject', 'type', 'status', 'owner_id', 'created_at'] },
  ],
  contacts: [
    { resource: 'deals', via: 'contact_id', label: 'Deals', columns: ['title', 'stage_id', 'value', 'status', 'expected_close_date'] },
    { resource: 'activities', via: 'contact_id', label: 'Activities', columns: ['subject', 'type', 'status', 'owner_id', 'created_at'] },
    { resource: 'emails', via: 'contact_id', label: 'Emails', columns: ['subject', 'status', 'sent_at', 'opened_at', 'replied_at'] },
    { resource: 'sequence_enrollments', via: 'contact_id', label: 'Sequence enrollments', columns: ['sequence_id', 'status', 'current_step', 'next_email_scheduled_at'] },
    { resource: 'tasks', via: 'contact_id', label: 'Tasks', columns: ['title', 'status', 'priority', 'due_at', 'assigned_to'] },
  ],
  leads: [
    { resource: 'lead_activities', via: 'lead_id', label: 'Lead activities', columns: ['activity_type', 'page_url', 'created_at'] },
    { resource: 'activities', via: 'lead_id', label: 'Activities', columns: ['subject', 'type', 'status', 'owner_id', 'created_at'] },
    // What converting the lead made.
    { resource: 'deals', via: 'lead_id', label: 'Deals', columns: ['title', 'stage_id', 'value', 'status', 'owner_id'] },
    { resource: 'opportunities', via: 'lead_id', label: 'Opportunities', columns: ['name', 'stage', 'estimated_value', 'created_at'] },
  ],
  deals: [
    { resource: 'deal_stage_history', via: 'deal_id', label: 'Stage history', columns: ['from_stage_id', 'to_stage_id', 'moved_by', 'created_at'], sort: oldestFirst('created_at') },
    { resource: 'activities', via: 'deal_id', label: 'Activities', columns: ['subject', 'type', 'status', 'owner_id', 'created_at'] },
    { resource: 'tasks', via: 'deal_id', label: 'Tasks', columns: ['title', 'status', 'priority', 'due_at', 'assigned_to'] },
    { resource: 'documents', via: 'deal_id', label: 'Documents', columns: ['name', 'type', 'status', 'sent_at', 'signed_at'] },
  ],
  opportunities: [
    { resource: 'estimates', via: 'opportunity_id', label: 'Estimates', columns: ['estimate_number', 'status', 'total_amount', 'created_at'] },
    { resource: 'activities', via: 'opportunity_id', label: 'Activities', columns: ['subject', 'type', 'status', 'owner_id', 'created_at'] },
    { resource: 'deals', via: 'opportunity_id', label: 'Deals', columns: ['title', 'stage_id', 'value', 'status', 'owner_id'] },
  ],
  jobs: [
    // By status (the enum's order: new, screening, interview, offer, rejected, withdrawn).
    { resource: 'applications', via: 'job_id', label: 'Applications by status', columns: ['candidate_id', 'status', 'follow_up_status', 'is_recruiter_approved', 'match_score'], sort: { sortBy: 'status', direction: 'asc' } },
  ],
  applications: [
    { resource: 'application_timeline', via: 'application_id', label: 'Timeline', columns: ['previous_status', 'new_status', 'remarks', 'changed_by', 'created_at'], sort: oldestFirst('created_at') },
    { resource: 'chat_messages', via: 'application_id', label: 'Chat', columns: ['sender_type', 'message_text', 'sent_at'], sort: oldestFirst('sent_at') },
  ],
  sequences: [
    { resource: 'sequence_steps', via: 'sequence_id', label: 'Steps', columns: ['step_number', 'subject', 'delay_days'], sort: oldestFirst('step_number') },
    { resource: 'sequence_enrollments', via: 'sequence_id', label: 'Enrollments', columns: ['contact_id', 'status', 'current_step', 'next_email_scheduled_at'] },
  ],
  outreach: [
    { resource: 'job_postings', via: 'outreach_id', label: 'Job postings', columns: ['job_title', 'company_name', 'status', 'created_at'] },
  ],
  job_postings: [
    { resource: 'job_posting_builders', via: 'job_posting_id', label: 'Shared with builders', columns: ['builder_name', 'status', 'shared_date'] },
  ],
  emails: [
    { resource: 'email_events', via: 'email_id', label: 'Events', columns: ['event_type', 'link_url', 'device_type', 'created_at'] },
  ],
  pipelines: [
    { resource: 'pipeline_stages', via: 'pipeline_id', label: 'Stages', columns: ['name', 'order_index', 'probability'], sort: oldestFirst('order_index') },
  ],
  documents: [
    { resource: 'document_signatures', via: 'document_id', label: 'Signatures', columns: ['signer_name', 'signer_email', 'is_signed', 'signed_at'] },
  ],
  candidate_profiles: [
    { resource: 'candidate_work_history', via: 'profile_id', label: 'Work history', columns: ['company_name', 'job_title', 'start_date', 'end_date'] },
    // One candidate, many jobs: the profile's key is the candidate's user id.
    { resource: 'applications', via: 'candidate_id', label: 'Applications', columns: ['job_id', 'status', 'follow_up_status', 'is_recruiter_approved', 'applied_at'] },
  ],
  workflows: [
    { resource: 'workflow_executions', via: 'workflow_id', label: 'Executions', columns: ['status', 'success_count', 'failure_count', 'created_at'] },
  ],
};
