import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';

/** One past or current role on a candidate's profile (S1 candidate_work_history). */
export class CandidateWorkHistory extends Model<
  InferAttributes<CandidateWorkHistory>,
  InferCreationAttributes<CandidateWorkHistory>
> {
  declare id: CreationOptional<string>;
  declare workspace_id: string;
  declare profile_id: string;
  declare company_name: string;
  declare job_title: string;
  declare start_date: CreationOptional<string | null>;
  declare end_date: CreationOptional<string | null>;
  declare is_current: CreationOptional<boolean>;
  declare responsibilities: CreationOptional<string | null>;
  declare tools_used: CreationOptional<string[]>;
  declare ctc_at_role: CreationOptional<string | null>;
  declare created_at: CreationOptional<Date>;
  declare updated_at: CreationOptional<Date>;
}

export function initCandidateWorkHistory(sequelize: Sequelize): typeof CandidateWorkHistory {
  CandidateWorkHistory.init(
    {
      id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
      workspace_id: { type: DataTypes.UUID, allowNull: false },
      profile_id: { type: DataTypes.UUID, allowNull: false },
      company_name: { type: DataTypes.TEXT, allowNull: false },
      job_title: { type: DataTypes.TEXT, allowNull: false },
      start_date: { type: DataTypes.DATEONLY, allowNull: true },
      end_date: { type: DataTypes.DATEONLY, allowNull: true },
      is_current: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      responsibilities: { type: DataTypes.TEXT, allowNull: true },
      tools_used: { type: DataTypes.JSONB, allowNull: false, defaultValue: [] },
      ctc_at_role: { type: DataTypes.TEXT, allowNull: true },
      created_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
      updated_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
    },
    { sequelize, tableName: 'candidate_work_history', createdAt: 'created_at', updatedAt: 'updated_at' },
  );
  return CandidateWorkHistory;
}
