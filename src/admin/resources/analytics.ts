/**
 * Analytics: the seven metric tables (S2, S3), written by the metric jobs (real time on events or
 * batch ETL) and only read in the panel. Lists are newest period first.
 */
import type { PropertyOptions } from 'adminjs';
import type { Model, ModelStatic } from 'sequelize';
import {
  ActivityMetric,
  CallMetric,
  ContactMetric,
  DocumentMetric,
  EmailMetric,
  PipelineMetric,
  RevenueMetric,
} from '../../models/index.js';
import { PIPELINE_METRIC_PERIOD_TYPES } from '../../models/pipeline-metric.model.js';
import { ACTIVITY_TYPES } from '../../models/activity.model.js';
import { CONTACT_SOURCES, CONTACT_STATUSES } from '../../models/contact.model.js';
import { DOCUMENT_TYPES } from '../../models/document.model.js';
import {
  enumProperty,
  jsonText,
  money,
  title,
  SYSTEM_COLUMNS,
} from './labels.js';
import { NAV, type ResourceSpec } from './types.js';

/** Every column, the row's dimensions first and the bookkeeping columns last. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function allColumns(model: ModelStatic<Model<any, any>>): string[] {
  const columns = Object.keys(model.getAttributes()).filter((name) => !SYSTEM_COLUMNS.includes(name));
  return [...columns, ...SYSTEM_COLUMNS];
}

const newestPeriod = (column: string) => ({ sortBy: column, direction: 'desc' as const });

/** A rate stored as NUMERIC(5,2) percent. */
const percent = { description: 'Percent (0–100)' };

interface MetricView {
  /** The period column: the row's title, and the newest-first sort unless `sortBy` says otherwise. */
  period: string;
  sortBy?: string;
  list: string[];
  filter: string[];
  properties?: Record<string, PropertyOptions>;
}

/** A metric table as the panel shows it: read-only, newest period first, every column on show. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function metricResource(model: ModelStatic<Model<any, any>>, view: MetricView): ResourceSpec {
  return {
    model,
    readOnly: true,
    options: {
      navigation: NAV.analytics,
      titleProperty: view.period,
      sort: newestPeriod(view.sortBy ?? view.period),
      listProperties: view.list,
      filterProperties: view.filter,
      showProperties: allColumns(model),
      properties: { [view.period]: title, ...view.properties },
    },
  };
}

export const analyticsResources: ResourceSpec[] = [
  metricResource(PipelineMetric, {
    period: 'metric_date',
    list: [
      'metric_date', 'period_type', 'pipeline_id', 'stage_id', 'deal_count', 'total_pipeline_value',
      'weighted_pipeline_value', 'win_rate',
    ],
    filter: ['pipeline_id', 'stage_id', 'period_type', 'metric_date'],
    properties: {
      period_type: enumProperty(PIPELINE_METRIC_PERIOD_TYPES),
      total_value: money,
      total_pipeline_value: money,
      weighted_pipeline_value: money,
      won_value: money,
      lost_value: money,
      // S2 and S3 measure the same things under two names; both are kept (SCHEMA "Metrics").
      avg_value: { ...money, description: 'S2 name; same measure as average_deal_size (S3)' },
      average_deal_size: { ...money, description: 'S3 name; same measure as avg_value (S2)' },
      avg_duration_days: { description: 'S2 name; same measure as average_cycle_time (S3)' },
      average_cycle_time: { description: 'S3 name; same measure as avg_duration_days (S2)' },
      conversion_rate: percent,
      win_rate: percent,
      stages_velocity: jsonText,
    },
  }),
  metricResource(ActivityMetric, {
    period: 'date',
    list: [
      'date', 'user_id', 'activity_type', 'total_count', 'completed_count', 'overdue_count', 'completion_rate',
    ],
    filter: ['user_id', 'activity_type', 'date'],
    properties: {
      activity_type: enumProperty(ACTIVITY_TYPES),
      completion_rate: percent,
    },
  }),
  metricResource(EmailMetric, {
    period: 'date',
    list: ['date', 'campaign_id', 'user_id', 'sent', 'delivered', 'opened', 'clicked', 'open_rate'],
    filter: ['campaign_id', 'template_id', 'user_id', 'date'],
    properties: {
      open_rate: percent,
      click_rate: percent,
      bounce_rate: percent,
      click_to_open_rate: percent,
    },
  }),
  metricResource(CallMetric, {
    period: 'date',
    list: ['date', 'user_id', 'total_calls', 'answered', 'missed', 'voicemail', 'answer_rate', 'avg_duration_sec'],
    filter: ['user_id', 'date'],
    properties: {
      answer_rate: percent,
      recording_rate: percent,
    },
  }),
  metricResource(ContactMetric, {
    period: 'date',
    list: [
      'date', 'owner_id', 'source', 'status', 'total_contacts', 'new_contacts', 'converted_contacts', 'conversion_rate',
    ],
    filter: ['owner_id', 'source', 'status', 'date'],
    properties: {
      source: enumProperty(CONTACT_SOURCES),
      status: enumProperty(CONTACT_STATUSES),
      avg_deal_value: money,
      conversion_rate: percent,
    },
  }),
  metricResource(DocumentMetric, {
    period: 'date',
    list: [
      'date', 'owner_id', 'document_type', 'total_documents', 'sent_documents', 'signed_documents', 'completion_rate',
    ],
    filter: ['owner_id', 'document_type', 'date'],
    properties: {
      document_type: enumProperty(DOCUMENT_TYPES),
      completion_rate: percent,
    },
  }),
  metricResource(RevenueMetric, {
    // One row per calendar month: year and month are the period (no single date column).
    period: 'month',
    sortBy: 'created_at',
    list: ['year', 'month', 'pipeline_id', 'owner_id', 'team_id', 'total_revenue', 'total_deals', 'forecasted_revenue'],
    filter: ['year', 'quarter', 'month', 'pipeline_id', 'owner_id', 'team_id'],
    properties: {
      total_revenue: money,
      avg_deal_size: money,
      forecasted_revenue: money,
      pipeline_value: money,
      revenue_growth_rate: percent,
      deal_growth_rate: percent,
    },
  }),
];
