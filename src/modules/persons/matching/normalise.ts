import { latinForms } from './transliterate';

/**
 * Names as matching compares them: Unicode composed the same way, case and diacritics gone
 * (Kovalenkaitė = kovalenkaite), hyphens and apostrophes as spaces or nothing, each token's
 * Lithuanian grammatical ending reduced to a stem (Aleksandras → aleksandr, Kovalenka →
 * kovalenk, Kovalenkienė → kovalenk), patronymics set apart, and the tokens sorted so that name
 * order does not matter. Every Latin form of a Cyrillic name gives its own key.
 */

// Latin letters that Unicode does not decompose into a base letter and a mark (Polish Ł, Nordic Ø).
const UNDECOMPOSED: Record<string, string> = {
  ł: 'l',
  ø: 'o',
  đ: 'd',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ı: 'i',
};
const UNDECOMPOSED_LETTERS = /[łøđßæœı]/g;

/** Lower case, no diacritics, letters and single spaces only. */
export function plainName(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(UNDECOMPOSED_LETTERS, (c) => UNDECOMPOSED[c] ?? c)
    .replace(/[’'ʼ`]/g, '')
    .replace(/[^\p{L}]+/gu, ' ')
    .trim();
}

// Longest first: the feminine endings before the plain ones they end with.
const LITHUANIAN_ENDINGS = [
  'ienė',
  'iene',
  'aitė',
  'aite',
  'iūtė',
  'iute',
  'ytė',
  'yte',
  'utė',
  'ute',
  'uvienė',
  'ius',
  'as',
  'is',
  'ys',
  'us',
  'ė',
  'e',
  'a',
  'o',
].sort((a, b) => b.length - a.length);
// Plain (no diacritics) once here, not per token: stems are taken of millions of names.
const PLAIN_ENDINGS = [...new Set(LITHUANIAN_ENDINGS.map((e) => plainName(e)))].sort(
  (a, b) => b.length - a.length,
);

/**
 * The stem of a name token without its Lithuanian (or Slavic) ending, kept at three letters at
 * least so that short names do not all collapse: Jonas → jon, Ona → on stays "ona".
 */
export function lithuanianStem(token: string): string {
  const t = plainName(token);
  for (const e of PLAIN_ENDINGS)
    if (t.length - e.length >= 3 && t.endsWith(e)) return t.slice(0, -e.length);
  return t;
}

const PATRONYMIC = /(ovich|evich|ovych|evych|ovna|evna|ivna|yivna|ich|ych|ovic|evic)$/;

/** A Russian, Ukrainian or Belarusian patronymic (Ivanovich, Petrivna, Oleksiiovych). */
export function isPatronymic(token: string): boolean {
  return token.length > 5 && PATRONYMIC.test(plainName(token));
}

export interface NameKey {
  /** Stems of the given names and surname, sorted: the same for any order of the tokens. */
  tokens: string[];
  /** Patronymics found among the given names, kept apart (often missing in one source). */
  patronymics: string[];
  /** The tokens joined: equal keys mean equal names up to the rules above. */
  key: string;
}

/** Keys of a full name, one per Latin form of it (several when it is written in Cyrillic). */
export function nameKeys(givenNames: string, surname: string): NameKey[] {
  const keys = new Map<string, NameKey>();
  const givens = latinForms(givenNames);
  const surnames = latinForms(surname);
  for (let i = 0; i < Math.max(givens.length, surnames.length); i++) {
    const given = plainName(givens[Math.min(i, givens.length - 1)] ?? '')
      .split(' ')
      .filter(Boolean);
    const family = plainName(surnames[Math.min(i, surnames.length - 1)] ?? '')
      .split(' ')
      .filter(Boolean);
    const patronymics = given.filter(isPatronymic).map(lithuanianStem);
    const tokens = [...given.filter((t) => !isPatronymic(t)), ...family].map(lithuanianStem).sort();
    const key = tokens.join(' ');
    if (!keys.has(key)) keys.set(key, { tokens, patronymics, key });
  }
  return [...keys.values()];
}

/** Whether two full names share a key: equal once written in Latin by some system and normalised. */
export function transliterationEqual(
  a: { givenNames: string; surname: string },
  b: { givenNames: string; surname: string },
): boolean {
  const ka = new Set(nameKeys(a.givenNames, a.surname).map((k) => k.key));
  return nameKeys(b.givenNames, b.surname).some((k) => ka.has(k.key));
}

/**
 * A plain Latin name token reduced to a skeleton that the usual ways of spelling one Cyrillic
 * name in Latin share: the passport systems, the Lithuanian one (Julija, Sergijus, Oleksandras),
 * English and German habits (x, w, ph). Y and J read as I (Yuliia, Julija, Iuliia → iulia),
 * Ukrainian H as Russian G (Hryhorii, Grigorii), sibilant digraphs as one letter (sh š, zh ž,
 * ch č ts c), IE/YE/JE as E, doubled letters once. Lenient on purpose: it decides only that two
 * spellings may be the same name; dates and the other fields decide whether it is the same person.
 */
export function spellingSkeleton(token: string): string {
  const s = token
    .replace(/ph/g, 'f')
    .replace(/ck/g, 'k')
    .replace(/x/g, 'ks')
    .replace(/q/g, 'k')
    .replace(/w/g, 'v')
    .replace(/kh/g, 'h')
    .replace(/h/g, 'g')
    .replace(/sg/g, 's')
    .replace(/zg/g, 'z')
    .replace(/(tscg|cg|tz|ts|cz)/g, 'c')
    .replace(/sz/g, 's')
    .replace(/[yj]/g, 'i')
    .replace(/ie/g, 'e');
  let out = '';
  for (let i = 0; i < s.length; i++) if (s[i] !== s[i - 1]) out += s[i];
  return out;
}
