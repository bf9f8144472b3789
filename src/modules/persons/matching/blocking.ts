import { dateYear } from './dates';
import { prepareName, type PreparedName, type PreparedRecord } from './prepare';

/**
 * Blocking: the keys under which a record is filed so that likely matches are found without
 * comparing every pair. A register stores `blockingKeys` per record and compares a new record
 * only with records sharing a key. Keys are Daitch–Mokotoff codes of the name tokens (the same
 * for Коваленко, Kovalenko, Kovalenka and Kowalenko) alone or combined with the date of birth,
 * and the document number:
 *
 * - `s:<code>`: a surname code, for search by any spelling (broad: use with a date or a limit);
 * - `sy:<code>:<year>`: surname code and year of birth;
 * - `gd:<code>:<YYYYMMDD>`: given-name code and full date of birth (finds a changed surname);
 * - `sg:<code>:<code>`: surname and given-name codes (finds a mistyped date of birth);
 * - `d:<number>`: the document number, whatever the state.
 */

/** Distinct phonetic codes of every token of every spelling of a name. */
export function nameCodes(name: PreparedName): string[] {
  const codes = new Set<string>();
  for (const form of name.phonetic) for (const token of form) for (const c of token) codes.add(c);
  return [...codes];
}

/** Keys of every Latin form and phonetic code of a surname, as `blockingKeys` files them. */
export function surnameSearchKeys(surname: string): string[] {
  return nameCodes(prepareName(surname)).map((c) => `s:${c}`);
}

export function blockingKeys(p: PreparedRecord): string[] {
  const surnames = nameCodes(p.surname);
  const givens = nameCodes(p.givenNames);
  const keys = surnames.map((c) => `s:${c}`);
  const year = dateYear(p.dateCode);
  if (year) for (const s of surnames) keys.push(`sy:${s}:${year}`);
  if (p.dateCode % 10000 !== 0) for (const g of givens) keys.push(`gd:${g}:${p.dateCode}`);
  for (const s of surnames) for (const g of givens) keys.push(`sg:${s}:${g}`);
  if (p.documentNumber) keys.push(`d:${p.documentNumber}`);
  return keys;
}
