import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';

export const SALES_QUOTA_PERIODS = ['monthly', 'quarterly', 'yearly'] as const;
export type SalesQuotaPeriod = (typeof SALES_QUOTA_PERIODS)[number];

/** A sales rep's targets for one period (S3 sales_quotas). */
export class SalesQuota extends Model<InferAttributes<SalesQuota>, InferCreationAttributes<SalesQuota>> {
  declare id: CreationOptional<string>;
  declare workspace_id: string;
  declare user_id: string;
  declare quota_period: SalesQuotaPeriod;
  declare start_date: string;
  declare end_date: string;
  declare revenue_target: CreationOptional<string | null>;
  declare deals_target: CreationOptional<number | null>;
  declare calls_target: CreationOptional<number | null>;
  declare meetings_target: CreationOptional<number | null>;
  declare territory: CreationOptional<string | null>;
  declare deal_types: CreationOptional<string[]>;
  declare is_active: CreationOptional<boolean>;
  declare created_at: CreationOptional<Date>;
  declare updated_at: CreationOptional<Date>;
}

export function initSalesQuota(sequelize: Sequelize): typeof SalesQuota {
  SalesQuota.init(
    {
      id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
      workspace_id: { type: DataTypes.UUID, allowNull: false },
      user_id: { type: DataTypes.UUID, allowNull: false },
      quota_period: { type: DataTypes.ENUM(...SALES_QUOTA_PERIODS), allowNull: false },
      start_date: { type: DataTypes.DATEONLY, allowNull: false },
      end_date: { type: DataTypes.DATEONLY, allowNull: false },
      revenue_target: { type: DataTypes.DECIMAL(15, 2), allowNull: true, validate: { min: 0 } },
      deals_target: { type: DataTypes.INTEGER, allowNull: true, validate: { min: 0 } },
      calls_target: { type: DataTypes.INTEGER, allowNull: true, validate: { min: 0 } },
      meetings_target: { type: DataTypes.INTEGER, allowNull: true, validate: { min: 0 } },
      territory: { type: DataTypes.TEXT, allowNull: true },
      deal_types: { type: DataTypes.ARRAY(DataTypes.TEXT), allowNull: false, defaultValue: [] },
      is_active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
      created_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
      updated_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
    },
    { sequelize, tableName: 'sales_quotas', createdAt: 'created_at', updatedAt: 'updated_at' },
  );
  return SalesQuota;
}
