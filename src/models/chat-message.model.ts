import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';

export const CHAT_SENDER_TYPES = ['candidate', 'bot', 'recruiter'] as const;
export type ChatSenderType = (typeof CHAT_SENDER_TYPES)[number];

/** One message of the live-chat co-pilot transcript of an application (S1 chat_messages). */
export class ChatMessage extends Model<InferAttributes<ChatMessage>, InferCreationAttributes<ChatMessage>> {
  declare id: CreationOptional<string>;
  declare workspace_id: string;
  declare application_id: string;
  declare sender_type: ChatSenderType;
  declare message_text: string;
  declare sent_at: CreationOptional<Date>;
  declare is_read: CreationOptional<boolean>;
  declare created_at: CreationOptional<Date>;
  declare updated_at: CreationOptional<Date>;
}

export function initChatMessage(sequelize: Sequelize): typeof ChatMessage {
  ChatMessage.init(
    {
      id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
      workspace_id: { type: DataTypes.UUID, allowNull: false },
      application_id: { type: DataTypes.UUID, allowNull: false },
      sender_type: { type: DataTypes.ENUM(...CHAT_SENDER_TYPES), allowNull: false },
      message_text: { type: DataTypes.TEXT, allowNull: false },
      sent_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
      is_read: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      created_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
      updated_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
    },
    { sequelize, tableName: 'chat_messages', createdAt: 'created_at', updatedAt: 'updated_at' },
  );
  return ChatMessage;
}
