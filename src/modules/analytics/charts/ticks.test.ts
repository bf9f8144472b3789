import { describe, expect, it } from 'vitest';
import { niceTicks } from './ticks';

/** A step is nice when it is 1, 2 or 5 times a power of ten. */
const nice = (step: number) => {
  const m = step / 10 ** Math.floor(Math.log10(step) + 1e-12);
  return [1, 2, 5].some((n) => Math.abs(m - n) < 1e-9);
};

describe('niceTicks', () => {
  it.each([
    [0, 97],
    [0, 1],
    [-12, 40],
    [0.1, 0.37],
    [0, 1_234_567],
    [12, 13],
    [-5000, -12],
    [3, 3],
    [0, 0],
  ])('covers [%d, %d] with nice, evenly spaced values', (min, max) => {
    const t = niceTicks(min, max);
    expect(nice(t.step)).toBe(true);
    expect(t.min).toBeLessThanOrEqual(min);
    expect(t.max).toBeGreaterThanOrEqual(max);
    expect(t.max).toBeGreaterThan(t.min);
    expect(t.values.length).toBeLessThanOrEqual(7);
    expect(t.values.length).toBeGreaterThanOrEqual(2);
    t.values.slice(1).forEach((v, i) => expect(v - t.values[i]!).toBeCloseTo(t.step, 9));
    // Within one step of the data: no large empty margin (a flat series is given some room).
    if (min !== max) {
      expect(min - t.min).toBeLessThan(t.step + 1e-9);
      expect(t.max - max).toBeLessThan(t.step + 1e-9);
    } else expect(t.max).toBeGreaterThan(max);
  });

  it('gives round numbers without floating-point noise', () => {
    expect(niceTicks(0, 0.3).values).toEqual([0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3]);
    expect(niceTicks(0, 0.7).values).toEqual([0, 0.2, 0.4, 0.6, 0.8]);
    expect(niceTicks(0, 97).values).toEqual([0, 20, 40, 60, 80, 100]);
    expect(niceTicks(0, 501).values).toEqual([0, 100, 200, 300, 400, 500, 600]);
  });

  it('never steps below 1 for counts', () => {
    expect(niceTicks(0, 2, 5, true).values).toEqual([0, 1, 2]);
    expect(niceTicks(0, 0, 5, true).values).toEqual([0, 1]);
  });

  it('refuses non-finite bounds', () => {
    expect(() => niceTicks(0, Number.NaN)).toThrow(RangeError);
  });
});
