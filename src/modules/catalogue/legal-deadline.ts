/**
 * The last day of a legal term, from the day it starts counting (pure: no clock, no I/O).
 *
 * - `days`: calendar days after the start day; `months`: the same day of the month that many
 *   months later (the last day of a shorter month when that day does not exist);
 *   `working-days`: that many working days after the start day.
 * - A term whose last day is not a working day ends on the next working day.
 * Working days are Monday to Friday except the public holidays of the country pack
 * (`content/lt/reference/holidays.yaml`). Dates are calendar dates (YYYY-MM-DD) in the
 * Department's time zone, so no time of day or DST can shift them.
 */
export interface HolidayRules {
  /** Fixed-date holidays as MM-DD. */
  fixed: string[];
  /** Days relative to Western Easter Sunday that are holidays (e.g. 1 = Easter Monday). */
  easterOffsets: number[];
}

export type TermUnit = 'days' | 'working-days' | 'months';

const toUtc = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
};
const iso = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (d: Date, n: number) => new Date(d.getTime() + n * 86_400_000);

/** Western Easter Sunday (the Meeus/Jones/Butcher computus for the Gregorian calendar). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function isWorkingDay(date: string, rules: HolidayRules): boolean {
  const d = toUtc(date);
  const weekday = d.getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  if (rules.fixed.includes(date.slice(5))) return false;
  const easter = toUtc(easterSunday(d.getUTCFullYear()));
  return !rules.easterOffsets.some((o) => iso(addDays(easter, o)) === date);
}

function addMonths(start: Date, months: number): Date {
  const y = start.getUTCFullYear();
  const m = start.getUTCMonth() + months;
  const lastOfTarget = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m, Math.min(start.getUTCDate(), lastOfTarget)));
}

/** A calendar date `n` days later (earlier when negative). */
export function addCalendarDays(date: string, n: number): string {
  return iso(addDays(toUtc(date), n));
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toUtc(to).getTime() - toUtc(from).getTime()) / 86_400_000);
}

/** The day itself when it is a working day, otherwise the next working day. */
export function onOrNextWorkingDay(date: string, rules: HolidayRules): string {
  let day = toUtc(date);
  while (!isWorkingDay(iso(day), rules)) day = addDays(day, 1);
  return iso(day);
}

/**
 * The last day of a calendar term (`days` or `months`) BEFORE it is moved off a non-working day;
 * callers that shift a term (a suspended examination) shift this day, then move it.
 */
export function calendarTermEnd(
  start: string,
  term: { amount: number; unit: 'days' | 'months' },
): string {
  const day = toUtc(start);
  return iso(term.unit === 'months' ? addMonths(day, term.amount) : addDays(day, term.amount));
}

export function legalDeadline(
  start: string,
  term: { amount: number; unit: TermUnit },
  rules: HolidayRules,
): string {
  if (term.unit === 'working-days') {
    let day = toUtc(start);
    for (let left = term.amount; left > 0;) {
      day = addDays(day, 1);
      if (isWorkingDay(iso(day), rules)) left -= 1;
    }
    return iso(day);
  }
  return onOrNextWorkingDay(
    calendarTermEnd(start, { amount: term.amount, unit: term.unit }),
    rules,
  );
}
