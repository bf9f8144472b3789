import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_APPLICANTS } from '../modules/accounts';
import { submittedCase } from '../workbench/workbench.test-support';
import { startTestApp, type TestApp } from './test-app';

/**
 * A case withdrawn (or decided) needs no visit: in the same transaction its booked visit is
 * cancelled by the system (not counted as the applicant's change), and the place goes to the next
 * in line; a withdrawn application's own place in line and held time end too.
 */
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

const SERVICE = 'temporary-residence-permit';

/** One place at Mažeikiai, `days` from now. */
async function oneSlot(days: number) {
  const id = randomUUID();
  await app.app.modules.appointments.repo.insertSlots([
    {
      id,
      branch_code: 'MAZ',
      service_id: SERVICE,
      starts_at: new Date(Date.now() + days * 86_400_000),
      minutes: 30,
      capacity: 1,
      booked: 0,
    },
  ]);
  return id;
}

/** A submitted application of `email` with its case, and the account. */
async function caseOf(email: string) {
  const submitted = await submittedCase(app.ctx.database.db, app.app.modules.cases, { email });
  const account = (await app.app.modules.accounts.repo.findByEmail(email))!;
  return { submitted, account };
}

describe('closing a case ends its visit arrangements', () => {
  it('cancels the booked visit and gives the place to the next in line', async () => {
    const { cases, appointments } = app.app.modules;
    const db = app.ctx.database.db;
    const slotId = await oneSlot(5);
    const { submitted: leaving, account } = await caseOf(DEMO_APPLICANTS[1]!.email);
    const booked = await appointments.booking.book({
      applicationId: leaving.applicationId,
      accountId: account.id,
      slotId,
    });
    expect(booked.ok).toBe(true);
    const next = { applicationId: randomUUID(), accountId: randomUUID() };
    await appointments.waitlist.join({
      applicationId: next.applicationId,
      holder: { id: next.accountId, kind: 'account' },
      serviceId: SERVICE,
      branches: ['MAZ'],
      fromAt: new Date(),
      toAt: new Date(Date.now() + 10 * 86_400_000),
    });

    await db
      .transaction()
      .execute((trx) =>
        cases.service.recordAction(
          leaving.caseId,
          { kind: 'withdrawn', actor_kind: 'applicant', actor_id: account.id },
          trx,
        ),
      );

    const [visit] = await appointments.repo.forApplication(leaving.applicationId);
    expect(visit).toMatchObject({ state: 'cancelled', ended_by: 'system:case-closed' });
    expect((await appointments.booking.standing(leaving.applicationId)).made).toBe(0);
    expect((await appointments.waitlist.standing(next.applicationId)).offer?.slot.id).toBe(slotId);
    expect(await appointments.repo.slot(slotId)).toMatchObject({ capacity: 1, booked: 1 });
  });

  it('ends the withdrawn application’s place in line and its held time', async () => {
    const { cases, appointments } = app.app.modules;
    const db = app.ctx.database.db;
    const slotId = await oneSlot(6);
    const { submitted: waiting, account } = await caseOf(DEMO_APPLICANTS[2]!.email);
    // Joining with a free time in range holds it at once.
    await appointments.waitlist.join({
      applicationId: waiting.applicationId,
      holder: { id: account.id, kind: 'account' },
      serviceId: SERVICE,
      branches: ['MAZ'],
      fromAt: new Date(Date.now() + 6 * 86_400_000 - 3_600_000),
      toAt: new Date(Date.now() + 6 * 86_400_000 + 3_600_000),
    });
    expect((await appointments.waitlist.standing(waiting.applicationId)).offer?.slot.id).toBe(
      slotId,
    );

    await db
      .transaction()
      .execute((trx) =>
        cases.service.recordAction(
          waiting.caseId,
          { kind: 'withdrawn', actor_kind: 'applicant', actor_id: account.id },
          trx,
        ),
      );

    expect(await appointments.waitlist.standing(waiting.applicationId)).toMatchObject({
      entry: null,
      offer: null,
    });
    expect(await appointments.repo.slot(slotId)).toMatchObject({ booked: 0 });
  });
});
