/**
 * `npm run migrate` applies every pending migration (creating the database first when missing);
 * `npm run migrate:down` reverts them all (`-- --step 1` reverts only the last one).
 */
import { config } from '../config.js';
import { ensureDatabase, sequelize } from '../db.js';
import { createMigrator } from '../migrator.js';

// Umzug logs objects; one line per migration is enough on a terminal.
const quietLogger = {
  info: (e: Record<string, unknown>) => e.event === 'migrated' || e.event === 'reverted' ? console.log(`${e.event} ${e.name}`) : undefined,
  warn: (e: unknown) => console.warn(e),
  error: (e: unknown) => console.error(e),
  debug: () => undefined,
} as unknown as Console;

async function main(): Promise<void> {
  const [direction = 'up', ...rest] = process.argv.slice(2);
  const stepArg = rest.indexOf('--step');
  const step = stepArg >= 0 ? Number(rest[stepArg + 1]) : undefined;
  if (direction !== 'up' && direction !== 'down') throw new Error(`unknown direction "${direction}" (use up or down)`);
  if (step !== undefined && !(Number.isInteger(step) && step > 0)) throw new Error('--step must be a positive integer');

  if (direction === 'up' && (await ensureDatabase(config.databaseUrl))) {
    console.log(`created database ${new URL(config.databaseUrl).pathname.slice(1)}`);
  }
  const migrator = createMigrator(sequelize, quietLogger);
  if (direction === 'up') {
    const done = await migrator.up();
    console.log(done.length ? `applied ${done.length} migration(s)` : 'database is up to date');
  } else {
    const done = await migrator.down(step ? { step } : { to: 0 });
    console.log(`reverted ${done.length} migration(s)`);
  }
}

main()
  .then(() => sequelize.close())
  .catch(async (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    await sequelize.close().catch(() => undefined);
    process.exit(1);
  });
