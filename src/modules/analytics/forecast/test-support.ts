/**
 * Synthetic demand for the forecasting tests: a known level, yearly growth, a sine season and
 * log-normal noise from the platform's seeded random source, so tests know the truth they check.
 */
import { createRandom } from '../../../platform/random';
import { PERIODS_PER_YEAR, type Period } from './calendar';
import type { Series } from './forecast.contract';

export interface SyntheticSpec {
  seed: number;
  /** Periods of history plus any future kept back in `truth`. */
  length: number;
  period?: Period;
  start?: string;
  /** Demand per period at t = 0, before season and noise. */
  base?: number;
  /** Growth per year as a share (0.1 = +10 % a year). */
  growth?: number;
  /** Season amplitude as a share of the level (0.3 = ±30 %). */
  amplitude?: number;
  /** Standard deviation of the log-scale noise (0.1 ≈ ±10 %). */
  noise?: number;
  /** Periods [from, to) multiplied by `factor`: a surge year. */
  surge?: { from: number; to: number; factor: number };
}

/** The expected demand at period t (no noise), what a perfect forecast would say. */
export function expectedDemand(spec: SyntheticSpec, t: number): number {
  const m = PERIODS_PER_YEAR[spec.period ?? 'week'];
  const level = (spec.base ?? 1000) * (1 + (spec.growth ?? 0)) ** (t / m);
  const season = 1 + (spec.amplitude ?? 0) * Math.sin((2 * Math.PI * t) / m);
  const surge = spec.surge && t >= spec.surge.from && t < spec.surge.to ? spec.surge.factor : 1;
  return level * season * surge;
}

/** All `length` periods, noisy; split history from future with `slice`. */
export function syntheticValues(spec: SyntheticSpec): number[] {
  const random = createRandom(spec.seed);
  const out: number[] = [];
  for (let t = 0; t < spec.length; t++) {
    // Box–Muller: one standard normal per period.
    const u = 1 - random.next();
    const v = random.next();
    const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    out.push(expectedDemand(spec, t) * Math.exp((spec.noise ?? 0) * z));
  }
  return out;
}

export function syntheticSeries(spec: SyntheticSpec, history: number): Series {
  return {
    start: spec.start ?? '2021-01-04',
    period: spec.period ?? 'week',
    values: syntheticValues(spec).slice(0, history),
  };
}
