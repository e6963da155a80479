import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';

/** Activity counts and completion for one user (or none) and activity type (or all) on one day (S2 activity_metrics). */
export class ActivityMetric extends Model<InferAttributes<ActivityMetric>, InferCreationAttributes<ActivityMetric>> {
  declare id: CreationOptional<string>;
  declare workspace_id: string;
  declare user_id: CreationOptional<string | null>;
  declare activity_type: CreationOptional<string | null>;
  declare date: string;
  declare total_count: CreationOptional<number>;
  declare completed_count: CreationOptional<number>;
  declare overdue_count: CreationOptional<number>;
  declare pending_count: CreationOptional<number>;
  declare cancelled_count: CreationOptional<number>;
  declare completion_rate: CreationOptional<string | null>;
  declare avg_completion_time_hours: CreationOptional<number | null>;
  declare avg_duration_minutes: CreationOptional<number | null>;
  declare last_updated: CreationOptional<Date>;
  declare created_at: CreationOptional<Date>;
  declare updated_at: CreationOptional<Date>;
}

export function initActivityMetric(sequelize: Sequelize): typeof ActivityMetric {
  ActivityMetric.init(
    {
      id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
      workspace_id: { type: DataTypes.UUID, allowNull: false },
      user_id: { type: DataTypes.UUID, allowNull: true },
      activity_type: { type: DataTypes.TEXT, allowNull: true },
      date: { type: DataTypes.DATEONLY, allowNull: false },
      total_count: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      completed_count: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      overdue_count: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      pending_count: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      cancelled_count: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      completion_rate: { type: DataTypes.DECIMAL(5, 2), allowNull: true },
      avg_completion_time_hours: { type: DataTypes.DOUBLE, allowNull: true },
      avg_duration_minutes: { type: DataTypes.DOUBLE, allowNull: true },
      last_updated: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
      created_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
      updated_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
    },
    { sequelize, tableName: 'activity_metrics', createdAt: 'created_at', updatedAt: 'updated_at' },
  );
  return ActivityMetric;
}
