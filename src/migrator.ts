/**
 * Umzug over the migrations/ folder. Each migration is a TypeScript module exporting `up` and
 * `down` that run plain SQL through `sql`; umzug records applied names in `schema_migrations`.
 * Each migration runs in its own transaction, so a failing one leaves nothing half-done.
 */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Sequelize, Transaction } from 'sequelize';
import { SequelizeStorage, Umzug } from 'umzug';

export interface MigrationContext {
  /** Runs SQL (several statements allowed) inside the migration's transaction. */
  sql(text: string): Promise<void>;
}
export type MigrationFn = (params: { context: MigrationContext }) => Promise<void>;

const here = path.dirname(fileURLToPath(import.meta.url));
// Source runs (tsx, jest) load migrations/*.ts; the compiled image loads dist/migrations/*.js.
const ext = import.meta.url.endsWith('.ts') ? 'ts' : 'js';
const folder = path.resolve(here, '..', 'migrations');

function inTransaction(sequelize: Sequelize, file: string, direction: 'up' | 'down') {
  return async () => {
    const mod = (await import(pathToFileURL(file).href)) as Record<'up' | 'down', MigrationFn>;
    await sequelize.transaction(async (t: Transaction) => {
      const context: MigrationContext = {
        sql: async (text) => {
          await sequelize.query(text, { transaction: t, raw: true });
        },
      };
      await mod[direction]({ context });
    });
  };
}

export function createMigrator(sequelize: Sequelize, logger?: Console) {
  return new Umzug({
    migrations: {
      glob: [`*.${ext}`, { cwd: folder, ignore: ['*.d.ts'] }],
      resolve: ({ name, path: file }) => ({
        name: name.replace(/\.(ts|js)$/, ''),
        up: inTransaction(sequelize, file!, 'up'),
        down: inTransaction(sequelize, file!, 'down'),
      }),
    },
    context: {},
    storage: new SequelizeStorage({ sequelize, tableName: 'schema_migrations' }),
    logger,
  });
}
