import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, signedIn, signedInStaff, startTestApp, type TestApp } from '../../app/test-app';
import { fixedClock } from '../../platform/clock';
import { DEMO_APPLICANTS, DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../accounts';
import { vilniusInstant } from './index';

/**
 * The branch desk on the whole app, on Monday 5 April 2027 from 08:00 in Vilnius: who may open
 * it (officers and team leads of the branch, head office staff everywhere; another branch's
 * officer gets 404, the contact centre and administrators 403); check-in asks for every tick the
 * catalogue requires and records the visit on the case in the same transaction; a no-show only
 * once the visit has begun; walk-ins only where the branch allows them, priority first.
 */
const DAY = '2027-04-05';
const TOMORROW = '2027-04-06';
const clock = fixedClock(vilniusInstant(DAY, '08:00'));
const TRP = 'temporary-residence-permit';
const HQ = 'officer.hq@vartai.demo';
let app: TestApp;
let officer: Browser;
let lead: Browser;
let kaunas: Browser;
let hq: Browser;
let callCentre: Browser;
let admin: Browser;
let applicant: Browser;

const db = () => app.ctx.database.db;
const staff = (email: string) => signedInStaff(app, email, clock.now());
const accountId = async (email: string) =>
  (await app.app.modules.accounts.repo.findByEmail(email))!.id;
const audited = async (action: string, subjectId?: string) =>
  (
    await sql<{ n: number }>`select count(*)::int as n from (
      select action, subject_id from audit_pending union all select action, subject_id from audit_log
    ) a where action = ${action} and (${subjectId ?? null}::text is null or subject_id = ${subjectId ?? null})`.execute(
      db(),
    )
  ).rows[0]!.n;
/** Posts a form with several ticked boxes under one name, as a browser sends them. */
async function postTicks(b: Browser, url: string, formUrl: string, takes: string[]) {
  const form = new URLSearchParams({ _csrf: await b.csrf(formUrl) });
  for (const t of takes) form.append('takes', t);
  return app.app.server.inject({
    method: 'POST',
    url,
    headers: { cookie: b.cookieHeader, 'content-type': 'application/x-www-form-urlencoded' },
    payload: form.toString(),
  });
}
const caseOf = async (applicationId: string) =>
  (await app.app.modules.cases.repo.findByApplication(applicationId))!;
const appointmentState = async (id: string) =>
  (await app.app.modules.appointments.repo.appointment(id))!;

/** The staff principal of a demo account, as the session would give it. */
async function principalOf(email: string) {
  const a = (await app.app.modules.accounts.repo.findByEmail(email))!;
  return {
    accountId: a.id,
    email: a.email,
    displayName: a.display_name,
    roles: a.roles,
    branchId: a.branch_id,
    mfaPassed: true,
  };
}
const staffPrincipal = async (email: string) => ({
  kind: 'staff' as const,
  ...(await principalOf(email)),
});

/** A submitted application of `service` with its case opened, as a submission would leave it. */
async function submitted(service = TRP, email = DEMO_APPLICANTS[1]!.email) {
  const owner = await accountId(email);
  const id = randomUUID();
  const reference = `TEST-${id.slice(0, 8).toUpperCase()}`;
  const at = clock.now();
  await sql`insert into applications (id, reference, service_id, ground_id, urgent, state,
      owner_account_id, filed_by_kind, filed_by_account_id, answers, created_at, updated_at, submitted_at)
    values (${id}, ${reference}, ${service}, null, false, 'submitted', ${owner}, 'self', ${owner},
      '{}'::jsonb, ${at}, ${at}, ${at})`.execute(db());
  await db()
    .transaction()
    .execute((trx) =>
      app.app.modules.cases.service.openCase(
        { id, service_id: service, ground_id: null, submitted_at: at },
        trx,
      ),
    );
  return { applicationId: id, reference, owner };
}

/** A booked visit at Vilnius (or `branch`) at `hhmm` today. */
async function booked(hhmm: string, branch = 'VLN', service = TRP, day = DAY) {
  const a = await submitted(service);
  const slot = await sql<{
    id: string;
  }>`select id from appointment_slots where branch_code = ${branch}
    and service_id = ${service} and starts_at = ${vilniusInstant(day, hhmm)}`.execute(db());
  const r = await app.app.modules.appointments.booking.book({
    applicationId: a.applicationId,
    accountId: a.owner,
    slotId: slot.rows[0]!.id,
  });
  if (!r.ok) throw new Error(`booking failed: ${r.reason}`);
  return { ...a, appointmentId: r.appointment.id };
}

beforeAll(async () => {
  app = await startTestApp({}, { clock });
  const accounts = app.app.modules.accounts;
  // A head office officer: no branch, so every branch's desk.
  const row = await accounts.service.createStaff({
    email: HQ,
    displayName: 'Head Office',
    roles: ['officer'],
    password: DEMO_PASSWORD,
    lang: 'lt',
  });
  await accounts.repo.update(row.id, {
    totp_secret: DEMO_TOTP_SECRET,
    totp_confirmed_at: clock.now(),
  });
  await app.app.modules.appointments.booking.materialise('VLN', TRP, TOMORROW, 1);
  for (const [branch, service] of [
    ['VLN', TRP],
    ['VLN', 'identity-documents'],
    ['KNS', TRP],
  ] as const)
    await app.app.modules.appointments.booking.materialise(branch, service, DAY, 1);
  officer = await staff('officer@vartai.demo');
  lead = await staff('lead@vartai.demo');
  kaunas = await staff('officer.kaunas@vartai.demo');
  hq = await staff(HQ);
  callCentre = await staff('callcentre@vartai.demo');
  admin = await staff('admin@vartai.demo');
  applicant = await signedIn(app, DEMO_APPLICANTS[1]!.email);
  for (const b of [officer, lead, kaunas, hq, callCentre, admin, applicant])
    await b.get('/workbench?lang=en');
});
afterAll(async () => {
  await app?.close();
});

describe('who may use the branch desk', () => {
  it('officers and team leads of the branch and head office; others are refused', async () => {
    const v = await booked('10:00');
    const page = `/workbench/desk`;
    for (const b of [officer, lead]) {
      const res = await b.get(page);
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain(v.reference);
      expect(res.body).toContain('href="/workbench/desk"');
    }
    expect(await audited('appointments.desk-day-read', 'VLN')).toBeGreaterThanOrEqual(2);
    // Kaunas sees its own branch by default, and Vilnius not at all (as if it did not exist).
    expect((await kaunas.get(page)).body).not.toContain(v.reference);
    expect((await kaunas.get(`${page}?branch=VLN`)).statusCode).toBe(404);
    expect((await kaunas.get(`${page}/appointments/${v.appointmentId}`)).statusCode).toBe(404);
    expect(await audited('appointments.desk-access-denied', 'VLN')).toBe(2);
    // Head office: every branch, with a choice of branch.
    const other = await hq.get(`${page}?branch=KNS&day=${DAY}`);
    expect(other.statusCode).toBe(200);
    expect(other.body).toContain('name="branch"');
    expect((await hq.get(`${page}?branch=VLN`)).body).toContain(v.reference);
    for (const b of [callCentre, admin, applicant]) {
      expect((await b.get(page)).statusCode).toBe(403);
      expect((await b.get(`${page}/appointments/${v.appointmentId}`)).statusCode).toBe(403);
    }
    expect((await callCentre.get('/workbench')).body).not.toContain('href="/workbench/desk"');
    expect((await new Browser(app).get(page)).statusCode).toBe(302);
  });

  it('refuses every change to those who may not make it, and changes nothing', async () => {
    const v = await booked('10:30');
    const walkIn = await submitted();
    const queued = await app.app.modules.appointments.desk!.registerWalkIn(
      await staffPrincipal('officer@vartai.demo'),
      { branch: 'VLN', reference: walkIn.reference, priority: false, reason: '' },
    );
    if (!queued.ok) throw new Error(queued.reason);
    const posts: [string, Record<string, string>][] = [
      [`/workbench/desk/appointments/${v.appointmentId}/check-in`, { takes: 'biometrics' }],
      [`/workbench/desk/appointments/${v.appointmentId}/no-show`, {}],
      ['/workbench/desk/walk-ins', { branch: 'VLN', reference: v.reference }],
      [`/workbench/desk/walk-ins/${queued.visit.id}/serve`, { takes: 'biometrics' }],
      [`/workbench/desk/walk-ins/${queued.visit.id}/left`, {}],
    ];
    for (const [url, fields] of posts) {
      for (const b of [callCentre, admin, applicant])
        expect((await b.post(url, fields, '/')).statusCode, url).toBe(403);
      expect((await kaunas.post(url, fields, '/workbench')).statusCode, url).toBe(404);
      expect([401, 403], url).toContain((await new Browser(app).postRaw(url, fields)).statusCode);
    }
    expect((await appointmentState(v.appointmentId)).state).toBe('booked');
    const still = await app.app.modules.appointments.desk!.walkIn(
      queued.visit.id,
      await staffPrincipal(HQ),
    );
    expect(still.v.state).toBe('waiting');
  });
});

describe('checking a visitor in', () => {
  it('asks for every tick the catalogue requires, then records the visit on the case', async () => {
    const v = await booked('11:00');
    const page = `/workbench/desk/appointments/${v.appointmentId}`;
    const form = await officer.get(page);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('value="biometrics"');
    expect(form.body).toContain('value="originals"');

    const half = await officer.post(`${page}/check-in`, { takes: 'biometrics' }, page);
    expect(half.statusCode).toBe(400);
    expect(half.body).toContain('Tick what the visit recorded: Original documents seen');
    // Nothing lost: the ticked box stays ticked; nothing recorded.
    expect(half.body).toMatch(/value="biometrics" checked/);
    expect((await appointmentState(v.appointmentId)).state).toBe('booked');
    expect((await caseOf(v.applicationId)).status).toBe('submitted');

    const res = await postTicks(officer, `${page}/check-in`, page, ['biometrics', 'originals']);
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe(`/workbench/desk?branch=VLN&day=${DAY}`);
    const a = await appointmentState(v.appointmentId);
    expect(a.state).toBe('checked-in');
    expect(a.ended_by).toBe(`staff:${await accountId('officer@vartai.demo')}`);
    const c = await caseOf(v.applicationId);
    expect(c.status).toBe('accepted');
    const actions = await app.app.modules.cases.repo.actions(c.id);
    expect(actions.map((x) => [x.kind, x.actor_kind])).toEqual([
      ['submitted', 'system'],
      ['visit-required', 'staff'],
      ['accepted', 'staff'],
    ]);
    expect(actions[2]!.details).toMatchObject({
      biometricsTaken: true,
      originalsSeen: true,
      branch: 'VLN',
    });
    const visit = await sql<{ recorded: string[]; state: string }>`select recorded, state
      from desk_visits where appointment_id = ${v.appointmentId}`.execute(db());
    expect(visit.rows[0]).toMatchObject({ recorded: ['biometrics', 'originals'], state: 'served' });
    expect(await audited('appointments.checked-in', v.applicationId)).toBe(1);
    // The day list shows the change; a second check-in is refused.
    expect((await officer.get(`/workbench/desk?day=${DAY}`)).body).toContain('Checked in');
    const again = await postTicks(officer, `${page}/check-in`, page, ['biometrics', 'originals']);
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('This visit is no longer booked');
  });

  it('asks only for what the service takes (identity documents: biometrics)', async () => {
    const v = await booked('11:00', 'VLN', 'identity-documents');
    const page = `/workbench/desk/appointments/${v.appointmentId}`;
    const form = await lead.get(page);
    expect(form.body).toContain('value="biometrics"');
    expect(form.body).not.toContain('value="originals"');
    expect((await lead.post(`${page}/check-in`, { takes: 'biometrics' }, page)).statusCode).toBe(
      302,
    );
  });

  it('records a visit once when two desks check the same visitor in at once', async () => {
    const v = await booked('11:30');
    const p = await staffPrincipal('officer@vartai.demo');
    const desk = app.app.modules.appointments.desk!;
    const both = await Promise.all([
      desk.checkIn(v.appointmentId, p, ['biometrics', 'originals']),
      desk.checkIn(v.appointmentId, p, ['biometrics', 'originals']),
    ]);
    expect(both.filter((r) => r.ok)).toHaveLength(1);
    expect(both.find((r) => !r.ok)).toMatchObject({ reason: 'not-booked' });
    const actions = await app.app.modules.cases.repo.actions((await caseOf(v.applicationId)).id);
    expect(actions.filter((x) => x.kind === 'accepted')).toHaveLength(1);
  });

  it('refuses a check-in on another day, and a case that waits for no visit, changing nothing', async () => {
    const tomorrow = await booked('09:00', 'VLN', TRP, TOMORROW);
    const desk = app.app.modules.appointments.desk!;
    const p = await staffPrincipal('officer@vartai.demo');
    // A visit the case no longer waits for (accepted meanwhile by the workbench).
    const v = await booked('12:00');
    const c = await caseOf(v.applicationId);
    for (const kind of ['visit-required', 'accepted'] as const)
      await db()
        .transaction()
        .execute((trx) =>
          app.app.modules.cases.service.recordAction(
            c.id,
            { kind, actor_kind: 'staff', actor_id: null },
            trx,
          ),
        );
    expect(await desk.checkIn(v.appointmentId, p, ['biometrics', 'originals'])).toMatchObject({
      ok: false,
      reason: 'visit-done',
    });
    expect((await appointmentState(v.appointmentId)).state).toBe('booked');
    // Tomorrow's visitor: checked in tomorrow, not today (the day list of tomorrow shows them).
    expect(
      await desk.checkIn(tomorrow.appointmentId, p, ['biometrics', 'originals']),
    ).toMatchObject({ ok: false, reason: 'not-today' });
    expect((await caseOf(tomorrow.applicationId)).status).toBe('submitted');
    const page = await officer.get(`/workbench/desk/appointments/${tomorrow.appointmentId}`);
    expect(page.body).toContain('A visitor can be checked in on the day of the visit only.');
    expect(page.body).not.toContain('name="takes"');
    expect((await officer.get(`/workbench/desk?day=${TOMORROW}`)).body).toContain(
      tomorrow.reference,
    );
  });
});

describe('marking a no-show', () => {
  it('is refused before the visit has begun and allowed after', async () => {
    const v = await booked('08:30');
    const page = `/workbench/desk/appointments/${v.appointmentId}`;
    expect((await officer.get(page)).body).toContain('once the visit time (08:30) has begun');
    const early = await officer.post(`${page}/no-show`, {}, page);
    expect(early.statusCode).toBe(409);
    expect(early.body).toContain('The visit time has not begun yet');
    expect((await appointmentState(v.appointmentId)).state).toBe('booked');
    // Sessions end after 30 idle minutes: the officer keeps working meanwhile.
    clock.set(vilniusInstant(DAY, '08:16'));
    await officer.get(page);
    clock.set(vilniusInstant(DAY, '08:31'));
    try {
      const res = await officer.post(`${page}/no-show`, {}, page);
      expect(res.statusCode).toBe(302);
      const a = await appointmentState(v.appointmentId);
      expect(a.state).toBe('no-show');
      expect(a.ended_by).toMatch(/^staff:/);
      expect(await audited('appointments.no-show', v.applicationId)).toBe(1);
      expect((await officer.get(`/workbench/desk?day=${DAY}`)).body).toContain('Did not come');
    } finally {
      clock.set(vilniusInstant(DAY, '08:00'));
    }
  });
});

describe('walk-ins', () => {
  it('are refused where the branch serves booked visits only', async () => {
    const w = await submitted();
    const day = await hq.get(`/workbench/desk?branch=KLP`);
    expect(day.body).toContain('This branch serves booked visits only.');
    expect(day.body).not.toContain('action="/workbench/desk/walk-ins"');
    const res = await hq.post(
      '/workbench/desk/walk-ins',
      { branch: 'KLP', reference: w.reference },
      '/workbench/desk',
    );
    expect(res.statusCode).toBe(409);
    expect(
      await sql`select 1 from desk_visits where application_id = ${w.applicationId}`.execute(db()),
    ).toMatchObject({ rows: [] });
  });

  it('queue priority first, then by arrival; serving records the visit; a visitor may leave', async () => {
    const first = await submitted();
    const second = await submitted();
    const add = (fields: Record<string, string>) =>
      officer.post('/workbench/desk/walk-ins', { branch: 'VLN', ...fields }, '/workbench/desk');
    expect((await add({ reference: first.reference })).statusCode).toBe(302);
    clock.advance(60_000);
    const noReason = await add({ reference: second.reference, priority: 'yes' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('Choose why the visitor is served first.');
    expect(noReason.body).toContain(`value="${second.reference}"`);
    expect(
      (
        await add({
          reference: second.reference.toLowerCase(),
          priority: 'yes',
          reason: 'vulnerable',
        })
      ).statusCode,
    ).toBe(302);
    // Refusals: unknown, already waiting, a booked visit, a case that waits for no visit.
    expect((await add({ reference: 'VRT-2027-0000000-0' })).statusCode).toBe(400);
    expect((await add({ reference: first.reference })).body).toContain(
      'This application is already in the queue.',
    );
    const withVisit = await booked('13:00');
    const hasOne = await add({ reference: withVisit.reference });
    expect(hasOne.statusCode).toBe(409);
    expect(hasOne.body).toContain('has a visit booked for');
    const noVisit = await submitted('change-of-employer');
    expect((await add({ reference: noVisit.reference })).body).toContain(
      'The service of this application needs no visit.',
    );

    const list = (await officer.get('/workbench/desk')).body;
    const queue = list.slice(list.indexOf('data-testid="queue"'));
    expect(queue.indexOf(second.reference)).toBeLessThan(queue.indexOf(first.reference));
    expect(queue).toContain('Vulnerable person');

    const ids = await sql<{ id: string; application_id: string }>`select id, application_id
      from desk_visits where state = 'waiting' and branch_code = 'VLN'`.execute(db());
    const idOf = (applicationId: string) =>
      ids.rows.find((r) => r.application_id === applicationId)!.id;
    const serve = `/workbench/desk/walk-ins/${idOf(second.applicationId)}`;
    const missing = await officer.post(`${serve}/serve`, {}, serve);
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain(
      'Tick what the visit recorded: Biometrics taken (photo and fingerprints), Original documents seen',
    );
    const served = await postTicks(officer, `${serve}/serve`, serve, ['biometrics', 'originals']);
    expect(served.statusCode).toBe(302);
    expect((await caseOf(second.applicationId)).status).toBe('accepted');
    expect(await audited('appointments.walk-in-served', second.applicationId)).toBe(1);

    const leave = `/workbench/desk/walk-ins/${idOf(first.applicationId)}`;
    expect((await officer.post(`${leave}/left`, {}, leave)).statusCode).toBe(302);
    expect((await caseOf(first.applicationId)).status).toBe('submitted');
    const after = (await officer.get('/workbench/desk')).body;
    const waiting = after.slice(after.indexOf('data-testid="queue"'));
    const gone = waiting.slice(waiting.indexOf('data-testid="walk-ins-done"'));
    expect(waiting.slice(0, waiting.indexOf('</table>'))).not.toContain(first.reference);
    expect(gone).toContain(first.reference);
    expect(gone).toContain('Left');
    // Served: the case waits for no visit any more.
    expect((await add({ reference: second.reference })).body).toContain(
      'The case does not wait for a visit',
    );
  });
});
