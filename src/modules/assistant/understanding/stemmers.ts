/**
 * Language-aware stemming with the @nlpjs Snowball-style stemmers. Russian, Ukrainian and English
 * stems are taken from the lower-case word (ё, й, ї matter to their rules) and then folded;
 * Lithuanian is folded first, so a word typed without diacritics meets the same stem. Results are cached: the same few
 * thousand words recur in every question, and a cache hit is far cheaper than a stemmer run.
 */
import { StemmerEn } from '@nlpjs/lang-en-min';
import { StemmerLt } from '@nlpjs/lang-lt';
import { StemmerRu } from '@nlpjs/lang-ru';
import { StemmerUk } from '@nlpjs/lang-uk';
import type { Language } from '../../../platform/i18n';
import { fold } from './text';

/** The cache is bounded so odd input (random strings) cannot grow it without limit. */
const CACHE_LIMIT = 50_000;

export interface Stemmers {
  /** The folded stem of a lower-case word in `lang`. */
  stem(lang: Language, low: string): string;
}

export function createStemmers(): Stemmers {
  const stemmers: Record<Language, { stemWord(word: string): string }> = {
    lt: new StemmerLt(),
    en: new StemmerEn(),
    ru: new StemmerRu(),
    uk: new StemmerUk(),
  };
  const caches: Record<Language, Map<string, string>> = {
    lt: new Map(),
    en: new Map(),
    ru: new Map(),
    uk: new Map(),
  };
  return {
    stem(lang, low) {
      const cache = caches[lang];
      let stem = cache.get(low);
      if (stem === undefined) {
        // Very short words, and words a stemmer cuts to one or two letters ("išdavė" → "iš"), are
        // kept whole: a two-letter stem would meet unrelated short words ("is").
        // Lithuanian is stemmed without its diacritics: people often type it so ("savivaldybeje"),
        // and the stemmer only knows the endings as written ("-ėje"), so both forms must meet.
        const word = lang === 'lt' ? spokenInfinitive(fold(low)) : low;
        const stemmed = word.length <= 3 ? '' : stemmers[lang].stemWord(word);
        stem = fold(stemmed && stemmed.length >= 3 ? stemmed : word);
        if (cache.size >= CACHE_LIMIT) cache.clear();
        cache.set(low, stem);
      }
      return stem;
    },
  };
}

/**
 * Lithuanian speech, and typing, drops the infinitive's final "i": "gyvent", "dirbt", "pradet",
 * "uzsiregistruot" are "gyventi", "dirbti", "pradėti", "užsiregistruoti". The full form is what
 * the stemmer knows. Only words of five letters or more ending in a vowel or consonant before
 * "t", so short words ("bet", "net", "ant", "kart") stay as they are.
 */
export function spokenInfinitive(word: string): string {
  return word.length >= 5 && /[^t]t$/.test(word) ? `${word}i` : word;
}
