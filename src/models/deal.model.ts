import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';

/** S3 'active' is stored as 'open'. */
export const DEAL_STATUSES = ['open', 'won', 'lost', 'abandoned', 'on_hold'] as const;
export type DealStatus = (typeof DEAL_STATUSES)[number];

export const DEAL_TYPES = ['standard', 'large_project', 'residential', 'commercial'] as const;
export type DealType = (typeof DEAL_TYPES)[number];

export const DEAL_RISK_LEVELS = ['low', 'medium', 'high', 'critical'] as const;
export type DealRiskLevel = (typeof DEAL_RISK_LEVELS)[number];

export const DEAL_PRIORITIES = ['low', 'medium', 'high', 'urgent'] as const;
export type DealPriority = (typeof DEAL_PRIORITIES)[number];

/** A deal moving through a pipeline's stages (S2 deals + S3 deals). */
export class Deal extends Model<InferAttributes<Deal>, InferCreationAttributes<Deal>> {
  declare id: CreationOptional<string>;
  declare workspace_id: string;
  declare title: string;
  declare description: CreationOptional<string | null>;
  declare deal_type: CreationOptional<DealType | null>;
  declare value: CreationOptional<string>;
  declare actual_value: CreationOptional<string | null>;
  /** ISO 4217 code, upper-case. */
  declare currency: CreationOptional<string>;
  /** The deal's own win probability in percent: copied from the stage on each move, editable. */
  declare probability: CreationOptional<string | null>;
  /** GENERATED in the database (value × probability / 100): read it, never write it. */
  declare weighted_value: CreationOptional<string | null>;
  declare pipeline_id: CreationOptional<string | null>;
  declare stage_id: CreationOptional<string | null>;
  declare stage_entered_at: CreationOptional<Date | null>;
  declare status: CreationOptional<DealStatus>;
  declare priority: CreationOptional<DealPriority | null>;
  declare source: CreationOptional<string | null>;
  declare owner_id: CreationOptional<string | null>;
  declare account_manager_id: CreationOptional<string | null>;
  declare contact_id: CreationOptional<string | null>;
  declare account_id: CreationOptional<string | null>;
  declare lead_id: CreationOptional<string | null>;
  declare opportunity_id: CreationOptional<string | null>;
  declare expected_close_date: CreationOptional<string | null>;
  declare actual_close_date: CreationOptional<string | null>;
  /** Kept by a database trigger on every write and refreshed daily for open deals. */
  declare days_in_pipeline: CreationOptional<number>;
  declare competitors: CreationOptional<unknown[]>;
  declare competitive_advantage: CreationOptional<string | null>;
  declare key_success_factors: CreationOptional<unknown[]>;
  declare risk_level: CreationOptional<DealRiskLevel | null>;
  declare risk_factors: CreationOptional<unknown[]>;
  declare mitigation_strategies: CreationOptional<string | null>;
  declare won_reason: CreationOptional<string | null>;
  declare lost_reason: CreationOptional<string | null>;
  declare lost_to_competitor: CreationOptional<string | null>;
  declare tags: CreationOptional<string[]>;
  declare custom_fields: CreationOptional<Record<string, unknown>>;
  declare created_at: CreationOptional<Date>;
  declare updated_at: CreationOptional<Date>;
}

/** Whole days from creation to close (or to today while open), never negative; as the trigger computes it. */
export function daysInPipeline(createdAt: Date | undefined, closeDate: string | null | undefined, stored: number, today = new Date()): number {
  if (!createdAt) return stored;
  const start = Date.UTC(createdAt.getUTCFullYear(), createdAt.getUTCMonth(), createdAt.getUTCDate());
  const end = closeDate ? Date.parse(`${closeDate}T00:00:00Z`) : Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  return Math.max(0, Math.round((end - start) / 86_400_000));
}

export function initDeal(sequelize: Sequelize): typeof Deal {
  Deal.init(
    {
      id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
      workspace_id: { type: DataTypes.UUID, allowNull: false },
      title: { type: DataTypes.TEXT, allowNull: false },
      description: { type: DataTypes.TEXT, allowNull: true },
      deal_type: { type: DataTypes.ENUM(...DEAL_TYPES), allowNull: true },
      value: { type: DataTypes.DECIMAL(15, 2), allowNull: false, defaultValue: 0, validate: { min: 0 } },
      actual_value: { type: DataTypes.DECIMAL(15, 2), allowNull: true, validate: { min: 0 } },
      currency: { type: DataTypes.STRING(3), allowNull: false, defaultValue: 'USD', validate: { is: /^[A-Z]{3}$/ } },
      probability: { type: DataTypes.DECIMAL(5, 2), allowNull: true, validate: { min: 0, max: 100 } },
      weighted_value: { type: DataTypes.DECIMAL(15, 2), allowNull: true },
      pipeline_id: { type: DataTypes.UUID, allowNull: true },
      stage_id: { type: DataTypes.UUID, allowNull: true },
      stage_entered_at: { type: DataTypes.DATE, allowNull: true },
      status: { type: DataTypes.ENUM(...DEAL_STATUSES), allowNull: false, defaultValue: 'open' },
      priority: { type: DataTypes.ENUM(...DEAL_PRIORITIES), allowNull: true },
      source: { type: DataTypes.TEXT, allowNull: true },
      owner_id: { type: DataTypes.UUID, allowNull: true },
      account_manager_id: { type: DataTypes.UUID, allowNull: true },
      contact_id: { type: DataTypes.UUID, allowNull: true },
      account_id: { type: DataTypes.UUID, allowNull: true },
      lead_id: { type: DataTypes.UUID, allowNull: true },
      opportunity_id: { type: DataTypes.UUID, allowNull: true },
      expected_close_date: { type: DataTypes.DATEONLY, allowNull: true },
      actual_close_date: { type: DataTypes.DATEONLY, allowNull: true },
      days_in_pipeline: {
        type: DataTypes.INTEGER,
        allowNull: false,
        defaultValue: 0,
        // The stored value is refreshed on every write (trigger); reading computes it the same
        // way, so an untouched open deal never shows yesterday's count.
        get(this: Deal): number {
          return daysInPipeline(this.getDataValue('created_at'), this.getDataValue('actual_close_date'), this.getDataValue('days_in_pipeline'));
        },
      },
      competitors: { type: DataTypes.JSONB, allowNull: false, defaultValue: [] },
      competitive_advantage: { type: DataTypes.TEXT, allowNull: true },
      key_success_factors: { type: DataTypes.JSONB, allowNull: false, defaultValue: [] },
      risk_level: { type: DataTypes.ENUM(...DEAL_RISK_LEVELS), allowNull: true },
      risk_factors: { type: DataTypes.JSONB, allowNull: false, defaultValue: [] },
      mitigation_strategies: { type: DataTypes.TEXT, allowNull: true },
      won_reason: { type: DataTypes.TEXT, allowNull: true },
      lost_reason: { type: DataTypes.TEXT, allowNull: true },
      lost_to_competitor: { type: DataTypes.TEXT, allowNull: true },
      tags: { type: DataTypes.ARRAY(DataTypes.TEXT), allowNull: false, defaultValue: [] },
      custom_fields: { type: DataTypes.JSONB, allowNull: false, defaultValue: {} },
      created_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
      updated_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
    },
    { sequelize, tableName: 'deals', createdAt: 'created_at', updatedAt: 'updated_at' },
  );
  return Deal;
}
