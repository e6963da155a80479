import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';

export const EMAIL_STATUSES = ['draft', 'scheduled', 'sent', 'delivered', 'opened', 'clicked', 'bounced', 'failed', 'pending', 'queued', 'dropped', 'replied'] as const;
export type EmailStatus = (typeof EMAIL_STATUSES)[number];

export const EMAIL_PROVIDERS = ['sendgrid', 'postmark', 'resend'] as const;
export type EmailProvider = (typeof EMAIL_PROVIDERS)[number];

/** One e-mail message, sent or to be sent, with its delivery and engagement state (S2 emails, S3 email_sends, S4 emails). */
export class Email extends Model<InferAttributes<Email>, InferCreationAttributes<Email>> {
  declare id: CreationOptional<string>;
  declare workspace_id: string;
  declare contact_id: CreationOptional<string | null>;
  declare deal_id: CreationOptional<string | null>;
  declare template_id: CreationOptional<string | null>;
  declare campaign_id: CreationOptional<string | null>;
  declare sequence_id: CreationOptional<string | null>;
  declare sequence_step_id: CreationOptional<string | null>;
  declare enrollment_id: CreationOptional<string | null>;
  declare email_account_id: CreationOptional<string | null>;
  /** The sending user. */
  declare owner_id: CreationOptional<string | null>;
  /** The recipient when it is a platform user (S3 user_id). */
  declare recipient_user_id: CreationOptional<string | null>;
  declare subject: CreationOptional<string | null>;
  declare body_html: CreationOptional<string | null>;
  declare body_text: CreationOptional<string | null>;
  declare from_email: CreationOptional<string | null>;
  declare to_email: string;
  declare recipient_name: CreationOptional<string | null>;
  declare cc_emails: CreationOptional<string[]>;
  declare bcc_emails: CreationOptional<string[]>;
  declare status: CreationOptional<EmailStatus>;
  declare provider: CreationOptional<EmailProvider | null>;
  declare provider_message_id: CreationOptional<string | null>;
  declare provider_data: CreationOptional<Record<string, unknown>>;
  /** RFC 5322 Message-ID, globally unique. */
  declare message_id: CreationOptional<string | null>;
  declare thread_id: CreationOptional<string | null>;
  declare scheduled_at: CreationOptional<Date | null>;
  declare sent_at: CreationOptional<Date | null>;
  declare delivered_at: CreationOptional<Date | null>;
  declare opened_at: CreationOptional<Date | null>;
  declare first_opened_at: CreationOptional<Date | null>;
  declare last_opened_at: CreationOptional<Date | null>;
  declare clicked_at: CreationOptional<Date | null>;
  declare first_clicked_at: CreationOptional<Date | null>;
  declare last_clicked_at: CreationOptional<Date | null>;
  declare replied_at: CreationOptional<Date | null>;
  declare bounced_at: CreationOptional<Date | null>;
  declare unsubscribed_at: CreationOptional<Date | null>;
  declare complained_at: CreationOptional<Date | null>;
  declare open_count: CreationOptional<number>;
  declare click_count: CreationOptional<number>;
  declare links_clicked: CreationOptional<string[]>;
  declare bounce_type: CreationOptional<string | null>;
  declare bounce_reason: CreationOptional<string | null>;
  declare error_message: CreationOptional<string | null>;
  declare error_code: CreationOptional<string | null>;
  declare retry_count: CreationOptional<number>;
  declare max_retries: CreationOptional<number>;
  declare next_retry_at: CreationOptional<Date | null>;
  declare send_metadata: CreationOptional<Record<string, unknown>>;
  declare created_at: CreationOptional<Date>;
  declare updated_at: CreationOptional<Date>;
}

export function initEmail(sequelize: Sequelize): typeof Email {
  Email.init(
    {
      id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
      workspace_id: { type: DataTypes.UUID, allowNull: false },
      contact_id: { type: DataTypes.UUID, allowNull: true },
      deal_id: { type: DataTypes.UUID, allowNull: true },
      template_id: { type: DataTypes.UUID, allowNull: true },
      campaign_id: { type: DataTypes.UUID, allowNull: true },
      sequence_id: { type: DataTypes.UUID, allowNull: true },
      sequence_step_id: { type: DataTypes.UUID, allowNull: true },
      enrollment_id: { type: DataTypes.UUID, allowNull: true },
      email_account_id: { type: DataTypes.UUID, allowNull: true },
      owner_id: { type: DataTypes.UUID, allowNull: true },
      recipient_user_id: { type: DataTypes.UUID, allowNull: true },
      subject: { type: DataTypes.TEXT, allowNull: true },
      body_html: { type: DataTypes.TEXT, allowNull: true },
      body_text: { type: DataTypes.TEXT, allowNull: true },
      from_email: { type: DataTypes.TEXT, allowNull: true },
      to_email: { type: DataTypes.TEXT, allowNull: false },
      recipient_name: { type: DataTypes.TEXT, allowNull: true },
      cc_emails: { type: DataTypes.ARRAY(DataTypes.TEXT), allowNull: false, defaultValue: [] },
      bcc_emails: { type: DataTypes.ARRAY(DataTypes.TEXT), allowNull: false, defaultValue: [] },
      status: { type: DataTypes.ENUM(...EMAIL_STATUSES), allowNull: false, defaultValue: 'draft' },
      provider: { type: DataTypes.ENUM(...EMAIL_PROVIDERS), allowNull: true },
      provider_message_id: { type: DataTypes.TEXT, allowNull: true },
      provider_data: { type: DataTypes.JSONB, allowNull: false, defaultValue: {} },
      message_id: { type: DataTypes.TEXT, allowNull: true, unique: true },
      thread_id: { type: DataTypes.TEXT, allowNull: true },
      scheduled_at: { type: DataTypes.DATE, allowNull: true },
      sent_at: { type: DataTypes.DATE, allowNull: true },
      delivered_at: { type: DataTypes.DATE, allowNull: true },
      opened_at: { type: DataTypes.DATE, allowNull: true },
      first_opened_at: { type: DataTypes.DATE, allowNull: true },
      last_opened_at: { type: DataTypes.DATE, allowNull: true },
      clicked_at: { type: DataTypes.DATE, allowNull: true },
      first_clicked_at: { type: DataTypes.DATE, allowNull: true },
      last_clicked_at: { type: DataTypes.DATE, allowNull: true },
      replied_at: { type: DataTypes.DATE, allowNull: true },
      bounced_at: { type: DataTypes.DATE, allowNull: true },
      unsubscribed_at: { type: DataTypes.DATE, allowNull: true },
      complained_at: { type: DataTypes.DATE, allowNull: true },
      open_count: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0, validate: { min: 0 } },
      click_count: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0, validate: { min: 0 } },
      links_clicked: { type: DataTypes.ARRAY(DataTypes.TEXT), allowNull: false, defaultValue: [] },
      bounce_type: { type: DataTypes.TEXT, allowNull: true },
      bounce_reason: { type: DataTypes.TEXT, allowNull: true },
      error_message: { type: DataTypes.TEXT, allowNull: true },
      error_code: { type: DataTypes.TEXT, allowNull: true },
      retry_count: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0, validate: { min: 0 } },
      max_retries: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 3, validate: { min: 0 } },
      next_retry_at: { type: DataTypes.DATE, allowNull: true },
      send_metadata: { type: DataTypes.JSONB, allowNull: false, defaultValue: {} },
      created_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
      updated_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
    },
    { sequelize, tableName: 'emails', createdAt: 'created_at', updatedAt: 'updated_at' },
  );
  return Email;
}
