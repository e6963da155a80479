import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';
import { lowerCaseText } from './attributes.js';

export const ACCOUNT_STATUSES = ['active', 'inactive', 'blacklisted'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

/** Registered company identifiers of an S1 client ({ gst, pan }); '{}' when none. */
export interface CorporateIdentity {
  gst?: string;
  pan?: string;
  [key: string]: unknown;
}

/** A company sold to (S4 accounts + S1 clients). */
export class Account extends Model<InferAttributes<Account>, InferCreationAttributes<Account>> {
  declare id: CreationOptional<string>;
  declare workspace_id: string;
  declare name: string;
  declare domain: CreationOptional<string | null>;
  declare industry: CreationOptional<string | null>;
  declare employee_count: CreationOptional<string | null>;
  declare annual_revenue: CreationOptional<string | null>;
  declare address: CreationOptional<string | null>;
  declare billing_address: CreationOptional<string | null>;
  declare city: CreationOptional<string | null>;
  declare state: CreationOptional<string | null>;
  declare country: CreationOptional<string | null>;
  declare postal_code: CreationOptional<string | null>;
  declare phone: CreationOptional<string | null>;
  declare website: CreationOptional<string | null>;
  declare description: CreationOptional<string | null>;
  declare status: CreationOptional<AccountStatus>;
  declare corporate_identity: CreationOptional<CorporateIdentity>;
  declare contract_start_date: CreationOptional<string | null>;
  declare contract_end_date: CreationOptional<string | null>;
  declare owner_id: CreationOptional<string | null>;
  declare account_manager_id: CreationOptional<string | null>;
  declare created_from_lead_id: CreationOptional<string | null>;
  declare custom_fields: CreationOptional<Record<string, unknown>>;
  declare created_at: CreationOptional<Date>;
  declare updated_at: CreationOptional<Date>;
}

export function initAccount(sequelize: Sequelize): typeof Account {
  Account.init(
    {
      id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
      workspace_id: { type: DataTypes.UUID, allowNull: false },
      name: { type: DataTypes.TEXT, allowNull: false },
      domain: lowerCaseText('domain', true),
      industry: { type: DataTypes.TEXT, allowNull: true },
      employee_count: { type: DataTypes.TEXT, allowNull: true },
      annual_revenue: { type: DataTypes.DECIMAL(15, 2), allowNull: true, validate: { min: 0 } },
      address: { type: DataTypes.TEXT, allowNull: true },
      billing_address: { type: DataTypes.TEXT, allowNull: true },
      city: { type: DataTypes.TEXT, allowNull: true },
      state: { type: DataTypes.TEXT, allowNull: true },
      country: { type: DataTypes.TEXT, allowNull: true },
      postal_code: { type: DataTypes.TEXT, allowNull: true },
      phone: { type: DataTypes.TEXT, allowNull: true },
      website: { type: DataTypes.TEXT, allowNull: true },
      description: { type: DataTypes.TEXT, allowNull: true },
      status: { type: DataTypes.ENUM(...ACCOUNT_STATUSES), allowNull: false, defaultValue: 'active' },
      corporate_identity: { type: DataTypes.JSONB, allowNull: false, defaultValue: {} },
      contract_start_date: { type: DataTypes.DATEONLY, allowNull: true },
      contract_end_date: { type: DataTypes.DATEONLY, allowNull: true },
      owner_id: { type: DataTypes.UUID, allowNull: true },
      account_manager_id: { type: DataTypes.UUID, allowNull: true },
      created_from_lead_id: { type: DataTypes.UUID, allowNull: true },
      custom_fields: { type: DataTypes.JSONB, allowNull: false, defaultValue: {} },
      created_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
      updated_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
    },
    { sequelize, tableName: 'accounts', createdAt: 'created_at', updatedAt: 'updated_at' },
  );
  return Account;
}
