/**
 * Statistical disclosure control of the open statistics (ADR 0015, "Open statistics"). Pure.
 *
 * A month's counts of one measure form a group: the services' cells and their published total,
 * tied by total = Σ services. Primary suppression hides the small counts (1 … threshold − 1; a 0
 * is shown, it discloses nobody). Complementary suppression then hides more cells until no hidden
 * cell can be worked out from what is shown. What an intruder can know of a hidden cell is a
 * range: at least 1 (zeros are shown, and partners are chosen non-zero), at least the refusals of
 * the same service for decisions, at most the decisions for refusals. With the total shown, the
 * hidden cells sum to K = total − Σ shown; each hidden cell has two or more possible values
 * exactly when there are at least two hidden cells, each with room in its own range, and
 * Σ lower < K < Σ upper (then every cell can move one step with another moving back).
 * A group that fails that gets a partner: the smallest shown non-zero count (ties: the first
 * service in catalogue order); when no service is left, the total is hidden.
 */

export interface CountGroup {
  /** The services' true counts, in catalogue order. */
  values: readonly number[];
  /** Their sum. */
  total: number;
  /**
   * The best lower bound an intruder could have for each cell from other published figures
   * (e.g. a service's refusals bound its decisions from below); at least 1 is assumed anyway.
   */
  lower?: readonly number[];
  /** The best upper bound an intruder could have for each cell; Infinity when none. */
  upper?: readonly number[];
}

export interface GroupSuppression {
  /** Per service: the count is suppressed. */
  hidden: boolean[];
  totalHidden: boolean;
}

export const isSmallCount = (value: number, threshold: number): boolean =>
  value > 0 && value < threshold;

/** Whether no hidden cell of the group can be derived, per the range argument above. */
export function isGroupSafe(group: CountGroup, hidden: readonly boolean[], totalHidden: boolean) {
  const cells = group.values.flatMap((value, i) => (hidden[i] ? [i] : []));
  if (cells.length === 0) return true;
  // Hidden total: no equation left; each hidden cell can move with the total (a hidden total is
  // never alone, since a small total means every non-zero service is small too).
  if (totalHidden) return true;
  if (cells.length < 2) return false;
  let k = 0;
  let lowSum = 0;
  let highSum = 0;
  for (const i of cells) {
    const value = group.values[i]!;
    const low = Math.max(1, group.lower?.[i] ?? 1);
    const high = group.upper?.[i] ?? Infinity;
    if (low >= high) return false; // the cell is pinned by its own range
    k += value;
    lowSum += low;
    highSum += high;
  }
  return lowSum < k && k < highSum;
}

export function suppressCountGroup(group: CountGroup, threshold: number): GroupSuppression {
  const primary = group.values.map((v) => isSmallCount(v, threshold));
  const hidden = [...primary];
  let totalHidden = isSmallCount(group.total, threshold);
  // Each round hides one more cell, so this ends after at most n + 1 rounds.
  while (!isGroupSafe(withRuleBounds(group, primary, hidden, threshold), hidden, totalHidden)) {
    let partner = -1;
    group.values.forEach((value, i) => {
      if (!hidden[i] && value > 0 && (partner < 0 || value < group.values[partner]!)) partner = i;
    });
    if (partner < 0) totalHidden = true;
    else hidden[partner] = true;
  }
  return { hidden, totalHidden };
}

/**
 * The ranges of someone who also knows this rule and, at worst, which hidden cells are small:
 * a small cell is 1 … threshold − 1, a partner is at least the threshold and at most the
 * smallest shown non-zero count (it was the smallest). Without these, three hidden 4s next to a
 * shown total (sum 12) or a 4 with its partner 7 next to a shown 7 (sum 11) would be given away.
 */
function withRuleBounds(
  group: CountGroup,
  primary: readonly boolean[],
  hidden: readonly boolean[],
  threshold: number,
): CountGroup {
  let smallestShown = Infinity;
  group.values.forEach((v, i) => {
    if (!hidden[i] && v > 0) smallestShown = Math.min(smallestShown, v);
  });
  const bounds = group.values.map((_, i): [number, number] => {
    const low = Math.max(1, group.lower?.[i] ?? 1);
    const high = group.upper?.[i] ?? Infinity;
    const ruleLow = Math.max(low, primary[i] ? 1 : threshold);
    const ruleHigh = Math.min(high, primary[i] ? threshold - 1 : smallestShown);
    // Where the rule's range would pin a small cell (4 decisions all refused: at least 4, at
    // most 4), no partner could ever cover it and the month's total would go; such a cell is
    // judged on the ranges from the figures alone (the brute force checks those). A pinned
    // partner (5 next to a shown 5) is left pinned: one more partner frees it.
    return ruleLow < ruleHigh || !primary[i] ? [ruleLow, ruleHigh] : [low, high];
  });
  return { ...group, lower: bounds.map((b) => b[0]), upper: bounds.map((b) => b[1]) };
}

export interface MonthCounts {
  applications: number;
  decisions: number;
  refusals: number;
}

export interface MonthSuppression {
  applications: GroupSuppression;
  decisions: GroupSuppression;
  refusals: GroupSuppression;
}

/** The three count groups of one month, services in catalogue order. */
export function suppressMonthCounts(
  counts: readonly MonthCounts[],
  threshold: number,
): MonthSuppression {
  const group = (measure: keyof MonthCounts): CountGroup => ({
    values: counts.map((c) => c[measure]),
    total: counts.reduce((sum, c) => sum + c[measure], 0),
  });
  const applications = suppressCountGroup(group('applications'), threshold);
  // A service's refusals bound its decisions from below; the true value is the best an intruder
  // can have, so it is used whether the refusals are shown or not.
  const decisions = suppressCountGroup(
    { ...group('decisions'), lower: counts.map((c) => c.refusals) },
    threshold,
  );
  // Shown decisions bound refusals from above. A hidden one gives no fixed bound: its own group
  // lets it move (checked jointly by the brute force in open-statistics.test.ts).
  const refusals = suppressCountGroup(
    {
      ...group('refusals'),
      upper: counts.map((c, i) => (decisions.hidden[i] ? Infinity : c.decisions)),
    },
    threshold,
  );
  return { applications, decisions, refusals };
}

export interface AverageGroup {
  /** Per service: how many decisions the average rests on. */
  counts: readonly number[];
  /** Per service: its decisions count is suppressed (see `suppressCountGroup`). */
  decisionsHidden: readonly boolean[];
  decisionsTotalHidden: boolean;
}

export interface AverageSuppression {
  hidden: boolean[];
  totalHidden: boolean;
}

/**
 * Averages: hidden when resting on 1 … minDecisions − 1 decisions (none: there is no average,
 * nothing to hide). The month's overall average is the complementary cell: with the published
 * averages and decision counts it would give a hidden average (or a hidden count) back, so it is
 * hidden whenever any service's average or decision count is. Averages are tied by no other
 * published equation.
 */
export function suppressAverages(group: AverageGroup, minDecisions: number): AverageSuppression {
  const hidden = group.counts.map((n) => isSmallCount(n, minDecisions));
  const totalCount = group.counts.reduce((a, b) => a + b, 0);
  const totalHidden =
    isSmallCount(totalCount, minDecisions) ||
    hidden.some(Boolean) ||
    group.decisionsHidden.some(Boolean) ||
    group.decisionsTotalHidden;
  return { hidden, totalHidden };
}
