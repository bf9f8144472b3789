/**
 * Daily counts into the periods forecasts work on: ISO weeks (Monday to Sunday), calendar months,
 * quarters. Days with no row count as 0. Periods only partly inside the covered range are dropped
 * unless asked for: a week seen for three days looks like a collapse in demand and would mislead
 * the fit more than one period less of history.
 */
import { z } from 'zod';
import { addDays, addPeriods, dayNumber, isIsoDate, periodStart, type Period } from './calendar';
import { parseInput, PeriodSchema, type Series } from './forecast.contract';

export interface DailyCount {
  /** ISO date YYYY-MM-DD. */
  date: string;
  count: number;
}

export interface AggregateOptions {
  /** First day covered (default: the earliest date in the rows). */
  from?: string;
  /** Last day covered, inclusive (default: the latest date in the rows). */
  to?: string;
  /** Keep the periods at either end that the range covers only in part (default false). */
  keepPartial?: boolean;
}

const IsoDate = z.string().refine(isIsoDate, 'a date YYYY-MM-DD');
const AggregateInput = z
  .object({
    days: z.array(z.object({ date: IsoDate, count: z.number().finite().min(0) })),
    period: PeriodSchema,
    from: IsoDate.optional(),
    to: IsoDate.optional(),
    keepPartial: z.boolean().default(false),
  })
  .refine((i) => i.days.length > 0 || (i.from !== undefined && i.to !== undefined), {
    message: 'give some days, or both from and to',
    path: ['days'],
  })
  .refine((i) => !i.from || !i.to || i.from <= i.to, { message: 'after to', path: ['from'] });

/**
 * Sum daily counts per period. The result's `start` is the first kept period (its `values` may be
 * empty when the range holds no whole period). Throws FORECAST_INVALID_INPUT on bad input.
 */
export function aggregateDaily(
  days: readonly DailyCount[],
  period: Period,
  opts: AggregateOptions = {},
): Series {
  const input = parseInput(AggregateInput, { days, period, ...opts }, 'aggregate');
  let from = input.from;
  let to = input.to;
  for (const d of input.days) {
    if (input.from === undefined && (from === undefined || d.date < from)) from = d.date;
    if (input.to === undefined && (to === undefined || d.date > to)) to = d.date;
  }
  // Both are set: the schema asked for days or an explicit range.
  let first = periodStart(from!, period);
  if (!input.keepPartial && first !== from) first = addPeriods(first, period, 1);
  let last = periodStart(to!, period);
  const lastDay = addDays(addPeriods(last, period, 1), -1);
  if (!input.keepPartial && lastDay !== to) last = addPeriods(last, period, -1);

  // Period index by day: walk period starts once, then bucket each row by binary search.
  const starts: number[] = [];
  for (let p = first; p <= last; p = addPeriods(p, period, 1)) starts.push(dayNumber(p));
  const values = new Array<number>(starts.length).fill(0);
  if (starts.length > 0) {
    const end = dayNumber(addPeriods(last, period, 1));
    for (const d of input.days) {
      const day = dayNumber(d.date);
      if (day < starts[0]! || day >= end || d.date < from! || d.date > to!) continue;
      let lo = 0;
      let hi = starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid]! <= day) lo = mid;
        else hi = mid - 1;
      }
      values[lo]! += d.count;
    }
  }
  return { start: first, period, values };
}

/** Daily counts into ISO weeks (Monday start). */
export const toWeeks = (days: readonly DailyCount[], opts?: AggregateOptions) =>
  aggregateDaily(days, 'week', opts);

/** Daily counts into calendar quarters. */
export const toQuarters = (days: readonly DailyCount[], opts?: AggregateOptions) =>
  aggregateDaily(days, 'quarter', opts);

/** Daily counts into calendar months. */
export const toMonths = (days: readonly DailyCount[], opts?: AggregateOptions) =>
  aggregateDaily(days, 'month', opts);
