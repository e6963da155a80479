import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';
import { lowerCaseText } from './attributes.js';
import { LEAD_SOURCES, type LeadSource } from './lead.model.js';

export const CONTACT_STATUSES = [
  'new', 'contacted', 'qualified', 'unqualified', 'customer', 'inactive', 'engaged', 'opportunity', 'churned',
] as const;
export type ContactStatus = (typeof CONTACT_STATUSES)[number];

/** Same domain as leads.source (schema_review A5): a lead converts without remapping its source. */
export const CONTACT_SOURCES = LEAD_SOURCES;
export type ContactSource = LeadSource;

export const CONTACT_TYPES = ['prospect', 'customer', 'vendor', 'partner', 'decision_maker', 'influencer'] as const;
export type ContactType = (typeof CONTACT_TYPES)[number];

export const CONTACT_RELATIONSHIP_STATUSES = ['active', 'inactive', 'lost', 'won'] as const;
export type ContactRelationshipStatus = (typeof CONTACT_RELATIONSHIP_STATUSES)[number];

export const CONTACT_PREFERRED_CONTACT_METHODS = ['email', 'phone', 'meeting'] as const;
export type ContactPreferredContactMethod = (typeof CONTACT_PREFERRED_CONTACT_METHODS)[number];

/** A person at a prospect or customer (S2, S3 and S4 contacts merged). */
export class Contact extends Model<InferAttributes<Contact>, InferCreationAttributes<Contact>> {
  declare id: CreationOptional<string>;
  declare workspace_id: string;
  declare account_id: CreationOptional<string | null>;
  declare first_name: CreationOptional<string | null>;
  declare last_name: CreationOptional<string | null>;
  declare email: CreationOptional<string | null>;
  declare phone: CreationOptional<string | null>;
  declare mobile: CreationOptional<string | null>;
  declare company_name: CreationOptional<string | null>;
  declare title: CreationOptional<string | null>;
  declare department: CreationOptional<string | null>;
  declare website: CreationOptional<string | null>;
  declare address_line1: CreationOptional<string | null>;
  declare address_line2: CreationOptional<string | null>;
  declare city: CreationOptional<string | null>;
  declare state: CreationOptional<string | null>;
  declare postal_code: CreationOptional<string | null>;
  declare country: CreationOptional<string | null>;
  declare status: CreationOptional<ContactStatus>;
  declare source: CreationOptional<ContactSource | null>;
  declare lead_score: CreationOptional<number | null>;
  declare owner_id: CreationOptional<string | null>;
  declare tags: CreationOptional<string[]>;
  declare custom_fields: CreationOptional<Record<string, unknown>>;
  declare notes: CreationOptional<string | null>;
  declare linkedin_url: CreationOptional<string | null>;
  declare twitter_handle: CreationOptional<string | null>;
  declare contact_type: CreationOptional<ContactType | null>;
  declare relationship_status: CreationOptional<ContactRelationshipStatus | null>;
  declare preferred_contact_method: CreationOptional<ContactPreferredContactMethod | null>;
  declare timezone: CreationOptional<string | null>;
  declare birthday: CreationOptional<string | null>;
  declare anniversary: CreationOptional<string | null>;
  declare last_contacted_at: CreationOptional<Date | null>;
  declare next_contact_date: CreationOptional<string | null>;
  declare unsubscribed: CreationOptional<boolean>;
  declare unsubscribed_at: CreationOptional<Date | null>;
  declare bounced: CreationOptional<boolean>;
  declare created_by: CreationOptional<string | null>;
  declare created_at: CreationOptional<Date>;
  declare updated_at: CreationOptional<Date>;
}

export function initContact(sequelize: Sequelize): typeof Contact {
  Contact.init(
    {
      id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
      workspace_id: { type: DataTypes.UUID, allowNull: false },
      account_id: { type: DataTypes.UUID, allowNull: true },
      first_name: { type: DataTypes.TEXT, allowNull: true },
      last_name: { type: DataTypes.TEXT, allowNull: true },
      email: lowerCaseText('email', true),
      phone: { type: DataTypes.TEXT, allowNull: true },
      mobile: { type: DataTypes.TEXT, allowNull: true },
      company_name: { type: DataTypes.TEXT, allowNull: true },
      title: { type: DataTypes.TEXT, allowNull: true },
      department: { type: DataTypes.TEXT, allowNull: true },
      website: { type: DataTypes.TEXT, allowNull: true },
      address_line1: { type: DataTypes.TEXT, allowNull: true },
      address_line2: { type: DataTypes.TEXT, allowNull: true },
      city: { type: DataTypes.TEXT, allowNull: true },
      state: { type: DataTypes.TEXT, allowNull: true },
      postal_code: { type: DataTypes.TEXT, allowNull: true },
      country: { type: DataTypes.TEXT, allowNull: true },
      status: { type: DataTypes.ENUM(...CONTACT_STATUSES), allowNull: false, defaultValue: 'new' },
      source: { type: DataTypes.ENUM(...CONTACT_SOURCES), allowNull: true },
      lead_score: { type: DataTypes.INTEGER, allowNull: true, validate: { min: 0, max: 100 } },
      owner_id: { type: DataTypes.UUID, allowNull: true },
      tags: { type: DataTypes.ARRAY(DataTypes.TEXT), allowNull: false, defaultValue: [] },
      custom_fields: { type: DataTypes.JSONB, allowNull: false, defaultValue: {} },
      notes: { type: DataTypes.TEXT, allowNull: true },
      linkedin_url: { type: DataTypes.TEXT, allowNull: true },
      twitter_handle: { type: DataTypes.TEXT, allowNull: true },
      contact_type: { type: DataTypes.ENUM(...CONTACT_TYPES), allowNull: true },
      relationship_status: { type: DataTypes.ENUM(...CONTACT_RELATIONSHIP_STATUSES), allowNull: true },
      preferred_contact_method: { type: DataTypes.ENUM(...CONTACT_PREFERRED_CONTACT_METHODS), allowNull: true },
      timezone: { type: DataTypes.TEXT, allowNull: true },
      birthday: { type: DataTypes.DATEONLY, allowNull: true },
      anniversary: { type: DataTypes.DATEONLY, allowNull: true },
      last_contacted_at: { type: DataTypes.DATE, allowNull: true },
      next_contact_date: { type: DataTypes.DATEONLY, allowNull: true },
      unsubscribed: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      unsubscribed_at: { type: DataTypes.DATE, allowNull: true },
      bounced: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      created_by: { type: DataTypes.UUID, allowNull: true },
      created_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
      updated_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
    },
    { sequelize, tableName: 'contacts', createdAt: 'created_at', updatedAt: 'updated_at' },
  );
  return Contact;
}
