import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';

export const EMAIL_QUEUE_STATUSES = ['pending', 'processing', 'sent', 'failed', 'cancelled'] as const;
export type EmailQueueStatus = (typeof EMAIL_QUEUE_STATUSES)[number];

/** A campaign e-mail waiting to be sent, claimed by priority then time (S3 email_queue). */
export class EmailQueueItem extends Model<InferAttributes<EmailQueueItem>, InferCreationAttributes<EmailQueueItem>> {
  declare id: CreationOptional<string>;
  declare workspace_id: string;
  declare campaign_id: string;
  declare user_id: CreationOptional<string | null>;
  declare recipient_email: string;
  declare scheduled_for: CreationOptional<Date>;
  /** 1 (highest) to 10 (lowest). */
  declare priority: CreationOptional<number>;
  declare status: CreationOptional<EmailQueueStatus>;
  declare attempts: CreationOptional<number>;
  declare last_attempt_at: CreationOptional<Date | null>;
  /** The emails row this item produced (S3 name kept). */
  declare email_send_id: CreationOptional<string | null>;
  declare queue_metadata: CreationOptional<Record<string, unknown>>;
  declare created_at: CreationOptional<Date>;
  declare updated_at: CreationOptional<Date>;
}

export function initEmailQueueItem(sequelize: Sequelize): typeof EmailQueueItem {
  EmailQueueItem.init(
    {
      id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
      workspace_id: { type: DataTypes.UUID, allowNull: false },
      campaign_id: { type: DataTypes.UUID, allowNull: false },
      user_id: { type: DataTypes.UUID, allowNull: true },
      recipient_email: { type: DataTypes.TEXT, allowNull: false },
      scheduled_for: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
      priority: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 5, validate: { min: 1, max: 10 } },
      status: { type: DataTypes.ENUM(...EMAIL_QUEUE_STATUSES), allowNull: false, defaultValue: 'pending' },
      attempts: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0, validate: { min: 0 } },
      last_attempt_at: { type: DataTypes.DATE, allowNull: true },
      email_send_id: { type: DataTypes.UUID, allowNull: true },
      queue_metadata: { type: DataTypes.JSONB, allowNull: false, defaultValue: {} },
      created_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
      updated_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
    },
    { sequelize, tableName: 'email_queue', createdAt: 'created_at', updatedAt: 'updated_at' },
  );
  return EmailQueueItem;
}
