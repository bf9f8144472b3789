import type { Random } from './random';

/**
 * Dates of birth: the person's true date, and how a record gives it (day and month swapped,
 * one digit mistyped, only the year, or nothing). Every date written is a real calendar date,
 * as a source's form would check, so a mistyped date is another valid date.
 */

/** Ages are counted to this fixed day so the data does not change with the day it is made. */
export const REFERENCE_YEAR = 2025;

/** Age bands of applicants (children come with families; most applicants work). */
const AGE_BANDS: readonly [number, number, number][] = [
  [0, 17, 0.12],
  [18, 30, 0.35],
  [31, 45, 0.33],
  [46, 65, 0.17],
  [66, 85, 0.03],
];

const pad = (n: number) => String(n).padStart(2, '0');

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

export function formatDate(year: number, month: number, day: number): string {
  return `${year}-${pad(month)}-${pad(day)}`;
}

export function randomDateInYear(year: number, random: Random): string {
  const month = 1 + random.int(12);
  return formatDate(year, month, 1 + random.int(daysInMonth(year, month)));
}

export function birthYear(random: Random): number {
  const [low, high] = AGE_BANDS[random.weighted(AGE_BANDS.map((b) => b[2]))]!;
  return REFERENCE_YEAR - (low + random.int(high - low + 1));
}

export function birthDate(random: Random, januaryFirstShare: number): string {
  const year = birthYear(random);
  return random.chance(januaryFirstShare) ? `${year}-01-01` : randomDateInYear(year, random);
}

/** The same date with day and month swapped, or null when that is not another valid date. */
export function swappedDayMonth(date: string): string | null {
  const [y, m, d] = date.split('-') as [string, string, string];
  if (m === d || Number(d) > 12) return null;
  const swapped = `${y}-${d}-${m}`;
  return isCalendarDate(swapped) ? swapped : null;
}

/** Another valid date one digit away (a key pressed wrong), or null after a few tries. */
export function oneDigitOff(date: string, random: Random): string | null {
  const positions = [2, 3, 5, 6, 8, 9];
  for (let attempt = 0; attempt < 12; attempt++) {
    const i = random.pick(positions);
    const digit = String(random.int(10));
    if (digit === date[i]) continue;
    const typed = date.slice(0, i) + digit + date.slice(i + 1);
    if (isCalendarDate(typed) && Number(typed.slice(0, 4)) <= REFERENCE_YEAR) return typed;
  }
  return null;
}
