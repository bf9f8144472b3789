import { personsErrors } from '../errors';

/**
 * The Vartai person number, `P-NNNN-NNNN-C`: 8 digits from a database sequence and a check
 * character by ISO/IEC 7064 MOD 11-2 (the scheme of ORCID and ISNI), 0–9 or X. The check catches
 * every single wrong digit and every swap of two neighbouring digits, the mistakes people make
 * reading a number out over the phone. Styled after the ILTU code of the Foreigners' Register,
 * whose real format is not known to us (docs/glossary.md).
 */
const CANONICAL = /^P-(\d{4})-(\d{4})-([0-9X])$/;
/** What people type: any case, spaces or no hyphens ("p 1234 5678 x", "P12345678X"). */
const TYPED = /^P-?(\d{4})-?(\d{4})-?([0-9X])$/;
export const PERSON_NUMBER_DIGITS = 8;
export const PERSON_NUMBER_MAX = 99_999_999;

/** ISO 7064 MOD 11-2 check character over a string of decimal digits. */
export function mod11_2(digits: string): string {
  if (!/^\d+$/.test(digits)) throw new RangeError('MOD 11-2 is defined over decimal digits');
  let p = 0;
  for (const c of digits) p = ((p + Number(c)) * 2) % 11;
  const check = (12 - p) % 11;
  return check === 10 ? 'X' : String(check);
}

/** The number for the sequence value `n` (1 … 99 999 999). */
export function formatPersonNumber(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > PERSON_NUMBER_MAX)
    throw new RangeError(`A person number has 1 … ${PERSON_NUMBER_MAX}, not ${n}`);
  const d = String(n).padStart(PERSON_NUMBER_DIGITS, '0');
  return `P-${d.slice(0, 4)}-${d.slice(4)}-${mod11_2(d)}`;
}

/** The canonical number when `text` is one (typed loosely), undefined otherwise. */
export function findPersonNumber(text: string): string | undefined {
  const m = TYPED.exec(text.toUpperCase().replace(/\s+/g, ''));
  if (!m) return undefined;
  const [, a, b, check] = m as unknown as [string, string, string, string];
  return mod11_2(`${a}${b}`) === check ? `P-${a}-${b}-${check}` : undefined;
}

/** The canonical number; PERSONS_NUMBER_INVALID when the shape or the check character is wrong. */
export function parsePersonNumber(text: string): string {
  const found = findPersonNumber(text);
  if (!found) throw personsErrors.numberInvalid(text);
  return found;
}

/** Whether `text` is a number in its canonical form with a right check character. */
export function isPersonNumber(text: string): boolean {
  return CANONICAL.test(text) && findPersonNumber(text) === text;
}

/** Whether `text` looks like an attempt at a person number (so a wrong one is reported, not searched). */
export function looksLikePersonNumber(text: string): boolean {
  return /^P-?\d/i.test(text.trim());
}
