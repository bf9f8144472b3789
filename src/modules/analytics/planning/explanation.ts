/**
 * A reason the plan came out as it did, as a translation key and its ICU values, so the page
 * says it in the reader's language (keys live in the analytics message catalogue).
 */
export interface PlanReason {
  key: string;
  values: Record<string, number | string>;
}

export const reason = (key: string, values: Record<string, number | string> = {}): PlanReason => ({
  key,
  values,
});

/** One decimal for days and rates shown to people; the plan itself computes unrounded. */
export const round1 = (x: number) => (Number.isFinite(x) ? Math.round(x * 10) / 10 : x);

/** Float noise must not flip a comparison against a limit (7.000000001 days is within 7). */
export const EPSILON = 1e-9;

/**
 * The smallest whole n in [0, hi] for which `ok(n)` holds, given that `ok` is monotone (once
 * true, true for every larger n) and `ok(hi)` holds. Binary search: the plans are cheap, but a
 * surge can need thousands of officers and the what-if reruns every plan.
 */
export function smallestSufficient(hi: number, ok: (n: number) => boolean): number {
  let lo = 0;
  let top = hi;
  while (lo < top) {
    const mid = Math.floor((lo + top) / 2);
    if (ok(mid)) top = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The wait for a queue of `queued` worked at `perWeek`, in calendar days (Little's law, W = L/λ). */
export function waitDays(queued: number, perWeek: number): number {
  if (queued <= EPSILON) return 0;
  return perWeek > 0 ? (7 * queued) / perWeek : Number.POSITIVE_INFINITY;
}
