/**
 * What an area file of src/admin/resources/ declares for each of its tables: the model and how
 * the panel presents it. Access control (actions' isAccessible, row scopes, tenancy, audit) is
 * added in one place by src/admin/index.ts, so area files say nothing about who may do what,
 * except `readOnly` for tables nobody edits by hand.
 */
import type { ResourceOptions } from 'adminjs';
import type { ModelStatic, Model } from 'sequelize';

export interface ResourceSpec {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  model: ModelStatic<Model<any, any>>;
  /** Presentation only: navigation, list/filter/show/edit properties, property types, sort. */
  options: Omit<ResourceOptions, 'actions'> & {
    /** Extra non-CRUD action options (custom actions are added by src/admin/actions/). */
    actions?: ResourceOptions['actions'];
  };
  /** Metric tables, logs, sessions, executions: list/show only (no new/edit/delete). */
  readOnly?: boolean;
}

/** Navigation groups, in the order the sidebar shows them. */
export const NAV = {
  outreach: { name: 'Outreach & job postings', icon: 'Briefcase' },
  recruiting: { name: 'Recruiting', icon: 'Users' },
  sales: { name: 'Sales CRM', icon: 'UserCheck' },
  pipeline: { name: 'Pipeline & deals', icon: 'TrendingUp' },
  email: { name: 'Email & sequences', icon: 'Mail' },
  campaigns: { name: 'Campaigns', icon: 'Send' },
  automation: { name: 'Automation', icon: 'Zap' },
  analytics: { name: 'Analytics', icon: 'BarChart2' },
  security: { name: 'Security & audit', icon: 'Shield' },
  settings: { name: 'Settings', icon: 'Settings' },
} as const;
