import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { MIGRATIONS_DIR } from '../src/app/context';
import { migrate, openDatabase, redactUrl, type Database } from '../src/platform/db';
import { progress, type EngineName } from './bench';

/**
 * A fresh, migrated database for one benchmark run, removed by `close`: PGlite in a temporary
 * folder on disk (as `npm start` keeps it), or a new database on the PostgreSQL server named by
 * DATABASE_URL or TEST_DATABASE_URL. The engine is chosen by the flag, never by which variable
 * happens to be set, so `--engine pglite` stays PGlite on a machine with TEST_DATABASE_URL.
 */
export async function openBenchDatabase(
  engine: EngineName,
  env: Record<string, string | undefined>,
): Promise<Database> {
  if (engine === 'postgres') {
    const serverUrl = env.DATABASE_URL || env.TEST_DATABASE_URL;
    if (!serverUrl) throw new Error('--engine postgres needs DATABASE_URL or TEST_DATABASE_URL');
    return openPostgres(serverUrl);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vartai-bench-'));
  progress(`PGlite in ${dir}: migrating`);
  const database = await openDatabase({ dataDir: path.join(dir, 'pglite') });
  await migrate(database, MIGRATIONS_DIR);
  return {
    ...database,
    close: async () => {
      await database.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function openPostgres(serverUrl: string): Promise<Database> {
  const name = `vartai_bench_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = async (text: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(text);
    } finally {
      await client.end();
    }
  };
  await admin(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  progress(`PostgreSQL database ${redactUrl(url.toString())}: migrating`);
  const drop = () => admin(`drop database if exists ${name} with (force)`);
  let database: Database | undefined;
  try {
    database = await openDatabase({ url: url.toString(), poolMax: 10 });
    await migrate(database, MIGRATIONS_DIR);
  } catch (e) {
    await database?.close().catch(() => {});
    await drop();
    throw e;
  }
  const opened = database;
  return {
    ...opened,
    close: async () => {
      await opened.close();
      await drop();
    },
  };
}
