import { createHash } from 'node:crypto';
import type { Db } from '../db';
import { sql } from 'kysely';

type RateLimitsTable = {
  rate_limits: { key: string; window_start: Date; hits: number };
};

/**
 * A fixed-window counter in the database, so limits hold across app nodes (DESIGN §7).
 * One upsert per counted request: it starts a new window when the old one has passed.
 */
export async function hit(
  dbAny: Db,
  key: string,
  windowMs: number,
): Promise<{ current: number; ttl: number }> {
  const db = dbAny.withTables<RateLimitsTable>();
  const hashed = createHash('sha256').update(key).digest('base64url');
  const row = await db
    .insertInto('rate_limits')
    .values({ key: hashed, window_start: sql<Date>`now()`, hits: 1 })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        hits: sql<number>`case when rate_limits.window_start + ${windowMs} * interval '1 millisecond' <= now() then 1 else rate_limits.hits + 1 end`,
        window_start: sql<Date>`case when rate_limits.window_start + ${windowMs} * interval '1 millisecond' <= now() then now() else rate_limits.window_start end`,
      }),
    )
    .returning([
      'hits',
      sql<number>`greatest(0, ${windowMs} - extract(epoch from (now() - window_start)) * 1000)::integer`.as(
        'ttl',
      ),
    ])
    .executeTakeFirstOrThrow();
  return { current: row.hits, ttl: row.ttl };
}

/** Reads a counter without counting (e.g. "is this e-mail locked out?"). */
export async function peek(dbAny: Db, key: string, windowMs: number): Promise<number> {
  const db = dbAny.withTables<RateLimitsTable>();
  const hashed = createHash('sha256').update(key).digest('base64url');
  const row = await db
    .selectFrom('rate_limits')
    .select('hits')
    .where('key', '=', hashed)
    .where(sql<boolean>`window_start + ${windowMs} * interval '1 millisecond' > now()`)
    .executeTakeFirst();
  return row?.hits ?? 0;
}

/** Builds a @fastify/rate-limit store class bound to a database. */
export function databaseRateLimitStore(db: Db) {
  return class DatabaseRateLimitStore {
    private readonly prefix: string;
    constructor(prefix?: unknown) {
      // The plugin constructs the global store with its options object; only a string is a name.
      this.prefix = typeof prefix === 'string' ? prefix : 'global';
    }
    incr(
      key: string,
      cb: (err: Error | null, r?: { current: number; ttl: number }) => void,
      timeWindow: number,
    ) {
      hit(db, `${this.prefix}:${key}`, timeWindow).then(
        (r) => cb(null, r),
        (e: Error) => cb(e),
      );
    }
    /** A route with its own limit counts in its own bucket, named by method and URL. */
    child(params: { routeInfo?: { method?: string | string[]; url?: string } }) {
      const r = params.routeInfo;
      return new DatabaseRateLimitStore(
        `${[r?.method ?? ''].flat().join(',')}:${r?.url ?? 'route'}`,
      );
    }
  };
}
