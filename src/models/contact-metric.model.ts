import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';

/** Contact acquisition and conversion for one source, status and owner (each or all) on one day (S2 contact_metrics). */
export class ContactMetric extends Model<InferAttributes<ContactMetric>, InferCreationAttributes<ContactMetric>> {
  declare id: CreationOptional<string>;
  declare workspace_id: string;
  declare source: CreationOptional<string | null>;
  declare status: CreationOptional<string | null>;
  declare owner_id: CreationOptional<string | null>;
  declare date: string;
  declare total_contacts: CreationOptional<number>;
  declare new_contacts: CreationOptional<number>;
  declare qualified_contacts: CreationOptional<number>;
  declare converted_contacts: CreationOptional<number>;
  declare conversion_rate: CreationOptional<string | null>;
  declare avg_time_to_convert_days: CreationOptional<number | null>;
  declare avg_deal_value: CreationOptional<string | null>;
  declare avg_lead_score: CreationOptional<number | null>;
  declare high_score_count: CreationOptional<number>;
  declare last_updated: CreationOptional<Date>;
  declare created_at: CreationOptional<Date>;
  declare updated_at: CreationOptional<Date>;
}

export function initContactMetric(sequelize: Sequelize): typeof ContactMetric {
  ContactMetric.init(
    {
      id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
      workspace_id: { type: DataTypes.UUID, allowNull: false },
      source: { type: DataTypes.TEXT, allowNull: true },
      status: { type: DataTypes.TEXT, allowNull: true },
      owner_id: { type: DataTypes.UUID, allowNull: true },
      date: { type: DataTypes.DATEONLY, allowNull: false },
      total_contacts: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      new_contacts: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      qualified_contacts: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      converted_contacts: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      conversion_rate: { type: DataTypes.DECIMAL(5, 2), allowNull: true },
      avg_time_to_convert_days: { type: DataTypes.DOUBLE, allowNull: true },
      avg_deal_value: { type: DataTypes.DECIMAL(15, 2), allowNull: true },
      avg_lead_score: { type: DataTypes.DOUBLE, allowNull: true },
      high_score_count: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      last_updated: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
      created_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
      updated_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
    },
    { sequelize, tableName: 'contact_metrics', createdAt: 'created_at', updatedAt: 'updated_at' },
  );
  return ContactMetric;
}
