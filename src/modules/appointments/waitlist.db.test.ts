import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR } from '../../app/context';
import { fixedClock } from '../../platform/clock';
import { createTestDatabase, type TestDatabase } from '../../platform/testing';
import { createAuditModule, type AuditModule } from '../audit';
import type { VisitHappening } from './visit.happenings';
import { appointmentsForTest } from './appointments.test-support';
import type { AppointmentsModule } from './index';

/**
 * The waitlist on a real database: freed places go to the line in order, each held for a while,
 * before the public can book them; a held place nobody takes goes to the next; two places freed
 * at the same moment go to the first and the second in line. Each test uses a service of its own.
 */
const clock = fixedClock('2027-04-01T08:00:00Z');
let db: TestDatabase;
let audit: AuditModule;
let appointments: AppointmentsModule;
const told: VisitHappening[] = [];

beforeAll(async () => {
  db = await createTestDatabase(MIGRATIONS_DIR);
  audit = createAuditModule({ db: db.db, clock });
  appointments = appointmentsForTest({
    db,
    clock,
    audit,
    happenings: async (h) => {
      told.push(h);
    },
  });
});
afterAll(async () => {
  await audit.drain();
  await db?.close();
});

const HOUR = 3_600_000;
const at = (hours: number) => new Date(clock.now().getTime() + hours * HOUR);
const service = () => `test-${randomUUID().slice(0, 8)}`;

/** A slot of `serviceId` at `branch`, `hours` from now, with `capacity` places. */
async function slot(serviceId: string, capacity: number, hours = 48, branch = 'VLN') {
  const id = randomUUID();
  await appointments.repo.insertSlots([
    {
      id,
      branch_code: branch,
      service_id: serviceId,
      starts_at: at(hours),
      minutes: 30,
      capacity,
      booked: 0,
    },
  ]);
  return id;
}
const person = () => ({ applicationId: randomUUID(), accountId: randomUUID() });

/** Books a place and returns who holds it (to cancel later). */
async function booked(slotId: string) {
  const p = person();
  const r = await appointments.booking.book({ ...p, slotId });
  if (!r.ok) throw new Error(`booking refused: ${r.reason}`);
  return { ...p, appointmentId: r.appointment.id };
}

/** Joins the line for `serviceId` at the given branches, for the next ten days. */
async function joins(serviceId: string, branches = ['VLN']) {
  const p = person();
  await appointments.waitlist.join({
    applicationId: p.applicationId,
    holder: { id: p.accountId, kind: 'account' },
    serviceId,
    branches,
    fromAt: clock.now(),
    toAt: at(240),
  });
  return p;
}
const standing = (p: { applicationId: string }) => appointments.waitlist.standing(p.applicationId);
const holder = (p: { accountId: string }) => ({ id: p.accountId, kind: 'account' as const });

describe('the waitlist gets freed places in order before the public', () => {
  it('offers a cancelled place to the first in line and keeps it from public booking', async () => {
    const s = service();
    const slotId = await slot(s, 1);
    const visitor = await booked(slotId);
    const first = await joins(s);
    const second = await joins(s);
    expect((await standing(first)).position).toBe(1);
    expect((await standing(second)).position).toBe(2);

    await appointments.booking.cancel(visitor.appointmentId, visitor.accountId);

    const offer = (await standing(first)).offer;
    expect(offer?.slot.id).toBe(slotId);
    expect(offer?.offer.held_until).toEqual(at(appointments.pack.waitlist.holdHours));
    expect((await standing(second)).offer).toBeNull();
    expect((await standing(second)).position).toBe(1);
    // Held, so nobody else can book it, and it is not listed as free.
    expect(await appointments.booking.freeSlots('VLN', s)).toEqual([]);
    expect(await appointments.booking.book({ ...person(), slotId })).toEqual({
      ok: false,
      reason: 'taken',
    });
    expect(told.some((h) => h.kind === 'offered' && h.offer.id === offer?.offer.id)).toBe(true);
  });

  it('passes a lapsed or declined place to the next in line, then back to the public', async () => {
    const s = service();
    const slotId = await slot(s, 1);
    const visitor = await booked(slotId);
    const [a, b, c] = [await joins(s), await joins(s), await joins(s)];
    await appointments.booking.cancel(visitor.appointmentId, visitor.accountId);
    expect((await standing(a)).offer?.slot.id).toBe(slotId);

    // a does not answer in time: the lapse job gives the place to b.
    const later = fixedClockAt(at(appointments.pack.waitlist.holdHours + 1));
    await later(() => appointments.waitlist.lapse());
    expect((await standing(a)).entry).toBeNull();
    expect((await standing(b)).offer?.slot.id).toBe(slotId);
    expect(
      told.some((h) => h.kind === 'offer-lapsed' && h.offer.application_id === a.applicationId),
    ).toBe(true);

    // b declines: c gets it; c declines: nobody is left, so the public may book it.
    expect(
      await appointments.waitlist.decline((await standing(b)).offer!.offer.id, holder(b)),
    ).toBe(true);
    const cOffer = (await standing(c)).offer!;
    expect(cOffer.slot.id).toBe(slotId);
    expect(await appointments.waitlist.decline(cOffer.offer.id, holder(c))).toBe(true);
    expect((await appointments.booking.freeSlots('VLN', s)).map((x) => x.id)).toEqual([slotId]);
  });

  it('makes the held place the applicant’s appointment when accepted, once', async () => {
    const s = service();
    const slotId = await slot(s, 1);
    const visitor = await booked(slotId);
    const waiting = await joins(s);
    await appointments.booking.cancel(visitor.appointmentId, visitor.accountId);
    const offerId = (await standing(waiting)).offer!.offer.id;

    expect(
      await appointments.waitlist.accept(offerId, { id: randomUUID(), kind: 'account' }),
    ).toEqual({
      ok: false,
      reason: 'not-found',
    });
    const r = await appointments.waitlist.accept(offerId, holder(waiting));
    expect(r.ok && r.appointment.slot_id).toBe(slotId);
    expect(await appointments.waitlist.accept(offerId, holder(waiting))).toEqual({
      ok: false,
      reason: 'not-found',
    });
    const after = await appointments.repo.slot(slotId);
    expect(after).toMatchObject({ capacity: 1, booked: 1 });
    expect(await standing(waiting)).toMatchObject({ entry: null, offer: null });
  });

  it('skips those in line who do not accept the branch or the day', async () => {
    const s = service();
    const slotId = await slot(s, 1, 48, 'KNS');
    const visitor = await booked(slotId);
    const vilniusOnly = await joins(s, ['VLN']);
    const kaunas = await joins(s, ['VLN', 'KNS']);
    await appointments.booking.cancel(visitor.appointmentId, visitor.accountId);
    expect((await standing(vilniusOnly)).offer).toBeNull();
    expect((await standing(kaunas)).offer?.slot.id).toBe(slotId);
  });

  it('gives places freed at the same moment to the first and the second in line', async () => {
    const s = service();
    const slotId = await slot(s, 2);
    const [v1, v2] = [await booked(slotId), await booked(slotId)];
    const [a, b, c] = [await joins(s), await joins(s), await joins(s)];
    await Promise.all([
      appointments.booking.cancel(v1.appointmentId, v1.accountId),
      appointments.booking.cancel(v2.appointmentId, v2.accountId),
    ]);
    expect((await standing(a)).offer?.slot.id).toBe(slotId);
    expect((await standing(b)).offer?.slot.id).toBe(slotId);
    expect((await standing(c)).offer).toBeNull();
    expect(await appointments.repo.slot(slotId)).toMatchObject({ capacity: 2, booked: 2 });
  });

  it('keeps line order when ten places free up concurrently for fifteen in line', async () => {
    const s = service();
    const slotId = await slot(s, 10);
    const visitors = [];
    for (let i = 0; i < 10; i++) visitors.push(await booked(slotId));
    const line = [];
    for (let i = 0; i < 15; i++) line.push(await joins(s));
    await Promise.all(
      visitors.map((v) => appointments.booking.cancel(v.appointmentId, v.accountId)),
    );
    const offered = await Promise.all(line.map(async (p) => (await standing(p)).offer !== null));
    expect(offered).toEqual([...Array(10).fill(true), ...Array(5).fill(false)]);
    expect(await appointments.repo.slot(slotId)).toMatchObject({ capacity: 10, booked: 10 });
  });

  it('offers new days to the line before they are public, and takes a place that fits at once', async () => {
    const s = 'temporary-residence-permit';
    const waiting = await joins(s, ['MAZ']);
    expect((await standing(waiting)).offer).toBeNull();
    await appointments.booking.materialise('MAZ', s, '2027-04-05', 1);
    const offer = (await standing(waiting)).offer;
    expect(offer?.slot.branch_code).toBe('MAZ');
    // The earliest time of the new day went to the line.
    const free = await appointments.booking.freeSlots('MAZ', s, 1);
    expect(free[0]!.starts_at.getTime()).toBeGreaterThanOrEqual(offer!.slot.starts_at.getTime());
  });

  it('gives up a held place when the applicant books another time themselves', async () => {
    const s = service();
    const full = await slot(s, 1);
    const other = await slot(s, 1, 72, 'KNS');
    const visitor = await booked(full);
    const first = await joins(s, ['VLN']);
    const second = await joins(s, ['VLN']);
    await appointments.booking.cancel(visitor.appointmentId, visitor.accountId);
    expect((await standing(first)).offer?.slot.id).toBe(full);

    const r = await appointments.booking.book({ ...first, slotId: other });
    expect(r.ok).toBe(true);
    expect(await standing(first)).toMatchObject({ entry: null, offer: null });
    expect((await standing(second)).offer?.slot.id).toBe(full);
  });
});

/** Runs `work` with the module's clock moved to `when` (the fixed clock is shared). */
function fixedClockAt(when: Date) {
  return async <T>(work: () => Promise<T>) => {
    const before = clock.now();
    clock.set(when);
    try {
      return await work();
    } finally {
      clock.set(before);
    }
  };
}
