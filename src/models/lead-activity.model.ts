import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';

export const LEAD_ACTIVITY_TYPES = [
  'page_view', 'form_submit', 'email_open', 'email_click', 'demo_request', 'pricing_viewed',
  'signup_started', 'resource_downloaded',
] as const;
export type LeadActivityType = (typeof LEAD_ACTIVITY_TYPES)[number];

/** One behavioural signal of a lead, scored into leads.lead_score (S3 lead_activities). */
export class LeadActivity extends Model<InferAttributes<LeadActivity>, InferCreationAttributes<LeadActivity>> {
  declare id: CreationOptional<string>;
  declare workspace_id: string;
  declare lead_id: string;
  declare activity_type: LeadActivityType;
  declare activity_data: CreationOptional<Record<string, unknown>>;
  declare page_url: CreationOptional<string | null>;
  declare ip_address: CreationOptional<string | null>;
  declare user_agent: CreationOptional<string | null>;
  declare country: CreationOptional<string | null>;
  declare city: CreationOptional<string | null>;
  declare created_at: CreationOptional<Date>;
  declare updated_at: CreationOptional<Date>;
}

export function initLeadActivity(sequelize: Sequelize): typeof LeadActivity {
  LeadActivity.init(
    {
      id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
      workspace_id: { type: DataTypes.UUID, allowNull: false },
      lead_id: { type: DataTypes.UUID, allowNull: false },
      activity_type: { type: DataTypes.ENUM(...LEAD_ACTIVITY_TYPES), allowNull: false },
      activity_data: { type: DataTypes.JSONB, allowNull: false, defaultValue: {} },
      page_url: { type: DataTypes.TEXT, allowNull: true },
      ip_address: { type: DataTypes.INET, allowNull: true },
      user_agent: { type: DataTypes.TEXT, allowNull: true },
      country: { type: DataTypes.TEXT, allowNull: true },
      city: { type: DataTypes.TEXT, allowNull: true },
      created_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
      updated_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
    },
    { sequelize, tableName: 'lead_activities', createdAt: 'created_at', updatedAt: 'updated_at' },
  );
  return LeadActivity;
}
