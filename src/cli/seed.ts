/**
 * `npm run seed`: creates the database when missing, applies pending migrations, then loads the
 * demo data into an empty database (does nothing when it is there; refused in production).
 */
import { config } from '../config.js';
import { ensureDatabase, sequelize } from '../db.js';
import { seedDemoData } from '../demo/seed-demo.js';
import { createMigrator } from '../migrator.js';

async function main(): Promise<void> {
  if (config.isProduction) throw new Error('refusing to load demo data with NODE_ENV=production');
  if (await ensureDatabase(config.databaseUrl)) console.log(`seed: created database ${new URL(config.databaseUrl).pathname.slice(1)}`);
  const applied = await createMigrator(sequelize).up();
  if (applied.length) console.log(`seed: applied ${applied.length} migration(s)`);
  const started = performance.now();
  const summary = await seedDemoData();
  console.log(`seed: ${summary} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

main()
  .then(() => sequelize.close())
  .catch(async (err: unknown) => {
    console.error(`seed: ${err instanceof Error ? err.message : String(err)}`);
    await sequelize.close().catch(() => undefined);
    process.exit(1);
  });
