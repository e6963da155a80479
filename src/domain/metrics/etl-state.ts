/**
 * Where each metric's incremental run remembers its last run: one system_settings row per metric
 * (`metrics_etl.<metric>`), so no table of its own is needed and admins see it in the panel.
 * The value holds when the last successful run started (the watermark), how it ran and what it
 * wrote. Written in the run's transaction: a failed run leaves the previous watermark.
 */
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import type { MetricName } from './types.js';

export interface EtlState {
  startedAt: string;
  mode: 'incremental' | 'range' | 'full';
  upserted: number;
  deleted: number;
}

export const stateKey = (metric: MetricName): string => `metrics_etl.${metric}`;

export async function readEtlState(db: Sequelize, metric: MetricName, transaction?: Transaction): Promise<EtlState | null> {
  const [row] = await db.query<{ value: EtlState }>(`SELECT value FROM system_settings WHERE key = :key`, {
    type: QueryTypes.SELECT, replacements: { key: stateKey(metric) }, transaction,
  });
  return row?.value ?? null;
}

export async function writeEtlState(db: Sequelize, metric: MetricName, state: EtlState, transaction: Transaction): Promise<void> {
  await db.query(
    `INSERT INTO system_settings (key, value, description)
     VALUES (:key, :value::jsonb, 'Last run of the ${metric} metric ETL (src/domain/metrics); incremental runs start from it')
     ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
    { replacements: { key: stateKey(metric), value: JSON.stringify(state) }, transaction },
  );
}
