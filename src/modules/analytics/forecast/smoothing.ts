/**
 * Damped-trend Holt–Winters in error-correction form, ETS(A,Ad,A) — or ETS(A,Ad,N) with season
 * length 1 — run on the log1p scale by the caller, so additive seasons there are multiplicative in
 * demand and a back-transformed forecast can never be negative.
 *
 * Robustness (surges like 2022): the one-step error that updates the states may be clipped at
 * `clip` (a Huber-type filter, after Gelper, Fried & Croux 2010). A single wild week then moves
 * level, trend and season by at most α·clip, β·clip and γ·clip, while a shift that lasts is still
 * followed within a few periods. Damping (φ < 1) stops whatever trend is left from running away.
 */

export interface SmoothingParams {
  alpha: number;
  /** Trend gain in error-correction form (β ≤ α). */
  beta: number;
  /** Seasonal gain (γ ≤ 1 − α); ignored when the season length is 1. */
  gamma: number;
  /** Trend damping, 0 < φ < 1. */
  phi: number;
  /**
   * The largest trend, per period, the states may hold (log scale). Not fitted: a guard, so that
   * the first weeks of a surge read as a shift in level, not as growth to extrapolate.
   */
  trendCap: number;
}

export interface InitialState {
  level: number;
  trend: number;
  /** One index per position in the season, position of period 0 first; `[0]` when non-seasonal. */
  season: number[];
}

/** Everything the filter saw: the states before each observation and the one-step errors. */
export interface FilterRun {
  /** `level[t]`, `trend[t]`: the states before y[t] was seen (the forecast origin t). */
  level: Float64Array;
  trend: Float64Array;
  /** The seasonal index used for period t, before y[t] updated it. */
  seasonUsed: Float64Array;
  /** y[t] minus its one-step forecast. */
  errors: Float64Array;
  /** The states after the last observation: the origin of the out-of-sample forecast. */
  final: InitialState;
  /** Sum over t of the Huber loss of the one-step errors (squared error when clip is infinite). */
  loss: number;
}

const median = (xs: number[]): number => {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/** Mean after dropping the lowest and highest value (when there are at least four). */
function trimmedMean(xs: number[]): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const kept = s.length >= 4 ? s.slice(1, -1) : s;
  return kept.reduce((a, b) => a + b, 0) / kept.length;
}

/** Seasons this long or longer (weeks) get their profile smoothed over neighbouring periods. */
export const SMOOTH_PROFILE_FROM = 24;

/**
 * The seasonal profile by classical decomposition over the whole history: each value minus the
 * centred moving average of one season around it (2×m when m is even), then per position a trimmed
 * mean, so that one odd year (a surge's edges, where the average sits half-way) is dropped once
 * there are four or more. Every season is used, not the first two: each index is read from one value
 * a year, and with γ small the filter would otherwise carry the noise of those few values for ever.
 * For weekly seasons the profile is then smoothed with weights ¼ ½ ¼ over neighbouring weeks: it
 * halves the noise of each index (two to five values a year at most) at the cost of spreading a
 * one-week dip, such as Christmas, over three weeks at half its depth. (A running median instead of
 * the average was tried: it followed surges better but was biased on clean series and worse
 * overall on the synthetic tests.)
 */
function seasonalProfile(y: ArrayLike<number>, m: number): number[] {
  const n = y.length;
  const half = Math.floor(m / 2);
  const deviations: number[][] = Array.from({ length: m }, () => []);
  const cumulative = new Float64Array(n + 1);
  for (let t = 0; t < n; t++) cumulative[t + 1] = cumulative[t]! + y[t]!;
  for (let t = half; t + half < n; t++) {
    let average: number;
    if (m % 2 === 1) {
      average = (cumulative[t + half + 1]! - cumulative[t - half]!) / m;
    } else {
      // The m + 1 values around t, the two ends (same position of the season) at half weight.
      const inner = cumulative[t + half]! - cumulative[t - half + 1]!;
      average = (inner + (y[t - half]! + y[t + half]!) / 2) / m;
    }
    deviations[t % m]!.push(y[t]! - average);
  }
  let profile = deviations.map(trimmedMean);
  if (m >= SMOOTH_PROFILE_FROM) {
    const raw = profile;
    profile = raw.map((p, i) => (raw[(i + m - 1) % m]! + 2 * p + raw[(i + 1) % m]!) / 4);
  }
  const shift = profile.reduce((a, b) => a + b, 0) / m;
  return profile.map((s) => s - shift);
}

/**
 * Initial states. Level and trend from the first seasons, by medians so that one odd week (or a
 * surge inside the first seasons) does not set the slope: the trend is the median of the
 * season-on-season changes. The season from the whole history (see `seasonalProfile`).
 */
export function initialState(y: ArrayLike<number>, seasonLength: number): InitialState {
  const n = y.length;
  const m = seasonLength;
  if (m <= 1 || n < 2 * m) {
    const k = Math.min(n, 10);
    const diffs: number[] = [];
    for (let t = 1; t < k; t++) diffs.push(y[t]! - y[t - 1]!);
    const trend = median(diffs);
    // Level at the origin "t = −1", so that the first forecast is y[0] when the trend is right.
    const start: number[] = [];
    for (let t = 0; t < Math.min(n, 3); t++) start.push(y[t]! - trend * (t + 1));
    return { level: median(start), trend, season: [0] };
  }
  const seasons = Math.min(Math.floor(n / m), 3);
  const slopes: number[] = [];
  for (let t = 0; t + m < seasons * m; t++) slopes.push((y[t + m]! - y[t]!) / m);
  const trend = median(slopes);
  const season = seasonalProfile(y, m);
  const starts: number[] = [];
  for (let t = 0; t < seasons * m; t++) starts.push(y[t]! - season[t % m]! - trend * (t + 1));
  return { level: median(starts), trend, season };
}

/** Run the filter over y. `clip` bounds the error that updates the states (Infinity: plain HW). */
export function runFilter(
  y: ArrayLike<number>,
  params: SmoothingParams,
  init: InitialState,
  clip = Number.POSITIVE_INFINITY,
): FilterRun {
  const n = y.length;
  const m = init.season.length;
  const { alpha, beta, gamma, phi, trendCap } = params;
  const season = [...init.season];
  const level = new Float64Array(n);
  const trend = new Float64Array(n);
  const seasonUsed = new Float64Array(n);
  const errors = new Float64Array(n);
  let l = init.level;
  let b = Math.max(-trendCap, Math.min(trendCap, init.trend));
  let loss = 0;
  for (let t = 0; t < n; t++) {
    const j = t % m;
    const s = season[j]!;
    level[t] = l;
    trend[t] = b;
    seasonUsed[t] = s;
    const e = y[t]! - (l + phi * b + s);
    errors[t] = e;
    const abs = Math.abs(e);
    loss += abs <= clip ? e * e : 2 * clip * abs - clip * clip;
    const u = abs <= clip ? e : Math.sign(e) * clip;
    l = l + phi * b + alpha * u;
    b = Math.max(-trendCap, Math.min(trendCap, phi * b + beta * u));
    if (m > 1) season[j] = s + gamma * u;
  }
  return { level, trend, seasonUsed, errors, final: { level: l, trend: b, season }, loss };
}

/**
 * The loss alone, without keeping the states: what the optimiser calls a few hundred times, so it
 * allocates nothing but the season copy.
 */
export function filterLoss(
  y: ArrayLike<number>,
  params: SmoothingParams,
  init: InitialState,
  clip = Number.POSITIVE_INFINITY,
): number {
  const n = y.length;
  const m = init.season.length;
  const { alpha, beta, gamma, phi, trendCap } = params;
  const season = Float64Array.from(init.season);
  let l = init.level;
  let b = Math.max(-trendCap, Math.min(trendCap, init.trend));
  let loss = 0;
  let j = 0;
  for (let t = 0; t < n; t++) {
    const s = season[j]!;
    const e = y[t]! - (l + phi * b + s);
    const abs = e < 0 ? -e : e;
    let u = e;
    if (abs <= clip) loss += e * e;
    else {
      loss += 2 * clip * abs - clip * clip;
      u = e < 0 ? -clip : clip;
    }
    l = l + phi * b + alpha * u;
    b = phi * b + beta * u;
    if (b > trendCap) b = trendCap;
    else if (b < -trendCap) b = -trendCap;
    if (m > 1) season[j] = s + gamma * u;
    if (++j === m) j = 0;
  }
  return loss;
}

/** φ + φ² + … + φ^h: how much of the current trend is still added h periods ahead. */
export function dampedSum(phi: number, h: number): number {
  return phi === 1 ? h : (phi * (1 - phi ** h)) / (1 - phi);
}

/** Point forecasts (log scale) h = 1…horizon periods after the last observation of `run`. */
export function forecastPath(run: FilterRun, n: number, phi: number, horizon: number): number[] {
  const { level, trend, season } = run.final;
  const m = season.length;
  const out: number[] = [];
  for (let h = 1; h <= horizon; h++) {
    out.push(level + dampedSum(phi, h) * trend + season[(n + h - 1) % m]!);
  }
  return out;
}

/**
 * In-sample h-step-ahead errors, h = 1…horizon, from every origin t ≥ `firstOrigin` whose target
 * y[t+h−1] is observed. The states at origin t are those the filter held before y[t]; the season
 * index for the target is the one the filter had at origin t, i.e. the value it used at the first
 * period ≥ t in the same position of the season.
 */
export function stepErrors(
  y: ArrayLike<number>,
  run: FilterRun,
  phi: number,
  horizon: number,
  firstOrigin: number,
): number[][] {
  const n = y.length;
  const m = run.final.season.length;
  const byHorizon: number[][] = [];
  for (let h = 1; h <= horizon; h++) {
    const damp = dampedSum(phi, h);
    const errs: number[] = [];
    for (let t = firstOrigin; t + h - 1 < n; t++) {
      const s = m > 1 ? run.seasonUsed[t + ((h - 1) % m)]! : 0;
      errs.push(y[t + h - 1]! - (run.level[t]! + damp * run.trend[t]! + s));
    }
    byHorizon.push(errs);
  }
  return byHorizon;
}
