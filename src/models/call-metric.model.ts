import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';

/** Telephony statistics for one user (or none) on one day, computed from call activities (S2 call_metrics). */
export class CallMetric extends Model<InferAttributes<CallMetric>, InferCreationAttributes<CallMetric>> {
  declare id: CreationOptional<string>;
  declare workspace_id: string;
  declare user_id: CreationOptional<string | null>;
  declare date: string;
  declare total_calls: CreationOptional<number>;
  declare answered: CreationOptional<number>;
  declare missed: CreationOptional<number>;
  declare voicemail: CreationOptional<number>;
  declare total_duration_sec: CreationOptional<number>;
  declare avg_duration_sec: CreationOptional<number | null>;
  declare min_duration_sec: CreationOptional<number | null>;
  declare max_duration_sec: CreationOptional<number | null>;
  declare answer_rate: CreationOptional<string | null>;
  declare recorded_calls: CreationOptional<number>;
  declare recording_rate: CreationOptional<string | null>;
  declare deals_advanced: CreationOptional<number>;
  declare followups_scheduled: CreationOptional<number>;
  declare last_updated: CreationOptional<Date>;
  declare created_at: CreationOptional<Date>;
  declare updated_at: CreationOptional<Date>;
}

export function initCallMetric(sequelize: Sequelize): typeof CallMetric {
  CallMetric.init(
    {
      id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
      workspace_id: { type: DataTypes.UUID, allowNull: false },
      user_id: { type: DataTypes.UUID, allowNull: true },
      date: { type: DataTypes.DATEONLY, allowNull: false },
      total_calls: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      answered: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      missed: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      voicemail: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      total_duration_sec: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      avg_duration_sec: { type: DataTypes.DOUBLE, allowNull: true },
      min_duration_sec: { type: DataTypes.INTEGER, allowNull: true },
      max_duration_sec: { type: DataTypes.INTEGER, allowNull: true },
      answer_rate: { type: DataTypes.DECIMAL(5, 2), allowNull: true },
      recorded_calls: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      recording_rate: { type: DataTypes.DECIMAL(5, 2), allowNull: true },
      deals_advanced: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      followups_scheduled: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      last_updated: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
      created_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
      updated_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
    },
    { sequelize, tableName: 'call_metrics', createdAt: 'created_at', updatedAt: 'updated_at' },
  );
  return CallMetric;
}
