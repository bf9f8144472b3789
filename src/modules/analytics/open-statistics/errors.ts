import { AppError } from '../../../platform/errors';

/** Stable codes of open statistics (docs/errors.md). */
export const OPEN_STATS_ERROR_CODES = {
  /** A row or option the publication cannot use (bad month, negative count, refusals > decisions). */
  invalid: 'ANALYTICS_OPEN_STATS_INVALID',
} as const;

export interface OpenStatsFieldError {
  /** Dotted path of the field, e.g. `rows.3.refusals` or `today`. */
  field: string;
  message: string;
}

export const openStatsErrors = {
  invalid: (fields: OpenStatsFieldError[]) =>
    new AppError(
      OPEN_STATS_ERROR_CODES.invalid,
      'validation',
      'Open statistics input not usable',
      // The problem+json shape: one entry per field at fault.
      { fields },
    ),
};
