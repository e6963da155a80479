/** Reading the database in tests: rows, the first row, a returned id, a count. */
import { QueryTypes } from 'sequelize';
import { sequelize } from '../../src/db.js';

type Replacements = Record<string, unknown>;

export const select = <T extends object>(sql: string, replacements: Replacements = {}) =>
  sequelize.query<T>(sql, { type: QueryTypes.SELECT, replacements });

export const one = async <T extends object>(sql: string, replacements: Replacements = {}) => (await select<T>(sql, replacements))[0]!;

/** The `id` of the first row (an INSERT … RETURNING id). */
export const idOf = async (sql: string, replacements: Replacements = {}) => (await one<{ id: string }>(sql, replacements)).id;

/** The `n` of the first row (SELECT count(*) AS n …) as a number. */
export const count = async (sql: string, replacements: Replacements = {}) => Number((await one<{ n: string | number }>(sql, replacements)).n);
