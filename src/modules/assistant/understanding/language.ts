/**
 * Which of lt, en, ru, uk a question is written in. Each word votes: letters only one language
 * has (ą č ę ė į š ų ū ž; і ї є ґ and the apostrophe for Ukrainian; ы э ъ ё for Russian) count
 * most, then stop words and markers, then lexicon words found under a language's stem. A mixed
 * question is decided by its words, so "TRP fee скільки" is Ukrainian (the one Ukrainian word
 * outweighs two international ones) and "skolko stoit VNZh" is Russian typed in Latin letters.
 */
import { LANGUAGES, type Language } from '../../../platform/i18n';
import type { Token } from './text';

const LITHUANIAN_LETTERS = /[ąčęėįšųūž]/u;
const UKRAINIAN_LETTERS = /[іїєґ]/u;
const RUSSIAN_LETTERS = /[ыэъё]/u;
const UKRAINIAN_APOSTROPHE = /\p{Script=Cyrillic}['’ʼ]\p{Script=Cyrillic}/u;

const LETTER_VOTE = 3;
const WORD_VOTE = 2;
const STEM_VOTE = 1;
/** A Cyrillic word leans the question towards Russian or Ukrainian even when not recognised. */
const CYRILLIC_PRIOR = 0.5;

export interface LanguageEvidence {
  /** Languages a folded stop word or marker belongs to. */
  wordLangs: Map<string, Set<Language>>;
  /** Languages of the lexicon terms a folded word appears in as written. */
  surfaceLangs: Map<string, Set<Language>>;
  /** Languages of the lexicon terms behind a lookup key. */
  keyLangs: Map<string, Set<Language>>;
}

export function detectLanguage(
  text: string,
  tokens: Token[],
  keys: string[][],
  evidence: LanguageEvidence,
  hint?: Language,
): Language {
  const score: Record<Language, number> = { lt: 0, en: 0, ru: 0, uk: 0 };
  let cyrillic = false;
  tokens.forEach((t, i) => {
    if (t.script === 'num') return;
    if (t.script === 'cyrl') {
      cyrillic = true;
      score.ru += CYRILLIC_PRIOR;
      score.uk += CYRILLIC_PRIOR;
      if (UKRAINIAN_LETTERS.test(t.low)) score.uk += LETTER_VOTE;
      if (RUSSIAN_LETTERS.test(t.low)) score.ru += LETTER_VOTE;
    } else if (LITHUANIAN_LETTERS.test(t.low)) {
      score.lt += LETTER_VOTE;
    }
    if (t.script === 'cyrl' && (t.low.endsWith('ння') || t.low.startsWith('роз'))) score.uk += 1;
    const langs = new Set([
      ...(evidence.wordLangs.get(t.fold) ?? []),
      ...(evidence.surfaceLangs.get(t.fold) ?? []),
    ]);
    // Only when the word is not in any list as written: a stem is shared by more forms, and a
    // misspelt word ("adress") meets the stem of another language's word ("adresas"), so such a
    // word votes with half the weight of one known as written.
    let vote = WORD_VOTE;
    if (langs.size === 0) {
      vote = STEM_VOTE;
      for (const key of keys[i]!) for (const l of evidence.keyLangs.get(key) ?? []) langs.add(l);
    }
    for (const l of langs) score[l] += vote / langs.size;
  });
  if (UKRAINIAN_APOSTROPHE.test(text)) score.uk += LETTER_VOTE;

  // Someone who types Cyrillic words writes Russian or Ukrainian, whatever Latin acronyms or
  // terms they mix in ("ВНЖ for students price", "blue card документи").
  const candidates: readonly Language[] = cyrillic ? ['ru', 'uk'] : LANGUAGES;
  const best = Math.max(...candidates.map((l) => score[l]));
  if (best === 0) {
    if (cyrillic) return hint === 'uk' ? 'uk' : 'ru';
    return hint ?? 'lt';
  }
  // The caller's language settles a tie (e.g. "TRP 160" from the English page).
  if (hint && candidates.includes(hint) && score[hint] === best) return hint;
  return candidates.find((l) => score[l] === best)!;
}
