/**
 * An intruder for the tests: given one published month, every value a hidden cell can take that
 * is consistent with everything shown — the totals (total = Σ services per measure), zeros shown
 * (so a hidden count is at least 1), and refusals ≤ decisions per service and in total — by
 * enumerating the hidden cells up to `cap`. Cutting the values at `cap` only takes solutions
 * away, so a cell found with two possible values has at least two in truth as well.
 *
 * With `knowsRule`, the intruder also knows the suppression rule and its threshold, and keeps only
 * the candidates for which the rule hides exactly the cells that are hidden (e.g. a partner is
 * never smaller than a shown count, a primary cell is small).
 */
import type { OpenMonth } from './open-statistics';
import { suppressCountGroup, suppressMonthCounts, type GroupSuppression } from './suppress';

type CountMeasure = 'applications' | 'decisions' | 'refusals';

export interface Cell {
  measure: CountMeasure;
  /** Service index, or -1 for the total. */
  index: number;
}

const key = (c: Cell) => `${c.measure}:${c.index}`;

/** Possible values of each hidden count of the month, by `measure:index` (index -1: total). */
export function possibleValues(
  month: OpenMonth,
  cap: number,
  knowsRule?: { threshold: number },
): Map<string, Set<number>> {
  const found = new Map<string, Set<number>>();
  const n = month.services.length;
  const shownOf = (measure: CountMeasure, i: number) =>
    (i < 0 ? month.total : month.services[i]!.figures)[measure].value;
  const hiddenCells = (measure: CountMeasure): Cell[] =>
    [...Array(n).keys(), -1]
      .filter((i) => shownOf(measure, i) === null)
      .map((index) => ({ measure, index }));
  for (const c of [
    ...hiddenCells('applications'),
    ...hiddenCells('decisions'),
    ...hiddenCells('refusals'),
  ])
    found.set(key(c), new Set());
  const allAmbiguous = () => [...found.values()].every((s) => s.size >= 2);

  /** Every assignment of a measure's counts (services, then total) consistent with its sum. */
  function* assignments(measure: CountMeasure): Generator<number[]> {
    const values = [...Array(n).keys()].map((i) => shownOf(measure, i));
    const hiddenServices = values.flatMap((v, i) => (v === null ? [i] : []));
    const publishedTotal = shownOf(measure, -1);
    const current = values.map((v) => v ?? 0);
    function* fill(at: number): Generator<number[]> {
      if (at === hiddenServices.length) {
        const sum = current.reduce((a, b) => a + b, 0);
        if (publishedTotal === null ? sum >= 1 : sum === publishedTotal) yield [...current, sum];
        return;
      }
      for (let v = 1; v <= cap; v++) {
        current[hiddenServices[at]!] = v;
        yield* fill(at + 1);
      }
    }
    yield* fill(0);
  }

  const pattern = (measure: CountMeasure) =>
    [...Array(n).keys(), -1].map((i) => shownOf(measure, i) === null).join();
  const patternOf = (s: GroupSuppression) => [...s.hidden, s.totalHidden].join();
  const samePattern = (measure: CountMeasure, s: GroupSuppression) =>
    patternOf(s) === pattern(measure);
  const appsFit = (a: number[]) =>
    !knowsRule ||
    samePattern(
      'applications',
      suppressCountGroup({ values: a.slice(0, n), total: a[n]! }, knowsRule.threshold),
    );
  const decisionsRefusalsFit = (d: number[], r: number[]) => {
    if (!knowsRule) return true;
    const counts = d.slice(0, n).map((decisions, i) => ({
      applications: 0,
      decisions,
      refusals: r[i]!,
    }));
    const s = suppressMonthCounts(counts, knowsRule.threshold);
    return samePattern('decisions', s.decisions) && samePattern('refusals', s.refusals);
  };

  const record = (measure: CountMeasure, full: number[]) => {
    for (let i = 0; i < n; i++)
      if (shownOf(measure, i) === null) found.get(key({ measure, index: i }))!.add(full[i]!);
    if (shownOf(measure, -1) === null) found.get(key({ measure, index: -1 }))!.add(full[n]!);
  };

  for (const a of assignments('applications')) if (appsFit(a)) record('applications', a);

  // Decisions and refusals are tied by refusals ≤ decisions, cell by cell (the totals follow).
  const refusalOptions = [...assignments('refusals')];
  outer: for (const d of assignments('decisions')) {
    for (const r of refusalOptions) {
      if (r.every((v, i) => v <= d[i]!) && decisionsRefusalsFit(d, r)) {
        record('decisions', d);
        record('refusals', r);
        if (allAmbiguous()) break outer;
      }
    }
  }
  return found;
}
