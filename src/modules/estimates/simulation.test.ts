import { describe, expect, it } from 'vitest';
import { measureEstimateError } from './simulation';

/** A short, small year keeps the test quick; the bench runs the full one. */
const quick = { days: 120, arrivalsPerDay: 20 };

describe('measureEstimateError', () => {
  it('is deterministic for a seed', () => {
    const a = measureEstimateError({ seed: 7, ...quick });
    const b = measureEstimateError({ seed: 7, ...quick });
    expect(a).toEqual(b);
    expect(a.cases).toBeGreaterThan(1000);
    expect(a.estimates).toBeGreaterThan(a.cases);
  });

  it('differs between seeds', () => {
    const a = measureEstimateError({ seed: 1, ...quick });
    const b = measureEstimateError({ seed: 2, ...quick });
    expect(a).not.toEqual(b);
  });

  it('estimates well against the time cases wait', () => {
    const m = measureEstimateError({ seed: 11, ...quick });
    // Cases wait weeks; the likely day is within a few days for half the estimates.
    expect(m.meanWaitDays).toBeGreaterThan(7);
    expect(m.medianAbsErrorDays).toBeLessThanOrEqual(7);
    expect(m.withinRangeShare).toBeGreaterThan(0.4);
  });
});
