import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';

/** A global setting or feature flag keyed by name, e.g. MAINTENANCE_MODE (S1 system_settings). */
export class SystemSetting extends Model<InferAttributes<SystemSetting>, InferCreationAttributes<SystemSetting>> {
  declare key: string;
  /** A boolean, string, number or config object. */
  declare value: unknown;
  declare description: CreationOptional<string | null>;
  declare updated_by: CreationOptional<string | null>;
  declare created_at: CreationOptional<Date>;
  declare updated_at: CreationOptional<Date>;
}

export function initSystemSetting(sequelize: Sequelize): typeof SystemSetting {
  SystemSetting.init(
    {
      key: { type: DataTypes.TEXT, allowNull: false, primaryKey: true },
      value: { type: DataTypes.JSONB, allowNull: false },
      description: { type: DataTypes.TEXT, allowNull: true },
      updated_by: { type: DataTypes.UUID, allowNull: true },
      created_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
      updated_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
    },
    { sequelize, tableName: 'system_settings', createdAt: 'created_at', updatedAt: 'updated_at' },
  );
  return SystemSetting;
}
