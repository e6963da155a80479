/**
 * One run per workflow and triggering event: domain events are delivered at least once, so the
 * engine inserts a run with ON CONFLICT DO NOTHING on this key and a repeated delivery (or a
 * scheduled tick handled twice: its event id is the workflow and due time) runs nothing.
 */
import type { MigrationFn } from '../src/migrator.js';

export const up: MigrationFn = async ({ context }) => {
  await context.sql(`
    CREATE UNIQUE INDEX workflow_executions_workflow_id_event_id_key
      ON workflow_executions (workflow_id, (trigger_data ->> 'event_id'))
      WHERE trigger_data ? 'event_id';
  `);
};

export const down: MigrationFn = async ({ context }) => {
  await context.sql(`DROP INDEX workflow_executions_workflow_id_event_id_key;`);
};
