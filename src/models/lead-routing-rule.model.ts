import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';
import { routingConditionProblems, routingTaskProblems } from '../domain/leads/routing-rule-check.js';
import { Lead, LEAD_PRIORITIES, type LeadPriority } from './lead.model.js';

/** A rule sets a lead's priority, so its values are exactly leads.priority's (schema_review A10). */
export const LEAD_ROUTING_RULE_SET_PRIORITIES = LEAD_PRIORITIES;
export type LeadRoutingRuleSetPriority = LeadPriority;

/** An automatic lead-assignment rule, tried by priority, with optional round robin (S3 lead_routing_rules). */
export class LeadRoutingRule extends Model<InferAttributes<LeadRoutingRule>, InferCreationAttributes<LeadRoutingRule>> {
  declare id: CreationOptional<string>;
  declare workspace_id: string;
  declare name: string;
  declare description: CreationOptional<string | null>;
  declare priority: CreationOptional<number>;
  declare is_active: CreationOptional<boolean>;
  declare conditions: CreationOptional<Record<string, unknown>>;
  declare assign_to_user_id: CreationOptional<string | null>;
  declare assign_to_team: CreationOptional<string | null>;
  declare set_priority: CreationOptional<LeadRoutingRuleSetPriority | null>;
  declare add_tags: CreationOptional<string[]>;
  declare auto_create_tasks: CreationOptional<Record<string, unknown>[]>;
  declare use_round_robin: CreationOptional<boolean>;
  declare round_robin_users: CreationOptional<string[]>;
  declare last_assigned_user_id: CreationOptional<string | null>;
  declare created_at: CreationOptional<Date>;
  declare updated_at: CreationOptional<Date>;
}

function failWith(problems: string[]): void {
  if (problems.length) throw new Error(problems.join('; '));
}

export function initLeadRoutingRule(sequelize: Sequelize): typeof LeadRoutingRule {
  LeadRoutingRule.init(
    {
      id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
      workspace_id: { type: DataTypes.UUID, allowNull: false },
      name: { type: DataTypes.TEXT, allowNull: false },
      description: { type: DataTypes.TEXT, allowNull: true },
      priority: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      is_active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
      conditions: {
        type: DataTypes.JSONB, allowNull: false, defaultValue: {},
        // Refused at save with the bad field, operator or key and its path (the trigger would only skip it).
        validate: { routable: (value: unknown) => failWith(routingConditionProblems(value, Object.keys(Lead.getAttributes()))) },
      },
      assign_to_user_id: { type: DataTypes.UUID, allowNull: true },
      assign_to_team: { type: DataTypes.TEXT, allowNull: true },
      set_priority: { type: DataTypes.ENUM(...LEAD_ROUTING_RULE_SET_PRIORITIES), allowNull: true },
      add_tags: { type: DataTypes.ARRAY(DataTypes.TEXT), allowNull: false, defaultValue: [] },
      auto_create_tasks: {
        type: DataTypes.JSONB, allowNull: false, defaultValue: [],
        validate: { taskTemplates: (value: unknown) => failWith(routingTaskProblems(value)) },
      },
      use_round_robin: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      round_robin_users: { type: DataTypes.ARRAY(DataTypes.UUID), allowNull: false, defaultValue: [] },
      last_assigned_user_id: { type: DataTypes.UUID, allowNull: true },
      created_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
      updated_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
    },
    { sequelize, tableName: 'lead_routing_rules', createdAt: 'created_at', updatedAt: 'updated_at' },
  );
  return LeadRoutingRule;
}
