import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';

export const EMAIL_CAMPAIGN_STATUSES = ['draft', 'scheduled', 'sending', 'sent', 'paused', 'cancelled'] as const;
export type EmailCampaignStatus = (typeof EMAIL_CAMPAIGN_STATUSES)[number];

export const EMAIL_CAMPAIGN_TYPES = ['onboarding', 'trial_nurture', 'promotional', 'transactional', 'reengagement'] as const;
export type EmailCampaignType = (typeof EMAIL_CAMPAIGN_TYPES)[number];

export const EMAIL_CAMPAIGN_TRIGGER_TYPES = ['manual', 'scheduled', 'behavioral', 'lifecycle'] as const;
export type EmailCampaignTriggerType = (typeof EMAIL_CAMPAIGN_TRIGGER_TYPES)[number];

/** An e-mail campaign: content, trigger, schedule, A/B split and delivery totals (S2 + S3 email_campaigns). */
export class EmailCampaign extends Model<InferAttributes<EmailCampaign>, InferCreationAttributes<EmailCampaign>> {
  declare id: CreationOptional<string>;
  declare workspace_id: string;
  declare name: string;
  declare description: CreationOptional<string | null>;
  declare status: CreationOptional<EmailCampaignStatus>;
  declare audience: CreationOptional<Record<string, unknown>>;
  declare template_id: CreationOptional<string | null>;
  declare external_template_id: CreationOptional<string | null>;
  declare template_variables: CreationOptional<Record<string, unknown>>;
  declare campaign_type: CreationOptional<EmailCampaignType | null>;
  declare trigger_type: CreationOptional<EmailCampaignTriggerType>;
  declare trigger_conditions: CreationOptional<Record<string, unknown>>;
  declare trigger_event: CreationOptional<string | null>;
  declare subject_line: CreationOptional<string | null>;
  declare preview_text: CreationOptional<string | null>;
  declare from_name: CreationOptional<string | null>;
  declare from_email: CreationOptional<string | null>;
  declare reply_to: CreationOptional<string | null>;
  declare html_content: CreationOptional<string | null>;
  declare text_content: CreationOptional<string | null>;
  declare send_delay_minutes: CreationOptional<number | null>;
  /** Time of day, 'HH:MM:SS'. */
  declare send_at_time: CreationOptional<string | null>;
  /** ISO weekdays, 1 = Monday .. 7 = Sunday; never empty. */
  declare send_on_days: CreationOptional<number[]>;
  declare sequence_name: CreationOptional<string | null>;
  declare sequence_order: CreationOptional<number | null>;
  declare ab_test_enabled: CreationOptional<boolean>;
  /** Open list ('A', 'B', 'C', ...): plain text. */
  declare ab_test_variant: CreationOptional<string | null>;
  declare ab_test_traffic_percentage: CreationOptional<number | null>;
  declare is_active: CreationOptional<boolean>;
  declare scheduled_at: CreationOptional<Date | null>;
  declare sent_at: CreationOptional<Date | null>;
  declare last_sent_at: CreationOptional<Date | null>;
  declare total_sent: CreationOptional<number>;
  declare total_delivered: CreationOptional<number>;
  declare total_opened: CreationOptional<number>;
  declare total_clicked: CreationOptional<number>;
  declare total_bounced: CreationOptional<number>;
  declare total_unsubscribed: CreationOptional<number>;
  declare total_complained: CreationOptional<number>;
  declare created_by: CreationOptional<string | null>;
  declare created_at: CreationOptional<Date>;
  declare updated_at: CreationOptional<Date>;
}

export function initEmailCampaign(sequelize: Sequelize): typeof EmailCampaign {
  EmailCampaign.init(
    {
      id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
      workspace_id: { type: DataTypes.UUID, allowNull: false },
      name: { type: DataTypes.TEXT, allowNull: false },
      description: { type: DataTypes.TEXT, allowNull: true },
      status: { type: DataTypes.ENUM(...EMAIL_CAMPAIGN_STATUSES), allowNull: false, defaultValue: 'draft' },
      audience: { type: DataTypes.JSONB, allowNull: false, defaultValue: {} },
      template_id: { type: DataTypes.UUID, allowNull: true },
      external_template_id: { type: DataTypes.TEXT, allowNull: true },
      template_variables: { type: DataTypes.JSONB, allowNull: false, defaultValue: {} },
      campaign_type: { type: DataTypes.ENUM(...EMAIL_CAMPAIGN_TYPES), allowNull: true },
      trigger_type: { type: DataTypes.ENUM(...EMAIL_CAMPAIGN_TRIGGER_TYPES), allowNull: false, defaultValue: 'manual' },
      trigger_conditions: { type: DataTypes.JSONB, allowNull: false, defaultValue: {} },
      trigger_event: { type: DataTypes.TEXT, allowNull: true },
      subject_line: { type: DataTypes.TEXT, allowNull: true },
      preview_text: { type: DataTypes.TEXT, allowNull: true },
      from_name: { type: DataTypes.TEXT, allowNull: true },
      from_email: { type: DataTypes.TEXT, allowNull: true },
      reply_to: { type: DataTypes.TEXT, allowNull: true },
      html_content: { type: DataTypes.TEXT, allowNull: true },
      text_content: { type: DataTypes.TEXT, allowNull: true },
      send_delay_minutes: { type: DataTypes.INTEGER, allowNull: true, validate: { min: 0 } },
      send_at_time: { type: DataTypes.TIME, allowNull: true },
      send_on_days: { type: DataTypes.ARRAY(DataTypes.INTEGER), allowNull: false, defaultValue: [1, 2, 3, 4, 5, 6, 7] },
      sequence_name: { type: DataTypes.TEXT, allowNull: true },
      sequence_order: { type: DataTypes.INTEGER, allowNull: true },
      ab_test_enabled: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      ab_test_variant: { type: DataTypes.TEXT, allowNull: true },
      ab_test_traffic_percentage: { type: DataTypes.INTEGER, allowNull: true, validate: { min: 0, max: 100 } },
      is_active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
      scheduled_at: { type: DataTypes.DATE, allowNull: true },
      sent_at: { type: DataTypes.DATE, allowNull: true },
      last_sent_at: { type: DataTypes.DATE, allowNull: true },
      total_sent: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      total_delivered: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      total_opened: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      total_clicked: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      total_bounced: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      total_unsubscribed: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      total_complained: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      created_by: { type: DataTypes.UUID, allowNull: true },
      created_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
      updated_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
    },
    { sequelize, tableName: 'email_campaigns', createdAt: 'created_at', updatedAt: 'updated_at' },
  );
  return EmailCampaign;
}
