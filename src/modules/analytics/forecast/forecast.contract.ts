/**
 * The boundary of the forecasting piece: what a series and the options look like, checked with Zod
 * so that the numeric code behind can trust its input (finite, non-negative demand; a start that is
 * the first day of its period).
 */
import { z } from 'zod';
import { isIsoDate, isPeriodStart, type Period } from './calendar';
import { forecastErrors } from './errors';

export const PeriodSchema = z.enum(['week', 'quarter', 'month']);

export const SeriesSchema = z
  .object({
    /** ISO date of the first period's first day (a Monday for weeks, the 1st for months/quarters). */
    start: z.string().refine(isIsoDate, 'a date YYYY-MM-DD'),
    period: PeriodSchema,
    /** Demand per period, oldest first, no gaps (a period with no demand is 0). */
    values: z.array(z.number().finite().min(0, 'demand cannot be negative')),
  })
  .refine((s) => isPeriodStart(s.start, s.period), {
    message: 'must be the first day of its period (weeks start on Monday)',
    path: ['start'],
  });

export type Series = { start: string; period: Period; values: number[] };

export const ForecastOptionsSchema = z.object({
  horizon: z.number().int().min(1).max(520),
  /** Coverage of the prediction interval; 0.8 unless asked (0.95 is the other usual choice). */
  level: z.number().gt(0.5).lt(1).default(0.8),
  /** Periods per season; by default a year: 52 weeks, 12 months, 4 quarters. 1 = no season. */
  seasonLength: z.number().int().min(1).max(104).optional(),
});

export type ForecastOptions = z.input<typeof ForecastOptionsSchema>;

export const BacktestOptionsSchema = z.object({
  horizons: z.array(z.number().int().min(1).max(520)).min(1),
  /** How many forecast origins to evaluate (spread evenly over the usable history); 10 unless asked. */
  origins: z.number().int().min(1).max(1000).default(10),
  /** Periods of history the earliest origin is trained on; two seasons (or 8 periods) unless asked. */
  minTrain: z.number().int().min(1).optional(),
  seasonLength: z.number().int().min(1).max(104).optional(),
  level: z.number().gt(0.5).lt(1).optional(),
});

export type BacktestOptions = z.input<typeof BacktestOptionsSchema>;

/** Parse at the boundary; a failure becomes FORECAST_INVALID_INPUT with one entry per field. */
export function parseInput<S extends z.ZodType>(
  schema: S,
  value: unknown,
  prefix: string,
): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const path = [prefix, ...issue.path.map(String)].join('.');
    fields[path] ??= issue.message;
  }
  throw forecastErrors.invalid(fields);
}
