/**
 * The public face of module `appointments` (issue 5, in progress): branch calendars from the
 * country pack, and booking with capacity enforced by the database. Pages, the waitlist and the
 * branch desk build on these.
 */
import type { Clock, Ids } from '../../platform/clock';
import type { Db } from '../../platform/db';
import type { Principal } from '../../platform/http';
import type { JobQueue } from '../../platform/jobs';
import type { FastifyInstance } from 'fastify';
import type { AuditModule } from '../audit';
import { localDate, type HolidayRules } from '../catalogue';
import { createAppointmentsRepository } from './appointments.repository';
import { createBookingService } from './booking.service';
import { capacityOf, openingOn, slotsOn } from './calendar';
import { loadBranchesPack, type BranchesPack } from './calendar.pack';
import { IGNORE_HAPPENINGS, type VisitHappenings } from './visit.happenings';
import { visitApi } from './visit.api';
import { visitPages } from './visit.pages';
import { createWaitlistRepository } from './waitlist.repository';
import { createWaitlistService } from './waitlist.service';
import { createVisitService, type VisitPorts } from './visit.service';

export { vilniusInstant, type Slot } from './calendar';
export {
  loadBranchesPack,
  type BranchesPack,
  type Capacity,
  type PackBranch,
} from './calendar.pack';

export type { BookingRefusal, BookingService } from './booking.service';
export type { AppointmentRow, SlotRow } from './appointments.repository';
export { changeStanding, type ChangeStanding } from './change-rule';
export type { VisitApplication, VisitPorts } from './visit.service';
export type { VisitHappening, VisitHappenings } from './visit.happenings';
export type { OfferRow, WaitlistRow, HolderKind } from './waitlist.repository';
export type { Holder, WaitlistService } from './waitlist.service';

/** Makes the coming weeks' slots from the calendars: daily, and once at every start. */
export const MAKE_SLOTS_JOB = 'appointments.make-slots';
export const MAKE_SLOTS_CRON = '30 1 * * *';
/** Gives held places nobody took in time to the next in line. */
export const LAPSE_OFFERS_JOB = 'appointments.lapse-offers';
export const LAPSE_OFFERS_CRON = '*/5 * * * *';
/** How far ahead slots exist (booking windows are up to four months; the job runs daily). */
export const SLOT_DAYS_AHEAD = 60;

export interface AppointmentsDeps {
  db: Db;
  clock: Clock;
  ids: Ids;
  audit: AuditModule;
  jobs: JobQueue;
  /** The application behind a booking and the catalogue's visit rule (src/app). */
  ports: VisitPorts;
  /** Public holidays (the catalogue's reference/holidays.yaml). */
  holidays: HolidayRules;
  /** The branches pack; read from content/lt/branches.yaml when not given. */
  pack?: BranchesPack;
  /** Told of every booking, move, cancellation and offer inside its transaction (notices). */
  happenings?: VisitHappenings;
}

/** Branch calendars; a broken branches pack stops start-up here, naming the field. */
export function createAppointmentsModule(deps: AppointmentsDeps) {
  const pack = deps.pack ?? loadBranchesPack();
  const repo = createAppointmentsRepository(deps.db);
  const happenings = deps.happenings ?? IGNORE_HAPPENINGS;
  const waitlist = createWaitlistService({
    ...deps,
    repo,
    wl: createWaitlistRepository(deps.db),
    pack,
    happenings,
  });
  const booking = createBookingService({ ...deps, repo, pack, happenings, waitlist });
  const visits = createVisitService({ ...deps, pack, repo, booking, waitlist });
  /** Every branch × service the pack gives capacity for. */
  const offered = () =>
    pack.branches.flatMap((b) =>
      [...new Set([...Object.keys(pack.capacity.services), ...Object.keys(b.capacity ?? {})])].map(
        (serviceId) => ({ branch: b.code, serviceId }),
      ),
    );
  async function makeSlots(fromDay: string, days = SLOT_DAYS_AHEAD) {
    let made = 0;
    for (const o of offered())
      made += await booking.materialise(o.branch, o.serviceId, fromDay, days);
    return made;
  }
  deps.jobs.register(MAKE_SLOTS_JOB, async () => {
    await makeSlots(localDate(deps.clock.now()));
  });
  deps.jobs.schedule(MAKE_SLOTS_JOB, MAKE_SLOTS_CRON);
  deps.jobs.register(LAPSE_OFFERS_JOB, async () => {
    await waitlist.lapse();
  });
  deps.jobs.schedule(LAPSE_OFFERS_JOB, LAPSE_OFFERS_CRON);
  return {
    pack,
    repo,
    /** Booking, rescheduling and cancelling, with races decided by the database. */
    booking,
    /** The line for places that free up, and the offers held for it. */
    waitlist,
    visits,
    makeSlots,
    /** "Book your visit" on the application's page while one is needed and none is booked. */
    async notices(applicationId: string, p: Principal) {
      if (p.kind !== 'applicant') return [];
      const o = await visits.overview(applicationId, p);
      if (!o.eligibility.ok || (o.current && !o.waitlist.offer)) return [];
      if (o.waitlist.offer)
        return [
          {
            textKey: 'appointments.offerNotice',
            linkKey: 'appointments.offerNoticeLink',
            href: `/applications/${applicationId}/visit`,
          },
        ];
      return [
        {
          textKey: 'appointments.notice',
          linkKey: 'appointments.noticeLink',
          href: `/applications/${applicationId}/visit`,
        },
      ];
    },
    routes: async (app: FastifyInstance) => {
      await app.register(visitPages({ visits, pack }));
      await app.register(visitApi({ visits, pack, repo }));
    },
    branches: () => pack.branches,
    openingOn: (code: string, day: string) => openingOn(pack, code, day, deps.holidays),
    capacityOf: (code: string, serviceId: string) => capacityOf(pack, code, serviceId),
    slotsOn: (code: string, serviceId: string, day: string) =>
      slotsOn(pack, code, serviceId, day, deps.holidays),
  };
}

export type AppointmentsModule = ReturnType<typeof createAppointmentsModule>;
