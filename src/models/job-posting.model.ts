import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';

export const JOB_POSTING_SOURCES = ['outreach', 'job_board', 'referral', 'other'] as const;
export type JobPostingSource = (typeof JOB_POSTING_SOURCES)[number];

export const JOB_POSTING_STATUSES = [
  'new',
  'reviewing',
  'shared_with_builders',
  'builders_applied',
  'interview_stage',
  'offer_received',
  'closed',
] as const;
export type JobPostingStatus = (typeof JOB_POSTING_STATUSES)[number];

/** A job opening sourced by staff, optionally from an outreach (S0 job_postings, pathway 2). */
export class JobPosting extends Model<InferAttributes<JobPosting>, InferCreationAttributes<JobPosting>> {
  declare id: CreationOptional<string>;
  declare workspace_id: string;
  declare staff_user_id: string;
  declare company_name: string;
  declare job_title: string;
  declare job_url: CreationOptional<string | null>;
  declare source: CreationOptional<JobPostingSource | null>;
  declare outreach_id: CreationOptional<string | null>;
  declare status: CreationOptional<JobPostingStatus>;
  declare description: CreationOptional<string | null>;
  declare salary_range: CreationOptional<string | null>;
  declare location: CreationOptional<string | null>;
  declare notes: CreationOptional<string | null>;
  declare created_at: CreationOptional<Date>;
  declare updated_at: CreationOptional<Date>;
}

export function initJobPosting(sequelize: Sequelize): typeof JobPosting {
  JobPosting.init(
    {
      id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
      workspace_id: { type: DataTypes.UUID, allowNull: false },
      staff_user_id: { type: DataTypes.UUID, allowNull: false },
      company_name: { type: DataTypes.TEXT, allowNull: false },
      job_title: { type: DataTypes.TEXT, allowNull: false },
      job_url: { type: DataTypes.TEXT, allowNull: true },
      source: { type: DataTypes.ENUM(...JOB_POSTING_SOURCES), allowNull: true },
      outreach_id: { type: DataTypes.UUID, allowNull: true },
      status: { type: DataTypes.ENUM(...JOB_POSTING_STATUSES), allowNull: false, defaultValue: 'new' },
      description: { type: DataTypes.TEXT, allowNull: true },
      salary_range: { type: DataTypes.TEXT, allowNull: true },
      location: { type: DataTypes.TEXT, allowNull: true },
      notes: { type: DataTypes.TEXT, allowNull: true },
      created_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
      updated_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
    },
    { sequelize, tableName: 'job_postings', createdAt: 'created_at', updatedAt: 'updated_at' },
  );
  return JobPosting;
}
