/**
 * Demand forecast for one series (per service, per branch …): damped-trend Holt–Winters on the
 * log1p scale, smoothing parameters fitted by minimising the one-step-ahead (Huber-robustified)
 * squared error, prediction intervals from the model's own h-step-ahead in-sample errors.
 *
 * Why these choices:
 *  - log1p: seasons act as multiplicative shares of demand (summer is +30 %, not +300 cases whatever
 *    the level), noise grows with the level, zeros are allowed, and expm1 of anything is > −1, so
 *    after a clamp at 0 neither the forecast nor its interval can be negative.
 *  - surges (2022): always damped (φ ≤ 0.98 per quarter), trend gain at most 0.3·α, the trend
 *    capped at ±50 % a year, seasons and starting slope read with medians, and two passes: a plain
 *    fit measures the typical one-step error, a second fit clips errors beyond 2.5 robust standard
 *    deviations when they update the states. A surge then reads as a shift in level that the
 *    forecast follows, not as a trend that it extrapolates, and once over it leaves no slope behind.
 *  - no season until two full seasons are seen (one season cannot tell a season from noise); with
 *    fewer than four periods there is nothing to fit and a naive forecast with a stated wide prior
 *    spread is returned.
 */
import { addPeriods, PERIODS_PER_YEAR } from './calendar';
import {
  ForecastOptionsSchema,
  parseInput,
  SeriesSchema,
  type ForecastOptions,
  type Series,
} from './forecast.contract';
import { forecastErrors } from './errors';
import { logIntervals, normalQuantile } from './intervals';
import { minimiseInBox, type Bounds } from './optimise';
import {
  forecastPath,
  filterLoss,
  initialState,
  runFilter,
  stepErrors,
  type InitialState,
  type SmoothingParams,
} from './smoothing';

export interface ForecastPoint {
  /** ISO date of the first day of the forecast period. */
  period: string;
  /** Expected demand (log-normal bias-corrected back-transform of the log-scale forecast). */
  mean: number;
  /** Prediction interval at the requested level; 0 ≤ lower ≤ mean ≤ upper. */
  lower: number;
  upper: number;
}

export type ModelKind = 'hw-damped-log1p' | 'holt-damped-log1p' | 'naive-log1p';

export interface ForecastResult {
  points: ForecastPoint[];
  model: { kind: ModelKind; params: Record<string, number> };
}

/** Below this many periods nothing is fitted. */
export const MIN_FIT_PERIODS = 4;
/** Log-scale spread assumed when the history is too short to measure one (≈ ×1.65 per σ). */
export const PRIOR_LOG_SIGMA = 0.5;
/**
 * The steepest trend the model may carry, on the log scale per year: ±50 % a year. Sustained
 * growth above that (2022) is followed as successive shifts in level, never extrapolated.
 */
export const MAX_ANNUAL_TREND = Math.log(1.5);
/** The most that the in-sample error spread is widened for the quantities fitted on it. */
export const MAX_INFLATION = 3;
/** Errors beyond this many robust standard deviations are clipped when they update the states. */
export const HUBER_K = 2.5;

// Searched as α, β/α, γ/(1−α), φ so that every point of the box keeps β ≤ α and γ ≤ 1 − α.
// φ is searched as its value per quarter, the usual [0.8, 0.98], and taken to the power 4/(periods
// per year): φ = 0.98 a week would forget 65 % of the trend within a year and leave a growing
// weekly series' level lagging; the same damping per quarter forgets 8 %.
const BOUNDS: Bounds[] = [
  { lower: 0.01, upper: 0.95 },
  { lower: 0.001, upper: 0.3 },
  { lower: 0.001, upper: 0.5 },
  { lower: 0.8, upper: 0.98 },
];
const GRID = [
  [0.1, 0.3, 0.6],
  [0.02, 0.15],
  [0.05, 0.25],
  [0.9, 0.97],
];
const NON_SEASONAL_GRID = [GRID[0]!, GRID[1]!, [0.05], GRID[3]!];

const toParams = (x: number[], perYear: number, seasonal: boolean): SmoothingParams => ({
  alpha: x[0]!,
  beta: x[1]! * x[0]!,
  gamma: seasonal ? x[2]! * (1 - x[0]!) : 0,
  phi: x[3]! ** (4 / perYear),
  trendCap: MAX_ANNUAL_TREND / perYear,
});

function fit(
  y: Float64Array,
  init: InitialState,
  seasonal: boolean,
  clip: number,
  perYear: number,
) {
  const best = minimiseInBox(
    (x) => filterLoss(y, toParams(x, perYear, seasonal), init, clip),
    BOUNDS,
    seasonal ? GRID : NON_SEASONAL_GRID,
  );
  return toParams(best.x, perYear, seasonal);
}

function robustScale(errors: ArrayLike<number>, from: number): number {
  const abs: number[] = [];
  for (let t = from; t < errors.length; t++) abs.push(Math.abs(errors[t]!));
  if (abs.length === 0) return 0;
  abs.sort((a, b) => a - b);
  const mid = abs.length >> 1;
  const med = abs.length % 2 ? abs[mid]! : (abs[mid - 1]! + abs[mid]!) / 2;
  return 1.4826 * med;
}

const toDemand = (logValue: number) => Math.max(0, Math.expm1(logValue));

/** Build the points from log-scale forecasts and offsets; keeps 0 ≤ lower ≤ mean ≤ upper. */
function points(
  series: Series,
  n: number,
  path: number[],
  intervals: { lower: number; upper: number; sigma: number }[],
): ForecastPoint[] {
  return path.map((centre, i) => {
    const { lower: lo, upper: up, sigma } = intervals[i]!;
    const lower = toDemand(centre + lo);
    const upper = toDemand(centre + up);
    const mean = Math.min(upper, Math.max(lower, toDemand(centre + (sigma * sigma) / 2)));
    return { period: addPeriods(series.start, series.period, n + i), mean, lower, upper };
  });
}

function naive(series: Series, y: Float64Array, horizon: number, level: number): ForecastResult {
  const recent = Array.from(y.slice(-3)).sort((a, b) => a - b);
  const centre = recent[recent.length >> 1]!;
  const z = normalQuantile(1 - (1 - level) / 2);
  const intervals = Array.from({ length: horizon }, (_, i) => {
    const sigma = PRIOR_LOG_SIGMA * Math.sqrt(i + 1);
    return { lower: -z * sigma, upper: z * sigma, sigma };
  });
  return {
    points: points(series, y.length, new Array<number>(horizon).fill(centre), intervals),
    model: { kind: 'naive-log1p', params: { sigma: PRIOR_LOG_SIGMA, n: y.length } },
  };
}

/**
 * Forecast `opts.horizon` periods after the series. Deterministic: the same input gives the same
 * output. Throws FORECAST_INVALID_INPUT on a malformed series or options, FORECAST_EMPTY_SERIES
 * when there are no values.
 */
export function forecast(series: Series, opts: ForecastOptions): ForecastResult {
  const s = parseInput(SeriesSchema, series, 'series') as Series;
  const o = parseInput(ForecastOptionsSchema, opts, 'opts');
  const n = s.values.length;
  if (n === 0) throw forecastErrors.emptySeries();
  const y = Float64Array.from(s.values, (v) => Math.log1p(v));
  if (n < MIN_FIT_PERIODS) return naive(s, y, o.horizon, o.level);

  const requested = o.seasonLength ?? PERIODS_PER_YEAR[s.period];
  const seasonal = requested > 1 && n >= 2 * requested;
  const m = seasonal ? requested : 1;
  const init = initialState(y, m);

  // Pass 1 measures the typical one-step error; pass 2 refits with outliers clipped.
  const warmUp = seasonal ? m : 1;
  const perYear = PERIODS_PER_YEAR[s.period];
  const plain = fit(y, init, seasonal, Number.POSITIVE_INFINITY, perYear);
  const scale = robustScale(runFilter(y, plain, init).errors, warmUp);
  const clip = scale > 0 ? HUBER_K * scale : Number.POSITIVE_INFINITY;
  const params = clip < Number.POSITIVE_INFINITY ? fit(y, init, seasonal, clip, perYear) : plain;
  const run = runFilter(y, params, init, clip);

  let squares = 0;
  for (let t = warmUp; t < n; t++) squares += run.errors[t]! ** 2;
  const sigma1 = Math.sqrt(squares / Math.max(1, n - warmUp));
  // Origins inside the seasons the initial states were read from would flatter the errors.
  const firstOrigin = Math.min(seasonal ? 2 * m : 3, n - 1);
  const errors = stepErrors(y, run, params.phi, o.horizon, firstOrigin);
  // Quantities fitted on the same data: α, β, φ (and γ), level, trend, and m − 1 season indices.
  const fitted = 5 + (seasonal ? m : 0);
  const used = n - warmUp;
  const inflation = Math.min(MAX_INFLATION, Math.sqrt(used / Math.max(1, used - fitted)));
  const intervals = logIntervals(errors, o.level, params, m, sigma1, inflation);
  const path = forecastPath(run, n, params.phi, o.horizon);

  return {
    points: points(s, n, path, intervals),
    model: {
      kind: seasonal ? 'hw-damped-log1p' : 'holt-damped-log1p',
      params: {
        ...params,
        seasonLength: m,
        sigma: sigma1,
        intervalInflation: inflation,
        // 0 when nothing was clipped (a series with no one-step error at all).
        huberClip: Number.isFinite(clip) ? clip : 0,
        finalLevel: run.final.level,
        finalTrend: run.final.trend,
        n,
      },
    },
  };
}
