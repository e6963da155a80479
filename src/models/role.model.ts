import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';

/** The role names seeded by the migration (enums.tsv `roles.name`); admins may add others. */
export const SEEDED_ROLE_NAMES = [
  'staff',
  'admin',
  'recruiter',
  'sales_rep',
  'candidate',
  'manager',
  'root_admin',
  'office_staff',
  'project_manager',
  'field_supervisor',
  'client_portal',
  'accounting',
] as const;
export type SeededRoleName = (typeof SEEDED_ROLE_NAMES)[number];

/** A global role and its permission policy (S2 roles; the role columns of S0, S1, S4 and S3's roles). */
export class Role extends Model<InferAttributes<Role>, InferCreationAttributes<Role>> {
  declare id: CreationOptional<string>;
  declare name: string;
  declare description: CreationOptional<string | null>;
  declare permissions: CreationOptional<Record<string, unknown>>;
  declare created_at: CreationOptional<Date>;
  declare updated_at: CreationOptional<Date>;
}

export function initRole(sequelize: Sequelize): typeof Role {
  Role.init(
    {
      id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
      name: {
        type: DataTypes.TEXT,
        allowNull: false,
        unique: true,
        validate: { is: /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/ },
      },
      description: { type: DataTypes.TEXT, allowNull: true },
      permissions: { type: DataTypes.JSONB, allowNull: false, defaultValue: {} },
      created_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
      updated_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
    },
    { sequelize, tableName: 'roles', createdAt: 'created_at', updatedAt: 'updated_at' },
  );
  return Role;
}
