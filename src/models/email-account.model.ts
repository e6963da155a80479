import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';

export const EMAIL_ACCOUNT_PROVIDERS = ['gmail', 'outlook', 'smtp'] as const;
export type EmailAccountProvider = (typeof EMAIL_ACCOUNT_PROVIDERS)[number];

/** A connected sending mailbox (Gmail, Outlook or SMTP) with its daily send limit (S4 email_accounts). */
export class EmailAccount extends Model<InferAttributes<EmailAccount>, InferCreationAttributes<EmailAccount>> {
  declare id: CreationOptional<string>;
  declare workspace_id: string;
  declare user_id: string;
  declare provider: EmailAccountProvider;
  declare email: string;
  declare display_name: CreationOptional<string | null>;
  /** AES-256-GCM ciphertext written by the app with ENCRYPTION_KEY; never plaintext. */
  declare access_token: CreationOptional<string | null>;
  /** AES-256-GCM ciphertext written by the app with ENCRYPTION_KEY; never plaintext. */
  declare refresh_token: CreationOptional<string | null>;
  declare token_expires_at: CreationOptional<Date | null>;
  declare is_active: CreationOptional<boolean>;
  declare daily_send_limit: CreationOptional<number>;
  declare daily_sent_count: CreationOptional<number>;
  declare last_sent_reset: CreationOptional<Date | null>;
  /** Provider options; `smtp.password` is AES-256-GCM ciphertext like the tokens. */
  declare settings: CreationOptional<Record<string, unknown>>;
  declare created_at: CreationOptional<Date>;
  declare updated_at: CreationOptional<Date>;
}

export function initEmailAccount(sequelize: Sequelize): typeof EmailAccount {
  EmailAccount.init(
    {
      id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
      workspace_id: { type: DataTypes.UUID, allowNull: false },
      user_id: { type: DataTypes.UUID, allowNull: false },
      provider: { type: DataTypes.ENUM(...EMAIL_ACCOUNT_PROVIDERS), allowNull: false },
      email: { type: DataTypes.TEXT, allowNull: false },
      display_name: { type: DataTypes.TEXT, allowNull: true },
      access_token: { type: DataTypes.TEXT, allowNull: true },
      refresh_token: { type: DataTypes.TEXT, allowNull: true },
      token_expires_at: { type: DataTypes.DATE, allowNull: true },
      is_active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
      daily_send_limit: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 200, validate: { min: 0 } },
      daily_sent_count: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0, validate: { min: 0 } },
      last_sent_reset: { type: DataTypes.DATE, allowNull: true },
      settings: { type: DataTypes.JSONB, allowNull: false, defaultValue: {} },
      created_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
      updated_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
    },
    { sequelize, tableName: 'email_accounts', createdAt: 'created_at', updatedAt: 'updated_at' },
  );
  return EmailAccount;
}
