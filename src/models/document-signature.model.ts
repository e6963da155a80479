import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';

/** One signer of a document and whether they signed (S2 document_signatures). */
export class DocumentSignature extends Model<InferAttributes<DocumentSignature>, InferCreationAttributes<DocumentSignature>> {
  declare id: CreationOptional<string>;
  declare workspace_id: string;
  declare document_id: string;
  declare signer_name: CreationOptional<string | null>;
  declare signer_email: string;
  declare signer_role: CreationOptional<string | null>;
  declare signed_at: CreationOptional<Date | null>;
  declare signature_data: CreationOptional<string | null>;
  declare ip_address: CreationOptional<string | null>;
  declare user_agent: CreationOptional<string | null>;
  /** true requires signed_at (CHECK). */
  declare is_signed: CreationOptional<boolean>;
  declare created_at: CreationOptional<Date>;
  declare updated_at: CreationOptional<Date>;
}

export function initDocumentSignature(sequelize: Sequelize): typeof DocumentSignature {
  DocumentSignature.init(
    {
      id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
      workspace_id: { type: DataTypes.UUID, allowNull: false },
      document_id: { type: DataTypes.UUID, allowNull: false },
      signer_name: { type: DataTypes.TEXT, allowNull: true },
      signer_email: { type: DataTypes.TEXT, allowNull: false },
      signer_role: { type: DataTypes.TEXT, allowNull: true },
      signed_at: { type: DataTypes.DATE, allowNull: true },
      signature_data: { type: DataTypes.TEXT, allowNull: true },
      ip_address: { type: DataTypes.INET, allowNull: true },
      user_agent: { type: DataTypes.TEXT, allowNull: true },
      is_signed: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      created_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
      updated_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
    },
    { sequelize, tableName: 'document_signatures', createdAt: 'created_at', updatedAt: 'updated_at' },
  );
  return DocumentSignature;
}
