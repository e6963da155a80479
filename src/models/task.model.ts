import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';

/** S3 'open' is stored as 'pending'; S1 is_completed true/false as 'completed'/'pending'. */
export const TASK_STATUSES = ['in_progress', 'completed', 'pending', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** Statuses of a task still to be done (the open-tasks index covers exactly these). */
export const OPEN_TASK_STATUSES = ['pending', 'in_progress'] as const satisfies readonly TaskStatus[];

export const TASK_PRIORITIES = ['low', 'medium', 'high', 'urgent'] as const;
export type TaskPriority = (typeof TASK_PRIORITIES)[number];

/** A to-do for a user, optionally linked to CRM records (S1 sales_tasks, S3 tasks, S4 tasks). */
export class Task extends Model<InferAttributes<Task>, InferCreationAttributes<Task>> {
  declare id: CreationOptional<string>;
  declare workspace_id: string;
  declare title: string;
  declare description: CreationOptional<string | null>;
  declare status: CreationOptional<TaskStatus>;
  declare priority: CreationOptional<TaskPriority>;
  declare due_at: CreationOptional<Date | null>;
  declare completed_at: CreationOptional<Date | null>;
  declare assigned_to: CreationOptional<string | null>;
  declare contact_id: CreationOptional<string | null>;
  declare account_id: CreationOptional<string | null>;
  declare lead_id: CreationOptional<string | null>;
  declare deal_id: CreationOptional<string | null>;
  declare opportunity_id: CreationOptional<string | null>;
  /** The workflow that created the task. */
  declare workflow_id: CreationOptional<string | null>;
  /** The stage whose auto_tasks created the task. */
  declare pipeline_stage_id: CreationOptional<string | null>;
  declare created_at: CreationOptional<Date>;
  declare updated_at: CreationOptional<Date>;
}

export function initTask(sequelize: Sequelize): typeof Task {
  Task.init(
    {
      id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
      workspace_id: { type: DataTypes.UUID, allowNull: false },
      title: { type: DataTypes.TEXT, allowNull: false },
      description: { type: DataTypes.TEXT, allowNull: true },
      status: { type: DataTypes.ENUM(...TASK_STATUSES), allowNull: false, defaultValue: 'pending' },
      priority: { type: DataTypes.ENUM(...TASK_PRIORITIES), allowNull: false, defaultValue: 'medium' },
      due_at: { type: DataTypes.DATE, allowNull: true },
      completed_at: { type: DataTypes.DATE, allowNull: true },
      assigned_to: { type: DataTypes.UUID, allowNull: true },
      contact_id: { type: DataTypes.UUID, allowNull: true },
      account_id: { type: DataTypes.UUID, allowNull: true },
      lead_id: { type: DataTypes.UUID, allowNull: true },
      deal_id: { type: DataTypes.UUID, allowNull: true },
      opportunity_id: { type: DataTypes.UUID, allowNull: true },
      workflow_id: { type: DataTypes.UUID, allowNull: true },
      pipeline_stage_id: { type: DataTypes.UUID, allowNull: true },
      created_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
      updated_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
    },
    { sequelize, tableName: 'tasks', createdAt: 'created_at', updatedAt: 'updated_at' },
  );
  return Task;
}
