import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';
import { lowerCaseText } from './attributes.js';

export const LEAD_STATUSES = [
  'new', 'contacted', 'qualified', 'proposal', 'negotiation', 'converted', 'lost', 'demo_scheduled',
] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];

export const LEAD_SERVICE_TYPES = ['permanent', 'contract', 'rpo', 'executive_search'] as const;
export type LeadServiceType = (typeof LEAD_SERVICE_TYPES)[number];

/** The one lead-source domain (schema_review A5), shared by leads.source and contacts.source. */
export const LEAD_SOURCES = [
  'website', 'referral', 'linkedin', 'cold_email', 'trade_show', 'social_media',
  'advertising', 'cold_outreach', 'other',
] as const;
export type LeadSource = (typeof LEAD_SOURCES)[number];

export const LEAD_PRIORITIES = ['low', 'medium', 'high', 'hot'] as const;
export type LeadPriority = (typeof LEAD_PRIORITIES)[number];

export const LEAD_INTEREST_TYPES = ['trial', 'demo', 'sales_contact', 'just_browsing'] as const;
export type LeadInterestType = (typeof LEAD_INTEREST_TYPES)[number];

/** A sales lead, identified or still anonymous (S1 leads + S3 leads). */
export class Lead extends Model<InferAttributes<Lead>, InferCreationAttributes<Lead>> {
  declare id: CreationOptional<string>;
  declare workspace_id: string;
  declare owner_id: CreationOptional<string | null>;
  declare company_name: CreationOptional<string | null>;
  declare first_name: CreationOptional<string | null>;
  declare last_name: CreationOptional<string | null>;
  declare email: CreationOptional<string | null>;
  declare phone: CreationOptional<string | null>;
  declare job_title: CreationOptional<string | null>;
  declare status: CreationOptional<LeadStatus>;
  declare service_type: CreationOptional<LeadServiceType | null>;
  declare estimated_value: CreationOptional<string | null>;
  declare probability: CreationOptional<number | null>;
  declare expected_close_date: CreationOptional<string | null>;
  declare next_follow_up: CreationOptional<Date | null>;
  declare source: CreationOptional<LeadSource | null>;
  declare priority: CreationOptional<LeadPriority>;
  declare lead_score: CreationOptional<number>;
  declare interest_type: CreationOptional<LeadInterestType | null>;
  declare requested_demo: CreationOptional<boolean>;
  declare requested_sales_contact: CreationOptional<boolean>;
  declare downloaded_resource: CreationOptional<boolean>;
  declare viewed_pricing: CreationOptional<boolean>;
  declare started_signup: CreationOptional<boolean>;
  declare converted_to_user_id: CreationOptional<string | null>;
  declare conversion_value: CreationOptional<string | null>;
  declare utm_source: CreationOptional<string | null>;
  declare utm_medium: CreationOptional<string | null>;
  declare utm_campaign: CreationOptional<string | null>;
  declare utm_content: CreationOptional<string | null>;
  declare utm_term: CreationOptional<string | null>;
  declare landing_page: CreationOptional<string | null>;
  declare referrer: CreationOptional<string | null>;
  declare notes: CreationOptional<string | null>;
  declare tags: CreationOptional<string[]>;
  declare first_seen_at: CreationOptional<Date>;
  declare last_activity_at: CreationOptional<Date | null>;
  declare created_at: CreationOptional<Date>;
  declare updated_at: CreationOptional<Date>;
}

export function initLead(sequelize: Sequelize): typeof Lead {
  Lead.init(
    {
      id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
      workspace_id: { type: DataTypes.UUID, allowNull: false },
      owner_id: { type: DataTypes.UUID, allowNull: true },
      company_name: { type: DataTypes.TEXT, allowNull: true },
      first_name: { type: DataTypes.TEXT, allowNull: true },
      last_name: { type: DataTypes.TEXT, allowNull: true },
      email: lowerCaseText('email', true),
      phone: { type: DataTypes.TEXT, allowNull: true },
      job_title: { type: DataTypes.TEXT, allowNull: true },
      status: { type: DataTypes.ENUM(...LEAD_STATUSES), allowNull: false, defaultValue: 'new' },
      service_type: { type: DataTypes.ENUM(...LEAD_SERVICE_TYPES), allowNull: true },
      estimated_value: { type: DataTypes.DECIMAL(15, 2), allowNull: true, validate: { min: 0 } },
      probability: { type: DataTypes.INTEGER, allowNull: true, validate: { min: 0, max: 100 } },
      expected_close_date: { type: DataTypes.DATEONLY, allowNull: true },
      next_follow_up: { type: DataTypes.DATE, allowNull: true },
      source: { type: DataTypes.ENUM(...LEAD_SOURCES), allowNull: true },
      priority: { type: DataTypes.ENUM(...LEAD_PRIORITIES), allowNull: false, defaultValue: 'medium' },
      lead_score: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      interest_type: { type: DataTypes.ENUM(...LEAD_INTEREST_TYPES), allowNull: true },
      requested_demo: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      requested_sales_contact: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      downloaded_resource: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      viewed_pricing: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      started_signup: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      converted_to_user_id: { type: DataTypes.UUID, allowNull: true },
      conversion_value: { type: DataTypes.DECIMAL(15, 2), allowNull: true, validate: { min: 0 } },
      utm_source: { type: DataTypes.TEXT, allowNull: true },
      utm_medium: { type: DataTypes.TEXT, allowNull: true },
      utm_campaign: { type: DataTypes.TEXT, allowNull: true },
      utm_content: { type: DataTypes.TEXT, allowNull: true },
      utm_term: { type: DataTypes.TEXT, allowNull: true },
      landing_page: { type: DataTypes.TEXT, allowNull: true },
      referrer: { type: DataTypes.TEXT, allowNull: true },
      notes: { type: DataTypes.TEXT, allowNull: true },
      tags: { type: DataTypes.ARRAY(DataTypes.TEXT), allowNull: false, defaultValue: [] },
      first_seen_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
      last_activity_at: { type: DataTypes.DATE, allowNull: true },
      created_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
      updated_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
    },
    { sequelize, tableName: 'leads', createdAt: 'created_at', updatedAt: 'updated_at' },
  );
  return Lead;
}
