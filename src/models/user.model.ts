import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';
import { lowerCaseText } from './attributes.js';

/** A login, one across all five systems (S0, S1, S2 and S4 users merged); roles live in user_roles. */
export class User extends Model<InferAttributes<User>, InferCreationAttributes<User>> {
  declare id: CreationOptional<string>;
  declare workspace_id: string;
  declare email: string;
  declare password_hash: string;
  declare first_name: string;
  declare last_name: CreationOptional<string | null>;
  declare full_name: CreationOptional<string>;
  declare phone: CreationOptional<string | null>;
  declare avatar_url: CreationOptional<string | null>;
  declare timezone: CreationOptional<string>;
  declare language: CreationOptional<string | null>;
  declare title: CreationOptional<string | null>;
  declare department: CreationOptional<string | null>;
  declare team_id: CreationOptional<string | null>;
  declare manager_id: CreationOptional<string | null>;
  declare is_active: CreationOptional<boolean>;
  declare email_verified: CreationOptional<boolean>;
  declare last_login_at: CreationOptional<Date | null>;
  declare last_active_at: CreationOptional<Date | null>;
  declare failed_login_count: CreationOptional<number>;
  declare locked_until: CreationOptional<Date | null>;
  declare settings: CreationOptional<Record<string, unknown>>;
  declare deleted_at: CreationOptional<Date | null>;
  declare created_at: CreationOptional<Date>;
  declare updated_at: CreationOptional<Date>;
}

export function initUser(sequelize: Sequelize): typeof User {
  User.init(
    {
      id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
      workspace_id: { type: DataTypes.UUID, allowNull: false },
      // Stored lower-case (CHECK email = lower(email)): the global UNIQUE is case-insensitive.
      email: { ...lowerCaseText('email', false), unique: true, validate: { is: /^[^@\s]+@[^@\s]+$/ } },
      password_hash: { type: DataTypes.TEXT, allowNull: false },
      first_name: { type: DataTypes.TEXT, allowNull: false },
      last_name: { type: DataTypes.TEXT, allowNull: true },
      // S0 `name` and S1 `full_name` were split on the last space (SCHEMA); shown whole.
      full_name: {
        type: DataTypes.VIRTUAL(DataTypes.TEXT, ['first_name', 'last_name']),
        get(this: User): string {
          return [this.getDataValue('first_name'), this.getDataValue('last_name')].filter(Boolean).join(' ');
        },
      },
      phone: { type: DataTypes.TEXT, allowNull: true },
      avatar_url: { type: DataTypes.TEXT, allowNull: true },
      timezone: { type: DataTypes.TEXT, allowNull: false, defaultValue: 'UTC' },
      language: { type: DataTypes.TEXT, allowNull: true },
      title: { type: DataTypes.TEXT, allowNull: true },
      department: { type: DataTypes.TEXT, allowNull: true },
      team_id: { type: DataTypes.UUID, allowNull: true },
      manager_id: { type: DataTypes.UUID, allowNull: true },
      is_active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
      email_verified: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      last_login_at: { type: DataTypes.DATE, allowNull: true },
      last_active_at: { type: DataTypes.DATE, allowNull: true },
      failed_login_count: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0, validate: { min: 0 } },
      locked_until: { type: DataTypes.DATE, allowNull: true },
      settings: { type: DataTypes.JSONB, allowNull: false, defaultValue: {} },
      deleted_at: { type: DataTypes.DATE, allowNull: true },
      created_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
      updated_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
    },
    { sequelize, tableName: 'users', createdAt: 'created_at', updatedAt: 'updated_at' },
  );
  return User;
}
