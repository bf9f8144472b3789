/**
 * Dates of birth as matching compares them (issue 7): graded levels rather than equal or not,
 * because the same person's date is typed with day and month swapped, with one wrong digit, or
 * known only by its year in some sources. Dates are ISO YYYY-MM-DD; a year alone is YYYY.
 */
export const DATE_LEVELS = [
  'exact',
  'swapped-day-month',
  'one-digit',
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
  if (a === b) return 'exact';
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
  return yearA === yearB ? 'same-year' : 'different';
}
