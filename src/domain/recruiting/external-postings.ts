/**
 * S1 "Hot Drops" (`external_job_postings`) are a cache of postings found outside, each with a
 * TTL (`expires_at`). The board shows a workspace's unexpired rows; there is no "on the board"
 * flag, so a posting leaves the board by being deleted once it expires (the hourly
 * `external-postings-expiry` job). The fetcher may find it again and store it afresh.
 */
import { QueryTypes } from 'sequelize';
import { sequelize } from '../../db.js';

/** Deletes every expired posting of every workspace; returns how many. */
export async function removeExpiredExternalPostings(): Promise<number> {
  const rows = await sequelize.query(`DELETE FROM external_job_postings WHERE expires_at <= now() RETURNING id`, {
    type: QueryTypes.SELECT,
  });
  return rows.length;
}
