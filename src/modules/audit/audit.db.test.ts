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
});
