import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';

export const ACTIVITY_TYPES = [
  'call', 'email', 'meeting', 'task', 'note', 'deadline', 'proposal_sent', 'contract_signed',
] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

export const ACTIVITY_STATUSES = ['pending', 'completed', 'overdue', 'cancelled'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];

/** Set on calls only (CHECK). */
export const ACTIVITY_CALL_RESULTS = ['answered', 'missed', 'voicemail'] as const;
export type ActivityCallResult = (typeof ACTIVITY_CALL_RESULTS)[number];

/** S2's integer-coded activity priority. */
export const ACTIVITY_PRIORITY = { low: 0, medium: 1, high: 2 } as const;

/**
 * One entry of the activity log: a call, e-mail, meeting, note... done or scheduled
 * (S2 activities, S4 activities, S3 crm_activities and deal_activities).
 */
export class Activity extends Model<InferAttributes<Activity>, InferCreationAttributes<Activity>> {
  declare id: CreationOptional<string>;
  declare workspace_id: string;
  declare type: ActivityType;
  declare subject: CreationOptional<string | null>;
  declare description: CreationOptional<string | null>;
  declare status: CreationOptional<ActivityStatus>;
  /** 0 = low, 1 = medium, 2 = high. */
  declare priority: CreationOptional<number | null>;
  /** When it happened; NULL while a scheduled activity has not happened yet. */
  declare occurred_at: CreationOptional<Date | null>;
  declare due_at: CreationOptional<Date | null>;
  declare completed_at: CreationOptional<Date | null>;
  declare duration_minutes: CreationOptional<number | null>;
  declare location: CreationOptional<string | null>;
  declare outcome: CreationOptional<string | null>;
  declare next_action: CreationOptional<string | null>;
  declare call_result: CreationOptional<ActivityCallResult | null>;
  declare is_recorded: CreationOptional<boolean>;
  declare is_automated: CreationOptional<boolean>;
  declare owner_id: CreationOptional<string | null>;
  declare created_by: CreationOptional<string | null>;
  declare contact_id: CreationOptional<string | null>;
  declare account_id: CreationOptional<string | null>;
  declare deal_id: CreationOptional<string | null>;
  declare lead_id: CreationOptional<string | null>;
  declare opportunity_id: CreationOptional<string | null>;
  declare document_id: CreationOptional<string | null>;
  declare metadata: CreationOptional<Record<string, unknown>>;
  declare custom_fields: CreationOptional<Record<string, unknown>>;
  declare created_at: CreationOptional<Date>;
  declare updated_at: CreationOptional<Date>;
}

export function initActivity(sequelize: Sequelize): typeof Activity {
  Activity.init(
    {
      id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
      workspace_id: { type: DataTypes.UUID, allowNull: false },
      type: { type: DataTypes.ENUM(...ACTIVITY_TYPES), allowNull: false },
      subject: { type: DataTypes.TEXT, allowNull: true },
      description: { type: DataTypes.TEXT, allowNull: true },
      status: { type: DataTypes.ENUM(...ACTIVITY_STATUSES), allowNull: false, defaultValue: 'pending' },
      priority: { type: DataTypes.INTEGER, allowNull: true, validate: { min: 0, max: 2 } },
      occurred_at: { type: DataTypes.DATE, allowNull: true },
      due_at: { type: DataTypes.DATE, allowNull: true },
      completed_at: { type: DataTypes.DATE, allowNull: true },
      duration_minutes: { type: DataTypes.INTEGER, allowNull: true, validate: { min: 0 } },
      location: { type: DataTypes.TEXT, allowNull: true },
      outcome: { type: DataTypes.TEXT, allowNull: true },
      next_action: { type: DataTypes.TEXT, allowNull: true },
      call_result: { type: DataTypes.ENUM(...ACTIVITY_CALL_RESULTS), allowNull: true },
      is_recorded: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      is_automated: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      owner_id: { type: DataTypes.UUID, allowNull: true },
      created_by: { type: DataTypes.UUID, allowNull: true },
      contact_id: { type: DataTypes.UUID, allowNull: true },
      account_id: { type: DataTypes.UUID, allowNull: true },
      deal_id: { type: DataTypes.UUID, allowNull: true },
      lead_id: { type: DataTypes.UUID, allowNull: true },
      opportunity_id: { type: DataTypes.UUID, allowNull: true },
      document_id: { type: DataTypes.UUID, allowNull: true },
      metadata: { type: DataTypes.JSONB, allowNull: false, defaultValue: {} },
      custom_fields: { type: DataTypes.JSONB, allowNull: false, defaultValue: {} },
      created_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
      updated_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
    },
    { sequelize, tableName: 'activities', createdAt: 'created_at', updatedAt: 'updated_at' },
  );
  return Activity;
}
