/**
 * The public face of module `appointments` (issue 5, in progress): branch calendars from the
 * country pack, and booking with capacity enforced by the database. Pages, the waitlist and the
 * branch desk build on these.
 */
import type { Clock, Ids } from '../../platform/clock';
import type { Db } from '../../platform/db';
import type { AuditModule } from '../audit';
import type { HolidayRules } from '../catalogue';
import { createAppointmentsRepository } from './appointments.repository';
import { createBookingService } from './booking.service';
import { capacityOf, openingOn, slotsOn } from './calendar';
import { loadBranchesPack, type BranchesPack } from './calendar.pack';

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

export interface AppointmentsDeps {
  db: Db;
  clock: Clock;
  ids: Ids;
  audit: AuditModule;
  /** Public holidays (the catalogue's reference/holidays.yaml). */
  holidays: HolidayRules;
  /** The branches pack; read from content/lt/branches.yaml when not given. */
  pack?: BranchesPack;
}

/** Branch calendars; a broken branches pack stops start-up here, naming the field. */
export function createAppointmentsModule(deps: AppointmentsDeps) {
  const pack = deps.pack ?? loadBranchesPack();
  const repo = createAppointmentsRepository(deps.db);
  return {
    pack,
    repo,
    /** Booking, rescheduling and cancelling, with races decided by the database. */
    booking: createBookingService({ ...deps, repo, pack }),
    branches: () => pack.branches,
    openingOn: (code: string, day: string) => openingOn(pack, code, day, deps.holidays),
    capacityOf: (code: string, serviceId: string) => capacityOf(pack, code, serviceId),
    slotsOn: (code: string, serviceId: string, day: string) =>
      slotsOn(pack, code, serviceId, day, deps.holidays),
  };
}

export type AppointmentsModule = ReturnType<typeof createAppointmentsModule>;
