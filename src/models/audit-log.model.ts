import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';

export const AUDIT_ACTIONS = ['create', 'read', 'update', 'delete', 'login', 'logout', 'export', 'import'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_SEVERITIES = ['info', 'warn', 'error', 'success'] as const;
export type AuditSeverity = (typeof AUDIT_SEVERITIES)[number];

/** Suggested `action_type` codes (S1); the column is open TEXT, these are the panel's choices. */
export const AUDIT_ACTION_TYPE_EXAMPLES = ['created_job', 'applied', 'converted_lead', 'login', 'user_update'] as const;

/** One audited write or activity-feed entry (S2 audit_logs and S1 activity_logs). */
export class AuditLog extends Model<InferAttributes<AuditLog>, InferCreationAttributes<AuditLog>> {
  declare id: CreationOptional<string>;
  declare workspace_id: CreationOptional<string | null>;
  declare user_id: CreationOptional<string | null>;
  declare user_email: CreationOptional<string | null>;
  declare action: CreationOptional<AuditAction | null>;
  declare action_type: CreationOptional<string | null>;
  declare severity: CreationOptional<AuditSeverity>;
  declare resource_type: CreationOptional<string | null>;
  declare resource_id: CreationOptional<string | null>;
  declare description: CreationOptional<string | null>;
  declare changes: CreationOptional<Record<string, unknown> | null>;
  declare ip_address: CreationOptional<string | null>;
  declare user_agent: CreationOptional<string | null>;
  declare request_method: CreationOptional<string | null>;
  declare request_path: CreationOptional<string | null>;
  declare metadata: CreationOptional<Record<string, unknown>>;
  declare created_at: CreationOptional<Date>;
  declare updated_at: CreationOptional<Date>;
}

export function initAuditLog(sequelize: Sequelize): typeof AuditLog {
  AuditLog.init(
    {
      id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
      workspace_id: { type: DataTypes.UUID, allowNull: true },
      user_id: { type: DataTypes.UUID, allowNull: true },
      user_email: { type: DataTypes.TEXT, allowNull: true },
      action: { type: DataTypes.ENUM(...AUDIT_ACTIONS), allowNull: true },
      action_type: { type: DataTypes.TEXT, allowNull: true },
      severity: { type: DataTypes.ENUM(...AUDIT_SEVERITIES), allowNull: false, defaultValue: 'info' },
      resource_type: { type: DataTypes.TEXT, allowNull: true },
      resource_id: { type: DataTypes.UUID, allowNull: true },
      description: { type: DataTypes.TEXT, allowNull: true },
      changes: { type: DataTypes.JSONB, allowNull: true },
      ip_address: { type: DataTypes.INET, allowNull: true },
      user_agent: { type: DataTypes.TEXT, allowNull: true },
      request_method: { type: DataTypes.TEXT, allowNull: true, validate: { is: /^[A-Z]+$/ } },
      request_path: { type: DataTypes.TEXT, allowNull: true },
      metadata: { type: DataTypes.JSONB, allowNull: false, defaultValue: {} },
      created_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
      updated_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
    },
    { sequelize, tableName: 'audit_logs', createdAt: 'created_at', updatedAt: 'updated_at' },
  );
  return AuditLog;
}
