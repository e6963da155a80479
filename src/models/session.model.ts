import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';

/** A panel login session with device details and revocation (S2 sessions). */
export class Session extends Model<InferAttributes<Session>, InferCreationAttributes<Session>> {
  declare id: CreationOptional<string>;
  declare workspace_id: string;
  declare user_id: string;
  /** SHA-256 hex digest of the session id; the id itself is never stored. */
  declare token: string;
  declare ip_address: CreationOptional<string | null>;
  declare user_agent: CreationOptional<string | null>;
  declare device_type: CreationOptional<string | null>;
  declare browser: CreationOptional<string | null>;
  declare os: CreationOptional<string | null>;
  declare expires_at: Date;
  declare last_activity_at: CreationOptional<Date>;
  declare is_revoked: CreationOptional<boolean>;
  declare revoked_at: CreationOptional<Date | null>;
  declare revoked_reason: CreationOptional<string | null>;
  declare created_at: CreationOptional<Date>;
  declare updated_at: CreationOptional<Date>;
}

export function initSession(sequelize: Sequelize): typeof Session {
  Session.init(
    {
      id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
      workspace_id: { type: DataTypes.UUID, allowNull: false },
      user_id: { type: DataTypes.UUID, allowNull: false },
      token: { type: DataTypes.TEXT, allowNull: false, unique: true, validate: { is: /^[0-9a-f]{64}$/ } },
      ip_address: { type: DataTypes.INET, allowNull: true },
      user_agent: { type: DataTypes.TEXT, allowNull: true },
      device_type: { type: DataTypes.TEXT, allowNull: true },
      browser: { type: DataTypes.TEXT, allowNull: true },
      os: { type: DataTypes.TEXT, allowNull: true },
      expires_at: { type: DataTypes.DATE, allowNull: false },
      last_activity_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
      is_revoked: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      revoked_at: { type: DataTypes.DATE, allowNull: true },
      revoked_reason: { type: DataTypes.TEXT, allowNull: true },
      created_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
      updated_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
    },
    { sequelize, tableName: 'sessions', createdAt: 'created_at', updatedAt: 'updated_at' },
  );
  return Session;
}
