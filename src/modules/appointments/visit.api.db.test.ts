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
    for (const [method, url] of [
      ['GET', visit(id)],
      ['GET', `${visit(id)}/times?branch=VLN`],
      ['POST', visit(id)],
      ['POST', `${visit(id)}/cancel`],
    ] as const) {
      const body = url === visit(id) ? { slotId: slot } : {};
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
    // Nothing was booked by the refused requests.
    expect(await bookedOn(slot!)).toBe(0);
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
    // after the first had committed, moved the visit (200, or 201 while the visit service does
    // not say that it moved: the status is then read from before the request).
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
