import { describe, expect, it } from 'vitest';
import { NATIONALITIES } from './nationalities';
import { createRandom } from './random';
import { surnameSampler } from './surnames';

describe('surnameSampler', () => {
  const draws = (code: string, variant: 'standard' | 'independent', n: number) => {
    const sample = surnameSampler(
      NATIONALITIES.find((x) => x.code === code)!,
      variant,
    );
    const random = createRandom(9);
    return Array.from({ length: n }, () => sample(random));
  };

  it('gives the two variants no surname in common', () => {
    for (const { code } of NATIONALITIES) {
      const standard = new Set(draws(code, 'standard', 5000));
      const independent = draws(code, 'independent', 5000);
      expect(
        independent.filter((s) => standard.has(s)),
        code,
      ).toEqual([]);
    }
  });

  it('has a long tail: two persons of one nationality rarely share a surname', () => {
    for (const code of ['UKR', 'BLR', 'RUS']) {
      const counts = new Map<string, number>();
      const n = 20_000;
      for (const s of draws(code, 'standard', n)) counts.set(s, (counts.get(s) ?? 0) + 1);
      let same = 0;
      for (const c of counts.values()) same += (c * (c - 1)) / 2;
      // About 1 in 500 to 1 000 pairs: a few times the real rate, so namesakes stay a real test.
      expect(same / ((n * (n - 1)) / 2), code).toBeLessThan(0.003);
      expect(counts.size, code).toBeGreaterThan(500);
    }
  });
});
