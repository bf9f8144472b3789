import { sql, type Kysely } from 'kysely';
import type { Db } from '../../platform/db';
import { GENESIS_HASH, hashEntry, type ChainedEntry } from './audit.chain';

export type PendingRow = Omit<ChainedEntry, 'seq'> & { id: number };
export type AuditTables = {
  audit_log: ChainedEntry & { prev_hash: string; hash: string };
  audit_pending: PendingRow;
};

/** One chainer at a time on any number of nodes (transaction-scoped advisory lock). */
const CHAIN_LOCK = 7301002;
const BATCH = 500;

/**
 * Links pending audit entries into the hash chain, in batches, one chainer at a time.
 *
 * Entries are written as `audit_pending` rows in the transaction of the change they describe, so
 * they commit or roll back with it, without taking a global lock. Each `record` nudges this
 * chainer; it runs a moment later (so one run links the entries of many requests), keeps running
 * while entries keep coming, and once more shortly after the last one, for transactions that
 * committed after it looked. Entries left by a process that stopped are linked by the next
 * chainer that runs anywhere (every start-up runs one).
 */
export function createChainer(deps: {
  db: Db;
  delayMs?: number;
  lingerMs?: number;
  onError?: (e: unknown) => void;
}) {
  const db = deps.db.withTables<AuditTables>();
  const delayMs = deps.delayMs ?? 20;
  const lingerMs = deps.lingerMs ?? 1_000;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | undefined;
  let lastNudge = 0;
  let stopped = false;

  /** Links up to one batch; `wait` queues behind another chainer instead of leaving it the work. */
  async function chainBatch(wait: boolean): Promise<number> {
    return db.transaction().execute(async (trx: Kysely<AuditTables>) => {
      if (wait) await sql`select pg_advisory_xact_lock(${CHAIN_LOCK})`.execute(trx);
      else {
        const { rows } = await sql<{
          locked: boolean;
        }>`select pg_try_advisory_xact_lock(${CHAIN_LOCK}) as locked`.execute(trx);
        if (!rows[0]?.locked) return 0;
      }
      const pending = await trx
        .selectFrom('audit_pending')
        .selectAll()
        .orderBy('id')
        .limit(BATCH)
        .execute();
      if (pending.length === 0) return 0;
      const last = await trx
        .selectFrom('audit_log')
        .select(['seq', 'hash'])
        .orderBy('seq', 'desc')
        .limit(1)
        .executeTakeFirst();
      let seq = Number(last?.seq ?? 0);
      let prev = last?.hash ?? GENESIS_HASH;
      const rows = pending.map(({ id: _id, ...p }) => {
        const entry: ChainedEntry = { ...p, seq: ++seq };
        const hash = hashEntry(prev, entry);
        const row = {
          ...entry,
          details: JSON.stringify(entry.details) as never,
          prev_hash: prev,
          hash,
        };
        prev = hash;
        return row;
      });
      await trx.insertInto('audit_log').values(rows).execute();
      // Exactly the rows linked: an entry with a lower id may commit after this run looked.
      await trx
        .deleteFrom('audit_pending')
        .where(
          'id',
          'in',
          pending.map((p) => p.id),
        )
        .execute();
      return pending.length;
    });
  }

  async function chainAll(wait: boolean): Promise<void> {
    while ((await chainBatch(wait)) === BATCH);
  }

  function schedule(ms: number) {
    if (timer || stopped) return;
    timer = setTimeout(() => {
      timer = undefined;
      const startedAt = Date.now();
      running = chainAll(false)
        .then(() => {
          if (lastNudge >= startedAt) schedule(delayMs);
          else if (Date.now() - lastNudge < lingerMs) schedule(lingerMs / 4);
        })
        // Logged, not retried on a timer: the next entry nudges the chainer again.
        .catch((e: unknown) => deps.onError?.(e))
        .finally(() => {
          running = undefined;
        });
    }, ms);
    timer.unref?.();
  }

  return {
    /** An entry was written: link it soon. */
    nudge() {
      lastNudge = Date.now();
      schedule(delayMs);
    },
    /** Links everything committed so far, waiting for any other chainer (reads and verify). */
    async flush(): Promise<void> {
      await running;
      await chainAll(true);
    },
    /** Stops the timers and links what is left (app shutdown). */
    async drain(): Promise<void> {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await running;
      await chainAll(true);
    },
  };
}
