import type { Columns } from './columns';
import {
  compareNames,
  comparePlaces,
  DOCUMENT,
  FIELD,
  NAME,
  oneCharacterApart,
  SIMPLE,
} from './compare';
import { compareDateCodes } from './dates';
import { FIELD_LEVELS } from './model';
import { MATCH_FIELDS } from './types';

/**
 * The batch linker's pair comparison: the same levels as `comparePair`, on columns, with name
 * comparisons kept per pair of distinct names (most candidate pairs repeat a name pair already
 * compared). A comparison vector is coded as one integer, its "pattern": levels in mixed radix.
 */

/** Radix of each field (its number of levels) and the stride of its digit in a pattern. */
export const RADIX = Int32Array.from(FIELD_LEVELS.map((levels) => levels.length));
export const STRIDE = (() => {
  const s = new Int32Array(MATCH_FIELDS.length);
  let stride = 1;
  for (let f = 0; f < s.length; f++) {
    s[f] = stride;
    stride *= RADIX[f]!;
  }
  return s;
})();
/** The number of distinct patterns (fits in 17 bits). */
export const PATTERNS = STRIDE[MATCH_FIELDS.length - 1]! * RADIX[MATCH_FIELDS.length - 1]!;
/** Set above the pattern by `PairComparer.compare` when the names agreed better swapped. */
export const SWAPPED = 1 << 17;

export function levelOf(pattern: number, field: number): number {
  return ((pattern / STRIDE[field]!) | 0) % RADIX[field]!;
}

export function patternOf(levels: ArrayLike<number>): number {
  let p = 0;
  for (let f = 0; f < levels.length; f++) p += levels[f]! * STRIDE[f]!;
  return p;
}

/** A memo of small integers per unordered pair of ids, open addressing in typed arrays. */
export class PairMemo {
  private a: Int32Array;
  private b: Int32Array;
  private v: Int8Array;
  private used = 0;

  constructor(capacity = 1 << 16) {
    this.a = new Int32Array(capacity).fill(-1);
    this.b = new Int32Array(capacity);
    this.v = new Int8Array(capacity);
  }

  get size(): number {
    return this.used;
  }

  private slot(x: number, y: number): number {
    const mask = this.a.length - 1;
    let h = (Math.imul(x, 0x9e3779b1) ^ Math.imul(y, 0x85ebca77)) >>> 0;
    h = (h ^ (h >>> 15)) & mask;
    while (this.a[h] !== -1 && (this.a[h] !== x || this.b[h] !== y)) h = (h + 1) & mask;
    return h;
  }

  /** The value kept for (x, y), or -1. */
  get(x: number, y: number): number {
    const h = this.slot(x, y);
    return this.a[h] === -1 ? -1 : this.v[h]!;
  }

  set(x: number, y: number, value: number): void {
    if ((this.used + 1) * 2 > this.a.length) this.grow();
    const h = this.slot(x, y);
    if (this.a[h] === -1) this.used++;
    this.a[h] = x;
    this.b[h] = y;
    this.v[h] = value;
  }

  private grow(): void {
    const { a, b, v } = this;
    this.a = new Int32Array(a.length * 2).fill(-1);
    this.b = new Int32Array(a.length * 2);
    this.v = new Int8Array(a.length * 2);
    this.used = 0;
    for (let i = 0; i < a.length; i++) if (a[i] !== -1) this.set(a[i]!, b[i]!, v[i]!);
  }
}

export class PairComparer {
  private readonly names = new PairMemo(1 << 18);
  private readonly places = new PairMemo(1 << 12);

  constructor(
    private readonly c: Columns,
    /** Keep name comparisons (off for random pairs, which rarely repeat). */
    private readonly memoise = true,
  ) {}

  get memoSize(): number {
    return this.names.size;
  }

  nameLevel(x: number, y: number): number {
    if (x === 0 || y === 0) return NAME.missing;
    if (x === y) return NAME.exact;
    const lo = x < y ? x : y;
    const hi = x < y ? y : x;
    if (this.memoise) {
      const known = this.names.get(lo, hi);
      if (known >= 0) return known;
    }
    const level = compareNames(this.c.names[lo]!, this.c.names[hi]!);
    if (this.memoise) this.names.set(lo, hi, level);
    return level;
  }

  private placeLevel(x: number, y: number): number {
    if (x === 0 || y === 0) return SIMPLE.missing;
    if (x === y) return SIMPLE.exact;
    const lo = x < y ? x : y;
    const hi = x < y ? y : x;
    const known = this.places.get(lo, hi);
    if (known >= 0) return known;
    const level = comparePlaces(this.c.names[lo]!, this.c.names[hi]!);
    this.places.set(lo, hi, level);
    return level;
  }

  private documentLevel(i: number, j: number): number {
    const c = this.c;
    const di = c.document[i]!;
    const dj = c.document[j]!;
    if (di === 0 || dj === 0) return DOCUMENT.missing;
    const si = c.documentState[i]!;
    const sj = c.documentState[j]!;
    if (si !== 0 && sj !== 0 && si !== sj) return DOCUMENT.different;
    if (di === dj) return DOCUMENT.exact;
    return oneCharacterApart(c.documentText[di]!, c.documentText[dj]!)
      ? DOCUMENT.oneCharacter
      : DOCUMENT.different;
  }

  /**
   * The pair's pattern, plus SWAPPED when its names agreed better the other way round. Without
   * `names`, both name levels are left "missing" (for sampling the cheap fields more often).
   */
  compare(i: number, j: number, names = true): number {
    const c = this.c;
    const si = c.surname[i]!;
    const sj = c.surname[j]!;
    const gi = c.givenNames[i]!;
    const gj = c.givenNames[j]!;
    let surname = names ? this.nameLevel(si, sj) : NAME.missing;
    let given = names ? this.nameLevel(gi, gj) : NAME.missing;
    let swapped = 0;
    if (
      names &&
      (surname >= NAME.phonetic || given >= NAME.phonetic) &&
      surname !== NAME.missing &&
      given !== NAME.missing
    ) {
      const crossSurname = this.nameLevel(si, gj);
      const crossGiven = this.nameLevel(gi, sj);
      if (crossSurname + crossGiven < surname + given) {
        surname = crossSurname;
        given = crossGiven;
        swapped = SWAPPED;
      }
    }
    const xi = c.sex[i]!;
    const xj = c.sex[j]!;
    const ni = c.nationality[i]!;
    const nj = c.nationality[j]!;
    return (
      swapped +
      surname * STRIDE[FIELD.surname]! +
      given * STRIDE[FIELD.givenNames]! +
      compareDateCodes(c.dateOfBirth[i]!, c.dateOfBirth[j]!) * STRIDE[FIELD.dateOfBirth]! +
      (xi === 0 || xj === 0 ? SIMPLE.missing : xi === xj ? SIMPLE.exact : SIMPLE.different) *
        STRIDE[FIELD.sex]! +
      (ni === 0 || nj === 0 ? SIMPLE.missing : ni === nj ? SIMPLE.exact : SIMPLE.different) *
        STRIDE[FIELD.nationality]! +
      this.documentLevel(i, j) * STRIDE[FIELD.document]! +
      this.placeLevel(c.placeOfBirth[i]!, c.placeOfBirth[j]!) * STRIDE[FIELD.placeOfBirth]!
    );
  }
}
