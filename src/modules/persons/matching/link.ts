import { candidatePairs, SWAPPED_FLAG } from './candidates';
import { clusterLinks, type UndatedLinks } from './cluster';
import { columnsOfRecords, type Columns } from './columns';
import { DOCUMENT, NAME, SIMPLE } from './compare';
import { BLOCK_CAP, BLOCK_WINDOW, estimateFromPairs } from './em';
import {
  compileModel,
  FIELD_LEVELS,
  nameWeights,
  ruleOf,
  vetoOf,
  weightTable,
  exactLevelU,
  TF_PRIOR_RECORDS,
  type CompiledModel,
} from './model';
import { levelOf, PairComparer, PATTERNS } from './pair-compare';
import { FIELD } from './compare';
import { spellingSkeleton } from './normalise';
import type { IdentityRecord, MatchModel } from './types';

/**
 * Batch record linkage (`persons:link`, the benchmark): prepare the records into columns, find
 * candidate pairs by blocking, estimate the model on them (unless one is given), score every
 * candidate (same document first, vetoes, Fellegi–Sunter weight with term frequencies), and
 * cluster the links into persons without joining groups whose dates of birth differ.
 */
export interface LinkOptions {
  /** A model to score with; by default one is estimated on the records themselves. */
  model?: MatchModel;
  /** Pairs at or above this match probability are linked (default 0.5). */
  linkProbability?: number;
  onProgress?: (stage: string, done: number, total: number) => void;
}

export interface LinkResult {
  /** The person (0 … persons − 1) of each record, by index. */
  personOf: Int32Array;
  persons: number;
  pairsCompared: number;
  pairsLinked: number;
  model: MatchModel;
  /** Seconds per stage: prepare, block, estimate, score, cluster. */
  seconds: Record<string, number>;
}

/** Links are ordered by weight in hundredths of a bit, from MAX_WEIGHT down. */
const MAX_WEIGHT = 200;
const BUCKETS = MAX_WEIGHT * 200;

/** Link indexes by bucket (counting sort: linear, stable, so ties keep the order pairs were found). */
function strongestFirst(bucket: Int32Array, length: number): Int32Array {
  const start = new Int32Array(BUCKETS + 3);
  for (let l = 0; l < length; l++) start[bucket[l]! + 1]!++;
  for (let b = 0; b < BUCKETS + 2; b++) start[b + 1]! += start[b]!;
  const order = new Int32Array(length);
  for (let l = 0; l < length; l++) order[start[bucket[l]!]!++] = l;
  return order;
}

/**
 * Bits by which a record without a full date of birth must link more strongly to one group than
 * to any other before it joins it (`cluster.ts`, `attachUndated`).
 */
export const UNDATED_MARGIN = 4;

/**
 * How far below the link threshold a record without a full date may still join its one clear
 * group: with no rival within UNDATED_MARGIN bits, the namesakes the threshold guards against
 * were looked for among the candidates and not found.
 */
export const UNDATED_LOWER_BITS = 3;

function pushUndated(u: UndatedLinks, record: number, partner: number, weight: number): void {
  if (u.length === u.record.length) {
    const grow = <T extends Int32Array | Float64Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(a.length * 2);
      b.set(a);
      return b;
    };
    u.record = grow(u.record);
    u.partner = grow(u.partner);
    u.weight = grow(u.weight);
  }
  u.record[u.length] = record;
  u.partner[u.length] = partner;
  u.weight[u.length++] = weight;
}

const VETO = 1;
const RULE = 2;

/** Weight and rule/veto flags per pattern, so that scoring a pair is two lookups. */
function patternTables(c: CompiledModel): { weight: Float64Array; flags: Uint8Array } {
  const weight = new Float64Array(PATTERNS);
  const flags = new Uint8Array(PATTERNS);
  const levels = new Uint8Array(FIELD_LEVELS.length);
  for (let p = 0; p < PATTERNS; p++) {
    let w = c.prior;
    for (let f = 0; f < levels.length; f++) levels[f] = levelOf(p, f);
    const weights = weightTable(c, levels[FIELD.nationality]!, levels[FIELD.surname]!);
    for (let f = 0; f < levels.length; f++) w += weights[f]![levels[f]!]!;
    weight[p] = w;
    flags[p] = (vetoOf(levels) ? VETO : 0) | (ruleOf(levels) ? RULE : 0);
  }
  return { weight, flags };
}

/**
 * How often each name occurs (by term-frequency key: any spelling of it), as a surname and as
 * given names, among all records and among each nationality's, and full names (in a map).
 * Arrays by id, so that scoring a pair only reads them.
 */
class TermCounts {
  /** Records per nationality id (0: all records). */
  readonly totals: Int32Array;
  private readonly nations: number;
  /** [surname, given names]: count per term-frequency key id × nations + nation. */
  private readonly single: [Int32Array, Int32Array];
  /** Full names: count per (surname key × names + given key) × nations + nation. */
  private readonly full = new Map<number, number>();

  constructor(private readonly c: Columns) {
    let nations = 1;
    for (const id of c.nationality) nations = Math.max(nations, id + 1);
    this.nations = nations;
    this.totals = new Int32Array(nations);
    const names = c.names.length;
    this.single = [new Int32Array(names * nations), new Int32Array(names * nations)];
    const [surnames, givens] = this.single;
    for (let r = 0; r < c.size; r++) {
      const nation = c.nationality[r]!;
      const s = c.surname[r]!;
      const g = c.givenNames[r]!;
      const sk = c.tfKey[s]!;
      const gk = c.tfKey[g]!;
      for (let pass = 0; pass < (nation === 0 ? 1 : 2); pass++) {
        const at = pass === 0 ? 0 : nation;
        this.totals[at]!++;
        if (s !== 0) surnames[sk * nations + at]!++;
        if (g !== 0) givens[gk * nations + at]!++;
        if (s !== 0 && g !== 0) {
          const key = (sk * names + gk) * nations + at;
          this.full.set(key, (this.full.get(key) ?? 0) + 1);
        }
      }
    }
  }

  /** Share drawn towards `prior` (the model's u) by TF_PRIOR_RECORDS pseudo-records. */
  private share(count: number, nation: number, prior: number): number {
    const share =
      (Math.max(count, 1) + prior * TF_PRIOR_RECORDS) / (this.totals[nation]! + TF_PRIOR_RECORDS);
    return Math.min(share, 1);
  }

  /** The higher share of two names x and y (name ids) in a field (0 surname, 1 given names). */
  name(field: number, x: number, y: number, nation: number, prior: number): number {
    const counts = this.single[field]!;
    const k = this.c.tfKey;
    const count = Math.max(
      counts[k[x]! * this.nations + nation]!,
      counts[k[y]! * this.nations + nation]!,
    );
    return this.share(count, nation, prior);
  }

  /** The higher share of two full names (surname and given-name ids of each record). */
  fullName(si: number, gi: number, sj: number, gj: number, nation: number, prior: number): number {
    const names = this.c.names.length;
    const k = this.c.tfKey;
    const key = (s: number, g: number) => (k[s]! * names + k[g]!) * this.nations + nation;
    const count = Math.max(this.full.get(key(si, gi)) ?? 0, this.full.get(key(sj, gj)) ?? 0);
    return this.share(count, nation, prior);
  }
}

/**
 * Per record, a key of the patronymic given with the given names (the father's name: the first
 * three consonants of its spelling skeleton, so that Hryhoriiovych and Grigorievich, Oleksandrovych
 * and Aleksandrovich agree), 5 bits a letter; 0 when none is given. Clustering never joins two
 * groups whose keys differ in two letters or more (`patronymicsConflict`). A patronymic-like word
 * in the surname field (Khomyshyn-Lobodovych) is not taken for one.
 */
function patronymicKeys(c: Columns): Int32Array {
  const ofName = c.names.map((name) => {
    const patronymic = name.patronymics[0];
    if (!patronymic) return 0;
    const consonants = spellingSkeleton(patronymic).replace(/[^b-df-hj-np-tv-z]/g, '');
    let key = 0;
    for (let k = 0; k < 3; k++) key = key * 32 + (consonants.charCodeAt(k) - 96 || 31);
    return consonants ? key : 0;
  });
  return Int32Array.from(c.givenNames, (g) => ofName[g]!);
}

export function linkRecords(records: IdentityRecord[], options: LinkOptions = {}): LinkResult {
  const seconds: Record<string, number> = {};
  const progress = options.onProgress ?? (() => undefined);
  let started = performance.now();
  const stage = (name: string) => {
    const now = performance.now();
    seconds[name] = (now - started) / 1000;
    started = now;
  };

  progress('prepare', 0, records.length);
  const c = columnsOfRecords(records);
  stage('prepare');
  progress('prepare', records.length, records.length);

  const comparer = new PairComparer(c);
  const pairs = candidatePairs(c, comparer, {
    cap: BLOCK_CAP,
    window: BLOCK_WINDOW,
    onPass: (_pass, done, total) => progress('block', done, total),
  });
  stage('block');

  progress('estimate', 0, 1);
  const model = options.model ?? estimateFromPairs(c, comparer, pairs);
  stage('estimate');
  progress('estimate', 1, 1);

  progress('score', 0, pairs.length);
  const compiled = compileModel(model);
  const tables = patternTables(compiled);
  const counts = new TermCounts(c);
  // The u of agreeing exactly on each field, among all pairs and among one nationality's.
  const exactU = exactLevelU(model, false);
  const exactUSame = exactLevelU(model, true);
  const p = options.linkProbability ?? 0.5;
  const threshold = Math.log2(p / (1 - p));
  // A record without a full date linked to a dated one waits for the dated groups
  // (`UndatedLinks`); rivals down to UNDATED_MARGIN bits below the lowered threshold are kept,
  // so that a namesake just under it still counts against the best group.
  const undated = {
    record: new Int32Array(1024),
    partner: new Int32Array(1024),
    weight: new Float64Array(1024),
    length: 0,
    threshold: threshold - UNDATED_LOWER_BITS,
    margin: UNDATED_MARGIN,
  };
  const linkA = new Int32Array(pairs.length);
  const linkB = new Int32Array(pairs.length);
  const bucket = new Int32Array(pairs.length);
  let linked = 0;
  for (let k = 0; k < pairs.length; k++) {
    const pattern = pairs.pattern[k]!;
    const flags = tables.flags[pattern]!;
    if (flags & VETO) continue;
    const i = pairs.a[k]!;
    const j = pairs.b[k]!;
    let w = tables.weight[pattern]!;
    if (!(flags & RULE)) {
      const swapped = (pairs.flags[k]! & SWAPPED_FLAG) !== 0;
      const ls = levelOf(pattern, FIELD.surname);
      const lg = levelOf(pattern, FIELD.givenNames);
      if (ls <= NAME.transliterationEqual || lg <= NAME.transliterationEqual) {
        // With the names the other way round, i's surname was compared with j's given names.
        const si = c.surname[i]!;
        const gi = c.givenNames[i]!;
        const sj = swapped ? c.givenNames[j]! : c.surname[j]!;
        const gj = swapped ? c.surname[j]! : c.givenNames[j]!;
        const nl = levelOf(pattern, FIELD.nationality);
        const nation = nl === SIMPLE.exact ? c.nationality[i]! : 0;
        const weights = weightTable(compiled, nl, ls);
        const u = nl === SIMPLE.exact ? exactUSame : exactU;
        const names = nameWeights(
          weights,
          compiled,
          ls,
          lg,
          counts.name(0, si, sj, nation, u[FIELD.surname]!),
          counts.name(1, gi, gj, nation, u[FIELD.givenNames]!),
          counts.fullName(si, gi, sj, gj, nation, u[FIELD.surname]! * u[FIELD.givenNames]!),
        );
        w += names.surname - weights[FIELD.surname]![ls]!;
        w += names.givenNames - weights[FIELD.givenNames]![lg]!;
      }
      // Twins and siblings share surname, date or year, place and nationality: given names
      // with nothing in common (not even a phonetic code) are the one thing telling them apart,
      // and EM, seeing them among blocked pairs, weighs that too lightly. The register sends such
      // a pair to an officer's review; the batch linker, having no review, links it only by the
      // document.
      if (
        levelOf(pattern, FIELD.givenNames) === NAME.different &&
        levelOf(pattern, FIELD.document) !== DOCUMENT.exact
      )
        continue;
      const di = c.dateOfBirth[i]! % 10000 === 0;
      const dj = c.dateOfBirth[j]! % 10000 === 0;
      if (di !== dj) {
        if (w >= undated.threshold - undated.margin)
          pushUndated(undated, di ? i : j, di ? j : i, w);
        continue;
      }
      if (w < threshold) continue;
    }
    linkA[linked] = i;
    linkB[linked] = j;
    bucket[linked] =
      flags & RULE ? 0 : 1 + Math.min(Math.max(Math.round((MAX_WEIGHT - w) * 100), 0), BUCKETS);
    linked++;
  }
  stage('score');
  progress('score', pairs.length, pairs.length);

  progress('cluster', 0, linked);
  const order = strongestFirst(bucket, linked);
  const clusters = clusterLinks(
    c.size,
    c.dateOfBirth,
    c.sex,
    {
      a: linkA,
      b: linkB,
      order,
      length: linked,
    },
    undated,
    patronymicKeys(c),
  );
  stage('cluster');
  progress('cluster', linked, linked);

  return {
    personOf: clusters.personOf,
    persons: clusters.persons,
    pairsCompared: pairs.length,
    pairsLinked: linked,
    model,
    seconds,
  };
}
