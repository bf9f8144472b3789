/**
 * A precomputed calendar window for the generator: days are small integers (indexes from the
 * first day of the first simulated month), so that 1.5 million timelines need no Date objects,
 * no string formatting and no holiday arithmetic per application — only array look-ups.
 * Working days follow the country pack's holidays exactly as the catalogue's legal deadlines do.
 */
import { isWorkingDay, type HolidayRules } from '../../catalogue';

/** Days kept after the last simulated day for timelines that end later (the longest tail). */
export const TAIL_DAYS = 800;

export interface SimCalendar {
  /** ISO date of each index. */
  iso: string[];
  year: Int16Array;
  /** 0 = January. */
  month: Uint8Array;
  /** 0 = Monday … 6 = Sunday. */
  weekday: Uint8Array;
  working: Uint8Array;
  /** Working days among indexes 0..i. */
  workCount: Int32Array;
  /** The indexes of the working days, in order. */
  workList: Int32Array;
  length: number;
  /** Days since 1970-01-01 of index 0. */
  epoch0: number;
}

const MS_PER_DAY = 86_400_000;
const toEpochDay = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / MS_PER_DAY;

/** The window from the first day of `from`'s month to `TAIL_DAYS` after `to`. */
export function buildCalendar(from: string, to: string, holidays: HolidayRules): SimCalendar {
  const first = toEpochDay(`${from.slice(0, 7)}-01`);
  const length = toEpochDay(to) - first + 1 + TAIL_DAYS;
  const cal: SimCalendar = {
    iso: new Array<string>(length),
    year: new Int16Array(length),
    month: new Uint8Array(length),
    weekday: new Uint8Array(length),
    working: new Uint8Array(length),
    workCount: new Int32Array(length),
    workList: new Int32Array(length),
    length,
    epoch0: first,
  };
  let works = 0;
  for (let i = 0; i < length; i++) {
    const d = new Date((first + i) * MS_PER_DAY);
    const iso = d.toISOString().slice(0, 10);
    cal.iso[i] = iso;
    cal.year[i] = d.getUTCFullYear();
    cal.month[i] = d.getUTCMonth();
    cal.weekday[i] = (d.getUTCDay() + 6) % 7;
    if (isWorkingDay(iso, holidays)) {
      cal.working[i] = 1;
      cal.workList[works++] = i;
    }
    cal.workCount[i] = works;
  }
  cal.workList = cal.workList.slice(0, works);
  return cal;
}

/** The index of an ISO day in the window (may be negative or past the end). */
export function indexOf(cal: SimCalendar, iso: string): number {
  return toEpochDay(iso) - cal.epoch0;
}

const clamp = (cal: SimCalendar, i: number) => (i < cal.length ? i : cal.length - 1);

/** The day itself when it is a working day, otherwise the next working day. */
export function onOrNextWorking(cal: SimCalendar, i: number): number {
  const at = clamp(cal, i);
  if (cal.working[at]) return at;
  const n = cal.workCount[at]!; // working days up to `at`: the next one is workList[n]
  return n < cal.workList.length ? cal.workList[n]! : cal.length - 1;
}

/** The `n`-th working day after day `i` (`i` itself when n = 0). */
export function workingDaysAfter(cal: SimCalendar, i: number, n: number): number {
  if (n <= 0) return clamp(cal, i);
  const k = cal.workCount[clamp(cal, i)]! + n - 1;
  return k < cal.workList.length ? cal.workList[k]! : cal.length - 1;
}

/** The same day of the month `n` months later (the month's last day when it has no such day). */
export function addMonths(cal: SimCalendar, i: number, n: number): number {
  const at = clamp(cal, i);
  const y = cal.year[at]!;
  const m = cal.month[at]! + n;
  const dom = Number(cal.iso[at]!.slice(8, 10));
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const target = Date.UTC(y, m, Math.min(dom, last)) / MS_PER_DAY;
  return clamp(cal, target - cal.epoch0);
}

/** The last day of a legal term started on day `i` (moved to a working day), as in the catalogue. */
export function legalDue(
  cal: SimCalendar,
  i: number,
  term: { amount: number; unit: 'days' | 'working-days' | 'months' },
): number {
  if (term.unit === 'working-days') return workingDaysAfter(cal, i, term.amount);
  const end = term.unit === 'months' ? addMonths(cal, i, term.amount) : i + term.amount;
  return onOrNextWorking(cal, end);
}
