import { compareDateCodes, DATE_LEVELS, datesConflict } from './dates';

/**
 * Pairwise links into persons by union–find, strongest link first, with two constraints that
 * keep linking from being transitive where it must not be: two groups are never joined when a
 * date of birth in one differs from a date in the other beyond a typo (`datesConflict`, unless
 * a third date in the groups is one typo from both),
 * or when one holds a man and the other a woman. So A–B and B–C links cannot put A and C, born
 * years apart, into one person through a B whose date is missing or ambiguous.
 */

const DIFFERENT = DATE_LEVELS.indexOf('different');
const TYPOS = new Set(
  ['exact', 'swapped-day-month', 'one-digit'].map((l) => DATE_LEVELS.indexOf(l as never)),
);
const oneTypo = (level: number) => TYPOS.has(level);
const ONE_DIGIT = DATE_LEVELS.indexOf('one-digit');

/**
 * Two patronymic keys (three letters, 5 bits each; 0: none) that differ in two letters or more:
 * two fathers' names. One letter apart is a typo (Ilkhomovna, Ilkomovna).
 */
export function patronymicsConflict(x: number, y: number): boolean {
  if (x === 0 || y === 0) return false;
  let differing = 0;
  for (let k = 0; k < 3; k++, x >>>= 5, y >>>= 5) if ((x & 31) !== (y & 31)) differing++;
  return differing >= 2;
}

export interface Links {
  a: Int32Array;
  b: Int32Array;
  /** Link order: strongest first (deterministic rules before scores). */
  order: Int32Array;
  length: number;
}

/**
 * Links of a record without a full date of birth to a dated record, held apart from `Links`:
 * such a record cannot tell namesakes apart, so it joins a group only when one group stands out
 * (`attachUndated`).
 */
export interface UndatedLinks {
  /** The record without a full date, and the dated record it was compared with. */
  record: Int32Array;
  partner: Int32Array;
  /** The pair's match weight (bits). */
  weight: Float64Array;
  length: number;
  /** Weight the best group needs to be joined at all. */
  threshold: number;
  /** Bits by which the best group must outweigh any other group the record links to. */
  margin: number;
}

export interface Clusters {
  personOf: Int32Array;
  persons: number;
  /** Links not followed because of the constraints. */
  refused: number;
}

export function clusterLinks(
  size: number,
  dates: Int32Array,
  sex: Uint8Array,
  links: Links,
  undated?: UndatedLinks,
  patronymics?: Int32Array,
): Clusters {
  const parent = new Int32Array(size);
  const rank = new Uint8Array(size);
  // Each group's distinct dates of birth: a list through `next`, from `head` to `tail`.
  const head = new Int32Array(size).fill(-1);
  const tail = new Int32Array(size).fill(-1);
  const next = new Int32Array(size).fill(-1);
  // Records in the group holding each listed date (by the date's first record).
  const attested = new Int32Array(size);
  const sexes = new Uint8Array(size);
  // Each group's patronymic key (`patronymicKey`), 0 while none of its records gives one.
  const fathers = patronymics ? patronymics.slice() : new Int32Array(size);
  for (let r = 0; r < size; r++) {
    parent[r] = r;
    attested[r] = 1;
    if (dates[r] !== 0) head[r] = tail[r] = r;
    sexes[r] = sex[r] === 0 ? 0 : 1 << (sex[r]! - 1);
  }
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  /** Some date of either group is one typo from both p and q (the date they were typed from). */
  const bridged = (x: number, y: number, p: number, q: number): boolean => {
    for (const g of [x, y])
      for (let z = head[g]!; z !== -1; z = next[z]!)
        if (
          oneTypo(compareDateCodes(dates[z]!, dates[p]!)) &&
          oneTypo(compareDateCodes(dates[z]!, dates[q]!))
        )
          return true;
    return false;
  };
  const compatible = (x: number, y: number): boolean => {
    if ((sexes[x]! | sexes[y]!) === 3) return false;
    // Two fathers' names: Oles Hryhoriiovych and Oles Vladyslavovych are two persons.
    if (patronymicsConflict(fathers[x]!, fathers[y]!)) return false;
    for (let p = head[x]!; p !== -1; p = next[p]!)
      for (let q = head[y]!; q !== -1; q = next[q]!) {
        const level = compareDateCodes(dates[p]!, dates[q]!);
        if (level === DIFFERENT) return false;
        // A one-digit typo is rarely made twice alike: two dates one digit apart, each given by
        // two or more records, are two persons' dates (namesakes born 1992 and 1998), not a typo.
        if (level === ONE_DIGIT && attested[p]! > 1 && attested[q]! > 1) return false;
        // Two typos of one date (1985-04-13, 1985-05-12) differ by two digits: allowed only with
        // the date both were typed from (1985-04-12) in one of the groups.
        if (datesConflict(level) && !bridged(x, y, p, q)) return false;
      }
    return true;
  };
  /** Move y's dates onto x's list, leaving out those x already holds. */
  const mergeDates = (x: number, y: number) => {
    for (let q = head[y]!; q !== -1;) {
      const following = next[q]!;
      let held = false;
      for (let p = head[x]!; p !== -1 && !held; p = next[p]!)
        if (dates[p] === dates[q]) {
          held = true;
          attested[p]! += attested[q]!;
        }
      if (!held) {
        next[q] = -1;
        if (tail[x] === -1) head[x] = q;
        else next[tail[x]!] = q;
        tail[x] = q;
      }
      q = following;
    }
    head[y] = tail[y] = -1;
  };

  const join = (x: number, y: number) => {
    if (rank[x]! < rank[y]!) [x, y] = [y, x];
    parent[y] = x;
    if (rank[x] === rank[y]) rank[x]!++;
    sexes[x]! |= sexes[y]!;
    if (fathers[x] === 0) fathers[x] = fathers[y]!;
    mergeDates(x, y);
  };

  let refused = 0;
  for (let k = 0; k < links.length; k++) {
    const link = links.order[k]!;
    const x = find(links.a[link]!);
    const y = find(links.b[link]!);
    if (x === y) continue;
    if (!compatible(x, y)) {
      refused++;
      continue;
    }
    join(x, y);
  }
  if (undated) refused += attachUndated(size, undated, find, compatible, join);

  // Persons numbered in the order their first record appears.
  const personOf = new Int32Array(size).fill(-1);
  const numberOf = new Int32Array(size).fill(-1);
  let persons = 0;
  for (let r = 0; r < size; r++) {
    const root = find(r);
    if (numberOf[root] === -1) numberOf[root] = persons++;
    personOf[r] = numberOf[root]!;
  }
  return { personOf, persons, refused };
}

/**
 * After the dated groups are formed, each record without a full date joins the group it links to
 * most strongly, but only when that group outweighs every other group it links to by
 * `margin` bits. An undated Oleksandr Kovalenko linked about equally to two Oleksandr Kovalenkos
 * born years apart could be either: left alone it is a duplicate an officer can merge, joined to
 * the wrong one it attaches a stranger's history (issue 7 puts false merges first). Returns the
 * records left alone for ambiguity or incompatibility.
 */
function attachUndated(
  size: number,
  u: UndatedLinks,
  find: (x: number) => number,
  compatible: (x: number, y: number) => boolean,
  join: (x: number, y: number) => void,
): number {
  // Links grouped by record (counting sort).
  const start = new Int32Array(size + 1);
  for (let k = 0; k < u.length; k++) start[u.record[k]! + 1]!++;
  for (let r = 0; r < size; r++) start[r + 1]! += start[r]!;
  const fill = start.slice(0, size);
  const byRecord = new Int32Array(u.length);
  for (let k = 0; k < u.length; k++) byRecord[fill[u.record[k]!]!++] = k;

  let refused = 0;
  for (let r = 0; r < size; r++) {
    const from = start[r]!;
    const to = start[r + 1]!;
    if (from === to) continue;
    const own = find(r);
    // The best and second-best weights over distinct groups other than the record's own.
    let best = -1;
    let bestWeight = -Infinity;
    let second = -Infinity;
    for (let x = from; x < to; x++) {
      const k = byRecord[x]!;
      const group = find(u.partner[k]!);
      if (group === own) continue;
      const w = u.weight[k]!;
      if (group === best) {
        if (w > bestWeight) bestWeight = w;
      } else if (w > bestWeight) {
        second = bestWeight;
        best = group;
        bestWeight = w;
      } else if (w > second) second = w;
    }
    if (best === -1 || bestWeight < u.threshold) continue;
    if (bestWeight - second < u.margin || !compatible(own, best)) {
      refused++;
      continue;
    }
    join(own, best);
  }
  return refused;
}
