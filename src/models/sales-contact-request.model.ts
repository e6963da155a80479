import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';
import { lowerCaseText } from './attributes.js';

export const SALES_CONTACT_REQUEST_INQUIRY_TYPES = ['pricing', 'enterprise', 'partnership', 'general'] as const;
export type SalesContactRequestInquiryType = (typeof SALES_CONTACT_REQUEST_INQUIRY_TYPES)[number];

export const SALES_CONTACT_REQUEST_TIMELINES = [
  'immediate', '1_3_months', '3_6_months', '6_12_months', 'planning',
] as const;
export type SalesContactRequestTimeline = (typeof SALES_CONTACT_REQUEST_TIMELINES)[number];

export const SALES_CONTACT_REQUEST_STATUSES = [
  'new', 'contacted', 'in_progress', 'qualified', 'converted', 'closed',
] as const;
export type SalesContactRequestStatus = (typeof SALES_CONTACT_REQUEST_STATUSES)[number];

/** A "contact sales" inquiry and its assignment (S3 sales_contact_requests). */
export class SalesContactRequest extends Model<
  InferAttributes<SalesContactRequest>,
  InferCreationAttributes<SalesContactRequest>
> {
  declare id: CreationOptional<string>;
  declare workspace_id: string;
  declare lead_id: CreationOptional<string | null>;
  declare email: string;
  declare first_name: CreationOptional<string | null>;
  declare last_name: CreationOptional<string | null>;
  declare company_name: CreationOptional<string | null>;
  declare phone: CreationOptional<string | null>;
  declare inquiry_type: CreationOptional<SalesContactRequestInquiryType | null>;
  declare message: CreationOptional<string | null>;
  declare estimated_budget: CreationOptional<string | null>;
  declare timeline: CreationOptional<SalesContactRequestTimeline | null>;
  declare status: CreationOptional<SalesContactRequestStatus>;
  declare contacted_at: CreationOptional<Date | null>;
  declare assigned_to: CreationOptional<string | null>;
  declare assigned_at: CreationOptional<Date | null>;
  declare notes: CreationOptional<string | null>;
  declare created_at: CreationOptional<Date>;
  declare updated_at: CreationOptional<Date>;
}

export function initSalesContactRequest(sequelize: Sequelize): typeof SalesContactRequest {
  SalesContactRequest.init(
    {
      id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
      workspace_id: { type: DataTypes.UUID, allowNull: false },
      lead_id: { type: DataTypes.UUID, allowNull: true },
      email: lowerCaseText('email', false),
      first_name: { type: DataTypes.TEXT, allowNull: true },
      last_name: { type: DataTypes.TEXT, allowNull: true },
      company_name: { type: DataTypes.TEXT, allowNull: true },
      phone: { type: DataTypes.TEXT, allowNull: true },
      inquiry_type: { type: DataTypes.ENUM(...SALES_CONTACT_REQUEST_INQUIRY_TYPES), allowNull: true },
      message: { type: DataTypes.TEXT, allowNull: true },
      estimated_budget: { type: DataTypes.TEXT, allowNull: true },
      timeline: { type: DataTypes.ENUM(...SALES_CONTACT_REQUEST_TIMELINES), allowNull: true },
      status: { type: DataTypes.ENUM(...SALES_CONTACT_REQUEST_STATUSES), allowNull: false, defaultValue: 'new' },
      contacted_at: { type: DataTypes.DATE, allowNull: true },
      assigned_to: { type: DataTypes.UUID, allowNull: true },
      assigned_at: { type: DataTypes.DATE, allowNull: true },
      notes: { type: DataTypes.TEXT, allowNull: true },
      created_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
      updated_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
    },
    { sequelize, tableName: 'sales_contact_requests', createdAt: 'created_at', updatedAt: 'updated_at' },
  );
  return SalesContactRequest;
}
