import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';

export const SECURITY_EVENT_TYPES = [
  'login_success',
  'login_failed',
  'logout',
  'password_changed',
  'password_reset',
  'account_locked',
  'suspicious_activity',
  'permission_denied',
] as const;
export type SecurityEventType = (typeof SECURITY_EVENT_TYPES)[number];

/** A login, failure, lock-out or denial event; workspace may be unknown (S2 security_logs). */
export class SecurityLog extends Model<InferAttributes<SecurityLog>, InferCreationAttributes<SecurityLog>> {
  declare id: CreationOptional<string>;
  declare workspace_id: CreationOptional<string | null>;
  declare event_type: SecurityEventType;
  declare severity: CreationOptional<string | null>;
  declare user_id: CreationOptional<string | null>;
  declare user_email: CreationOptional<string | null>;
  declare description: CreationOptional<string | null>;
  declare details: CreationOptional<Record<string, unknown>>;
  declare ip_address: CreationOptional<string | null>;
  declare user_agent: CreationOptional<string | null>;
  declare location: CreationOptional<string | null>;
  declare action_taken: CreationOptional<string | null>;
  declare created_at: CreationOptional<Date>;
  declare updated_at: CreationOptional<Date>;
}

export function initSecurityLog(sequelize: Sequelize): typeof SecurityLog {
  SecurityLog.init(
    {
      id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
      workspace_id: { type: DataTypes.UUID, allowNull: true },
      event_type: { type: DataTypes.ENUM(...SECURITY_EVENT_TYPES), allowNull: false },
      severity: { type: DataTypes.TEXT, allowNull: true },
      user_id: { type: DataTypes.UUID, allowNull: true },
      user_email: { type: DataTypes.TEXT, allowNull: true },
      description: { type: DataTypes.TEXT, allowNull: true },
      details: { type: DataTypes.JSONB, allowNull: false, defaultValue: {} },
      ip_address: { type: DataTypes.INET, allowNull: true },
      user_agent: { type: DataTypes.TEXT, allowNull: true },
      location: { type: DataTypes.TEXT, allowNull: true },
      action_taken: { type: DataTypes.TEXT, allowNull: true },
      created_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
      updated_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
    },
    { sequelize, tableName: 'security_logs', createdAt: 'created_at', updatedAt: 'updated_at' },
  );
  return SecurityLog;
}
