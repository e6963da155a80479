import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';

/** A role held by a user in one workspace (S2 user_roles; the role columns of S0, S1 and S4). */
export class UserRole extends Model<InferAttributes<UserRole>, InferCreationAttributes<UserRole>> {
  declare workspace_id: string;
  declare user_id: string;
  declare role_id: string;
  declare created_at: CreationOptional<Date>;
  declare updated_at: CreationOptional<Date>;
}

export function initUserRole(sequelize: Sequelize): typeof UserRole {
  UserRole.init(
    {
      // Composite primary key (workspace_id, user_id, role_id): no id column.
      workspace_id: { type: DataTypes.UUID, allowNull: false, primaryKey: true },
      user_id: { type: DataTypes.UUID, allowNull: false, primaryKey: true },
      role_id: { type: DataTypes.UUID, allowNull: false, primaryKey: true },
      created_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
      updated_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
    },
    { sequelize, tableName: 'user_roles', createdAt: 'created_at', updatedAt: 'updated_at' },
  );
  return UserRole;
}
