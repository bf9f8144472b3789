/**
 * The keys the contact centre finds a case by (table application_search_keys, migration 0018),
 * made from the submitted answers when the case is opened, and the same normalisation applied to
 * what the agent types. Pure functions: the database only ever compares finished keys.
 */

/** Answers (question ids of content/lt) whose value is a document number people quote by phone. */
export const DOCUMENT_NUMBER_QUESTIONS = [
  'travel-document-number',
  'document-number',
  'permit-number',
  'current-permit-number',
] as const;

export type SearchKeyKind = 'reference' | 'name' | 'document';
export interface SearchKey {
  kind: SearchKeyKind;
  key: string;
}

/**
 * Letters NFD does not split into a base letter and a mark. Light transliteration only: a
 * caller spelling "Sørensen" as "Sorensen" is found; matching across scripts (Cyrillic names
 * spelt in Latin letters in different ways) is a separate piece of work.
 */
const LATIN_FOLDS: Record<string, string> = {
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ı: 'i',
  þ: 'th',
};

/** A name as the keys hold it: lower-case ASCII letters and single spaces. */
export function normaliseName(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[øłđðßæœıþ]/g, (c) => LATIN_FOLDS[c] ?? c)
    .replace(/['’`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** A document number as the keys hold it: upper case, no spaces, dashes or dots. */
export const normaliseDocumentNumber = (n: string) => n.toUpperCase().replace(/[\s\-./]+/g, '');
export const normaliseReference = (r: string) => r.trim().toUpperCase();

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
export const isIsoDay = (s: string) => ISO_DAY.test(s);

/** The key of a name and date of birth. */
export const nameKey = (birthDate: string, name: string) => `${birthDate}|${normaliseName(name)}`;

/**
 * All keys of a submitted application: its reference; the date of birth with the surname alone,
 * with "given names surname" and with "surname given names" (agents type either order); and each
 * document number answered. Missing answers give no key.
 */
export function searchKeysFor(app: {
  reference?: string | null | undefined;
  answers?: Record<string, unknown> | undefined;
}): SearchKey[] {
  const keys: SearchKey[] = [];
  if (app.reference) keys.push({ kind: 'reference', key: normaliseReference(app.reference) });
  const answers = app.answers ?? {};
  const text = (id: string) => {
    const v = answers[id];
    return typeof v === 'string' ? v.trim() : '';
  };
  const surname = normaliseName(text('surname'));
  const given = normaliseName(text('given-names'));
  const born = text('date-of-birth');
  if (surname && isIsoDay(born)) {
    const names = new Set([surname]);
    if (given) names.add(`${given} ${surname}`).add(`${surname} ${given}`);
    for (const n of names) keys.push({ kind: 'name', key: `${born}|${n}` });
  }
  const numbers = new Set(
    DOCUMENT_NUMBER_QUESTIONS.map((q) => normaliseDocumentNumber(text(q))).filter(Boolean),
  );
  for (const n of numbers) keys.push({ kind: 'document', key: n });
  return keys;
}
