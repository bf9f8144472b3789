import type { Random } from '../../../platform/random';

export { createRandom, type Random } from '../../../platform/random';

/**
 * A sampler over a ranked list with Zipf-like weights (1 / (rank + offset)): a few names are
 * common, most are rare, as in real name distributions; a larger offset flattens the head.
 * Precomputed cumulative weights, binary search.
 */
export function zipfSampler<T>(items: readonly T[], offset = 2): (random: Random) => T {
  const cumulative = new Float64Array(items.length);
  let total = 0;
  for (let i = 0; i < items.length; i++) {
    total += 1 / (i + offset);
    cumulative[i] = total;
  }
  return (random) => {
    const r = random.next() * total;
    let lo = 0;
    let hi = items.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > r) hi = mid;
      else lo = mid + 1;
    }
    return items[lo]!;
  };
}
