import { createHash } from 'node:crypto';
import type { Db } from '../db';
import { sql } from 'kysely';

type RateLimitsTable = {
  rate_limits: { key: string; window_start: Date; hits: number };
};

/**
 * A fixed-window counter in the database, so limits hold across app nodes (DESIGN §7).
 * One upsert adds `count` hits; it starts a new window when the old one has passed.
 */
export async function hit(
  dbAny: Db,
  key: string,
  windowMs: number,
  count = 1,
): Promise<{ current: number; ttl: number }> {
  const db = dbAny.withTables<RateLimitsTable>();
  const hashed = createHash('sha256').update(key).digest('base64url');
  const row = await db
    .insertInto('rate_limits')
    .values({ key: hashed, window_start: sql<Date>`now()`, hits: count })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        hits: sql<number>`case when rate_limits.window_start + ${windowMs} * interval '1 millisecond' <= now() then ${count} else rate_limits.hits + ${count} end`,
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

interface Bucket {
  /** Hits the database had counted in the current window when last asked. */
  shared: number;
  /** Hits counted here and not yet added to the database. */
  pending: number;
  windowEndsAt: number;
  flushScheduled: boolean;
}

/**
 * Counts requests in the database without a write per request: the first request of a window
 * asks the database (so the count is shared by every node from the start), later ones count in
 * memory and are added to the shared row at most `flushMs` later. A client can therefore overrun
 * a limit by what one node counted in that interval, and a crash forgets at most that much.
 * Per-request writes to one row per client were the busiest row in the intake benchmark.
 */
export class BatchingCounter {
  private readonly buckets = new Map<string, Bucket>();
  constructor(
    private readonly db: Db,
    private readonly flushMs = 1000,
    private readonly now: () => number = Date.now,
  ) {}

  async incr(key: string, windowMs: number): Promise<{ current: number; ttl: number }> {
    const t = this.now();
    const b = this.buckets.get(key);
    if (!b || t >= b.windowEndsAt) {
      // Hits still pending belong to a window that has ended: they no longer count.
      if (b) b.pending = 0;
      const r = await hit(this.db, key, windowMs);
      this.remember(key, r);
      return r;
    }
    b.pending += 1;
    if (!b.flushScheduled) {
      b.flushScheduled = true;
      setTimeout(() => void this.flush(key, windowMs), this.flushMs).unref();
    }
    return { current: b.shared + b.pending, ttl: Math.max(0, b.windowEndsAt - t) };
  }

  private remember(key: string, r: { current: number; ttl: number }) {
    if (this.buckets.size > 50_000) this.forgetExpired();
    const b = this.buckets.get(key);
    const windowEndsAt = this.now() + r.ttl;
    if (b) Object.assign(b, { shared: r.current, windowEndsAt });
    else
      this.buckets.set(key, { shared: r.current, pending: 0, windowEndsAt, flushScheduled: false });
  }

  private async flush(key: string, windowMs: number): Promise<void> {
    const b = this.buckets.get(key);
    if (!b) return;
    b.flushScheduled = false;
    const count = b.pending;
    if (count === 0) return;
    b.pending = 0;
    try {
      this.remember(key, await hit(this.db, key, windowMs, count));
    } catch {
      // The database is unavailable: keep the hits and try again with the next request's flush.
      b.pending += count;
    }
  }

  private forgetExpired() {
    const t = this.now();
    for (const [k, b] of this.buckets)
      if (t >= b.windowEndsAt && b.pending === 0) this.buckets.delete(k);
  }
}

/** Builds a @fastify/rate-limit store class bound to a database. */
export function databaseRateLimitStore(db: Db, flushMs = 1000) {
  const counter = new BatchingCounter(db, flushMs);
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
      counter.incr(`${this.prefix}:${key}`, timeWindow).then(
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
