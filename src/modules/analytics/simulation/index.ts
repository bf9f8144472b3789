/**
 * The simulated Department (issue 11): a pure, deterministic generator of applications with their
 * planned timelines, in day batches. No database: a later step pushes the batches through the
 * modules' services. The same parameters, range, scale and seed give the same applications (ids
 * and values) on any machine; `startAfterDay` resumes an interrupted run exactly where it stopped.
 */
import { z } from 'zod';
import { buildCalendar, indexOf, type SimCalendar } from './calendar';
import { simulationErrors } from './errors';
import type { SimulationParams } from './params';
import { compileStream, simulateApplication, type SimApplication } from './timeline';
import { dailyCounts, expectedDaily, hashString } from './volumes';

export {
  CHANNELS,
  DEFAULT_HOLIDAYS_FILE,
  DEFAULT_SIMULATION_FILE,
  loadSimulationParams,
  type SimChannel,
  type SimStreamParams,
  type SimulationParams,
} from './params';
export { simulationErrors } from './errors';
export { timelineEvents, type SimEvent } from './events';
export type { SimApplication, SimOutcome, SimTimeline, SimVisit } from './timeline';

export interface SimulationOptions {
  /** First submission day, YYYY-MM-DD (inclusive). */
  from: string;
  /** Last submission day, YYYY-MM-DD (inclusive). */
  to: string;
  /** Total applications wanted over the range; the mix is kept. Default: the natural volumes. */
  applications?: number;
  seed: number;
  /** Resume: skip the days up to and including this one (the last day fully stored). */
  startAfterDay?: string;
  /**
   * Only these streams (ids in simulation.yaml), e.g. to leave out citizens' passports and ID
   * cards, which are three quarters of the Department's natural volume. Default: all.
   */
  streams?: readonly string[];
}

export interface SimDayBatch {
  day: string;
  /** Ordered by submission time, then id. */
  applications: SimApplication[];
}

export interface SimulationTotals {
  /** Applications the run yields over the whole range (exact, not an estimate). */
  applications: number;
  /** Of those, the ones after `startAfterDay` (all when not resuming). */
  remaining: number;
  days: number;
  byStream: Record<string, number>;
}

const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD')
  .refine(
    (d) =>
      !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) &&
      new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
    'not a date',
  );
const Options = z
  .object({
    from: Day,
    to: Day,
    applications: z.number().int().positive().optional(),
    seed: z.number().int().min(0).max(0xffffffff),
    startAfterDay: Day.optional(),
    streams: z.array(z.string()).min(1).optional(),
  })
  .refine((o) => o.from <= o.to, { message: 'from must not be after to', path: ['to'] })
  // The calendar window is built in memory: keep it to a sane size.
  .refine((o) => Number(o.to.slice(0, 4)) - Number(o.from.slice(0, 4)) <= 20, {
    message: 'at most 20 years',
    path: ['to'],
  });

interface Plan {
  /** The parameters with only the selected streams. */
  params: SimulationParams;
  cal: SimCalendar;
  first: number;
  last: number;
  /** Per stream, the applications of each day index. */
  counts: Int32Array[];
}

/** Everything that is cheap and per-day: calendar, scale and counts (no application is built). */
function plan(allParams: SimulationParams, options: SimulationOptions): Plan {
  const r = Options.safeParse(options);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw simulationErrors.optionsInvalid(
      issue.path.map(String).join('.') || 'options',
      issue.message,
    );
  }
  const o = r.data;
  const known = new Set(allParams.streams.map((s) => s.id));
  const unknown = o.streams?.find((id) => !known.has(id));
  if (unknown) throw simulationErrors.optionsInvalid('streams', `unknown stream ${unknown}`);
  const params = o.streams
    ? { ...allParams, streams: allParams.streams.filter((s) => o.streams!.includes(s.id)) }
    : allParams;
  const cal = buildCalendar(o.from, o.to, params.holidays);
  const first = indexOf(cal, o.from);
  const last = indexOf(cal, o.to);
  const expected = expectedDaily(params, cal, last);
  let natural = 0;
  for (const perDay of expected) for (let i = first; i <= last; i++) natural += perDay[i]!;
  if (o.applications !== undefined && natural <= 0)
    throw simulationErrors.optionsInvalid('applications', 'no stream has volume in this range');
  const scale = o.applications === undefined ? 1 : o.applications / natural;
  const keys = params.streams.map((s) => hashString(s.id));
  return {
    params,
    cal,
    first,
    last,
    counts: dailyCounts(expected, cal, first, last, scale, o.seed, keys),
  };
}

/** Applications before day index `until` (exclusive): where a resumed run's ids start. */
function countBefore(p: Plan, until: number): number {
  let n = 0;
  for (const perDay of p.counts)
    for (let i = p.first; i < until && i <= p.last; i++) n += perDay[i]!;
  return n;
}

/** What a run will yield (for the progress bar): exact, computed without building applications. */
export function expectedTotals(
  params: SimulationParams,
  options: SimulationOptions,
): SimulationTotals {
  const p = plan(params, options);
  const byStream: Record<string, number> = {};
  let applications = 0;
  p.params.streams.forEach((s, k) => {
    let n = 0;
    for (let i = p.first; i <= p.last; i++) n += p.counts[k]![i]!;
    byStream[s.id] = n;
    applications += n;
  });
  const resumeAt = options.startAfterDay ? indexOf(p.cal, options.startAfterDay) + 1 : p.first;
  return {
    applications,
    remaining: applications - countBefore(p, Math.max(resumeAt, p.first)),
    days: p.last - p.first + 1,
    byStream,
  };
}

/**
 * The day batches from `from` to `to` (after `startAfterDay` when resuming). Ids are
 * `sim-<seed>-<index>` with the index counted over the whole range in (day, stream) order, so a
 * resumed run continues the numbering. Validates the options at once (not on the first `next()`).
 */
export function createSimulation(
  params: SimulationParams,
  options: SimulationOptions,
): IterableIterator<SimDayBatch> {
  const p = plan(params, options);
  const streams = p.params.streams.map((s) => compileStream(p.params, s));
  const resumeAt = Math.max(
    p.first,
    options.startAfterDay ? indexOf(p.cal, options.startAfterDay) + 1 : p.first,
  );
  let index = countBefore(p, resumeAt);
  const seed = options.seed;
  function* days(): Generator<SimDayBatch, void, undefined> {
    for (let day = resumeAt; day <= p.last; day++) {
      const applications: SimApplication[] = [];
      streams.forEach((stream, k) => {
        for (let n = p.counts[k]![day]!; n > 0; n--)
          applications.push(simulateApplication(p.params, p.cal, stream, day, index++, seed));
      });
      applications.sort((a, b) =>
        a.submittedAt < b.submittedAt ? -1 : a.submittedAt > b.submittedAt ? 1 : a.index - b.index,
      );
      yield { day: p.cal.iso[day]!, applications };
    }
  }
  return days();
}
