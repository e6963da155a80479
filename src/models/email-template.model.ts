import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';

/** A reusable e-mail body with subject and category (S2 email_templates). */
export class EmailTemplate extends Model<InferAttributes<EmailTemplate>, InferCreationAttributes<EmailTemplate>> {
  declare id: CreationOptional<string>;
  declare workspace_id: string;
  declare name: string;
  declare subject: CreationOptional<string | null>;
  declare body_html: CreationOptional<string | null>;
  declare body_text: CreationOptional<string | null>;
  declare category: CreationOptional<string | null>;
  declare created_at: CreationOptional<Date>;
  declare updated_at: CreationOptional<Date>;
}

export function initEmailTemplate(sequelize: Sequelize): typeof EmailTemplate {
  EmailTemplate.init(
    {
      id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
      workspace_id: { type: DataTypes.UUID, allowNull: false },
      name: { type: DataTypes.TEXT, allowNull: false },
      subject: { type: DataTypes.TEXT, allowNull: true },
      body_html: { type: DataTypes.TEXT, allowNull: true },
      body_text: { type: DataTypes.TEXT, allowNull: true },
      category: { type: DataTypes.TEXT, allowNull: true },
      created_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
      updated_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
    },
    { sequelize, tableName: 'email_templates', createdAt: 'created_at', updatedAt: 'updated_at' },
  );
  return EmailTemplate;
}
