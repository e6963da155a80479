/** Sales CRM: accounts, contacts, leads and what feeds them (S1, S2, S3, S4). */
import {
  Account,
  Contact,
  DemoRequest,
  Estimate,
  Lead,
  LeadActivity,
  LeadRoutingRule,
  Opportunity,
  SalesContactRequest,
  SalesQuota,
} from '../../models/index.js';
import { ACCOUNT_STATUSES } from '../../models/account.model.js';
import {
  CONTACT_PREFERRED_CONTACT_METHODS,
  CONTACT_RELATIONSHIP_STATUSES,
  CONTACT_SOURCES,
  CONTACT_STATUSES,
  CONTACT_TYPES,
} from '../../models/contact.model.js';
import {
  LEAD_INTEREST_TYPES,
  LEAD_PRIORITIES,
  LEAD_SERVICE_TYPES,
  LEAD_SOURCES,
  LEAD_STATUSES,
} from '../../models/lead.model.js';
import { LEAD_ACTIVITY_TYPES } from '../../models/lead-activity.model.js';
import { DEMO_REQUEST_STATUSES, DEMO_TYPES } from '../../models/demo-request.model.js';
import {
  SALES_CONTACT_REQUEST_INQUIRY_TYPES,
  SALES_CONTACT_REQUEST_STATUSES,
  SALES_CONTACT_REQUEST_TIMELINES,
} from '../../models/sales-contact-request.model.js';
import { LEAD_ROUTING_RULE_SET_PRIORITIES } from '../../models/lead-routing-rule.model.js';
import { SALES_QUOTA_PERIODS } from '../../models/sales-quota.model.js';
import { DEAL_TYPES } from '../../models/deal.model.js';
import { OPPORTUNITY_RISK_LEVELS, OPPORTUNITY_STAGES } from '../../models/opportunity.model.js';
import { ESTIMATE_STATUS_SUGGESTIONS } from '../../models/estimate.model.js';
import {
  enumProperty,
  jsonText,
  keyValue,
  longText,
  money,
  newestFirst,
  prop,
  stringArray,
  title,
  SYSTEM_COLUMNS,
} from './labels.js';
import { NAV, type ResourceSpec } from './types.js';
import { attainmentAfterList, attainmentAfterShow, attainmentComponents } from '../actions/quota-attainment.js';
import { convertedOnlyByConversion } from '../actions/convert-lead.js';

const ACCOUNT_EDIT = [
  'name', 'domain', 'website', 'industry', 'employee_count', 'annual_revenue', 'status', 'owner_id',
  'account_manager_id', 'phone', 'address', 'billing_address', 'city', 'state', 'postal_code', 'country',
  'contract_start_date', 'contract_end_date', 'description', 'corporate_identity', 'custom_fields',
];

const CONTACT_EDIT = [
  'first_name', 'last_name', 'email', 'phone', 'mobile', 'title', 'department', 'account_id', 'company_name',
  'status', 'source', 'contact_type', 'relationship_status', 'owner_id', 'lead_score', 'tags',
  'preferred_contact_method', 'timezone', 'next_contact_date', 'website', 'linkedin_url', 'twitter_handle',
  'address_line1', 'address_line2', 'city', 'state', 'postal_code', 'country', 'birthday', 'anniversary',
  'unsubscribed', 'bounced', 'notes', 'custom_fields',
];

const LEAD_EDIT = [
  'company_name', 'first_name', 'last_name', 'email', 'phone', 'job_title', 'status', 'priority', 'source',
  'owner_id', 'service_type', 'interest_type', 'estimated_value', 'probability', 'expected_close_date',
  'next_follow_up', 'tags', 'notes',
];

const OPPORTUNITY_EDIT = [
  'name', 'stage', 'description', 'project_type', 'lead_id', 'contact_id', 'estimated_value', 'actual_value',
  'probability_percent', 'pipeline_position', 'expected_close_date', 'account_manager', 'estimator',
  'project_manager', 'bid_required', 'bid_due_date', 'proposal_sent_date', 'contract_signed_date', 'close_date',
  'close_reason', 'risk_level', 'risk_factors', 'mitigation_strategies', 'competitor_names',
  'our_competitive_advantage', 'key_decision_factors', 'tags', 'notes',
];

export const salesResources: ResourceSpec[] = [
  {
    model: Account,
    options: {
      navigation: NAV.sales,
      titleProperty: 'name',
      sort: newestFirst,
      listProperties: ['name', 'industry', 'status', 'owner_id', 'country', 'annual_revenue', 'created_at'],
      filterProperties: [
        'name', 'status', 'industry', 'owner_id', 'account_manager_id', 'domain', 'country', 'contract_end_date',
        'created_at',
      ],
      editProperties: ACCOUNT_EDIT,
      showProperties: [...ACCOUNT_EDIT, 'created_from_lead_id', ...SYSTEM_COLUMNS],
      properties: {
        name: title,
        status: enumProperty(ACCOUNT_STATUSES),
        annual_revenue: money,
        address: longText,
        billing_address: longText,
        description: longText,
        corporate_identity: keyValue,
        custom_fields: keyValue,
      },
    },
  },
  {
    model: Contact,
    options: {
      navigation: NAV.sales,
      // No full-name column (first and last name are optional; e-mail is unique per workspace).
      titleProperty: 'email',
      sort: newestFirst,
      listProperties: ['first_name', 'last_name', 'email', 'company_name', 'status', 'owner_id', 'last_contacted_at'],
      filterProperties: [
        'email', 'first_name', 'last_name', 'company_name', 'account_id', 'status', 'source', 'contact_type',
        'owner_id', 'unsubscribed', 'bounced', 'last_contacted_at', 'created_at',
      ],
      editProperties: CONTACT_EDIT,
      showProperties: [...CONTACT_EDIT, 'last_contacted_at', 'unsubscribed_at', 'created_by', ...SYSTEM_COLUMNS],
      properties: {
        email: title,
        status: enumProperty(CONTACT_STATUSES),
        source: enumProperty(CONTACT_SOURCES),
        contact_type: enumProperty(CONTACT_TYPES),
        relationship_status: enumProperty(CONTACT_RELATIONSHIP_STATUSES),
        preferred_contact_method: enumProperty(CONTACT_PREFERRED_CONTACT_METHODS),
        tags: stringArray,
        notes: longText,
        custom_fields: keyValue,
      },
    },
  },
  {
    model: Lead,
    options: {
      navigation: NAV.sales,
      // Leads are companies (S1) or people at one (S3); company_name reads best in links.
      titleProperty: 'company_name',
      sort: newestFirst,
      listProperties: ['company_name', 'first_name', 'last_name', 'email', 'status', 'priority', 'lead_score', 'owner_id'],
      filterProperties: [
        'status', 'priority', 'source', 'owner_id', 'service_type', 'interest_type', 'requested_demo',
        'requested_sales_contact', 'company_name', 'email', 'next_follow_up', 'expected_close_date', 'created_at',
      ],
      editProperties: LEAD_EDIT,
      showProperties: [
        ...LEAD_EDIT,
        // Kept by lead tracking and conversion, not typed in.
        'lead_score', 'requested_demo', 'requested_sales_contact', 'downloaded_resource', 'viewed_pricing',
        'started_signup', 'first_seen_at', 'last_activity_at', 'converted_to_user_id', 'conversion_value',
        'utm_source', 'utm_medium', 'utm_campaign', 'utm_content', 'utm_term', 'landing_page', 'referrer',
        ...SYSTEM_COLUMNS,
      ],
      properties: {
        company_name: title,
        status: enumProperty(LEAD_STATUSES),
        priority: enumProperty(LEAD_PRIORITIES),
        source: enumProperty(LEAD_SOURCES),
        service_type: enumProperty(LEAD_SERVICE_TYPES),
        interest_type: enumProperty(LEAD_INTEREST_TYPES),
        estimated_value: money,
        conversion_value: money,
        tags: stringArray,
        notes: longText,
      },
      // "converted" is set by the convert actions, which create what it stands for.
      actions: { new: { before: convertedOnlyByConversion }, edit: { before: convertedOnlyByConversion } },
    },
  },
  {
    model: LeadActivity,
    // Web and e-mail tracking events that score the lead: recorded, never typed in.
    readOnly: true,
    options: {
      navigation: NAV.sales,
      titleProperty: 'activity_type',
      sort: newestFirst,
      listProperties: ['activity_type', 'lead_id', 'page_url', 'country', 'city', 'created_at'],
      filterProperties: ['lead_id', 'activity_type', 'country', 'created_at'],
      showProperties: [
        'lead_id', 'activity_type', 'activity_data', 'page_url', 'ip_address', 'user_agent', 'country', 'city',
        ...SYSTEM_COLUMNS,
      ],
      properties: {
        activity_type: prop(title, enumProperty(LEAD_ACTIVITY_TYPES)),
        activity_data: keyValue,
      },
    },
  },
  {
    model: DemoRequest,
    options: {
      navigation: NAV.sales,
      titleProperty: 'email',
      sort: newestFirst,
      listProperties: [
        'email', 'company_name', 'demo_type', 'status', 'preferred_date', 'scheduled_at', 'assigned_sales_rep',
        'created_at',
      ],
      filterProperties: [
        'status', 'demo_type', 'assigned_sales_rep', 'email', 'company_name', 'converted_to_paid', 'preferred_date',
        'scheduled_at', 'created_at',
      ],
      editProperties: [
        'email', 'first_name', 'last_name', 'company_name', 'phone', 'lead_id', 'demo_type', 'preferred_date',
        'preferred_time', 'timezone', 'message', 'status', 'assigned_sales_rep', 'scheduled_at', 'meeting_url',
        'calendar_event_id', 'completed_at', 'cancelled_at', 'cancellation_reason', 'follow_up_sent',
        'follow_up_sent_at', 'converted_to_paid', 'converted_at',
      ],
      showProperties: [
        'email', 'first_name', 'last_name', 'company_name', 'phone', 'lead_id', 'demo_type', 'preferred_date',
        'preferred_time', 'timezone', 'message', 'status', 'assigned_sales_rep', 'scheduled_at', 'meeting_url',
        'calendar_event_id', 'completed_at', 'cancelled_at', 'cancellation_reason', 'follow_up_sent',
        'follow_up_sent_at', 'converted_to_paid', 'converted_at', ...SYSTEM_COLUMNS,
      ],
      properties: {
        email: title,
        demo_type: enumProperty(DEMO_TYPES),
        status: enumProperty(DEMO_REQUEST_STATUSES),
        message: longText,
        cancellation_reason: longText,
      },
    },
  },
  {
    model: SalesContactRequest,
    options: {
      navigation: NAV.sales,
      titleProperty: 'email',
      sort: newestFirst,
      listProperties: ['email', 'company_name', 'inquiry_type', 'timeline', 'status', 'assigned_to', 'created_at'],
      filterProperties: ['status', 'inquiry_type', 'timeline', 'assigned_to', 'email', 'company_name', 'created_at'],
      editProperties: [
        'email', 'first_name', 'last_name', 'company_name', 'phone', 'lead_id', 'inquiry_type', 'estimated_budget',
        'timeline', 'message', 'status', 'assigned_to', 'assigned_at', 'contacted_at', 'notes',
      ],
      showProperties: [
        'email', 'first_name', 'last_name', 'company_name', 'phone', 'lead_id', 'inquiry_type', 'estimated_budget',
        'timeline', 'message', 'status', 'assigned_to', 'assigned_at', 'contacted_at', 'notes', ...SYSTEM_COLUMNS,
      ],
      properties: {
        email: title,
        inquiry_type: enumProperty(SALES_CONTACT_REQUEST_INQUIRY_TYPES),
        timeline: enumProperty(SALES_CONTACT_REQUEST_TIMELINES),
        status: enumProperty(SALES_CONTACT_REQUEST_STATUSES),
        message: longText,
        notes: longText,
      },
    },
  },
  {
    model: LeadRoutingRule,
    options: {
      navigation: NAV.sales,
      titleProperty: 'name',
      // Rules are evaluated by priority, highest first: list them in that order.
      sort: { sortBy: 'priority', direction: 'desc' },
      listProperties: [
        'name', 'priority', 'is_active', 'assign_to_user_id', 'assign_to_team', 'set_priority', 'use_round_robin',
      ],
      filterProperties: ['name', 'is_active', 'assign_to_user_id', 'assign_to_team', 'set_priority', 'use_round_robin'],
      editProperties: [
        'name', 'description', 'priority', 'is_active', 'conditions', 'assign_to_user_id', 'assign_to_team',
        'use_round_robin', 'round_robin_users', 'set_priority', 'add_tags', 'auto_create_tasks',
      ],
      showProperties: [
        'name', 'description', 'priority', 'is_active', 'conditions', 'assign_to_user_id', 'assign_to_team',
        'use_round_robin', 'round_robin_users', 'last_assigned_user_id', 'set_priority', 'add_tags',
        'auto_create_tasks', ...SYSTEM_COLUMNS,
      ],
      properties: {
        name: title,
        description: longText,
        set_priority: enumProperty(LEAD_ROUTING_RULE_SET_PRIORITIES),
        conditions: jsonText,
        auto_create_tasks: jsonText,
        add_tags: stringArray,
        // UUID[] of users: an array of user pickers, each shown as a link.
        round_robin_users: prop(stringArray, { type: 'reference', reference: 'users' }),
      },
    },
  },
  {
    model: SalesQuota,
    options: {
      navigation: NAV.sales,
      // No name column: the period start identifies the quota next to its rep.
      titleProperty: 'start_date',
      sort: newestFirst,
      listProperties: ['user_id', 'quota_period', 'start_date', 'end_date', 'revenue_target', 'deals_target', 'is_active'],
      filterProperties: ['user_id', 'quota_period', 'is_active', 'territory', 'start_date', 'end_date'],
      editProperties: [
        'user_id', 'quota_period', 'start_date', 'end_date', 'revenue_target', 'deals_target', 'calls_target',
        'meetings_target', 'territory', 'deal_types', 'is_active',
      ],
      showProperties: [
        'user_id', 'quota_period', 'start_date', 'end_date', 'revenue_target', 'deals_target', 'calls_target',
        'meetings_target', 'territory', 'deal_types', 'is_active', ...SYSTEM_COLUMNS,
      ],
      properties: {
        start_date: title,
        quota_period: enumProperty(SALES_QUOTA_PERIODS),
        // Shown with the attainment of the period (revenue, deals, calls, meetings against the targets),
        // computed on read by the list and show hooks below.
        revenue_target: prop(money, attainmentComponents),
        deal_types: prop(stringArray, enumProperty(DEAL_TYPES)),
      },
      actions: { show: { after: attainmentAfterShow }, list: { after: attainmentAfterList } },
    },
  },
  {
    model: Opportunity,
    options: {
      navigation: NAV.sales,
      titleProperty: 'name',
      sort: newestFirst,
      listProperties: [
        'name', 'stage', 'estimated_value', 'probability_percent', 'expected_close_date', 'account_manager',
        'risk_level',
      ],
      filterProperties: [
        'name', 'stage', 'risk_level', 'account_manager', 'estimator', 'project_manager', 'lead_id', 'contact_id',
        'bid_required', 'expected_close_date', 'created_at',
      ],
      editProperties: OPPORTUNITY_EDIT,
      // project_id: S3's projects table does not exist, so it is a bare UUID (shown, not typed).
      showProperties: [...OPPORTUNITY_EDIT, 'project_id', ...SYSTEM_COLUMNS],
      properties: {
        name: title,
        stage: enumProperty(OPPORTUNITY_STAGES),
        risk_level: enumProperty(OPPORTUNITY_RISK_LEVELS),
        estimated_value: money,
        actual_value: money,
        description: longText,
        close_reason: longText,
        mitigation_strategies: longText,
        our_competitive_advantage: longText,
        notes: longText,
        competitor_names: stringArray,
        key_decision_factors: stringArray,
        risk_factors: stringArray,
        tags: stringArray,
      },
    },
  },
  {
    model: Estimate,
    options: {
      navigation: NAV.sales,
      titleProperty: 'estimate_number',
      sort: newestFirst,
      listProperties: ['estimate_number', 'opportunity_id', 'total_amount', 'status', 'created_by', 'created_at'],
      filterProperties: ['estimate_number', 'opportunity_id', 'status', 'created_by', 'created_at'],
      editProperties: ['estimate_number', 'opportunity_id', 'total_amount', 'status'],
      showProperties: ['estimate_number', 'opportunity_id', 'total_amount', 'status', 'created_by', ...SYSTEM_COLUMNS],
      properties: {
        estimate_number: title,
        total_amount: money,
        // Open list (TEXT): the usual statuses offered as choices.
        status: enumProperty(ESTIMATE_STATUS_SUGGESTIONS),
      },
    },
  },
];
