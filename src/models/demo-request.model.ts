import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';
import { lowerCaseText } from './attributes.js';

export const DEMO_TYPES = ['quick_15min', 'standard_30min', 'full_60min'] as const;
export type DemoType = (typeof DEMO_TYPES)[number];

export const DEMO_REQUEST_STATUSES = ['requested', 'scheduled', 'completed', 'cancelled', 'no_show'] as const;
export type DemoRequestStatus = (typeof DEMO_REQUEST_STATUSES)[number];

/** A request for a product demo and its lifecycle, from request to paid conversion (S3 demo_requests). */
export class DemoRequest extends Model<InferAttributes<DemoRequest>, InferCreationAttributes<DemoRequest>> {
  declare id: CreationOptional<string>;
  declare workspace_id: string;
  declare lead_id: CreationOptional<string | null>;
  declare email: string;
  declare first_name: CreationOptional<string | null>;
  declare last_name: CreationOptional<string | null>;
  declare company_name: CreationOptional<string | null>;
  declare phone: CreationOptional<string | null>;
  declare demo_type: CreationOptional<DemoType | null>;
  declare preferred_date: CreationOptional<string | null>;
  declare preferred_time: CreationOptional<string | null>;
  declare timezone: CreationOptional<string | null>;
  declare message: CreationOptional<string | null>;
  declare scheduled_at: CreationOptional<Date | null>;
  declare calendar_event_id: CreationOptional<string | null>;
  declare meeting_url: CreationOptional<string | null>;
  declare status: CreationOptional<DemoRequestStatus>;
  declare completed_at: CreationOptional<Date | null>;
  declare cancelled_at: CreationOptional<Date | null>;
  declare cancellation_reason: CreationOptional<string | null>;
  declare follow_up_sent: CreationOptional<boolean>;
  declare follow_up_sent_at: CreationOptional<Date | null>;
  declare converted_to_paid: CreationOptional<boolean>;
  declare converted_at: CreationOptional<Date | null>;
  declare assigned_sales_rep: CreationOptional<string | null>;
  declare created_at: CreationOptional<Date>;
  declare updated_at: CreationOptional<Date>;
}

export function initDemoRequest(sequelize: Sequelize): typeof DemoRequest {
  DemoRequest.init(
    {
      id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
      workspace_id: { type: DataTypes.UUID, allowNull: false },
      lead_id: { type: DataTypes.UUID, allowNull: true },
      email: lowerCaseText('email', false),
      first_name: { type: DataTypes.TEXT, allowNull: true },
      last_name: { type: DataTypes.TEXT, allowNull: true },
      company_name: { type: DataTypes.TEXT, allowNull: true },
      phone: { type: DataTypes.TEXT, allowNull: true },
      demo_type: { type: DataTypes.ENUM(...DEMO_TYPES), allowNull: true },
      preferred_date: { type: DataTypes.DATEONLY, allowNull: true },
      preferred_time: { type: DataTypes.TEXT, allowNull: true },
      timezone: { type: DataTypes.TEXT, allowNull: true },
      message: { type: DataTypes.TEXT, allowNull: true },
      scheduled_at: { type: DataTypes.DATE, allowNull: true },
      calendar_event_id: { type: DataTypes.TEXT, allowNull: true },
      meeting_url: { type: DataTypes.TEXT, allowNull: true },
      status: { type: DataTypes.ENUM(...DEMO_REQUEST_STATUSES), allowNull: false, defaultValue: 'requested' },
      completed_at: { type: DataTypes.DATE, allowNull: true },
      cancelled_at: { type: DataTypes.DATE, allowNull: true },
      cancellation_reason: { type: DataTypes.TEXT, allowNull: true },
      follow_up_sent: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      follow_up_sent_at: { type: DataTypes.DATE, allowNull: true },
      converted_to_paid: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      converted_at: { type: DataTypes.DATE, allowNull: true },
      assigned_sales_rep: { type: DataTypes.UUID, allowNull: true },
      created_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
      updated_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
    },
    { sequelize, tableName: 'demo_requests', createdAt: 'created_at', updatedAt: 'updated_at' },
  );
  return DemoRequest;
}
