import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';

export const JOB_EMPLOYMENT_TYPES = ['full_time', 'part_time', 'contractor', 'temporary', 'intern'] as const;
export type JobEmploymentType = (typeof JOB_EMPLOYMENT_TYPES)[number];

export const JOB_WORK_MODES = ['on_site', 'remote', 'hybrid'] as const;
export type JobWorkMode = (typeof JOB_WORK_MODES)[number];

export const JOB_SALARY_UNITS = ['year', 'month', 'hour'] as const;
export type JobSalaryUnit = (typeof JOB_SALARY_UNITS)[number];

export const JOB_STATUSES = ['draft', 'sourcing', 'interview', 'offer', 'closed'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** An internal, Google-Jobs-compliant job posting for a client account (S1 jobs). */
export class Job extends Model<InferAttributes<Job>, InferCreationAttributes<Job>> {
  declare id: CreationOptional<string>;
  declare workspace_id: string;
  declare client_id: CreationOptional<string | null>;
  declare assigned_recruiter_id: CreationOptional<string | null>;
  declare title: string;
  declare internal_job_id: CreationOptional<string | null>;
  declare employment_type: CreationOptional<JobEmploymentType | null>;
  declare work_mode: CreationOptional<JobWorkMode | null>;
  declare industry: CreationOptional<string | null>;
  declare functional_area: CreationOptional<string | null>;
  declare job_locations: CreationOptional<string[]>;
  declare min_salary: CreationOptional<string | null>;
  declare max_salary: CreationOptional<string | null>;
  declare currency: CreationOptional<string | null>;
  declare salary_unit: CreationOptional<JobSalaryUnit | null>;
  declare benefits_perks: CreationOptional<string[]>;
  declare about_company: CreationOptional<string | null>;
  declare job_summary: CreationOptional<string | null>;
  declare responsibilities: CreationOptional<string[]>;
  declare experience_required: CreationOptional<string | null>;
  declare education_qualification: CreationOptional<string | null>;
  declare required_skills: CreationOptional<string[]>;
  declare preferred_skills: CreationOptional<string[]>;
  declare tools_tech_stack: CreationOptional<string[]>;
  declare number_of_openings: CreationOptional<number>;
  declare application_deadline: CreationOptional<string | null>;
  declare hiring_process_rounds: CreationOptional<string[]>;
  declare notice_period_accepted: CreationOptional<string | null>;
  declare slug_url: CreationOptional<string | null>;
  declare meta_title: CreationOptional<string | null>;
  declare meta_description: CreationOptional<string | null>;
  declare status: CreationOptional<JobStatus>;
  declare created_at: CreationOptional<Date>;
  declare updated_at: CreationOptional<Date>;
}

export function initJob(sequelize: Sequelize): typeof Job {
  Job.init(
    {
      id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
      workspace_id: { type: DataTypes.UUID, allowNull: false },
      client_id: { type: DataTypes.UUID, allowNull: true },
      assigned_recruiter_id: { type: DataTypes.UUID, allowNull: true },
      title: { type: DataTypes.TEXT, allowNull: false },
      internal_job_id: { type: DataTypes.TEXT, allowNull: true },
      employment_type: { type: DataTypes.ENUM(...JOB_EMPLOYMENT_TYPES), allowNull: true },
      work_mode: { type: DataTypes.ENUM(...JOB_WORK_MODES), allowNull: true },
      industry: { type: DataTypes.TEXT, allowNull: true },
      functional_area: { type: DataTypes.TEXT, allowNull: true },
      job_locations: { type: DataTypes.JSONB, allowNull: false, defaultValue: [] },
      min_salary: { type: DataTypes.DECIMAL(15, 2), allowNull: true },
      max_salary: { type: DataTypes.DECIMAL(15, 2), allowNull: true },
      currency: { type: DataTypes.STRING(3), allowNull: true, validate: { is: /^[A-Z]{3}$/ } },
      salary_unit: { type: DataTypes.ENUM(...JOB_SALARY_UNITS), allowNull: true },
      benefits_perks: { type: DataTypes.JSONB, allowNull: false, defaultValue: [] },
      about_company: { type: DataTypes.TEXT, allowNull: true },
      job_summary: { type: DataTypes.TEXT, allowNull: true },
      responsibilities: { type: DataTypes.JSONB, allowNull: false, defaultValue: [] },
      experience_required: { type: DataTypes.TEXT, allowNull: true },
      education_qualification: { type: DataTypes.TEXT, allowNull: true },
      required_skills: { type: DataTypes.JSONB, allowNull: false, defaultValue: [] },
      preferred_skills: { type: DataTypes.JSONB, allowNull: false, defaultValue: [] },
      tools_tech_stack: { type: DataTypes.JSONB, allowNull: false, defaultValue: [] },
      number_of_openings: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 1, validate: { min: 1 } },
      application_deadline: { type: DataTypes.DATEONLY, allowNull: true },
      hiring_process_rounds: { type: DataTypes.JSONB, allowNull: false, defaultValue: [] },
      notice_period_accepted: { type: DataTypes.TEXT, allowNull: true },
      slug_url: { type: DataTypes.TEXT, allowNull: true, unique: true },
      meta_title: { type: DataTypes.TEXT, allowNull: true },
      meta_description: { type: DataTypes.TEXT, allowNull: true },
      status: { type: DataTypes.ENUM(...JOB_STATUSES), allowNull: false, defaultValue: 'draft' },
      created_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
      updated_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
    },
    { sequelize, tableName: 'jobs', createdAt: 'created_at', updatedAt: 'updated_at' },
  );
  return Job;
}
