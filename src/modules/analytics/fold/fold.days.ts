/** Calendar days for the fold: the Vilnius day of an instant, and whole days between two days. */
import type { Day } from './fold.types';

// One formatter for the process: building an Intl.DateTimeFormat per event would dominate a
// 1.5 M-application rebuild.
const VILNIUS = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Vilnius' });

/** The Vilnius calendar day (`YYYY-MM-DD`) of an instant: the fact day of every event. */
export function vilniusDay(at: Date): Day {
  return VILNIUS.format(at);
}

const MS_PER_DAY = 86_400_000;

function dayNumber(day: Day): number {
  return Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)));
}

/** Calendar days from `from` to `to` (negative when `to` is earlier); both `YYYY-MM-DD`. */
export function daysBetween(from: Day, to: Day): number {
  return Math.round((dayNumber(to) - dayNumber(from)) / MS_PER_DAY);
}
