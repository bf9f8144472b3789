import { transliterate, type TransliterationSystem } from '../matching/transliterate';
import type { Random } from './random';

/**
 * How sources write a name differently: a Latin form by one of the transliteration systems,
 * the Lithuanised form a Lithuanian register gives a foreigner (Aleksandras Kovalenka), one
 * mistyped letter, capitals. All pure functions of their input and the random source.
 */

/** Words capitalised after a space, hyphen or apostrophe: "ivano-frankivsk" → "Ivano-Frankivsk". */
export function titleCase(text: string): string {
  return text.replace(
    /(^|[\s\-'’])(\p{L})/gu,
    (_m, sep: string, c: string) => sep + c.toUpperCase(),
  );
}

const latinCache = new Map<TransliterationSystem, Map<string, string>>();

/** A Cyrillic name in Latin letters by one system, capitalised as a name (memoised: lists are short). */
export function latinForm(text: string, system: TransliterationSystem): string {
  let forms = latinCache.get(system);
  if (!forms) latinCache.set(system, (forms = new Map()));
  let form = forms.get(text);
  if (form === undefined) {
    form = titleCase(transliterate(text, system));
    forms.set(text, form);
  }
  return form;
}

const VOWEL = /[aeiouy]$/;

/** A man's given name with a Lithuanian ending: Aleksandr → Aleksandras, Serhii → Serhijus. */
function lithuanianMaleGiven(name: string): string {
  if (/(ii|iy|yi|ij|iï)$/i.test(name)) return name.slice(0, -2) + 'ijus';
  if (/[aeo][iy]$/i.test(name)) return name.slice(0, -1) + 'jus';
  if (/or$/i.test(name)) return name + 'is';
  if (/o$/i.test(name)) return name.slice(0, -1) + 'as';
  if (VOWEL.test(name.toLowerCase())) return name;
  return name + 'as';
}

/** A man's surname with a Lithuanian ending: Kovalenko → Kovalenka, Lukashevich → Lukashevichius. */
function lithuanianMaleSurname(name: string): string {
  if (/ko$/i.test(name)) return name.slice(0, -1) + 'a';
  if (/(sk|tsk|ck)(yi|ii|iy|ij|y|i)$/i.test(name)) return name.replace(/(yi|ii|iy|ij|y|i)$/i, 'is');
  if (/(yi|ii|iy|ij)$/i.test(name)) return name.slice(0, -2) + 'is';
  if (/(ich|ych|ič)$/i.test(name)) return name + 'ius';
  if (/[aeiouy]$/i.test(name)) return name;
  return name + 'as';
}

/** A woman's given name as Lithuanian writes it: Yuliia → Yulija, Mariia → Marija. */
function lithuanianFemaleGiven(name: string): string {
  return name.replace(/(iia|iya|yia|ia)$/i, 'ija').replace(/ya$/i, 'ja');
}

/** A woman's invariant surname with the married ending: Kovalenko → Kovalenkienė. */
function lithuanianFemaleSurname(name: string, random: Random): string {
  if (/(ova|eva|ina|yna|ska|cka|aya|aja)$/i.test(name)) return name;
  if (!random.chance(0.5)) return name;
  return /[aeiouy]$/i.test(name) ? name.slice(0, -1) + 'ienė' : name + 'ienė';
}

/** Lithuanised endings on every word of a Latin name (a double name gets both). */
export function lithuanise(
  name: string,
  part: 'given' | 'surname',
  sex: 'M' | 'F',
  random: Random,
): string {
  return name.replace(/\p{L}+/gu, (word) => {
    if (sex === 'M')
      return part === 'given' ? lithuanianMaleGiven(word) : lithuanianMaleSurname(word);
    return part === 'given' ? lithuanianFemaleGiven(word) : lithuanianFemaleSurname(word, random);
  });
}

const LITHUANIAN_LETTERS: [RegExp, string][] = [
  [/shch/g, 'šč'],
  [/sh/g, 'š'],
  [/zh/g, 'ž'],
  [/ch/g, 'č'],
  [/kh/g, 'ch'],
  [/ts/g, 'c'],
  [/y(?=[aeiou])/g, 'j'],
  [/(?<=[aeiou])y/g, 'j'],
];

/** The sounds written with Lithuanian letters: Shevchenko → Ševčenko, Yulija → Julija. */
export function lithuanianLetters(name: string): string {
  let lower = name.toLowerCase();
  for (const [pattern, letters] of LITHUANIAN_LETTERS) lower = lower.replace(pattern, letters);
  return titleCase(lower);
}

const LATIN_LETTERS = [...'abcdefghijklmnoprstuvyz'];
const RUSSIAN_LETTERS = [...'абвгдежзийклмнопрстуфхцчшщыьэюя'];
const UKRAINIAN_LETTERS = [...'абвгдеєжзиіїйклмнопрстуфхцчшщьюя'];
const BELARUSIAN_LETTERS = [...'абвгдеёжзійклмнопрстуўфхцчшыьэюя'];

/** The alphabet a mistyped letter comes from: the keyboard of the name's language. */
function alphabetOf(name: string): string[] {
  if (!/[\u0400-\u04ff]/.test(name)) return LATIN_LETTERS;
  if (/[ўЎ]/.test(name) || (/[іІ]/.test(name) && /[ыЫэЭ]/.test(name))) return BELARUSIAN_LETTERS;
  if (/[іїєґІЇЄҐ]/.test(name)) return UKRAINIAN_LETTERS;
  return RUSSIAN_LETTERS;
}

/** One mistyped letter: replaced, dropped, doubled, or swapped with the next. */
export function typo(name: string, random: Random): string {
  const letters: number[] = [];
  for (let i = 0; i < name.length; i++) if (/\p{L}/u.test(name[i]!)) letters.push(i);
  if (letters.length < 3) return name;
  const i = letters[1 + random.int(letters.length - 1)]!;
  const c = name[i]!;
  const kind = random.int(4);
  if (kind === 0 && letters.length > 3) return name.slice(0, i) + name.slice(i + 1);
  if (kind === 1) return name.slice(0, i) + c + name.slice(i);
  if (kind === 2 && i + 1 < name.length && /\p{L}/u.test(name[i + 1]!) && name[i + 1] !== c)
    return name.slice(0, i) + name[i + 1] + c + name.slice(i + 2);
  const alphabet = alphabetOf(name);
  let other = c;
  while (other.toLowerCase() === c.toLowerCase()) other = random.pick(alphabet);
  if (c !== c.toLowerCase()) other = other.toUpperCase();
  return name.slice(0, i) + other + name.slice(i + 1);
}
