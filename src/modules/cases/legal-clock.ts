/**
 * The legal term clock of a case (pure: no I/O and no clock — `today` is an argument).
 *
 * Dates are calendar dates (YYYY-MM-DD) in Vilnius. The term counts from `start` (submission or
 * acceptance, as the catalogue's `startsAt` says) with the catalogue's own arithmetic
 * (`legalDeadline`: days after the start day; a last day that is not a working day moves to the
 * next working day). It stops while information is requested (cat. §0.3: terms may be extended
 * when the Department suspends the examination to collect information; FAQ Q5: "terms stop
 * running while MD collects missing information").
 *
 * UNCERTAIN (the sources do not settle how a suspension is counted; to be confirmed with the
 * Department). The rules chosen, and why:
 * - A suspension covers the days AFTER the request was sent up to AND INCLUDING the day the answer
 *   arrived, i.e. `to - from` calendar days; an answer on the day of the request suspends 0 days.
 *   The term ran on the day the request went out (the officer worked on the case that day), and
 *   this is the same "days after the start day" rule the catalogue uses for terms themselves, so a
 *   same-day round trip cannot buy a day.
 * - Calendar terms (`days`, `months`): the un-moved last day of the term is moved later by the
 *   suspended calendar days, and only then moved off a non-working day (otherwise a term ending on
 *   a Sunday would be shifted twice).
 * - Working-day terms: the term is lengthened by the WORKING days inside the suspensions.
 * - A request sent after the term had already run out does not revive it (the Ombudsman found
 *   suspensions without legal basis; a late request must not make an overdue case look on time):
 *   it is counted in `lateSuspensions` and extends nothing.
 * - While a request is unanswered the deadline is PROVISIONAL: computed as if the answer arrived
 *   today, so it moves one day later each day and `daysLeft` stays frozen, as a stopped clock does.
 * Suspensions must be in order and must not overlap (one may start on the day the previous one
 * was answered); anything else is inconsistent data and is returned as an error value.
 */
import {
  addCalendarDays,
  calendarTermEnd,
  daysBetween,
  isWorkingDay,
  legalDeadline,
  onOrNextWorkingDay,
  type HolidayRules,
  type TermUnit,
} from '../catalogue';

/** From the information-requested action to the information-received one (null: unanswered). */
export interface Suspension {
  from: string;
  to: string | null;
}

export interface LegalClockInput {
  term: { amount: number; unit: TermUnit };
  /** The day the term starts counting from; null while that event has not happened yet. */
  start: string | null;
  suspensions: readonly Suspension[];
  holidays: HolidayRules;
  today: string;
}

export type LegalClockStatus = 'not-started' | 'running' | 'suspended';
export type LegalClockState = 'on-track' | 'near' | 'overdue';

export interface LegalClock {
  status: LegalClockStatus;
  /** The last day of the term moved by the suspended time; null before the term starts. */
  deadline: string | null;
  /** The last day without any suspension. */
  originalDeadline: string | null;
  /** True while a request is unanswered (the deadline assumes the answer arrives today). */
  provisional: boolean;
  /** Calendar days suspended (to today for an unanswered request). */
  suspendedDays: number;
  /** Working days suspended; only for working-day terms. */
  suspendedWorkingDays: number | null;
  /** Calendar days from today to the deadline (0 = today is the last day; negative = overdue). */
  daysLeft: number | null;
  /** Working days after today up to the deadline (negative: passed since); working-day terms only. */
  workingDaysLeft: number | null;
  /** 'near' when 0 ≤ daysLeft ≤ nearWithinDays (see NEAR_MAX_DAYS); before the start 'on-track'. */
  state: LegalClockState;
  nearWithinDays: number | null;
  /** Requests sent after the term had run out; they extend nothing. */
  lateSuspensions: number;
}

export type LegalClockErrorCode =
  | 'invalid-date'
  | 'invalid-term'
  | 'start-after-today'
  | 'suspension-without-start'
  | 'suspension-before-start'
  | 'suspension-in-future'
  | 'suspension-reversed'
  | 'suspension-unordered'
  | 'suspension-overlapping';

export interface LegalClockError {
  code: LegalClockErrorCode;
  /** The suspension at fault, when one is. */
  index: number | null;
}

export type LegalClockResult =
  { ok: true; clock: LegalClock } | { ok: false; error: LegalClockError };

/**
 * "Near the deadline": at most 10 calendar days left, or at most 20 % of the term's length for
 * short terms (rounded up) — a fixed 10 days would mark a 5-working-day passport "near" from the
 * day it is filed, and 20 % alone would warn a month ahead on a 4-month permit. Vartai's choice,
 * not a legal rule.
 */
export const NEAR_MAX_DAYS = 10;
export const NEAR_SHARE = 0.2;

/**
 * The day a term counts from, given the catalogue's `startsAt` (`LegalTerm.startsAt`, which the
 * pack schema limits to `submission` or `application-accepted`) and the case's dates.
 */
export function clockStart(
  startsAt: string,
  dates: { submittedOn: string; acceptedOn: string | null },
): string | null {
  return startsAt === 'submission' ? dates.submittedOn : dates.acceptedOn;
}

const isDate = (d: string) => /^\d{4}-\d{2}-\d{2}$/.test(d) && addCalendarDays(d, 0) === d;

/** Working days after `from` up to and including `to`. */
function workingDaysIn(from: string, to: string, rules: HolidayRules): number {
  let n = 0;
  for (let d = addCalendarDays(from, 1); d <= to; d = addCalendarDays(d, 1)) {
    if (isWorkingDay(d, rules)) n += 1;
  }
  return n;
}

function validate(input: LegalClockInput): LegalClockError | null {
  const { start, suspensions, today, term } = input;
  if (!Number.isInteger(term.amount) || term.amount <= 0)
    return { code: 'invalid-term', index: null };
  if (!isDate(today) || (start !== null && !isDate(start))) {
    return { code: 'invalid-date', index: null };
  }
  if (start !== null && start > today) return { code: 'start-after-today', index: null };
  for (const [index, s] of suspensions.entries()) {
    if (!isDate(s.from) || (s.to !== null && !isDate(s.to))) return { code: 'invalid-date', index };
    if (start === null) return { code: 'suspension-without-start', index };
    if (s.from < start) return { code: 'suspension-before-start', index };
    if (s.to !== null && s.to < s.from) return { code: 'suspension-reversed', index };
    if (s.from > today || (s.to !== null && s.to > today)) {
      return { code: 'suspension-in-future', index };
    }
    const prev = index > 0 ? suspensions[index - 1] : undefined;
    if (prev && s.from < prev.from) return { code: 'suspension-unordered', index };
    if (prev && (prev.to === null || s.from < prev.to)) {
      return { code: 'suspension-overlapping', index };
    }
  }
  return null;
}

export function legalClock(input: LegalClockInput): LegalClockResult {
  const error = validate(input);
  if (error) return { ok: false, error };
  const { term, start, suspensions, holidays, today } = input;
  if (start === null) {
    return {
      ok: true,
      clock: {
        status: 'not-started',
        deadline: null,
        originalDeadline: null,
        provisional: false,
        suspendedDays: 0,
        suspendedWorkingDays: null,
        daysLeft: null,
        workingDaysLeft: null,
        state: 'on-track',
        nearWithinDays: null,
        lateSuspensions: 0,
      },
    };
  }

  const working = term.unit === 'working-days';
  // `shift` is in the term's own currency: working days for working-day terms, else calendar days.
  const deadlineAfter = (shift: number): string =>
    term.unit === 'working-days'
      ? legalDeadline(start, { amount: term.amount + shift, unit: term.unit }, holidays)
      : onOrNextWorkingDay(
          addCalendarDays(calendarTermEnd(start, { amount: term.amount, unit: term.unit }), shift),
          holidays,
        );

  let shift = 0;
  let suspendedDays = 0;
  let lateSuspensions = 0;
  let open = false;
  for (const s of suspensions) {
    if (s.from > deadlineAfter(shift)) {
      lateSuspensions += 1;
      continue;
    }
    const to = s.to ?? today;
    open = s.to === null;
    suspendedDays += daysBetween(s.from, to);
    shift += working ? workingDaysIn(s.from, to, holidays) : daysBetween(s.from, to);
  }

  const originalDeadline = deadlineAfter(0);
  const deadline = deadlineAfter(shift);
  const daysLeft = daysBetween(today, deadline);
  const nearWithinDays = Math.min(
    NEAR_MAX_DAYS,
    Math.ceil(daysBetween(start, originalDeadline) * NEAR_SHARE),
  );
  const workingDaysLeft = !working
    ? null
    : daysLeft >= 0
      ? workingDaysIn(today, deadline, holidays)
      : -workingDaysIn(deadline, today, holidays);
  return {
    ok: true,
    clock: {
      status: open ? 'suspended' : 'running',
      deadline,
      originalDeadline,
      provisional: open,
      suspendedDays,
      suspendedWorkingDays: working ? shift : null,
      daysLeft,
      workingDaysLeft,
      state: daysLeft < 0 ? 'overdue' : daysLeft <= nearWithinDays ? 'near' : 'on-track',
      nearWithinDays,
      lateSuspensions,
    },
  };
}

/** Queue counters: how many clocks are on track, near the deadline and overdue. */
export function countByState(
  clocks: readonly Pick<LegalClock, 'state'>[],
): Record<LegalClockState, number> {
  const counts: Record<LegalClockState, number> = { 'on-track': 0, near: 0, overdue: 0 };
  for (const c of clocks) counts[c.state] += 1;
  return counts;
}
