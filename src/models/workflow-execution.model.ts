import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';

/** Run states (TEXT + CHECK in the database; S2 gives no list). */
export const WORKFLOW_EXECUTION_STATUSES = ['running', 'completed', 'failed', 'cancelled'] as const;
export type WorkflowExecutionStatus = (typeof WORKFLOW_EXECUTION_STATUSES)[number];

/** One run of a workflow: its trigger payload, the actions it executed and the outcome (S2 workflow_executions). */
export class WorkflowExecution extends Model<
  InferAttributes<WorkflowExecution>,
  InferCreationAttributes<WorkflowExecution>
> {
  declare id: CreationOptional<string>;
  declare workspace_id: string;
  declare workflow_id: string;
  declare status: CreationOptional<WorkflowExecutionStatus>;
  declare trigger_data: CreationOptional<Record<string, unknown>>;
  declare actions_executed: CreationOptional<Record<string, unknown>[]>;
  declare success_count: CreationOptional<number>;
  declare failure_count: CreationOptional<number>;
  declare error_message: CreationOptional<string | null>;
  declare started_at: CreationOptional<Date>;
  declare completed_at: CreationOptional<Date | null>;
  declare duration_seconds: CreationOptional<number | null>;
  declare created_at: CreationOptional<Date>;
  declare updated_at: CreationOptional<Date>;
}

export function initWorkflowExecution(sequelize: Sequelize): typeof WorkflowExecution {
  WorkflowExecution.init(
    {
      id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
      workspace_id: { type: DataTypes.UUID, allowNull: false },
      workflow_id: { type: DataTypes.UUID, allowNull: false },
      status: {
        type: DataTypes.TEXT,
        allowNull: false,
        defaultValue: 'running',
        validate: { isIn: [[...WORKFLOW_EXECUTION_STATUSES]] },
      },
      trigger_data: { type: DataTypes.JSONB, allowNull: false, defaultValue: {} },
      actions_executed: { type: DataTypes.JSONB, allowNull: false, defaultValue: [] },
      success_count: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      failure_count: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      error_message: { type: DataTypes.TEXT, allowNull: true },
      started_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
      completed_at: { type: DataTypes.DATE, allowNull: true },
      duration_seconds: { type: DataTypes.DOUBLE, allowNull: true },
      created_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
      updated_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
    },
    { sequelize, tableName: 'workflow_executions', createdAt: 'created_at', updatedAt: 'updated_at' },
  );
  return WorkflowExecution;
}
