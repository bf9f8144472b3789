/**
 * Rolling-origin back-test: refit the forecast on the history up to each origin and compare its
 * mean with what came next. MAPE per horizon, as the issue asks to show; periods whose actual demand
 * is 0 are skipped (a percentage of nothing is undefined) and `count` says how many were scored.
 */
import { PERIODS_PER_YEAR } from './calendar';
import {
  BacktestOptionsSchema,
  parseInput,
  SeriesSchema,
  type BacktestOptions,
  type Series,
} from './forecast.contract';
import { forecast, MIN_FIT_PERIODS } from './forecast';

export interface BacktestRow {
  horizon: number;
  /** Mean absolute percentage error in per cent (12.5 = 12.5 %); NaN when count is 0. */
  mape: number;
  /** Forecasts scored at this horizon (origins that reach it, minus zero actuals). */
  count: number;
}

/** The training lengths to cut at: `origins` of them, evenly spread, the latest always included. */
export function originCuts(first: number, last: number, origins: number): number[] {
  if (last < first) return [];
  const available = last - first + 1;
  if (available <= origins) return Array.from({ length: available }, (_, i) => first + i);
  if (origins === 1) return [last];
  const cuts = new Set<number>();
  for (let k = 0; k < origins; k++) {
    cuts.add(Math.round(first + (k * (last - first)) / (origins - 1)));
  }
  return [...cuts];
}

/**
 * MAPE per requested horizon over rolling origins. The default minimum training length is two
 * seasons when the history allows it (so the seasonal model is what is tested), else half the
 * history (at least four periods).
 */
export function backtest(series: Series, opts: BacktestOptions): BacktestRow[] {
  const s = parseInput(SeriesSchema, series, 'series') as Series;
  const o = parseInput(BacktestOptionsSchema, opts, 'opts');
  const n = s.values.length;
  const shortest = Math.min(...o.horizons);
  const longest = Math.max(...o.horizons);
  const m = o.seasonLength ?? PERIODS_PER_YEAR[s.period];
  const minTrain =
    o.minTrain ?? (n - shortest >= 2 * m ? 2 * m : Math.max(MIN_FIT_PERIODS, Math.ceil(n / 2)));

  const sums = new Map<number, { ape: number; count: number }>();
  for (const h of o.horizons) sums.set(h, { ape: 0, count: 0 });

  for (const cut of originCuts(minTrain, n - shortest, o.origins)) {
    const horizon = Math.min(longest, n - cut);
    const { points } = forecast(
      { start: s.start, period: s.period, values: s.values.slice(0, cut) },
      { horizon, level: o.level, seasonLength: o.seasonLength },
    );
    for (const h of sums.keys()) {
      if (h > horizon) continue;
      const actual = s.values[cut + h - 1]!;
      if (actual === 0) continue;
      const row = sums.get(h)!;
      row.ape += Math.abs(actual - points[h - 1]!.mean) / actual;
      row.count++;
    }
  }
  return o.horizons.map((horizon) => {
    const { ape, count } = sums.get(horizon)!;
    return { horizon, mape: count > 0 ? (100 * ape) / count : Number.NaN, count };
  });
}
