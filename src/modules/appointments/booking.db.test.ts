import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR } from '../../app/context';
import { fixedClock } from '../../platform/clock';
import { createTestDatabase, type TestDatabase } from '../../platform/testing';
import { createAuditModule, type AuditModule } from '../audit';
import { appointmentsForTest } from './appointments.test-support';
import type { AppointmentsModule } from './index';

/**
 * Booking on a real database: the last place of a slot goes to exactly one of many concurrent
 * requests; one active appointment per application; rescheduling is all or nothing; the change
 * limit warns, then blocks. Every test books at a branch and service of its own.
 */
const clock = fixedClock('2027-04-01T08:00:00Z');
let db: TestDatabase;
let audit: AuditModule;
let appointments: AppointmentsModule;

beforeAll(async () => {
  db = await createTestDatabase(MIGRATIONS_DIR);
  audit = createAuditModule({ db: db.db, clock });
  appointments = appointmentsForTest({ db, clock, audit });
});
afterAll(async () => {
  await audit.drain();
  await db?.close();
});

/** A slot with `capacity` places, in the future. */
async function slot(capacity: number, startsInHours = 24) {
  const id = randomUUID();
  await appointments.repo.insertSlots([
    {
      id,
      branch_code: 'VLN',
      service_id: `test-${randomUUID().slice(0, 8)}`,
      starts_at: new Date(clock.now().getTime() + startsInHours * 3_600_000),
      minutes: 30,
      capacity,
      booked: 0,
    },
  ]);
  return id;
}
const booking = () => appointments.booking;
const applicant = () => ({ applicationId: randomUUID(), accountId: randomUUID() });

describe('capacity is enforced by the database', () => {
  it('gives the last place to exactly one of 50 concurrent requests', async () => {
    const slotId = await slot(1);
    const results = await Promise.all(
      Array.from({ length: 50 }, () => booking().book({ ...applicant(), slotId })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const refused = results.filter((r) => !r.ok);
    expect(refused).toHaveLength(49);
    expect(new Set(refused.map((r) => r.reason))).toEqual(new Set(['taken']));
    expect((await appointments.repo.slot(slotId))!.booked).toBe(1);
  });

  it('fills a slot with several desks up to its capacity and no further', async () => {
    const slotId = await slot(3);
    const results = await Promise.all(
      Array.from({ length: 10 }, () => booking().book({ ...applicant(), slotId })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(3);
    expect((await appointments.repo.slot(slotId))!.booked).toBe(3);
  });

  it('keeps one active appointment per application, and no booking of a past slot', async () => {
    const who = applicant();
    const first = await booking().book({ ...who, slotId: await slot(2) });
    expect(first.ok).toBe(true);
    const second = await booking().book({ ...who, slotId: await slot(2) });
    expect(second).toMatchObject({ ok: false, reason: 'already-booked' });
    expect(await booking().book({ ...applicant(), slotId: await slot(1, -1) })).toMatchObject({
      ok: false,
      reason: 'taken',
    });
  });
});

describe('changing a visit', () => {
  it('moves a visit all or nothing, frees the old place, and warns before the blocking change', async () => {
    const who = applicant();
    const a = await booking().book({ ...who, slotId: await slot(1) });
    if (!a.ok) throw new Error('booking failed');
    // A full slot: the move fails and the visit stays where it was.
    const full = await slot(1);
    await booking().book({ ...applicant(), slotId: full });
    expect(await booking().reschedule(a.appointment.id, who.accountId, full)).toMatchObject({
      ok: false,
      reason: 'taken',
    });
    expect((await appointments.repo.appointment(a.appointment.id))!.state).toBe('booked');
    // Another applicant cannot touch it.
    expect(await booking().reschedule(a.appointment.id, randomUUID(), await slot(1))).toMatchObject(
      { ok: false, reason: 'not-found' },
    );

    // Two free changes.
    const b = await booking().reschedule(a.appointment.id, who.accountId, await slot(1));
    if (!b.ok) throw new Error('first change failed');
    expect((await appointments.repo.slot(a.slot.id))!.booked).toBe(0);
    const c = await booking().reschedule(b.appointment.id, who.accountId, await slot(1));
    if (!c.ok) throw new Error('second change failed');
    // The third is the one that blocks: asked to confirm first, then done, then booking is blocked.
    const third = await slot(1);
    const warned = await booking().reschedule(c.appointment.id, who.accountId, third);
    expect(warned).toMatchObject({ ok: false, reason: 'confirm-block' });
    expect((await booking().standing(who.applicationId)).nextChangeBlocks).toBe(true);
    const cancelled = await booking().cancel(c.appointment.id, who.accountId, {
      acceptBlock: true,
    });
    expect(cancelled.ok).toBe(true);
    const blocked = await booking().book({ ...who, slotId: third });
    expect(blocked).toMatchObject({ ok: false, reason: 'blocked' });
    if (!blocked.ok && blocked.reason === 'blocked')
      expect(blocked.until.toISOString()).toBe('2027-05-01T08:00:00.000Z');
  });

  it('makes slots from the branch calendars once', async () => {
    // 5 April 2027 is a Monday: 07:30–16:30 in 30-minute visits at 4 desks in Vilnius.
    expect(await booking().materialise('VLN', 'temporary-residence-permit', '2027-04-05', 1)).toBe(
      18,
    );
    expect(await booking().materialise('VLN', 'temporary-residence-permit', '2027-04-05', 1)).toBe(
      0,
    );
    const free = await booking().freeSlots('VLN', 'temporary-residence-permit', 3);
    expect(free.map((s) => [s.starts_at.toISOString(), s.capacity])).toEqual([
      ['2027-04-05T04:30:00.000Z', 4],
      ['2027-04-05T05:00:00.000Z', 4],
      ['2027-04-05T05:30:00.000Z', 4],
    ]);
  });
});
