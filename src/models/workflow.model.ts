import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';

export const WORKFLOW_STATUSES = ['active', 'inactive', 'paused'] as const;
export type WorkflowStatus = (typeof WORKFLOW_STATUSES)[number];

export const WORKFLOW_TRIGGER_TYPES = [
  'deal_created',
  'deal_stage_changed',
  'deal_won',
  'deal_lost',
  'contact_created',
  'activity_completed',
  'email_opened',
  'document_signed',
  'scheduled',
] as const;
export type WorkflowTriggerType = (typeof WORKFLOW_TRIGGER_TYPES)[number];

/** An automation rule: on a trigger, when conditions hold, run actions in order (S2 workflows). */
export class Workflow extends Model<InferAttributes<Workflow>, InferCreationAttributes<Workflow>> {
  declare id: CreationOptional<string>;
  declare workspace_id: string;
  declare name: string;
  declare description: CreationOptional<string | null>;
  declare status: CreationOptional<WorkflowStatus>;
  declare trigger_type: WorkflowTriggerType;
  declare trigger_conditions: CreationOptional<Record<string, unknown>>;
  declare actions: CreationOptional<Record<string, unknown>[]>;
  declare execution_order: CreationOptional<number>;
  declare max_executions: CreationOptional<number | null>;
  declare execution_count: CreationOptional<number>;
  declare owner_id: CreationOptional<string | null>;
  declare last_executed_at: CreationOptional<Date | null>;
  declare created_at: CreationOptional<Date>;
  declare updated_at: CreationOptional<Date>;
}

export function initWorkflow(sequelize: Sequelize): typeof Workflow {
  Workflow.init(
    {
      id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
      workspace_id: { type: DataTypes.UUID, allowNull: false },
      name: { type: DataTypes.TEXT, allowNull: false },
      description: { type: DataTypes.TEXT, allowNull: true },
      status: { type: DataTypes.ENUM(...WORKFLOW_STATUSES), allowNull: false, defaultValue: 'inactive' },
      trigger_type: { type: DataTypes.ENUM(...WORKFLOW_TRIGGER_TYPES), allowNull: false },
      trigger_conditions: { type: DataTypes.JSONB, allowNull: false, defaultValue: {} },
      actions: { type: DataTypes.JSONB, allowNull: false, defaultValue: [] },
      execution_order: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      max_executions: { type: DataTypes.INTEGER, allowNull: true, validate: { min: 1 } },
      execution_count: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0, validate: { min: 0 } },
      owner_id: { type: DataTypes.UUID, allowNull: true },
      last_executed_at: { type: DataTypes.DATE, allowNull: true },
      created_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
      updated_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
    },
    { sequelize, tableName: 'workflows', createdAt: 'created_at', updatedAt: 'updated_at' },
  );
  return Workflow;
}
