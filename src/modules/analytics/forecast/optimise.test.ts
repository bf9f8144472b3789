import { describe, expect, it } from 'vitest';
import { minimiseInBox, nelderMead } from './optimise';

const rosenbrock = ([x, y]: number[]) => (1 - x!) ** 2 + 100 * (y! - x! * x!) ** 2;

describe('the smoothing-parameter optimiser', () => {
  it('finds the minimum of a curved valley', () => {
    const min = nelderMead(rosenbrock, [-1.2, 1], { maxEvaluations: 2000, tolerance: 1e-14 });
    expect(min.x[0]).toBeCloseTo(1, 3);
    expect(min.x[1]).toBeCloseTo(1, 3);
  });

  it('stays inside the box and reaches a minimum on its edge', () => {
    const f = ([a, b]: number[]) => (a! - 2) ** 2 + (b! - 0.25) ** 2;
    const bounds = [
      { lower: 0, upper: 1 },
      { lower: 0, upper: 1 },
    ];
    const min = minimiseInBox(f, bounds, [
      [0.1, 0.5, 0.9],
      [0.1, 0.5, 0.9],
    ]);
    expect(min.x[0]).toBeLessThanOrEqual(1);
    expect(min.x[0]).toBeGreaterThan(0.99);
    expect(min.x[1]).toBeCloseTo(0.25, 3);
  });

  it('gives the same answer every time', () => {
    const a = nelderMead(rosenbrock, [0, 0]);
    const b = nelderMead(rosenbrock, [0, 0]);
    expect(a).toEqual(b);
  });
});
