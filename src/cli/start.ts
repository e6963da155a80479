/**
 * `npm start`: one command from a fresh machine to a running product. Creates the database when
 * missing, migrates, loads the demo data into an empty database (never in production), then runs
 * the server and the worker as two processes and stops both on Ctrl-C / SIGTERM.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { config } from '../config.js';
import { ensureDatabase, sequelize } from '../db.js';
import { isDatabaseEmpty, seedDemoData } from '../demo/seed-demo.js';
import { createMigrator } from '../migrator.js';

const srcDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const fromSource = import.meta.url.endsWith('.ts');

function run(name: 'server' | 'worker'): ChildProcess {
  const args = fromSource ? ['--import', 'tsx', path.join(srcDir, `${name}.ts`)] : [path.join(srcDir, `${name}.js`)];
  return spawn(process.execPath, args, { stdio: 'inherit', env: process.env });
}

async function prepareDatabase(): Promise<void> {
  if (await ensureDatabase(config.databaseUrl)) console.log('start: created the database');
  const applied = await createMigrator(sequelize).up();
  console.log(`start: ${applied.length ? `applied ${applied.length} migration(s)` : 'schema up to date'}`);
  if (await isDatabaseEmpty()) {
    if (config.isProduction) {
      console.warn('start: the database is empty; demo data is never loaded in production');
    } else {
      const summary = await seedDemoData();
      console.log(`start: loaded demo data (${summary})`);
    }
  }
  await sequelize.close();
}

async function main(): Promise<void> {
  await prepareDatabase();
  const children = new Map<string, ChildProcess>([
    ['server', run('server')],
    ['worker', run('worker')],
  ]);
  let stopping = false;
  let exitCode = 0;
  const stopAll = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    for (const child of children.values()) if (child.exitCode === null) child.kill(signal);
  };
  for (const [name, child] of children) {
    child.on('exit', (code, signal) => {
      children.delete(name);
      if (!stopping) {
        console.error(`start: ${name} exited (${signal ?? code}); stopping the rest`);
        exitCode = 1;
        stopAll('SIGTERM');
      }
      if (children.size === 0) process.exit(exitCode);
    });
  }
  process.on('SIGINT', () => stopAll('SIGTERM'));
  process.on('SIGTERM', () => stopAll('SIGTERM'));
}

main().catch(async (err: unknown) => {
  console.error(`start: ${err instanceof Error ? err.message : String(err)}`);
  await sequelize.close().catch(() => undefined);
  process.exit(1);
});
