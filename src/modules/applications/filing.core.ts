/**
 * Pure rules of filing for someone else. A parent files for a minor: the child must be under 18
 * on the day the application is submitted (the age of majority; cat. §1.2 says parents file for
 * children, with lower limits for some services, e.g. under 16 for EU certificates — UNCERTAIN
 * whether those limits bind online filing, so Vartai checks the general one).
 */
export const AGE_OF_MAJORITY = 18;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The calendar day in Vilnius of an instant: legal days are Lithuanian days. */
export function vilniusDay(at: Date): { year: number; month: number; day: number } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Vilnius',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(at);
  const get = (t: string) => Number(parts.find((p) => p.type === t)!.value);
  return { year: get('year'), month: get('month'), day: get('day') };
}

/** A real calendar date written YYYY-MM-DD, or undefined. */
export function parseIsoDate(s: string): { year: number; month: number; day: number } | undefined {
  const m = ISO_DATE.exec(s);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day)
    return undefined;
  return { year, month, day };
}

/** Age in whole years on the Vilnius day of `on`; a birthday counts from its first day. */
export function ageOn(birthDate: string, on: Date): number | undefined {
  const b = parseIsoDate(birthDate);
  if (!b) return undefined;
  const t = vilniusDay(on);
  const beforeBirthday = t.month < b.month || (t.month === b.month && t.day < b.day);
  return t.year - b.year - (beforeBirthday ? 1 : 0);
}

export type ChildCheck = 'ok' | 'invalid-date' | 'not-born' | 'not-minor';

/** Whether a child born on `birthDate` may be filed for by a parent on the day of `on`. */
export function checkChild(birthDate: string, on: Date): ChildCheck {
  const age = ageOn(birthDate, on);
  if (age === undefined) return 'invalid-date';
  if (age < 0 || birthDate > isoDay(on)) return 'not-born';
  return age < AGE_OF_MAJORITY ? 'ok' : 'not-minor';
}

export function isoDay(on: Date): string {
  const t = vilniusDay(on);
  return `${t.year}-${String(t.month).padStart(2, '0')}-${String(t.day).padStart(2, '0')}`;
}
