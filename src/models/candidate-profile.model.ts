import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';

export const CANDIDATE_RELOCATION_OPTIONS = ['yes', 'no', 'open_to_discussion'] as const;
export type CandidateRelocationOption = (typeof CANDIDATE_RELOCATION_OPTIONS)[number];

// Open lists (SCHEMA decision): the columns are TEXT; these are the choices the panel suggests.
export const CANDIDATE_JOB_TYPE_PREFERENCE_SUGGESTIONS = ['full_time', 'contract'] as const;
export const CANDIDATE_SHIFT_PREFERENCE_SUGGESTIONS = ['day', 'night', 'flex'] as const;
export const CANDIDATE_SECTOR_PREFERENCE_SUGGESTIONS = ['private', 'govt'] as const;
export const CANDIDATE_RESERVATION_CATEGORY_SUGGESTIONS = ['general', 'obc', 'sc', 'st'] as const;
export const CANDIDATE_CONTACT_MODE_SUGGESTIONS = ['email', 'call', 'whatsapp'] as const;

/** A candidate's master profile, one per user and independent of any job (S1 candidate_profiles). */
export class CandidateProfile extends Model<
  InferAttributes<CandidateProfile>,
  InferCreationAttributes<CandidateProfile>
> {
  declare user_id: string;
  declare workspace_id: string;
  declare phone: CreationOptional<string | null>;
  declare linkedin_url: CreationOptional<string | null>;
  declare portfolio_url: CreationOptional<string | null>;
  declare github_url: CreationOptional<string | null>;
  declare resume_url: CreationOptional<string | null>;
  declare resume_last_updated: CreationOptional<Date | null>;
  declare bio: CreationOptional<string | null>;
  declare is_actively_searching: CreationOptional<boolean>;
  declare highest_education: CreationOptional<string | null>;
  declare year_of_passing: CreationOptional<number | null>;
  declare skills: CreationOptional<string[]>;
  declare certificates: CreationOptional<string[]>;
  declare projects_summary: CreationOptional<string | null>;
  /** REAL[] fallback (no pgvector here): stored, but no similarity search (schema_review D21). */
  declare ai_skills_vector: CreationOptional<number[] | null>;
  declare total_experience_years: CreationOptional<string | null>;
  declare current_role: CreationOptional<string | null>;
  declare expected_role: CreationOptional<string | null>;
  declare job_type_preference: CreationOptional<string | null>;
  declare current_locations: CreationOptional<string[]>;
  declare preferred_locations: CreationOptional<string[]>;
  declare ready_to_relocate: CreationOptional<CandidateRelocationOption | null>;
  declare notice_period: CreationOptional<number | null>;
  declare availability_date: CreationOptional<string | null>;
  declare shift_preference: CreationOptional<string | null>;
  declare work_authorization: CreationOptional<string | null>;
  declare current_ctc: CreationOptional<string | null>;
  declare expected_ctc: CreationOptional<string | null>;
  declare currency: CreationOptional<string | null>;
  declare is_ctc_negotiable: CreationOptional<boolean>;
  declare looking_for_jobs_abroad: CreationOptional<boolean>;
  declare sector_preference: CreationOptional<string | null>;
  declare preferred_industries: CreationOptional<string[]>;
  declare gender: CreationOptional<string | null>;
  declare marital_status: CreationOptional<string | null>;
  declare dob: CreationOptional<string | null>;
  declare languages: CreationOptional<string[]>;
  declare reservation_category: CreationOptional<string | null>;
  declare disability: CreationOptional<string | null>;
  declare willingness_to_travel: CreationOptional<string | null>;
  declare has_driving_license: CreationOptional<boolean>;
  declare has_current_offers: CreationOptional<boolean>;
  declare number_of_offers: CreationOptional<number>;
  declare best_time_to_contact: CreationOptional<string | null>;
  declare preferred_contact_mode: CreationOptional<string | null>;
  declare alternate_email: CreationOptional<string | null>;
  declare alternate_phone: CreationOptional<string | null>;
  declare time_zone: CreationOptional<string | null>;
  declare created_at: CreationOptional<Date>;
  declare updated_at: CreationOptional<Date>;
}

export function initCandidateProfile(sequelize: Sequelize): typeof CandidateProfile {
  CandidateProfile.init(
    {
      user_id: { type: DataTypes.UUID, primaryKey: true },
      workspace_id: { type: DataTypes.UUID, allowNull: false },
      phone: { type: DataTypes.TEXT, allowNull: true },
      linkedin_url: { type: DataTypes.TEXT, allowNull: true },
      portfolio_url: { type: DataTypes.TEXT, allowNull: true },
      github_url: { type: DataTypes.TEXT, allowNull: true },
      resume_url: { type: DataTypes.TEXT, allowNull: true },
      resume_last_updated: { type: DataTypes.DATE, allowNull: true },
      bio: { type: DataTypes.TEXT, allowNull: true },
      is_actively_searching: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
      highest_education: { type: DataTypes.TEXT, allowNull: true },
      year_of_passing: { type: DataTypes.INTEGER, allowNull: true, validate: { min: 1900, max: 2100 } },
      skills: { type: DataTypes.JSONB, allowNull: false, defaultValue: [] },
      certificates: { type: DataTypes.JSONB, allowNull: false, defaultValue: [] },
      projects_summary: { type: DataTypes.TEXT, allowNull: true },
      ai_skills_vector: { type: DataTypes.ARRAY(DataTypes.REAL), allowNull: true },
      total_experience_years: { type: DataTypes.DECIMAL(5, 2), allowNull: true, validate: { min: 0 } },
      // A reserved word in PostgreSQL; Sequelize always quotes identifiers, so the name is kept.
      current_role: { type: DataTypes.TEXT, allowNull: true },
      expected_role: { type: DataTypes.TEXT, allowNull: true },
      job_type_preference: { type: DataTypes.TEXT, allowNull: true },
      current_locations: { type: DataTypes.JSONB, allowNull: false, defaultValue: [] },
      preferred_locations: { type: DataTypes.JSONB, allowNull: false, defaultValue: [] },
      ready_to_relocate: { type: DataTypes.ENUM(...CANDIDATE_RELOCATION_OPTIONS), allowNull: true },
      notice_period: { type: DataTypes.INTEGER, allowNull: true, validate: { min: 0 } },
      availability_date: { type: DataTypes.DATEONLY, allowNull: true },
      shift_preference: { type: DataTypes.TEXT, allowNull: true },
      work_authorization: { type: DataTypes.TEXT, allowNull: true },
      current_ctc: { type: DataTypes.DECIMAL(15, 2), allowNull: true, validate: { min: 0 } },
      expected_ctc: { type: DataTypes.DECIMAL(15, 2), allowNull: true, validate: { min: 0 } },
      currency: { type: DataTypes.STRING(3), allowNull: true, validate: { is: /^[A-Z]{3}$/ } },
      is_ctc_negotiable: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      looking_for_jobs_abroad: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      sector_preference: { type: DataTypes.TEXT, allowNull: true },
      preferred_industries: { type: DataTypes.JSONB, allowNull: false, defaultValue: [] },
      gender: { type: DataTypes.TEXT, allowNull: true },
      marital_status: { type: DataTypes.TEXT, allowNull: true },
      dob: { type: DataTypes.DATEONLY, allowNull: true },
      languages: { type: DataTypes.JSONB, allowNull: false, defaultValue: [] },
      reservation_category: { type: DataTypes.TEXT, allowNull: true },
      disability: { type: DataTypes.TEXT, allowNull: true },
      willingness_to_travel: { type: DataTypes.TEXT, allowNull: true },
      has_driving_license: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      has_current_offers: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      number_of_offers: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0, validate: { min: 0 } },
      best_time_to_contact: { type: DataTypes.TEXT, allowNull: true },
      preferred_contact_mode: { type: DataTypes.TEXT, allowNull: true },
      alternate_email: { type: DataTypes.TEXT, allowNull: true },
      alternate_phone: { type: DataTypes.TEXT, allowNull: true },
      time_zone: { type: DataTypes.TEXT, allowNull: true },
      created_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
      updated_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
    },
    { sequelize, tableName: 'candidate_profiles', createdAt: 'created_at', updatedAt: 'updated_at' },
  );
  return CandidateProfile;
}
