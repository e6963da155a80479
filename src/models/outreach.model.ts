import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';

export const OUTREACH_CONTACT_METHODS = ['email', 'linkedin', 'phone', 'in_person', 'other'] as const;
export type OutreachContactMethod = (typeof OUTREACH_CONTACT_METHODS)[number];

export const OUTREACH_STATUSES = [
  'attempted',
  'responded',
  'interested',
  'meeting_scheduled',
  'opportunity_created',
  'not_interested',
  'no_response',
] as const;
export type OutreachStatus = (typeof OUTREACH_STATUSES)[number];

/** A staff member's contact attempt with a potential employer (S0 outreach, pathway 1). */
export class Outreach extends Model<InferAttributes<Outreach>, InferCreationAttributes<Outreach>> {
  declare id: CreationOptional<string>;
  declare workspace_id: string;
  declare staff_user_id: string;
  declare contact_name: CreationOptional<string | null>;
  declare contact_title: CreationOptional<string | null>;
  declare company_name: string;
  declare linkedin_url: CreationOptional<string | null>;
  declare contact_method: CreationOptional<OutreachContactMethod | null>;
  declare outreach_date: string;
  declare status: CreationOptional<OutreachStatus>;
  declare notes: CreationOptional<string | null>;
  declare response_notes: CreationOptional<string | null>;
  declare created_at: CreationOptional<Date>;
  declare updated_at: CreationOptional<Date>;
}

export function initOutreach(sequelize: Sequelize): typeof Outreach {
  Outreach.init(
    {
      id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
      workspace_id: { type: DataTypes.UUID, allowNull: false },
      staff_user_id: { type: DataTypes.UUID, allowNull: false },
      contact_name: { type: DataTypes.TEXT, allowNull: true },
      contact_title: { type: DataTypes.TEXT, allowNull: true },
      company_name: { type: DataTypes.TEXT, allowNull: false },
      linkedin_url: { type: DataTypes.TEXT, allowNull: true },
      contact_method: { type: DataTypes.ENUM(...OUTREACH_CONTACT_METHODS), allowNull: true },
      outreach_date: { type: DataTypes.DATEONLY, allowNull: false },
      status: { type: DataTypes.ENUM(...OUTREACH_STATUSES), allowNull: false, defaultValue: 'attempted' },
      notes: { type: DataTypes.TEXT, allowNull: true },
      response_notes: { type: DataTypes.TEXT, allowNull: true },
      created_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
      updated_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
    },
    { sequelize, tableName: 'outreach', createdAt: 'created_at', updatedAt: 'updated_at' },
  );
  return Outreach;
}
