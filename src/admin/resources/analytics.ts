/**
 * Analytics: the seven metric tables (S2, S3), written by the metric jobs (real time on events or
 * batch ETL) and only read in the panel. Lists are newest period first.
 */
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

export const analyticsResources: ResourceSpec[] = [
  {
    model: PipelineMetric,
    readOnly: true,
    options: {
      navigation: NAV.analytics,
      titleProperty: 'metric_date',
      sort: newestPeriod('metric_date'),
      listProperties: [
        'metric_date', 'period_type', 'pipeline_id', 'stage_id', 'deal_count', 'total_pipeline_value',
        'weighted_pipeline_value', 'win_rate',
      ],
      filterProperties: ['pipeline_id', 'stage_id', 'period_type', 'metric_date'],
      showProperties: allColumns(PipelineMetric),
      properties: {
        metric_date: title,
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
    },
  },
  {
    model: ActivityMetric,
    readOnly: true,
    options: {
      navigation: NAV.analytics,
      titleProperty: 'date',
      sort: newestPeriod('date'),
      listProperties: [
        'date', 'user_id', 'activity_type', 'total_count', 'completed_count', 'overdue_count', 'completion_rate',
      ],
      filterProperties: ['user_id', 'activity_type', 'date'],
      showProperties: allColumns(ActivityMetric),
      properties: {
        date: title,
        activity_type: enumProperty(ACTIVITY_TYPES),
        completion_rate: percent,
      },
    },
  },
  {
    model: EmailMetric,
    readOnly: true,
    options: {
      navigation: NAV.analytics,
      titleProperty: 'date',
      sort: newestPeriod('date'),
      listProperties: ['date', 'campaign_id', 'user_id', 'sent', 'delivered', 'opened', 'clicked', 'open_rate'],
      filterProperties: ['campaign_id', 'template_id', 'user_id', 'date'],
      showProperties: allColumns(EmailMetric),
      properties: {
        date: title,
        open_rate: percent,
        click_rate: percent,
        bounce_rate: percent,
        click_to_open_rate: percent,
      },
    },
  },
  {
    model: CallMetric,
    readOnly: true,
    options: {
      navigation: NAV.analytics,
      titleProperty: 'date',
      sort: newestPeriod('date'),
      listProperties: ['date', 'user_id', 'total_calls', 'answered', 'missed', 'voicemail', 'answer_rate', 'avg_duration_sec'],
      filterProperties: ['user_id', 'date'],
      showProperties: allColumns(CallMetric),
      properties: {
        date: title,
        answer_rate: percent,
        recording_rate: percent,
      },
    },
  },
  {
    model: ContactMetric,
    readOnly: true,
    options: {
      navigation: NAV.analytics,
      titleProperty: 'date',
      sort: newestPeriod('date'),
      listProperties: [
        'date', 'owner_id', 'source', 'status', 'total_contacts', 'new_contacts', 'converted_contacts', 'conversion_rate',
      ],
      filterProperties: ['owner_id', 'source', 'status', 'date'],
      showProperties: allColumns(ContactMetric),
      properties: {
        date: title,
        source: enumProperty(CONTACT_SOURCES),
        status: enumProperty(CONTACT_STATUSES),
        avg_deal_value: money,
        conversion_rate: percent,
      },
    },
  },
  {
    model: DocumentMetric,
    readOnly: true,
    options: {
      navigation: NAV.analytics,
      titleProperty: 'date',
      sort: newestPeriod('date'),
      listProperties: [
        'date', 'owner_id', 'document_type', 'total_documents', 'sent_documents', 'signed_documents', 'completion_rate',
      ],
      filterProperties: ['owner_id', 'document_type', 'date'],
      showProperties: allColumns(DocumentMetric),
      properties: {
        date: title,
        document_type: enumProperty(DOCUMENT_TYPES),
        completion_rate: percent,
      },
    },
  },
  {
    model: RevenueMetric,
    readOnly: true,
    options: {
      navigation: NAV.analytics,
      // One row per calendar month: year and month are the period (no single date column).
      titleProperty: 'month',
      sort: newestPeriod('created_at'),
      listProperties: ['year', 'month', 'pipeline_id', 'owner_id', 'team_id', 'total_revenue', 'total_deals', 'forecasted_revenue'],
      filterProperties: ['year', 'quarter', 'month', 'pipeline_id', 'owner_id', 'team_id'],
      showProperties: allColumns(RevenueMetric),
      properties: {
        month: title,
        total_revenue: money,
        avg_deal_size: money,
        forecasted_revenue: money,
        pipeline_value: money,
        revenue_growth_rate: percent,
        deal_growth_rate: percent,
      },
    },
  },
];
