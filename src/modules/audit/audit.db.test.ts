import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../platform/clock';
import { MIGRATIONS_DIR } from '../../app/context';
import { createTestDatabase, type TestDatabase } from '../../platform/testing';
import { createAuditModule, type AuditModule } from './index';

let db: TestDatabase;
let audit: AuditModule;
beforeAll(async () => {
  db = await createTestDatabase(MIGRATIONS_DIR);
  audit = createAuditModule({ db: db.db, clock: fixedClock('2026-12-01T09:00:00Z') });
  const officer = {
    kind: 'staff' as const,
    accountId: '00000000-0000-4000-8000-000000000001',
    email: 'o@x.lt',
    displayName: 'O',
    roles: ['officer'],
    branchId: null,
    mfaPassed: true,
  };
  for (let i = 0; i < 5; i++) {
    await audit.recordRead({
      actor: officer,
      subject: { kind: 'application', id: `app-${i}` },
      purpose: 'examination',
      fields: ['identity'],
    });
  }
  await Promise.all(
    [1, 2, 3].map((i) =>
      audit.record({ actor: { kind: 'system' }, action: 'test.concurrent', details: { i } }),
    ),
  );
});
afterAll(async () => {
  await db?.close();
});

describe('audit trail', () => {
  it('records who read what and why, chained without gaps even when written concurrently', async () => {
    const entries = await audit.entriesFor({ kind: 'application', id: 'app-3' });
    expect(entries[0]).toMatchObject({
      action: 'personal-data.read',
      actor_kind: 'staff',
      purpose: 'examination',
    });
    expect(await audit.verify()).toEqual({ ok: true, rows: 8 });
  });

  it('refuses UPDATE and DELETE from the application', async () => {
    await expect(
      db.executeSql("update audit_log set purpose = 'curiosity' where seq = 2"),
    ).rejects.toThrow(/append-only/);
    await expect(db.executeSql('delete from audit_log where seq = 2')).rejects.toThrow(
      /append-only/,
    );
  });

  it('detects a row edited by hand with the trigger switched off', async () => {
    await db.executeSql('alter table audit_log disable trigger audit_log_no_update');
    await db.executeSql("update audit_log set purpose = 'curiosity' where seq = 3");
    await db.executeSql('alter table audit_log enable trigger audit_log_no_update');
    expect(await audit.verify()).toEqual({
      ok: false,
      rows: 0,
      break: { seq: 3, reason: 'hash-mismatch' },
    });
  });

  it('links committed entries into the chain by itself, shortly after they commit', async () => {
    const before = await db.executeSql('select count(*)::int as n from audit_log');
    await audit.record({ actor: { kind: 'system' }, action: 'test.linked-later' });
    let linked = 0;
    for (let i = 0; i < 50 && linked === 0; i++) {
      await new Promise((r) => setTimeout(r, 20));
      const { rows } = await db.executeSql(
        "select count(*)::int as n from audit_log where action = 'test.linked-later'",
      );
      linked = (rows[0] as { n: number }).n;
    }
    expect(linked).toBe(1);
    const after = await db.executeSql('select count(*)::int as n from audit_log');
    expect((after.rows[0] as { n: number }).n).toBe((before.rows[0] as { n: number }).n + 1);
  });

  it('keeps no entry of a rolled-back change, and chains entries of several nodes into one valid chain', async () => {
    await expect(
      db.db.transaction().execute(async (trx) => {
        await audit.record({ actor: { kind: 'system' }, action: 'test.rolled-back' }, trx);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    const other = createAuditModule({ db: db.db, clock: fixedClock('2026-12-01T09:05:00Z') });
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (i % 2 ? audit : other).record({
          actor: { kind: 'system' },
          action: 'test.two-nodes',
          details: { i },
        }),
      ),
    );
    await other.flush();
    const { rows } = await db.executeSql(
      "select count(*)::int as n from audit_log where action in ('test.rolled-back', 'test.two-nodes')",
    );
    expect((rows[0] as { n: number }).n).toBe(20);
  });
});
