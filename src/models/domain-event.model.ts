import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';
import { DOMAIN_EVENT_TYPES, type DomainEventType } from '../domain/events/types.js';

/**
 * One row of the domain-event outbox (infrastructure, not a seed table): written by database
 * triggers in the transaction of the change, relayed to the `domain-event` queue by the worker.
 * Read-only everywhere in the app; see migrations/20261123150000-create-domain-event-outbox.ts.
 */
export class DomainEventRow extends Model<InferAttributes<DomainEventRow>, InferCreationAttributes<DomainEventRow>> {
  /** BIGSERIAL: pg returns int8 as a string. */
  declare id: CreationOptional<string>;
  declare workspace_id: string;
  declare event_type: DomainEventType;
  declare table_name: string;
  declare record_id: string;
  declare record: Record<string, unknown>;
  declare changes: CreationOptional<Record<string, { from: unknown; to: unknown }>>;
  declare actor_id: CreationOptional<string | null>;
  declare depth: CreationOptional<number>;
  declare created_at: CreationOptional<Date>;
  declare relayed_at: CreationOptional<Date | null>;
  declare handled_at: CreationOptional<Date | null>;
}

export function initDomainEventRow(sequelize: Sequelize): typeof DomainEventRow {
  DomainEventRow.init(
    {
      id: { type: DataTypes.BIGINT, primaryKey: true, autoIncrement: true },
      workspace_id: { type: DataTypes.UUID, allowNull: false },
      event_type: { type: DataTypes.TEXT, allowNull: false, validate: { isIn: [[...DOMAIN_EVENT_TYPES]] } },
      table_name: { type: DataTypes.TEXT, allowNull: false },
      record_id: { type: DataTypes.UUID, allowNull: false },
      record: { type: DataTypes.JSONB, allowNull: false },
      changes: { type: DataTypes.JSONB, allowNull: false, defaultValue: {} },
      actor_id: { type: DataTypes.UUID, allowNull: true },
      depth: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      created_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
      relayed_at: { type: DataTypes.DATE, allowNull: true },
      handled_at: { type: DataTypes.DATE, allowNull: true },
    },
    { sequelize, tableName: 'domain_events', createdAt: 'created_at', updatedAt: false },
  );
  return DomainEventRow;
}
