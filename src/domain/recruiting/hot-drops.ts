/**
 * The Hot Drops board (S1): a workspace's cached external postings that have not expired. The
 * hourly job deletes expired rows; until it runs, the board already leaves them out.
 */
import { QueryTypes } from 'sequelize';
import { sequelize } from '../../db.js';

export interface HotDrop {
  id: string;
  title: string;
  company_name: string | null;
  location: string | null;
  job_type: string | null;
  salary_text: string | null;
  source: string | null;
  original_url: string;
  posted_date: string | null;
  expires_at: string;
}

export function listHotDrops(workspaceId: string, limit = 100): Promise<HotDrop[]> {
  return sequelize.query<HotDrop>(
    `SELECT id, title, company_name, location, job_type, salary_text, source, original_url, posted_date, expires_at
       FROM external_job_postings
      WHERE workspace_id = :workspaceId AND expires_at > now()
      ORDER BY posted_date DESC NULLS LAST, fetched_at DESC
      LIMIT :limit`,
    { type: QueryTypes.SELECT, replacements: { workspaceId, limit } },
  );
}
