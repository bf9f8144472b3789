/**
 * Fixed phrases matched word by word on folded text (no stemming): the phrases behind the safety
 * and conversation flags must match as written, or "act as" would find "acting".
 */
import { TERM_LANGS, type Terms } from './lexicon';
import { foldedWords } from './text';

export class PhraseSet {
  private readonly byFirst = new Map<string, string[][]>();
  /** Every folded word of the set (for single-word checks such as "my", "mano"). */
  readonly words = new Set<string>();

  constructor(terms: Terms) {
    for (const lang of TERM_LANGS)
      for (const phrase of terms[lang] ?? []) {
        const words = foldedWords(phrase);
        if (words.length === 0) continue;
        const list = this.byFirst.get(words[0]!) ?? [];
        list.push(words);
        this.byFirst.set(words[0]!, list);
        if (words.length === 1) this.words.add(words[0]!);
      }
  }

  /** Start and end (exclusive) of every phrase found in the folded words. */
  find(folds: string[]): [number, number][] {
    const found: [number, number][] = [];
    folds.forEach((word, i) => {
      for (const phrase of this.byFirst.get(word) ?? [])
        if (phrase.every((w, k) => folds[i + k] === w)) found.push([i, i + phrase.length]);
    });
    return found;
  }

  has(folds: string[]): boolean {
    return this.find(folds).length > 0;
  }
}
