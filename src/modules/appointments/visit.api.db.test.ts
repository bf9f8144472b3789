import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedIn, startTestApp, type TestApp } from '../../app/test-app';
import { DEMO_APPLICANTS } from '../accounts';
import { addCalendarDays, localDate } from '../catalogue';

/**
 * The partner API for visits on the whole app: only the partner that filed an application sees
 * and books its visit; booking, moving, the warning before the change that blocks and the block
 * itself, cancelling; every refusal as problem+json with its code; idempotent replays.
 */
let app: TestApp;
let keyA: string;
let keyB: string;
let partnerA: string;
let counter = 0;
const SERVICE = 'temporary-residence-permit';

/** A partner-filed application written directly (intake is tested elsewhere). */
async function filed(
  opts: {
    partnerId?: string;
    serviceId?: string;
    state?: 'draft' | 'submitted';
    submittedAt?: Date;
    ownerAccountId?: string | null;
  } = {},
) {
  const id = randomUUID();
  const now = new Date();
  const state = opts.state ?? 'submitted';
  const submittedAt = state === 'submitted' ? (opts.submittedAt ?? now) : null;
  await sql`insert into applications (id, reference, service_id, ground_id, urgent, state,
      owner_account_id, filed_by_kind, filed_by_partner_id, answers, created_at, updated_at, submitted_at)
    values (${id}, ${state === 'submitted' ? `TEST-${id.slice(0, 8)}` : null},
      ${opts.serviceId ?? SERVICE}, null, false, ${state}, ${opts.ownerAccountId ?? null},
      'partner', ${opts.partnerId ?? partnerA}, '{}'::jsonb, ${now}, ${now}, ${submittedAt})`.execute(
    app.ctx.database.db,
  );
  return id;
}

async function call(
  method: 'GET' | 'POST',
  url: string,
  opts: { key?: string | null; body?: object; idem?: string | null; cookie?: string } = {},
) {
  const headers: Record<string, string> = {};
  const key = opts.key === undefined ? keyA : opts.key;
  if (key) headers.authorization = `Bearer ${key}`;
  if (opts.cookie) headers.cookie = opts.cookie;
  const idem = opts.idem === undefined ? `visit-${Date.now()}-${counter++}` : opts.idem;
  if (method === 'POST' && idem) headers['idempotency-key'] = idem;
  return app.app.server.inject({
    method,
    url,
    headers,
    ...(method === 'POST' ? { payload: opts.body ?? {} } : {}),
  });
}

const visit = (id: string) => `/api/v1/applications/${id}/visit`;
const today = () => localDate(new Date());
async function freeTimes(id: string) {
  const res = await call('GET', `${visit(id)}/times?branch=VLN`);
  expect(res.statusCode).toBe(200);
  return (res.json().times as { slotId: string }[]).map((t) => t.slotId);
}
const bookedOn = async (slotId: string) =>
  (await app.app.modules.appointments.repo.slot(slotId))!.booked;

beforeAll(async () => {
  app = await startTestApp();
  const partners = app.app.modules.partners.service;
  const a = await partners.create({ name: 'VFS Kyiv', services: [SERVICE], countries: ['UKR'] });
  keyA = a.apiKey;
  partnerA = a.partner.id;
  keyB = (await partners.create({ name: 'Other', services: [SERVICE], countries: ['IND'] })).apiKey;
  // Vilnius, from tomorrow for a week.
  const tomorrow = addCalendarDays(localDate(new Date()), 1);
  await app.app.modules.appointments.booking.materialise('VLN', SERVICE, tomorrow, 7);
});
afterAll(async () => {
  await app?.close();
});

describe('who may use the visit API', () => {
  it('the partner that filed the application; another partner gets 404; no key 401; a session cookie is ignored', async () => {
    const owner = await signedIn(app, DEMO_APPLICANTS[1]!.email);
    const account = (await app.app.modules.accounts.repo.findByEmail(DEMO_APPLICANTS[1]!.email))!;
    // The applicant may see this application in the portal, but not through the API.
    const id = await filed({ ownerAccountId: account.id });
    const [slot] = await freeTimes(id);

    expect((await call('GET', visit(id))).statusCode).toBe(200);
    const join = { branches: ['VLN'], fromDay: today(), toDay: addCalendarDays(today(), 30) };
    for (const [method, url, body] of [
      ['GET', visit(id), {}],
      ['GET', `${visit(id)}/times?branch=VLN`, {}],
      ['POST', visit(id), { slotId: slot }],
      ['POST', `${visit(id)}/cancel`, {}],
      ['POST', `${visit(id)}/waitlist`, join],
      ['POST', `${visit(id)}/waitlist/leave`, {}],
      ['POST', `${visit(id)}/offer`, { answer: 'accept' }],
    ] as const) {
      const other = await call(method, url, { key: keyB, body });
      expect(other.statusCode, `${method} ${url}`).toBe(404);
      expect(other.json().code).toBe('APPLICATION_NOT_FOUND');
      const anonymous = await call(method, url, { key: null, body });
      expect(anonymous.statusCode).toBe(401);
      expect(anonymous.json().code).toBe('AUTH_REQUIRED');
      const cookie = await call(method, url, { key: null, body, cookie: owner.cookieHeader });
      expect(cookie.statusCode).toBe(401);
    }
    expect((await call('GET', visit(id), { key: 'vrt_nope' })).json().code).toBe(
      'PARTNER_KEY_INVALID',
    );
    // Nothing was booked, and nobody put in line, by the refused requests.
    expect(await bookedOn(slot!)).toBe(0);
    expect((await call('GET', visit(id))).json()).toMatchObject({
      appointment: null,
      waitlist: null,
      offer: null,
    });
  });
});

describe('booking through the API', () => {
  it('shows eligibility, the next free time per branch and the free times', async () => {
    const id = await filed();
    const res = await call('GET', `${visit(id)}?lang=en`);
    expect(res.statusCode).toBe(200);
    const o = res.json();
    expect(o.applicationId).toBe(id);
    expect(o.eligibility.eligible).toBe(true);
    expect(o.eligibility.reason).toBeNull();
    expect(new Date(o.eligibility.until).getTime()).toBeGreaterThan(Date.now());
    expect(o.appointment).toBeNull();
    expect(o.waitlist).toBeNull();
    expect(o.offer).toBeNull();
    expect(o.changes).toEqual({ made: 0, free: 2, nextChangeBlocks: false, blockedUntil: null });
    const vln = o.branches.find((b: { code: string }) => b.code === 'VLN');
    expect(vln.name).toBe('Vilnius branch');
    expect(new Date(vln.next).getTime()).toBeGreaterThan(Date.now());
    expect(o.branches.find((b: { code: string }) => b.code === 'KNS').next).toBeNull();

    const times = await call('GET', `${visit(id)}/times?branch=VLN`);
    expect(times.json().times.length).toBeGreaterThan(5);
    expect(times.json().times[0].startsAt).toBe(vln.next);
    expect((await call('GET', `${visit(id)}/times?branch=XXX`)).statusCode).toBe(400);
  });

  it('books (201, replayed once), moves twice (200), asks before the move that blocks, then blocks after a cancellation', async () => {
    const id = await filed();
    const times = await freeTimes(id);
    const idem = `book-${id}`;
    const booked = await call('POST', visit(id), { body: { slotId: times[0] }, idem });
    expect(booked.statusCode).toBe(201);
    expect(booked.json()).toMatchObject({ slotId: times[0], branch: 'VLN', state: 'booked' });
    const replay = await call('POST', visit(id), { body: { slotId: times[0] }, idem });
    expect(replay.statusCode).toBe(201);
    expect(replay.body).toBe(booked.body);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(await bookedOn(times[0]!)).toBe(1);
    // The same key for another body is refused; no key is refused.
    expect((await call('POST', visit(id), { body: { slotId: times[1] }, idem })).json().code).toBe(
      'IDEMPOTENCY_KEY_REUSED',
    );
    expect(
      (await call('POST', visit(id), { body: { slotId: times[1] }, idem: null })).json().code,
    ).toBe('IDEMPOTENCY_KEY_REQUIRED');

    const overview = (await call('GET', visit(id))).json();
    expect(overview.appointment).toEqual(booked.json());

    // Booked by the partner: the holder is the partner.
    const { rows } = await sql<{ account_id: string; holder_kind: string }>`select account_id,
        holder_kind from appointments where application_id = ${id}`.execute(app.ctx.database.db);
    expect(rows).toEqual([{ account_id: partnerA, holder_kind: 'partner' }]);

    for (const t of [times[1]!, times[2]!]) {
      const moved = await call('POST', visit(id), { body: { slotId: t } });
      expect(moved.statusCode).toBe(200);
      expect(moved.json().slotId).toBe(t);
    }
    expect(await bookedOn(times[0]!)).toBe(0);
    const warned = (await call('GET', visit(id))).json().changes;
    expect(warned).toMatchObject({ made: 2, nextChangeBlocks: true, blockedUntil: null });

    const unconfirmed = await call('POST', visit(id), { body: { slotId: times[3] } });
    expect(unconfirmed.statusCode).toBe(409);
    expect(unconfirmed.headers['content-type']).toContain('application/problem+json');
    expect(unconfirmed.json().code).toBe('APPOINTMENT_CONFIRM_BLOCK');
    expect(unconfirmed.json().title).toContain('acceptBlock');
    const confirmed = await call('POST', visit(id), {
      body: { slotId: times[3], acceptBlock: true },
    });
    expect(confirmed.statusCode).toBe(200);
    const blockedUntil = (await call('GET', visit(id))).json().changes.blockedUntil;
    expect(new Date(blockedUntil).getTime()).toBeGreaterThan(Date.now());

    const cancelled = await call('POST', `${visit(id)}/cancel`, { body: {} });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json()).toMatchObject({ slotId: times[3], state: 'cancelled' });
    expect(await bookedOn(times[3]!)).toBe(0);
    expect((await call('GET', visit(id))).json().appointment).toBeNull();

    const blocked = await call('POST', visit(id), { body: { slotId: times[4] } });
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json()).toMatchObject({
      code: 'APPOINTMENT_CHANGE_BLOCKED',
      until: blockedUntil,
    });
    const nothing = await call('POST', `${visit(id)}/cancel`, { body: {} });
    expect(nothing.statusCode).toBe(404);
    expect(nothing.json().code).toBe('APPOINTMENT_NOT_FOUND');
  });

  it('cancelling asks before the change that blocks, and the body may be left out', async () => {
    const id = await filed();
    const times = await freeTimes(id);
    expect((await call('POST', visit(id), { body: { slotId: times[0] } })).statusCode).toBe(201);
    for (const t of [times[1]!, times[2]!])
      expect((await call('POST', visit(id), { body: { slotId: t } })).statusCode).toBe(200);
    const res = await app.app.server.inject({
      method: 'POST',
      url: `${visit(id)}/cancel`,
      headers: { authorization: `Bearer ${keyA}`, 'idempotency-key': `cancel-${id}` },
    });
    expect(res.json().code).toBe('APPOINTMENT_CONFIRM_BLOCK');
    expect(res.statusCode).toBe(409);
    const ok = await call('POST', `${visit(id)}/cancel`, { body: { acceptBlock: true } });
    expect(ok.statusCode).toBe(200);
  });

  it('refuses a time that is taken, unknown or of another service', async () => {
    const id = await filed();
    const times = await freeTimes(id);
    await sql`update appointment_slots set booked = capacity where id = ${times[0]!}`.execute(
      app.ctx.database.db,
    );
    await app.app.modules.appointments.booking.materialise(
      'VLN',
      'permanent-residence-permit',
      addCalendarDays(localDate(new Date()), 1),
      7,
    );
    const [foreign] = await app.app.modules.appointments.booking.freeSlots(
      'VLN',
      'permanent-residence-permit',
      1,
    );
    for (const slotId of [times[0]!, randomUUID(), foreign!.id]) {
      const res = await call('POST', visit(id), { body: { slotId } });
      expect(res.statusCode, slotId).toBe(409);
      expect(res.json().code).toBe('APPOINTMENT_TAKEN');
    }
    expect((await call('POST', visit(id), { body: { slotId: 'nope' } })).statusCode).toBe(400);
    expect((await call('GET', visit(id))).json().appointment).toBeNull();
  });

  it('two requests booking one application at once never give it two visits', async () => {
    const id = await filed();
    const times = await freeTimes(id);
    const answers = await Promise.all(
      times.slice(0, 2).map((slotId) => call('POST', visit(id), { body: { slotId } })),
    );
    // One books; the other lost the race to the one-active-appointment index (409) or, coming
    // after the first had committed, moved the visit (200).
    expect(answers.map((r) => r.statusCode)).toContain(201);
    for (const r of answers) {
      expect([200, 201, 409]).toContain(r.statusCode);
      if (r.statusCode === 409) expect(r.json().code).toBe('APPOINTMENT_ALREADY_BOOKED');
    }
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from appointments
      where application_id = ${id} and state = 'booked'`.execute(app.ctx.database.db);
    expect(rows[0]!.n).toBe(1);
  });

  it('refuses applications that may not book with 422 and the reason', async () => {
    const cases = [
      [await filed({ state: 'draft' }), 'not-submitted'],
      [await filed({ serviceId: 'change-of-employer' }), 'no-visit'],
      [await filed({ submittedAt: new Date(Date.now() - 200 * 86_400_000) }), 'window-closed'],
    ] as const;
    const [slot] = await app.app.modules.appointments.booking.freeSlots('VLN', SERVICE, 1);
    for (const [id, reason] of cases) {
      const o = (await call('GET', visit(id))).json();
      expect(o.eligibility).toEqual({ eligible: false, reason, until: null });
      expect(o.branches.every((b: { next: unknown }) => b.next === null)).toBe(true);
      const times = await call('GET', `${visit(id)}/times?branch=VLN`);
      expect(times.statusCode).toBe(422);
      expect(times.json()).toMatchObject({ code: 'APPOINTMENT_NOT_ELIGIBLE', reason });
      const book = await call('POST', visit(id), { body: { slotId: slot!.id } });
      expect(book.statusCode).toBe(422);
      expect(book.json()).toMatchObject({ code: 'APPOINTMENT_NOT_ELIGIBLE', reason });
    }
  });

  it('a visit the applicant booked in the portal is theirs: the partner sees it but may not change it', async () => {
    const email = DEMO_APPLICANTS[1]!.email;
    const account = (await app.app.modules.accounts.repo.findByEmail(email))!;
    const id = await filed({ ownerAccountId: account.id });
    const times = await freeTimes(id);
    const owner = await signedIn(app, email);
    const page = `/applications/${id}/visit`;
    const res = await owner.post(page, { branch: 'VLN', slotId: times[0]! }, `${page}?branch=VLN`);
    expect(res.statusCode).toBe(302);
    expect((await call('GET', visit(id))).json().appointment.slotId).toBe(times[0]);
    const move = await call('POST', visit(id), { body: { slotId: times[1] } });
    expect(move.statusCode).toBe(404);
    expect(move.json().code).toBe('APPOINTMENT_NOT_FOUND');
    expect((await call('POST', `${visit(id)}/cancel`)).json().code).toBe('APPOINTMENT_NOT_FOUND');
  });
});

describe('the waitlist through the API', () => {
  // A service of its own, with one place per test at a branch of its own, so that each line
  // is alone and the bookings above never reach it.
  const WL_SERVICE = 'eu-family-member-card';
  const span = () => ({ fromDay: today(), toDay: addCalendarDays(today(), 30) });
  async function onlyPlace(branch: string) {
    const id = randomUUID();
    await app.app.modules.appointments.repo.insertSlots([
      {
        id,
        branch_code: branch,
        service_id: WL_SERVICE,
        starts_at: new Date(Date.now() + 3 * 86_400_000),
        minutes: 30,
        capacity: 1,
        booked: 0,
      },
    ]);
    return id;
  }
  const join = (id: string, branch: string, idem?: string) =>
    call('POST', `${visit(id)}/waitlist`, {
      body: { branches: [branch], ...span() },
      ...(idem ? { idem } : {}),
    });
  const read = async (id: string) => (await call('GET', visit(id))).json();
  const answer = (id: string, a: string) =>
    call('POST', `${visit(id)}/offer`, { body: { answer: a } });

  it('joins when the only place is taken (replayed once), shows the place in line, holds the freed place in order and books it on accept', async () => {
    const slot = await onlyPlace('KLP');
    const first = await filed({ serviceId: WL_SERVICE });
    expect((await call('POST', visit(first), { body: { slotId: slot } })).statusCode).toBe(201);

    const second = await filed({ serviceId: WL_SERVICE });
    expect(
      (await read(second)).branches.find((b: { code: string }) => b.code === 'KLP').next,
    ).toBeNull();
    const idem = `join-${second}`;
    const joined = await join(second, 'KLP', idem);
    expect(joined.statusCode).toBe(201);
    expect(joined.json()).toEqual({
      waitlist: {
        position: 1,
        branches: ['KLP'],
        from: expect.any(String),
        to: expect.any(String),
      },
      offer: null,
    });
    const { from, to } = joined.json().waitlist;
    expect(new Date(from).getTime()).toBeLessThanOrEqual(Date.now());
    expect(new Date(to).getTime()).toBeGreaterThan(Date.now() + 30 * 86_400_000);
    const replay = await join(second, 'KLP', idem);
    expect(replay.statusCode).toBe(201);
    expect(replay.body).toBe(joined.body);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    const { rows } = await sql<{ holder_kind: string; account_id: string }>`select holder_kind,
        account_id from appointment_waitlist where application_id = ${second}`.execute(
      app.ctx.database.db,
    );
    expect(rows).toEqual([{ holder_kind: 'partner', account_id: partnerA }]);
    // In line already (a new key): refused.
    const again = await join(second, 'KLP');
    expect(again.statusCode).toBe(409);
    expect(again.headers['content-type']).toContain('application/problem+json');
    expect(again.json().code).toBe('APPOINTMENT_ALREADY_WAITING');

    const third = await filed({ serviceId: WL_SERVICE });
    expect((await join(third, 'KLP')).json().waitlist.position).toBe(2);
    expect(await read(second)).toMatchObject({
      waitlist: { position: 1, branches: ['KLP'], from, to },
      offer: null,
    });

    // The booked visit is cancelled: its place is held for the first in line, not made free.
    expect((await call('POST', `${visit(first)}/cancel`)).statusCode).toBe(200);
    expect(await bookedOn(slot)).toBe(1);
    const times = await call('GET', `${visit(first)}/times?branch=KLP`);
    expect(times.json().times).toEqual([]);
    const offered = await read(second);
    expect(offered.waitlist).toMatchObject({ position: null, branches: ['KLP'] });
    expect(offered.offer).toMatchObject({
      slotId: slot,
      branch: 'KLP',
      minutes: 30,
      reason: 'waitlist',
    });
    expect(new Date(offered.offer.heldUntil).getTime()).toBeGreaterThan(Date.now());
    expect((await read(third)).waitlist.position).toBe(1);
    // Only the application the time is held for answers it.
    expect((await answer(third, 'accept')).json().code).toBe('APPOINTMENT_OFFER_NOT_FOUND');
    expect((await answer(second, 'maybe')).statusCode).toBe(400);

    const accepted = await answer(second, 'accept');
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ slotId: slot, branch: 'KLP', state: 'booked' });
    const booked = await read(second);
    expect(booked).toMatchObject({ waitlist: null, offer: null });
    expect(booked.appointment).toEqual(accepted.json());
    expect(await bookedOn(slot)).toBe(1);
    const holders = await sql<{ account_id: string; holder_kind: string }>`select account_id,
        holder_kind from appointments where application_id = ${second}`.execute(
      app.ctx.database.db,
    );
    expect(holders.rows).toEqual([{ account_id: partnerA, holder_kind: 'partner' }]);

    const none = await answer(second, 'accept');
    expect(none.statusCode).toBe(404);
    expect(none.json().code).toBe('APPOINTMENT_OFFER_NOT_FOUND');
    // A booked visit: no place in line either.
    expect((await join(second, 'KLP')).json().code).toBe('APPOINTMENT_ALREADY_WAITING');
    // The line is per service: the others below count from an empty one.
    expect((await call('POST', `${visit(third)}/waitlist/leave`)).json()).toEqual({ left: true });
  });

  it('declining gives the place to the next in line; a hold that ran out cannot be accepted', async () => {
    const slot = await onlyPlace('SIA');
    const first = await filed({ serviceId: WL_SERVICE });
    expect((await call('POST', visit(first), { body: { slotId: slot } })).statusCode).toBe(201);
    const second = await filed({ serviceId: WL_SERVICE });
    const third = await filed({ serviceId: WL_SERVICE });
    for (const id of [second, third]) expect((await join(id, 'SIA')).statusCode).toBe(201);
    expect((await call('POST', `${visit(first)}/cancel`)).statusCode).toBe(200);
    expect((await read(second)).offer.slotId).toBe(slot);

    const declined = await answer(second, 'decline');
    expect(declined.statusCode).toBe(200);
    expect(declined.json()).toEqual({ declined: true });
    // Declining leaves the line.
    expect(await read(second)).toMatchObject({ appointment: null, waitlist: null, offer: null });
    expect((await read(third)).offer).toMatchObject({ slotId: slot, reason: 'waitlist' });
    expect(await bookedOn(slot)).toBe(1);

    await sql`update appointment_offers set held_until = ${new Date(Date.now() - 60_000)}
      where application_id = ${third} and state = 'held'`.execute(app.ctx.database.db);
    const late = await answer(third, 'accept');
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('APPOINTMENT_OFFER_EXPIRED');
    expect((await read(third)).appointment).toBeNull();
  });

  it('holds a free time at once, and leaving gives it back; leaving twice says so', async () => {
    const slot = await onlyPlace('PNV');
    const id = await filed({ serviceId: WL_SERVICE });
    const joined = await join(id, 'PNV');
    expect(joined.statusCode).toBe(201);
    expect(joined.json().waitlist).toMatchObject({ position: null, branches: ['PNV'] });
    expect(joined.json().offer).toMatchObject({ slotId: slot, branch: 'PNV', reason: 'waitlist' });
    expect(await bookedOn(slot)).toBe(1);

    const left = await call('POST', `${visit(id)}/waitlist/leave`);
    expect(left.statusCode).toBe(200);
    expect(left.json()).toEqual({ left: true });
    expect(await bookedOn(slot)).toBe(0);
    expect(await read(id)).toMatchObject({ waitlist: null, offer: null });
    expect((await call('POST', `${visit(id)}/waitlist/leave`)).json()).toEqual({ left: false });

    // Waiting only (no time at that branch): leaving ends the place in line.
    const waiting = await filed({ serviceId: WL_SERVICE });
    expect((await join(waiting, 'KNS')).json().waitlist.position).toEqual(expect.any(Number));
    expect((await call('POST', `${visit(waiting)}/waitlist/leave`)).json()).toEqual({ left: true });
    expect((await read(waiting)).waitlist).toBeNull();
  });

  it('refuses what may not wait, with stable codes', async () => {
    const id = await filed({ serviceId: WL_SERVICE });
    const post = (body: object) => call('POST', `${visit(id)}/waitlist`, { body });
    const tomorrow = addCalendarDays(today(), 1);
    for (const [body, field] of [
      [{ branches: ['VLN'], fromDay: addCalendarDays(today(), -1), toDay: tomorrow }, 'fromDay'],
      [{ branches: ['VLN'], fromDay: tomorrow, toDay: today() }, 'toDay'],
      // After the catalogue window (four months from submission).
      [
        {
          branches: ['VLN'],
          fromDay: addCalendarDays(today(), 200),
          toDay: addCalendarDays(today(), 210),
        },
        'fromDay',
      ],
    ] as const) {
      const res = await post(body);
      expect(res.statusCode, field).toBe(400);
      expect(res.json().code).toBe('APPOINTMENT_WAITLIST_INVALID');
      expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual([field]);
    }
    for (const body of [
      { branches: [], ...span() },
      { branches: ['XXX'], ...span() },
      { branches: ['VLN'], fromDay: '1.12.2026', toDay: today() },
    ])
      expect((await post(body)).json().code).toBe('REQUEST_INVALID');
    expect((await read(id)).waitlist).toBeNull();

    const draft = await filed({ serviceId: WL_SERVICE, state: 'draft' });
    const res = await join(draft, 'VLN');
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'APPOINTMENT_NOT_ELIGIBLE', reason: 'not-submitted' });
    const nothing = await answer(id, 'decline');
    expect(nothing.statusCode).toBe(404);
    expect(nothing.json().code).toBe('APPOINTMENT_OFFER_NOT_FOUND');
  });

  it('a place in line the applicant took in the portal is shown, but only the applicant leaves it', async () => {
    const email = DEMO_APPLICANTS[1]!.email;
    const account = (await app.app.modules.accounts.repo.findByEmail(email))!;
    const id = await filed({ serviceId: WL_SERVICE, ownerAccountId: account.id });
    const owner = await signedIn(app, email);
    const page = `/applications/${id}/visit`;
    const res = await owner.post(`${page}/waitlist`, { branches: 'MAZ', ...span() }, page);
    expect(res.statusCode).toBe(302);
    expect((await read(id)).waitlist).toMatchObject({
      position: expect.any(Number),
      branches: ['MAZ'],
    });
    expect((await call('POST', `${visit(id)}/waitlist/leave`)).json()).toEqual({ left: false });
    expect((await read(id)).waitlist).toMatchObject({ branches: ['MAZ'] });
  });
});
