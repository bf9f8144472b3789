import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, signedIn, signedInStaff, startTestApp, type TestApp } from '../../app/test-app';
import { visitNoticePortsFrom } from '../../app/visit-notices.wiring';
import { recordingJobs } from '../../platform/testing';
import { DEMO_APPLICANTS } from '../accounts';
import { addCalendarDays, localDate } from '../catalogue';
import type { AppointmentRow, SlotRow } from './appointments.repository';
import { vilniusInstant } from './calendar';
import type { VisitHappening } from './visit.happenings';
import { createVisitNotices, type VisitPartnerEvent } from './visit.notices';
import type { OfferRow } from './waitlist.repository';
import { createAppointmentsModule, type AppointmentsModule } from './index';

/**
 * Notices of visits on the whole app: each booking change made on the visit page tells the
 * holder once, in their language, with the time on Vilnius clocks; each kind of happening makes
 * its own event; partners' bookings go to their webhook instead; the calendar file is the
 * holder's only; the reminder goes once, the day before, to visits still booked.
 */
let app: TestApp;
/** Booking with notices, as build-app wires it, on the app's database. */
let appointments: AppointmentsModule;
let owner: Browser;
let stranger: Browser;
const PRIYA = DEMO_APPLICANTS[1]!; // en
const OLEKSANDR = DEMO_APPLICANTS[0]!; // uk

/** A submitted application of `email`, written directly (intake is tested elsewhere). */
async function submitted(email: string, serviceId = 'temporary-residence-permit') {
  const account = (await app.app.modules.accounts.repo.findByEmail(email))!;
  const id = randomUUID();
  const now = new Date();
  await sql`insert into applications (id, reference, service_id, ground_id, urgent, state,
      owner_account_id, filed_by_kind, filed_by_account_id, answers, created_at, updated_at, submitted_at)
    values (${id}, ${`TEST-${id.slice(0, 8)}`}, ${serviceId}, null, false, 'submitted', ${account.id},
      'self', ${account.id}, '{}'::jsonb, ${now}, ${now}, ${now})`.execute(app.ctx.database.db);
  return { id, reference: `TEST-${id.slice(0, 8)}`, accountId: account.id };
}
interface Told {
  event: string;
  dedupe_key: string;
  lang: string;
  subject: string;
  body: string;
  sms_text: string;
  link: string;
}
const toldAbout = async (applicationId: string) =>
  (
    await sql<Told>`select event, dedupe_key, lang, subject, body, sms_text, link
      from notifications where application_id = ${applicationId} order by created_at, event`.execute(
      app.ctx.database.db,
    )
  ).rows;
const slotIdsOf = (html: string) =>
  [...html.matchAll(/name="slotId"[^>]*value="([^"]+)"/g)].map((m) => m[1]!);
const activeOf = async (applicationId: string) =>
  (await appointments.repo.forApplication(applicationId)).find((a) => a.state === 'booked')!;
const en = (at: Date) =>
  new Intl.DateTimeFormat('en', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Europe/Vilnius',
  }).format(at);

beforeAll(async () => {
  app = await startTestApp();
  const modules = app.app.modules;
  appointments = createAppointmentsModule({
    db: app.ctx.database.db,
    clock: app.ctx.clock,
    ids: app.ctx.ids,
    audit: modules.audit,
    jobs: recordingJobs().jobs,
    holidays: modules.catalogue.pack.holidays,
    ports: {
      applicationOf: () => Promise.reject(new Error('not used here')),
      visitRule: () => undefined,
    },
    notices: visitNoticePortsFrom(modules.notifications, modules.applications, modules.partners),
    publicUrl: 'https://vartai.example.lt',
  });
  owner = await signedIn(app, PRIYA.email);
  stranger = await signedIn(app, DEMO_APPLICANTS[2]!.email);
  const tomorrow = addCalendarDays(localDate(new Date()), 1);
  await appointments.booking.materialise('VLN', 'temporary-residence-permit', tomorrow, 7);
});
afterAll(async () => {
  await app?.close();
});

describe('notices of booking changes', () => {
  it('tells the holder of a booking, a move and a cancellation once each, in their language', async () => {
    const a = await submitted(PRIYA.email);
    const page = `/applications/${a.id}/visit`;
    const times = await appointments.booking.freeSlots('VLN', 'temporary-residence-permit', 3);
    const booked = await appointments.booking.book({
      applicationId: a.id,
      accountId: a.accountId,
      slotId: times[0]!.id,
    });
    expect(booked.ok).toBe(true);
    const first = await activeOf(a.id);
    expect((await appointments.booking.reschedule(first.id, a.accountId, times[1]!.id)).ok).toBe(
      true,
    );
    const second = await activeOf(a.id);
    expect((await appointments.booking.cancel(second.id, a.accountId)).ok).toBe(true);

    const told = await toldAbout(a.id);
    expect(told.map((n) => n.dedupe_key).sort()).toEqual(
      [
        `visit-booked:${first.id}`,
        `visit-moved:${second.id}`,
        `visit-cancelled:${second.id}`,
      ].sort(),
    );
    const moved = told.find((n) => n.event === 'visit-moved')!;
    expect(moved).toMatchObject({ lang: 'en', link: page });
    expect(moved.subject).toBe(`Your visit has moved: ${a.reference}`);
    expect(moved.body).toContain(`Hello ${PRIYA.displayName},`);
    expect(moved.body).toContain(`When: ${en(times[1]!.starts_at)} (Lithuanian time)`);
    expect(moved.body).toContain('Where: Vilnius branch, Vytenio g. 18, Vilnius');
    expect(moved.body).toContain(`https://vartai.example.lt/applications/${a.id}/visit.ics`);
    expect(moved.sms_text).toContain(en(times[1]!.starts_at));
    expect(moved.sms_text).toContain(a.reference);
    expect(moved.sms_text).not.toContain('Vytenio');
    expect(moved.sms_text).not.toContain(PRIYA.displayName);
    const booking = told.find((n) => n.event === 'visit-booked')!;
    expect(booking.body).toContain(en(times[0]!.starts_at));
    expect(booking.body).toContain('calendar file (.ics)');
    const cancelled = told.find((n) => n.event === 'visit-cancelled')!;
    expect(cancelled.body).toContain('you have cancelled your visit');
    expect(cancelled.body).toContain(en(times[1]!.starts_at));
  });
});

describe('each kind of happening', () => {
  const slot: SlotRow = {
    id: randomUUID(),
    branch_code: 'KNS',
    service_id: 'temporary-residence-permit',
    // 11:30 in Vilnius (summer time).
    starts_at: new Date('2027-09-30T08:30:00Z'),
    minutes: 30,
    capacity: 2,
    booked: 1,
  };
  const appointment = (applicationId: string, accountId: string): AppointmentRow => ({
    id: randomUUID(),
    application_id: applicationId,
    account_id: accountId,
    holder_kind: 'account',
    slot_id: slot.id,
    state: 'booked',
    booked_at: new Date(),
    ended_at: null,
    ended_by: null,
  });
  const offer = (applicationId: string, accountId: string): OfferRow => ({
    id: randomUUID(),
    slot_id: slot.id,
    application_id: applicationId,
    account_id: accountId,
    holder_kind: 'account',
    reason: 'waitlist',
    waitlist_id: randomUUID(),
    offered_at: new Date(),
    held_until: new Date('2027-09-28T20:45:00Z'),
    state: 'held',
    ended_at: null,
    appointment_id: null,
  });
  const webhooks: { partnerId: string; event: VisitPartnerEvent }[] = [];
  /** The notices as build-app wires them, with partners' webhooks recorded. */
  const tell = (h: VisitHappening) => {
    const modules = app.app.modules;
    const notices = createVisitNotices({
      pack: modules.appointments.pack,
      publicUrl: 'https://vartai.example.lt',
      ports: {
        ...visitNoticePortsFrom(modules.notifications, modules.applications, modules.partners),
        notifyPartner: async (partnerId, event) => {
          webhooks.push({ partnerId, event });
        },
      },
    });
    return app.ctx.database.db.transaction().execute((trx) => notices(h, trx));
  };

  it('cancelled by the branch, offered and lapsed: their own events, in the reader’s language', async () => {
    const a = await submitted(OLEKSANDR.email);
    const cancelled = appointment(a.id, a.accountId);
    await tell({ kind: 'cancelled', appointment: cancelled, slot, by: `staff:${randomUUID()}` });
    const held = offer(a.id, a.accountId);
    await tell({ kind: 'offered', offer: held, slot });
    await tell({ kind: 'offer-lapsed', offer: held, slot });

    const told = await toldAbout(a.id);
    expect(told.map((n) => [n.event, n.dedupe_key, n.lang, n.link])).toEqual(
      expect.arrayContaining([
        [
          'visit-cancelled-by-branch',
          `visit-cancelled-by-branch:${cancelled.id}`,
          'uk',
          `/applications/${a.id}/visit`,
        ],
        ['visit-offered', `visit-offered:${held.id}`, 'uk', `/applications/${a.id}/visit`],
        [
          'visit-offer-lapsed',
          `visit-offer-lapsed:${held.id}`,
          'uk',
          `/applications/${a.id}/visit`,
        ],
      ]),
    );
    expect(told).toHaveLength(3);
    const byBranch = told.find((n) => n.event === 'visit-cancelled-by-branch')!;
    expect(byBranch.subject).toBe(`Департамент міграції скасував ваш візит: ${a.reference}`);
    expect(byBranch.body).toContain('Каунаський підрозділ, A. Juozapavičiaus pr. 57, Kaunas');
    expect(byBranch.body).toContain('30 вересня 2027 р. о 11:30');
    const offered = told.find((n) => n.event === 'visit-offered')!;
    // Held until 23:45 Vilnius time: said in the e-mail and in the SMS.
    expect(offered.body).toContain('28 вересня 2027 р. о 23:45');
    expect(offered.sms_text).toContain('28 вересня 2027 р. о 23:45');
    expect(offered.sms_text).toContain(a.reference);
  });

  it('tells each happening once however often it is reported', async () => {
    const a = await submitted(OLEKSANDR.email);
    const booked = appointment(a.id, a.accountId);
    await tell({ kind: 'booked', appointment: booked, slot });
    await tell({ kind: 'booked', appointment: booked, slot });
    const own = appointment(a.id, a.accountId);
    await tell({ kind: 'cancelled', appointment: own, slot, by: a.accountId });
    await tell({ kind: 'cancelled', appointment: own, slot, by: a.accountId });
    const told = await toldAbout(a.id);
    expect(told.map((n) => n.dedupe_key).sort()).toEqual(
      [`visit-booked:${booked.id}`, `visit-cancelled:${own.id}`].sort(),
    );
    expect(told.find((n) => n.event === 'visit-booked')!.body).toContain(
      `https://vartai.example.lt/applications/${a.id}/visit.ics`,
    );
  });

  it('sends a partner’s bookings to its webhook, not to any account', async () => {
    const applicationId = randomUUID();
    const partnerId = randomUUID();
    const held = { ...appointment(applicationId, partnerId), holder_kind: 'partner' as const };
    await tell({ kind: 'booked', appointment: held, slot });
    expect(await toldAbout(applicationId)).toEqual([]);
    expect(webhooks.at(-1)).toEqual({
      partnerId,
      event: {
        type: 'appointment.booked',
        data: {
          applicationId,
          appointmentId: held.id,
          branch: 'KNS',
          startsAt: '2027-09-30T08:30:00.000Z',
          minutes: 30,
        },
      },
    });
  });
});

describe('the calendar file', () => {
  it('is the holder’s only: a VCALENDAR with the visit’s start in UTC', async () => {
    const a = await submitted(PRIYA.email);
    const page = `/applications/${a.id}/visit`;
    const file = `${page}.ics`;
    // No visit booked yet: nothing to download.
    expect((await owner.get(file)).statusCode).toBe(404);
    const times = slotIdsOf((await owner.get(`${page}?branch=VLN`)).body);
    await owner.post(page, { branch: 'VLN', slotId: times[2]! }, page);
    const visit = await activeOf(a.id);
    const slot = (await app.app.modules.appointments.repo.slot(times[2]!))!;

    const res = await owner.get(`${file}?lang=en`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="visit-${a.reference}.ics"`,
    );
    const ics = res.body.replace(/\r\n[ \t]/g, '');
    const utc = slot.starts_at.toISOString().replace(/[-:]/g, '').slice(0, 15);
    expect(ics).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(ics).toContain(`\r\nDTSTART:${utc}Z\r\n`);
    expect(ics).toContain(`\r\nUID:${visit.id}@localhost\r\n`);
    expect(ics).toContain('\r\nDURATION:PT30M\r\n');
    expect(ics).toContain(`\r\nSUMMARY:Visit to the Migration Department (${a.reference})\r\n`);
    expect(ics).toContain('\r\nLOCATION:Vilnius branch\\, Vytenio g. 18\\, Vilnius\r\n');
    expect(ics).not.toContain(PRIYA.displayName);
    expect(ics).not.toContain(PRIYA.email);
    expect(ics.trimEnd()).toMatch(/END:VCALENDAR$/);
    // In the reader's language.
    expect((await owner.get(`${file}?lang=lt`)).body).toContain(
      `SUMMARY:Vizitas Migracijos departamente (${a.reference})`,
    );

    expect((await stranger.get(file)).statusCode).toBe(404);
    const officer = await signedInStaff(app, 'officer@vartai.demo');
    expect((await officer.get(file)).statusCode).toBe(403);
    const anonymous = await new Browser(app).get(file);
    expect(anonymous.statusCode).toBe(302);
    expect(anonymous.headers.location).toMatch(/^\/sign-in/);
  });
});

describe('the reminder the day before', () => {
  it('goes once to visits booked for the next Vilnius day, not to cancelled, later or partners’ ones', async () => {
    const service = `test-remind-${randomUUID().slice(0, 8)}`;
    const tomorrow = addCalendarDays(localDate(new Date()), 1);
    const slotAt = async (day: string, hhmm: string) => {
      const id = randomUUID();
      await appointments.repo.insertSlots([
        {
          id,
          branch_code: 'KLP',
          service_id: service,
          starts_at: vilniusInstant(day, hhmm),
          minutes: 20,
          capacity: 5,
          booked: 0,
        },
      ]);
      return id;
    };
    const book = async (slotId: string, holderKind: 'account' | 'partner' = 'account') => {
      const a = await submitted(OLEKSANDR.email);
      const r = await appointments.booking.book({
        applicationId: a.id,
        accountId: holderKind === 'account' ? a.accountId : randomUUID(),
        holderKind,
        slotId,
      });
      expect(r.ok).toBe(true);
      return { ...a, appointmentId: (await activeOf(a.id)).id };
    };
    const early = await book(await slotAt(tomorrow, '00:00'));
    const late = await book(await slotAt(tomorrow, '23:40'));
    const cancelled = await book(await slotAt(tomorrow, '10:00'));
    await appointments.booking.cancel(cancelled.appointmentId, cancelled.accountId, {
      acceptBlock: true,
    });
    const dayAfter = await book(await slotAt(addCalendarDays(tomorrow, 1), '00:00'));
    const partner = await book(await slotAt(tomorrow, '11:00'), 'partner');

    expect(await appointments.remind()).toBeGreaterThanOrEqual(2);
    const reminders = async (a: { id: string }) =>
      (await toldAbout(a.id)).filter((n) => n.event === 'visit-reminder');
    for (const a of [early, late]) {
      const [r, ...more] = await reminders(a);
      expect(more).toEqual([]);
      expect(r).toMatchObject({
        dedupe_key: `visit-reminder:${a.appointmentId}`,
        lang: 'uk',
        link: `/applications/${a.id}/visit`,
      });
      expect(r!.body).toContain('Клайпедський підрозділ, Kauno g. 6, Klaipėda');
    }
    for (const a of [cancelled, dayAfter, partner]) expect(await reminders(a)).toEqual([]);

    // Run again (a retry, a second worker): nobody hears twice.
    expect(await appointments.remind()).toBe(0);
    expect(await reminders(early)).toHaveLength(1);
  });
});
