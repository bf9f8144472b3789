import { compareDateCodes } from './dates';
import { jaroWinkler } from './jaro-winkler';
import type { PreparedName, PreparedRecord } from './prepare';
import { MATCH_FIELDS, type ComparisonVector } from './types';

/**
 * Field-by-field comparison of two prepared records into levels (indexes into each field's level
 * list, in MATCH_FIELDS order). Names are compared over every Latin form of each side and the
 * best agreement wins; name order (a surname given as a first name) is tried too.
 */

/** Indexes into NAME_LEVELS. */
export const NAME = {
  exact: 0,
  transliterationEqual: 1,
  jaroWinkler95: 2,
  jaroWinkler88: 3,
  phonetic: 4,
  different: 5,
  missing: 6,
} as const;
/** Indexes into SIMPLE_LEVELS and DOCUMENT_LEVELS. */
export const SIMPLE = { exact: 0, different: 1, missing: 2 } as const;
export const DOCUMENT = { exact: 0, oneCharacter: 1, different: 2, missing: 3 } as const;
/** Index of each field in a comparison vector. */
export const FIELD = {
  surname: MATCH_FIELDS.indexOf('surname'),
  givenNames: MATCH_FIELDS.indexOf('given-names'),
  dateOfBirth: MATCH_FIELDS.indexOf('date-of-birth'),
  sex: MATCH_FIELDS.indexOf('sex'),
  nationality: MATCH_FIELDS.indexOf('nationality'),
  document: MATCH_FIELDS.indexOf('document'),
  placeOfBirth: MATCH_FIELDS.indexOf('place-of-birth'),
} as const;

function shareAny(a: string[], b: string[]): boolean {
  for (let i = 0; i < a.length; i++)
    for (let k = 0; k < b.length; k++) if (a[i] === b[k]) return true;
  return false;
}

/**
 * Similarity of two names as sorted token lists: each token of the shorter list against its best
 * partner in the longer, averaged; a name with a token more or less (a second given name that
 * one source left out) is held just below the 0.95 band, whatever its tokens.
 */
function tokenSimilarity(a: string[], b: string[], wholeA: string, wholeB: string): number {
  if (a.length === 1 && b.length === 1) return jaroWinkler(a[0]!, b[0]!);
  const short = a.length <= b.length ? a : b;
  const long = a.length <= b.length ? b : a;
  let sum = 0;
  for (let i = 0; i < short.length; i++) {
    let best = 0;
    for (let k = 0; k < long.length; k++) {
      const v = jaroWinkler(short[i]!, long[k]!);
      if (v > best) best = v;
    }
    sum += best;
  }
  const aligned = sum / short.length;
  const whole = jaroWinkler(wholeA, wholeB);
  const best = aligned > whole ? aligned : whole;
  return short.length === long.length ? best : Math.min(best, 0.94);
}

/** Every token of the shorter form shares a Daitch–Mokotoff code with a token of the other. */
function phoneticallyEqual(a: string[][], b: string[][]): boolean {
  const short = a.length <= b.length ? a : b;
  const long = a.length <= b.length ? b : a;
  for (let i = 0; i < short.length; i++) {
    let found = false;
    for (let k = 0; k < long.length && !found; k++) found = shareAny(short[i]!, long[k]!);
    if (!found) return false;
  }
  return true;
}

/** The level (index into NAME_LEVELS) at which two names agree best. */
export function compareNames(a: PreparedName, b: PreparedName): number {
  if (a.empty || b.empty) return NAME.missing;
  if (a === b || a.exact === b.exact) return NAME.exact;
  if (shareAny(a.stemKeys, b.stemKeys) || shareAny(a.skeletonKeys, b.skeletonKeys))
    return NAME.transliterationEqual;
  let best = 0;
  for (let i = 0; i < a.skeletons.length; i++)
    for (let k = 0; k < b.skeletons.length; k++) {
      const v = tokenSimilarity(
        a.skeletons[i]!,
        b.skeletons[k]!,
        a.skeletonWholes[i]!,
        b.skeletonWholes[k]!,
      );
      if (v > best) best = v;
    }
  if (best >= 0.95) return NAME.jaroWinkler95;
  if (best >= 0.88) return NAME.jaroWinkler88;
  for (let i = 0; i < a.phonetic.length; i++)
    for (let k = 0; k < b.phonetic.length; k++)
      if (phoneticallyEqual(a.phonetic[i]!, b.phonetic[k]!)) return NAME.phonetic;
  return NAME.different;
}

/**
 * Surname and given-name levels, trying the names the other way round when they agree poorly as
 * written (one source put the surname first); the order that agrees better wins.
 */
export function compareFullNames(
  a: PreparedRecord,
  b: PreparedRecord,
  names: (x: PreparedName, y: PreparedName) => number = compareNames,
): [surname: number, givenNames: number, swapped: boolean] {
  const surname = names(a.surname, b.surname);
  const given = names(a.givenNames, b.givenNames);
  if (
    (surname >= NAME.phonetic || given >= NAME.phonetic) &&
    surname !== NAME.missing &&
    given !== NAME.missing
  ) {
    const crossSurname = names(a.surname, b.givenNames);
    const crossGiven = names(a.givenNames, b.surname);
    if (crossSurname + crossGiven < surname + given) return [crossSurname, crossGiven, true];
  }
  return [surname, given, false];
}

/** Whether a from index i and b from index k are equal to their ends. */
function sameTail(a: string, i: number, b: string, k: number): boolean {
  if (a.length - i !== b.length - k) return false;
  for (; i < a.length; i++, k++) if (a.charCodeAt(i) !== b.charCodeAt(k)) return false;
  return true;
}

/** At most one character apart: one substituted, inserted, deleted, or two neighbours swapped. */
export function oneCharacterApart(a: string, b: string): boolean {
  if (a === b) return false;
  const la = a.length;
  const lb = b.length;
  if (la - lb > 1 || lb - la > 1) return false;
  let i = 0;
  while (i < la && i < lb && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (la === lb) {
    if (sameTail(a, i + 1, b, i + 1)) return true;
    return (
      a.charCodeAt(i) === b.charCodeAt(i + 1) &&
      a.charCodeAt(i + 1) === b.charCodeAt(i) &&
      sameTail(a, i + 2, b, i + 2)
    );
  }
  return la > lb ? sameTail(a, i + 1, b, i) : sameTail(a, i, b, i + 1);
}

export function compareDocuments(a: PreparedRecord, b: PreparedRecord): number {
  if (!a.documentNumber || !b.documentNumber) return DOCUMENT.missing;
  // An unknown issuing state does not make two documents different; two known ones do.
  if (a.documentState && b.documentState && a.documentState !== b.documentState)
    return DOCUMENT.different;
  if (a.documentNumber === b.documentNumber) return DOCUMENT.exact;
  return oneCharacterApart(a.documentNumber, b.documentNumber)
    ? DOCUMENT.oneCharacter
    : DOCUMENT.different;
}

function compareSimple(a: string | null, b: string | null): number {
  if (!a || !b) return SIMPLE.missing;
  return a === b ? SIMPLE.exact : SIMPLE.different;
}

/** Places of birth agree when some spelling of one is some spelling of the other. */
export function comparePlaces(a: PreparedName, b: PreparedName): number {
  if (a.empty || b.empty) return SIMPLE.missing;
  return a === b ||
    a.exact === b.exact ||
    shareAny(a.stemKeys, b.stemKeys) ||
    shareAny(a.skeletonKeys, b.skeletonKeys)
    ? SIMPLE.exact
    : SIMPLE.different;
}

/** Levels per field, in MATCH_FIELDS order, as indexes into each field's level list. */
export function comparePair(a: PreparedRecord, b: PreparedRecord): ComparisonVector {
  const v = new Uint8Array(MATCH_FIELDS.length);
  compareInto(a, b, v);
  return v;
}

/** Fill `v` with the pair's levels; true when the names agreed better the other way round. */
export function compareInto(a: PreparedRecord, b: PreparedRecord, v: ComparisonVector): boolean {
  const [surname, given, swapped] = compareFullNames(a, b);
  v[FIELD.surname] = surname;
  v[FIELD.givenNames] = given;
  v[FIELD.dateOfBirth] = compareDateCodes(a.dateCode, b.dateCode);
  v[FIELD.sex] = compareSimple(a.sex, b.sex);
  v[FIELD.nationality] = compareSimple(a.nationality, b.nationality);
  v[FIELD.document] = compareDocuments(a, b);
  v[FIELD.placeOfBirth] = comparePlaces(a.placeOfBirth, b.placeOfBirth);
  return swapped;
}
