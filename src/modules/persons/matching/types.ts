/**
 * The shapes the identity matcher works on (issue 7). Pure data: no database, no clock. The batch
 * linker (`persons:link`, the benchmark) and the register's one-record-at-a-time matching both
 * use them, so a score means the same in both places.
 */
import type { DateLevel } from './dates';

/** One record about a person as a source gave it: an application, a registry entry, a CSV row. */
export interface IdentityRecord {
  recordId: string;
  /** Given names as written in the source, any script (Cyrillic, Latin with diacritics). */
  givenNames: string;
  surname: string;
  /** YYYY-MM-DD as recorded (may be a typo); YYYY when only the year is known; null when absent. */
  dateOfBirth: string | null;
  /** 'M', 'F' or null (unknown, 'X'). */
  sex: 'M' | 'F' | null;
  /** ISO 3166-1 alpha-3 (UKR, BLR, …) or null. */
  nationality: string | null;
  documentNumber: string | null;
  /** The state that issued the document (alpha-3); the nationality when not given. */
  documentState?: string | null;
  placeOfBirth: string | null;
  /** Where the record came from (application, registry name, file), free text. */
  source: string | null;
}

/** The fields compared, each with its own levels (most to least agreeing; the last is "missing"). */
export const MATCH_FIELDS = [
  'surname',
  'given-names',
  'date-of-birth',
  'sex',
  'nationality',
  'document',
  'place-of-birth',
] as const;
export type MatchField = (typeof MATCH_FIELDS)[number];

/**
 * Levels of a name field: exact after normalisation; equal once transliterated by some system
 * (or up to Lithuanian endings); Jaro-Winkler bands; equal phonetic codes; different; missing.
 */
export const NAME_LEVELS = [
  'exact',
  'transliteration-equal',
  'jaro-winkler-0.95',
  'jaro-winkler-0.88',
  'phonetic',
  'different',
  'missing',
] as const;
export type NameLevel = (typeof NAME_LEVELS)[number];

export const SIMPLE_LEVELS = ['exact', 'different', 'missing'] as const;
export type SimpleLevel = (typeof SIMPLE_LEVELS)[number];
/** Document numbers: exact, one character apart (typo), different, missing. */
export const DOCUMENT_LEVELS = ['exact', 'one-character', 'different', 'missing'] as const;
export type DocumentLevel = (typeof DOCUMENT_LEVELS)[number];

export type FieldLevel = NameLevel | DateLevel | SimpleLevel | DocumentLevel;

/** Levels per field, in MATCH_FIELDS order, as indexes into that field's level list. */
export type ComparisonVector = Uint8Array;

/** What one field's agreement contributed to a pair's score. */
export interface FieldContribution {
  field: MatchField;
  level: FieldLevel;
  /** log2(m/u) for that level, after term-frequency adjustment where it applied. */
  weight: number;
  /** Set when a common or rare name changed the weight: the value's frequency in the data. */
  termFrequency?: number;
}

/** A rule that decides a pair before (or instead of) the probabilistic score. */
export type DeterministicRule = 'same-document' | 'same-person-id';
/** Why a pair is never linked, whatever its score. */
export type Veto = 'date-of-birth-differs' | 'sex-differs' | 'marked-not-same';

/** A pair's score with its explanation (issue 7: which fields agreed at which level, and how much). */
export interface PairScore {
  /** Match weight: log2 of the prior odds plus every field's weight. */
  weight: number;
  /** The probability of a match, 2^w / (1 + 2^w). */
  probability: number;
  fields: FieldContribution[];
  rule?: DeterministicRule;
  veto?: Veto;
}

/** m and u probabilities per level of each field, estimated by expectation-maximisation. */
export interface FieldParameters {
  field: MatchField;
  levels: { level: FieldLevel; m: number; u: number }[];
}

export interface MatchModel {
  version: 1;
  /** The prior probability that a random pair of records is a match. */
  lambda: number;
  fields: FieldParameters[];
  /** When and on how many pairs the model was estimated (for the record of a decision). */
  trainedOn: { records: number; pairs: number; iterations: number; converged: boolean };
}

/** Thresholds on match probability (configuration: PERSONS_MATCH_*). */
export interface MatchThresholds {
  /** At or above: linked automatically. */
  autoLink: number;
  /** At or above (and below autoLink): an officer reviews. Below: a new person. */
  review: number;
}
