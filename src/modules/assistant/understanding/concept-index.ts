/**
 * The concept index, built once from the lexicon and the catalogue's service names: every term
 * becomes a phrase of lookup keys, and a question's tokens are matched against them.
 *
 * A key is `<lang>|<folded stem>` for a word in its own language and script, `x|<folded word>` for
 * Latin words matched as typed (transliterated Russian and Ukrainian, acronyms inside Cyrillic
 * terms), and `n|<number>` for numbers. A question's Latin word is looked up as Lithuanian, as
 * English and as typed; a Cyrillic word as Russian and as Ukrainian. So a mixed question ("TRP fee
 * скільки") finds each word in its own language, whatever the whole question is detected as.
 */
import { distance } from 'fastest-levenshtein';
import type { Language } from '../../../platform/i18n';
import type { Lexicon, TermLang, Terms } from './lexicon';
import { TERM_LANGS } from './lexicon';
import type { Stemmers } from './stemmers';
import { tokenise, type Token } from './text';

export interface ServiceVocabulary {
  id: string;
  names: Partial<Record<Language, string[]>>;
}

interface Phrase {
  concept: string;
  keys: string[];
  /** The words as written (folded), under the `x|` key a question's Latin word also has. */
  exact: string[];
  weak: boolean;
}

export interface Match {
  concept: string;
  weak: boolean;
  /** Token positions the phrase covers. */
  positions: number[];
}

/** The language a term list counts as evidence for. */
export const LANG_OF: Record<TermLang, Language> = {
  lt: 'lt',
  en: 'en',
  ru: 'ru',
  uk: 'uk',
  'ru-latn': 'ru',
  'uk-latn': 'uk',
};

const STEMMED = new Set<TermLang>(['lt', 'en', 'ru', 'uk']);
/** A phrase's words may be this many tokens apart beyond its own length (word order varies). */
const WINDOW_SLACK = 2;
/** Only words at least this long are corrected, and only towards words at least this long. */
const TYPO_MIN_LENGTH = 4;
const TYPO_CACHE_LIMIT = 20_000;

export class ConceptIndex {
  private readonly byFirstKey = new Map<string, Phrase[]>();
  /** Every key any phrase uses, with the languages whose terms produced it (language evidence). */
  readonly keyLangs = new Map<string, Set<Language>>();
  /** Folded words of every term and service name, by first letter, for typo correction. */
  private readonly vocabulary = new Map<string, string[]>();
  private readonly vocabularyKeys = new Map<string, Set<string>>();
  /** The concepts of each vocabulary word: equally close words with other keys and other concepts tie. */
  private readonly vocabularyConcepts = new Map<string, Set<string>>();
  private readonly typoCache = new Map<string, string[] | null>();
  /** Folded stop words of all languages (Latin and Cyrillic words cannot collide). */
  readonly stopwords = new Set<string>();

  constructor(
    private readonly stemmers: Stemmers,
    lexicon: Lexicon,
    services: ServiceVocabulary[],
  ) {
    for (const lang of TERM_LANGS)
      for (const w of lexicon.stopwords[lang] ?? [])
        for (const t of tokenise(w)) this.stopwords.add(t.fold);
    for (const concept of lexicon.concepts) {
      this.addTerms(concept.id, concept.terms, false);
      if (concept.weak) this.addTerms(concept.id, concept.weak, true);
    }
    for (const service of services) this.addServiceNames(service);
  }

  /** The key of a term's word in the term's language. */
  termKey(lang: TermLang, t: Token): string {
    if (t.script === 'num') return `n|${t.fold}`;
    if (!STEMMED.has(lang)) return `x|${t.fold}`;
    const latinLang = lang === 'lt' || lang === 'en';
    if ((t.script === 'latn') === latinLang)
      return `${lang}|${this.stemmers.stem(lang as Language, t.low)}`;
    return `x|${t.fold}`;
  }

  /** Every key a question's word may be found under. */
  queryKeys(t: Token): string[] {
    if (t.script === 'num') return [`n|${t.fold}`];
    if (t.script === 'latn')
      return [
        `lt|${this.stemmers.stem('lt', t.low)}`,
        `en|${this.stemmers.stem('en', t.low)}`,
        `x|${t.fold}`,
      ];
    return [`ru|${this.stemmers.stem('ru', t.low)}`, `uk|${this.stemmers.stem('uk', t.low)}`];
  }

  isKnown(key: string): boolean {
    return this.keyLangs.has(key);
  }

  private addTerms(concept: string, terms: Terms, weak: boolean): void {
    for (const lang of TERM_LANGS)
      for (const term of terms[lang] ?? []) {
        const tokens = tokenise(term);
        if (tokens.length > 0) this.addPhrase(concept, lang, tokens, weak);
      }
  }

  /**
   * A catalogue name is matched by its main part (before any bracket), without stop words, when
   * that leaves two words or more: "Leidimas laikinai gyventi (išdavimas ar keitimas)" → "leidimas
   * laikinai gyventi". The bracketed part ("issue or renewal") would match too much.
   */
  private addServiceNames(service: ServiceVocabulary): void {
    for (const lang of ['lt', 'en', 'ru', 'uk'] as const)
      for (const name of service.names[lang] ?? []) {
        const main = name.split(/[([]/)[0] ?? '';
        const tokens = tokenise(main).filter((t) => !this.stopwords.has(t.fold));
        if (tokens.length >= 2) this.addPhrase(`svc:${service.id}`, lang, tokens, false);
      }
  }

  private addPhrase(concept: string, lang: TermLang, tokens: Token[], weak: boolean): void {
    const keys = tokens.map((t) => this.termKey(lang, t));
    const list = this.byFirstKey.get(keys[0]!) ?? [];
    list.push({ concept, keys, exact: tokens.map((t) => `x|${t.fold}`), weak });
    this.byFirstKey.set(keys[0]!, list);
    tokens.forEach((t, i) => {
      const key = keys[i]!;
      const langs = this.keyLangs.get(key) ?? new Set<Language>();
      langs.add(LANG_OF[lang]);
      this.keyLangs.set(key, langs);
      if (t.script === 'num' || t.fold.length < TYPO_MIN_LENGTH) return;
      let wordKeys = this.vocabularyKeys.get(t.fold);
      if (!wordKeys) {
        wordKeys = new Set();
        this.vocabularyKeys.set(t.fold, wordKeys);
        const bucket = this.vocabulary.get(t.fold[0]!) ?? [];
        bucket.push(t.fold);
        this.vocabulary.set(t.fold[0]!, bucket);
      }
      wordKeys.add(key);
      const concepts = this.vocabularyConcepts.get(t.fold) ?? new Set<string>();
      concepts.add(concept);
      this.vocabularyConcepts.set(t.fold, concepts);
    });
  }

  /**
   * The keys of the vocabulary word closest to a misspelt word: at most 1 edit for words of 4–7
   * letters, 2 for longer ones, never for shorter ones; null when none or when two words tie (a
   * guess between two meanings is worse than none). Only words with the same first letter are
   * compared: people rarely mistype the first letter, and it keeps this to a few dozen comparisons.
   */
  correct(word: string): string[] | null {
    if (word.length < TYPO_MIN_LENGTH) return null;
    const cached = this.typoCache.get(word);
    if (cached !== undefined) return cached;
    const max = word.length >= 8 ? 2 : 1;
    let best: string | null = null;
    let bestDistance = max + 1;
    let tie = false;
    for (const candidate of this.vocabulary.get(word[0]!) ?? []) {
      if (Math.abs(candidate.length - word.length) > max) continue;
      const d = distance(word, candidate);
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
        tie = false;
      } else if (d === bestDistance && d <= max) {
        const a = this.vocabularyConcepts.get(candidate)!;
        const b = this.vocabularyConcepts.get(best!)!;
        const sameKeys =
          [...this.vocabularyKeys.get(candidate)!].join() ===
          [...this.vocabularyKeys.get(best!)!].join();
        const sameConcepts = a.size === b.size && [...a].every((c) => b.has(c));
        if (!sameKeys && !sameConcepts) tie = true;
      }
    }
    const result = best && !tie && bestDistance > 0 ? [...this.vocabularyKeys.get(best)!] : null;
    if (this.typoCache.size >= TYPO_CACHE_LIMIT) this.typoCache.clear();
    this.typoCache.set(word, result);
    return result;
  }

  /**
   * The phrases found among the tokens, longest first, no token used twice. A phrase is anchored
   * on its first word; its other words may come in any order within a small window around it
   * ("leidimo gyventi laikinai", "residence permit temporary").
   */
  match(keys: string[][]): Match[] {
    const candidates: (Match & { length: number; span: number; exact: number })[] = [];
    for (let i = 0; i < keys.length; i++) {
      for (const key of keys[i]!) {
        for (const phrase of this.byFirstKey.get(key) ?? []) {
          const positions = this.place(phrase, i, keys);
          if (positions)
            candidates.push({
              concept: phrase.concept,
              weak: phrase.weak,
              positions,
              length: phrase.keys.length,
              span: Math.max(...positions) - Math.min(...positions),
              exact: positions.filter((p, k) => keys[p]!.includes(phrase.exact[k]!)).length,
            });
        }
      }
    }
    candidates.sort(
      (a, b) =>
        b.length - a.length ||
        Number(a.weak) - Number(b.weak) ||
        // Two terms whose stems meet ("galioja" and "galiu" are both "gal"): the one written as
        // the question writes it is the one meant.
        b.exact - a.exact ||
        a.span - b.span ||
        a.positions[0]! - b.positions[0]!,
    );
    const used = new Set<number>();
    const accepted: Match[] = [];
    for (const c of candidates) {
      if (c.positions.some((p) => used.has(p))) continue;
      c.positions.forEach((p) => used.add(p));
      accepted.push({ concept: c.concept, weak: c.weak, positions: c.positions });
    }
    return accepted.sort((a, b) => Math.min(...a.positions) - Math.min(...b.positions));
  }

  private place(phrase: Phrase, anchor: number, keys: string[][]): number[] | null {
    const positions = [anchor];
    if (phrase.keys.length === 1) return positions;
    const from = Math.max(0, anchor - WINDOW_SLACK);
    const to = Math.min(keys.length - 1, anchor + phrase.keys.length - 1 + WINDOW_SLACK);
    for (let k = 1; k < phrase.keys.length; k++) {
      const wanted = phrase.keys[k]!;
      // Prefer the word right after the previous one, then the nearest one in the window.
      const previous = positions[positions.length - 1]!;
      let found = -1;
      let foundDistance = Infinity;
      for (let j = from; j <= to; j++) {
        if (positions.includes(j) || !keys[j]!.includes(wanted)) continue;
        const d = j > previous ? j - previous : previous - j + 0.5;
        if (d < foundDistance) {
          found = j;
          foundDistance = d;
        }
      }
      if (found < 0) return null;
      positions.push(found);
    }
    return positions;
  }
}
