import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';

/** One change of an application status column, written by a trigger; remarks names the column (S1 application_timeline). */
export class ApplicationTimelineEntry extends Model<
  InferAttributes<ApplicationTimelineEntry>,
  InferCreationAttributes<ApplicationTimelineEntry>
> {
  declare id: CreationOptional<string>;
  declare workspace_id: string;
  declare application_id: string;
  declare previous_status: CreationOptional<string | null>;
  declare new_status: CreationOptional<string | null>;
  declare changed_by: CreationOptional<string | null>;
  declare remarks: CreationOptional<string | null>;
  declare created_at: CreationOptional<Date>;
  declare updated_at: CreationOptional<Date>;
}

export function initApplicationTimelineEntry(sequelize: Sequelize): typeof ApplicationTimelineEntry {
  ApplicationTimelineEntry.init(
    {
      id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
      workspace_id: { type: DataTypes.UUID, allowNull: false },
      application_id: { type: DataTypes.UUID, allowNull: false },
      previous_status: { type: DataTypes.TEXT, allowNull: true },
      new_status: { type: DataTypes.TEXT, allowNull: true },
      changed_by: { type: DataTypes.UUID, allowNull: true },
      remarks: { type: DataTypes.TEXT, allowNull: true },
      created_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
      updated_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
    },
    { sequelize, tableName: 'application_timeline', createdAt: 'created_at', updatedAt: 'updated_at' },
  );
  return ApplicationTimelineEntry;
}
