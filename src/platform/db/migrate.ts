import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors';
import type { Database } from './database';

export const MIGRATION_NAME = /^(\d{4})_([a-z0-9]+)_([a-z0-9]+(?:-[a-z0-9]+)*)\.sql$/;

export interface MigrationFile {
  version: number;
  name: string;
  checksum: string;
  sql: string;
}

export function checksumOf(sql: string): string {
  return createHash('sha256').update(sql.replace(/\r\n/g, '\n')).digest('hex');
}

/** Reads and checks the folder: names follow the convention, numbers run 1..n, HEAD is the last. */
export function readMigrations(dir: string): MigrationFile[] {
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort();
  const problems: string[] = [];
  const migrations = files.map((name, i) => {
    const m = MIGRATION_NAME.exec(name);
    if (!m) problems.push(`${name}: name must be NNNN_<module>_<verb>-<object>.sql`);
    const version = m ? Number(m[1]) : -1;
    if (m && version !== i + 1)
      problems.push(`${name}: expected number ${String(i + 1).padStart(4, '0')}`);
    const sql = fs.readFileSync(path.join(dir, name), 'utf8');
    return { version, name, checksum: checksumOf(sql), sql };
  });
  const headFile = path.join(dir, 'HEAD');
  const head = fs.existsSync(headFile) ? fs.readFileSync(headFile, 'utf8').trim() : '';
  const last = migrations[migrations.length - 1]?.name ?? '';
  if (head !== last) problems.push(`HEAD says "${head}" but the last migration is "${last}"`);
  if (problems.length > 0) {
    throw new AppError(
      'MIGRATIONS_INVALID',
      'internal',
      `Migrations folder is invalid:\n  ${problems.join('\n  ')}`,
    );
  }
  return migrations;
}

const LEDGER = `
create table if not exists vartai_migrations (
  version integer primary key,
  name text not null,
  checksum text not null,
  applied_at timestamptz not null default now()
);
comment on table vartai_migrations is 'Schema migrations applied to this database (platform). No personal data.';
`;

/** Held for one transaction at a time, so nodes starting together apply each migration once. */
const LOCK = 'select pg_advisory_xact_lock(7301001)';

export interface MigrationReport {
  applied: string[];
  head: string | null;
}

/**
 * Applies pending migrations, each in its own transaction with its ledger row, so a failure leaves
 * the database at the last whole migration. Every checksum is compared before anything runs: an
 * edited migration stops the run with nothing applied. An advisory lock keeps two nodes starting at
 * once from racing.
 */
export async function migrate(database: Database, dir: string): Promise<MigrationReport> {
  const migrations = readMigrations(dir);
  await database.rawTransaction(async (tx) => {
    await tx.query(LOCK);
    await tx.exec(LEDGER);
  });
  {
    const { rows } = await database.executeSql(
      'select version, name, checksum from vartai_migrations order by version',
    );
    const applied = rows as { version: number; name: string; checksum: string }[];
    const byVersion = new Map(migrations.map((m) => [m.version, m]));
    const mismatches: string[] = [];
    for (const row of applied) {
      const file = byVersion.get(row.version);
      if (!file) mismatches.push(`${row.name} is applied but its file is missing`);
      else if (file.checksum !== row.checksum)
        mismatches.push(
          `${file.name} was changed after it was applied (checksum differs); add a new migration instead`,
        );
    }
    if (mismatches.length > 0) {
      throw new AppError(
        'MIGRATION_CHECKSUM_MISMATCH',
        'internal',
        `Refusing to migrate:\n  ${mismatches.join('\n  ')}`,
      );
    }
    const done = new Set(applied.map((r) => r.version));
    const report: MigrationReport = {
      applied: [],
      head: applied[applied.length - 1]?.name ?? null,
    };
    for (const m of migrations) {
      if (done.has(m.version)) continue;
      try {
        const ran = await database.rawTransaction(async (tx) => {
          // Another node may have applied it while we waited for the lock.
          await tx.query(LOCK);
          const seen = await tx.query('select 1 from vartai_migrations where version = $1', [
            m.version,
          ]);
          if (seen.length > 0) return false;
          await tx.exec(m.sql);
          await tx.query(
            'insert into vartai_migrations (version, name, checksum) values ($1, $2, $3)',
            [m.version, m.name, m.checksum],
          );
          return true;
        });
        if (!ran) continue;
      } catch (e) {
        throw new AppError(
          'MIGRATION_FAILED',
          'internal',
          `Migration ${m.name} failed and was rolled back: ${(e as Error).message}`,
          undefined,
          { cause: e },
        );
      }
      report.applied.push(m.name);
      report.head = m.name;
    }
    return report;
  }
}

export async function appliedHead(database: Database): Promise<string | null> {
  const { rows } = await database.executeSql(
    'select name from vartai_migrations order by version desc limit 1',
  );
  return (rows[0] as { name: string } | undefined)?.name ?? null;
}
