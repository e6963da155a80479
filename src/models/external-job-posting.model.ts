import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';

// Open lists (SCHEMA decision): the columns are TEXT; these are the choices the panel suggests.
export const EXTERNAL_JOB_POSTING_SOURCE_SUGGESTIONS = ['ai_scraper', 'linkedin', 'indeed'] as const;
export const EXTERNAL_JOB_POSTING_JOB_TYPE_SUGGESTIONS = ['remote', 'contract', 'full_time'] as const;

/** A "Daily Hot Drop": an external job found by the AI, cached until expires_at (S1 external_job_postings). */
export class ExternalJobPosting extends Model<
  InferAttributes<ExternalJobPosting>,
  InferCreationAttributes<ExternalJobPosting>
> {
  declare id: CreationOptional<string>;
  declare workspace_id: string;
  declare source: CreationOptional<string | null>;
  declare original_url: string;
  declare title: string;
  declare company_name: CreationOptional<string | null>;
  declare location: CreationOptional<string | null>;
  declare posted_date: CreationOptional<string | null>;
  declare summary: CreationOptional<string | null>;
  declare salary_text: CreationOptional<string | null>;
  declare job_type: CreationOptional<string | null>;
  declare fetched_at: CreationOptional<Date>;
  declare expires_at: Date;
  declare created_at: CreationOptional<Date>;
  declare updated_at: CreationOptional<Date>;
}

export function initExternalJobPosting(sequelize: Sequelize): typeof ExternalJobPosting {
  ExternalJobPosting.init(
    {
      id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
      workspace_id: { type: DataTypes.UUID, allowNull: false },
      source: { type: DataTypes.TEXT, allowNull: true },
      original_url: { type: DataTypes.TEXT, allowNull: false },
      title: { type: DataTypes.TEXT, allowNull: false },
      company_name: { type: DataTypes.TEXT, allowNull: true },
      location: { type: DataTypes.TEXT, allowNull: true },
      posted_date: { type: DataTypes.DATEONLY, allowNull: true },
      summary: { type: DataTypes.TEXT, allowNull: true },
      salary_text: { type: DataTypes.TEXT, allowNull: true },
      job_type: { type: DataTypes.TEXT, allowNull: true },
      fetched_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
      expires_at: { type: DataTypes.DATE, allowNull: false },
      created_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
      updated_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
    },
    { sequelize, tableName: 'external_job_postings', createdAt: 'created_at', updatedAt: 'updated_at' },
  );
  return ExternalJobPosting;
}
