import { compareDates } from '../src/modules/persons/matching/dates';

/**
 * How good a linkage is against the truth (issue 7's benchmark): pairwise precision, recall and
 * F1 over record pairs, B-cubed (per record, so large persons do not dominate), and the false
 * merges the issue forbids: records of different persons put together although their dates of
 * birth differ by more than a typo. Pairs are counted from cluster sizes (n choose 2) over the
 * table of predicted × true clusters, so a million records cost linear time, not n².
 */
export interface LinkageScores {
  records: number;
  truePersons: number;
  predictedPersons: number;
  pairwise: {
    precision: number;
    recall: number;
    f1: number;
    truePositives: number;
    falsePositives: number;
    falseNegatives: number;
  };
  bcubed: { precision: number; recall: number; f1: number };
  /** Pairs of records of different persons put together whose dates are 'different'. */
  falseMergesDifferentDob: number;
  /** Predicted persons holding records of more than one true person. */
  mixedPersons: number;
}

const pairs = (n: number) => (n * (n - 1)) / 2;
const f1 = (p: number, r: number) => (p + r === 0 ? 0 : (2 * p * r) / (p + r));

/** Cluster labels as 0 … k − 1 (labels may be any integers), and k. */
function dense(labels: ArrayLike<number>): { ids: Int32Array; count: number } {
  const ids = new Int32Array(labels.length);
  const seen = new Map<number, number>();
  for (let i = 0; i < labels.length; i++) {
    let id = seen.get(labels[i]!);
    if (id === undefined) seen.set(labels[i]!, (id = seen.size));
    ids[i] = id;
  }
  return { ids, count: seen.size };
}

/** Record indexes grouped by cluster (counting sort): members of c are order[start[c] … start[c+1]). */
function groups(ids: Int32Array, count: number): { order: Int32Array; start: Int32Array } {
  const start = new Int32Array(count + 1);
  for (const id of ids) start[id + 1]!++;
  for (let c = 0; c < count; c++) start[c + 1]! += start[c]!;
  const next = start.slice(0, count);
  const order = new Int32Array(ids.length);
  for (let i = 0; i < ids.length; i++) order[next[ids[i]!]!++] = i;
  return { order, start };
}

/**
 * Cross pairs of different persons within one predicted person whose dates are 'different':
 * counted per distinct date so that a large wrong cluster costs (distinct dates)², not n².
 */
function differentDobPairs(
  members: number[],
  truth: Int32Array,
  dates: readonly (string | null)[],
) {
  const byDate = new Map<string, Map<number, number>>();
  for (const i of members) {
    const d = dates[i];
    if (!d) continue;
    let perPerson = byDate.get(d);
    if (!perPerson) byDate.set(d, (perPerson = new Map()));
    perPerson.set(truth[i]!, (perPerson.get(truth[i]!) ?? 0) + 1);
  }
  const entries = [...byDate.entries()].map(([date, perPerson]) => ({
    date,
    perPerson,
    total: [...perPerson.values()].reduce((a, b) => a + b, 0),
  }));
  let count = 0;
  for (let a = 0; a < entries.length; a++)
    for (let b = a + 1; b < entries.length; b++) {
      const x = entries[a]!;
      const y = entries[b]!;
      if (compareDates(x.date, y.date) !== 'different') continue;
      let same = 0;
      for (const [person, n] of x.perPerson) same += n * (y.perPerson.get(person) ?? 0);
      count += x.total * y.total - same;
    }
  return count;
}

export function scoreLinkage(
  truthLabels: ArrayLike<number>,
  predictedLabels: ArrayLike<number>,
  datesOfBirth?: readonly (string | null)[],
): LinkageScores {
  const n = truthLabels.length;
  if (predictedLabels.length !== n) throw new Error('truth and prediction differ in length');
  const truth = dense(truthLabels);
  const predicted = dense(predictedLabels);
  const trueSize = new Int32Array(truth.count);
  for (const t of truth.ids) trueSize[t]!++;
  const { order, start } = groups(predicted.ids, predicted.count);

  let truePairs = 0;
  for (const s of trueSize) truePairs += pairs(s);
  let predictedPairs = 0;
  let agreeing = 0;
  let bcubedPrecision = 0;
  let bcubedRecall = 0;
  let falseMerges = 0;
  let mixed = 0;
  // Per predicted cluster, the count of each true person in it (scratch array, reset after).
  const inCluster = new Int32Array(truth.count);
  const touched: number[] = [];
  for (let c = 0; c < predicted.count; c++) {
    const size = start[c + 1]! - start[c]!;
    predictedPairs += pairs(size);
    for (let k = start[c]!; k < start[c + 1]!; k++) {
      const t = truth.ids[order[k]!]!;
      if (inCluster[t] === 0) touched.push(t);
      inCluster[t]!++;
    }
    for (const t of touched) {
      const nij = inCluster[t]!;
      agreeing += pairs(nij);
      bcubedPrecision += (nij * nij) / size;
      bcubedRecall += (nij * nij) / trueSize[t]!;
      inCluster[t] = 0;
    }
    if (touched.length > 1) {
      mixed++;
      if (datesOfBirth) {
        const members: number[] = [];
        for (let k = start[c]!; k < start[c + 1]!; k++) members.push(order[k]!);
        falseMerges += differentDobPairs(members, truth.ids, datesOfBirth);
      }
    }
    touched.length = 0;
  }
  const precision = predictedPairs === 0 ? 1 : agreeing / predictedPairs;
  const recall = truePairs === 0 ? 1 : agreeing / truePairs;
  const bp = n === 0 ? 1 : bcubedPrecision / n;
  const br = n === 0 ? 1 : bcubedRecall / n;
  return {
    records: n,
    truePersons: truth.count,
    predictedPersons: predicted.count,
    pairwise: {
      precision,
      recall,
      f1: f1(precision, recall),
      truePositives: agreeing,
      falsePositives: predictedPairs - agreeing,
      falseNegatives: truePairs - agreeing,
    },
    bcubed: { precision: bp, recall: br, f1: f1(bp, br) },
    falseMergesDifferentDob: falseMerges,
    mixedPersons: mixed,
  };
}
