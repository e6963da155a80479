/**
 * S3 lead scoring and routing, enforced by the database so that every path that writes leads,
 * lead activities or e-mail events (panel, CSV import, public form, jobs, workflows) obeys them:
 *
 * - lead_activities: AFTER INSERT (per statement) adds each batch's points, flags and last
 *   activity to its leads; AFTER DELETE / UPDATE re-scores the leads concerned from scratch.
 *   Weights: src/domain/leads/scoring.ts, the one place they live (this migration generates the
 *   SQL from it; recompute_lead_scores() is the nightly job's single statement).
 * - email_events: AFTER INSERT records opens, clicks and replies as activities of the leads with
 *   the recipient's address (src/domain/leads/email-engagement.ts).
 * - leads: AFTER INSERT collects the address's past e-mail engagement, then routes the new leads
 *   (src/domain/leads/routing.ts). PostgreSQL fires same-event triggers in name order:
 *   leads_collect_email_activities before leads_route_inserted, so rules see that engagement.
 *
 * Statement triggers with transition tables: an import batch of 5,000 rows costs a few set-based
 * statements, not 5,000 function calls. No table or column is added (the round-robin cursor is
 * lead_routing_rules.last_assigned_user_id), so the models and design maps stay as they are.
 */
import type { MigrationFn } from '../src/migrator.js';
import { emailEngagementSql } from '../src/domain/leads/email-engagement.js';
import { leadRoutingSql } from '../src/domain/leads/routing.js';
import { leadScoringSql } from '../src/domain/leads/scoring.js';

export const up: MigrationFn = async ({ context }) => {
  await context.sql(leadScoringSql());
  await context.sql(emailEngagementSql());
  await context.sql(leadRoutingSql());
  await context.sql(`
    CREATE TRIGGER lead_activities_score_inserted AFTER INSERT ON lead_activities
      REFERENCING NEW TABLE AS inserted_activities
      FOR EACH STATEMENT EXECUTE FUNCTION lead_activities_score_inserted();
    CREATE TRIGGER lead_activities_score_deleted AFTER DELETE ON lead_activities
      REFERENCING OLD TABLE AS old_activities
      FOR EACH STATEMENT EXECUTE FUNCTION lead_activities_score_changed();
    -- Activities are recorded, not edited; when one is (lead, type or time), its leads re-score.
    CREATE TRIGGER lead_activities_score_updated AFTER UPDATE ON lead_activities
      REFERENCING OLD TABLE AS old_activities NEW TABLE AS new_activities
      FOR EACH STATEMENT EXECUTE FUNCTION lead_activities_score_changed();

    CREATE TRIGGER email_events_record_lead_activities AFTER INSERT ON email_events
      REFERENCING NEW TABLE AS inserted_events
      FOR EACH STATEMENT EXECUTE FUNCTION email_events_record_lead_activities();

    CREATE TRIGGER leads_collect_email_activities AFTER INSERT ON leads
      REFERENCING NEW TABLE AS inserted_leads
      FOR EACH STATEMENT EXECUTE FUNCTION leads_collect_email_activities();
    CREATE TRIGGER leads_route_inserted AFTER INSERT ON leads
      REFERENCING NEW TABLE AS inserted_leads
      FOR EACH STATEMENT EXECUTE FUNCTION leads_route_inserted();
  `);
};

export const down: MigrationFn = async ({ context }) => {
  await context.sql(`
    DROP TRIGGER leads_route_inserted ON leads;
    DROP TRIGGER leads_collect_email_activities ON leads;
    DROP TRIGGER email_events_record_lead_activities ON email_events;
    DROP TRIGGER lead_activities_score_updated ON lead_activities;
    DROP TRIGGER lead_activities_score_deleted ON lead_activities;
    DROP TRIGGER lead_activities_score_inserted ON lead_activities;

    DROP FUNCTION leads_route_inserted();
    DROP FUNCTION lead_routing_pool(lead_routing_rules);
    DROP FUNCTION lead_routing_can_own(uuid, uuid);
    DROP FUNCTION lead_routing_matches(jsonb, jsonb);
    DROP FUNCTION lead_routing_compare(jsonb, jsonb);
    DROP FUNCTION lead_routing_value_eq(jsonb, jsonb);
    DROP FUNCTION lead_routing_number(jsonb);
    DROP FUNCTION leads_collect_email_activities();
    DROP FUNCTION email_events_record_lead_activities();
    DROP FUNCTION lead_activities_score_changed();
    DROP FUNCTION lead_activities_score_inserted();
    DROP FUNCTION recompute_lead_scores(uuid[]);
    DROP FUNCTION lead_activity_points(enum_lead_activities_activity_type);
  `);
};
