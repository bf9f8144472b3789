import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, signedIn, signedInStaff, startTestApp, type TestApp } from '../../app/test-app';
import { DEMO_APPLICANTS } from '../accounts';
import { addCalendarDays, localDate } from '../catalogue';
import { vilniusInstant } from './calendar';

/**
 * Staff changing a branch's places on the whole app: who may; lowering below what is booked is
 * shown first and needs a ticked box; the most recently booked visit moves out, its holder gets
 * the nearest free time held and is told; held waitlist places go back to the line first; added
 * places go to the line before the public. Every test uses a day of its own.
 */
let app: TestApp;
// Signed in once each: a second sign-in in the same 30 s would reuse a one-time code.
let lead: Browser;
let admin: Browser;
const SERVICE = 'permanent-residence-permit';
const BRANCH = 'SIA';
const mod = () => app.app.modules.appointments;

beforeAll(async () => {
  app = await startTestApp();
  lead = await signedInStaff(app, 'lead@vartai.demo');
  admin = await signedInStaff(app, 'admin@vartai.demo');
});
afterAll(async () => {
  await app?.close();
});

/** Slots at 10:00 and 10:30 on `day` with `capacity` places each. */
async function twoSlots(day: string, capacity: number) {
  const ids = [randomUUID(), randomUUID()];
  await mod().repo.insertSlots(
    ['10:00', '10:30'].map((t, i) => ({
      id: ids[i]!,
      branch_code: BRANCH,
      service_id: SERVICE,
      starts_at: vilniusInstant(day, t),
      minutes: 30,
      capacity,
      booked: 0,
    })),
  );
  return ids as [string, string];
}
const staffOf = (accountId: string) => ({
  kind: 'staff' as const,
  accountId,
  email: 'lead@example.lt',
  displayName: 'Team lead',
  roles: ['team-lead'],
  branchId: null,
  mfaPassed: true,
});

describe('who may change capacity', () => {
  it('lets team leads and administrators in, and no one else', async () => {
    const page = '/workbench/capacity';
    for (const b of [lead, admin]) expect((await b.get(page)).statusCode).toBe(200);
    for (const email of ['officer@vartai.demo', 'callcentre@vartai.demo'])
      expect((await (await signedInStaff(app, email)).get(page)).statusCode).toBe(403);
    expect((await (await signedIn(app, DEMO_APPLICANTS[0]!.email)).get(page)).statusCode).toBe(403);
    expect((await new Browser(app).get(page)).statusCode).toBe(302);
  });

  it('keeps a branch team lead to their own branch', async () => {
    const day = addCalendarDays(localDate(new Date()), 40);
    const own = await lead.get(`/workbench/capacity?branch=KNS&day=${day}&lang=en`);
    // Another branch is not offered: the page falls back to the lead's own (Vilnius).
    expect(own.body).toContain('value="VLN" selected');
    expect(own.body).not.toContain('value="KNS"');
    const refused = await lead.post(
      '/workbench/capacity',
      { branch: 'KNS', service: SERVICE, day, desks: '0', action: 'apply' },
      `/workbench/capacity?day=${day}`,
    );
    expect(refused.statusCode).toBe(404);
  });
});

describe('lowering capacity', () => {
  it('moves the latest booked visit only after confirmation, holding an alternative', async () => {
    const day = addCalendarDays(localDate(new Date()), 20);
    const [ten, half] = await twoSlots(day, 2);
    const early = { applicationId: randomUUID(), accountId: randomUUID() };
    const late = { applicationId: randomUUID(), accountId: randomUUID() };
    expect((await mod().booking.book({ ...early, slotId: ten })).ok).toBe(true);
    expect((await mod().booking.book({ ...late, slotId: ten })).ok).toBe(true);

    const form = `/workbench/capacity?branch=${BRANCH}&service=${SERVICE}&day=${day}`;
    const fields = {
      branch: BRANCH,
      service: SERVICE,
      day,
      fromTime: '10:00',
      toTime: '10:15',
      desks: '1',
    };
    const preview = await admin.post('/workbench/capacity', { ...fields, action: 'preview' }, form);
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('capacity-preview');
    const unconfirmed = await admin.post(
      '/workbench/capacity',
      { ...fields, action: 'apply' },
      form,
    );
    expect(unconfirmed.statusCode).toBe(400);
    expect(await mod().repo.slot(ten)).toMatchObject({ capacity: 2, booked: 2 });

    const done = await admin.post(
      '/workbench/capacity',
      { ...fields, action: 'apply', confirm: 'yes' },
      form,
    );
    expect(done.statusCode).toBe(302);
    expect(await mod().repo.slot(ten)).toMatchObject({ capacity: 1, booked: 1 });
    const [moved] = await mod().repo.forApplication(late.applicationId);
    expect(moved).toMatchObject({ state: 'cancelled' });
    expect(moved!.ended_by).toMatch(/^staff:/);
    // The nearest free time at the branch is held for them; the early booker keeps theirs.
    const offer = (await mod().waitlist.standing(late.applicationId)).offer;
    expect(offer?.slot.id).toBe(half);
    expect(offer?.offer.reason).toBe('rebooking');
    expect((await mod().repo.forApplication(early.applicationId))[0]!.state).toBe('booked');
    // A branch moving a visit is not the applicant's change.
    expect((await mod().booking.standing(late.applicationId)).made).toBe(0);
  });

  it('gives held waitlist places back to the line first, and added places to the line', async () => {
    const day = addCalendarDays(localDate(new Date()), 21);
    const [ten] = await twoSlots(day, 1);
    const visitor = { applicationId: randomUUID(), accountId: randomUUID() };
    const booked = await mod().booking.book({ ...visitor, slotId: ten });
    if (!booked.ok) throw new Error('not booked');
    const waiting = { applicationId: randomUUID(), accountId: randomUUID() };
    await mod().waitlist.join({
      applicationId: waiting.applicationId,
      holder: { id: waiting.accountId, kind: 'account' },
      serviceId: SERVICE,
      branches: [BRANCH],
      fromAt: vilniusInstant(day, '00:00'),
      toAt: vilniusInstant(day, '10:15'),
    });
    // The 10:30 slot is outside what they accept, so nothing is held yet.
    expect((await mod().waitlist.standing(waiting.applicationId)).offer).toBeNull();
    await mod().booking.cancel(booked.appointment.id, visitor.accountId);
    expect((await mod().waitlist.standing(waiting.applicationId)).offer?.slot.id).toBe(ten);

    const span = {
      branch: BRANCH,
      serviceId: SERVICE,
      from: vilniusInstant(day, '10:00'),
      to: vilniusInstant(day, '10:15'),
    };
    const effects = await mod().capacity.apply({
      ...span,
      capacity: 0,
      staff: staffOf(randomUUID()),
    });
    expect(effects[0]).toMatchObject({ offersBack: 1, moved: 0 });
    const back = await mod().waitlist.standing(waiting.applicationId);
    expect(back.offer).toBeNull();
    expect(back.position).toBe(1);

    await mod().capacity.apply({ ...span, capacity: 1, staff: staffOf(randomUUID()) });
    expect((await mod().waitlist.standing(waiting.applicationId)).offer?.slot.id).toBe(ten);
    expect(await mod().repo.slot(ten)).toMatchObject({ capacity: 1, booked: 1 });
  });
});
