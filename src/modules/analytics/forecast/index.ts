/**
 * Demand forecasting for module `analytics` (pure: no database, no clock, no randomness).
 * `forecast` one series of weeks, months or quarters with trend, seasonality and prediction
 * intervals; `backtest` it by rolling origin (MAPE per horizon); aggregate daily counts first.
 */
export {
  forecast,
  HUBER_K,
  MAX_ANNUAL_TREND,
  MIN_FIT_PERIODS,
  PRIOR_LOG_SIGMA,
  type ForecastPoint,
  type ForecastResult,
  type ModelKind,
} from './forecast';
export { backtest, type BacktestRow } from './backtest';
export {
  aggregateDaily,
  toMonths,
  toQuarters,
  toWeeks,
  type AggregateOptions,
  type DailyCount,
} from './aggregate';
export {
  addPeriods,
  isoWeek,
  periodLabel,
  periodStart,
  PERIODS_PER_YEAR,
  type Period,
} from './calendar';
export type { BacktestOptions, ForecastOptions, Series } from './forecast.contract';
export { forecastErrors } from './errors';
