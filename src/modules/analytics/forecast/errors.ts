import { AppError } from '../../../platform/errors';

/** Stable codes of the forecasting piece of module `analytics` (to be listed in docs/errors.md). */
export const forecastErrors = {
  /** The series or the options break their schema (bad date, negative demand, horizon 0 …). */
  invalid: (fields: Record<string, string>) =>
    new AppError('FORECAST_INVALID_INPUT', 'validation', 'The forecast request is not valid', {
      // The problem+json shape: one entry per field at fault.
      fields: Object.entries(fields).map(([field, message]) => ({ field, message })),
    }),
  /** Nothing to learn from: a series with no periods at all. */
  emptySeries: () =>
    new AppError('FORECAST_EMPTY_SERIES', 'unprocessable', 'There is no history to forecast from'),
};
