/**
 * The matcher as the register uses it, one record at a time: prepared records, blocking keys,
 * pair scores and the keys of a surname searched by any spelling. The pure matcher does the work
 * (../matching); this only turns the register's rows into its records.
 */
import { blockingKeys, surnameSearchKeys } from '../matching/blocking';
import { DEFAULT_MODEL, scorePair } from '../matching/model';
import { prepareRecord, type PreparedRecord } from '../matching/prepare';
import { hasCyrillic, latinForms, transliterateLithuanian } from '../matching/transliterate';
import type { IdentityRecord, MatchModel, PairScore } from '../matching/types';
import type { PersonRecordRow } from './register.repository';
import type { ValidRecord } from './types';

export interface RegisterMatcher {
  prepare(r: IdentityRecord): PreparedRecord;
  keys(p: PreparedRecord): string[];
  score(a: PreparedRecord, b: PreparedRecord): PairScore;
  surnameKeys(surname: string): string[];
}

export function registerMatcher(model: MatchModel = DEFAULT_MODEL): RegisterMatcher {
  return {
    prepare: (r) => prepareRecord(r),
    keys: (p) => blockingKeys(p),
    score: (a, b) => scorePair(model, a, b),
    surnameKeys: (s) => surnameSearchKeys(s),
  };
}

/** A stored record as the matcher reads it. */
export function identityOfRow(r: PersonRecordRow): IdentityRecord {
  return {
    recordId: r.id,
    givenNames: r.given_names,
    surname: r.surname,
    dateOfBirth: r.date_of_birth,
    sex: r.sex,
    nationality: r.nationality,
    documentNumber: r.document_number,
    documentState: r.document_state,
    placeOfBirth: r.place_of_birth,
    source: r.source_kind,
  };
}

export function identityOfInput(r: ValidRecord, recordId: string): IdentityRecord {
  return {
    recordId,
    givenNames: r.givenNames,
    surname: r.surname,
    dateOfBirth: r.dateOfBirth,
    sex: r.sex,
    nationality: r.nationality,
    documentNumber: r.documentNumber,
    documentState: r.documentState,
    placeOfBirth: r.placeOfBirth,
    source: r.sourceKind,
  };
}

const titleCase = (s: string) =>
  s.replace(/(^|[\s-])(\p{L})/gu, (_, sep, c) => sep + c.toUpperCase());

/**
 * The Latin forms of a full name written in Cyrillic (each passport system and the Lithuanian
 * one), as people would read them; none for a name already in Latin letters.
 */
export function latinNames(givenNames: string, surname: string): string[] {
  const full = `${givenNames} ${surname}`.trim();
  if (!hasCyrillic(full)) return [];
  return [...new Set([...latinForms(full), transliterateLithuanian(full)])].map(titleCase);
}
