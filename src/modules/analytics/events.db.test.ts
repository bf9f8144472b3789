import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR } from '../../app/context';
import { createTestDatabase, type TestDatabase } from '../../platform/testing';
import { eventKey, type AnalyticsEvent } from './events.schemas';
import { SAMPLE_EVENTS } from './events.test-support';
import { createAnalyticsModule, type AnalyticsModule } from '.';

let database: TestDatabase;
let analytics: AnalyticsModule;

beforeAll(async () => {
  database = await createTestDatabase(MIGRATIONS_DIR);
  analytics = createAnalyticsModule({ database });
});
afterAll(async () => {
  await database.close();
});

const rows = async (key?: string) =>
  (
    await sql<{ key: string; kind: string; occurred_at: Date; tx: string; payload: unknown }>`
      select key, kind, occurred_at, tx::text as tx, payload from analytics_events
      where ${key === undefined ? sql`true` : sql`key = ${key}`} order by id`.execute(database.db)
  ).rows;

/** An event of the given kind with a fresh id, so the tests do not see each other's rows. */
function fresh(): AnalyticsEvent {
  return { ...SAMPLE_EVENTS['triage.run'], runId: crypto.randomUUID() };
}
const keyOf = eventKey;

describe('recording analytics events', () => {
  it("writes in the caller's transaction: gone when it rolls back, there when it commits", async () => {
    const lost = fresh();
    await expect(
      database.db.transaction().execute(async (trx) => {
        expect(await analytics.record(lost, trx)).toBe(true);
        // Visible inside the transaction …
        const inside = await sql`select 1 from analytics_events where key = ${keyOf(lost)}`.execute(
          trx,
        );
        expect(inside.rows).toHaveLength(1);
        throw new Error('the change is refused');
      }),
    ).rejects.toThrow('the change is refused');
    // … and gone with it.
    expect(await rows(keyOf(lost))).toEqual([]);

    const kept = fresh();
    await database.db.transaction().execute(async (trx) => {
      await analytics.record(kept, trx);
    });
    expect(await rows(keyOf(kept))).toHaveLength(1);
  });

  it('keeps one row for the same business key, recorded twice or in two transactions', async () => {
    const e = fresh();
    await database.db.transaction().execute(async (trx) => {
      expect(await analytics.record(e, trx)).toBe(true);
      expect(await analytics.record(e, trx)).toBe(false);
    });
    // A retried job: the same key later, even with another time, inserts nothing.
    expect(
      await analytics.record({ ...e, occurredAt: new Date('2027-03-02T00:00:00Z') }, null),
    ).toBe(false);
    const [row, ...more] = await rows(keyOf(e));
    expect(more).toEqual([]);
    expect(row!.occurred_at.toISOString()).toBe(e.occurredAt.toISOString());
  });

  it('fills tx with the writing transaction id, the same for one transaction, larger later', async () => {
    const [a, b, c] = [fresh(), fresh(), fresh()];
    let current = '';
    await database.db.transaction().execute(async (trx) => {
      await analytics.record(a, trx);
      await analytics.record(b, trx);
      current = (await sql<{ tx: string }>`select pg_current_xact_id()::text as tx`.execute(trx))
        .rows[0]!.tx;
    });
    await analytics.record(c, null);
    const [ra, rb, rc] = [
      (await rows(keyOf(a)))[0]!,
      (await rows(keyOf(b)))[0]!,
      (await rows(keyOf(c)))[0]!,
    ];
    expect(ra.tx).toMatch(/^\d+$/);
    expect(ra.tx).toBe(current);
    expect(rb.tx).toBe(current);
    expect(BigInt(rc.tx)).toBeGreaterThan(BigInt(current));
  });

  it('stores every kind: kind and time as columns, the rest as the payload', async () => {
    for (const e of Object.values(SAMPLE_EVENTS)) await analytics.record(e, null);
    const stored = await rows();
    for (const e of Object.values(SAMPLE_EVENTS)) {
      const row = stored.find((r) => r.key === eventKey(e));
      expect(row, e.kind).toBeDefined();
      const { kind, occurredAt, ...payload } = e;
      expect(row).toMatchObject({ kind, occurred_at: occurredAt, payload });
    }
  });

  it('refuses an event outside the contract before writing anything', async () => {
    const before = (await rows()).length;
    const bad = { ...fresh(), applicantName: 'Olena' } as unknown as AnalyticsEvent;
    await expect(analytics.record(bad, null)).rejects.toMatchObject({
      code: 'ANALYTICS_EVENT_INVALID',
    });
    expect(await rows()).toHaveLength(before);
  });

  it('starts the fold state at the beginning, with its one row', async () => {
    const state = await sql<{ folded_below: string; events_folded: number }>`
      select folded_below::text as folded_below, events_folded from analytics_fold_state`.execute(
      database.db,
    );
    expect(state.rows).toEqual([{ folded_below: '0', events_folded: 0 }]);
    await expect(
      sql`insert into analytics_fold_state (id) values (false)`.execute(database.db),
    ).rejects.toThrow();
    // The fold's watermark test is expressible on this engine: xmin of the current snapshot.
    const xmin = await sql<{ ok: boolean }>`
      select pg_snapshot_xmin(pg_current_snapshot()) > '0'::xid8 as ok`.execute(database.db);
    expect(xmin.rows[0]!.ok).toBe(true);
  });
});
