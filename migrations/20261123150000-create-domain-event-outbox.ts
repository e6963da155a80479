/**
 * `domain_events`: the transactional outbox of the domain events (src/domain/events/types.ts).
 * Not a SCHEMA.md table (no seed has it): it is infrastructure, like schema_migrations and
 * data_imports, and it is treated as they are (listed as a product table by the schema-coverage
 * test; a model and a read-only panel resource so the model-drift and admin-resources tests hold
 * and an admin can see what happened and whether it was relayed and handled).
 *
 * Why triggers: an event must be written in the same transaction as its change, whichever path
 * made the change (panel, CSV import, a job's set-based SQL, a workflow action). Only the
 * database sees every path, so AFTER ROW triggers write the events, and a rolled-back change
 * leaves no event behind. The worker's `event-relay` job moves them to the `domain-event` queue
 * (at-least-once) and the `domain-event` job marks `handled_at` (src/jobs/domain-event.job.ts).
 *
 * One generic function writes every event; the rule for each event is the trigger's WHEN clause,
 * so an update that changes nothing relevant (a deal's title) costs no function call at all.
 * Triggers of one table fire in name order: the numeric prefixes put a deal's stage change before
 * its won/lost, the order in which a consumer wants them.
 */
import type { MigrationFn } from '../src/migrator.js';

// Keep in step with DOMAIN_EVENT_TYPES (src/domain/events/types.ts); a test compares them.
const EVENT_TYPES = [
  'deal_created', 'deal_stage_changed', 'deal_won', 'deal_lost', 'contact_created',
  'activity_completed', 'email_opened', 'document_signed',
  'lead_created', 'lead_activity_recorded', 'application_status_changed',
];

/** [table, trigger name suffix, event type, INSERT | UPDATE, WHEN condition or null]. */
const TRIGGERS: [string, string, string, 'INSERT' | 'UPDATE', string | null][] = [
  ['deals', '1_created', 'deal_created', 'INSERT', null],
  ['deals', '2_stage_changed', 'deal_stage_changed', 'UPDATE', 'OLD.stage_id IS DISTINCT FROM NEW.stage_id'],
  ['deals', '3_won', 'deal_won', 'UPDATE', `NEW.status = 'won' AND OLD.status <> 'won'`],
  ['deals', '4_lost', 'deal_lost', 'UPDATE', `NEW.status = 'lost' AND OLD.status <> 'lost'`],
  ['contacts', '1_created', 'contact_created', 'INSERT', null],
  // Activities and documents have no *_created event: one logged (or imported) already completed
  // or signed counts as completed / signed, or nothing would ever announce it.
  ['activities', '1_completed_on_insert', 'activity_completed', 'INSERT', `NEW.status = 'completed'`],
  ['activities', '2_completed', 'activity_completed', 'UPDATE', `NEW.status = 'completed' AND OLD.status <> 'completed'`],
  ['documents', '1_signed_on_insert', 'document_signed', 'INSERT', `NEW.status = 'signed'`],
  ['documents', '2_signed', 'document_signed', 'UPDATE', `NEW.status = 'signed' AND OLD.status <> 'signed'`],
  // Once per email: the first open, by whichever column the writer sets (the tracking pixel sets
  // all three; an import or a provider webhook may set only one). Only a deliberate reset of all
  // three to "never opened" would let a later open count as a first open again.
  ['emails', '1_opened', 'email_opened', 'UPDATE',
    `(NEW.first_opened_at IS NOT NULL OR NEW.opened_at IS NOT NULL OR NEW.open_count > 0)
     AND OLD.first_opened_at IS NULL AND OLD.opened_at IS NULL AND OLD.open_count = 0`],
  ['leads', '1_created', 'lead_created', 'INSERT', null],
  ['lead_activities', '1_recorded', 'lead_activity_recorded', 'INSERT', null],
  ['applications', '1_status_changed', 'application_status_changed', 'UPDATE',
    `OLD.status IS DISTINCT FROM NEW.status OR OLD.automation_status IS DISTINCT FROM NEW.automation_status
     OR OLD.follow_up_status IS DISTINCT FROM NEW.follow_up_status`],
];

const triggerName = (table: string, suffix: string) => `${table}_outbox_${suffix}`;

export const up: MigrationFn = async ({ context }) => {
  await context.sql(`
    CREATE TABLE domain_events (
      id            BIGSERIAL PRIMARY KEY,
      -- The outbox means nothing without its workspace.
      workspace_id  UUID NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      event_type    TEXT NOT NULL,
      table_name    TEXT NOT NULL,
      record_id     UUID NOT NULL,
      -- The row after the change, and for updates each changed column as {"from", "to"}.
      record        JSONB NOT NULL,
      changes       JSONB NOT NULL DEFAULT '{}'::jsonb,
      -- The acting user (crm.actor_id) when the writer said so. No FK: the log outlives users
      -- and a per-event FK check would slow every write it rides on.
      actor_id      UUID,
      -- How many workflow runs led to this change (crm.event_depth): the loop guard reads it.
      depth         INTEGER NOT NULL DEFAULT 0,
      created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
      -- Set when the relay's transaction commits after Redis accepted the event's job.
      relayed_at    TIMESTAMPTZ,
      -- Set when the consumer ran every handler (or gave up on the event after its retries):
      -- the record's later events wait for it (ordering per record).
      handled_at    TIMESTAMPTZ,
      CONSTRAINT domain_events_event_type_check CHECK (event_type IN (${EVENT_TYPES.map((t) => `'${t}'`).join(', ')})),
      CONSTRAINT domain_events_depth_check CHECK (depth >= 0),
      CONSTRAINT domain_events_record_object CHECK (jsonb_typeof(record) = 'object'),
      CONSTRAINT domain_events_changes_object CHECK (jsonb_typeof(changes) = 'object')
    );
    COMMENT ON TABLE domain_events IS 'transactional outbox of domain events (infrastructure, not a seed table)';
    -- The relay's scan: only the (few) unrelayed events, in id order.
    CREATE INDEX domain_events_unrelayed_idx ON domain_events (id) WHERE relayed_at IS NULL;
    -- The consumer's ordering check (an earlier unhandled event of the same record?) and the
    -- relay's re-delivery of events relayed long ago but never handled: only pending events.
    CREATE INDEX domain_events_unhandled_record_idx ON domain_events (table_name, record_id, id) WHERE handled_at IS NULL;
    CREATE INDEX domain_events_unhandled_relayed_at_idx ON domain_events (relayed_at) WHERE handled_at IS NULL;
    -- The panel lists a workspace's events newest first (also the workspace FK index).
    CREATE INDEX domain_events_workspace_id_created_at_idx ON domain_events (workspace_id, created_at DESC);

    -- Writes one event (TG_ARGV[0]) for NEW; the trigger's WHEN clause decided that it happened.
    -- changes: every column whose value differs, compared as jsonb (no per-column code);
    -- updated_at is left out, as it changes on every update and says nothing.
    CREATE FUNCTION write_domain_event() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      after_row jsonb := to_jsonb(NEW);
      diff jsonb := '{}'::jsonb;
    BEGIN
      IF TG_OP = 'UPDATE' THEN
        SELECT COALESCE(jsonb_object_agg(n.key, jsonb_build_object('from', o.value, 'to', n.value)), '{}'::jsonb)
          INTO diff
          FROM jsonb_each(after_row) n
          JOIN jsonb_each(to_jsonb(OLD)) o ON o.key = n.key
         WHERE n.value IS DISTINCT FROM o.value AND n.key <> 'updated_at';
      END IF;
      INSERT INTO domain_events (workspace_id, event_type, table_name, record_id, record, changes, actor_id, depth)
      VALUES (NEW.workspace_id, TG_ARGV[0], TG_TABLE_NAME, NEW.id, after_row, diff,
              NULLIF(current_setting('crm.actor_id', true), '')::uuid,
              COALESCE(NULLIF(current_setting('crm.event_depth', true), '')::integer, 0));
      RETURN NULL;
    END $$;

    ${TRIGGERS.map(([table, suffix, type, op, when]) => `
    CREATE TRIGGER ${triggerName(table, suffix)} AFTER ${op} ON ${table} FOR EACH ROW
      ${when ? `WHEN (${when})` : ''} EXECUTE FUNCTION write_domain_event('${type}');`).join('')}
  `);
};

export const down: MigrationFn = async ({ context }) => {
  await context.sql(`
    ${TRIGGERS.map(([table, suffix]) => `DROP TRIGGER ${triggerName(table, suffix)} ON ${table};`).join('\n    ')}
    DROP FUNCTION write_domain_event();
    DROP TABLE domain_events;
  `);
};
