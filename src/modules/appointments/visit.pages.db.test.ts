import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, signedIn, signedInStaff, startTestApp, type TestApp } from '../../app/test-app';
import { addCalendarDays, localDate } from '../catalogue';
import { DEMO_APPLICANTS } from '../accounts';

/**
 * The visit page on the whole app: only the application's person books; the branches show their
 * next free time; a time is booked, moved twice, the third change is confirmed after a warning
 * and then booking is blocked; cancelling frees the place. Others get 404 or are refused.
 */
let app: TestApp;
let owner: Browser;
let stranger: Browser;

/** A submitted application of `email` for `serviceId`, written directly (intake is tested elsewhere). */
async function submitted(email: string, serviceId = 'temporary-residence-permit') {
  const db = app.ctx.database.db;
  const account = (await app.app.modules.accounts.repo.findByEmail(email))!;
  const id = randomUUID();
  const now = new Date();
  await sql`insert into applications (id, reference, service_id, ground_id, urgent, state,
      owner_account_id, filed_by_kind, filed_by_account_id, answers, created_at, updated_at, submitted_at)
    values (${id}, ${`TEST-${id.slice(0, 8)}`}, ${serviceId}, null, false, 'submitted', ${account.id},
      'self', ${account.id}, '{}'::jsonb, ${now}, ${now}, ${now})`.execute(db);
  return id;
}
const slotIdsOf = (html: string) =>
  [...html.matchAll(/name="slotId"[^>]*value="([^"]+)"/g)].map((m) => m[1]!);

beforeAll(async () => {
  app = await startTestApp();
  owner = await signedIn(app, DEMO_APPLICANTS[1]!.email);
  stranger = await signedIn(app, DEMO_APPLICANTS[2]!.email);
  // Vilnius, from tomorrow for a week: whole days of 30-minute visits at 4 desks.
  const tomorrow = addCalendarDays(localDate(new Date()), 1);
  await app.app.modules.appointments.booking.materialise(
    'VLN',
    'temporary-residence-permit',
    tomorrow,
    7,
  );
});
afterAll(async () => {
  await app?.close();
});

describe('the visit page', () => {
  it('is the owner’s only', async () => {
    const id = await submitted(DEMO_APPLICANTS[1]!.email);
    const page = `/applications/${id}/visit`;
    expect((await stranger.get(page)).statusCode).toBe(404);
    const anonymous = await new Browser(app).get(page);
    expect(anonymous.statusCode).toBe(302);
    const officer = await signedInStaff(app, 'officer@vartai.demo');
    expect((await officer.get(page)).statusCode).toBe(403);
    // The application's page points to it.
    expect((await owner.get(`/applications/${id}?lang=en`)).body).toContain(page);
    // No CSRF token: refused.
    expect((await owner.postRaw(page, { slotId: randomUUID() })).statusCode).toBe(403);
  });

  it('says when no visit is needed', async () => {
    const id = await submitted(DEMO_APPLICANTS[1]!.email, 'change-of-employer');
    const res = await owner.get(`/applications/${id}/visit?lang=en`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('This application does not need a visit.');
  });

  it('books, moves twice, warns before the third change, then blocks; cancelling frees the place', async () => {
    const id = await submitted(DEMO_APPLICANTS[1]!.email);
    const page = `/applications/${id}/visit`;
    const overview = await owner.get(`${page}?lang=en`);
    expect(overview.body).toContain('Vilnius branch');
    expect(overview.body).toContain(`${page}?branch=VLN`);

    const times = slotIdsOf((await owner.get(`${page}?branch=VLN`)).body);
    expect(times.length).toBeGreaterThan(5);
    const empty = await owner.post(page, { branch: 'VLN' }, `${page}?branch=VLN`);
    expect(empty.statusCode).toBe(400);
    expect(
      (await owner.post(page, { branch: 'VLN', slotId: times[0]! }, `${page}?branch=VLN`))
        .statusCode,
    ).toBe(302);
    expect((await owner.get(`${page}?lang=en`)).body).toContain('Your booked visit');
    for (const t of [times[1]!, times[2]!])
      expect(
        (await owner.post(page, { branch: 'VLN', slotId: t }, `${page}?branch=VLN`)).statusCode,
      ).toBe(302);

    // The third change would block booking: warned, and refused until confirmed.
    const warned = await owner.get(`${page}?branch=VLN&lang=en`);
    expect(warned.body).toContain('you cannot book a new one for a month');
    const unconfirmed = await owner.post(
      page,
      { branch: 'VLN', slotId: times[3]! },
      `${page}?branch=VLN`,
    );
    expect(unconfirmed.statusCode).toBe(400);
    const confirmed = await owner.post(
      page,
      { branch: 'VLN', slotId: times[3]!, acceptBlock: 'yes' },
      `${page}?branch=VLN`,
    );
    expect(confirmed.statusCode).toBe(302);
    expect((await owner.get(`${page}?lang=en`)).body).toContain('You changed your visit too often');

    const before = (await app.app.modules.appointments.repo.slot(times[3]!))!.booked;
    expect((await owner.post(`${page}/cancel`, {}, page)).statusCode).toBe(302);
    expect((await app.app.modules.appointments.repo.slot(times[3]!))!.booked).toBe(before - 1);
    // The block keeps the application out of the waitlist too.
    const today = localDate(new Date());
    const line = await owner.post(
      `${page}/waitlist`,
      { branches: 'VLN', fromDay: today, toDay: addCalendarDays(today, 7) },
      page,
    );
    expect(line.statusCode).toBe(400);
    expect(await app.app.modules.appointments.waitlist.standing(id)).toMatchObject({ entry: null });
  });
});

describe('the waitlist on the visit page', () => {
  it('lets an applicant join, be offered a freed time in order, and accept it', async () => {
    const service = 'eu-family-member-card';
    const slotId = randomUUID();
    await app.app.modules.appointments.repo.insertSlots([
      {
        id: slotId,
        branch_code: 'KLP',
        service_id: service,
        starts_at: new Date(Date.now() + 3 * 86_400_000),
        minutes: 30,
        capacity: 1,
        booked: 0,
      },
    ]);
    const first = await submitted(DEMO_APPLICANTS[1]!.email, service);
    const firstPage = `/applications/${first}/visit`;
    expect(
      (await owner.post(firstPage, { branch: 'KLP', slotId }, `${firstPage}?branch=KLP`))
        .statusCode,
    ).toBe(302);

    const second = await submitted(DEMO_APPLICANTS[2]!.email, service);
    const page = `/applications/${second}/visit`;
    const overview = await stranger.get(`${page}?lang=en`);
    expect(overview.body).toContain('Join the waitlist');
    // Nothing chosen: a clear error, nothing saved.
    const empty = await stranger.post(`${page}/waitlist`, { fromDay: '', toDay: '' }, page);
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Choose at least one branch');
    // Someone else's application: not found, whatever the form holds.
    expect(
      (await owner.post(`${page}/waitlist`, { fromDay: '', toDay: '' }, firstPage)).statusCode,
    ).toBe(404);
    const today = localDate(new Date());
    const later = addCalendarDays(today, 30);
    const joined = await stranger.post(
      `${page}/waitlist`,
      { branches: 'KLP', fromDay: today, toDay: later },
      page,
    );
    expect(joined.statusCode).toBe(302);
    expect(
      (
        await owner.post(
          `${page}/waitlist`,
          { branches: 'KLP', fromDay: today, toDay: later },
          firstPage,
        )
      ).statusCode,
    ).toBe(404);
    const waiting = await stranger.get(`${page}?lang=en`);
    expect(waiting.body).toContain('You are number 1 in line');

    // The booked visit is cancelled: the place is held for the one waiting, not made public.
    expect((await owner.post(`${firstPage}/cancel`, {}, firstPage)).statusCode).toBe(302);
    expect((await owner.get(`${firstPage}?branch=KLP`)).body).not.toContain(slotId);
    const offered = await stranger.get(`${page}?lang=en`);
    expect(offered.body).toContain('A time is held for you');
    expect((await stranger.get(`/applications/${second}?lang=en`)).body).toContain(
      'See the time held for you',
    );
    // Only its holder answers it.
    expect((await owner.post(`${page}/offer`, { answer: 'accept' }, firstPage)).statusCode).toBe(
      404,
    );
    expect((await stranger.post(`${page}/offer`, { answer: 'maybe' }, page)).statusCode).toBe(400);
    expect((await stranger.post(`${page}/offer`, { answer: 'accept' }, page)).statusCode).toBe(302);
    const booked = await stranger.get(`${page}?lang=en`);
    expect(booked.body).toContain('Your booked visit');
    expect(await app.app.modules.appointments.repo.slot(slotId)).toMatchObject({ booked: 1 });
  });
});
