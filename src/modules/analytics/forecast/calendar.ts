/**
 * Calendar arithmetic for forecast periods (pure, UTC-free): ISO dates are turned into day numbers
 * with Howard Hinnant's civil-calendar algorithms, so no Date object, time zone or clock is involved
 * and the same input gives the same periods on every machine.
 */

export type Period = 'week' | 'month' | 'quarter';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a proleptic Gregorian date. */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(days: number): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp + (mp < 10 ? 3 : -9);
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** True for a real calendar date written YYYY-MM-DD (rejects 2026-02-30). */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return false;
  const [y2, mo2, d2] = civilFromDays(daysFromCivil(y, mo, d));
  return y2 === y && mo2 === mo && d2 === d;
}

/** Day number (days since 1970-01-01) of an ISO date; the caller has checked `isIsoDate`. */
export function dayNumber(date: string): number {
  const m = ISO_DATE.exec(date);
  if (!m) throw new RangeError(`Not an ISO date: ${date}`);
  return daysFromCivil(Number(m[1]), Number(m[2]), Number(m[3]));
}

export function isoFromDayNumber(days: number): string {
  const [y, m, d] = civilFromDays(days);
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

export function addDays(date: string, days: number): string {
  return isoFromDayNumber(dayNumber(date) + days);
}

/** ISO weekday, Monday = 1 … Sunday = 7 (1970-01-01 was a Thursday). */
export function isoWeekday(date: string): number {
  return ((((dayNumber(date) + 3) % 7) + 7) % 7) + 1;
}

/** The first day of the period that contains `date` (ISO weeks start on Monday). */
export function periodStart(date: string, period: Period): string {
  if (period === 'week') return addDays(date, 1 - isoWeekday(date));
  const [y, m] = civilFromDays(dayNumber(date));
  const month = period === 'month' ? m : m - ((m - 1) % 3);
  return `${pad(y, 4)}-${pad(month)}-01`;
}

export function isPeriodStart(date: string, period: Period): boolean {
  return isIsoDate(date) && periodStart(date, period) === date;
}

/** The start of the period `n` periods after the one starting at `start` (n may be negative). */
export function addPeriods(start: string, period: Period, n: number): string {
  if (period === 'week') return addDays(start, 7 * n);
  const [y, m, d] = civilFromDays(dayNumber(start));
  const months = y * 12 + (m - 1) + n * (period === 'quarter' ? 3 : 1);
  return `${pad(Math.floor(months / 12), 4)}-${pad((months % 12) + 1)}-${pad(d)}`;
}

/** The ISO week of a date: the week belongs to the year that holds its Thursday. */
export function isoWeek(date: string): { year: number; week: number } {
  const thursday = dayNumber(date) + 4 - isoWeekday(date);
  const [year] = civilFromDays(thursday);
  const week = Math.floor((thursday - daysFromCivil(year, 1, 1)) / 7) + 1;
  return { year, week };
}

/** A human label for a period: `2026-W03`, `2026-03`, `2026-Q1`. */
export function periodLabel(start: string, period: Period): string {
  if (period === 'week') {
    const { year, week } = isoWeek(start);
    return `${pad(year, 4)}-W${pad(week)}`;
  }
  const [y, m] = civilFromDays(dayNumber(start));
  if (period === 'month') return `${pad(y, 4)}-${pad(m)}`;
  return `${pad(y, 4)}-Q${Math.floor((m - 1) / 3) + 1}`;
}

/** The usual number of periods in a year: the default season length. */
export const PERIODS_PER_YEAR: Record<Period, number> = { week: 52, month: 12, quarter: 4 };
