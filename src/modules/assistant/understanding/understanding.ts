/**
 * The understanding step: a question becomes an `Understanding` (language, terms, intents, the
 * service, whether it is about the asker's own case, and the safety flags). Everything expensive
 * (the concept index, stems, typo corrections) is built once or cached, so a question costs a few
 * map lookups per word; the answer as a whole must stay under 20 ms at p95.
 */
import type { Language } from '../../../platform/i18n';
import {
  INTENTS,
  OWN_CASE_INTENTS,
  QUESTION_MAX,
  type Intent,
  type ScoredIntent,
  type Understanding,
} from '../assistant.model';
import { ConceptIndex, LANG_OF, type Match, type ServiceVocabulary } from './concept-index';
import { looksLikeInjection, mentionsNamedPerson, mentionsOthersPersonalCode } from './flags';
import { detectLanguage } from './language';
import { TERM_LANGS, loadLexicon, type Lexicon, type Terms } from './lexicon';
import { PhraseSet } from './phrases';
import { createStemmers, type Stemmers } from './stemmers';
import { normaliseText, tokenise, type Token } from './text';

export interface UnderstandingService {
  understand(question: string, hint?: Language): Understanding;
  /** The same terms `understand` produces, for text known to be in `lang` (the FAQ's entries). */
  analyse(text: string, lang: Language): string[];
}

/** Service scores: a full name or alias, a word that only suggests it, a service implied by a ground. */
const STRONG = 0.85;
const WEAK = 0.5;
const IMPLIED = 0.75;
const RULE = 0.9;
/** Below this summed weight an intent is noise, not a reading of the question. */
const INTENT_FLOOR = 0.15;
/** How much a first-person question about a case leans towards the own-case intents. */
const PERSONAL_LEAN = 0.4;

/** What a question must be about for "my …" to mean the asker's own case, or a name someone else's. */
const CASE_CONCEPTS = new Set([
  'c:application',
  'c:card',
  'c:appointment',
  'c:reschedule',
  'c:payment',
  'c:status',
  'c:decision',
  'c:missing',
  'c:delivery',
  'c:address',
  'c:personal-code',
]);

const CASE_FACT_INTENTS = new Set<Intent>([
  'status',
  'decision',
  'missing',
  'delivery',
  'payment',
  'address',
  'appointment',
]);

/** Words that may stand next to a greeting without making it a question ("thanks a lot"). */
const GREETING_FILLER = new Set(
  'a lot so very much you all everyone again ok okay for the help info visiems labai vel gerai supratau большое очень всем спасибо еще хорошо понятно дуже щиро всім ще добре зрозуміло'
    .split(' ')
    .map((w) => w.normalize('NFD').replace(/\p{M}/gu, '')),
);

interface Analysis {
  tokens: Token[];
  keys: string[][];
  matches: Match[];
  concepts: string[];
  used: Set<number>;
  /** Positions of greeting words, and how many greetings were found. */
  greeted: Set<number>;
  greetings: number;
  /** The language the text was read in (given, or detected). */
  detected: Language;
}

export function createUnderstanding(opts: {
  services: ServiceVocabulary[];
  lexicon?: Lexicon;
  stemmers?: Stemmers;
}): UnderstandingService {
  const lexicon = opts.lexicon ?? loadLexicon();
  const stemmers = opts.stemmers ?? createStemmers();
  const index = new ConceptIndex(stemmers, lexicon, opts.services);
  const concepts = new Map(lexicon.concepts.map((c) => [c.id, c]));

  const wordLangs = new Map<string, Set<Language>>();
  for (const source of [lexicon.stopwords, lexicon.markers])
    for (const lang of TERM_LANGS)
      for (const phrase of source[lang] ?? [])
        for (const t of tokenise(phrase)) {
          const langs = wordLangs.get(t.fold) ?? new Set<Language>();
          langs.add(LANG_OF[lang]);
          wordLangs.set(t.fold, langs);
        }

  const stopwordsByLang = new Map<Language, Set<string>>(
    (['lt', 'en', 'ru', 'uk'] as const).map((l) => [l, new Set<string>()]),
  );
  for (const lang of TERM_LANGS)
    for (const phrase of lexicon.stopwords[lang] ?? [])
      for (const t of tokenise(phrase)) stopwordsByLang.get(LANG_OF[lang])!.add(t.fold);

  // Words as written in the lexicon's terms and flags say more about the language than stems do.
  const surfaceLangs = new Map<string, Set<Language>>();
  const addSurface = (terms: Terms | undefined) => {
    for (const lang of TERM_LANGS)
      for (const phrase of terms?.[lang] ?? [])
        for (const t of tokenise(phrase)) {
          const langs = surfaceLangs.get(t.fold) ?? new Set<Language>();
          langs.add(LANG_OF[lang]);
          surfaceLangs.set(t.fold, langs);
        }
  };
  for (const c of lexicon.concepts) {
    addSurface(c.terms);
    addSurface(c.weak);
  }
  for (const terms of Object.values(lexicon.flags)) addSurface(terms);
  const evidence = { wordLangs, surfaceLangs, keyLangs: index.keyLangs };

  const handoff = new PhraseSet(lexicon.flags.handoffRequest);
  const greeting = new PhraseSet(lexicon.flags.greeting);
  const injection = new PhraseSet(lexicon.flags.injection);
  const thirdParty = new PhraseSet(lexicon.flags.otherPerson);
  // Per language: the same letters are "I" in English and "į" (into) in Lithuanian typed without
  // diacritics, and "aš" folds to the English "as".
  const firstPersonLangs = new Map<string, Set<Language>>();
  for (const lang of TERM_LANGS)
    for (const phrase of lexicon.flags.firstPerson[lang] ?? [])
      for (const t of tokenise(phrase)) {
        const langs = firstPersonLangs.get(t.fold) ?? new Set<Language>();
        langs.add(LANG_OF[lang]);
        firstPersonLangs.set(t.fold, langs);
      }

  /**
   * A word is "I"/"my" in the question's language, or in another language where the question's
   * own language has no such word (a mixed question: "my TRP kaina").
   */
  const isFirstPerson = (fold: string, lang: Language) => {
    const langs = firstPersonLangs.get(fold);
    if (!langs) return false;
    if (langs.has(lang)) return true;
    return !stopwordsByLang.get(lang)!.has(fold) && !wordLangs.get(fold)?.has(lang);
  };

  const isKnownWord = (word: string) =>
    tokenise(word).every(
      (t) =>
        index.stopwords.has(t.fold) ||
        wordLangs.has(t.fold) ||
        index.queryKeys(t).some((k) => index.isKnown(k)),
    );

  /** Reads text in `lang`, or detects the language first (the hint only breaks ties). */
  function read(text: string, lang: Language | undefined, hint?: Language): Analysis {
    const tokens = tokenise(text);
    const own = tokens.map((t) => index.queryKeys(t));
    // Misspelt words do not vote on the language: only the words as typed do.
    const detected = lang ?? detectLanguage(normaliseText(text), tokens, own, evidence, hint);
    const stops = stopwordsByLang.get(detected)!;
    const keys = tokens.map((t, i) => {
      const mine = own[i]!;
      // A stop word of the question's language is that word, not a term of another language
      // (Lithuanian "visas" = "all" is not the English "visa").
      if (stops.has(t.fold))
        return mine.filter((k) => k.startsWith(`${detected}|`) || k.startsWith('x|'));
      // A word the lexicon does not know may be a typo of one it does ("kainuja", "documnets").
      if (
        t.script === 'num' ||
        mine.some((k) => index.isKnown(k)) ||
        index.stopwords.has(t.fold) ||
        wordLangs.has(t.fold)
      )
        return mine;
      return index.correct(t.fold) ?? mine;
    });
    const matches = index.match(keys);
    const used = new Set(matches.flatMap((m) => m.positions));
    // Greeting words say nothing about the question; they would only add noise to the terms.
    const greetings = greeting.find(tokens.map((t) => t.fold));
    const greeted = new Set(greetings.flatMap(([from, to]) => range(from, to)));
    const found: string[] = [];
    for (const m of matches) if (!found.includes(m.concept)) found.push(m.concept);
    for (const id of [...found])
      for (const implied of concepts.get(id)?.implies ?? [])
        if (!found.includes(implied)) found.push(implied);
    return {
      tokens,
      keys,
      matches,
      concepts: found,
      used,
      greeted,
      greetings: greetings.length,
      detected,
    };
  }

  /** The stem a word not covered by any concept adds to the terms, in the text's language. */
  function residualTerm(t: Token, lang: Language): string {
    if (t.script === 'num') return t.fold;
    if (t.script === 'latn')
      return lang === 'lt' || lang === 'en' ? stemmers.stem(lang, t.low) : t.fold;
    const cyrillicLang: Language =
      lang === 'ru' || lang === 'uk' ? lang : /[іїєґ]/u.test(t.low) ? 'uk' : 'ru';
    return stemmers.stem(cyrillicLang, t.low);
  }

  function terms(a: Analysis, lang: Language, service = serviceOf(a)): string[] {
    const out = a.concepts.filter((id) => !concepts.get(id)?.context);
    // A service the rules settle on ("lost" + "permit" → the new card) is a term too.
    if (service && !out.includes(`svc:${service.id}`)) out.push(`svc:${service.id}`);
    a.tokens.forEach((t, i) => {
      if (a.used.has(i) || a.greeted.has(i) || index.stopwords.has(t.fold)) return;
      const term = residualTerm(t, lang);
      if (term && !out.includes(term)) out.push(term);
    });
    return out;
  }

  /**
   * `personal` questions lean towards the intents answered from the asker's own case: "when will I
   * get a decision" asks about their decision, "how long does a decision take" about the rule.
   */
  /**
   * A name typed in lower case ("kokia jono petraicio prasymo busena"): two words in a row that
   * nothing knows (not a term, not a stop word, not a typo of a term) right next to the words for
   * an application or its status. Only asked when the question has no "my", so "kur mano prasymas
   * del ..." is never taken for someone else's case.
   */
  function unknownPairNextToCase(a: Analysis): boolean {
    const unknown = (i: number) => {
      const t = a.tokens[i];
      return (
        t !== undefined &&
        t.script !== 'num' &&
        t.fold.length >= 3 &&
        !a.used.has(i) &&
        !index.stopwords.has(t.fold) &&
        !wordLangs.has(t.fold) &&
        !surfaceLangs.has(t.fold) &&
        !a.keys[i]!.some((k) => index.isKnown(k))
      );
    };
    const caseWords = new Set(
      a.matches
        .filter((m) => m.concept === 'c:application' || m.concept === 'c:status')
        .flatMap((m) => m.positions),
    );
    for (const p of caseWords)
      if ((unknown(p - 1) && unknown(p - 2)) || (unknown(p + 1) && unknown(p + 2))) return true;
    return false;
  }

  /** The question asks for the state of a case (not a rule), the facts a stranger must not get. */
  function asksForCaseFacts(intents: ScoredIntent[]): boolean {
    const first = intents[0]?.intent;
    return first !== undefined && CASE_FACT_INTENTS.has(first);
  }

  function intentsOf(found: string[], personal: boolean): ScoredIntent[] {
    const raw = new Map<Intent, number>();

    for (const id of found)
      for (const [intent, weight] of Object.entries(concepts.get(id)?.intents ?? {}))
        raw.set(intent as Intent, (raw.get(intent as Intent) ?? 0) + (weight ?? 0));
    if (personal)
      for (const intent of OWN_CASE_INTENTS)
        if ((raw.get(intent) ?? 0) > INTENT_FLOOR)
          raw.set(intent, raw.get(intent)! + PERSONAL_LEAN);
    return INTENTS.filter((i) => (raw.get(i) ?? 0) > INTENT_FLOOR)
      .map((intent) => ({
        intent,
        score: Math.round((1 - Math.exp(-1.6 * raw.get(intent)!)) * 100) / 100,
      }))
      .sort((x, y) => y.score - x.score);
  }

  function serviceOf(a: Analysis): Understanding['service'] {
    const scores = new Map<string, number>();
    for (const m of a.matches) {
      if (!m.concept.startsWith('svc:')) continue;
      const s = m.weak ? WEAK : Math.min(1, STRONG + 0.05 * (m.positions.length - 1));
      const before = scores.get(m.concept);
      scores.set(m.concept, before === undefined ? s : Math.min(1, Math.max(before, s) + 0.05));
    }
    for (const id of a.concepts)
      if (id.startsWith('svc:') && !scores.has(id)) scores.set(id, IMPLIED);
    let best: { id: string; score: number } | undefined;
    for (const [id, score] of scores)
      if (!best || score > best.score) best = { id: id.slice(4), score };
    const present = new Set(a.concepts);
    for (const rule of lexicon.rules) {
      if (!rule.all.every((id) => present.has(id))) continue;
      const score = rule.score ?? RULE;
      const refines = best !== undefined && rule.all.includes(`svc:${best.id}`);
      if (best === undefined || refines || score > best.score) {
        best = { id: rule.service, score: refines ? Math.max(score, best!.score) : score };
        break;
      }
    }
    return best && { id: best.id, score: Math.round(best.score * 100) / 100 };
  }

  function understand(question: string, hint?: Language): Understanding {
    const text = question.trim().slice(0, QUESTION_MAX);
    const normal = normaliseText(text);
    const a = read(text, undefined, hint);
    const detected = a.detected;

    const service = serviceOf(a);
    const folds = a.tokens.map((t) => t.fold);
    const aboutACase = a.concepts.some((c) => CASE_CONCEPTS.has(c) || c.startsWith('svc:'));
    const firstPersonWords = folds.some((f) => isFirstPerson(f, detected));
    const personal = firstPersonWords && aboutACase;

    const intents = intentsOf(a.concepts, personal);

    const onlyGreeting =
      a.greetings > 0 &&
      intents.length === 0 &&
      service === undefined &&
      folds.every((f, i) => a.greeted.has(i) || index.stopwords.has(f) || GREETING_FILLER.has(f));

    const otherPerson =
      mentionsOthersPersonalCode(normal) ||
      ((thirdParty.has(folds) ||
        mentionsNamedPerson(text, normal, a.tokens, isKnownWord) ||
        (!firstPersonWords && asksForCaseFacts(intents) && unknownPairNextToCase(a))) &&
        aboutACase);

    return {
      question: text,
      lang: hint ?? detected,
      detected,
      terms: terms(a, detected, service),
      intents,
      ...(service ? { service } : {}),
      personal,
      flags: {
        injection: injection.has(folds) || looksLikeInjection(text),
        otherPerson,
        handoffRequest: handoff.has(folds),
        greeting: onlyGreeting,
      },
    };
  }

  return {
    understand,
    analyse(text, lang) {
      return terms(read(text.slice(0, 20 * QUESTION_MAX), lang), lang);
    },
  };
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i);
}
