import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';

export const DOCUMENT_TYPES = ['contract', 'proposal', 'nda', 'invoice', 'quote', 'other'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export const DOCUMENT_STATUSES = ['draft', 'sent', 'viewed', 'signed', 'declined', 'expired'] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

/** A stored document, possibly sent out for e-signature (S2 documents). */
export class Document extends Model<InferAttributes<Document>, InferCreationAttributes<Document>> {
  declare id: CreationOptional<string>;
  declare workspace_id: string;
  declare name: string;
  declare description: CreationOptional<string | null>;
  declare type: CreationOptional<DocumentType>;
  declare status: CreationOptional<DocumentStatus>;
  declare file_url: CreationOptional<string | null>;
  /** Bytes. */
  declare file_size: CreationOptional<number | null>;
  /** MIME type. */
  declare file_type: CreationOptional<string | null>;
  declare owner_id: CreationOptional<string | null>;
  declare contact_id: CreationOptional<string | null>;
  declare deal_id: CreationOptional<string | null>;
  declare requires_signature: CreationOptional<boolean>;
  declare signature_provider: CreationOptional<string | null>;
  declare signature_request_id: CreationOptional<string | null>;
  declare sent_at: CreationOptional<Date | null>;
  declare viewed_at: CreationOptional<Date | null>;
  declare signed_at: CreationOptional<Date | null>;
  declare expires_at: CreationOptional<Date | null>;
  declare view_count: CreationOptional<number>;
  declare reminder_count: CreationOptional<number>;
  declare last_reminder_at: CreationOptional<Date | null>;
  declare tags: CreationOptional<string[]>;
  declare custom_fields: CreationOptional<Record<string, unknown>>;
  declare created_at: CreationOptional<Date>;
  declare updated_at: CreationOptional<Date>;
}

export function initDocument(sequelize: Sequelize): typeof Document {
  Document.init(
    {
      id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
      workspace_id: { type: DataTypes.UUID, allowNull: false },
      name: { type: DataTypes.TEXT, allowNull: false },
      description: { type: DataTypes.TEXT, allowNull: true },
      type: { type: DataTypes.ENUM(...DOCUMENT_TYPES), allowNull: false, defaultValue: 'other' },
      status: { type: DataTypes.ENUM(...DOCUMENT_STATUSES), allowNull: false, defaultValue: 'draft' },
      file_url: { type: DataTypes.TEXT, allowNull: true },
      file_size: { type: DataTypes.INTEGER, allowNull: true, validate: { min: 0 } },
      file_type: { type: DataTypes.TEXT, allowNull: true },
      owner_id: { type: DataTypes.UUID, allowNull: true },
      contact_id: { type: DataTypes.UUID, allowNull: true },
      deal_id: { type: DataTypes.UUID, allowNull: true },
      requires_signature: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      signature_provider: { type: DataTypes.TEXT, allowNull: true },
      signature_request_id: { type: DataTypes.TEXT, allowNull: true },
      sent_at: { type: DataTypes.DATE, allowNull: true },
      viewed_at: { type: DataTypes.DATE, allowNull: true },
      signed_at: { type: DataTypes.DATE, allowNull: true },
      expires_at: { type: DataTypes.DATE, allowNull: true },
      view_count: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0, validate: { min: 0 } },
      reminder_count: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0, validate: { min: 0 } },
      last_reminder_at: { type: DataTypes.DATE, allowNull: true },
      tags: { type: DataTypes.ARRAY(DataTypes.TEXT), allowNull: false, defaultValue: [] },
      custom_fields: { type: DataTypes.JSONB, allowNull: false, defaultValue: {} },
      created_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
      updated_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
    },
    { sequelize, tableName: 'documents', createdAt: 'created_at', updatedAt: 'updated_at' },
  );
  return Document;
}
