import { AppError } from '../../../platform/errors';

/** Stable codes of the analytics charts (docs/errors.md). */
export const chartErrors = {
  /** A value the chart cannot place: NaN, Infinity, or an interval that does not hold its mean. */
  invalid: (series: string, x: string, why: string) =>
    new AppError('ANALYTICS_CHART_INVALID', 'validation', `Chart value not drawable: ${why}`, {
      series,
      x,
    }),
};
