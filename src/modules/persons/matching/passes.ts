import type { Columns } from './columns';
import { FIELD } from './compare';

/**
 * The batch linker's blocking passes: each files every record under a few integer keys (hashes of
 * phonetic codes and parts of the date of birth, as `blockingKeys` does with strings), and only
 * records sharing a key are compared. A pair is compared once, in the first pass and under the
 * first key it shares. A block larger than `cap` is not compared in full: its records are sorted
 * by a second key and each is compared with its next `window` neighbours, so that a very common
 * name born in a common year does not make the work quadratic.
 */
export interface BlockingPass {
  name: string;
  /** Fields the pass's keys are made of: not estimated from this pass's pairs (ADR 0010). */
  fixes: number[];
  /**
   * Pairs found by an identifier rather than by likeness: twins and namesakes, who agree on
   * nearly everything but one field, do not come in, so EM on them estimates m cleanly and
   * their estimate is preferred for the fields they estimate.
   */
  anchor?: boolean;
  /** Write the record's keys (non-zero 32-bit hashes) into `out` from `at`; return how many. */
  keys(c: Columns, r: number, out: Uint32Array, at: number): number;
  /** The order records of an oversized block are compared in. */
  order(c: Columns, r: number): number;
  /** When set, only pairs with at least one such record are compared (records lacking a field). */
  probe?: (c: Columns, r: number) => boolean;
}

/** Keys per record per pass, at most. */
export const KEYS_PER_RECORD = 4;

function mix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** A non-zero 32-bit hash of a pass number and two integers. */
export function keyHash(pass: number, a: number, b: number): number {
  const h = mix(mix(mix(pass + 0x27d4eb2f) ^ a) ^ Math.imul(b, 0x9e3779b1));
  return h === 0 ? 1 : h;
}

function codesOf(c: Columns, name: number): [number, number] {
  return [c.codeStart[name]!, c.codeStart[name + 1]!];
}

function fullDate(code: number): boolean {
  return code % 10000 !== 0;
}

/** Keys of one name's codes (at most `max`) with a number, in `out`. */
function nameWith(
  pass: number,
  c: Columns,
  name: number,
  value: number,
  out: Uint32Array,
  at: number,
  max: number,
): number {
  const [from, to] = codesOf(c, name);
  let n = 0;
  for (let k = from; k < to && n < max; k++) out[at + n++] = keyHash(pass, c.codes[k]!, value);
  return n;
}

/** Keys of the surname's and given names' codes together (either order) with a number. */
function namesWith(
  pass: number,
  c: Columns,
  r: number,
  value: number,
  out: Uint32Array,
  at: number,
): number {
  const [sf, st] = codesOf(c, c.surname[r]!);
  const [gf, gt] = codesOf(c, c.givenNames[r]!);
  let n = 0;
  for (let s = sf; s < st; s++)
    for (let g = gf; g < gt && n < KEYS_PER_RECORD; g++) {
      const x = c.codes[s]!;
      const y = c.codes[g]!;
      // Either order: a record with the names swapped files under the same key.
      const lo = x < y ? x : y;
      const hi = x < y ? y : x;
      out[at + n++] = keyHash(pass, lo * 65599 + hi, value);
    }
  return n;
}

export const PASSES: BlockingPass[] = [
  {
    name: 'document',
    fixes: [FIELD.document],
    anchor: true,
    keys: (c, r, out, at) => {
      const d = c.document[r]!;
      if (d === 0) return 0;
      out[at] = keyHash(0, d, 0);
      return 1;
    },
    order: (c, r) => c.dateOfBirth[r]!,
  },
  {
    // Either name's codes with the full date: finds a mistyped or changed surname (marriage) or
    // given name, also when the names were written the other way round.
    name: 'a-name-and-date',
    fixes: [FIELD.surname, FIELD.givenNames, FIELD.dateOfBirth],
    keys: (c, r, out, at) => {
      const date = c.dateOfBirth[r]!;
      if (!fullDate(date)) return 0;
      const n = nameWith(1, c, c.surname[r]!, date, out, at, KEYS_PER_RECORD / 2);
      return n + nameWith(1, c, c.givenNames[r]!, date, out, at + n, KEYS_PER_RECORD / 2);
    },
    order: (c, r) => c.surname[r]! * 4 + c.sex[r]!,
  },
  {
    name: 'names-and-year',
    fixes: [FIELD.surname, FIELD.givenNames, FIELD.dateOfBirth],
    keys: (c, r, out, at) => {
      const year = (c.dateOfBirth[r]! / 10000) | 0;
      return year ? namesWith(2, c, r, year, out, at) : 0;
    },
    order: (c, r) => c.dateOfBirth[r]!,
  },
  {
    name: 'names-and-day',
    fixes: [FIELD.surname, FIELD.givenNames, FIELD.dateOfBirth],
    keys: (c, r, out, at) => {
      const day = c.dateOfBirth[r]! % 10000;
      return day ? namesWith(3, c, r, day, out, at) : 0;
    },
    order: (c, r) => c.dateOfBirth[r]!,
  },
  {
    // Records without a date of birth share no key of the passes above but the document's: they
    // are compared with every record of the same names, or, in a very common name, with those
    // born in the same place next to them.
    name: 'names-without-date',
    fixes: [FIELD.surname, FIELD.givenNames],
    keys: (c, r, out, at) => namesWith(4, c, r, 0, out, at),
    order: (c, r) => c.placeOfBirth[r]! * 4 + c.sex[r]!,
    probe: (c, r) => c.dateOfBirth[r] === 0,
  },
];
