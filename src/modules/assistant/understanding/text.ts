/**
 * Normalisation and tokenising shared by questions, lexicon terms and FAQ text, so all three are
 * compared in the same form: lower case, apostrophes inside words dropped ("сім'я", "neighbour's"),
 * hyphens and punctuation as word breaks, numbers kept ("3.79", "a2"). `fold` removes diacritics
 * for lookup, because people type Lithuanian without them ("kiek kainuoja leidimas").
 */

export type Script = 'latn' | 'cyrl' | 'num';

export interface Token {
  /** As typed (case kept: capitals help to spot names). */
  raw: string;
  /** Lower case, diacritics kept (what the stemmers need). */
  low: string;
  /** Lower case without diacritics (what lookups compare). */
  fold: string;
  script: Script;
  /** Offset of the token in the normalised text. */
  at: number;
}

const APOSTROPHE_IN_WORD = /(?<=\p{L})['’ʼ`´](?=\p{L})/gu;
const WORD = /[\p{L}\p{N}]+(?:[.,]\p{N}+)*/gu;
const CYRILLIC = /\p{Script=Cyrillic}/u;
const LETTER = /\p{L}/u;
const MARKS = /\p{M}/gu;

/** Unicode-normalised text with in-word apostrophes removed; what offsets refer to. */
export function normaliseText(text: string): string {
  return text.normalize('NFKC').replace(APOSTROPHE_IN_WORD, '');
}

/** Lower case without diacritics: "Prašymą" → "prasyma", "їжак" → "іжак", "ё" → "е". */
export function fold(word: string): string {
  return word.toLowerCase().normalize('NFD').replace(MARKS, '').normalize('NFC');
}

export function tokenise(text: string): Token[] {
  const normal = normaliseText(text);
  const tokens: Token[] = [];
  for (const m of normal.matchAll(WORD)) {
    const raw = m[0];
    const low = raw.toLowerCase();
    const script: Script = CYRILLIC.test(raw) ? 'cyrl' : LETTER.test(raw) ? 'latn' : 'num';
    tokens.push({ raw, low, fold: fold(low), script, at: m.index });
  }
  return tokens;
}

/** The folded words of a phrase, as tokenise would see them. */
export function foldedWords(phrase: string): string[] {
  return tokenise(phrase).map((t) => t.fold);
}
