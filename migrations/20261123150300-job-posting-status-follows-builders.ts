/**
 * S0: a job posting's status follows the Builders it was shared with (job_posting_builders):
 * the first Builder shared -> shared_with_builders, applied -> builders_applied, interview ->
 * interview_stage, offer (or hired) -> offer_received. A trigger, not a domain function, so the
 * panel, an import and raw SQL cannot bypass it. It only moves a posting forward: a posting
 * further along (or closed) keeps its status, and a Builder declining moves nothing back.
 */
import type { MigrationFn } from '../src/migrator.js';

export const up: MigrationFn = async ({ context }) => {
  await context.sql(`
    CREATE FUNCTION job_postings_follow_builders() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      -- enum_job_postings_status is declared in pipeline order, so enum comparison is "further along".
      target enum_job_postings_status := CASE NEW.status
        WHEN 'shared' THEN 'shared_with_builders'
        WHEN 'applied' THEN 'builders_applied'
        WHEN 'interview' THEN 'interview_stage'
        WHEN 'offer' THEN 'offer_received'
        WHEN 'hired' THEN 'offer_received'
      END;
    BEGIN
      IF target IS NOT NULL THEN
        UPDATE job_postings SET status = target
         WHERE id = NEW.job_posting_id AND status < target AND status <> 'closed';
      END IF;
      RETURN NULL;
    END $$;
    CREATE TRIGGER job_posting_builders_follow_status AFTER INSERT OR UPDATE OF status ON job_posting_builders
      FOR EACH ROW EXECUTE FUNCTION job_postings_follow_builders();

    -- Postings whose Builders moved before this rule existed catch up once.
    UPDATE job_postings p SET status = b.target
      FROM (SELECT job_posting_id,
                   max(CASE status WHEN 'shared' THEN 'shared_with_builders' WHEN 'applied' THEN 'builders_applied'
                                   WHEN 'interview' THEN 'interview_stage' WHEN 'offer' THEN 'offer_received'
                                   WHEN 'hired' THEN 'offer_received' END::enum_job_postings_status) AS target
              FROM job_posting_builders GROUP BY job_posting_id) b
     WHERE b.job_posting_id = p.id AND b.target IS NOT NULL AND p.status < b.target AND p.status <> 'closed';
  `);
};

export const down: MigrationFn = async ({ context }) => {
  await context.sql(`
    DROP TRIGGER job_posting_builders_follow_status ON job_posting_builders;
    DROP FUNCTION job_postings_follow_builders();
  `);
};
