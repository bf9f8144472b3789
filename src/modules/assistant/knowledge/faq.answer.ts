import type { Language } from '../../../platform/i18n';
import type { Answer, Intent, Source, Understanding } from '../assistant.model';
import type { FaqIndex } from './faq.index';
import type { FaqEntry } from './faq.schema';

/**
 * The sources of an entry: one per cited url (a url cited twice is one source), the first
 * `faq:<id>`, the next `faq:<id>#2` …, all titled with the entry's question in `lang`.
 */
export function faqSources(entry: FaqEntry, lang: Language): Source[] {
  const urls = [...new Set(entry.sources.map((s) => s.url))];
  return urls.map((url, i) => ({
    id: i === 0 ? `faq:${entry.id}` : `faq:${entry.id}#${i + 1}`,
    title: entry.question[lang],
    url,
  }));
}

/**
 * An FAQ entry as an answer in `lang`. The text is the entry's own: an uncertain entry already
 * says in its wording that it may be out of date, so nothing is added or cut.
 */
export function faqAnswer(entry: FaqEntry, lang: Language, confidence = 1): Answer {
  return {
    answer: entry.answer[lang],
    lang,
    confidence: Math.max(0, Math.min(1, confidence)),
    sources: faqSources(entry, lang),
    handoff: false,
    kind: 'faq',
    links: [],
  };
}

/**
 * The best FAQ passage for a question, as an answer in the asked language with its score as
 * confidence (the service decides whether the score is high enough to be given as fact).
 */
export function bestFaqAnswer(
  index: FaqIndex,
  u: Understanding,
): { answer: Answer; score: number; intents: Intent[]; services: string[] } | undefined {
  const best = index.search(u, 1)[0];
  return (
    best && {
      answer: faqAnswer(best.entry, u.lang, best.score),
      score: best.score,
      // What the passage is about, so the answering step can weigh it against a catalogue fact.
      intents: best.entry.intents,
      services: best.entry.services,
    }
  );
}
