import { describe, expect, it } from 'vitest';
import { normalQuantile, quantileSorted, varianceMultiplier } from './intervals';
import {
  dampedSum,
  filterLoss,
  forecastPath,
  initialState,
  runFilter,
  stepErrors,
  type SmoothingParams,
} from './smoothing';
import { syntheticValues } from './test-support';

const params: SmoothingParams = { alpha: 0.3, beta: 0.05, gamma: 0.2, phi: 0.95, trendCap: 0.05 };
const y = syntheticValues({
  seed: 2,
  length: 40,
  period: 'quarter',
  amplitude: 0.3,
  noise: 0.1,
}).map(Math.log1p);

describe('the Holt–Winters filter', () => {
  it('reads h-step errors from origins exactly as a forecast made there would', () => {
    const init = initialState(y, 4);
    const run = runFilter(y, params, init, 0.2);
    const errors = stepErrors(y, run, params.phi, 6, 10);
    for (const origin of [10, 17, 30]) {
      // Refilter the history up to the origin only, then forecast from there.
      const past = runFilter(y.slice(0, origin), params, init, 0.2);
      const path = forecastPath(past, origin, params.phi, 6);
      for (let h = 1; h <= 6 && origin + h - 1 < y.length; h++) {
        expect(errors[h - 1]![origin - 10]).toBeCloseTo(y[origin + h - 1]! - path[h - 1]!, 12);
      }
    }
  });

  it('computes the same loss with and without keeping the states', () => {
    const init = initialState(y, 4);
    for (const clip of [Number.POSITIVE_INFINITY, 0.1]) {
      expect(filterLoss(y, params, init, clip)).toBeCloseTo(
        runFilter(y, params, init, clip).loss,
        10,
      );
    }
  });

  it('never lets the trend beyond its cap', () => {
    const jump = [...y.slice(0, 20), ...y.slice(20).map((v) => v + 2)];
    const run = runFilter(jump, { ...params, beta: 0.3 }, initialState(jump, 4));
    expect(Math.max(...Array.from(run.trend, Math.abs))).toBeLessThanOrEqual(params.trendCap);
  });

  it('damps: φ + … + φ^h', () => {
    expect(dampedSum(0.5, 3)).toBeCloseTo(0.875, 12);
    expect(dampedSum(1, 4)).toBe(4);
  });
});

describe('interval arithmetic', () => {
  it('knows the normal quantiles', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    expect(normalQuantile(0.9)).toBeCloseTo(1.281552, 5);
    expect(normalQuantile(0.01)).toBeCloseTo(-2.326348, 5);
    expect(normalQuantile(0.5)).toBeCloseTo(0, 12);
  });

  it('interpolates quantiles between order statistics', () => {
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileSorted([1, 2, 3, 4], 1)).toBe(4);
  });

  it('grows the error variance with the horizon, with a seasonal step', () => {
    expect(varianceMultiplier(params, 4, 1)).toBe(1);
    const v = [1, 2, 3, 4, 5, 6].map((h) => varianceMultiplier(params, 4, h));
    for (let i = 1; i < v.length; i++) expect(v[i]!).toBeGreaterThan(v[i - 1]!);
  });
});
