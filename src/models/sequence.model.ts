import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';

export const SEQUENCE_STATUSES = ['active', 'paused', 'completed', 'archived'] as const;
export type SequenceStatus = (typeof SEQUENCE_STATUSES)[number];

/** An outreach sequence of e-mail steps that contacts are enrolled in (S4 sequences). */
export class Sequence extends Model<InferAttributes<Sequence>, InferCreationAttributes<Sequence>> {
  declare id: CreationOptional<string>;
  declare workspace_id: string;
  declare name: string;
  declare description: CreationOptional<string | null>;
  declare status: CreationOptional<SequenceStatus>;
  declare created_by: CreationOptional<string | null>;
  /** Kept equal to the number of steps by a database trigger; never written by the app. */
  declare steps_count: CreationOptional<number>;
  declare settings: CreationOptional<Record<string, unknown>>;
  declare created_at: CreationOptional<Date>;
  declare updated_at: CreationOptional<Date>;
}

export function initSequence(sequelize: Sequelize): typeof Sequence {
  Sequence.init(
    {
      id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
      workspace_id: { type: DataTypes.UUID, allowNull: false },
      name: { type: DataTypes.TEXT, allowNull: false },
      description: { type: DataTypes.TEXT, allowNull: true },
      status: { type: DataTypes.ENUM(...SEQUENCE_STATUSES), allowNull: false, defaultValue: 'paused' },
      created_by: { type: DataTypes.UUID, allowNull: true },
      steps_count: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      settings: { type: DataTypes.JSONB, allowNull: false, defaultValue: {} },
      created_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
      updated_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
    },
    { sequelize, tableName: 'sequences', createdAt: 'created_at', updatedAt: 'updated_at' },
  );
  return Sequence;
}
