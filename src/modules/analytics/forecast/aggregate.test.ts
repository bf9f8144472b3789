import { describe, expect, it } from 'vitest';
import { aggregateDaily, toQuarters, toWeeks, type DailyCount } from './aggregate';
import { addDays } from './calendar';

/** `days` consecutive days from `from`, count = 1 each unless `count` says otherwise. */
function daily(from: string, days: number, count: (i: number) => number = () => 1): DailyCount[] {
  return Array.from({ length: days }, (_, i) => ({ date: addDays(from, i), count: count(i) }));
}

describe('aggregating daily counts', () => {
  it('sums ISO weeks Monday to Sunday and drops the partial weeks at both ends', () => {
    // Wednesday 2026-01-07 to Tuesday 2026-02-03: whole weeks are 12 Jan … 1 Feb.
    const series = toWeeks(daily('2026-01-07', 28));
    expect(series).toEqual({ start: '2026-01-12', period: 'week', values: [7, 7, 7] });
  });

  it('keeps the partial weeks when asked', () => {
    const series = toWeeks(daily('2026-01-07', 28), { keepPartial: true });
    expect(series.start).toBe('2026-01-05');
    expect(series.values).toEqual([5, 7, 7, 7, 2]);
  });

  it('counts missing days as zero inside the range and ignores rows outside it', () => {
    const days = [
      { date: '2026-01-05', count: 3 },
      { date: '2026-01-05', count: 2 }, // same day twice: summed
      { date: '2026-01-21', count: 4 },
      { date: '2025-12-31', count: 100 }, // before `from`
    ];
    const series = aggregateDaily(days, 'week', { from: '2026-01-05', to: '2026-01-25' });
    expect(series).toEqual({ start: '2026-01-05', period: 'week', values: [5, 0, 4] });
  });

  it('sums calendar quarters, a week crossing the year belongs to no single quarter', () => {
    const year = daily('2025-01-01', 365, (i) => (i < 90 ? 2 : 1)); // Q1 2025 has 90 days
    expect(toQuarters(year)).toEqual({
      start: '2025-01-01',
      period: 'quarter',
      values: [180, 91, 92, 92],
    });
  });

  it('gives no periods when the range holds no whole one', () => {
    const series = toQuarters(daily('2026-02-01', 40));
    expect(series.values).toEqual([]);
  });

  it('rejects bad input with a stable code', () => {
    expect(() => toWeeks([{ date: '2026-02-30', count: 1 }])).toThrow(
      expect.objectContaining({ code: 'FORECAST_INVALID_INPUT' }),
    );
    expect(() => toWeeks([{ date: '2026-02-03', count: -1 }])).toThrow(
      expect.objectContaining({ code: 'FORECAST_INVALID_INPUT' }),
    );
    expect(() => toWeeks([])).toThrow(expect.objectContaining({ code: 'FORECAST_INVALID_INPUT' }));
  });
});
