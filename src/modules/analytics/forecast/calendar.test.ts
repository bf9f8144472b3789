import { describe, expect, it } from 'vitest';
import {
  addPeriods,
  isIsoDate,
  isoWeek,
  isoWeekday,
  isPeriodStart,
  periodLabel,
  periodStart,
} from './calendar';

describe('forecast calendar', () => {
  it('accepts only real dates', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('2026-1-01')).toBe(false);
  });

  it('knows the weekday (Monday = 1)', () => {
    expect(isoWeekday('1970-01-01')).toBe(4);
    expect(isoWeekday('2026-12-07')).toBe(1);
    expect(isoWeekday('1969-12-28')).toBe(7);
  });

  it('starts ISO weeks on Monday, months on the 1st, quarters on Jan/Apr/Jul/Oct 1st', () => {
    expect(periodStart('2026-12-06', 'week')).toBe('2026-11-30'); // a Sunday
    expect(periodStart('2026-11-30', 'week')).toBe('2026-11-30');
    expect(periodStart('2026-08-17', 'month')).toBe('2026-08-01');
    expect(periodStart('2026-08-17', 'quarter')).toBe('2026-07-01');
    expect(periodStart('2026-12-31', 'quarter')).toBe('2026-10-01');
    expect(isPeriodStart('2026-10-01', 'quarter')).toBe(true);
    expect(isPeriodStart('2026-11-01', 'quarter')).toBe(false);
  });

  it('steps periods across year ends, both ways', () => {
    expect(addPeriods('2025-12-29', 'week', 1)).toBe('2026-01-05');
    expect(addPeriods('2026-11-01', 'month', 3)).toBe('2027-02-01');
    expect(addPeriods('2026-10-01', 'quarter', 2)).toBe('2027-04-01');
    expect(addPeriods('2026-01-01', 'quarter', -1)).toBe('2025-10-01');
    expect(addPeriods('2026-01-01', 'month', -13)).toBe('2024-12-01');
  });

  it('numbers ISO weeks by the year of their Thursday', () => {
    expect(isoWeek('2021-01-04')).toEqual({ year: 2021, week: 1 });
    expect(isoWeek('2021-01-03')).toEqual({ year: 2020, week: 53 });
    expect(isoWeek('2026-12-28')).toEqual({ year: 2026, week: 53 });
    expect(isoWeek('2025-12-29')).toEqual({ year: 2026, week: 1 });
  });

  it('labels periods for people', () => {
    expect(periodLabel('2026-01-12', 'week')).toBe('2026-W03');
    expect(periodLabel('2026-03-01', 'month')).toBe('2026-03');
    expect(periodLabel('2026-07-01', 'quarter')).toBe('2026-Q3');
  });
});
