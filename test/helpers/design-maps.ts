/**
 * The design's mechanical maps (seed columns, seed indexes, enum values, target columns), read
 * from the vendored copies in test/fixtures/design. design-maps.test.ts proves the copies equal
 * ../shared/design when that folder is present, so an updated design cannot be silently ignored.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'design');
export const SHARED_DESIGN_DIR = path.resolve(FIXTURE_DIR, '..', '..', '..', '..', 'shared', 'design');
export const MAP_FILES = ['seed_columns.tsv', 'seed_indexes.tsv', 'enums.tsv', 'target_columns.tsv'] as const;

function readTsv(file: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(path.join(FIXTURE_DIR, file), 'utf8').split('\n').filter((l) => l.trim());
  const keys = header!.split('\t');
  return lines.map((line) => {
    const cells = line.split('\t');
    return Object.fromEntries(keys.map((k, i) => [k, cells[i] ?? '']));
  });
}

const list = (s: string) => s.split(',').map((c) => c.trim()).filter(Boolean);

export const seedColumns = () =>
  readTsv('seed_columns.tsv').map((r) => ({
    seed: r.seed!, seedTable: r.seed_table!, seedColumn: r.seed_column!,
    table: r.target_table!, columns: list(r.target_column!), note: r.note!,
  }));

export const seedIndexes = () =>
  readTsv('seed_indexes.tsv').map((r) => ({
    seed: r.seed!, seedTable: r.seed_table!, kind: r.index_or_unique!,
    table: r.target_table!, columns: list(r.target_columns!), note: r.note!,
  }));

export const enumValues = () =>
  readTsv('enums.tsv').map((r) => ({ table: r.target_table!, column: r.target_column!, value: r.value!, seeds: r.from_seeds! }));

/** table -> its column names, as the design lists them. */
export function targetColumns(): Map<string, string[]> {
  const byTable = new Map<string, string[]>();
  for (const r of readTsv('target_columns.tsv')) {
    byTable.set(r.target_table!, [...(byTable.get(r.target_table!) ?? []), r.target_column!]);
  }
  return byTable;
}
