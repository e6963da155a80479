import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';

export const APPLICATION_STATUSES = ['new', 'screening', 'interview', 'offer', 'rejected', 'withdrawn'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const APPLICATION_AUTOMATION_STATUSES = [
  'new',
  'contacting',
  'awaiting_reply',
  'live_chat',
  'intervention_needed',
  'completed',
  'declined',
] as const;
export type ApplicationAutomationStatus = (typeof APPLICATION_AUTOMATION_STATUSES)[number];

export const APPLICATION_FOLLOW_UP_STATUSES = [
  'shortlisted',
  'int_scheduled',
  'offered',
  'joined',
  'no_show',
  'under_follow_up',
  'rejected',
] as const;
export type ApplicationFollowUpStatus = (typeof APPLICATION_FOLLOW_UP_STATUSES)[number];

/** One candidate's application to one job; triggers keep is_active and write its timeline (S1 applications). */
export class Application extends Model<InferAttributes<Application>, InferCreationAttributes<Application>> {
  declare id: CreationOptional<string>;
  declare workspace_id: string;
  declare job_id: string;
  declare candidate_id: string;
  declare applied_at: CreationOptional<Date>;
  declare status: CreationOptional<ApplicationStatus>;
  declare is_active: CreationOptional<boolean>;
  declare match_score: CreationOptional<number | null>;
  declare ai_custom_summary: CreationOptional<string | null>;
  declare automation_status: CreationOptional<ApplicationAutomationStatus>;
  declare is_recruiter_approved: CreationOptional<boolean>;
  declare follow_up_status: CreationOptional<ApplicationFollowUpStatus | null>;
  declare next_follow_up_date: CreationOptional<string | null>;
  declare follow_up_remarks: CreationOptional<string | null>;
  declare created_at: CreationOptional<Date>;
  declare updated_at: CreationOptional<Date>;
}

export function initApplication(sequelize: Sequelize): typeof Application {
  Application.init(
    {
      id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
      workspace_id: { type: DataTypes.UUID, allowNull: false },
      job_id: { type: DataTypes.UUID, allowNull: false },
      candidate_id: { type: DataTypes.UUID, allowNull: false },
      applied_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
      status: { type: DataTypes.ENUM(...APPLICATION_STATUSES), allowNull: false, defaultValue: 'new' },
      is_active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
      match_score: { type: DataTypes.INTEGER, allowNull: true, validate: { min: 0, max: 100 } },
      ai_custom_summary: { type: DataTypes.TEXT, allowNull: true },
      automation_status: {
        type: DataTypes.ENUM(...APPLICATION_AUTOMATION_STATUSES),
        allowNull: false,
        defaultValue: 'new',
      },
      is_recruiter_approved: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      follow_up_status: { type: DataTypes.ENUM(...APPLICATION_FOLLOW_UP_STATUSES), allowNull: true },
      next_follow_up_date: { type: DataTypes.DATEONLY, allowNull: true },
      follow_up_remarks: { type: DataTypes.TEXT, allowNull: true },
      created_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
      updated_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
    },
    { sequelize, tableName: 'applications', createdAt: 'created_at', updatedAt: 'updated_at' },
  );
  return Application;
}
