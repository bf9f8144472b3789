import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { CompiledQuery, Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { AppError } from '../errors';
import { Mutex } from './mutex';
import { lockDataDir } from './pglite-lock';
import { pgliteDialect } from './pglite-driver';

export type Engine = 'pglite' | 'postgres';

/** Kysely over no declared tables: each module narrows it with `db.withTables<ItsTables>()`. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export type Db = Kysely<{}>;

/**
 * A transaction (or database) of any module's tables, handed across module boundaries so that
 * work such as an audit entry or an outbox job commits with the caller's change.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyTransaction = Kysely<any>;

/** A raw transaction for the migration runner: scripts with many statements, plus parameters. */
export interface RawTransaction {
  exec(script: string): Promise<void>;
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<R[]>;
}

export interface Database {
  readonly engine: Engine;
  readonly db: Db;
  /** Location for logs: the data directory or the server address, never the password. */
  readonly describe: string;
  /** Runs SQL for infrastructure (pg-boss, migrations); serialised with Kysely on PGlite. */
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
  rawTransaction<T>(fn: (tx: RawTransaction) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** PGlite only: a copy of the data directory, so tests can clone a migrated database. */
  dumpDataDir?(): Promise<Blob>;
}

/** int8 as a JavaScript number on both engines (counts and serials stay far below 2^53). */
const parseInt8 = (v: string) => Number(v);
pg.types.setTypeParser(20, parseInt8);

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable URL)';
  }
}

export interface DatabaseOptions {
  url?: string | undefined;
  /** PGlite data directory; `memory://` or undefined for an in-memory database. */
  dataDir?: string | undefined;
  poolMax?: number;
  statementTimeoutMs?: number;
  /** Start from a copy of an existing PGlite data directory dump (tests). */
  loadDataDir?: Blob | File | undefined;
}

export async function openDatabase(opts: DatabaseOptions): Promise<Database> {
  return opts.url ? openPostgres(opts.url, opts) : openPglite(opts);
}

async function openPglite(opts: DatabaseOptions): Promise<Database> {
  const dataDir = opts.dataDir && opts.dataDir !== 'memory://' ? opts.dataDir : undefined;
  if (dataDir) fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  const unlock = dataDir ? lockDataDir(dataDir) : () => {};
  let client: PGlite;
  try {
    client = await PGlite.create({
      ...(dataDir ? { dataDir } : {}),
      ...(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}),
      parsers: { 20: parseInt8 },
    });
  } catch (e) {
    unlock();
    throw new AppError(
      'DATABASE_UNAVAILABLE',
      'unavailable',
      `Cannot open the embedded database in ${dataDir ?? 'memory'}: ${(e as Error).message}`,
      undefined,
      { cause: e },
    );
  }
  const mutex = new Mutex();
  const db = new Kysely<object>({ dialect: pgliteDialect(client, mutex) }) as Db;
  return {
    engine: 'pglite',
    db,
    describe: dataDir ? `PGlite in ${dataDir}` : 'PGlite in memory',
    executeSql: (text, values) =>
      mutex.run(async () => {
        if (values && values.length > 0) return client.query(text, values as unknown[]);
        const results = await client.exec(text);
        return results[results.length - 1] ?? { rows: [] };
      }),
    rawTransaction: (fn) =>
      mutex.run(() =>
        client.transaction((tx) =>
          fn({
            exec: async (script) => {
              await tx.exec(script);
            },
            query: async <R>(text: string, params: unknown[] = []) =>
              (await tx.query<R>(text, params)).rows,
          }),
        ),
      ),
    close: async () => {
      await db.destroy();
      await client.close();
      unlock();
    },
    dumpDataDir: () => client.dumpDataDir('none'),
  };
}

async function openPostgres(url: string, opts: DatabaseOptions): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.poolMax ?? 10,
    connectionTimeoutMillis: 5000,
    statement_timeout: opts.statementTimeoutMs ?? 15000,
    application_name: 'vartai',
  });
  // An idle client losing its server must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  try {
    await pool.query('select 1');
  } catch (e) {
    await pool.end().catch(() => {});
    throw new AppError(
      'DATABASE_UNAVAILABLE',
      'unavailable',
      `Cannot reach PostgreSQL at ${redactUrl(url)}: ${(e as Error).message || (e as { code?: string }).code}`,
      undefined,
      { cause: e },
    );
  }
  const db = new Kysely<object>({ dialect: new PostgresDialect({ pool }) }) as Db;
  return {
    engine: 'postgres',
    db,
    describe: `PostgreSQL at ${redactUrl(url)}`,
    executeSql: (text, values) => pool.query(text, values as unknown[]),
    rawTransaction: async (fn) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn({
          exec: async (script) => {
            await client.query(script);
          },
          query: async <R>(text: string, params: unknown[] = []) =>
            (await client.query(text, params)).rows as R[],
        });
        await client.query('COMMIT');
        return result;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => {});
        throw e;
      } finally {
        client.release();
      }
    },
    close: async () => {
      await db.destroy();
    },
  };
}

/** Runs parameterised SQL inside a Kysely transaction (used to enqueue jobs atomically). */
export async function executeInTransaction(
  trx: AnyTransaction,
  text: string,
  values: unknown[] = [],
): Promise<{ rows: unknown[] }> {
  const result = await trx.executeQuery(CompiledQuery.raw(text, values));
  return { rows: result.rows as unknown[] };
}
