import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';

export const OPPORTUNITY_STAGES = ['prospecting', 'qualified', 'proposal', 'negotiation', 'won', 'lost'] as const;
export type OpportunityStage = (typeof OPPORTUNITY_STAGES)[number];

export const OPPORTUNITY_RISK_LEVELS = ['low', 'medium', 'high'] as const;
export type OpportunityRiskLevel = (typeof OPPORTUNITY_RISK_LEVELS)[number];

/** A sales opportunity: a project or bid before it becomes a deal (S3 opportunities). */
export class Opportunity extends Model<InferAttributes<Opportunity>, InferCreationAttributes<Opportunity>> {
  declare id: CreationOptional<string>;
  declare workspace_id: string;
  declare name: string;
  declare description: CreationOptional<string | null>;
  declare project_type: CreationOptional<string | null>;
  declare lead_id: CreationOptional<string | null>;
  declare contact_id: CreationOptional<string | null>;
  /** The BuildDesk project it became; no FK (projects are not in this database). */
  declare project_id: CreationOptional<string | null>;
  declare estimated_value: string;
  declare actual_value: CreationOptional<string | null>;
  declare probability_percent: CreationOptional<string | null>;
  declare stage: CreationOptional<OpportunityStage>;
  declare pipeline_position: CreationOptional<number | null>;
  declare expected_close_date: CreationOptional<string | null>;
  declare bid_required: CreationOptional<boolean>;
  declare bid_due_date: CreationOptional<string | null>;
  declare proposal_sent_date: CreationOptional<string | null>;
  declare contract_signed_date: CreationOptional<string | null>;
  declare competitor_names: CreationOptional<string[]>;
  declare our_competitive_advantage: CreationOptional<string | null>;
  declare key_decision_factors: CreationOptional<string[]>;
  declare risk_level: CreationOptional<OpportunityRiskLevel | null>;
  declare risk_factors: CreationOptional<string[]>;
  declare mitigation_strategies: CreationOptional<string | null>;
  declare account_manager: CreationOptional<string | null>;
  declare estimator: CreationOptional<string | null>;
  declare project_manager: CreationOptional<string | null>;
  declare close_date: CreationOptional<string | null>;
  declare close_reason: CreationOptional<string | null>;
  declare notes: CreationOptional<string | null>;
  declare tags: CreationOptional<string[]>;
  declare created_at: CreationOptional<Date>;
  declare updated_at: CreationOptional<Date>;
}

export function initOpportunity(sequelize: Sequelize): typeof Opportunity {
  Opportunity.init(
    {
      id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
      workspace_id: { type: DataTypes.UUID, allowNull: false },
      name: { type: DataTypes.TEXT, allowNull: false },
      description: { type: DataTypes.TEXT, allowNull: true },
      project_type: { type: DataTypes.TEXT, allowNull: true },
      lead_id: { type: DataTypes.UUID, allowNull: true },
      contact_id: { type: DataTypes.UUID, allowNull: true },
      project_id: { type: DataTypes.UUID, allowNull: true },
      estimated_value: { type: DataTypes.DECIMAL(15, 2), allowNull: false, validate: { min: 0 } },
      actual_value: { type: DataTypes.DECIMAL(15, 2), allowNull: true, validate: { min: 0 } },
      probability_percent: { type: DataTypes.DECIMAL(5, 2), allowNull: true, validate: { min: 0, max: 100 } },
      stage: { type: DataTypes.ENUM(...OPPORTUNITY_STAGES), allowNull: false, defaultValue: 'prospecting' },
      pipeline_position: { type: DataTypes.INTEGER, allowNull: true },
      expected_close_date: { type: DataTypes.DATEONLY, allowNull: true },
      bid_required: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      bid_due_date: { type: DataTypes.DATEONLY, allowNull: true },
      proposal_sent_date: { type: DataTypes.DATEONLY, allowNull: true },
      contract_signed_date: { type: DataTypes.DATEONLY, allowNull: true },
      competitor_names: { type: DataTypes.ARRAY(DataTypes.TEXT), allowNull: false, defaultValue: [] },
      our_competitive_advantage: { type: DataTypes.TEXT, allowNull: true },
      key_decision_factors: { type: DataTypes.ARRAY(DataTypes.TEXT), allowNull: false, defaultValue: [] },
      risk_level: { type: DataTypes.ENUM(...OPPORTUNITY_RISK_LEVELS), allowNull: true },
      risk_factors: { type: DataTypes.ARRAY(DataTypes.TEXT), allowNull: false, defaultValue: [] },
      mitigation_strategies: { type: DataTypes.TEXT, allowNull: true },
      account_manager: { type: DataTypes.UUID, allowNull: true },
      estimator: { type: DataTypes.UUID, allowNull: true },
      project_manager: { type: DataTypes.UUID, allowNull: true },
      close_date: { type: DataTypes.DATEONLY, allowNull: true },
      close_reason: { type: DataTypes.TEXT, allowNull: true },
      notes: { type: DataTypes.TEXT, allowNull: true },
      tags: { type: DataTypes.ARRAY(DataTypes.TEXT), allowNull: false, defaultValue: [] },
      created_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
      updated_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
    },
    { sequelize, tableName: 'opportunities', createdAt: 'created_at', updatedAt: 'updated_at' },
  );
  return Opportunity;
}
