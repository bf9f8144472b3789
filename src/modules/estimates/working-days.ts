/**
 * Working-day arithmetic for estimates (pure). Holidays come either as the country pack's rules
 * (fixed MM-DD days and Easter offsets) or as a plain list of YYYY-MM-DD dates (the simulation and
 * tests); both are read the same way as the catalogue reads them for legal terms.
 */
import { addCalendarDays, isWorkingDay, type HolidayRules } from '../catalogue';

export type Holidays = HolidayRules | readonly string[];

const tests = new WeakMap<object, (date: string) => boolean>();

/**
 * A working-day predicate; dates listed explicitly are holidays, weekends never work. Answers are
 * remembered per holidays object: the simulation asks about the same days a million times.
 */
export function workingDayTest(holidays: Holidays): (date: string) => boolean {
  const known = tests.get(holidays);
  if (known) return known;
  const set = Array.isArray(holidays) ? new Set(holidays as readonly string[]) : null;
  const rules: HolidayRules = set ? { fixed: [], easterOffsets: [] } : (holidays as HolidayRules);
  const memo = new Map<string, boolean>();
  const test = (date: string) => {
    let works = memo.get(date);
    if (works === undefined) {
      works = !set?.has(date) && isWorkingDay(date, rules);
      memo.set(date, works);
    }
    return works;
  };
  tests.set(holidays, test);
  return test;
}

const following = new Map<string, string>();
/** The next calendar day (remembered: estimates step through the same days over and over). */
function nextDay(date: string): string {
  let next = following.get(date);
  if (next === undefined) {
    next = addCalendarDays(date, 1);
    if (following.size > 50_000) following.clear();
    following.set(date, next);
  }
  return next;
}

/** The k-th working day counting `start` itself when it is one (k ≥ 1; k < 1 counts as 1). */
export function nthWorkingDay(start: string, k: number, works: (d: string) => boolean): string {
  let day = start;
  let left = Math.max(1, k);
  for (;;) {
    if (works(day)) {
      left -= 1;
      if (left === 0) return day;
    }
    day = nextDay(day);
  }
}

/** The working days strictly before `end`, latest first, at most `count` of them. */
export function workingDaysBefore(
  end: string,
  count: number,
  works: (d: string) => boolean,
): string[] {
  const days: string[] = [];
  let day = addCalendarDays(end, -1);
  // A year of calendar days is far more than 40 working days; the bound only stops bad input.
  for (let guard = 0; days.length < count && guard < count * 3 + 40; guard += 1) {
    if (works(day)) days.push(day);
    day = addCalendarDays(day, -1);
  }
  return days;
}
