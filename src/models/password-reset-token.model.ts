import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';

/** A single-use, expiring password reset token, stored as its hash (S4 password_reset_tokens). */
export class PasswordResetToken extends Model<
  InferAttributes<PasswordResetToken>,
  InferCreationAttributes<PasswordResetToken>
> {
  declare id: CreationOptional<string>;
  declare workspace_id: string;
  declare user_id: string;
  /** SHA-256 hex digest of the token mailed to the user. */
  declare token: string;
  declare expires_at: Date;
  declare used: CreationOptional<boolean>;
  declare created_at: CreationOptional<Date>;
  declare updated_at: CreationOptional<Date>;
}

export function initPasswordResetToken(sequelize: Sequelize): typeof PasswordResetToken {
  PasswordResetToken.init(
    {
      id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
      workspace_id: { type: DataTypes.UUID, allowNull: false },
      user_id: { type: DataTypes.UUID, allowNull: false },
      token: { type: DataTypes.TEXT, allowNull: false, unique: true, validate: { is: /^[0-9a-f]{64}$/ } },
      expires_at: { type: DataTypes.DATE, allowNull: false },
      used: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      created_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
      updated_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
    },
    { sequelize, tableName: 'password_reset_tokens', createdAt: 'created_at', updatedAt: 'updated_at' },
  );
  return PasswordResetToken;
}
