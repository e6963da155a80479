import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';

export const EMAIL_EVENT_TYPES = ['sent', 'delivered', 'opened', 'clicked', 'bounced', 'replied', 'unsubscribed', 'complained'] as const;
export type EmailEventType = (typeof EMAIL_EVENT_TYPES)[number];

/** A tracking event of one e-mail: delivery, open, click (with link, geo, device, UTM), reply, bounce... (S4 email_events, S3 email_clicks). */
export class EmailEvent extends Model<InferAttributes<EmailEvent>, InferCreationAttributes<EmailEvent>> {
  declare id: CreationOptional<string>;
  declare workspace_id: string;
  declare email_id: string;
  declare event_type: EmailEventType;
  declare link_url: CreationOptional<string | null>;
  declare link_text: CreationOptional<string | null>;
  declare ip_address: CreationOptional<string | null>;
  declare user_agent: CreationOptional<string | null>;
  declare country: CreationOptional<string | null>;
  declare city: CreationOptional<string | null>;
  declare device_type: CreationOptional<string | null>;
  declare utm_source: CreationOptional<string | null>;
  declare utm_medium: CreationOptional<string | null>;
  declare utm_campaign: CreationOptional<string | null>;
  declare metadata: CreationOptional<Record<string, unknown>>;
  /** When the event happened (S3 clicked_at). */
  declare created_at: CreationOptional<Date>;
  declare updated_at: CreationOptional<Date>;
}

export function initEmailEvent(sequelize: Sequelize): typeof EmailEvent {
  EmailEvent.init(
    {
      id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
      workspace_id: { type: DataTypes.UUID, allowNull: false },
      email_id: { type: DataTypes.UUID, allowNull: false },
      event_type: { type: DataTypes.ENUM(...EMAIL_EVENT_TYPES), allowNull: false },
      link_url: { type: DataTypes.TEXT, allowNull: true },
      link_text: { type: DataTypes.TEXT, allowNull: true },
      ip_address: { type: DataTypes.INET, allowNull: true },
      user_agent: { type: DataTypes.TEXT, allowNull: true },
      country: { type: DataTypes.TEXT, allowNull: true },
      city: { type: DataTypes.TEXT, allowNull: true },
      device_type: { type: DataTypes.TEXT, allowNull: true },
      utm_source: { type: DataTypes.TEXT, allowNull: true },
      utm_medium: { type: DataTypes.TEXT, allowNull: true },
      utm_campaign: { type: DataTypes.TEXT, allowNull: true },
      metadata: { type: DataTypes.JSONB, allowNull: false, defaultValue: {} },
      created_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
      updated_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
    },
    { sequelize, tableName: 'email_events', createdAt: 'created_at', updatedAt: 'updated_at' },
  );
  return EmailEvent;
}
