/**
 * The Sequelize instance and the transaction helper. Models are bound to this instance in
 * src/models/index.ts; nothing else creates connections to the application database.
 */
import pg from 'pg';
import { Sequelize, type Transaction } from 'sequelize';
import { config } from './config.js';

// DATE columns are calendar dates: keep them as 'YYYY-MM-DD' strings, never shifted by a time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (v: string) => v);

/** Builds a Sequelize instance for a database URL (the app's own, or a test's). */
export function createSequelize(url: string, options: { poolMax?: number; logging?: boolean } = {}): Sequelize {
  return new Sequelize(url, {
    dialect: 'postgres',
    logging: options.logging ? (sql) => console.debug(sql) : false,
    pool: { max: options.poolMax ?? 10, min: 0, idle: 10_000, acquire: 30_000 },
    define: { underscored: true, freezeTableName: true },
    timezone: '+00:00',
  });
}

export const sequelize = createSequelize(config.databaseUrl, { logging: config.logLevel === 'debug' });

/** Runs fn in one transaction: every row it changes commits together or not at all. */
export function withTransaction<T>(fn: (t: Transaction) => Promise<T>): Promise<T> {
  return sequelize.transaction((t) => fn(t));
}

/** Creates the database named in `url` when it does not exist (connects to the server's `postgres` db). */
export async function ensureDatabase(url: string): Promise<boolean> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount) return false;
    await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
    return true;
  } finally {
    await client.end();
  }
}

/** Drops a database (tests only); connections to it are terminated first. */
export async function dropDatabase(url: string): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name.replace(/"/g, '""')}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

interface PgClient {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: Record<string, unknown>[] }>;
}
interface ConnectionManager {
  getConnection(options: { type: 'read' | 'write' }): Promise<PgClient>;
  releaseConnection(connection: PgClient): Promise<void>;
}

/**
 * Runs a named prepared statement ($1, $2 … parameters) on a pooled connection: PostgreSQL
 * parses and plans it once per connection, not on every call. For the hot statements of the
 * sender, whose planning (many joins) costs more than their execution. Autocommit: use it for
 * single statements that are atomic on their own.
 */
export async function queryPrepared<T>(name: string, text: string, values: unknown[]): Promise<T[]> {
  const manager = (sequelize as unknown as { connectionManager: ConnectionManager }).connectionManager;
  const connection = await manager.getConnection({ type: 'write' });
  try {
    return (await connection.query({ name, text, values })).rows as T[];
  } finally {
    await manager.releaseConnection(connection);
  }
}
