import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';

/** Closed revenue and forecast for one pipeline, owner and team (each or all) in one calendar month (S2 revenue_metrics). */
export class RevenueMetric extends Model<InferAttributes<RevenueMetric>, InferCreationAttributes<RevenueMetric>> {
  declare id: CreationOptional<string>;
  declare workspace_id: string;
  declare pipeline_id: CreationOptional<string | null>;
  declare owner_id: CreationOptional<string | null>;
  declare team_id: CreationOptional<string | null>;
  declare year: number;
  declare month: number;
  declare quarter: number;
  declare total_revenue: CreationOptional<string>;
  declare total_deals: CreationOptional<number>;
  declare avg_deal_size: CreationOptional<string | null>;
  declare revenue_growth_rate: CreationOptional<string | null>;
  declare deal_growth_rate: CreationOptional<string | null>;
  declare forecasted_revenue: CreationOptional<string>;
  declare pipeline_value: CreationOptional<string>;
  declare last_updated: CreationOptional<Date>;
  declare created_at: CreationOptional<Date>;
  declare updated_at: CreationOptional<Date>;
}

export function initRevenueMetric(sequelize: Sequelize): typeof RevenueMetric {
  RevenueMetric.init(
    {
      id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
      workspace_id: { type: DataTypes.UUID, allowNull: false },
      pipeline_id: { type: DataTypes.UUID, allowNull: true },
      owner_id: { type: DataTypes.UUID, allowNull: true },
      team_id: { type: DataTypes.UUID, allowNull: true },
      year: { type: DataTypes.INTEGER, allowNull: false },
      month: { type: DataTypes.INTEGER, allowNull: false, validate: { min: 1, max: 12 } },
      quarter: { type: DataTypes.INTEGER, allowNull: false, validate: { min: 1, max: 4 } },
      total_revenue: { type: DataTypes.DECIMAL(15, 2), allowNull: false, defaultValue: '0.00' },
      total_deals: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      avg_deal_size: { type: DataTypes.DECIMAL(15, 2), allowNull: true },
      revenue_growth_rate: { type: DataTypes.DECIMAL(10, 2), allowNull: true },
      deal_growth_rate: { type: DataTypes.DECIMAL(10, 2), allowNull: true },
      forecasted_revenue: { type: DataTypes.DECIMAL(15, 2), allowNull: false, defaultValue: '0.00' },
      pipeline_value: { type: DataTypes.DECIMAL(15, 2), allowNull: false, defaultValue: '0.00' },
      last_updated: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
      created_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
      updated_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
    },
    { sequelize, tableName: 'revenue_metrics', createdAt: 'created_at', updatedAt: 'updated_at' },
  );
  return RevenueMetric;
}
