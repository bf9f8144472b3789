import { describe, expect, it } from 'vitest';
import { scoreLinkage } from './matching-metrics';

describe('scoreLinkage', () => {
  it('scores a perfect linkage as 1 everywhere, whatever the labels', () => {
    const s = scoreLinkage([0, 0, 1, 2, 2, 2], [7, 7, 3, 9, 9, 9]);
    expect(s.pairwise).toMatchObject({ precision: 1, recall: 1, f1: 1, falsePositives: 0 });
    expect(s.bcubed).toEqual({ precision: 1, recall: 1, f1: 1 });
    expect(s.predictedPersons).toBe(3);
  });

  it('counts pairs from cluster sizes: one wrong merge and one split', () => {
    // Truth: {a,b,c} {d} {e,f}. Predicted: {a,b} {c} {d,e,f}.
    const truth = [0, 0, 0, 1, 2, 2];
    const predicted = [0, 0, 1, 2, 2, 2];
    const s = scoreLinkage(truth, predicted);
    // True pairs: ab ac bc ef = 4. Predicted: ab de df ef = 4. Agreeing: ab ef = 2.
    expect(s.pairwise.truePositives).toBe(2);
    expect(s.pairwise.falsePositives).toBe(2);
    expect(s.pairwise.falseNegatives).toBe(2);
    expect(s.pairwise.precision).toBeCloseTo(0.5);
    expect(s.pairwise.recall).toBeCloseTo(0.5);
    // B-cubed precision: a,b 1; c 1; d 1/3; e,f 2/3 → (1+1+1+1/3+2/3+2/3)/6.
    expect(s.bcubed.precision).toBeCloseTo((3 + 1 / 3 + 4 / 3) / 6);
    // B-cubed recall: a,b 2/3; c 1/3; d 1; e,f 1 → (4/3+1/3+3)/6.
    expect(s.bcubed.recall).toBeCloseTo((4 / 3 + 1 / 3 + 3) / 6);
    expect(s.mixedPersons).toBe(1);
  });

  it('matches a brute-force count over all pairs on random labels', () => {
    let seed = 1;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const truth = Array.from({ length: 300 }, () => Math.floor(rnd() * 80));
    const predicted = truth.map((t) => (rnd() < 0.2 ? Math.floor(rnd() * 80) : t));
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (let i = 0; i < 300; i++)
      for (let j = i + 1; j < 300; j++) {
        const same = truth[i] === truth[j];
        const linked = predicted[i] === predicted[j];
        if (same && linked) tp++;
        else if (linked) fp++;
        else if (same) fn++;
      }
    const s = scoreLinkage(truth, predicted);
    expect(s.pairwise).toMatchObject({ truePositives: tp, falsePositives: fp, falseNegatives: fn });
  });

  it('counts false merges of persons whose dates differ beyond a typo, not a typo apart', () => {
    const dates = ['1980-01-02', '1980-01-02', '1991-05-05', '1980-02-01', '1980-01-03', null];
    // All six predicted as one person; truth: 0,0 | 1 | 2 | 3 | 4.
    const s = scoreLinkage([0, 0, 1, 2, 3, 4], [0, 0, 0, 0, 0, 0], dates);
    // 1991-05-05 is 'different' from the two 1980-01-02 records, 1980-02-01 and 1980-01-03;
    // 1980-02-01 (swapped) and 1980-01-03 (one digit) are typo-close to 1980-01-02.
    // 1980-02-01 vs 1980-01-03: same year, not 'different'. The record without a date counts nowhere.
    expect(s.falseMergesDifferentDob).toBe(4);
    const right = scoreLinkage([0, 0, 1], [0, 0, 1], ['1980-01-02', '1990-01-02', '1991-05-05']);
    expect(right.falseMergesDifferentDob).toBe(0);
  });
});
