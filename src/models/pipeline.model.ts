import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';

export const PIPELINE_DEAL_TYPES = ['standard', 'large_project', 'residential', 'commercial'] as const;
export type PipelineDealType = (typeof PIPELINE_DEAL_TYPES)[number];

/** A sales pipeline, an ordered set of stages (S2 pipelines; S3 pipeline_templates). */
export class Pipeline extends Model<InferAttributes<Pipeline>, InferCreationAttributes<Pipeline>> {
  declare id: CreationOptional<string>;
  declare workspace_id: string;
  declare name: string;
  declare description: CreationOptional<string | null>;
  /** NULL: the pipeline serves any deal type. */
  declare deal_type: CreationOptional<PipelineDealType | null>;
  declare is_default: CreationOptional<boolean>;
  declare is_active: CreationOptional<boolean>;
  declare order_index: CreationOptional<number>;
  declare created_at: CreationOptional<Date>;
  declare updated_at: CreationOptional<Date>;
}

export function initPipeline(sequelize: Sequelize): typeof Pipeline {
  Pipeline.init(
    {
      id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
      workspace_id: { type: DataTypes.UUID, allowNull: false },
      name: { type: DataTypes.TEXT, allowNull: false },
      description: { type: DataTypes.TEXT, allowNull: true },
      deal_type: { type: DataTypes.ENUM(...PIPELINE_DEAL_TYPES), allowNull: true },
      is_default: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      is_active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
      order_index: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      created_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
      updated_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
    },
    { sequelize, tableName: 'pipelines', createdAt: 'created_at', updatedAt: 'updated_at' },
  );
  return Pipeline;
}
