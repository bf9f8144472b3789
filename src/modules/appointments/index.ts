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
import { visitPages } from './visit.pages';
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

/** Makes the coming weeks' slots from the calendars: daily, and once at every start. */
export const MAKE_SLOTS_JOB = 'appointments.make-slots';
export const MAKE_SLOTS_CRON = '30 1 * * *';
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
}

/** Branch calendars; a broken branches pack stops start-up here, naming the field. */
export function createAppointmentsModule(deps: AppointmentsDeps) {
  const pack = deps.pack ?? loadBranchesPack();
  const repo = createAppointmentsRepository(deps.db);
  const booking = createBookingService({ ...deps, repo, pack });
  const visits = createVisitService({ ...deps, pack, repo, booking });
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
  return {
    pack,
    repo,
    /** Booking, rescheduling and cancelling, with races decided by the database. */
    booking,
    visits,
    makeSlots,
    /** "Book your visit" on the application's page while one is needed and none is booked. */
    async notices(applicationId: string, p: Principal) {
      if (p.kind !== 'applicant') return [];
      const o = await visits.overview(applicationId, p);
      if (!o.eligibility.ok || o.current) return [];
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
    },
    branches: () => pack.branches,
    openingOn: (code: string, day: string) => openingOn(pack, code, day, deps.holidays),
    capacityOf: (code: string, serviceId: string) => capacityOf(pack, code, serviceId),
    slotsOn: (code: string, serviceId: string, day: string) =>
      slotsOn(pack, code, serviceId, day, deps.holidays),
  };
}

export type AppointmentsModule = ReturnType<typeof createAppointmentsModule>;
