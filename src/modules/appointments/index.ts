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
import { createBookingAbuse, type BookingAbuseConfig } from './booking-abuse';
import { createBookingService } from './booking.service';
import { capacityOf, openingOn, slotsOn } from './calendar';
import { loadBranchesPack, type BranchesPack } from './calendar.pack';
import { IGNORE_HAPPENINGS, type VisitHappenings } from './visit.happenings';
import { REMIND_CRON, REMIND_JOB, remindTomorrow } from './jobs/remind.job';
import { visitIcsPages } from './visit-ics.pages';
import { createVisitNotices, type VisitNoticePorts } from './visit.notices';
import { visitApi } from './visit.api';
import { visitPages } from './visit.pages';
import { capacityPages, type CapacityPagesDeps } from './capacity.pages';
import { createCapacityRepository } from './capacity.repository';
import { createCapacityService } from './capacity.service';
import { deskPages } from './desk.pages';
import { createDeskRepository } from './desk.repository';
import { createDeskService, type DeskPorts } from './desk.service';
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
export { REMIND_CRON, REMIND_JOB } from './jobs/remind.job';
export type {
  VisitNotice,
  VisitNoticeEvent,
  VisitNoticePorts,
  VisitPartnerEvent,
} from './visit.notices';
export type { OfferRow, WaitlistRow, HolderKind } from './waitlist.repository';
export type { Holder, WaitlistService } from './waitlist.service';
export { DETECT_ABUSE_JOB } from './booking-abuse';
export type { BookingAction } from './abuse.repository';
export type { AbuseService, BookingSignal } from './abuse.service';
export type { DeskApplication, DeskPorts, RecordedVisit } from './desk.service';
export { DESK_ROLES } from './desk.pages';

/** Makes the coming weeks' slots from the calendars: daily, and once at every start. */
export const MAKE_SLOTS_JOB = 'appointments.make-slots';
export const MAKE_SLOTS_CRON = '30 1 * * *';
/** Gives held places nobody took in time to the next in line. */
export const LAPSE_OFFERS_JOB = 'appointments.lapse-offers';
export const LAPSE_OFFERS_CRON = '*/5 * * * *';
/** How far ahead slots exist (booking windows are up to four months; the job runs daily). */
export const SLOT_DAYS_AHEAD = 60;

/** What staff pages need from the rest of Vartai (adapted in src/app/appointments.wiring.ts). */
export type StaffPorts = Pick<CapacityPagesDeps, 'staffBranch' | 'serviceName'>;
export { CAPACITY_ROLES } from './capacity.pages';

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
  /** Staff pages' view of the rest of Vartai (src/app); without it no staff page is served. */
  staff?: StaffPorts;
  /** Told of every booking, move, cancellation and offer inside its transaction (notices). */
  happenings?: VisitHappenings;
  /** Tells holders of their visits (visit.notices.ts, jobs/remind.job.ts); none when absent. */
  notices?: VisitNoticePorts;
  /** The portal's address (PUBLIC_URL): calendar links in notices, calendar files' UIDs. */
  publicUrl?: string;
  /** Booking limits and abuse thresholds; the documented defaults when not given. */
  config?: BookingAbuseConfig;
  /** The branch desk's view of the rest of Vartai (src/app/desk.wiring.ts); no desk without it. */
  desk?: DeskPorts;
}

/** Branch calendars; a broken branches pack stops start-up here, naming the field. */
export function createAppointmentsModule(deps: AppointmentsDeps) {
  const pack = deps.pack ?? loadBranchesPack();
  const bookingAbuse = createBookingAbuse(deps);
  const repo = createAppointmentsRepository(deps.db);
  const publicUrl = deps.publicUrl ?? 'http://localhost';
  // Holders are told of each change (visit.notices.ts), then whoever else listens.
  const notices = deps.notices && createVisitNotices({ pack, publicUrl, ports: deps.notices });
  const others = deps.happenings ?? IGNORE_HAPPENINGS;
  const happenings: VisitHappenings = async (h, trx) => {
    await notices?.(h, trx);
    await others(h, trx);
  };
  const waitlist = createWaitlistService({
    ...deps,
    repo,
    wl: createWaitlistRepository(deps.db),
    pack,
    happenings,
  });
  const booking = createBookingService({ ...deps, repo, pack, happenings, waitlist });
  const visits = createVisitService({ ...deps, pack, repo, booking, waitlist });
  const capacity = createCapacityService({
    ...deps,
    repo,
    capacity: createCapacityRepository(deps.db),
    waitlist,
    happenings,
  });
  // The branch desk: day list, check-in recorded on the case, no-shows, walk-ins (desk.service.ts).
  const desk =
    deps.desk &&
    createDeskService({ ...deps, repo: createDeskRepository(deps.db), pack, ports: deps.desk });
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
  const remind = remindTomorrow({ ...deps, pack, publicUrl, ports: deps.notices });
  deps.jobs.register(REMIND_JOB, async () => {
    await remind();
  });
  deps.jobs.schedule(REMIND_JOB, REMIND_CRON);
  return {
    pack,
    repo,
    /** Booking, rescheduling and cancelling, with races decided by the database. */
    booking,
    /** The line for places that free up, and the offers held for it. */
    waitlist,
    /** Staff changing a branch's places, never cancelling a booked visit silently. */
    capacity,
    /** Booking signals (`record`, `recordRequest`), detection and the reports to administrators. */
    abuse: bookingAbuse.abuse,
    visits,
    /** The branch desk (when its ports are given). */
    desk,
    makeSlots,
    /** Reminds tomorrow's visits once each (the daily job); returns how many were reminded. */
    remind,
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
      await bookingAbuse.install(app);
      await app.register(visitPages({ visits, pack, abuse: bookingAbuse.abuse }));
      await app.register(visitIcsPages({ visits, pack, clock: deps.clock, publicUrl }));
      await app.register(visitApi({ visits, pack, repo }));
      if (desk && deps.desk)
        await app.register(deskPages({ desk, serviceName: deps.desk.serviceName }));
      if (deps.staff)
        await app.register(
          capacityPages({ ...deps.staff, capacity, repo, pack, clock: deps.clock }),
        );
    },
    branches: () => pack.branches,
    openingOn: (code: string, day: string) => openingOn(pack, code, day, deps.holidays),
    capacityOf: (code: string, serviceId: string) => capacityOf(pack, code, serviceId),
    slotsOn: (code: string, serviceId: string, day: string) =>
      slotsOn(pack, code, serviceId, day, deps.holidays),
  };
}

export type AppointmentsModule = ReturnType<typeof createAppointmentsModule>;
