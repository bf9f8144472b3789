import { describe, expect, it } from 'vitest';
import { backtest, originCuts } from './backtest';
import { syntheticSeries, type SyntheticSpec } from './test-support';

const weekly: SyntheticSpec = { seed: 7, length: 260, growth: 0.1, amplitude: 0.3 };

describe('backtest', () => {
  it('spreads origins evenly and always tests the latest', () => {
    expect(originCuts(104, 259, 4)).toEqual([104, 156, 207, 259]);
    expect(originCuts(10, 12, 10)).toEqual([10, 11, 12]);
    expect(originCuts(10, 9, 5)).toEqual([]);
    expect(originCuts(10, 20, 1)).toEqual([20]);
  });

  it('scores a clean series almost perfectly and a noisy one worse', () => {
    const horizons = [1, 4, 12];
    const clean = backtest(syntheticSeries({ ...weekly, noise: 0 }, 260), { horizons });
    const noisy = backtest(syntheticSeries({ ...weekly, noise: 0.15 }, 260), { horizons });
    expect(clean.map((r) => r.horizon)).toEqual(horizons);
    for (const [i, row] of clean.entries()) {
      expect(row.count).toBeGreaterThanOrEqual(9);
      expect(row.mape).toBeLessThan(1); // per cent
      expect(noisy[i]!.mape).toBeGreaterThan(5);
      expect(noisy[i]!.mape).toBeLessThan(30);
    }
  });

  it('skips zero actuals and says how many were scored', () => {
    const values = Array.from({ length: 40 }, (_, t) => (t % 2 === 0 ? 0 : 100));
    const [one, two] = backtest(
      { start: '2026-01-05', period: 'week', values },
      { horizons: [1, 2], origins: 6, minTrain: 20 },
    );
    expect(one!.count + two!.count).toBeLessThan(12);
    expect(one!.count + two!.count).toBeGreaterThan(0);
    expect(Number.isFinite(one!.mape) && Number.isFinite(two!.mape)).toBe(true);
  });

  it('reports a horizon no origin reaches with count 0 and mape NaN', () => {
    const [row] = backtest(
      { start: '2026-01-01', period: 'quarter', values: [5, 6, 7, 5, 6, 7] },
      { horizons: [10] },
    );
    expect(row).toEqual({ horizon: 10, mape: Number.NaN, count: 0 });
  });

  it('is deterministic', () => {
    const series = syntheticSeries({ ...weekly, noise: 0.1 }, 200);
    const opts = { horizons: [1, 12], origins: 5 };
    expect(backtest(series, opts)).toEqual(backtest(series, opts));
  });
});
