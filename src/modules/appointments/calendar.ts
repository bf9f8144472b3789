/**
 * Branch calendars, pure: when a branch is open on a day and which visit slots it offers for a
 * service, from the pack (content/lt/branches.yaml) and the public holidays. Times are Vilnius
 * wall-clock times; `vilniusInstant` turns them into instants across the clock changes.
 */
import { isWorkingDay, type HolidayRules } from '../catalogue';
import { WEEKDAYS, type BranchesPack, type Capacity, type Weekday } from './calendar.pack';

export interface Slot {
  /** Vilnius wall-clock start, HH:MM. */
  start: string;
  /** The same start as an instant. */
  startsAt: Date;
  /** How many visits the slot takes at once: one per desk serving the service. */
  desks: number;
  minutes: number;
}

const weekdayOf = (day: string): Weekday =>
  WEEKDAYS[(new Date(`${day}T12:00:00Z`).getUTCDay() + 6) % 7]!;
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const hhmmOf = (m: number) =>
  `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** Made once: a formatter costs ~75 µs to build, and a year of slots calls this 300 000 times. */
const VILNIUS_HHMM = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Vilnius',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** A Vilnius wall-clock time as HH:MM (24-hour), e.g. for a slot on a page. */
export const vilniusTime = (at: Date) => VILNIUS_HHMM.format(at);

/** The instant at which Vilnius clocks show `hhmm` on `day` (EET/EEST, either side of a change). */
export function vilniusInstant(day: string, hhmm: string): Date {
  const wall = Date.parse(`${day}T${hhmm}:00Z`);
  // Vilnius is UTC+2 or UTC+3: try both offsets and keep the one whose wall clock matches.
  for (const offsetHours of [3, 2]) {
    const at = new Date(wall - offsetHours * 3_600_000);
    const shown = VILNIUS_HHMM.format(at);
    if (shown === hhmm) return at;
  }
  // A wall time skipped by the spring change (03:00–03:59) does not exist: take the later offset.
  return new Date(wall - 2 * 3_600_000);
}

export function branchOf(pack: BranchesPack, code: string) {
  return pack.branches.find((b) => b.code === code);
}

/** Desks and visit length for a service at a branch; undefined where it is not offered there. */
export function capacityOf(
  pack: BranchesPack,
  code: string,
  serviceId: string,
): Capacity | undefined {
  const b = branchOf(pack, code);
  if (!b) return undefined;
  return b.capacity?.[serviceId] ?? pack.capacity.services[serviceId];
}

/** Opening hours on a day; null when closed (weekend, public holiday, closure, no such branch). */
export function openingOn(
  pack: BranchesPack,
  code: string,
  day: string,
  holidays: HolidayRules,
): { open: string; close: string } | null {
  const b = branchOf(pack, code);
  if (!b || !isWorkingDay(day, holidays)) return null;
  if (pack.closures.some((c) => c.day === day && (!c.branches || c.branches.includes(code))))
    return null;
  return (b.hours ?? pack.hours.week)[weekdayOf(day)] ?? null;
}

/** The visit slots a branch offers for a service on a day: whole slots between opening and closing. */
export function slotsOn(
  pack: BranchesPack,
  code: string,
  serviceId: string,
  day: string,
  holidays: HolidayRules,
): Slot[] {
  const hours = openingOn(pack, code, day, holidays);
  const cap = capacityOf(pack, code, serviceId);
  if (!hours || !cap) return [];
  const slots: Slot[] = [];
  const close = minutesOf(hours.close);
  for (let m = minutesOf(hours.open); m + cap.slotMinutes <= close; m += cap.slotMinutes) {
    const start = hhmmOf(m);
    slots.push({
      start,
      startsAt: vilniusInstant(day, start),
      desks: cap.desks,
      minutes: cap.slotMinutes,
    });
  }
  return slots;
}
