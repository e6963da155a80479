/**
 * Every association between the models, declared here and only here. One belongsTo per foreign
 * key with its inverse hasMany/hasOne (none from Workspace: every table has one, and it adds
 * nothing); aliases come from the column (`owner_id` -> `owner`). Called once by index.ts after
 * every model is initialised.
 */
import { Account } from './account.model.js';
import { ActionQueueItem } from './action-queue-item.model.js';
import { ActivityMetric } from './activity-metric.model.js';
import { Activity } from './activity.model.js';
import { ApplicationTimelineEntry } from './application-timeline-entry.model.js';
import { Application } from './application.model.js';
import { AuditLog } from './audit-log.model.js';
import { CallMetric } from './call-metric.model.js';
import { CandidateProfile } from './candidate-profile.model.js';
import { CandidateWorkHistory } from './candidate-work-history.model.js';
import { ChatMessage } from './chat-message.model.js';
import { ContactMetric } from './contact-metric.model.js';
import { Contact } from './contact.model.js';
import { DataImport } from './data-import.model.js';
import { DealStageHistory } from './deal-stage-history.model.js';
import { Deal } from './deal.model.js';
import { DemoRequest } from './demo-request.model.js';
import { DocumentMetric } from './document-metric.model.js';
import { DocumentSignature } from './document-signature.model.js';
import { Document } from './document.model.js';
import { EmailAccount } from './email-account.model.js';
import { EmailCampaign } from './email-campaign.model.js';
import { EmailEvent } from './email-event.model.js';
import { EmailMetric } from './email-metric.model.js';
import { EmailPreference } from './email-preference.model.js';
import { EmailQueueItem } from './email-queue-item.model.js';
import { EmailTemplate } from './email-template.model.js';
import { EmailUnsubscribe } from './email-unsubscribe.model.js';
import { Email } from './email.model.js';
import { Estimate } from './estimate.model.js';
import { ExternalJobPosting } from './external-job-posting.model.js';
import { JobPostingBuilder } from './job-posting-builder.model.js';
import { JobPosting } from './job-posting.model.js';
import { Job } from './job.model.js';
import { LeadActivity } from './lead-activity.model.js';
import { LeadRoutingRule } from './lead-routing-rule.model.js';
import { Lead } from './lead.model.js';
import { Opportunity } from './opportunity.model.js';
import { Outreach } from './outreach.model.js';
import { PasswordResetToken } from './password-reset-token.model.js';
import { PipelineMetric } from './pipeline-metric.model.js';
import { PipelineStage } from './pipeline-stage.model.js';
import { Pipeline } from './pipeline.model.js';
import { RevenueMetric } from './revenue-metric.model.js';
import { Role } from './role.model.js';
import { SalesContactRequest } from './sales-contact-request.model.js';
import { SalesQuota } from './sales-quota.model.js';
import { SecurityLog } from './security-log.model.js';
import { SequenceEnrollment } from './sequence-enrollment.model.js';
import { SequenceStep } from './sequence-step.model.js';
import { Sequence } from './sequence.model.js';
import { Session } from './session.model.js';
import { SystemSetting } from './system-setting.model.js';
import { Task } from './task.model.js';
import { Team } from './team.model.js';
import { UserRole } from './user-role.model.js';
import { User } from './user.model.js';
import { WorkflowExecution } from './workflow-execution.model.js';
import { Workflow } from './workflow.model.js';
import { Workspace } from './workspace.model.js';

function associateIdentity(): void {
  // teams
  Team.belongsTo(Workspace, { as: 'workspace', foreignKey: 'workspace_id' });
  Team.belongsTo(User, { as: 'teamLead', foreignKey: 'team_lead_id' });
  User.hasMany(Team, { as: 'ledTeams', foreignKey: 'team_lead_id' });

  // users
  User.belongsTo(Workspace, { as: 'workspace', foreignKey: 'workspace_id' });
  User.belongsTo(Team, { as: 'team', foreignKey: 'team_id' });
  Team.hasMany(User, { as: 'members', foreignKey: 'team_id' });
  User.belongsTo(User, { as: 'manager', foreignKey: 'manager_id' });
  User.hasMany(User, { as: 'directReports', foreignKey: 'manager_id' });

  // user_roles: the join rows themselves, and the many-to-many through them. A role is held per
  // workspace, so the same (user, role) pair may appear once per workspace: unique: false stops
  // Sequelize from assuming a UNIQUE (user_id, role_id) that the table does not have.
  UserRole.belongsTo(Workspace, { as: 'workspace', foreignKey: 'workspace_id' });
  UserRole.belongsTo(User, { as: 'user', foreignKey: 'user_id' });
  User.hasMany(UserRole, { as: 'userRoles', foreignKey: 'user_id' });
  UserRole.belongsTo(Role, { as: 'role', foreignKey: 'role_id' });
  Role.hasMany(UserRole, { as: 'userRoles', foreignKey: 'role_id' });
  User.belongsToMany(Role, {
    through: { model: UserRole, unique: false },
    as: 'roles',
    foreignKey: 'user_id',
    otherKey: 'role_id',
  });
  Role.belongsToMany(User, {
    through: { model: UserRole, unique: false },
    as: 'users',
    foreignKey: 'role_id',
    otherKey: 'user_id',
  });

  // system_settings
  SystemSetting.belongsTo(User, { as: 'updater', foreignKey: 'updated_by' });
  User.hasMany(SystemSetting, { as: 'updatedSystemSettings', foreignKey: 'updated_by' });

  // sessions
  Session.belongsTo(Workspace, { as: 'workspace', foreignKey: 'workspace_id' });
  Session.belongsTo(User, { as: 'user', foreignKey: 'user_id' });
  User.hasMany(Session, { as: 'sessions', foreignKey: 'user_id' });

  // password_reset_tokens
  PasswordResetToken.belongsTo(Workspace, { as: 'workspace', foreignKey: 'workspace_id' });
  PasswordResetToken.belongsTo(User, { as: 'user', foreignKey: 'user_id' });
  User.hasMany(PasswordResetToken, { as: 'passwordResetTokens', foreignKey: 'user_id' });

  // security_logs
  SecurityLog.belongsTo(Workspace, { as: 'workspace', foreignKey: 'workspace_id' });
  SecurityLog.belongsTo(User, { as: 'user', foreignKey: 'user_id' });
  User.hasMany(SecurityLog, { as: 'securityLogs', foreignKey: 'user_id' });

  // audit_logs
  AuditLog.belongsTo(Workspace, { as: 'workspace', foreignKey: 'workspace_id' });
  AuditLog.belongsTo(User, { as: 'user', foreignKey: 'user_id' });
  User.hasMany(AuditLog, { as: 'auditLogs', foreignKey: 'user_id' });
}

function associateCrmPeople(): void {
  // leads
  Lead.belongsTo(Workspace, { as: 'workspace', foreignKey: 'workspace_id' });
  Lead.belongsTo(User, { as: 'owner', foreignKey: 'owner_id' });
  User.hasMany(Lead, { as: 'ownedLeads', foreignKey: 'owner_id' });
  Lead.belongsTo(User, { as: 'convertedToUser', foreignKey: 'converted_to_user_id' });
  User.hasMany(Lead, { as: 'convertedFromLeads', foreignKey: 'converted_to_user_id' });

  // lead_activities (owned by the lead)
  LeadActivity.belongsTo(Workspace, { as: 'workspace', foreignKey: 'workspace_id' });
  LeadActivity.belongsTo(Lead, { as: 'lead', foreignKey: 'lead_id' });
  Lead.hasMany(LeadActivity, { as: 'leadActivities', foreignKey: 'lead_id' });

  // demo_requests
  DemoRequest.belongsTo(Workspace, { as: 'workspace', foreignKey: 'workspace_id' });
  DemoRequest.belongsTo(Lead, { as: 'lead', foreignKey: 'lead_id' });
  Lead.hasMany(DemoRequest, { as: 'demoRequests', foreignKey: 'lead_id' });
  DemoRequest.belongsTo(User, { as: 'assignedSalesRep', foreignKey: 'assigned_sales_rep' });
  User.hasMany(DemoRequest, { as: 'assignedDemoRequests', foreignKey: 'assigned_sales_rep' });

  // sales_contact_requests
  SalesContactRequest.belongsTo(Workspace, { as: 'workspace', foreignKey: 'workspace_id' });
  SalesContactRequest.belongsTo(Lead, { as: 'lead', foreignKey: 'lead_id' });
  Lead.hasMany(SalesContactRequest, { as: 'salesContactRequests', foreignKey: 'lead_id' });
  SalesContactRequest.belongsTo(User, { as: 'assignee', foreignKey: 'assigned_to' });
  User.hasMany(SalesContactRequest, { as: 'assignedSalesContactRequests', foreignKey: 'assigned_to' });

  // lead_routing_rules
  LeadRoutingRule.belongsTo(Workspace, { as: 'workspace', foreignKey: 'workspace_id' });
  LeadRoutingRule.belongsTo(User, { as: 'assignToUser', foreignKey: 'assign_to_user_id' });
  User.hasMany(LeadRoutingRule, { as: 'leadRoutingRulesAssigningTo', foreignKey: 'assign_to_user_id' });
  LeadRoutingRule.belongsTo(User, { as: 'lastAssignedUser', foreignKey: 'last_assigned_user_id' });
  User.hasMany(LeadRoutingRule, { as: 'leadRoutingRulesLastAssigned', foreignKey: 'last_assigned_user_id' });

  // accounts
  Account.belongsTo(Workspace, { as: 'workspace', foreignKey: 'workspace_id' });
  Account.belongsTo(User, { as: 'owner', foreignKey: 'owner_id' });
  User.hasMany(Account, { as: 'ownedAccounts', foreignKey: 'owner_id' });
  Account.belongsTo(User, { as: 'accountManager', foreignKey: 'account_manager_id' });
  User.hasMany(Account, { as: 'managedAccounts', foreignKey: 'account_manager_id' });
  Account.belongsTo(Lead, { as: 'createdFromLead', foreignKey: 'created_from_lead_id' });
  Lead.hasMany(Account, { as: 'createdAccounts', foreignKey: 'created_from_lead_id' });

  // contacts
  Contact.belongsTo(Workspace, { as: 'workspace', foreignKey: 'workspace_id' });
  Contact.belongsTo(Account, { as: 'account', foreignKey: 'account_id' });
  Account.hasMany(Contact, { as: 'contacts', foreignKey: 'account_id' });
  Contact.belongsTo(User, { as: 'owner', foreignKey: 'owner_id' });
  User.hasMany(Contact, { as: 'ownedContacts', foreignKey: 'owner_id' });
  Contact.belongsTo(User, { as: 'creator', foreignKey: 'created_by' });
  User.hasMany(Contact, { as: 'createdContacts', foreignKey: 'created_by' });

  // sales_quotas
  SalesQuota.belongsTo(Workspace, { as: 'workspace', foreignKey: 'workspace_id' });
  SalesQuota.belongsTo(User, { as: 'user', foreignKey: 'user_id' });
  User.hasMany(SalesQuota, { as: 'salesQuotas', foreignKey: 'user_id' });
}

function associateSales(): void {
  // pipelines
  Pipeline.belongsTo(Workspace, { as: 'workspace', foreignKey: 'workspace_id' });

  // pipeline_stages
  PipelineStage.belongsTo(Workspace, { as: 'workspace', foreignKey: 'workspace_id' });
  PipelineStage.belongsTo(Pipeline, { as: 'pipeline', foreignKey: 'pipeline_id' });
  Pipeline.hasMany(PipelineStage, { as: 'stages', foreignKey: 'pipeline_id' });

  // opportunities
  Opportunity.belongsTo(Workspace, { as: 'workspace', foreignKey: 'workspace_id' });
  Opportunity.belongsTo(Lead, { as: 'lead', foreignKey: 'lead_id' });
  Lead.hasMany(Opportunity, { as: 'opportunities', foreignKey: 'lead_id' });
  Opportunity.belongsTo(Contact, { as: 'contact', foreignKey: 'contact_id' });
  Contact.hasMany(Opportunity, { as: 'opportunities', foreignKey: 'contact_id' });
  // The user columns carry the plain role names (S3), so the aliases must differ from them.
  Opportunity.belongsTo(User, { as: 'accountManager', foreignKey: 'account_manager' });
  User.hasMany(Opportunity, { as: 'managedOpportunities', foreignKey: 'account_manager' });
  Opportunity.belongsTo(User, { as: 'assignedEstimator', foreignKey: 'estimator' });
  User.hasMany(Opportunity, { as: 'estimatedOpportunities', foreignKey: 'estimator' });
  Opportunity.belongsTo(User, { as: 'projectManager', foreignKey: 'project_manager' });
  User.hasMany(Opportunity, { as: 'projectManagedOpportunities', foreignKey: 'project_manager' });

  // estimates
  Estimate.belongsTo(Workspace, { as: 'workspace', foreignKey: 'workspace_id' });
  Estimate.belongsTo(Opportunity, { as: 'opportunity', foreignKey: 'opportunity_id' });
  Opportunity.hasMany(Estimate, { as: 'estimates', foreignKey: 'opportunity_id' });
  Estimate.belongsTo(User, { as: 'creator', foreignKey: 'created_by' });
  User.hasMany(Estimate, { as: 'createdEstimates', foreignKey: 'created_by' });

  // deals
  Deal.belongsTo(Workspace, { as: 'workspace', foreignKey: 'workspace_id' });
  Deal.belongsTo(Pipeline, { as: 'pipeline', foreignKey: 'pipeline_id' });
  Pipeline.hasMany(Deal, { as: 'deals', foreignKey: 'pipeline_id' });
  Deal.belongsTo(PipelineStage, { as: 'stage', foreignKey: 'stage_id' });
  PipelineStage.hasMany(Deal, { as: 'deals', foreignKey: 'stage_id' });
  Deal.belongsTo(User, { as: 'owner', foreignKey: 'owner_id' });
  User.hasMany(Deal, { as: 'ownedDeals', foreignKey: 'owner_id' });
  Deal.belongsTo(User, { as: 'accountManager', foreignKey: 'account_manager_id' });
  User.hasMany(Deal, { as: 'managedDeals', foreignKey: 'account_manager_id' });
  Deal.belongsTo(Contact, { as: 'contact', foreignKey: 'contact_id' });
  Contact.hasMany(Deal, { as: 'deals', foreignKey: 'contact_id' });
  Deal.belongsTo(Account, { as: 'account', foreignKey: 'account_id' });
  Account.hasMany(Deal, { as: 'deals', foreignKey: 'account_id' });
  Deal.belongsTo(Lead, { as: 'lead', foreignKey: 'lead_id' });
  Lead.hasMany(Deal, { as: 'deals', foreignKey: 'lead_id' });
  Deal.belongsTo(Opportunity, { as: 'opportunity', foreignKey: 'opportunity_id' });
  Opportunity.hasMany(Deal, { as: 'deals', foreignKey: 'opportunity_id' });

  // deal_stage_history
  DealStageHistory.belongsTo(Workspace, { as: 'workspace', foreignKey: 'workspace_id' });
  DealStageHistory.belongsTo(Deal, { as: 'deal', foreignKey: 'deal_id' });
  Deal.hasMany(DealStageHistory, { as: 'stageHistory', foreignKey: 'deal_id' });
  DealStageHistory.belongsTo(PipelineStage, { as: 'fromStage', foreignKey: 'from_stage_id' });
  PipelineStage.hasMany(DealStageHistory, { as: 'exits', foreignKey: 'from_stage_id' });
  DealStageHistory.belongsTo(PipelineStage, { as: 'toStage', foreignKey: 'to_stage_id' });
  PipelineStage.hasMany(DealStageHistory, { as: 'entries', foreignKey: 'to_stage_id' });
  DealStageHistory.belongsTo(User, { as: 'movedBy', foreignKey: 'moved_by' });
  User.hasMany(DealStageHistory, { as: 'dealStageMoves', foreignKey: 'moved_by' });

  // documents
  Document.belongsTo(Workspace, { as: 'workspace', foreignKey: 'workspace_id' });
  Document.belongsTo(User, { as: 'owner', foreignKey: 'owner_id' });
  User.hasMany(Document, { as: 'ownedDocuments', foreignKey: 'owner_id' });
  Document.belongsTo(Contact, { as: 'contact', foreignKey: 'contact_id' });
  Contact.hasMany(Document, { as: 'documents', foreignKey: 'contact_id' });
  Document.belongsTo(Deal, { as: 'deal', foreignKey: 'deal_id' });
  Deal.hasMany(Document, { as: 'documents', foreignKey: 'deal_id' });

  // document_signatures
  DocumentSignature.belongsTo(Workspace, { as: 'workspace', foreignKey: 'workspace_id' });
  DocumentSignature.belongsTo(Document, { as: 'document', foreignKey: 'document_id' });
  Document.hasMany(DocumentSignature, { as: 'signatures', foreignKey: 'document_id' });

  // activities
  Activity.belongsTo(Workspace, { as: 'workspace', foreignKey: 'workspace_id' });
  Activity.belongsTo(User, { as: 'owner', foreignKey: 'owner_id' });
  User.hasMany(Activity, { as: 'ownedActivities', foreignKey: 'owner_id' });
  Activity.belongsTo(User, { as: 'creator', foreignKey: 'created_by' });
  User.hasMany(Activity, { as: 'createdActivities', foreignKey: 'created_by' });
  Activity.belongsTo(Contact, { as: 'contact', foreignKey: 'contact_id' });
  Contact.hasMany(Activity, { as: 'activities', foreignKey: 'contact_id' });
  Activity.belongsTo(Account, { as: 'account', foreignKey: 'account_id' });
  Account.hasMany(Activity, { as: 'activities', foreignKey: 'account_id' });
  Activity.belongsTo(Deal, { as: 'deal', foreignKey: 'deal_id' });
  Deal.hasMany(Activity, { as: 'activities', foreignKey: 'deal_id' });
  // Lead.leadActivities (S3 behavioural signals) is another table; these are CRM activities.
  Activity.belongsTo(Lead, { as: 'lead', foreignKey: 'lead_id' });
  Lead.hasMany(Activity, { as: 'activities', foreignKey: 'lead_id' });
  Activity.belongsTo(Opportunity, { as: 'opportunity', foreignKey: 'opportunity_id' });
  Opportunity.hasMany(Activity, { as: 'activities', foreignKey: 'opportunity_id' });
  Activity.belongsTo(Document, { as: 'document', foreignKey: 'document_id' });
  Document.hasMany(Activity, { as: 'activities', foreignKey: 'document_id' });

  // tasks
  Task.belongsTo(Workspace, { as: 'workspace', foreignKey: 'workspace_id' });
  Task.belongsTo(User, { as: 'assignee', foreignKey: 'assigned_to' });
  User.hasMany(Task, { as: 'assignedTasks', foreignKey: 'assigned_to' });
  Task.belongsTo(Contact, { as: 'contact', foreignKey: 'contact_id' });
  Contact.hasMany(Task, { as: 'tasks', foreignKey: 'contact_id' });
  Task.belongsTo(Account, { as: 'account', foreignKey: 'account_id' });
  Account.hasMany(Task, { as: 'tasks', foreignKey: 'account_id' });
  Task.belongsTo(Lead, { as: 'lead', foreignKey: 'lead_id' });
  Lead.hasMany(Task, { as: 'tasks', foreignKey: 'lead_id' });
  Task.belongsTo(Deal, { as: 'deal', foreignKey: 'deal_id' });
  Deal.hasMany(Task, { as: 'tasks', foreignKey: 'deal_id' });
  Task.belongsTo(Opportunity, { as: 'opportunity', foreignKey: 'opportunity_id' });
  Opportunity.hasMany(Task, { as: 'tasks', foreignKey: 'opportunity_id' });
  Task.belongsTo(PipelineStage, { as: 'pipelineStage', foreignKey: 'pipeline_stage_id' });
  PipelineStage.hasMany(Task, { as: 'createdTasks', foreignKey: 'pipeline_stage_id' });
}

function associateEmail(): void {
  // email_templates
  EmailTemplate.belongsTo(Workspace, { as: 'workspace', foreignKey: 'workspace_id' });

  // email_accounts
  EmailAccount.belongsTo(Workspace, { as: 'workspace', foreignKey: 'workspace_id' });
  EmailAccount.belongsTo(User, { as: 'user', foreignKey: 'user_id' });
  User.hasMany(EmailAccount, { as: 'emailAccounts', foreignKey: 'user_id' });

  // email_campaigns
  EmailCampaign.belongsTo(Workspace, { as: 'workspace', foreignKey: 'workspace_id' });
  EmailCampaign.belongsTo(EmailTemplate, { as: 'template', foreignKey: 'template_id' });
  EmailTemplate.hasMany(EmailCampaign, { as: 'campaigns', foreignKey: 'template_id' });
  EmailCampaign.belongsTo(User, { as: 'creator', foreignKey: 'created_by' });
  User.hasMany(EmailCampaign, { as: 'createdEmailCampaigns', foreignKey: 'created_by' });

  // sequences
  Sequence.belongsTo(Workspace, { as: 'workspace', foreignKey: 'workspace_id' });
  Sequence.belongsTo(User, { as: 'creator', foreignKey: 'created_by' });
  User.hasMany(Sequence, { as: 'createdSequences', foreignKey: 'created_by' });

  // sequence_steps
  SequenceStep.belongsTo(Workspace, { as: 'workspace', foreignKey: 'workspace_id' });
  SequenceStep.belongsTo(Sequence, { as: 'sequence', foreignKey: 'sequence_id' });
  Sequence.hasMany(SequenceStep, { as: 'steps', foreignKey: 'sequence_id' });

  // sequence_enrollments
  SequenceEnrollment.belongsTo(Workspace, { as: 'workspace', foreignKey: 'workspace_id' });
  SequenceEnrollment.belongsTo(Sequence, { as: 'sequence', foreignKey: 'sequence_id' });
  Sequence.hasMany(SequenceEnrollment, { as: 'enrollments', foreignKey: 'sequence_id' });
  SequenceEnrollment.belongsTo(Contact, { as: 'contact', foreignKey: 'contact_id' });
  Contact.hasMany(SequenceEnrollment, { as: 'sequenceEnrollments', foreignKey: 'contact_id' });
  SequenceEnrollment.belongsTo(User, { as: 'user', foreignKey: 'user_id' });
  User.hasMany(SequenceEnrollment, { as: 'managedEnrollments', foreignKey: 'user_id' });
  SequenceEnrollment.belongsTo(EmailAccount, { as: 'emailAccount', foreignKey: 'email_account_id' });
  EmailAccount.hasMany(SequenceEnrollment, { as: 'enrollments', foreignKey: 'email_account_id' });

  // emails
  Email.belongsTo(Workspace, { as: 'workspace', foreignKey: 'workspace_id' });
  Email.belongsTo(Contact, { as: 'contact', foreignKey: 'contact_id' });
  Contact.hasMany(Email, { as: 'emails', foreignKey: 'contact_id' });
  Email.belongsTo(Deal, { as: 'deal', foreignKey: 'deal_id' });
  Deal.hasMany(Email, { as: 'emails', foreignKey: 'deal_id' });
  Email.belongsTo(EmailTemplate, { as: 'template', foreignKey: 'template_id' });
  EmailTemplate.hasMany(Email, { as: 'emails', foreignKey: 'template_id' });
  Email.belongsTo(EmailCampaign, { as: 'campaign', foreignKey: 'campaign_id' });
  EmailCampaign.hasMany(Email, { as: 'emails', foreignKey: 'campaign_id' });
  Email.belongsTo(Sequence, { as: 'sequence', foreignKey: 'sequence_id' });
  Sequence.hasMany(Email, { as: 'emails', foreignKey: 'sequence_id' });
  Email.belongsTo(SequenceStep, { as: 'sequenceStep', foreignKey: 'sequence_step_id' });
  SequenceStep.hasMany(Email, { as: 'emails', foreignKey: 'sequence_step_id' });
  Email.belongsTo(SequenceEnrollment, { as: 'enrollment', foreignKey: 'enrollment_id' });
  SequenceEnrollment.hasMany(Email, { as: 'emails', foreignKey: 'enrollment_id' });
  Email.belongsTo(EmailAccount, { as: 'emailAccount', foreignKey: 'email_account_id' });
  EmailAccount.hasMany(Email, { as: 'emails', foreignKey: 'email_account_id' });
  Email.belongsTo(User, { as: 'owner', foreignKey: 'owner_id' });
  User.hasMany(Email, { as: 'sentEmails', foreignKey: 'owner_id' });
  Email.belongsTo(User, { as: 'recipientUser', foreignKey: 'recipient_user_id' });
  User.hasMany(Email, { as: 'receivedEmails', foreignKey: 'recipient_user_id' });

  // email_events
  EmailEvent.belongsTo(Workspace, { as: 'workspace', foreignKey: 'workspace_id' });
  EmailEvent.belongsTo(Email, { as: 'email', foreignKey: 'email_id' });
  Email.hasMany(EmailEvent, { as: 'events', foreignKey: 'email_id' });

  // email_queue
  EmailQueueItem.belongsTo(Workspace, { as: 'workspace', foreignKey: 'workspace_id' });
  EmailQueueItem.belongsTo(EmailCampaign, { as: 'campaign', foreignKey: 'campaign_id' });
  EmailCampaign.hasMany(EmailQueueItem, { as: 'queueItems', foreignKey: 'campaign_id' });
  EmailQueueItem.belongsTo(User, { as: 'user', foreignKey: 'user_id' });
  User.hasMany(EmailQueueItem, { as: 'emailQueueItems', foreignKey: 'user_id' });
  EmailQueueItem.belongsTo(Email, { as: 'emailSend', foreignKey: 'email_send_id' });
  Email.hasMany(EmailQueueItem, { as: 'queueItems', foreignKey: 'email_send_id' });

  // email_unsubscribes
  EmailUnsubscribe.belongsTo(Workspace, { as: 'workspace', foreignKey: 'workspace_id' });
  EmailUnsubscribe.belongsTo(User, { as: 'user', foreignKey: 'user_id' });
  User.hasMany(EmailUnsubscribe, { as: 'emailUnsubscribes', foreignKey: 'user_id' });
  EmailUnsubscribe.belongsTo(Email, { as: 'unsubscribedFromEmail', foreignKey: 'unsubscribed_from_email_id' });
  Email.hasMany(EmailUnsubscribe, { as: 'unsubscribes', foreignKey: 'unsubscribed_from_email_id' });

  // email_preferences
  EmailPreference.belongsTo(Workspace, { as: 'workspace', foreignKey: 'workspace_id' });
  EmailPreference.belongsTo(User, { as: 'user', foreignKey: 'user_id' });
  User.hasMany(EmailPreference, { as: 'emailPreferences', foreignKey: 'user_id' });
  EmailPreference.belongsTo(Contact, { as: 'contact', foreignKey: 'contact_id' });
  Contact.hasMany(EmailPreference, { as: 'emailPreferences', foreignKey: 'contact_id' });
}

function associateAutomation(): void {
  // workflows
  Workflow.belongsTo(Workspace, { as: 'workspace', foreignKey: 'workspace_id' });
  Workflow.belongsTo(User, { as: 'owner', foreignKey: 'owner_id' });
  User.hasMany(Workflow, { as: 'ownedWorkflows', foreignKey: 'owner_id' });

  // workflow_executions
  WorkflowExecution.belongsTo(Workspace, { as: 'workspace', foreignKey: 'workspace_id' });
  WorkflowExecution.belongsTo(Workflow, { as: 'workflow', foreignKey: 'workflow_id' });
  Workflow.hasMany(WorkflowExecution, { as: 'executions', foreignKey: 'workflow_id' });

  // tasks created by a workflow
  Task.belongsTo(Workflow, { as: 'workflow', foreignKey: 'workflow_id' });
  Workflow.hasMany(Task, { as: 'createdTasks', foreignKey: 'workflow_id' });

  // pipeline_metrics
  PipelineMetric.belongsTo(Workspace, { as: 'workspace', foreignKey: 'workspace_id' });
  PipelineMetric.belongsTo(Pipeline, { as: 'pipeline', foreignKey: 'pipeline_id' });
  Pipeline.hasMany(PipelineMetric, { as: 'pipelineMetrics', foreignKey: 'pipeline_id' });
  PipelineMetric.belongsTo(PipelineStage, { as: 'stage', foreignKey: 'stage_id' });
  PipelineStage.hasMany(PipelineMetric, { as: 'pipelineMetrics', foreignKey: 'stage_id' });

  // activity_metrics
  ActivityMetric.belongsTo(Workspace, { as: 'workspace', foreignKey: 'workspace_id' });
  ActivityMetric.belongsTo(User, { as: 'user', foreignKey: 'user_id' });
  User.hasMany(ActivityMetric, { as: 'activityMetrics', foreignKey: 'user_id' });

  // email_metrics
  EmailMetric.belongsTo(Workspace, { as: 'workspace', foreignKey: 'workspace_id' });
  EmailMetric.belongsTo(EmailCampaign, { as: 'campaign', foreignKey: 'campaign_id' });
  EmailCampaign.hasMany(EmailMetric, { as: 'emailMetrics', foreignKey: 'campaign_id' });
  EmailMetric.belongsTo(EmailTemplate, { as: 'template', foreignKey: 'template_id' });
  EmailTemplate.hasMany(EmailMetric, { as: 'emailMetrics', foreignKey: 'template_id' });
  EmailMetric.belongsTo(User, { as: 'user', foreignKey: 'user_id' });
  User.hasMany(EmailMetric, { as: 'emailMetrics', foreignKey: 'user_id' });

  // call_metrics
  CallMetric.belongsTo(Workspace, { as: 'workspace', foreignKey: 'workspace_id' });
  CallMetric.belongsTo(User, { as: 'user', foreignKey: 'user_id' });
  User.hasMany(CallMetric, { as: 'callMetrics', foreignKey: 'user_id' });

  // contact_metrics
  ContactMetric.belongsTo(Workspace, { as: 'workspace', foreignKey: 'workspace_id' });
  ContactMetric.belongsTo(User, { as: 'owner', foreignKey: 'owner_id' });
  User.hasMany(ContactMetric, { as: 'contactMetrics', foreignKey: 'owner_id' });

  // document_metrics
  DocumentMetric.belongsTo(Workspace, { as: 'workspace', foreignKey: 'workspace_id' });
  DocumentMetric.belongsTo(User, { as: 'owner', foreignKey: 'owner_id' });
  User.hasMany(DocumentMetric, { as: 'documentMetrics', foreignKey: 'owner_id' });

  // revenue_metrics
  RevenueMetric.belongsTo(Workspace, { as: 'workspace', foreignKey: 'workspace_id' });
  RevenueMetric.belongsTo(Pipeline, { as: 'pipeline', foreignKey: 'pipeline_id' });
  Pipeline.hasMany(RevenueMetric, { as: 'revenueMetrics', foreignKey: 'pipeline_id' });
  RevenueMetric.belongsTo(User, { as: 'owner', foreignKey: 'owner_id' });
  User.hasMany(RevenueMetric, { as: 'revenueMetrics', foreignKey: 'owner_id' });
  RevenueMetric.belongsTo(Team, { as: 'team', foreignKey: 'team_id' });
  Team.hasMany(RevenueMetric, { as: 'revenueMetrics', foreignKey: 'team_id' });
}

function associateRecruiting(): void {
  // outreach (S0)
  Outreach.belongsTo(Workspace, { as: 'workspace', foreignKey: 'workspace_id' });
  Outreach.belongsTo(User, { as: 'staffUser', foreignKey: 'staff_user_id' });
  User.hasMany(Outreach, { as: 'outreachRecords', foreignKey: 'staff_user_id' });

  // job_postings (S0)
  JobPosting.belongsTo(Workspace, { as: 'workspace', foreignKey: 'workspace_id' });
  JobPosting.belongsTo(User, { as: 'staffUser', foreignKey: 'staff_user_id' });
  User.hasMany(JobPosting, { as: 'sourcedJobPostings', foreignKey: 'staff_user_id' });
  JobPosting.belongsTo(Outreach, { as: 'outreach', foreignKey: 'outreach_id' });
  Outreach.hasMany(JobPosting, { as: 'jobPostings', foreignKey: 'outreach_id' });

  // job_posting_builders (S0)
  JobPostingBuilder.belongsTo(Workspace, { as: 'workspace', foreignKey: 'workspace_id' });
  JobPostingBuilder.belongsTo(JobPosting, { as: 'jobPosting', foreignKey: 'job_posting_id' });
  JobPosting.hasMany(JobPostingBuilder, { as: 'builders', foreignKey: 'job_posting_id' });

  // external_job_postings (S1)
  ExternalJobPosting.belongsTo(Workspace, { as: 'workspace', foreignKey: 'workspace_id' });

  // jobs (S1)
  Job.belongsTo(Workspace, { as: 'workspace', foreignKey: 'workspace_id' });
  Job.belongsTo(Account, { as: 'client', foreignKey: 'client_id' });
  Account.hasMany(Job, { as: 'jobs', foreignKey: 'client_id' });
  Job.belongsTo(User, { as: 'assignedRecruiter', foreignKey: 'assigned_recruiter_id' });
  User.hasMany(Job, { as: 'assignedJobs', foreignKey: 'assigned_recruiter_id' });

  // candidate_profiles (S1): one user, one profile
  CandidateProfile.belongsTo(Workspace, { as: 'workspace', foreignKey: 'workspace_id' });
  CandidateProfile.belongsTo(User, { as: 'user', foreignKey: 'user_id' });
  User.hasOne(CandidateProfile, { as: 'candidateProfile', foreignKey: 'user_id' });

  // candidate_work_history (S1): keyed to the profile's primary key, user_id
  CandidateWorkHistory.belongsTo(Workspace, { as: 'workspace', foreignKey: 'workspace_id' });
  CandidateWorkHistory.belongsTo(CandidateProfile, { as: 'profile', foreignKey: 'profile_id', targetKey: 'user_id' });
  CandidateProfile.hasMany(CandidateWorkHistory, { as: 'workHistory', foreignKey: 'profile_id', sourceKey: 'user_id' });

  // applications (S1)
  Application.belongsTo(Workspace, { as: 'workspace', foreignKey: 'workspace_id' });
  Application.belongsTo(Job, { as: 'job', foreignKey: 'job_id' });
  Job.hasMany(Application, { as: 'applications', foreignKey: 'job_id' });
  Application.belongsTo(User, { as: 'candidate', foreignKey: 'candidate_id' });
  User.hasMany(Application, { as: 'candidateApplications', foreignKey: 'candidate_id' });

  // application_timeline (S1)
  ApplicationTimelineEntry.belongsTo(Workspace, { as: 'workspace', foreignKey: 'workspace_id' });
  ApplicationTimelineEntry.belongsTo(Application, { as: 'application', foreignKey: 'application_id' });
  Application.hasMany(ApplicationTimelineEntry, { as: 'timeline', foreignKey: 'application_id' });
  ApplicationTimelineEntry.belongsTo(User, { as: 'changedBy', foreignKey: 'changed_by' });
  User.hasMany(ApplicationTimelineEntry, { as: 'applicationTimelineChanges', foreignKey: 'changed_by' });

  // action_queue (S1)
  ActionQueueItem.belongsTo(Workspace, { as: 'workspace', foreignKey: 'workspace_id' });
  ActionQueueItem.belongsTo(User, { as: 'user', foreignKey: 'user_id' });
  User.hasMany(ActionQueueItem, { as: 'actionQueueItems', foreignKey: 'user_id' });
  ActionQueueItem.belongsTo(Job, { as: 'relatedJob', foreignKey: 'related_job_id' });
  Job.hasMany(ActionQueueItem, { as: 'actionQueueItems', foreignKey: 'related_job_id' });
  ActionQueueItem.belongsTo(User, { as: 'relatedCandidate', foreignKey: 'related_candidate_id' });
  User.hasMany(ActionQueueItem, { as: 'candidateActionQueueItems', foreignKey: 'related_candidate_id' });

  // chat_messages (S1)
  ChatMessage.belongsTo(Workspace, { as: 'workspace', foreignKey: 'workspace_id' });
  ChatMessage.belongsTo(Application, { as: 'application', foreignKey: 'application_id' });
  Application.hasMany(ChatMessage, { as: 'chatMessages', foreignKey: 'application_id' });
}

function associateImports(): void {
  // data_imports (product bookkeeping: CSV imports and their reports)
  DataImport.belongsTo(Workspace, { as: 'workspace', foreignKey: 'workspace_id' });
  DataImport.belongsTo(User, { as: 'user', foreignKey: 'user_id' });
  User.hasMany(DataImport, { as: 'dataImports', foreignKey: 'user_id' });
}

/** Declares every association; call once, after every model is initialised. */
export function associateModels(): void {
  associateIdentity(); // Identity and security
  associateCrmPeople(); // Accounts, contacts and leads
  associateSales(); // Pipelines, deals, activities, tasks, documents
  associateEmail(); // Email, sequences and campaigns
  associateAutomation(); // Workflows and metrics
  associateRecruiting(); // Outreach (S0) and recruiting (S1)
  associateImports(); // CSV imports
}
