import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';

export const ACTION_QUEUE_TYPES = [
  'new_matches',
  'chat_followup',
  'no_response',
  'parse_failure',
  'intervention_needed',
] as const;
export type ActionQueueType = (typeof ACTION_QUEUE_TYPES)[number];

// Enum order high -> low: ORDER BY priority lists the most urgent first.
export const ACTION_QUEUE_PRIORITIES = ['high', 'medium', 'low'] as const;
export type ActionQueuePriority = (typeof ACTION_QUEUE_PRIORITIES)[number];

/** An item in a recruiter's "My Action Queue" panel (S1 action_queue). */
export class ActionQueueItem extends Model<InferAttributes<ActionQueueItem>, InferCreationAttributes<ActionQueueItem>> {
  declare id: CreationOptional<string>;
  declare workspace_id: string;
  declare user_id: string;
  declare type: ActionQueueType;
  declare title: string;
  declare description: CreationOptional<string | null>;
  declare priority: CreationOptional<ActionQueuePriority>;
  declare related_job_id: CreationOptional<string | null>;
  declare related_candidate_id: CreationOptional<string | null>;
  declare is_dismissed: CreationOptional<boolean>;
  declare created_at: CreationOptional<Date>;
  declare updated_at: CreationOptional<Date>;
}

export function initActionQueueItem(sequelize: Sequelize): typeof ActionQueueItem {
  ActionQueueItem.init(
    {
      id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
      workspace_id: { type: DataTypes.UUID, allowNull: false },
      user_id: { type: DataTypes.UUID, allowNull: false },
      type: { type: DataTypes.ENUM(...ACTION_QUEUE_TYPES), allowNull: false },
      title: { type: DataTypes.TEXT, allowNull: false },
      description: { type: DataTypes.TEXT, allowNull: true },
      priority: { type: DataTypes.ENUM(...ACTION_QUEUE_PRIORITIES), allowNull: false, defaultValue: 'medium' },
      related_job_id: { type: DataTypes.UUID, allowNull: true },
      related_candidate_id: { type: DataTypes.UUID, allowNull: true },
      is_dismissed: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      created_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
      updated_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
    },
    { sequelize, tableName: 'action_queue', createdAt: 'created_at', updatedAt: 'updated_at' },
  );
  return ActionQueueItem;
}
