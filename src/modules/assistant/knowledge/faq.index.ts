import { LANGUAGES, type Language } from '../../../platform/i18n';
import type { Understanding } from '../assistant.model';
import type { FaqEntry } from './faq.schema';

/** Normalised, stemmed terms of a text (the understanding step's analyser). */
export type Analyse = (text: string, lang: Language) => string[];

export interface FaqHit {
  entry: FaqEntry;
  /** 0–1: ≥ 0.6 a clear on-topic match, below HANDOFF_BELOW (0.45) not an answer. */
  score: number;
}

export interface FaqIndex {
  /** Best first; only entries sharing at least one term with the question. */
  search(u: Understanding, limit?: number): FaqHit[];
  /** Adds an entry (a published contact-centre draft); an entry with the same id is replaced. */
  add(entry: FaqEntry): void;
}

// BM25 parameters, the usual ones. A term in the question heading or the keywords says more about
// what an entry is for than one in its answer, so those fields count double.
const K1 = 1.2;
const B = 0.75;
const WEIGHT = { question: 2, keywords: 2, answer: 1 } as const;

// How the normalised score is made (see `score` below). Tuned so that a question sharing most of
// its informative words with an entry scores ≥ 0.6, and one sharing only common words (or only
// the intent) stays under 0.45: the intent and service alone never make an answer.
const TEXT_WEIGHT = 0.65;
const INTENT_WEIGHT = 0.15;
const SERVICE_WEIGHT = 0.15;
const PHRASE_BONUS = 0.1;
const WORD_BONUS = 0.05;
/** An entry about another service than the one the question names is less likely the answer. */
const OTHER_SERVICE = 0.75;
/** Covering an entry's own heading is nearly as good as the question being covered. */
const HEADING_SHARE = 0.9;
/** How much the share of an entry's heading the question asks counts in the ranking. */
const HEADING_RANK = 0.05;
/** From this much text match on, the intent and the service count in full. */
const TRUSTED_TEXT = 0.5;
/**
 * A word of the question that no entry has weighs more than one that matched: an unknown,
 * informative word ("divorce", "lawyer") is the sign of a question the FAQ does not answer.
 */
const UNMATCHED = 1.5;

interface Doc {
  entry: FaqEntry;
  length: number;
  /** Each language's heading terms (a person asks much like a heading). */
  headings: Set<string>[];
  /** Keyword phrases as term lists: all terms of one present is a strong sign. */
  phrases: string[][];
}

interface Index {
  docs: Doc[];
  postings: Map<string, { doc: number; tf: number }[]>;
  avgLength: number;
  idf: (term: string) => number;
  headingMass: number[][];
}

const unique = <T>(xs: Iterable<T>) => [...new Set(xs)];

/**
 * A BM25-style index over the FAQ. Every entry is indexed with the text of all four languages
 * together, because people mix languages in one question ("kiek kainuoja TRP").
 */
export function createFaqIndex(entries: FaqEntry[], analyse: Analyse): FaqIndex {
  const prepared = new Map<string, { doc: Doc; tf: Map<string, number> }>();

  const prepare = (entry: FaqEntry) => {
    const tf = new Map<string, number>();
    const count = (terms: string[], w: number) => {
      for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + w);
    };
    const headings: Set<string>[] = [];
    const phrases: string[][] = [];
    for (const lang of LANGUAGES) {
      const heading = analyse(entry.question[lang], lang);
      count(heading, WEIGHT.question);
      headings.push(new Set(heading));
      for (const k of entry.keywords[lang]) {
        const terms = analyse(k, lang);
        count(terms, WEIGHT.keywords);
        if (terms.length) phrases.push(unique(terms));
      }
      count(analyse(entry.answer[lang], lang), WEIGHT.answer);
    }
    let length = 0;
    for (const n of tf.values()) length += n;
    return { doc: { entry, length, headings, phrases }, tf };
  };

  let index: Index;
  // Adding is rare (an agent publishes an entry); rebuilding keeps idf right for everything.
  const rebuild = () => {
    const all = [...prepared.values()];
    const postings = new Map<string, { doc: number; tf: number }[]>();
    all.forEach(({ tf }, doc) => {
      for (const [term, n] of tf) {
        const list = postings.get(term);
        if (list) list.push({ doc, tf: n });
        else postings.set(term, [{ doc, tf: n }]);
      }
    });
    const n = all.length;
    const idf = (term: string) => {
      const df = postings.get(term)?.length ?? 0;
      return Math.log(1 + (n - df + 0.5) / (df + 0.5));
    };
    const docs = all.map((p) => p.doc);
    index = {
      docs,
      postings,
      avgLength: docs.reduce((s, d) => s + d.length, 0) / Math.max(1, n),
      idf,
      headingMass: docs.map((d) => d.headings.map((h) => [...h].reduce((s, t) => s + idf(t), 0))),
    };
  };

  for (const e of entries) prepared.set(e.id, prepare(e));
  rebuild();

  const saturation = (tf: number, length: number) =>
    (tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * length) / (index.avgLength || 1)));

  return {
    add(entry) {
      prepared.set(entry.id, prepare(entry));
      rebuild();
    },

    search(u, limit = 5) {
      const terms = unique(u.terms);
      if (terms.length === 0 || index.docs.length === 0) return [];
      const asked = new Set(terms);
      const reference = saturation(1, index.avgLength);
      let askedMass = 0;
      const matched = new Map<number, { mass: number; raw: number; bm25: number }>();
      for (const term of terms) {
        const w = index.idf(term);
        askedMass += w;
        for (const p of index.postings.get(term) ?? []) {
          const s = saturation(p.tf, index.docs[p.doc]!.length);
          const m = matched.get(p.doc) ?? { mass: 0, raw: 0, bm25: 0 };
          m.mass += w * Math.min(1, s / reference);
          m.raw += w;
          m.bm25 += w * s;
          matched.set(p.doc, m);
        }
      }

      const main = u.intents[0];
      const hits: (FaqHit & { rank: number; bm25: number })[] = [];
      for (const [i, m] of matched) {
        const doc = index.docs[i]!;
        const entry = doc.entry;
        let heading = 0;
        let headingWords = 0;
        doc.headings.forEach((h, l) => {
          const mass = index.headingMass[i]![l]!;
          if (mass <= 0) return;
          let covered = 0;
          let words = 0;
          for (const t of h)
            if (asked.has(t)) {
              covered += index.idf(t);
              words++;
            }
          if (covered / mass > heading) {
            heading = covered / mass;
            headingWords = words;
          }
        });
        const covered = m.mass / (m.mass + UNMATCHED * (askedMass - m.raw));
        // A question that uses an entry's heading is about it even inside a long story, as long
        // as the rest of the story does not drown it. One shared word is not using a heading:
        // "income declaration" shares only "declaration" with "if I do not declare my residence".
        const used = headingWords >= 2 ? heading : 0;
        const text = Math.max(covered, HEADING_SHARE * used * (0.5 + 0.5 * covered));
        const phrase = doc.phrases.reduce(
          (best, p) =>
            p.every((t) => asked.has(t))
              ? Math.max(best, p.length > 1 ? PHRASE_BONUS : WORD_BONUS)
              : best,
          0,
        );
        let intent = 0;
        if (main) {
          if (entry.intents[0] === main.intent) intent = main.score;
          else if (entry.intents.includes(main.intent)) intent = 0.6 * main.score;
          else {
            const other = u.intents.slice(1).find((x) => entry.intents.includes(x.intent));
            if (other) intent = 0.3 * other.score;
          }
        }
        const about = u.service && entry.services.includes(u.service.id);
        const service = about ? u.service!.score : 0;
        const penalty = u.service && entry.services.length > 0 && !about ? OTHER_SERVICE : 1;
        // The intent and service only confirm a match the words make: with few words shared
        // they count for less, so they cannot lift an unrelated passage over the line.
        const trust = Math.min(1, text / TRUSTED_TEXT);
        const raw =
          (TEXT_WEIGHT * text +
            phrase +
            trust * (INTENT_WEIGHT * intent + SERVICE_WEIGHT * service)) *
          penalty;
        const score = Math.max(0, Math.min(1, raw));
        // Ranked with a little of how much of the entry's heading the question asks: of entries
        // that hold all of a short question's words, the one whose heading it is comes first
        // ("book a visit": booking, not changing a booked visit). The score itself is unchanged.
        hits.push({ entry, score, rank: score + HEADING_RANK * heading, bm25: m.bm25 });
      }
      hits.sort((a, b) => b.rank - a.rank || b.bm25 - a.bm25);
      return hits.slice(0, limit).map(({ entry, score }) => ({ entry, score }));
    },
  };
}
