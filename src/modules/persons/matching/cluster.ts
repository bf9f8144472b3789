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

export interface Links {
  a: Int32Array;
  b: Int32Array;
  /** Link order: strongest first (deterministic rules before scores). */
  order: Int32Array;
  length: number;
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
): Clusters {
  const parent = new Int32Array(size);
  const rank = new Uint8Array(size);
  // Each group's distinct dates of birth: a list through `next`, from `head` to `tail`.
  const head = new Int32Array(size).fill(-1);
  const tail = new Int32Array(size).fill(-1);
  const next = new Int32Array(size).fill(-1);
  const sexes = new Uint8Array(size);
  for (let r = 0; r < size; r++) {
    parent[r] = r;
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
    for (let p = head[x]!; p !== -1; p = next[p]!)
      for (let q = head[y]!; q !== -1; q = next[q]!) {
        const level = compareDateCodes(dates[p]!, dates[q]!);
        if (level === DIFFERENT) return false;
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
      for (let p = head[x]!; p !== -1 && !held; p = next[p]!) held = dates[p] === dates[q];
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

  let refused = 0;
  for (let k = 0; k < links.length; k++) {
    const link = links.order[k]!;
    let x = find(links.a[link]!);
    let y = find(links.b[link]!);
    if (x === y) continue;
    if (!compatible(x, y)) {
      refused++;
      continue;
    }
    if (rank[x]! < rank[y]!) [x, y] = [y, x];
    parent[y] = x;
    if (rank[x] === rank[y]) rank[x]!++;
    sexes[x]! |= sexes[y]!;
    mergeDates(x, y);
  }

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
