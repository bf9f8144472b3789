import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrate, openDatabase, type Database } from '../db';

/**
 * A fresh, migrated database for one test file: PGlite in memory by default, or a new database
 * on the server in TEST_DATABASE_URL (created here and dropped by `close`). PGlite files start
 * from a migrated snapshot taken once per worker, so each file pays for a copy, not a migration.
 */
const pgliteSnapshots = new Map<string, Promise<Blob>>();

export interface TestDatabase extends Database {
  /** The connection URL when on PostgreSQL (for child processes in tests). */
  url?: string;
}

export async function createTestDatabase(migrationsDir: string): Promise<TestDatabase> {
  // eslint-disable-next-line no-restricted-properties -- tests choose their engine from the environment
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) return createPostgresTestDatabase(serverUrl, migrationsDir);
  let snapshot = pgliteSnapshots.get(migrationsDir);
  snapshot ??= (async () => {
    const template = await openDatabase({});
    await migrate(template, migrationsDir);
    const dump = await template.dumpDataDir!();
    await template.close();
    return dump;
  })();
  pgliteSnapshots.set(migrationsDir, snapshot);
  const database = await openDatabase({ loadDataDir: await snapshot });
  await migrate(database, migrationsDir);
  return database;
}

async function createPostgresTestDatabase(
  serverUrl: string,
  migrationsDir: string,
): Promise<TestDatabase> {
  const name = `vartai_t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), poolMax: 5 });
  await migrate(database, migrationsDir);
  const close = database.close.bind(database);
  return {
    ...database,
    url: url.toString(),
    close: async () => {
      await close();
      const a = new pg.Client({ connectionString: serverUrl });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}
