/**
 * How wrong the estimate is, measured on a simulated year of the Department (seeded, pure).
 *
 * The simulation is deliberately not the estimator's own model: arrivals follow a season and a
 * surge, officers' daily capacity is noisy and drops in the summer holidays, a quarter of the
 * cases wait for a State Security Department opinion that sometimes comes late, and some cases
 * are suspended by a request for information answered after a random time. At each case's
 * arrival and every Monday while it is open, the estimate is computed with the same pure
 * function from what the Department would know that day; when the case is decided the estimate
 * is compared with the actual day.
 */
import { addCalendarDays, daysBetween } from '../catalogue';
import { estimateOutcome, THROUGHPUT_WINDOW_DAYS } from './estimator';
import { nthWorkingDay, workingDayTest, type Holidays } from './working-days';
import { createRandom } from '../../platform/random';

export interface MeasureEstimateErrorOptions {
  seed: number;
  /** Calendar days in which estimates are measured (a year by default). */
  days?: number;
  /** First day measured; a warm-up of 90 days runs before it. */
  start?: string;
  /** Mean arrivals per working day outside season and surge. */
  arrivalsPerDay?: number;
  holidays?: Holidays;
}

export interface EstimateErrorMeasure {
  /** Median absolute error of the likely day, in calendar days. */
  medianAbsErrorDays: number;
  /** Mean absolute error, calendar days (the median hides a heavy tail; both are reported). */
  meanAbsErrorDays: number;
  /** Estimates compared with an actual decision. */
  cases: number;
  estimates: number;
  /** Share of estimates whose range held the actual decision day. */
  withinRangeShare: number;
  /** Median absolute error of the estimate made on the day each case arrived (the hardest one). */
  medianAbsErrorAtArrivalDays: number;
  /** Mean calendar days from arrival to decision of the cases measured (the error's yardstick). */
  meanWaitDays: number;
}

/** Lithuania's public holidays, as content/lt/reference/holidays.yaml lists them. */
const LT_HOLIDAYS = {
  fixed: ['01-01', '02-16', '03-11', '05-01', '06-24', '07-06', '08-15', '11-01', '11-02'],
  easterOffsets: [0, 1],
};
const LT_CHRISTMAS = ['12-24', '12-25', '12-26'];
const WARM_UP_DAYS = 90;
const TAIL_DAYS = 240;
const TERM_DAYS = 90;
const BACKLOG_DAYS = 12;
/** Officers' capacity against the year's mean arrivals: barely enough, as in the Department. */
const CAPACITY = 1.03;

/** A seeded uniform source in [0, 1): the same seed gives the same run on every machine. */
function random(seed: number): () => number {
  const r = createRandom(seed);
  return () => r.next();
}

function poisson(rand: () => number, mean: number): number {
  // Normal approximation above 30 keeps a year of days fast; Knuth's method below.
  if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal(rand)));
  const l = Math.exp(-mean);
  let k = 0;
  for (let p = rand(); p > l; p *= rand()) k += 1;
  return k;
}

function normal(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(rand() || 1e-12)) * Math.cos(2 * Math.PI * rand());
}

interface SimCase {
  arrived: string;
  registryExpected: string | null;
  registryActual: string | null;
  requested: boolean;
  suspendedSince: string | null;
  dueOn: string | null;
  answerOn: string | null;
  decided: string | null;
  samples: Array<{ likely: string; from: string; to: string }>;
}

/** Counts open, not suspended cases before an index (a Fenwick tree: the queue is long). */
function counter(size: number) {
  const tree = new Int32Array(size + 1);
  return {
    add(i: number, v: number) {
      for (let x = i + 1; x <= size; x += x & -x) tree[x] = tree[x]! + v;
    },
    before(i: number) {
      let s = 0;
      for (let x = i; x > 0; x -= x & -x) s += tree[x]!;
      return s;
    },
  };
}

export function measureEstimateError(opts: MeasureEstimateErrorOptions): EstimateErrorMeasure {
  const rand = random(opts.seed);
  const measureFrom = opts.start ?? '2026-01-05';
  const days = opts.days ?? 365;
  const base = opts.arrivalsPerDay ?? 60;
  const holidays = opts.holidays ?? {
    ...LT_HOLIDAYS,
    fixed: [...LT_HOLIDAYS.fixed, ...LT_CHRISTMAS],
  };
  const works = workingDayTest(holidays);
  const first = addCalendarDays(measureFrom, -WARM_UP_DAYS);
  const measureTo = addCalendarDays(measureFrom, days);
  const last = addCalendarDays(measureTo, TAIL_DAYS);
  const surgeFrom = addCalendarDays(measureFrom, Math.floor(days * 0.55));
  const surgeTo = addCalendarDays(surgeFrom, 28);

  const cases: SimCase[] = [];
  const maxCases = Math.ceil(base * 3 * (WARM_UP_DAYS + days + TAIL_DAYS + BACKLOG_DAYS)) + 100;
  const active = counter(maxCases);
  let open: number[] = [];
  const history: number[] = []; // decisions per working day, oldest first

  const estimate = (i: number, today: string) => {
    const c = cases[i]!;
    const suspended = c.suspendedSince ? { since: c.suspendedSince, dueOn: c.dueOn } : null;
    const out = estimateOutcome({
      today,
      legalDeadline: addCalendarDays(c.arrived, TERM_DAYS),
      queueAhead: active.before(i),
      dailyThroughput: history.slice(-THROUGHPUT_WINDOW_DAYS),
      pendingRegistryUntil:
        c.registryActual && c.registryActual > today ? c.registryExpected : null,
      suspended,
      holidays,
    });
    if (out.kind === 'estimate' && today >= measureFrom && today < measureTo) {
      const { from, to, likely } = out.estimate;
      c.samples.push({ from, to, likely });
    }
  };

  const arrive = (today: string) => {
    const vsd = rand() < 0.25;
    const expected = vsd ? nthWorkingDay(today, 3 + Math.floor(rand() * 9), works) : null;
    // One opinion in ten comes one to ten days late.
    const actual =
      expected && rand() < 0.1 ? addCalendarDays(expected, 1 + Math.floor(rand() * 10)) : expected;
    const i = cases.length;
    cases.push({
      arrived: today,
      registryExpected: expected,
      registryActual: actual,
      requested: false,
      suspendedSince: null,
      dueOn: null,
      answerOn: null,
      decided: null,
      samples: [],
    });
    open.push(i);
    active.add(i, 1);
    return i;
  };
  // The Department never starts from an empty line: a backlog of about two weeks' arrivals.
  for (let k = 0; k < base * BACKLOG_DAYS; k += 1) arrive(first);

  for (let today = first; today < last; today = addCalendarDays(today, 1)) {
    if (!works(today)) continue;
    const doy = daysBetween(`${today.slice(0, 4)}-01-01`, today);
    const summer = today.slice(5, 7) === '07' || today.slice(5, 7) === '08';

    // Answers to requests for information arriving today put the case back in line.
    for (const i of open) {
      const c = cases[i]!;
      if (c.suspendedSince && c.answerOn && c.answerOn <= today) {
        c.suspendedSince = null;
        active.add(i, 1);
      }
    }

    // Arrivals: a season peaking in early summer, and a four-week surge after mid-year.
    if (today < measureTo) {
      const season = 1 + 0.25 * Math.sin((2 * Math.PI * (doy - 60)) / 365);
      const surge = today >= surgeFrom && today < surgeTo ? 1.6 : 1;
      const n = poisson(rand, base * season * surge);
      for (let k = 0; k < n; k += 1) estimate(arrive(today), today);
    }

    // Every Monday the estimate of each open case is refreshed (the page says "updated daily").
    if (new Date(`${today}T00:00:00Z`).getUTCDay() === 1) {
      for (const i of open) if (cases[i]!.arrived < today) estimate(i, today);
    }

    // Officers work the line in order, skipping cases that cannot be decided yet.
    const staffing = summer ? 0.85 : 1;
    let capacity = Math.max(0, Math.round(base * CAPACITY * staffing * (1 + 0.15 * normal(rand))));
    let decided = 0;
    const still: number[] = [];
    for (const i of open) {
      const c = cases[i]!;
      const blocked =
        c.suspendedSince !== null || (c.registryActual !== null && c.registryActual > today);
      if (capacity <= 0 || blocked) {
        still.push(i);
        continue;
      }
      capacity -= 1;
      if (!c.requested && rand() < 0.12) {
        c.requested = true;
        c.suspendedSince = today;
        c.dueOn = addCalendarDays(today, 14);
        c.answerOn = addCalendarDays(today, 1 + Math.floor(rand() * 16));
        active.add(i, -1);
        still.push(i);
        continue;
      }
      c.decided = today;
      decided += 1;
      active.add(i, -1);
    }
    open = still;
    history.push(decided);
  }

  const errors: number[] = [];
  const atArrival: number[] = [];
  let inside = 0;
  let measured = 0;
  let waited = 0;
  for (const c of cases) {
    if (!c.decided || c.samples.length === 0) continue;
    measured += 1;
    waited += daysBetween(c.arrived, c.decided);
    const firstSample = c.samples[0]!;
    if (c.arrived >= measureFrom)
      atArrival.push(Math.abs(daysBetween(firstSample.likely, c.decided)));
    for (const s of c.samples) {
      errors.push(Math.abs(daysBetween(s.likely, c.decided)));
      if (s.from <= c.decided && c.decided <= s.to) inside += 1;
    }
  }
  const median = (xs: number[]) => {
    xs.sort((a, b) => a - b);
    return xs.length === 0 ? 0 : xs[Math.floor(xs.length / 2)]!;
  };
  const mean = errors.length === 0 ? 0 : errors.reduce((s, e) => s + e, 0) / errors.length;
  return {
    medianAbsErrorDays: median(errors),
    meanAbsErrorDays: Math.round(mean * 10) / 10,
    cases: measured,
    estimates: errors.length,
    withinRangeShare: errors.length === 0 ? 0 : Math.round((inside / errors.length) * 1000) / 1000,
    medianAbsErrorAtArrivalDays: median(atArrival),
    meanWaitDays: measured === 0 ? 0 : Math.round((waited / measured) * 10) / 10,
  };
}
