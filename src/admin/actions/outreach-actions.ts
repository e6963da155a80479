/**
 * S0 daily flows in the panel. Outreach → "Log outreach" (a short form; the company is suggested
 * from the workspace's accounts) and, on an outreach, "Log job posting" (linked by outreach_id,
 * company prefilled). Job postings → "Share with builders" (several at once) and "Builder
 * progress" (each Builder's status from the posting's page). Flow 2, a posting found on a job
 * board, is the plain New form. Policy names: logOutreach, logJobPosting, shareWithBuilders,
 * builderProgress (staff hold `*` on their own outreach and postings; admins on the workspace).
 */
import type { Action, ActionResponse } from 'adminjs';
import { logOutreach, suggestCompanies } from '../../domain/outreach/log-outreach.js';
import { logPostingFromOutreach } from '../../domain/outreach/log-posting.js';
import { buildersOf, parseBuilderNames, shareWithBuilders, updateBuilderStatuses } from '../../domain/outreach/builders.js';
import { OUTREACH_CONTACT_METHODS, OUTREACH_STATUSES } from '../../models/outreach.model.js';
import { JOB_POSTING_BUILDER_STATUSES } from '../../models/job-posting-builder.model.js';
import { OutreachRuleError } from '../../domain/outreach/rule-error.js';
import { mayUse } from '../access.js';
import { component } from '../components/loader.js';
import { flowAction, requirePermission } from './flow-action.js';

type Actions = Record<string, Partial<Action<ActionResponse>>>;

export const outreachActions: Actions = {
  logOutreach: flowAction({
    actionType: 'resource',
    icon: 'PlusCircle',
    intro: 'Log an outreach to an employer: the company is suggested from your accounts as you type.',
    submit: 'Log outreach',
    fields: [
      { name: 'company_name', label: 'Company', required: true, suggest: true },
      { name: 'contact_name', label: 'Contact name' },
      { name: 'contact_title', label: 'Contact title' },
      { name: 'contact_method', label: 'Method', type: 'select', options: OUTREACH_CONTACT_METHODS },
      { name: 'outreach_date', label: 'Date', type: 'date', help: 'Today when empty' },
      { name: 'status', label: 'Status', type: 'select', options: OUTREACH_STATUSES, help: 'attempted when empty' },
      { name: 'notes', label: 'Notes', type: 'textarea' },
    ],
    load: async ({ actor }, request) => {
      const q = typeof request.query?.q === 'string' ? request.query.q : '';
      // Suggestions come from accounts: only for someone who may list them.
      const suggestions = request.query?.suggest === 'company_name' && mayUse(actor, 'accounts', 'list')
        ? await suggestCompanies(actor.workspaceId, q)
        : [];
      return { suggestions, defaults: { outreach_date: new Date().toISOString().slice(0, 10) } };
    },
    run: async ({ actor, payload }, transaction) => {
      requirePermission(actor, 'outreach', 'new', 'log outreach');
      const row = await logOutreach({
        workspaceId: actor.workspaceId, staffUserId: actor.id, companyName: payload.company_name ?? '',
        contactName: payload.contact_name, contactTitle: payload.contact_title, contactMethod: payload.contact_method,
        outreachDate: payload.outreach_date, status: payload.status, notes: payload.notes,
      }, transaction);
      const id = String(row.id);
      return {
        message: `Outreach to ${row.company_name} logged`,
        audits: [{ action: 'create', table: 'outreach', id, before: null, after: row, description: `Log outreach: outreach ${id}` }],
        redirect: { resourceId: 'outreach', recordId: id },
      };
    },
  }),

  logJobPosting: flowAction({
    actionType: 'record',
    icon: 'Briefcase',
    intro: 'The contact shared an opening: log it as a job posting linked to this outreach.',
    submit: 'Log job posting',
    fields: [
      { name: 'job_title', label: 'Job title', required: true },
      { name: 'company_name', label: 'Company', required: true },
      { name: 'job_url', label: 'Job URL', type: 'url' },
      { name: 'location', label: 'Location' },
      { name: 'salary_range', label: 'Salary range' },
      { name: 'description', label: 'Description', type: 'textarea' },
    ],
    load: async ({ record }) => ({ defaults: { company_name: record!.param('company_name') } }),
    run: async ({ actor, record, payload }, transaction) => {
      requirePermission(actor, 'job_postings', 'new', 'log a job posting');
      const workspaceId = String(record!.param('workspace_id'));
      const { posting, outreach } = await logPostingFromOutreach({
        workspaceId, outreachId: String(record!.id()), staffUserId: actor.id, jobTitle: payload.job_title ?? '',
        companyName: payload.company_name, jobUrl: payload.job_url, location: payload.location,
        salaryRange: payload.salary_range, description: payload.description,
      }, transaction);
      const id = String(posting.id);
      return {
        message: `Job posting "${posting.job_title}" logged from this outreach`,
        audits: [
          { action: 'create', table: 'job_postings', id, before: null, after: posting, description: `Log job posting from outreach ${outreach.id}` },
          ...(outreach.before.status !== outreach.after.status
            ? [{ action: 'update' as const, table: 'outreach', id: outreach.id, before: { workspace_id: workspaceId, ...outreach.before }, after: { workspace_id: workspaceId, ...outreach.after }, description: `Job posting logged: outreach ${outreach.id}` }]
            : []),
        ],
        redirect: { resourceId: 'job_postings', recordId: id },
      };
    },
  }),
};

export const jobPostingActions: Actions = {
  shareWithBuilders: flowAction({
    actionType: 'record',
    icon: 'Share2',
    intro: 'Share this posting with Builders: one name a line. A Builder who has it already is refused.',
    submit: 'Share',
    fields: [
      { name: 'builder_names', label: 'Builders (one a line)', type: 'textarea', required: true },
      { name: 'notes', label: 'Notes', type: 'textarea' },
    ],
    appliesTo: (record) => record.param('status') !== 'closed',
    run: async ({ actor, record, payload }, transaction) => {
      requirePermission(actor, 'job_posting_builders', 'new', 'share postings with Builders');
      const workspaceId = String(record!.param('workspace_id'));
      const rows = await shareWithBuilders({
        workspaceId, jobPostingId: String(record!.id()), builderNames: parseBuilderNames(payload.builder_names ?? ''), notes: payload.notes,
      }, transaction);
      return {
        message: `Shared with ${rows.length} Builder${rows.length === 1 ? '' : 's'}: ${rows.map((r) => r.builder_name).join(', ')}`,
        audits: rows.map((r) => ({
          action: 'create' as const, table: 'job_posting_builders', id: String(r.id), before: null, after: r,
          description: `Share with builders: job posting ${record!.id()}`,
        })),
      };
    },
  }),

  builderProgress: flowAction({
    actionType: 'record',
    icon: 'Users',
    intro: "Each Builder's progress on this posting.",
    submit: 'Save statuses',
    fields: [],
    component: component('OutreachBuilderProgress', 'outreach-builder-progress.jsx'),
    load: async ({ record }) => ({
      builders: await buildersOf(String(record!.param('workspace_id')), String(record!.id())),
      statuses: JOB_POSTING_BUILDER_STATUSES,
    }),
    run: async ({ actor, record, payload }, transaction) => {
      requirePermission(actor, 'job_posting_builders', 'edit', "update Builders' statuses");
      let statuses: Record<string, string>;
      try {
        statuses = JSON.parse(payload.statuses ?? '{}');
      } catch {
        throw new OutreachRuleError('Not saved: the statuses sent are not readable');
      }
      if (typeof statuses !== 'object' || statuses === null || Array.isArray(statuses)) throw new OutreachRuleError('Not saved: no Builder status given');
      const workspaceId = String(record!.param('workspace_id'));
      const changed = await updateBuilderStatuses({ workspaceId, jobPostingId: String(record!.id()), statuses }, transaction);
      return {
        message: changed.length
          ? `Updated ${changed.map((c) => `${c.builder_name}: ${c.after}`).join(', ')}`
          : 'Nothing changed',
        audits: changed.map((c) => ({
          action: 'update' as const, table: 'job_posting_builders', id: c.id,
          before: { workspace_id: workspaceId, status: c.before }, after: { workspace_id: workspaceId, status: c.after },
          description: `Builder progress: ${c.builder_name} ${c.before ?? 'none'} -> ${c.after}`,
        })),
      };
    },
  }),
};
