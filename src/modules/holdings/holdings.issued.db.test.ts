import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR } from '../../app/context';
import { fixedClock, randomIds } from '../../platform/clock';
import type { JobQueue } from '../../platform/jobs';
import { createTestDatabase, type TestDatabase } from '../../platform/testing';
import { createAuditModule } from '../audit';
import { createHoldingsRepository } from './holdings.repository';
import { createHoldingsService, type HoldingsService } from './holdings.service';

/** A document handed over by document production joins the holder's held documents. */
const clock = fixedClock('2027-05-03T21:30:00Z');
let db: TestDatabase;
let service: HoldingsService;
let repo: ReturnType<typeof createHoldingsRepository>;

beforeAll(async () => {
  db = await createTestDatabase(MIGRATIONS_DIR);
  repo = createHoldingsRepository(db.db);
  service = createHoldingsService({
    repo,
    clock,
    ids: randomIds,
    jobs: {} as JobQueue,
    audit: createAuditModule({ db: db.db, clock }),
    applications: {} as never,
  });
});
afterAll(async () => {
  await db?.close();
});

describe('recordIssued', () => {
  it('records the handed-over document, valid, issued on the Vilnius day', async () => {
    const holder = randomUUID();
    const applicationId = randomUUID();
    const id = await db.db.transaction().execute((trx) =>
      service.recordIssued(
        {
          holderAccountId: holder,
          kind: 'residence-permit',
          documentNumber: 'LT7654321',
          givenNames: 'OKSANA',
          surname: 'KOVALENKO',
          dateOfBirth: '1990-02-14',
          nationality: 'UKR',
          personalCode: null,
          issuedAt: clock.now(),
          expiresOn: '2029-05-03',
          renewalServiceId: 'temporary-residence-permit',
          renewalGroundId: 'work',
          applicationId,
        },
        trx,
      ),
    );
    const row = await repo.find(id);
    expect(row).toMatchObject({
      holder_account_id: holder,
      status: 'valid',
      // 21:30 UTC is already the next day in Vilnius.
      issued_on: '2027-05-04',
      expires_on: '2029-05-03',
      issued_on_application_id: applicationId,
    });
    expect((await repo.listForHolder(holder)).map((r) => r.id)).toEqual([id]);
  });
});
