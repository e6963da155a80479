import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';

export const SEQUENCE_ENROLLMENT_STATUSES = ['active', 'paused', 'completed', 'bounced', 'unsubscribed', 'replied'] as const;
export type SequenceEnrollmentStatus = (typeof SEQUENCE_ENROLLMENT_STATUSES)[number];

/** A contact's progress through a sequence, one per (sequence, contact) (S4 sequence_enrollments). */
export class SequenceEnrollment extends Model<InferAttributes<SequenceEnrollment>, InferCreationAttributes<SequenceEnrollment>> {
  declare id: CreationOptional<string>;
  declare workspace_id: string;
  declare sequence_id: string;
  declare contact_id: string;
  declare user_id: CreationOptional<string | null>;
  declare email_account_id: CreationOptional<string | null>;
  /** step_number of the last step sent (0 = none yet); the next is the lowest step_number above it. */
  declare current_step: CreationOptional<number>;
  declare status: CreationOptional<SequenceEnrollmentStatus>;
  declare started_at: CreationOptional<Date>;
  declare completed_at: CreationOptional<Date | null>;
  declare paused_at: CreationOptional<Date | null>;
  declare last_email_sent_at: CreationOptional<Date | null>;
  declare next_email_scheduled_at: CreationOptional<Date | null>;
  declare created_at: CreationOptional<Date>;
  declare updated_at: CreationOptional<Date>;
}

export function initSequenceEnrollment(sequelize: Sequelize): typeof SequenceEnrollment {
  SequenceEnrollment.init(
    {
      id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
      workspace_id: { type: DataTypes.UUID, allowNull: false },
      sequence_id: { type: DataTypes.UUID, allowNull: false },
      contact_id: { type: DataTypes.UUID, allowNull: false },
      user_id: { type: DataTypes.UUID, allowNull: true },
      email_account_id: { type: DataTypes.UUID, allowNull: true },
      current_step: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0, validate: { min: 0 } },
      status: { type: DataTypes.ENUM(...SEQUENCE_ENROLLMENT_STATUSES), allowNull: false, defaultValue: 'active' },
      started_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
      completed_at: { type: DataTypes.DATE, allowNull: true },
      paused_at: { type: DataTypes.DATE, allowNull: true },
      last_email_sent_at: { type: DataTypes.DATE, allowNull: true },
      next_email_scheduled_at: { type: DataTypes.DATE, allowNull: true },
      created_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
      updated_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
    },
    { sequelize, tableName: 'sequence_enrollments', createdAt: 'created_at', updatedAt: 'updated_at' },
  );
  return SequenceEnrollment;
}
