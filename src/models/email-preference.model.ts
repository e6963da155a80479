import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';

export const EMAIL_PREFERENCE_FREQUENCIES = ['high', 'normal', 'low'] as const;
export type EmailPreferenceFrequency = (typeof EMAIL_PREFERENCE_FREQUENCIES)[number];

export const EMAIL_PREFERENCE_DIGEST_FREQUENCIES = ['daily', 'weekly', 'monthly'] as const;
export type EmailPreferenceDigestFrequency = (typeof EMAIL_PREFERENCE_DIGEST_FREQUENCIES)[number];

/** A recipient's e-mail preferences: category opt-ins, frequency, digest and quiet hours (S3 email_preferences). */
export class EmailPreference extends Model<InferAttributes<EmailPreference>, InferCreationAttributes<EmailPreference>> {
  declare id: CreationOptional<string>;
  declare workspace_id: string;
  declare email: string;
  declare user_id: CreationOptional<string | null>;
  declare contact_id: CreationOptional<string | null>;
  declare marketing_emails: CreationOptional<boolean>;
  declare product_updates: CreationOptional<boolean>;
  declare newsletter: CreationOptional<boolean>;
  declare trial_nurture: CreationOptional<boolean>;
  declare billing_notifications: CreationOptional<boolean>;
  declare email_frequency: CreationOptional<EmailPreferenceFrequency>;
  declare digest_enabled: CreationOptional<boolean>;
  declare digest_frequency: CreationOptional<EmailPreferenceDigestFrequency>;
  declare quiet_hours_enabled: CreationOptional<boolean>;
  /** Time of day, 'HH:MM:SS'; start after end is an overnight window. */
  declare quiet_hours_start: CreationOptional<string | null>;
  declare quiet_hours_end: CreationOptional<string | null>;
  /** IANA name; null = the contact's or user's own time zone. */
  declare timezone: CreationOptional<string | null>;
  declare created_at: CreationOptional<Date>;
  declare updated_at: CreationOptional<Date>;
}

export function initEmailPreference(sequelize: Sequelize): typeof EmailPreference {
  EmailPreference.init(
    {
      id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
      workspace_id: { type: DataTypes.UUID, allowNull: false },
      email: { type: DataTypes.TEXT, allowNull: false },
      user_id: { type: DataTypes.UUID, allowNull: true },
      contact_id: { type: DataTypes.UUID, allowNull: true },
      marketing_emails: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
      product_updates: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
      newsletter: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
      trial_nurture: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
      billing_notifications: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
      email_frequency: { type: DataTypes.ENUM(...EMAIL_PREFERENCE_FREQUENCIES), allowNull: false, defaultValue: 'normal' },
      digest_enabled: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      digest_frequency: { type: DataTypes.ENUM(...EMAIL_PREFERENCE_DIGEST_FREQUENCIES), allowNull: false, defaultValue: 'weekly' },
      quiet_hours_enabled: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      quiet_hours_start: { type: DataTypes.TIME, allowNull: true },
      quiet_hours_end: { type: DataTypes.TIME, allowNull: true },
      timezone: { type: DataTypes.TEXT, allowNull: true },
      created_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
      updated_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
    },
    { sequelize, tableName: 'email_preferences', createdAt: 'created_at', updatedAt: 'updated_at' },
  );
  return EmailPreference;
}
