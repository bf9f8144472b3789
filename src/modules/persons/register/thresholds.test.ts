import { describe, expect, it } from 'vitest';
import { generateRecords, type SyntheticVariant } from '../synthetic';
import { registerMatcher } from './matcher';
import { DEFAULT_THRESHOLDS } from './register.test-support';

/**
 * The default thresholds (PERSONS_MATCH_AUTO_LINK, PERSONS_MATCH_REVIEW) against the committed
 * model, on synthetic records with their truth: each record compared, as the register does, with
 * the records sharing a blocking key other than a bare surname code. If the model is estimated
 * anew, this says whether the defaults still hold (docs/configuration.md has the full figures).
 */
function measure(variant: SyntheticVariant, persons: number) {
  const m = registerMatcher();
  const { records, truth } = generateRecords({ persons, seed: 7, variant });
  const prepared = records.map((r) => m.prepare(r));
  const index = new Map<string, number[]>();
  const keys = prepared.map((p) => {
    const broad = new Set(m.surnameKeys(p.surname.text));
    return m.keys(p).filter((k) => !broad.has(k));
  });
  keys.forEach((ks, i) => ks.forEach((k) => index.set(k, [...(index.get(k) ?? []), i])));
  const out = { truePairs: 0, autoTrue: 0, autoFalse: 0, reviewTrue: 0, reviewFalse: 0, below: 0 };
  const { autoLink, review } = DEFAULT_THRESHOLDS;
  for (let i = 0; i < prepared.length; i++) {
    const seen = new Set<number>();
    for (const k of keys[i]!)
      for (const j of index.get(k)!) {
        if (j >= i || seen.has(j)) continue;
        seen.add(j);
        const s = m.score(prepared[i]!, prepared[j]!);
        const same = truth[i] === truth[j];
        const band =
          s.rule && !s.veto
            ? 'auto'
            : s.probability >= autoLink
              ? 'auto'
              : s.probability >= review
                ? 'review'
                : 'below';
        if (same) out.truePairs++;
        if (band === 'auto') out[same ? 'autoTrue' : 'autoFalse']++;
        else if (band === 'review') out[same ? 'reviewTrue' : 'reviewFalse']++;
        else if (same) out.below++;
      }
  }
  return out;
}

describe('the default match thresholds on synthetic data', () => {
  for (const variant of ['standard', 'independent'] as const)
    it(`link automatically almost never wrongly, and leave few true pairs unreviewed (${variant})`, () => {
      const r = measure(variant, 1500);
      expect(r.truePairs).toBeGreaterThan(1000);
      // Wrong automatic links: at most one in two thousand of those made.
      expect(r.autoFalse / (r.autoTrue + r.autoFalse)).toBeLessThanOrEqual(0.0005);
      // Most true pairs link without an officer; nearly all the rest reach one.
      expect(r.autoTrue / r.truePairs).toBeGreaterThan(0.75);
      expect(r.below / r.truePairs).toBeLessThan(0.02);
    });
});
