import daitchMokotoff from 'talisman/phonetics/daitch-mokotoff';
import { dateCode } from './dates';
import { isPatronymic, lithuanianStem, plainName, spellingSkeleton } from './normalise';
import { hasCyrillic, latinForms, transliterateLithuanian } from './transliterate';
import type { IdentityRecord } from './types';

/**
 * A record made ready for comparison once, so that comparing it with many others does no
 * normalising: names in every Latin form, reduced to stems and spelling skeletons, with their
 * phonetic codes; the date of birth as one number; the document as a key.
 */

/** One name field (surname, given names, place of birth) in every form the matcher compares. */
export interface PreparedName {
  /** As written in the source. */
  text: string;
  /** No letters at all (empty or only punctuation): the field is "missing". */
  empty: boolean;
  /** Plain tokens in the original script, sorted, patronymics left out: equal means "exact". */
  exact: string;
  /**
   * Sorted Lithuanian stems of each Latin form (each transliteration system, and the Lithuanian
   * one, for a Cyrillic name), distinct: a shared key means "transliteration-equal".
   */
  stemKeys: string[];
  /** The stems as spelling skeletons (`spellingSkeleton`), sorted tokens per distinct form. */
  skeletons: string[][];
  /** `skeletons` joined: a shared one also means "transliteration-equal". */
  skeletonKeys: string[];
  /** `skeletons` joined without spaces (Jaro–Winkler of the whole name). */
  skeletonWholes: string[];
  /** Daitch–Mokotoff codes per token of each skeleton form (several where a letter reads two ways). */
  phonetic: string[][][];
  /** Patronymics found among the tokens (Ivanovich, Petrivna), set apart: one source often omits them. */
  patronymics: string[];
  /** The key term frequencies are counted by: the same for the usual spellings of one name. */
  tfKey: string;
}

export interface PreparedRecord {
  recordId: string;
  surname: PreparedName;
  givenNames: PreparedName;
  /** As recorded (YYYY-MM-DD, YYYY or null). */
  dateOfBirth: string | null;
  /** `dateCode` of it: YYYYMMDD, YYYY0000 for a year alone, 0 when absent or unreadable. */
  dateCode: number;
  sex: 'M' | 'F' | null;
  nationality: string | null;
  /** Upper case, letters and digits only (AB 123-456 → AB123456); null when absent. */
  documentNumber: string | null;
  /** The issuing state, the nationality when not given; null when neither is known. */
  documentState: string | null;
  /** `${state}/${number}` (state empty when unknown): equal keys are the same document. */
  documentKey: string | null;
  placeOfBirth: PreparedName;
}

/** Names prepared so far, by their text: names repeat a lot, so the batch linker shares one. */
export type NameCache = Map<string, PreparedName>;

/** One token of a name in every spelling, prepared once (tokens repeat far more than names). */
interface PreparedToken {
  /** Plain, in the original script. */
  plain: string;
  /** Lithuanian stem of each Latin spelling (one per system for Cyrillic, else one). */
  stems: string[];
  /** Spelling skeleton of each stem. */
  skeletons: string[];
  patronymic: boolean;
}

const tokenCache = new Map<string, PreparedToken>();
const codeCache = new Map<string, string[]>();
const TOKEN_CACHE_LIMIT = 200_000;

/** Every Latin spelling of a token: itself, or each system's form of a Cyrillic one. */
function latinSpellings(token: string): string[] {
  if (!hasCyrillic(token)) return [plainName(token)];
  return [...latinForms(token), transliterateLithuanian(token)].map(plainName);
}

function prepareToken(token: string): PreparedToken {
  let t = tokenCache.get(token);
  if (t) return t;
  const spellings = latinSpellings(token);
  const stems = spellings.map(lithuanianStem);
  t = {
    plain: plainName(token),
    stems,
    skeletons: stems.map(spellingSkeleton),
    patronymic: isPatronymic(spellings[0] ?? ''),
  };
  if (tokenCache.size >= TOKEN_CACHE_LIMIT) tokenCache.clear();
  tokenCache.set(token, t);
  return t;
}

/** Daitch–Mokotoff codes of a skeleton token. */
function phoneticCodes(skeleton: string): string[] {
  let codes = codeCache.get(skeleton);
  if (!codes) {
    codes = skeleton ? daitchMokotoff(skeleton) : [];
    if (codeCache.size >= TOKEN_CACHE_LIMIT) codeCache.clear();
    codeCache.set(skeleton, codes);
  }
  return codes;
}

const EMPTY: Omit<PreparedName, 'text'> = {
  empty: true,
  exact: '',
  stemKeys: [],
  skeletons: [],
  skeletonKeys: [],
  skeletonWholes: [],
  phonetic: [],
  patronymics: [],
  tfKey: '',
};

/** One name field made ready for comparison (pure; cache it by text where names repeat). */
export function prepareName(text: string | null | undefined): PreparedName {
  const source = text ?? '';
  const tokens = source
    .toLowerCase()
    .replace(/[’'ʼ`]/g, '')
    .split(/[^\p{L}\p{M}]+/u)
    .filter((t) => plainName(t) !== '')
    .map(prepareToken);
  if (tokens.length === 0) return { text: source, ...EMPTY };
  // Patronymics are set apart, unless the field is nothing but a patronymic.
  const kept = tokens.every((t) => t.patronymic) ? tokens : tokens.filter((t) => !t.patronymic);
  const systems = Math.max(...kept.map((t) => t.stems.length));
  const stemKeys = new Set<string>();
  const skeletons = new Map<string, string[]>();
  for (let s = 0; s < systems; s++) {
    stemKeys.add(
      kept
        .map((t) => t.stems[Math.min(s, t.stems.length - 1)]!)
        .sort()
        .join(' '),
    );
    const form = kept.map((t) => t.skeletons[Math.min(s, t.skeletons.length - 1)]!).sort();
    skeletons.set(form.join(' '), form);
  }
  const skeletonForms = [...skeletons.values()];
  return {
    text: source,
    empty: false,
    exact: kept
      .map((t) => t.plain)
      .sort()
      .join(' '),
    stemKeys: [...stemKeys],
    skeletons: skeletonForms,
    skeletonKeys: [...skeletons.keys()],
    skeletonWholes: skeletonForms.map((form) => form.join('')),
    phonetic: skeletonForms.map((form) => form.map(phoneticCodes)),
    patronymics: kept === tokens ? [] : tokens.filter((t) => t.patronymic).map((t) => t.stems[0]!),
    tfKey: skeletonForms[0]!.join(' '),
  };
}

function cachedName(text: string | null, cache: NameCache | undefined): PreparedName {
  const key = text ?? '';
  if (!cache) return prepareName(key);
  let name = cache.get(key);
  if (!name) {
    name = prepareName(key);
    cache.set(key, name);
  }
  return name;
}

/** Upper case, letters and digits only: the way document numbers are compared. */
const PLAIN_DOCUMENT_NUMBER = /^[A-Z0-9]+$/;

export function documentNumberKey(value: string | null | undefined): string | null {
  if (!value) return null;
  if (PLAIN_DOCUMENT_NUMBER.test(value)) return value;
  const key = value.toUpperCase().replace(/[^\p{L}\p{N}]/gu, '');
  return key || null;
}

function stateCode(value: string | null | undefined): string | null {
  const code = (value ?? '').trim().toUpperCase();
  return code || null;
}

export function prepareRecord(r: IdentityRecord, cache?: NameCache): PreparedRecord {
  const documentNumber = documentNumberKey(r.documentNumber);
  const nationality = stateCode(r.nationality);
  const documentState = stateCode(r.documentState) ?? nationality;
  return {
    recordId: r.recordId,
    surname: cachedName(r.surname, cache),
    givenNames: cachedName(r.givenNames, cache),
    dateOfBirth: r.dateOfBirth,
    dateCode: dateCode(r.dateOfBirth),
    sex: r.sex === 'M' || r.sex === 'F' ? r.sex : null,
    nationality,
    documentNumber,
    documentState,
    documentKey: documentNumber ? `${documentState ?? ''}/${documentNumber}` : null,
    placeOfBirth: cachedName(r.placeOfBirth, cache),
  };
}
