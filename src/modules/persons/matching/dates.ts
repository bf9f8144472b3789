/**
 * Dates of birth as matching compares them (issue 7): graded levels rather than equal or not,
 * because the same person's date is typed with day and month swapped, with one wrong digit, or
 * known only by its year in some sources. Dates are ISO YYYY-MM-DD; a year alone is YYYY.
 *
 * "year-only": one source gives only the year, and it is the other's year (compatible, weak).
 * "same-year": two full dates of one year that differ beyond a typo (another day and month):
 * like "different", a conflict (`datesConflict`), not weak agreement.
 */
export const DATE_LEVELS = [
  'exact',
  'swapped-day-month',
  'one-digit',
  'year-only',
  'same-year',
  'different',
  'missing',
] as const;
export type DateLevel = (typeof DATE_LEVELS)[number];

const FULL = /^(\d{4})-(\d{2})-(\d{2})$/;
const YEAR = /^(\d{4})$/;

function digitsDiffering(a: string, b: string): number {
  let n = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) n++;
  return n;
}

/** The closest level at which two recorded dates of birth agree. */
export function compareDates(
  a: string | null | undefined,
  b: string | null | undefined,
): DateLevel {
  if (!a || !b) return 'missing';
  // Two equal but unreadable values ("unknown") agree on nothing.
  if (a === b) return FULL.test(a) || YEAR.test(a) ? 'exact' : 'missing';
  const fa = FULL.exec(a);
  const fb = FULL.exec(b);
  if (fa && fb) {
    const [, ya, ma, da] = fa as unknown as [string, string, string, string];
    const [, yb, mb, db] = fb as unknown as [string, string, string, string];
    if (ya === yb && ma === db && da === mb) return 'swapped-day-month';
    if (digitsDiffering(`${ya}${ma}${da}`, `${yb}${mb}${db}`) === 1) return 'one-digit';
    return ya === yb ? 'same-year' : 'different';
  }
  const yearA = fa?.[1] ?? YEAR.exec(a)?.[1];
  const yearB = fb?.[1] ?? YEAR.exec(b)?.[1];
  if (!yearA || !yearB) return 'missing';
  return yearA === yearB ? 'year-only' : 'different';
}

/**
 * Whether two dates of birth differ beyond a typo ("different", or two full dates of one year
 * with another day and month): the records are never linked, and persons holding them are never
 * merged (issue 7: no false merge of namesakes whose dates of birth differ).
 */
export function datesConflict(level: DateLevel | number): boolean {
  return typeof level === 'number'
    ? level === SAME_YEAR || level === DIFFERENT
    : level === 'same-year' || level === 'different';
}

/**
 * A date of birth as one integer, YYYYMMDD, with MMDD 0000 when only the year is known and 0 when
 * absent or unreadable: the batch linker compares millions of pairs and keeps dates this way.
 */
export function dateCode(value: string | null | undefined): number {
  if (!value) return 0;
  const full = FULL.exec(value);
  if (full) return Number(full[1]) * 10000 + Number(full[2]) * 100 + Number(full[3]);
  const year = YEAR.exec(value);
  return year ? Number(year[1]) * 10000 : 0;
}

/** The year of a date code (0 when absent). */
export function dateYear(code: number): number {
  return (code / 10000) | 0;
}

const EXACT = 0;
const SWAPPED = 1;
const ONE_DIGIT = 2;
const YEAR_ONLY = 3;
const SAME_YEAR = 4;
const DIFFERENT = 5;
const MISSING = 6;

/** `compareDates` on date codes, as an index into DATE_LEVELS (the same answer, without strings). */
export function compareDateCodes(a: number, b: number): number {
  if (a === 0 || b === 0) return MISSING;
  if (a === b) return EXACT;
  const ya = (a / 10000) | 0;
  const yb = (b / 10000) | 0;
  const mda = a % 10000;
  const mdb = b % 10000;
  if (mda !== 0 && mdb !== 0) {
    const ma = (mda / 100) | 0;
    const da = mda % 100;
    const mb = (mdb / 100) | 0;
    const db = mdb % 100;
    if (ya === yb && ma === db && da === mb) return SWAPPED;
    let differing = 0;
    for (let x = a, y = b, i = 0; i < 8; i++, x = (x / 10) | 0, y = (y / 10) | 0)
      if (x % 10 !== y % 10) differing++;
    if (differing === 1) return ONE_DIGIT;
    return ya === yb ? SAME_YEAR : DIFFERENT;
  }
  return ya === yb ? YEAR_ONLY : DIFFERENT;
}
