/**
 * The panel's words: readable resource names (tables are snake_case) and the login page's
 * messages for the reasons a login is refused.
 */
import type { Locale } from 'adminjs';
import { allModels } from '../models/index.js';
import { RESOURCE_TRANSLATIONS } from './resources/index.js';
import { NAV } from './resources/types.js';

const readable = (table: string) => table.charAt(0).toUpperCase() + table.slice(1).replace(/_/g, ' ');

const labels = Object.fromEntries(
  allModels.map((model) => {
    const table = model.getTableName() as string;
    return [table, readable(table)];
  }),
);

export const panelLocale: Locale = {
  language: 'en',
  availableLanguages: ['en'],
  translations: {
    en: {
      labels: {
        ...labels,
        action_queue: 'Action queue',
        email_queue: 'Email queue',
        outreach: 'Outreach',
        // Navigation group names are translation keys too; without an entry AdminJS start-cases
        // them and drops the '&' ("Security Audit").
        ...Object.fromEntries(Object.values(NAV).map(({ name }) => [name, name])),
      },
      // "Owner" rather than "Owner Id": reference columns are labelled by what they point to.
      resources: RESOURCE_TRANSLATIONS,
      components: {
        Login: {
          welcomeHeader: 'CRM Back Office',
          welcomeMessage: 'One login for outreach and job postings, recruiting, the sales CRM, pipelines, '
            + 'email sequences and campaigns, automation and analytics.',
        },
      },
      actions: {
        bulkEdit: 'Set field', export: 'Export CSV', import: 'Import CSV', revoke: 'Revoke', switchWorkspace: 'Work here',
        enrollInSequence: 'Enroll in sequence',
        sendNow: 'Send now', cancel: 'Cancel', sendTest: 'Send test email', timeline: 'Timeline',
        logOutreach: 'Log outreach', logJobPosting: 'Log job posting', shareWithBuilders: 'Share with builders',
        builderProgress: 'Builder progress', changeStatus: 'Change status', approve: 'Approve', postMessage: 'Post message',
        dismiss: 'Dismiss', convertToClient: 'Convert to client', convertLead: 'Convert lead', markWon: 'Mark won',
        markLost: 'Mark lost', sendForSignature: 'Send for signature', recordSignature: 'Record signature',
      },
      // The sidebar's Pages (src/admin/pages).
      pages: {
        myTasks: 'My tasks',
        pipelineBoard: 'Pipeline board',
        company360: 'Company 360',
        findPerson: 'Find a person',
        outreachActivity: 'Outreach activity',
        myActionQueue: 'My action queue',
        hotDrops: 'Hot drops',
      },
      messages: {
        invalidCredentials: 'Wrong e-mail or password',
        accountLocked: 'This account is locked for 15 minutes after 5 failed logins. Try again later or reset your password.',
        noPanelAccess: 'Your role has no access to this panel',
      },
    },
  },
};
