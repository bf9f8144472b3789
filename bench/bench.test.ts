import { describe, expect, it } from 'vitest';
import { checkMetrics, parseArgs, percentile } from './bench';

describe('bench command line', () => {
  it('takes a name, an engine and --quick in any order', () => {
    expect(parseArgs(['db', '--engine', 'postgres', '--quick'])).toEqual({
      name: 'db',
      engine: 'postgres',
      quick: true,
    });
    expect(parseArgs(['--quick', '--engine=pglite', 'http'])).toEqual({
      name: 'http',
      engine: 'pglite',
      quick: true,
    });
    expect(parseArgs([])).toEqual({ name: undefined, engine: 'pglite', quick: false });
  });

  it('refuses an unknown engine, an unknown option and a second name', () => {
    expect(parseArgs(['db', '--engine', 'mysql'])).toHaveProperty('error');
    expect(parseArgs(['db', '--engine'])).toHaveProperty('error');
    expect(parseArgs(['db', '--fast'])).toHaveProperty('error');
    expect(parseArgs(['db', 'http'])).toHaveProperty('error');
  });
});

describe('metrics', () => {
  it('must name their unit and be finite numbers', () => {
    expect(checkMetrics({ a_per_s: 1234.56, b_ratio: 0.12345 })).toEqual({
      a_per_s: 1235,
      b_ratio: 0.123,
    });
    expect(() => checkMetrics({ speed: 1 })).toThrow(/unit/);
    expect(() => checkMetrics({ a_ms: Number.NaN })).toThrow(/finite/);
  });

  it('takes nearest-rank percentiles of sorted samples', () => {
    const xs = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(xs, 50)).toBe(50);
    expect(percentile(xs, 99)).toBe(99);
    expect(percentile([7], 99)).toBe(7);
  });
});
