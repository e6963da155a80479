import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';

/** Document sending and e-signature performance for one document type and owner (each or all) on one day (S2 document_metrics). */
export class DocumentMetric extends Model<InferAttributes<DocumentMetric>, InferCreationAttributes<DocumentMetric>> {
  declare id: CreationOptional<string>;
  declare workspace_id: string;
  declare document_type: CreationOptional<string | null>;
  declare owner_id: CreationOptional<string | null>;
  declare date: string;
  declare total_documents: CreationOptional<number>;
  declare sent_documents: CreationOptional<number>;
  declare viewed_documents: CreationOptional<number>;
  declare signed_documents: CreationOptional<number>;
  declare declined_documents: CreationOptional<number>;
  declare expired_documents: CreationOptional<number>;
  declare completion_rate: CreationOptional<string | null>;
  declare avg_time_to_sign_hours: CreationOptional<number | null>;
  declare avg_view_count: CreationOptional<number | null>;
  declare avg_reminder_count: CreationOptional<number | null>;
  declare last_updated: CreationOptional<Date>;
  declare created_at: CreationOptional<Date>;
  declare updated_at: CreationOptional<Date>;
}

export function initDocumentMetric(sequelize: Sequelize): typeof DocumentMetric {
  DocumentMetric.init(
    {
      id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
      workspace_id: { type: DataTypes.UUID, allowNull: false },
      document_type: { type: DataTypes.TEXT, allowNull: true },
      owner_id: { type: DataTypes.UUID, allowNull: true },
      date: { type: DataTypes.DATEONLY, allowNull: false },
      total_documents: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      sent_documents: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      viewed_documents: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      signed_documents: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      declined_documents: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      expired_documents: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      completion_rate: { type: DataTypes.DECIMAL(5, 2), allowNull: true },
      avg_time_to_sign_hours: { type: DataTypes.DOUBLE, allowNull: true },
      avg_view_count: { type: DataTypes.DOUBLE, allowNull: true },
      avg_reminder_count: { type: DataTypes.DOUBLE, allowNull: true },
      last_updated: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
      created_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
      updated_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
    },
    { sequelize, tableName: 'document_metrics', createdAt: 'created_at', updatedAt: 'updated_at' },
  );
  return DocumentMetric;
}
