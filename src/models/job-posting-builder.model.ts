import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';

export const JOB_POSTING_BUILDER_STATUSES = ['shared', 'applied', 'interview', 'offer', 'hired', 'declined'] as const;
export type JobPostingBuilderStatus = (typeof JOB_POSTING_BUILDER_STATUSES)[number];

/** A job posting shared with one Builder, and that Builder's progress (S0 job_posting_builders). */
export class JobPostingBuilder extends Model<
  InferAttributes<JobPostingBuilder>,
  InferCreationAttributes<JobPostingBuilder>
> {
  declare id: CreationOptional<string>;
  declare workspace_id: string;
  declare job_posting_id: string;
  declare builder_name: string;
  // Nullable with a default, as S0 writes it.
  declare status: CreationOptional<JobPostingBuilderStatus | null>;
  declare shared_date: CreationOptional<string | null>;
  declare notes: CreationOptional<string | null>;
  declare created_at: CreationOptional<Date>;
  declare updated_at: CreationOptional<Date>;
}

export function initJobPostingBuilder(sequelize: Sequelize): typeof JobPostingBuilder {
  JobPostingBuilder.init(
    {
      id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
      workspace_id: { type: DataTypes.UUID, allowNull: false },
      job_posting_id: { type: DataTypes.UUID, allowNull: false },
      builder_name: { type: DataTypes.TEXT, allowNull: false },
      status: { type: DataTypes.ENUM(...JOB_POSTING_BUILDER_STATUSES), allowNull: true, defaultValue: 'shared' },
      // DB default CURRENT_DATE; left to the database so the date is the server's, not the app's.
      shared_date: { type: DataTypes.DATEONLY, allowNull: true },
      notes: { type: DataTypes.TEXT, allowNull: true },
      created_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
      updated_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
    },
    { sequelize, tableName: 'job_posting_builders', createdAt: 'created_at', updatedAt: 'updated_at' },
  );
  return JobPostingBuilder;
}
