import { candidatePairs, type CandidatePairs } from './candidates';
import { columnsOfPrepared, type Columns } from './columns';
import { FIELD, SIMPLE } from './compare';
import { DEFAULT_MODEL, FIELD_LEVELS } from './model';
import { levelOf, PairComparer, PATTERNS, SWAPPED } from './pair-compare';
import { PASSES, type BlockingPass } from './passes';
import type { PreparedRecord } from './prepare';
import { MATCH_FIELDS, type MatchModel } from './types';

/**
 * Estimating a match model from the data, without labels, the way Splink does:
 *
 * - u (how often two different persons agree at each level) from random pairs of records,
 *   nearly all of which are different persons;
 * - m (how often one person's records agree so) by expectation-maximisation over the pairs each
 *   blocking pass found, with u fixed and the fields the pass blocks on left out of that pass
 *   (its pairs agree on them by construction), then averaged over the passes weighted by the
 *   matches each expects;
 * - lambda (the prior that two random records match) as the expected number of matches among
 *   the candidate pairs over the number of all pairs, found by fixed-point iteration.
 *
 * EM runs on counts of distinct comparison patterns (a few thousand), not on pairs, so it takes
 * milliseconds whatever the number of pairs.
 */
export interface EstimateOptions {
  /** Random pairs for u (default 20 per record, at least 200 000, at most 1 000 000). */
  uSamples?: number;
  /** Of those, the pairs whose names are compared too (default 200 000). */
  uNameSamples?: number;
  maxIterations?: number;
  /** Converged when no m moves by more than this in an iteration (default 1e-6). */
  tolerance?: number;
  seed?: number;
  /** The m to start from, and the m of a field no pass can estimate (default DEFAULT_MODEL). */
  start?: MatchModel;
}

/** Probabilities per field per level (MATCH_FIELDS order), the "missing" level included. */
type Table = Float64Array<ArrayBufferLike>[];

const MISSING_LEVEL = FIELD_LEVELS.map((levels) => levels.indexOf('missing'));
const FIELDS = MATCH_FIELDS.length;
const SAME = SIMPLE.exact;
const emptyTable = (): Table => FIELD_LEVELS.map((levels) => new Float64Array(levels.length));

/**
 * Counts per level as probabilities: each level's share among the non-missing levels (a missing
 * value agrees on nothing and weighs 0), and "missing" as its share of all, for the record.
 */
function shares(t: Table): Table {
  return t.map((levels, f) => {
    let present = 0;
    let all = 0;
    levels.forEach((v, l) => {
      all += v;
      if (l !== MISSING_LEVEL[f]) present += v;
    });
    return levels.map((v, l) =>
      l === MISSING_LEVEL[f] ? (all === 0 ? 0 : v / all) : present === 0 ? 0 : v / present,
    );
  });
}

function tableOf(model: MatchModel, key: 'm' | 'u'): Table {
  return MATCH_FIELDS.map((field, f) => {
    const params = model.fields.find((p) => p.field === field);
    return Float64Array.from(
      FIELD_LEVELS[f]!,
      (level) => params?.levels.find((x) => x.level === level)?.[key] ?? 0,
    );
  });
}

/** A small seeded generator (xorshift32) for sampling pairs reproducibly. */
function random(seed: number): () => number {
  let s = seed >>> 0 || 0x9e3779b9;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 4294967296;
  };
}

/** u among all pairs, and among pairs of one nationality (see `LevelParameters`). */
export interface UTables {
  all: Table;
  sameNationality: Table;
}

/** Records grouped by nationality: `order` from `start[id]` to `start[id + 1]`. */
function byNationality(c: Columns): { start: Int32Array; order: Int32Array } {
  let ids = 0;
  for (const id of c.nationality) ids = Math.max(ids, id + 1);
  const start = new Int32Array(ids + 1);
  for (const id of c.nationality) start[id + 1]!++;
  for (let id = 0; id < ids; id++) start[id + 1]! += start[id]!;
  const at = start.slice(0, ids);
  const order = new Int32Array(c.size);
  for (let r = 0; r < c.size; r++) order[at[c.nationality[r]!]!++] = r;
  return { start, order };
}

/**
 * u per level from random pairs, smoothed so that no level has u 0: pairs of any two records,
 * and pairs of two records of one (known) nationality. Names cost far more to compare than the
 * other fields, so they are compared on the first `nameSamples` pairs only; the rest still
 * estimate the dates, whose exact level is rare (about 1 in 20 000).
 */
export function estimateU(
  c: Columns,
  comparer: PairComparer,
  samples: number,
  nameSamples: number,
  seed: number,
): UTables {
  const next = random(seed);
  const n = c.size;
  const groups = byNationality(c);
  const count = (sameNationality: boolean): Table => {
    const counts = emptyTable();
    for (let s = 0; s < samples && n > 1; s++) {
      const i = Math.floor(next() * n);
      let j: number;
      if (sameNationality) {
        const id = c.nationality[i]!;
        const from = groups.start[id]!;
        const size = groups.start[id + 1]! - from;
        if (id === 0 || size < 2) continue;
        j = groups.order[from + Math.floor(next() * size)]!;
        if (j === i) continue;
      } else {
        j = Math.floor(next() * (n - 1));
        if (j >= i) j++;
      }
      const names = s < nameSamples;
      const pattern = comparer.compare(i, j, names) & (SWAPPED - 1);
      for (let f = 0; f < counts.length; f++)
        if (names || (f !== FIELD.surname && f !== FIELD.givenNames))
          counts[f]![levelOf(pattern, f)]!++;
    }
    // Half a pair added to every level, so that a level no random pair reached is rare, not impossible.
    return shares(counts.map((levels) => levels.map((v) => v + 0.5)));
  };
  const all = count(false);
  const sameNationality = count(true);
  return { all, sameNationality };
}

/** Distinct patterns with their counts, and each pattern's level per field (row by row). */
interface PatternCounts {
  patterns: Int32Array;
  levels: Uint8Array;
  counts: Float64Array;
  total: number;
}

function countPatterns(pairs: CandidatePairs, pass: number | null): PatternCounts {
  const counts = new Float64Array(PATTERNS);
  for (let k = 0; k < pairs.length; k++)
    if (pass === null || pairs.flags[k]! & (1 << pass)) counts[pairs.pattern[k]!]!++;
  const patterns: number[] = [];
  const values: number[] = [];
  let total = 0;
  counts.forEach((v, p) => {
    if (v > 0) {
      patterns.push(p);
      values.push(v);
      total += v;
    }
  });
  const levels = new Uint8Array(patterns.length * FIELDS);
  patterns.forEach((p, k) => {
    for (let f = 0; f < FIELDS; f++) levels[k * FIELDS + f] = levelOf(p, f);
  });
  return { patterns: Int32Array.from(patterns), levels, counts: Float64Array.from(values), total };
}

/** log2 of the Bayes factor of each pattern over the given fields, missing levels left out. */
function bayesFactors(pc: PatternCounts, m: Table, u: UTables, fields: number[]): Float64Array {
  const logRatios = (t: Table) =>
    m.map((levels, f) =>
      levels.map((v, l) =>
        l === MISSING_LEVEL[f] ? 0 : Math.log2(Math.max(v, 1e-12) / Math.max(t[f]![l]!, 1e-12)),
      ),
    );
  const all = logRatios(u.all);
  const same = logRatios(u.sameNationality);
  same[FIELD.nationality] = all[FIELD.nationality]!;
  const out = new Float64Array(pc.patterns.length);
  for (let k = 0; k < pc.patterns.length; k++) {
    const weights = pc.levels[k * FIELDS + FIELD.nationality] === SAME ? same : all;
    let w = 0;
    for (const f of fields) w += weights[f]![pc.levels[k * FIELDS + f]!]!;
    out[k] = w;
  }
  return out;
}

interface Session {
  m: Table;
  lambda: number;
  fields: number[];
  expectedMatches: number;
  iterations: number;
  converged: boolean;
}

/** EM for m (u fixed) on one pass's pairs, over the fields the pass does not block on. */
function emSession(
  pc: PatternCounts,
  fields: number[],
  start: Table,
  u: UTables,
  options: Required<Pick<EstimateOptions, 'maxIterations' | 'tolerance'>>,
): Session {
  let m: Table = start.map((l) => l.slice());
  let lambda = 0.5;
  let expected = 0;
  for (let iteration = 1; iteration <= options.maxIterations; iteration++) {
    const w = bayesFactors(pc, m, u, fields);
    const next = emptyTable();
    expected = 0;
    for (let k = 0; k < pc.patterns.length; k++) {
      const odds = (lambda / (1 - lambda)) * Math.pow(2, w[k]!);
      const g = Number.isFinite(odds) ? odds / (1 + odds) : 1;
      const weight = g * pc.counts[k]!;
      expected += weight;
      for (const f of fields) next[f]![pc.levels[k * FIELDS + f]!]! += weight;
    }
    const estimated = shares(next.map((levels) => levels.map((v) => v + 1e-9)));
    let change = 0;
    for (const f of fields)
      estimated[f]!.forEach((v, l) => (change = Math.max(change, Math.abs(v - m[f]![l]!))));
    const nextLambda = Math.min(Math.max(expected / pc.total, 1e-9), 1 - 1e-9);
    change = Math.max(change, Math.abs(nextLambda - lambda));
    m = m.map((levels, f) => (fields.includes(f) ? estimated[f]! : levels));
    lambda = nextLambda;
    if (change < options.tolerance)
      return {
        m,
        lambda,
        fields,
        expectedMatches: expected,
        iterations: iteration,
        converged: true,
      };
  }
  return {
    m,
    lambda,
    fields,
    expectedMatches: expected,
    iterations: options.maxIterations,
    converged: false,
  };
}

/**
 * m of each given-name level per surname level, from the anchor pass's matches: one source
 * writes both names the same way (both in Cyrillic, both by one system), so a pair whose surnames
 * agree exactly has given names that agree exactly far more often than the two m's multiplied
 * say. Drawn towards the plain m by a few pseudo-matches where a surname level is rare.
 */
function givenGivenSurname(
  pc: PatternCounts,
  session: Session,
  m: Table,
  u: UTables,
): Float64Array[] {
  const all = MATCH_FIELDS.map((_, f) => f).filter((f) => session.fields.includes(f));
  const w = bayesFactors(pc, session.m, u, all);
  const levels = FIELD_LEVELS[FIELD.givenNames]!.length;
  const joint = FIELD_LEVELS[FIELD.surname]!.map(() => new Float64Array(levels));
  for (let k = 0; k < pc.patterns.length; k++) {
    const odds = (session.lambda / (1 - session.lambda)) * Math.pow(2, w[k]!);
    const g = Number.isFinite(odds) ? odds / (1 + odds) : 1;
    joint[pc.levels[k * FIELDS + FIELD.surname]!]![pc.levels[k * FIELDS + FIELD.givenNames]!]! +=
      g * pc.counts[k]!;
  }
  const plain = m[FIELD.givenNames]!;
  const missing = MISSING_LEVEL[FIELD.givenNames]!;
  return joint.map((row, ls) => {
    if (ls === MISSING_LEVEL[FIELD.surname]) return plain.slice();
    let total = 0;
    row.forEach((v, l) => (total += l === missing ? 0 : v));
    return plain.map((p, l) =>
      l === missing ? p : (row[l]! + PSEUDO_MATCHES * p) / (total + PSEUDO_MATCHES),
    );
  });
}

/** Pseudo-matches drawing the given names' m per surname level towards the plain m. */
const PSEUDO_MATCHES = 20;

/** The prior that two random records match: expected matches among candidates over all pairs. */
function estimateLambda(all: PatternCounts, m: Table, u: UTables, records: number): number {
  const fields = MATCH_FIELDS.map((_, f) => f);
  const w = bayesFactors(all, m, u, fields);
  const pairs = (records * (records - 1)) / 2;
  let lambda = Math.min(all.total / Math.max(pairs, 1), 0.5);
  for (let iteration = 0; iteration < 200; iteration++) {
    let expected = 0;
    for (let k = 0; k < w.length; k++) {
      const odds = (lambda / (1 - lambda)) * Math.pow(2, w[k]!);
      expected += all.counts[k]! * (Number.isFinite(odds) ? odds / (1 + odds) : 1);
    }
    const next = Math.min(Math.max(expected / Math.max(pairs, 1), 1e-12), 0.5);
    if (Math.abs(next - lambda) <= lambda * 1e-9) return next;
    lambda = next;
  }
  return lambda;
}

/** The model from candidate pairs already found and compared (the linker's path). */
export function estimateFromPairs(
  c: Columns,
  comparer: PairComparer,
  pairs: CandidatePairs,
  options: EstimateOptions = {},
  passes: BlockingPass[] = PASSES,
): MatchModel {
  const start = options.start ?? DEFAULT_MODEL;
  const settings = {
    maxIterations: options.maxIterations ?? 100,
    tolerance: options.tolerance ?? 1e-6,
  };
  const n = c.size;
  const pairCount = Math.max(1, (n * (n - 1)) / 2);
  // About twenty random pairs per record, between 200 000 and 1 000 000 (each for all pairs and
  // for pairs of one nationality): enough for the rarest level, an exact date (about 1 in 20 000).
  const samples = Math.min(
    options.uSamples ?? Math.min(Math.max(20 * n, 200_000), 1_000_000),
    pairCount,
  );
  const nameSamples = Math.min(options.uNameSamples ?? 200_000, samples);
  const u = estimateU(c, comparer, samples, nameSamples, options.seed ?? 1);
  const startM = tableOf(start, 'm');

  const sessions = passes.map((pass, p) => {
    const fields = MATCH_FIELDS.map((_, f) => f).filter((f) => !pass.fixes.includes(f));
    return emSession(countPatterns(pairs, p), fields, startM, u, settings);
  });
  // Each field's m: from an anchor pass with enough matches, else the sessions that estimated
  // it, weighted by the matches each expects.
  const anchor = sessions.find((s, p) => passes[p]!.anchor && s.expectedMatches >= ANCHOR_MATCHES);
  const m = startM.map((levels, f) => {
    if (anchor?.fields.includes(f)) return anchor.m[f]!;
    const using = sessions.filter((s) => s.fields.includes(f) && s.expectedMatches >= 1);
    const total = using.reduce((sum, s) => sum + s.expectedMatches, 0);
    if (total === 0) return levels;
    return levels.map(
      (_, l) => using.reduce((sum, s) => sum + s.m[f]![l]! * s.expectedMatches, 0) / total,
    );
  });
  floorM(m);
  const givenBySurname = anchor
    ? givenGivenSurname(
        countPatterns(pairs, passes.indexOf(passes.find((p) => p.anchor)!)),
        anchor,
        m,
        u,
      )
    : null;
  const lambda = estimateLambda(countPatterns(pairs, null), m, u, n);
  return {
    version: 1,
    lambda,
    fields: MATCH_FIELDS.map((field, f) => ({
      field,
      levels: FIELD_LEVELS[f]!.map((level, l) => ({
        level,
        m: m[f]![l]!,
        u: u.all[f]![l]!,
        ...(f === FIELD.nationality ? {} : { uSameNationality: u.sameNationality[f]![l]! }),
        ...(f === FIELD.givenNames && givenBySurname
          ? { mGivenSurname: givenBySurname.map((row) => row[l]!) }
          : {}),
      })),
    })),
    trainedOn: {
      records: n,
      pairs: pairs.length,
      iterations: Math.max(0, ...sessions.map((s) => s.iterations)),
      converged: sessions.every((s) => s.converged),
    },
  };
}

/**
 * No level's m below this: a level no match showed in the training data (nationality changed,
 * sex recorded wrongly) still happens in real data, and must weigh heavily, not infinitely.
 */
const M_FLOOR = 0.001;

function floorM(m: Table): void {
  m.forEach((levels, f) => {
    let sum = 0;
    levels.forEach((v, l) => {
      if (l === MISSING_LEVEL[f]) return;
      levels[l] = Math.max(v, M_FLOOR);
      sum += levels[l]!;
    });
    levels.forEach((v, l) => {
      if (l !== MISSING_LEVEL[f]) levels[l] = v / sum;
    });
  });
}

/** Expected matches an anchor pass needs before its estimate is preferred. */
const ANCHOR_MATCHES = 200;

/** Block sizes the estimate compares in full; larger blocks are compared within a window. */
export const BLOCK_CAP = 64;
export const BLOCK_WINDOW = 16;

/**
 * Estimate a match model from prepared records, without labels: blocking as the linker does it,
 * then u from random pairs, m by EM, lambda (see the module comment).
 */
export function estimateModel(
  records: PreparedRecord[],
  options: EstimateOptions = {},
): MatchModel {
  const c = columnsOfPrepared(records);
  const comparer = new PairComparer(c);
  const pairs = candidatePairs(c, comparer, { cap: BLOCK_CAP, window: BLOCK_WINDOW });
  return estimateFromPairs(c, comparer, pairs, options);
}
