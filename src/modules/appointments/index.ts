/**
 * The public face of module `appointments` (issue 5, in progress): branch calendars from the
 * country pack. Booking, rescheduling, the waitlist and the branch desk build on these.
 */
import type { HolidayRules } from '../catalogue';
import { capacityOf, openingOn, slotsOn } from './calendar';
import { loadBranchesPack, type BranchesPack } from './calendar.pack';

export { vilniusInstant, type Slot } from './calendar';
export {
  loadBranchesPack,
  type BranchesPack,
  type Capacity,
  type PackBranch,
} from './calendar.pack';

export interface AppointmentsDeps {
  /** Public holidays (the catalogue's reference/holidays.yaml). */
  holidays: HolidayRules;
  /** The branches pack; read from content/lt/branches.yaml when not given. */
  pack?: BranchesPack;
}

/** Branch calendars; a broken branches pack stops start-up here, naming the field. */
export function createAppointmentsModule(deps: AppointmentsDeps) {
  const pack = deps.pack ?? loadBranchesPack();
  return {
    pack,
    branches: () => pack.branches,
    openingOn: (code: string, day: string) => openingOn(pack, code, day, deps.holidays),
    capacityOf: (code: string, serviceId: string) => capacityOf(pack, code, serviceId),
    slotsOn: (code: string, serviceId: string, day: string) =>
      slotsOn(pack, code, serviceId, day, deps.holidays),
  };
}

export type AppointmentsModule = ReturnType<typeof createAppointmentsModule>;
