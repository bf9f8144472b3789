import { describe, expect, it } from 'vitest';
import { generateRecords } from '../synthetic';
import { candidatePairs } from './candidates';
import { columnsOfRecords } from './columns';
import { comparePair } from './compare';
import { PairComparer, patternOf, SWAPPED } from './pair-compare';
import { prepareRecord } from './prepare';

describe('candidate pairs from blocking', () => {
  const { records, truth } = generateRecords({ persons: 800, seed: 21, variant: 'standard' });
  const c = columnsOfRecords(records);
  const comparer = new PairComparer(c);
  const pairs = candidatePairs(c, comparer, { cap: 64, window: 16 });

  it('compares each pair once, and finds nearly every pair of one person’s records', () => {
    const seen = new Set<string>();
    for (let k = 0; k < pairs.length; k++) {
      const key = `${pairs.a[k]}:${pairs.b[k]}`;
      expect(pairs.a[k]!).toBeLessThan(pairs.b[k]!);
      expect(seen.has(key), key).toBe(false);
      seen.add(key);
    }
    let same = 0;
    let found = 0;
    for (let i = 0; i < records.length; i++)
      for (let j = i + 1; j < records.length; j++)
        if (truth[i] === truth[j]) {
          same++;
          if (seen.has(`${i}:${j}`)) found++;
        }
    expect(found / same).toBeGreaterThan(0.97);
    expect(pairs.length).toBeLessThan(records.length * 5);
    expect(pairs.perPass.reduce((a, b) => a + b, 0)).toBe(pairs.length);
  });

  it('gives the levels comparePair gives', () => {
    for (let k = 0; k < pairs.length; k += 7) {
      const a = prepareRecord(records[pairs.a[k]!]!);
      const b = prepareRecord(records[pairs.b[k]!]!);
      expect(pairs.pattern[k], `${a.recordId} ${b.recordId}`).toBe(patternOf(comparePair(a, b)));
    }
    expect(comparer.compare(pairs.a[0]!, pairs.b[0]!) & (SWAPPED - 1)).toBe(pairs.pattern[0]);
  });

  it('compares an oversized block within a window only', () => {
    const same = Array.from({ length: 300 }, (_, i) => ({
      ...records[0]!,
      recordId: `r${i}`,
      documentNumber: null,
    }));
    const big = columnsOfRecords(same);
    const windowed = candidatePairs(big, new PairComparer(big), { cap: 64, window: 4 });
    expect(windowed.length).toBeLessThan(300 * 4 * 5);
    const full = candidatePairs(big, new PairComparer(big), { cap: 1000, window: 4 });
    expect(full.length).toBe((300 * 299) / 2);
  });
});
