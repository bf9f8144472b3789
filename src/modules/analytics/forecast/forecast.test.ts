import { describe, expect, it } from 'vitest';
import { forecast, MAX_ANNUAL_TREND, PRIOR_LOG_SIGMA } from './forecast';
import {
  expectedDemand,
  syntheticSeries,
  syntheticValues,
  type SyntheticSpec,
} from './test-support';

const FIVE_YEARS = 260;
/** Weekly demand like a branch's: 1 000 a week, +10 % a year, ±30 % season. */
const weekly: SyntheticSpec = { seed: 11, length: FIVE_YEARS + 52, growth: 0.1, amplitude: 0.3 };

describe('forecast', () => {
  it('recovers level, trend and season of a nearly clean weekly series', () => {
    const spec = { ...weekly, noise: 0.02 };
    const { points, model } = forecast(syntheticSeries(spec, FIVE_YEARS), { horizon: 52 });
    expect(model.kind).toBe('hw-damped-log1p');
    expect(model.params.seasonLength).toBe(52);
    points.forEach((p, i) => {
      expect(p.mean / expectedDemand(spec, FIVE_YEARS + i)).toBeGreaterThan(0.95);
      expect(p.mean / expectedDemand(spec, FIVE_YEARS + i)).toBeLessThan(1.05);
    });
    // The season's shape: the peak quarter of the year ahead is ~1.3/0.7 × its trough.
    const peak = Math.max(...points.map((p) => p.mean));
    const trough = Math.min(...points.map((p) => p.mean));
    expect(peak / trough).toBeGreaterThan(1.7);
    expect(peak / trough).toBeLessThan(2.1);
  });

  it('dates the points after the history', () => {
    const { points } = forecast(syntheticSeries({ ...weekly, noise: 0.1 }, FIVE_YEARS), {
      horizon: 3,
    });
    // 2021-01-04 + 260 weeks.
    expect(points.map((p) => p.period)).toEqual(['2025-12-29', '2026-01-05', '2026-01-12']);
    const quarterly = forecast(
      { start: '2021-01-01', period: 'quarter', values: [5, 6, 7, 5, 6, 7, 8, 6] },
      { horizon: 2 },
    );
    expect(quarterly.points.map((p) => p.period)).toEqual(['2023-01-01', '2023-04-01']);
  });

  it('recovers a quarterly season from five years', () => {
    const spec: SyntheticSpec = {
      seed: 5,
      length: 24,
      period: 'quarter',
      start: '2021-01-01',
      base: 12_000,
      growth: 0.1,
      amplitude: 0.2,
      noise: 0.03,
    };
    const { points, model } = forecast(syntheticSeries(spec, 20), { horizon: 4 });
    expect(model.kind).toBe('hw-damped-log1p');
    points.forEach((p, i) => {
      expect(Math.abs(p.mean / expectedDemand(spec, 20 + i) - 1)).toBeLessThan(0.08);
    });
  });

  it('gives intervals that hold the nominal share of future weeks', () => {
    for (const [level, low, high] of [
      [0.8, 0.7, 0.9],
      [0.95, 0.88, 0.995],
    ] as const) {
      let inside = 0;
      let total = 0;
      for (let seed = 1; seed <= 20; seed++) {
        const spec = {
          seed,
          length: FIVE_YEARS + 12,
          base: 500,
          growth: 0.05,
          amplitude: 0.25,
          noise: 0.15,
        };
        const future = syntheticValues(spec).slice(FIVE_YEARS);
        const { points } = forecast(syntheticSeries(spec, FIVE_YEARS), { horizon: 12, level });
        points.forEach((p, i) => {
          total++;
          if (future[i]! >= p.lower && future[i]! <= p.upper) inside++;
        });
      }
      expect(inside / total).toBeGreaterThanOrEqual(low);
      expect(inside / total).toBeLessThanOrEqual(high);
    }
  });

  it('widens short-history intervals for what the same data fitted (quarters, five years)', () => {
    let inside = 0;
    let total = 0;
    for (let seed = 1; seed <= 30; seed++) {
      const spec: SyntheticSpec = {
        seed,
        length: 24,
        period: 'quarter',
        start: '2021-01-01',
        base: 5000,
        growth: 0.05,
        amplitude: 0.25,
        noise: 0.08,
      };
      const future = syntheticValues(spec).slice(20);
      const { points, model } = forecast(syntheticSeries(spec, 20), { horizon: 4 });
      expect(model.params.intervalInflation).toBeGreaterThan(1.2);
      points.forEach((p, i) => {
        total++;
        if (future[i]! >= p.lower && future[i]! <= p.upper) inside++;
      });
    }
    // Unwidened, the in-sample errors held only ~55 % of these quarters in the 80 % interval.
    expect(inside / total).toBeGreaterThanOrEqual(0.68);
    expect(inside / total).toBeLessThanOrEqual(0.92);
  });

  it('widens intervals with the horizon and holds the mean inside them', () => {
    const { points } = forecast(syntheticSeries({ ...weekly, noise: 0.2 }, FIVE_YEARS), {
      horizon: 52,
      level: 0.95,
    });
    let width = 0;
    for (const p of points) {
      expect(p.lower).toBeLessThanOrEqual(p.mean);
      expect(p.mean).toBeLessThanOrEqual(p.upper);
      // Widths compare on the log scale the model works on: relative, so a season's peak week
      // is not "wider" for being busier.
      const w = Math.log1p(p.upper) - Math.log1p(p.lower);
      expect(w).toBeGreaterThanOrEqual(width - 1e-12);
      width = w;
    }
    expect(width).toBeGreaterThan(Math.log1p(points[0]!.upper) - Math.log1p(points[0]!.lower));
  });

  it('never forecasts negative demand, even for a few noisy cases a week', () => {
    const { points } = forecast(syntheticSeries({ ...weekly, base: 3, noise: 0.8 }, FIVE_YEARS), {
      horizon: 52,
      level: 0.95,
    });
    expect(points.some((p) => p.lower === 0)).toBe(true); // the interval reaches zero …
    for (const p of points) {
      expect(p.lower).toBeGreaterThanOrEqual(0); // … and stops there
      expect(p.lower).toBeLessThanOrEqual(p.mean);
      expect(p.mean).toBeLessThanOrEqual(p.upper);
    }
  });

  it('is deterministic', () => {
    const series = syntheticSeries({ ...weekly, noise: 0.1 }, FIVE_YEARS);
    expect(forecast(series, { horizon: 12 })).toEqual(forecast(series, { horizon: 12 }));
  });

  it('forecasts nothing from nothing: all zeros stay zero', () => {
    const { points } = forecast(
      { start: '2021-01-04', period: 'week', values: new Array<number>(FIVE_YEARS).fill(0) },
      { horizon: 8 },
    );
    expect(points.every((p) => p.mean === 0 && p.lower === 0 && p.upper === 0)).toBe(true);
  });

  it('drops the season below two seasons of history and is damped', () => {
    const spec = { ...weekly, noise: 0.1 };
    const { points, model } = forecast(syntheticSeries(spec, 80), { horizon: 12 });
    expect(model.kind).toBe('holt-damped-log1p');
    expect(model.params.seasonLength).toBe(1);
    expect(model.params.phi).toBeLessThan(1);
    points.forEach((p) => expect(p.mean).toBeGreaterThan(0));
    // seasonLength 1 asks for no season even with a long history.
    const plain = forecast(syntheticSeries(spec, FIVE_YEARS), { horizon: 4, seasonLength: 1 });
    expect(plain.model.kind).toBe('holt-damped-log1p');
  });

  it('falls back to a naive forecast with a wide stated spread below four periods', () => {
    const { points, model } = forecast(
      { start: '2026-01-01', period: 'month', values: [100, 120] },
      { horizon: 3 },
    );
    expect(model.kind).toBe('naive-log1p');
    expect(model.params.sigma).toBe(PRIOR_LOG_SIGMA);
    expect(points[0]!.lower).toBeLessThan(100);
    expect(points[0]!.upper).toBeGreaterThan(120);
    expect(points[2]!.upper - points[2]!.lower).toBeGreaterThan(
      points[0]!.upper - points[0]!.lower,
    );
  });

  describe('a surge year (2022: ×1.8 from March to December)', () => {
    const spec: SyntheticSpec = {
      ...weekly,
      seed: 3,
      noise: 0.1,
      surge: { from: 60, to: 104, factor: 1.8 },
    };

    it('leaves no trend behind once it is over', () => {
      const { points, model } = forecast(syntheticSeries(spec, FIVE_YEARS), { horizon: 12 });
      expect(model.kind).toBe('hw-damped-log1p');
      points.forEach((p, i) => {
        expect(Math.abs(p.mean / expectedDemand(spec, FIVE_YEARS + i) - 1)).toBeLessThan(0.15);
      });
    });

    it('is followed as a shift, not extrapolated as growth, while it is going on', () => {
      const history = syntheticSeries(spec, 70); // ten weeks into the surge
      const { points, model } = forecast(history, { horizon: 12 });
      const recent = history.values.slice(-4).reduce((a, b) => a + b, 0) / 4;
      expect(Math.abs(model.params.finalTrend!)).toBeLessThanOrEqual(MAX_ANNUAL_TREND / 52 + 1e-12);
      // At most the capped trend's +50 % a year on top of where demand is now, over 12 weeks.
      points.forEach((p) => expect(p.mean).toBeLessThan(recent * 1.5));
      // And the new level is taken: not pulled back to the old one.
      expect(points[0]!.mean).toBeGreaterThan(recent * 0.8);
    });
  });

  it('rejects a malformed request with a stable code and the field at fault', () => {
    const bad = (series: unknown, opts: unknown) => () => forecast(series as never, opts as never);
    expect(bad({ start: '2026-01-06', period: 'week', values: [1, 2] }, { horizon: 1 })).toThrow(
      expect.objectContaining({
        code: 'FORECAST_INVALID_INPUT',
        details: { fields: [expect.objectContaining({ field: 'series.start' })] },
      }),
    );
    expect(bad({ start: '2026-01-05', period: 'week', values: [1, -2] }, { horizon: 1 })).toThrow(
      expect.objectContaining({ code: 'FORECAST_INVALID_INPUT' }),
    );
    expect(bad({ start: '2026-01-05', period: 'week', values: [1] }, { horizon: 0 })).toThrow(
      expect.objectContaining({ code: 'FORECAST_INVALID_INPUT' }),
    );
    expect(bad({ start: '2026-01-05', period: 'week', values: [] }, { horizon: 1 })).toThrow(
      expect.objectContaining({ code: 'FORECAST_EMPTY_SERIES' }),
    );
  });
});
