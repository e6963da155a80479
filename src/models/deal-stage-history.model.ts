import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';

/** One move of a deal from one pipeline stage to another (S3 deal_stage_history). */
export class DealStageHistory extends Model<InferAttributes<DealStageHistory>, InferCreationAttributes<DealStageHistory>> {
  declare id: CreationOptional<string>;
  declare workspace_id: string;
  declare deal_id: string;
  /** NULL for the deal's first stage. */
  declare from_stage_id: CreationOptional<string | null>;
  declare to_stage_id: string;
  declare moved_by: CreationOptional<string | null>;
  declare moved_at: CreationOptional<Date>;
  declare notes: CreationOptional<string | null>;
  declare days_in_previous_stage: CreationOptional<number | null>;
  declare auto_moved: CreationOptional<boolean>;
  declare value_before: CreationOptional<string | null>;
  declare value_after: CreationOptional<string | null>;
  declare probability_before: CreationOptional<string | null>;
  declare probability_after: CreationOptional<string | null>;
  declare created_at: CreationOptional<Date>;
  declare updated_at: CreationOptional<Date>;
}

export function initDealStageHistory(sequelize: Sequelize): typeof DealStageHistory {
  DealStageHistory.init(
    {
      id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
      workspace_id: { type: DataTypes.UUID, allowNull: false },
      deal_id: { type: DataTypes.UUID, allowNull: false },
      from_stage_id: { type: DataTypes.UUID, allowNull: true },
      to_stage_id: { type: DataTypes.UUID, allowNull: false },
      moved_by: { type: DataTypes.UUID, allowNull: true },
      moved_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
      notes: { type: DataTypes.TEXT, allowNull: true },
      days_in_previous_stage: { type: DataTypes.INTEGER, allowNull: true, validate: { min: 0 } },
      auto_moved: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      value_before: { type: DataTypes.DECIMAL(15, 2), allowNull: true },
      value_after: { type: DataTypes.DECIMAL(15, 2), allowNull: true },
      probability_before: { type: DataTypes.DECIMAL(5, 2), allowNull: true, validate: { min: 0, max: 100 } },
      probability_after: { type: DataTypes.DECIMAL(5, 2), allowNull: true, validate: { min: 0, max: 100 } },
      created_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
      updated_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
    },
    { sequelize, tableName: 'deal_stage_history', createdAt: 'created_at', updatedAt: 'updated_at' },
  );
  return DealStageHistory;
}
