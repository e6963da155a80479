import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';

/**
 * Suggested estimate statuses, offered by the panel. The column is TEXT (S3 gives no values):
 * any lower_snake_case value is accepted.
 */
export const ESTIMATE_STATUS_SUGGESTIONS = ['draft', 'sent', 'accepted', 'rejected', 'expired'] as const;

/** A cost estimate or quote for an opportunity (S3 estimates). */
export class Estimate extends Model<InferAttributes<Estimate>, InferCreationAttributes<Estimate>> {
  declare id: CreationOptional<string>;
  declare workspace_id: string;
  declare opportunity_id: string;
  declare estimate_number: string;
  declare total_amount: CreationOptional<string>;
  declare status: CreationOptional<string>;
  declare created_by: CreationOptional<string | null>;
  declare created_at: CreationOptional<Date>;
  declare updated_at: CreationOptional<Date>;
}

export function initEstimate(sequelize: Sequelize): typeof Estimate {
  Estimate.init(
    {
      id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
      workspace_id: { type: DataTypes.UUID, allowNull: false },
      opportunity_id: { type: DataTypes.UUID, allowNull: false },
      estimate_number: { type: DataTypes.TEXT, allowNull: false },
      total_amount: { type: DataTypes.DECIMAL(15, 2), allowNull: false, defaultValue: 0, validate: { min: 0 } },
      status: { type: DataTypes.TEXT, allowNull: false, defaultValue: 'draft', validate: { is: /^[a-z][a-z0-9_]*$/ } },
      created_by: { type: DataTypes.UUID, allowNull: true },
      created_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
      updated_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
    },
    { sequelize, tableName: 'estimates', createdAt: 'created_at', updatedAt: 'updated_at' },
  );
  return Estimate;
}
