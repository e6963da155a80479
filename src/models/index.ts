/**
 * Binds every model to the application's Sequelize instance, then declares the associations
 * (associations.ts, the one place for them). Import models from here.
 */
import type { Model, ModelStatic, Sequelize } from 'sequelize';
import { sequelize } from '../db.js';
import { associateModels } from './associations.js';
import { Workspace, initWorkspace } from './workspace.model.js';
import { Role, initRole } from './role.model.js';
import { Team, initTeam } from './team.model.js';
import { User, initUser } from './user.model.js';
import { UserRole, initUserRole } from './user-role.model.js';
import { SystemSetting, initSystemSetting } from './system-setting.model.js';
import { Session, initSession } from './session.model.js';
import { PasswordResetToken, initPasswordResetToken } from './password-reset-token.model.js';
import { SecurityLog, initSecurityLog } from './security-log.model.js';
import { AuditLog, initAuditLog } from './audit-log.model.js';
import { Lead, initLead } from './lead.model.js';
import { Account, initAccount } from './account.model.js';
import { Contact, initContact } from './contact.model.js';
import { LeadActivity, initLeadActivity } from './lead-activity.model.js';
import { DemoRequest, initDemoRequest } from './demo-request.model.js';
import { SalesContactRequest, initSalesContactRequest } from './sales-contact-request.model.js';
import { LeadRoutingRule, initLeadRoutingRule } from './lead-routing-rule.model.js';
import { SalesQuota, initSalesQuota } from './sales-quota.model.js';
import { Pipeline, initPipeline } from './pipeline.model.js';
import { PipelineStage, initPipelineStage } from './pipeline-stage.model.js';
import { Opportunity, initOpportunity } from './opportunity.model.js';
import { Estimate, initEstimate } from './estimate.model.js';
import { Deal, initDeal } from './deal.model.js';
import { DealStageHistory, initDealStageHistory } from './deal-stage-history.model.js';
import { Document, initDocument } from './document.model.js';
import { DocumentSignature, initDocumentSignature } from './document-signature.model.js';
import { Activity, initActivity } from './activity.model.js';
import { Task, initTask } from './task.model.js';
import { EmailTemplate, initEmailTemplate } from './email-template.model.js';
import { EmailAccount, initEmailAccount } from './email-account.model.js';
import { EmailCampaign, initEmailCampaign } from './email-campaign.model.js';
import { Sequence, initSequence } from './sequence.model.js';
import { SequenceStep, initSequenceStep } from './sequence-step.model.js';
import { SequenceEnrollment, initSequenceEnrollment } from './sequence-enrollment.model.js';
import { Email, initEmail } from './email.model.js';
import { EmailEvent, initEmailEvent } from './email-event.model.js';
import { EmailQueueItem, initEmailQueueItem } from './email-queue-item.model.js';
import { EmailUnsubscribe, initEmailUnsubscribe } from './email-unsubscribe.model.js';
import { EmailPreference, initEmailPreference } from './email-preference.model.js';
import { Workflow, initWorkflow } from './workflow.model.js';
import { WorkflowExecution, initWorkflowExecution } from './workflow-execution.model.js';
import { PipelineMetric, initPipelineMetric } from './pipeline-metric.model.js';
import { ActivityMetric, initActivityMetric } from './activity-metric.model.js';
import { EmailMetric, initEmailMetric } from './email-metric.model.js';
import { CallMetric, initCallMetric } from './call-metric.model.js';
import { ContactMetric, initContactMetric } from './contact-metric.model.js';
import { DocumentMetric, initDocumentMetric } from './document-metric.model.js';
import { RevenueMetric, initRevenueMetric } from './revenue-metric.model.js';
import { Outreach, initOutreach } from './outreach.model.js';
import { JobPosting, initJobPosting } from './job-posting.model.js';
import { JobPostingBuilder, initJobPostingBuilder } from './job-posting-builder.model.js';
import { ExternalJobPosting, initExternalJobPosting } from './external-job-posting.model.js';
import { Job, initJob } from './job.model.js';
import { CandidateProfile, initCandidateProfile } from './candidate-profile.model.js';
import { CandidateWorkHistory, initCandidateWorkHistory } from './candidate-work-history.model.js';
import { Application, initApplication } from './application.model.js';
import { ApplicationTimelineEntry, initApplicationTimelineEntry } from './application-timeline-entry.model.js';
import { ActionQueueItem, initActionQueueItem } from './action-queue-item.model.js';
import { ChatMessage, initChatMessage } from './chat-message.model.js';
import { DataImport, initDataImport } from './data-import.model.js';
import { DomainEventRow, initDomainEventRow } from './domain-event.model.js';

export {
  Workspace,
  Role,
  Team,
  User,
  UserRole,
  SystemSetting,
  Session,
  PasswordResetToken,
  SecurityLog,
  AuditLog,
  Lead,
  Account,
  Contact,
  LeadActivity,
  DemoRequest,
  SalesContactRequest,
  LeadRoutingRule,
  SalesQuota,
  Pipeline,
  PipelineStage,
  Opportunity,
  Estimate,
  Deal,
  DealStageHistory,
  Document,
  DocumentSignature,
  Activity,
  Task,
  EmailTemplate,
  EmailAccount,
  EmailCampaign,
  Sequence,
  SequenceStep,
  SequenceEnrollment,
  Email,
  EmailEvent,
  EmailQueueItem,
  EmailUnsubscribe,
  EmailPreference,
  Workflow,
  WorkflowExecution,
  PipelineMetric,
  ActivityMetric,
  EmailMetric,
  CallMetric,
  ContactMetric,
  DocumentMetric,
  RevenueMetric,
  Outreach,
  JobPosting,
  JobPostingBuilder,
  ExternalJobPosting,
  Job,
  CandidateProfile,
  CandidateWorkHistory,
  Application,
  ApplicationTimelineEntry,
  ActionQueueItem,
  ChatMessage,
  DataImport,
  DomainEventRow,
};

// In table-creation order (migrations), so parents come before children.
const initializers = [
  initWorkspace,
  initRole,
  initTeam,
  initUser,
  initUserRole,
  initSystemSetting,
  initSession,
  initPasswordResetToken,
  initSecurityLog,
  initAuditLog,
  initLead,
  initAccount,
  initContact,
  initLeadActivity,
  initDemoRequest,
  initSalesContactRequest,
  initLeadRoutingRule,
  initSalesQuota,
  initPipeline,
  initPipelineStage,
  initOpportunity,
  initEstimate,
  initDeal,
  initDealStageHistory,
  initDocument,
  initDocumentSignature,
  initActivity,
  initTask,
  initEmailTemplate,
  initEmailAccount,
  initEmailCampaign,
  initSequence,
  initSequenceStep,
  initSequenceEnrollment,
  initEmail,
  initEmailEvent,
  initEmailQueueItem,
  initEmailUnsubscribe,
  initEmailPreference,
  initWorkflow,
  initWorkflowExecution,
  initPipelineMetric,
  initActivityMetric,
  initEmailMetric,
  initCallMetric,
  initContactMetric,
  initDocumentMetric,
  initRevenueMetric,
  initOutreach,
  initJobPosting,
  initJobPostingBuilder,
  initExternalJobPosting,
  initJob,
  initCandidateProfile,
  initCandidateWorkHistory,
  initApplication,
  initApplicationTimelineEntry,
  initActionQueueItem,
  initChatMessage,
  initDataImport,
  initDomainEventRow,
];

let initialized: ModelStatic<Model>[] | undefined;

/** Initialises every model on `target` and declares the associations (once per process). */
export function initModels(target: Sequelize): ModelStatic<Model>[] {
  if (initialized) return initialized;
  initialized = initializers.map((init) => init(target) as unknown as ModelStatic<Model>);
  associateModels();
  return initialized;
}

/** Every model, in table-creation order. */
export const allModels = initModels(sequelize);
