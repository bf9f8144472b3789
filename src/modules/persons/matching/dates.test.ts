import { describe, expect, it } from 'vitest';
import { compareDates } from './dates';

describe('dates of birth compared', () => {
  it.each([
    ['1990-03-07', '1990-03-07', 'exact'],
    ['1990-03-07', '1990-07-03', 'swapped-day-month'],
    ['1990-03-07', '1990-03-01', 'one-digit'],
    ['1990-03-07', '1980-03-07', 'one-digit'],
    ['1990-03-07', '1990-11-21', 'same-year'],
    ['1990-03-07', '1990', 'year-only'],
    ['1990', '1990', 'exact'],
    ['1990-03-07', '1991-04-08', 'different'],
    ['1990-03-07', '1989', 'different'],
    ['1990-03-07', null, 'missing'],
    ['1990-03-07', 'unknown', 'missing'],
  ])('%s and %s: %s', (a, b, level) => {
    expect(compareDates(a, b)).toBe(level);
  });
});
