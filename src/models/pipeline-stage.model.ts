import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';

/**
 * A task template in `pipeline_stages.auto_tasks`: a task created when a deal enters the stage.
 * S3 does not fix its shape, so it stays an open object.
 */
export type PipelineStageAutoTask = Record<string, unknown>;

/** One stage of a pipeline (S2 pipeline_stages; S3 pipeline_stages of a pipeline template). */
export class PipelineStage extends Model<InferAttributes<PipelineStage>, InferCreationAttributes<PipelineStage>> {
  declare id: CreationOptional<string>;
  declare workspace_id: string;
  declare pipeline_id: string;
  declare name: string;
  declare description: CreationOptional<string | null>;
  declare order_index: number;
  declare color_code: CreationOptional<string | null>;
  /** Win probability in percent, 0–100 (NUMERIC(5,2) as a string). */
  declare probability: CreationOptional<string>;
  declare is_closed: CreationOptional<boolean>;
  declare is_won: CreationOptional<boolean>;
  declare is_lost: CreationOptional<boolean>;
  declare auto_tasks: CreationOptional<PipelineStageAutoTask[]>;
  /** Deal field names that must be filled before a deal leaves the stage. */
  declare required_fields: CreationOptional<string[]>;
  declare expected_duration_days: CreationOptional<number | null>;
  /** Historical conversion in percent, 0–100. */
  declare conversion_rate: CreationOptional<string | null>;
  declare created_at: CreationOptional<Date>;
  declare updated_at: CreationOptional<Date>;
}

export function initPipelineStage(sequelize: Sequelize): typeof PipelineStage {
  PipelineStage.init(
    {
      id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
      workspace_id: { type: DataTypes.UUID, allowNull: false },
      pipeline_id: { type: DataTypes.UUID, allowNull: false },
      name: { type: DataTypes.TEXT, allowNull: false },
      description: { type: DataTypes.TEXT, allowNull: true },
      order_index: { type: DataTypes.INTEGER, allowNull: false, validate: { min: 0 } },
      color_code: { type: DataTypes.TEXT, allowNull: true },
      probability: { type: DataTypes.DECIMAL(5, 2), allowNull: false, defaultValue: 0, validate: { min: 0, max: 100 } },
      is_closed: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      is_won: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      is_lost: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      auto_tasks: { type: DataTypes.JSONB, allowNull: false, defaultValue: [] },
      required_fields: { type: DataTypes.JSONB, allowNull: false, defaultValue: [] },
      expected_duration_days: { type: DataTypes.INTEGER, allowNull: true, validate: { min: 0 } },
      conversion_rate: { type: DataTypes.DECIMAL(5, 2), allowNull: true, validate: { min: 0, max: 100 } },
      created_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
      updated_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
    },
    { sequelize, tableName: 'pipeline_stages', createdAt: 'created_at', updatedAt: 'updated_at' },
  );
  return PipelineStage;
}
