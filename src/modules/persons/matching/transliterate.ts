/**
 * Cyrillic → Latin by the systems that Ukrainian, Russian and Belarusian names reach Lithuania
 * in: the ICAO Doc 9303 table of machine-readable travel documents (passports since about 2013
 * in Russia and 2010 in Ukraine use it, or close to it), Ukraine's national system of 2010
 * (Cabinet of Ministers resolution No 55), the older Russian passport style (1997–2010) and
 * BGN/PCGN (the usual English-language romanisation). The same name written by two systems
 * differs (Олександр: OLEKSANDR in all; Юлія: IULIIA, YULIIA, YULIYA), so matching compares
 * every form of one with every form of the other (issue 7: "transliteration-equal").
 */
export const TRANSLITERATION_SYSTEMS = [
  'icao-9303',
  'ukrainian-2010',
  'russian-passport-1997',
  'bgn-pcgn',
] as const;
export type TransliterationSystem = (typeof TRANSLITERATION_SYSTEMS)[number];

type Table = Record<string, string>;

/** ICAO Doc 9303 Part 3, transliteration of Cyrillic (Russian, Ukrainian, Belarusian letters). */
const ICAO: Table = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  ґ: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  є: 'ie',
  ж: 'zh',
  з: 'z',
  и: 'i',
  і: 'i',
  ї: 'i',
  й: 'i',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ў: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: 'ie',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'iu',
  я: 'ia',
};

/** Ukraine 2010: as ICAO, but Г h, И y, and Є Ї Й Ю Я start a word as ye yi y yu ya. */
const UKRAINIAN: Table = {
  ...ICAO,
  г: 'h',
  и: 'y',
  є: 'ie',
  ї: 'i',
  й: 'i',
  ю: 'iu',
  я: 'ia',
  ь: '',
  ъ: '',
};
const UKRAINIAN_INITIAL: Table = { є: 'ye', ї: 'yi', й: 'y', ю: 'yu', я: 'ya' };

/** Russian internal-affairs passport style before ICAO (Й Y, Ю YU, Я YA, Ъ and Ь dropped). */
const RUSSIAN_1997: Table = {
  ...ICAO,
  й: 'y',
  ю: 'yu',
  я: 'ya',
  ъ: '',
  ь: '',
  ы: 'y',
  э: 'e',
  ё: 'e',
  г: 'g',
  и: 'i',
};

/** BGN/PCGN (1947, Russian; Ukrainian per the 1965 system for the letters Russian lacks). */
const BGN: Table = {
  ...RUSSIAN_1997,
  ё: 'yo',
  є: 'ye',
  ї: 'yi',
  і: 'i',
  ґ: 'g',
  е: 'e',
};
const VOWELS_AND_SIGNS = new Set([...'аеёиіїоуыэюяєъь']);

const TABLES: Record<TransliterationSystem, Table> = {
  'icao-9303': ICAO,
  'ukrainian-2010': UKRAINIAN,
  'russian-passport-1997': RUSSIAN_1997,
  'bgn-pcgn': BGN,
};

const CYRILLIC = /[\u0400-\u04ff]/;

export function hasCyrillic(text: string): boolean {
  return CYRILLIC.test(text);
}

/** One system's Latin form of a text (lower case; letters it does not know are kept). */
export function transliterate(text: string, system: TransliterationSystem): string {
  const table = TABLES[system];
  // Apostrophes (Ukrainian ' and ʼ, BGN's ’ for soft signs) are dropped by every system here.
  const lower = text.toLowerCase().replace(/[’'ʼ`]/g, '');
  let out = '';
  for (let i = 0; i < lower.length; i++) {
    const c = lower[i]!;
    const prev = i > 0 ? lower[i - 1]! : '';
    const initial = i === 0 || !/\p{L}/u.test(prev);
    if (system === 'ukrainian-2010') {
      // "зг" is "zgh" so that it does not read as the digraph "zh".
      if (c === 'г' && prev === 'з') {
        out += 'gh';
        continue;
      }
      if (initial && c in UKRAINIAN_INITIAL) {
        out += UKRAINIAN_INITIAL[c];
        continue;
      }
    }
    if (system === 'bgn-pcgn' && c === 'е' && (initial || VOWELS_AND_SIGNS.has(prev))) {
      out += 'ye';
      continue;
    }
    out += table[c] ?? c;
  }
  return out;
}

/** Every distinct Latin form of a text: itself when it has no Cyrillic, else one per system. */
export function latinForms(text: string): string[] {
  if (!hasCyrillic(text)) return [text.toLowerCase()];
  return [...new Set(TRANSLITERATION_SYSTEMS.map((s) => transliterate(text, s)))];
}

/**
 * Cyrillic as Lithuanian civil registration and Lithuanian documents write it (the State
 * Commission of the Lithuanian Language's practice): Й J, Ж Ž, Ш Š, Щ ŠČ, Ч Č, Ц C, Х CH, and
 * Е Ё Ю Я as je jo ju ja at the start of a word or after a vowel, e io iu ia after a consonant.
 * A Ukrainian Олександр Коваленко becomes Oleksandr (Oleksandras with the Lithuanian ending)
 * Kovalenko; Юлія becomes Julija. Not one of the passport systems above, so kept apart from
 * `latinForms`; the matcher adds it to the forms it compares.
 */
const LITHUANIAN: Table = {
  ...ICAO,
  г: 'g',
  ґ: 'g',
  е: 'e',
  ё: 'io',
  є: 'je',
  ж: 'ž',
  и: 'i',
  і: 'i',
  ї: 'ji',
  й: 'j',
  х: 'ch',
  ц: 'c',
  ч: 'č',
  ш: 'š',
  щ: 'šč',
  ъ: '',
  ь: '',
  ы: 'y',
  э: 'e',
  ю: 'iu',
  я: 'ia',
};
const LITHUANIAN_AFTER_VOWEL: Table = { е: 'je', ё: 'jo', ю: 'ju', я: 'ja', є: 'je' };
const UKRAINIAN_LETTERS = /[іїєґ]/;

export function transliterateLithuanian(text: string): string {
  const lower = text.toLowerCase().replace(/[’'ʼ`]/g, '');
  // Ukrainian И is a Lithuanian Y (Mykola), Ukrainian Г an H (Hryhorij); Russian ones stay I, G.
  const ukrainian = UKRAINIAN_LETTERS.test(lower);
  let out = '';
  for (let i = 0; i < lower.length; i++) {
    const c = lower[i]!;
    const prev = i > 0 ? lower[i - 1]! : '';
    const initial = i === 0 || !/\p{L}/u.test(prev);
    if ((initial || VOWELS_AND_SIGNS.has(prev)) && c in LITHUANIAN_AFTER_VOWEL) {
      out += LITHUANIAN_AFTER_VOWEL[c];
      continue;
    }
    if (ukrainian && c === 'и') out += 'y';
    else if (ukrainian && c === 'г') out += 'h';
    else out += LITHUANIAN[c] ?? c;
  }
  return out;
}
