import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';

/** E-mail delivery and engagement for one campaign, template and sender (each or none) on one day (S2 email_metrics). */
export class EmailMetric extends Model<InferAttributes<EmailMetric>, InferCreationAttributes<EmailMetric>> {
  declare id: CreationOptional<string>;
  declare workspace_id: string;
  declare campaign_id: CreationOptional<string | null>;
  declare template_id: CreationOptional<string | null>;
  declare user_id: CreationOptional<string | null>;
  declare date: string;
  declare sent: CreationOptional<number>;
  declare delivered: CreationOptional<number>;
  declare opened: CreationOptional<number>;
  declare clicked: CreationOptional<number>;
  declare bounced: CreationOptional<number>;
  declare unsubscribed: CreationOptional<number>;
  declare unique_opens: CreationOptional<number>;
  declare unique_clicks: CreationOptional<number>;
  declare open_rate: CreationOptional<string | null>;
  declare click_rate: CreationOptional<string | null>;
  declare bounce_rate: CreationOptional<string | null>;
  declare click_to_open_rate: CreationOptional<string | null>;
  declare last_updated: CreationOptional<Date>;
  declare created_at: CreationOptional<Date>;
  declare updated_at: CreationOptional<Date>;
}

export function initEmailMetric(sequelize: Sequelize): typeof EmailMetric {
  EmailMetric.init(
    {
      id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
      workspace_id: { type: DataTypes.UUID, allowNull: false },
      campaign_id: { type: DataTypes.UUID, allowNull: true },
      template_id: { type: DataTypes.UUID, allowNull: true },
      user_id: { type: DataTypes.UUID, allowNull: true },
      date: { type: DataTypes.DATEONLY, allowNull: false },
      sent: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      delivered: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      opened: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      clicked: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      bounced: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      unsubscribed: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      unique_opens: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      unique_clicks: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      open_rate: { type: DataTypes.DECIMAL(5, 2), allowNull: true },
      click_rate: { type: DataTypes.DECIMAL(5, 2), allowNull: true },
      bounce_rate: { type: DataTypes.DECIMAL(5, 2), allowNull: true },
      click_to_open_rate: { type: DataTypes.DECIMAL(5, 2), allowNull: true },
      last_updated: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
      created_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
      updated_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
    },
    { sequelize, tableName: 'email_metrics', createdAt: 'created_at', updatedAt: 'updated_at' },
  );
  return EmailMetric;
}
