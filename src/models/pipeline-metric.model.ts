import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';

export const PIPELINE_METRIC_PERIOD_TYPES = ['daily', 'weekly', 'monthly', 'quarterly'] as const;
export type PipelineMetricPeriodType = (typeof PIPELINE_METRIC_PERIOD_TYPES)[number];

/** Pipeline performance for one pipeline (or all) and stage (or none) over one period (S2 + S3 pipeline_metrics). */
export class PipelineMetric extends Model<InferAttributes<PipelineMetric>, InferCreationAttributes<PipelineMetric>> {
  declare id: CreationOptional<string>;
  declare workspace_id: string;
  declare pipeline_id: CreationOptional<string | null>;
  declare stage_id: CreationOptional<string | null>;
  declare period_type: PipelineMetricPeriodType;
  declare metric_date: string;
  declare deal_count: CreationOptional<number>;
  declare deals_created: CreationOptional<number>;
  declare deals_active: CreationOptional<number>;
  declare deals_won: CreationOptional<number>;
  declare deals_lost: CreationOptional<number>;
  declare deals_moved_forward: CreationOptional<number>;
  declare deals_moved_backward: CreationOptional<number>;
  declare total_value: CreationOptional<string>;
  declare total_pipeline_value: CreationOptional<string>;
  declare weighted_pipeline_value: CreationOptional<string>;
  declare won_value: CreationOptional<string>;
  declare lost_value: CreationOptional<string>;
  declare avg_value: CreationOptional<string | null>;
  declare average_deal_size: CreationOptional<string | null>;
  declare avg_duration_days: CreationOptional<number | null>;
  declare average_cycle_time: CreationOptional<string | null>;
  declare fastest_deal_days: CreationOptional<number | null>;
  declare slowest_deal_days: CreationOptional<number | null>;
  declare median_duration_days: CreationOptional<number | null>;
  declare conversion_rate: CreationOptional<string | null>;
  declare win_rate: CreationOptional<string | null>;
  declare stages_velocity: CreationOptional<Record<string, unknown>>;
  declare last_updated: CreationOptional<Date>;
  declare created_at: CreationOptional<Date>;
  declare updated_at: CreationOptional<Date>;
}

export function initPipelineMetric(sequelize: Sequelize): typeof PipelineMetric {
  PipelineMetric.init(
    {
      id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
      workspace_id: { type: DataTypes.UUID, allowNull: false },
      pipeline_id: { type: DataTypes.UUID, allowNull: true },
      stage_id: { type: DataTypes.UUID, allowNull: true },
      period_type: { type: DataTypes.ENUM(...PIPELINE_METRIC_PERIOD_TYPES), allowNull: false },
      metric_date: { type: DataTypes.DATEONLY, allowNull: false },
      deal_count: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      deals_created: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      deals_active: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      deals_won: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      deals_lost: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      deals_moved_forward: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      deals_moved_backward: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      total_value: { type: DataTypes.DECIMAL(15, 2), allowNull: false, defaultValue: '0.00' },
      total_pipeline_value: { type: DataTypes.DECIMAL(15, 2), allowNull: false, defaultValue: '0.00' },
      weighted_pipeline_value: { type: DataTypes.DECIMAL(15, 2), allowNull: false, defaultValue: '0.00' },
      won_value: { type: DataTypes.DECIMAL(15, 2), allowNull: false, defaultValue: '0.00' },
      lost_value: { type: DataTypes.DECIMAL(15, 2), allowNull: false, defaultValue: '0.00' },
      avg_value: { type: DataTypes.DECIMAL(15, 2), allowNull: true },
      average_deal_size: { type: DataTypes.DECIMAL(15, 2), allowNull: true },
      avg_duration_days: { type: DataTypes.DOUBLE, allowNull: true },
      average_cycle_time: { type: DataTypes.DECIMAL(8, 2), allowNull: true },
      fastest_deal_days: { type: DataTypes.DOUBLE, allowNull: true },
      slowest_deal_days: { type: DataTypes.DOUBLE, allowNull: true },
      median_duration_days: { type: DataTypes.DOUBLE, allowNull: true },
      conversion_rate: { type: DataTypes.DECIMAL(5, 2), allowNull: true },
      win_rate: { type: DataTypes.DECIMAL(5, 2), allowNull: true },
      stages_velocity: { type: DataTypes.JSONB, allowNull: false, defaultValue: {} },
      last_updated: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
      created_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
      updated_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
    },
    { sequelize, tableName: 'pipeline_metrics', createdAt: 'created_at', updatedAt: 'updated_at' },
  );
  return PipelineMetric;
}
