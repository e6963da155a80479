import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';

/** One e-mail step of a sequence, sent delay_days after the previous one (S4 sequence_steps). */
export class SequenceStep extends Model<InferAttributes<SequenceStep>, InferCreationAttributes<SequenceStep>> {
  declare id: CreationOptional<string>;
  declare workspace_id: string;
  declare sequence_id: string;
  declare step_number: number;
  declare subject: CreationOptional<string | null>;
  declare body: CreationOptional<string | null>;
  declare delay_days: CreationOptional<number>;
  declare created_at: CreationOptional<Date>;
  declare updated_at: CreationOptional<Date>;
}

export function initSequenceStep(sequelize: Sequelize): typeof SequenceStep {
  SequenceStep.init(
    {
      id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
      workspace_id: { type: DataTypes.UUID, allowNull: false },
      sequence_id: { type: DataTypes.UUID, allowNull: false },
      step_number: { type: DataTypes.INTEGER, allowNull: false, validate: { min: 1 } },
      subject: { type: DataTypes.TEXT, allowNull: true },
      body: { type: DataTypes.TEXT, allowNull: true },
      delay_days: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0, validate: { min: 0 } },
      created_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
      updated_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
    },
    { sequelize, tableName: 'sequence_steps', createdAt: 'created_at', updatedAt: 'updated_at' },
  );
  return SequenceStep;
}
