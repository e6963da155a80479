import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';

export const EMAIL_UNSUBSCRIBE_TYPES = ['all', 'promotional', 'newsletter', 'transactional_optional'] as const;
export type EmailUnsubscribeType = (typeof EMAIL_UNSUBSCRIBE_TYPES)[number];

export const EMAIL_UNSUBSCRIBE_REASONS = ['too_frequent', 'not_relevant', 'never_signed_up', 'other'] as const;
export type EmailUnsubscribeReason = (typeof EMAIL_UNSUBSCRIBE_REASONS)[number];

export const EMAIL_UNSUBSCRIBE_CHANNELS = ['link', 'preference_center', 'complaint'] as const;
export type EmailUnsubscribeChannel = (typeof EMAIL_UNSUBSCRIBE_CHANNELS)[number];

/** An unsubscribe of one address from a scope of mail, in force while is_active (S3 email_unsubscribes). */
export class EmailUnsubscribe extends Model<InferAttributes<EmailUnsubscribe>, InferCreationAttributes<EmailUnsubscribe>> {
  declare id: CreationOptional<string>;
  declare workspace_id: string;
  declare user_id: CreationOptional<string | null>;
  declare email: string;
  declare unsubscribe_type: CreationOptional<EmailUnsubscribeType>;
  declare reason: CreationOptional<EmailUnsubscribeReason | null>;
  declare reason_detail: CreationOptional<string | null>;
  declare unsubscribed_from_email_id: CreationOptional<string | null>;
  declare unsubscribed_via: CreationOptional<EmailUnsubscribeChannel | null>;
  /** True while the unsubscribe is in force; re-subscribing sets false and resubscribed_at. */
  declare is_active: CreationOptional<boolean>;
  declare resubscribed_at: CreationOptional<Date | null>;
  declare unsubscribed_at: CreationOptional<Date>;
  declare created_at: CreationOptional<Date>;
  declare updated_at: CreationOptional<Date>;
}

export function initEmailUnsubscribe(sequelize: Sequelize): typeof EmailUnsubscribe {
  EmailUnsubscribe.init(
    {
      id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
      workspace_id: { type: DataTypes.UUID, allowNull: false },
      user_id: { type: DataTypes.UUID, allowNull: true },
      email: { type: DataTypes.TEXT, allowNull: false },
      unsubscribe_type: { type: DataTypes.ENUM(...EMAIL_UNSUBSCRIBE_TYPES), allowNull: false, defaultValue: 'all' },
      reason: { type: DataTypes.ENUM(...EMAIL_UNSUBSCRIBE_REASONS), allowNull: true },
      reason_detail: { type: DataTypes.TEXT, allowNull: true },
      unsubscribed_from_email_id: { type: DataTypes.UUID, allowNull: true },
      unsubscribed_via: { type: DataTypes.ENUM(...EMAIL_UNSUBSCRIBE_CHANNELS), allowNull: true },
      is_active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
      resubscribed_at: { type: DataTypes.DATE, allowNull: true },
      unsubscribed_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
      created_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
      updated_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
    },
    { sequelize, tableName: 'email_unsubscribes', createdAt: 'created_at', updatedAt: 'updated_at' },
  );
  return EmailUnsubscribe;
}
