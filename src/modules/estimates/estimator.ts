/**
 * The decision date estimate of one case (pure: no clock, no I/O; `today` is an argument).
 *
 * Why this shape: an applicant is better served by an honest range than by a single confident
 * day. The queue ahead of the case is worked off at the service's recent pace (decisions per
 * working day over the last 40 working days); the range comes from how that pace varies (its
 * 25th and 75th percentile days), and a case cannot be decided before the registries it waits
 * for have answered or before the applicant has answered a request for information.
 * The estimate is never moved to fit the legal deadline: when it passes the deadline it says so
 * (`deadline`), because hiding a late case would mislead both the applicant and the Department.
 */
import { addCalendarDays, daysBetween } from '../catalogue';
import { nthWorkingDay, workingDayTest, type Holidays } from './working-days';

/** How many past working days of decisions the pace is taken from. */
export const THROUGHPUT_WINDOW_DAYS = 40;

export interface EstimateInput {
  /** YYYY-MM-DD in Vilnius. */
  today: string;
  /** The case's legal deadline (cases.deadline_on), or null before the term starts. */
  legalDeadline: string | null;
  /** Open cases of the same service before this one in the line (suspended ones left out). */
  queueAhead: number;
  /** Decisions per working day on the service, the last THROUGHPUT_WINDOW_DAYS working days. */
  dailyThroughput: readonly number[];
  /** The latest expected answer date of registries still waiting; null when none waits. */
  pendingRegistryUntil: string | null;
  /** An open request for information: since when, and the day the answer is due. */
  suspended: { since: string; dueOn: string | null } | null;
  /** Non-working days: the pack's holiday rules or explicit YYYY-MM-DD dates. */
  holidays: Holidays;
}

export type WaitingFor = 'registries' | 'information';

/** How the estimate stands against the legal deadline. */
export type DeadlineStanding = 'within' | 'range-passes' | 'likely-passes' | 'no-deadline';

export interface DecisionDateEstimate {
  /** Earliest likely decision day. */
  from: string;
  /** Latest likely decision day. */
  to: string;
  /** The single most likely day (used to measure the estimate's error). */
  likely: string;
  legalDeadline: string | null;
  /** `range-passes`: the late end passes the deadline; `likely-passes`: even the likely day does. */
  deadline: DeadlineStanding;
  basis: {
    queueAhead: number;
    /** The typical pace (mean decisions per working day), one decimal. */
    perWorkingDay: number;
    /** The slow and fast pace the range is built from, one decimal. */
    paceRange: [number, number];
    waitingFor: WaitingFor[];
    suspended: boolean;
  };
}

/** Why no estimate can be given (a value, not an error: pages show it in plain words). */
export type NoEstimateReason = 'no-history' | 'no-decisions-lately' | 'invalid-input';

export type EstimateOutcome =
  { kind: 'estimate'; estimate: DecisionDateEstimate } | { kind: 'none'; reason: NoEstimateReason };

const ISO = /^\d{4}-\d{2}-\d{2}$/;
/** Answer time assumed for a request without a due date (the usual due date officers set). */
const DEFAULT_ANSWER_DAYS = 14;

/** The p-quantile of sorted numbers, linear between neighbours. */
export function quantile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const at = (sorted.length - 1) * p;
  const lo = Math.floor(at);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const later = (a: string, b: string) => (a >= b ? a : b);

function validInput(i: EstimateInput): boolean {
  const dates = [i.today, i.legalDeadline, i.pendingRegistryUntil, i.suspended?.since];
  const dueOk = !i.suspended?.dueOn || ISO.test(i.suspended.dueOn);
  return (
    dates.every((d) => d === null || d === undefined || ISO.test(d)) &&
    dueOk &&
    Number.isInteger(i.queueAhead) &&
    i.queueAhead >= 0 &&
    i.dailyThroughput.every((n) => Number.isFinite(n) && n >= 0)
  );
}

/** The estimate, or why there is none. */
export function estimateOutcome(input: EstimateInput): EstimateOutcome {
  if (!validInput(input)) return { kind: 'none', reason: 'invalid-input' };
  const pace = [...input.dailyThroughput].sort((a, b) => a - b);
  if (pace.length === 0) return { kind: 'none', reason: 'no-history' };
  const total = pace.reduce((s, n) => s + n, 0);
  if (total === 0) return { kind: 'none', reason: 'no-decisions-lately' };

  // The mean, not the median: a small service deciding on few days has a median of 0.
  const mean = total / pace.length;
  const fast = Math.max(quantile(pace, 0.75), mean);
  const q25 = quantile(pace, 0.25);
  const slow = q25 > 0 ? Math.min(q25, mean) : mean / 2;

  const works = workingDayTest(input.holidays);
  const work = input.queueAhead + 1; // the cases ahead, then this one
  const queueDay = (rate: number) => nthWorkingDay(input.today, Math.ceil(work / rate), works);

  // The day the case can first be decided on, for the early, likely and late ends.
  const waitingFor: WaitingFor[] = [];
  let ready: [string, string, string] = [input.today, input.today, input.today];
  if (input.pendingRegistryUntil && input.pendingRegistryUntil > input.today) {
    waitingFor.push('registries');
    const r = input.pendingRegistryUntil;
    ready = [later(ready[0], r), later(ready[1], r), later(ready[2], r)];
  }
  if (input.suspended) {
    waitingFor.push('information');
    const due =
      input.suspended.dueOn ?? addCalendarDays(input.suspended.since, DEFAULT_ANSWER_DAYS);
    const dueLater = later(due, input.today);
    // Applicants answer on average half way to the due date; never before today.
    const half = addCalendarDays(input.today, Math.ceil(daysBetween(input.today, dueLater) / 2));
    ready = [ready[0], later(ready[1], half), later(ready[2], dueLater)];
  }

  const day = (rate: number, readyOn: string) => {
    const q = queueDay(rate);
    const r = nthWorkingDay(readyOn, 1, works);
    return later(q, r);
  };
  const from = day(fast, ready[0]);
  const likely = day(mean, ready[1]);
  const to = day(slow, ready[2]);

  const deadline: DeadlineStanding =
    input.legalDeadline === null
      ? 'no-deadline'
      : likely > input.legalDeadline
        ? 'likely-passes'
        : to > input.legalDeadline
          ? 'range-passes'
          : 'within';

  return {
    kind: 'estimate',
    estimate: {
      from,
      to,
      likely,
      legalDeadline: input.legalDeadline,
      deadline,
      basis: {
        queueAhead: input.queueAhead,
        perWorkingDay: round1(mean),
        paceRange: [round1(slow), round1(fast)],
        waitingFor,
        suspended: input.suspended !== null,
      },
    },
  };
}

/** The contract's form: the estimate, or null when there is none (see estimateOutcome for why). */
export function estimateDecisionDate(input: EstimateInput): DecisionDateEstimate | null {
  const outcome = estimateOutcome(input);
  return outcome.kind === 'estimate' ? outcome.estimate : null;
}
