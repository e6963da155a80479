/**
 * Candidate matching for new jobs (S1), by skills overlap while pgvector is absent (schema_review
 * D21). `match_score` lives on `applications` (S1: "specific to this job description"), so a
 * match is an application: the system adds one for each active candidate scoring at least
 * MIN_MATCH_SCORE, in status `new` and automation_status `new`, not yet recruiter-approved,
 * which is where the co-pilot's contacting starts; candidates who applied already get their
 * score filled in. The job's recruiter then gets one NEW_MATCHES item.
 *
 * Score = the share of the job's skills the candidate has, required skills counting twice:
 * 100 * (2 * required hits + preferred hits) / (2 * required + preferred), where preferred is
 * preferred_skills plus tools_tech_stack; skills compare trimmed and case-insensitively.
 *
 * Which jobs: those still looking for people (draft or sourcing) with skills listed and no
 * scored application yet, i.e. jobs whose matches were never computed. A job that found nobody
 * is looked at again on the next run (a candidate may have joined meanwhile); a job that has
 * scored applications is done, so a second run adds nothing.
 */
import { QueryTypes } from 'sequelize';
import { sequelize, withTransaction } from '../../db.js';
import { lockActionQueueSweep } from './follow-ups.js';
import { setTimelineContext } from './application-status.js';

/** The lowest score that makes a candidate a match for a job. */
export const MIN_MATCH_SCORE = 50;

export interface JobMatchesResult {
  /** Applications created for matching candidates. */
  matched: number;
  /** Existing applications whose missing score was filled in. */
  scored: number;
  /** NEW_MATCHES items queued. */
  queued: number;
}

const normalized = (jsonList: string) =>
  `ARRAY(SELECT DISTINCT lower(btrim(x)) FROM jsonb_array_elements_text(${jsonList}) x WHERE btrim(x) <> '')`;

export function computeJobMatches(): Promise<JobMatchesResult> {
  return withTransaction(async (transaction) => {
    await lockActionQueueSweep(transaction);
    // The timeline rows of the created applications say who made them.
    await setTimelineContext(null, 'matched by skills', transaction);
    const [result] = await sequelize.query<JobMatchesResult>(
      `WITH job_skills AS (
         SELECT j.id AS job_id, j.workspace_id, j.assigned_recruiter_id, j.title, r.required,
                ARRAY(SELECT unnest(${normalized('j.preferred_skills || j.tools_tech_stack')}) EXCEPT SELECT unnest(r.required)) AS preferred
           FROM jobs j
          CROSS JOIN LATERAL (SELECT ${normalized('j.required_skills')} AS required) r
          WHERE j.status IN ('draft', 'sourcing')
            AND NOT EXISTS (SELECT 1 FROM applications a WHERE a.job_id = j.id AND a.match_score IS NOT NULL)
       ), candidates AS (
         SELECT p.user_id, p.workspace_id, ${normalized('p.skills')} AS skills
           FROM candidate_profiles p
           JOIN users u ON u.id = p.user_id
          WHERE p.is_actively_searching AND u.is_active AND u.deleted_at IS NULL
       ), scores AS (
         SELECT js.job_id, js.workspace_id, c.user_id AS candidate_id,
                round(100.0 * (2 * cardinality(ARRAY(SELECT unnest(js.required) INTERSECT SELECT unnest(c.skills)))
                                 + cardinality(ARRAY(SELECT unnest(js.preferred) INTERSECT SELECT unnest(c.skills))))
                      / (2 * cardinality(js.required) + cardinality(js.preferred)))::int AS score
           FROM job_skills js
           JOIN candidates c ON c.workspace_id = js.workspace_id
          WHERE 2 * cardinality(js.required) + cardinality(js.preferred) > 0
       ), scored AS (
         UPDATE applications a SET match_score = s.score
           FROM scores s
          WHERE a.job_id = s.job_id AND a.candidate_id = s.candidate_id AND a.match_score IS NULL
         RETURNING a.id
       ), matched AS (
         INSERT INTO applications (workspace_id, job_id, candidate_id, match_score)
         SELECT workspace_id, job_id, candidate_id, score FROM scores WHERE score >= :minScore
         ON CONFLICT (job_id, candidate_id) DO NOTHING
         RETURNING job_id, match_score
       ), queued AS (
         INSERT INTO action_queue (workspace_id, user_id, type, title, description, priority, related_job_id)
         SELECT js.workspace_id, js.assigned_recruiter_id, 'new_matches',
                count(*) || ' new match' || CASE WHEN count(*) = 1 THEN '' ELSE 'es' END || ' for ' || js.title,
                'Candidates matched by skills; best score ' || max(m.match_score) || '.',
                'medium', js.job_id
           FROM matched m
           JOIN job_skills js ON js.job_id = m.job_id
          WHERE js.assigned_recruiter_id IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM action_queue q
                             WHERE q.related_job_id = js.job_id AND q.type = 'new_matches' AND NOT q.is_dismissed
                               AND q.user_id = js.assigned_recruiter_id)
          GROUP BY js.workspace_id, js.assigned_recruiter_id, js.job_id, js.title
         RETURNING id
       )
       SELECT (SELECT count(*) FROM matched)::int AS matched, (SELECT count(*) FROM scored)::int AS scored,
              (SELECT count(*) FROM queued)::int AS queued`,
      { type: QueryTypes.SELECT, transaction, replacements: { minScore: MIN_MATCH_SCORE } },
    );
    return result!;
  });
}
