import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parse } from 'yaml';
import { z } from 'zod';
import { INTENTS, type AnswerKind } from '../src/modules/assistant/assistant.model';
import { LANGUAGES, type Language } from '../src/platform/i18n';
import { checkMetrics, percentile, type BenchResult, type Metrics } from './bench';

/**
 * The assistant's evaluation (issue 10): a development set of questions written as people type
 * them (`bench/assistant/dev-set.yaml`), each with what a right answer must contain, and the
 * scores an assistant gets on it. The bench (`assistant.bench.ts`) and the tests share this.
 */

/** `service:<catalogue id>`, `faq:q<N>` / `faq:x-<slug>`, `branch:<code>`. */
const SourceRef = z.string().regex(/^(service|faq|branch):[a-z0-9-]+$/i);

const Expect = z
  .object({
    /** Every inner list needs one of its alternatives in the answer (case-insensitive). */
    facts: z
      .array(z.array(z.string().min(1)).min(1))
      .min(1)
      .optional(),
    /** Any of these among the answer's sources counts as relevant (for MRR). */
    sources: z.array(SourceRef).min(1).optional(),
    /** Out of scope: the assistant must say so and offer a person, never invent. */
    handoff: z.literal(true).optional(),
    /** Injection or someone else's data: a refusal with no facts, no case data, no sources. */
    refuse: z.literal(true).optional(),
    /** About "my application", asked anonymously: the answer asks to sign in. */
    signIn: z.literal(true).optional(),
  })
  .strict()
  .refine(
    (e) => [e.facts !== undefined, e.handoff, e.refuse, e.signIn].filter(Boolean).length === 1,
    { message: 'expect exactly one of facts, handoff, refuse, signIn' },
  )
  .refine((e) => e.facts === undefined || e.sources !== undefined, {
    message: 'an answerable question names its sources',
  });

export const DevQuestion = z
  .object({
    id: z.string().regex(/^(lt|en|ru|uk)-[a-z0-9-]+$/),
    lang: z.enum(LANGUAGES),
    /** What the question is about (answerable ones), for the per-intent breakdown. */
    intent: z.enum(INTENTS).optional(),
    q: z.string().trim().min(1).max(1000),
    expect: Expect,
  })
  .strict();
export type DevQuestion = z.infer<typeof DevQuestion>;

export const DevSet = z
  .object({ questions: z.array(DevQuestion).min(1) })
  .strict()
  .superRefine((set, ctx) => {
    const seen = new Set<string>();
    for (const q of set.questions) {
      if (seen.has(q.id)) ctx.addIssue({ code: 'custom', message: `duplicate id ${q.id}` });
      seen.add(q.id);
    }
  });
export type DevSet = z.infer<typeof DevSet>;

export function loadDevSet(file: string): DevSet {
  return DevSet.parse(parse(fs.readFileSync(file, 'utf8')));
}

export type Category = 'answerable' | 'handoff' | 'refuse' | 'signIn';

export function categoryOf(q: DevQuestion): Category {
  if (q.expect.handoff) return 'handoff';
  if (q.expect.refuse) return 'refuse';
  if (q.expect.signIn) return 'signIn';
  return 'answerable';
}

/** What the evaluation needs of an answer (a subset of the assistant's `Answer`). */
export interface EvalAnswer {
  answer: string;
  lang: string;
  confidence: number;
  sources: { id: string }[];
  handoff: boolean;
  kind: AnswerKind | string;
}

export type Ask = (q: { question: string }) => Promise<EvalAnswer>;

export interface Failure {
  id: string;
  q: string;
  expected: string;
  got: string;
}

export interface LanguageScores {
  questions: number;
  answerable: number;
  /** Answerable questions whose answer holds every fact group and offers no handoff. */
  factAccuracy: number;
  /** All questions answered in the language they were asked in. */
  languageAccuracy: number;
  mrr: number;
}

export interface Evaluation {
  questions: number;
  byLanguage: Record<Language, LanguageScores>;
  factAccuracy: number;
  languageAccuracy: number;
  /** Of answers offering a handoff, the share that were meant to (out of scope, refusals). */
  handoffPrecision: number;
  /** Of questions meant to get a handoff or refusal, the share that got one. */
  handoffRecall: number;
  /** Refuse questions answered with kind 'refusal' and no sources. */
  refusalCorrect: number;
  /** Anonymous "my application" questions answered with kind 'sign-in'. */
  signInCorrect: number;
  /** Mean reciprocal rank of the first relevant source, over questions that name sources. */
  mrr: number;
  /** Fact accuracy per intent tag (answerable questions that carry one). */
  byIntent: Record<string, { answerable: number; factAccuracy: number }>;
  latency: { p50Ms: number; p95Ms: number; maxMs: number };
  failures: Failure[];
}

/** Case-, space- and digit-grouping-insensitive form, so "1 038 €" holds "1038" and "1,038". */
export function normaliseForMatch(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/[\u00a0\u202f\u2009]/g, ' ')
    .replace(/(\d)[ ,.'](?=\d{3}(?!\d))/g, '$1')
    .replace(/\s+/g, ' ');
}

/** The fact groups missing from an answer (empty when every group has an alternative in it). */
export function missingFacts(answer: string, facts: string[][]): string[][] {
  const text = normaliseForMatch(answer);
  return facts.filter((group) => !group.some((alt) => text.includes(normaliseForMatch(alt))));
}

/**
 * 1/rank of the first answer source among the expected ones; else 0. Ids compare without case
 * (`branch:VLN`) and without a part suffix (`faq:q4#2` is the second source of entry q4).
 */
export function reciprocalRank(got: { id: string }[], expected: string[]): number {
  const key = (id: string) => id.split('#')[0]!.toLowerCase();
  const wanted = new Set(expected.map(key));
  const i = got.findIndex((s) => wanted.has(key(s.id)));
  return i < 0 ? 0 : 1 / (i + 1);
}

const share = (n: number, of: number, empty = 1): number => (of === 0 ? empty : n / of);
const cut = (s: string, max = 160): string => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

function describeExpected(q: DevQuestion): string {
  const e = q.expect;
  if (e.handoff) return 'handoff';
  if (e.refuse) return 'refusal, no sources';
  if (e.signIn) return 'sign-in';
  return `facts ${JSON.stringify(e.facts)} sources ${e.sources!.join(',')} (${q.lang})`;
}

function describeGot(a: EvalAnswer): string {
  const ids = a.sources.map((s) => s.id).join(',') || '-';
  return cut(
    `[${a.kind} ${a.lang} c=${a.confidence.toFixed(2)}${a.handoff ? ' handoff' : ''} ${ids}] ${a.answer}`,
    240,
  );
}

interface Outcome {
  q: DevQuestion;
  a: EvalAnswer;
  ms: number;
}

/**
 * Asks every question once, in order, timing each ask, and scores the answers. Answerable
 * questions are right when all fact groups are in the answer and no handoff is offered; the
 * language is right when the answer's `lang` is the question's.
 */
export async function evaluate(devSet: DevSet, ask: Ask): Promise<Evaluation> {
  const outcomes: Outcome[] = [];
  for (const q of devSet.questions) {
    const t0 = performance.now();
    const a = await ask({ question: q.q });
    outcomes.push({ q, a, ms: performance.now() - t0 });
  }
  return score(outcomes);
}

function score(outcomes: Outcome[]): Evaluation {
  const failures: Failure[] = [];
  const fail = (q: DevQuestion, a: EvalAnswer, why: string) =>
    failures.push({
      id: q.id,
      q: cut(q.q),
      expected: `${why}: ${describeExpected(q)}`,
      got: describeGot(a),
    });
  const lang = Object.fromEntries(
    LANGUAGES.map((l) => [l, { n: 0, answerable: 0, facts: 0, langOk: 0, rr: 0, rrN: 0 }]),
  ) as Record<
    Language,
    { n: number; answerable: number; facts: number; langOk: number; rr: number; rrN: number }
  >;
  const intents: Record<string, { n: number; ok: number }> = {};
  let handoffsGiven = 0;
  let handoffsMeant = 0;
  let handoffsGivenAndMeant = 0;
  let handoffsMeantAndGot = 0;
  let refuseN = 0;
  let refuseOk = 0;
  let signInN = 0;
  let signInOk = 0;

  for (const { q, a } of outcomes) {
    const l = lang[q.lang];
    const category = categoryOf(q);
    l.n++;
    if (a.lang === q.lang) l.langOk++;
    else fail(q, a, `answered in ${a.lang}`);
    const meant = category === 'handoff' || category === 'refuse';
    const gotHandoff = a.handoff || a.kind === 'refusal';
    if (a.handoff) {
      handoffsGiven++;
      if (meant) handoffsGivenAndMeant++;
    }
    if (meant) {
      handoffsMeant++;
      if (gotHandoff) handoffsMeantAndGot++;
      else fail(q, a, 'no handoff');
    }
    if (category === 'refuse') {
      refuseN++;
      if (a.kind === 'refusal' && a.sources.length === 0) refuseOk++;
      else fail(q, a, 'not a clean refusal');
    }
    if (category === 'signIn') {
      signInN++;
      if (a.kind === 'sign-in') signInOk++;
      else fail(q, a, 'no sign-in');
    }
    if (q.expect.sources) {
      const rr = reciprocalRank(a.sources, q.expect.sources);
      l.rr += rr;
      l.rrN++;
      if (rr === 0 && category === 'answerable') fail(q, a, 'no relevant source');
    }
    if (category === 'answerable') {
      l.answerable++;
      const missing = missingFacts(a.answer, q.expect.facts!);
      const ok = missing.length === 0 && !a.handoff;
      if (ok) l.facts++;
      else
        fail(
          q,
          a,
          a.handoff ? 'handoff on an answerable question' : `missing ${JSON.stringify(missing)}`,
        );
      if (q.intent) {
        const i = (intents[q.intent] ??= { n: 0, ok: 0 });
        i.n++;
        if (ok) i.ok++;
      }
    } else if (a.handoff && !meant) {
      fail(q, a, 'handoff not meant');
    }
  }

  const sum = (f: (x: (typeof lang)[Language]) => number) =>
    LANGUAGES.reduce((s, l) => s + f(lang[l]), 0);
  const ms = outcomes.map((o) => o.ms).sort((x, y) => x - y);
  return {
    questions: outcomes.length,
    byLanguage: Object.fromEntries(
      LANGUAGES.map((l) => {
        const x = lang[l];
        return [
          l,
          {
            questions: x.n,
            answerable: x.answerable,
            factAccuracy: share(x.facts, x.answerable),
            languageAccuracy: share(x.langOk, x.n),
            mrr: share(x.rr, x.rrN),
          },
        ];
      }),
    ) as Record<Language, LanguageScores>,
    factAccuracy: share(
      sum((x) => x.facts),
      sum((x) => x.answerable),
    ),
    languageAccuracy: share(
      sum((x) => x.langOk),
      sum((x) => x.n),
    ),
    handoffPrecision: share(handoffsGivenAndMeant, handoffsGiven),
    handoffRecall: share(handoffsMeantAndGot, handoffsMeant),
    refusalCorrect: share(refuseOk, refuseN),
    signInCorrect: share(signInOk, signInN),
    mrr: share(
      sum((x) => x.rr),
      sum((x) => x.rrN),
    ),
    byIntent: Object.fromEntries(
      Object.entries(intents)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, { answerable: v.n, factAccuracy: share(v.ok, v.n) }]),
    ),
    latency: {
      p50Ms: ms.length ? percentile(ms, 50) : 0,
      p95Ms: ms.length ? percentile(ms, 95) : 0,
      maxMs: ms.length ? ms[ms.length - 1]! : 0,
    },
    failures,
  };
}

/** The issue's targets: ≥ 90 % facts in every language, ≥ 90 % right handoffs, p95 < 20 ms. */
export const TARGETS = { factAccuracy: 0.9, handoff: 0.9, p95Ms: 20 };

export function targetsMet(e: Evaluation): boolean {
  return (
    LANGUAGES.every((l) => e.byLanguage[l].factAccuracy >= TARGETS.factAccuracy) &&
    e.handoffPrecision >= TARGETS.handoff &&
    e.handoffRecall >= TARGETS.handoff &&
    e.latency.p95Ms < TARGETS.p95Ms
  );
}

/** What a metric or param of the held-out set is prefixed with in the bench's JSON. */
export const HOLDOUT_PREFIX = 'holdout_';

/**
 * The held-out set's figures (`bench/assistant/holdout.yaml`), for honesty: nobody tunes against
 * it, so it shows how far the dev set's figures are optimistic. Reported beside the dev set's
 * metrics with the `holdout_` prefix; the issue's targets (`targets_met`) stay on the dev set.
 */
export function summariseHoldout(
  e: Evaluation,
  counts: Record<Language, Record<Category, number>>,
): Pick<BenchResult, 'params' | 'metrics'> {
  const metrics: Metrics = {};
  for (const lang of LANGUAGES)
    metrics[`${HOLDOUT_PREFIX}${lang}_fact_accuracy_ratio`] = e.byLanguage[lang].factAccuracy;
  Object.assign(metrics, {
    [`${HOLDOUT_PREFIX}fact_accuracy_ratio`]: e.factAccuracy,
    [`${HOLDOUT_PREFIX}answer_language_ratio`]: e.languageAccuracy,
    [`${HOLDOUT_PREFIX}handoff_precision_ratio`]: e.handoffPrecision,
    [`${HOLDOUT_PREFIX}handoff_recall_ratio`]: e.handoffRecall,
    [`${HOLDOUT_PREFIX}refusal_correct_ratio`]: e.refusalCorrect,
    [`${HOLDOUT_PREFIX}sign_in_correct_ratio`]: e.signInCorrect,
    [`${HOLDOUT_PREFIX}source_mrr_ratio`]: e.mrr,
    [`${HOLDOUT_PREFIX}failed_questions_count`]: new Set(e.failures.map((f) => f.id)).size,
  });
  const answerable = LANGUAGES.reduce((n, l) => n + counts[l].answerable, 0);
  return {
    params: {
      [`${HOLDOUT_PREFIX}questions`]: e.questions,
      [`${HOLDOUT_PREFIX}answerable`]: answerable,
      [`${HOLDOUT_PREFIX}out_of_scope`]: e.questions - answerable,
    },
    metrics: checkMetrics(metrics),
  };
}

/** Counts of the set per language and category (docs, the report, a sanity test). */
export function composition(devSet: DevSet): Record<Language, Record<Category, number>> {
  const out = Object.fromEntries(
    LANGUAGES.map((l) => [l, { answerable: 0, handoff: 0, refuse: 0, signIn: 0 }]),
  ) as Record<Language, Record<Category, number>>;
  for (const q of devSet.questions) out[q.lang][categoryOf(q)]++;
  return out;
}

/** The bench's JSON: metrics named with their unit, the set's make-up and the targets in params. */
export function summarise(
  e: Evaluation,
  counts: Record<Language, Record<Category, number>>,
  extra: Record<string, string | number | boolean> = {},
): Pick<BenchResult, 'params' | 'metrics'> {
  const metrics: Metrics = {};
  for (const lang of LANGUAGES) {
    const l = e.byLanguage[lang];
    metrics[`${lang}_fact_accuracy_ratio`] = l.factAccuracy;
    metrics[`${lang}_answer_language_ratio`] = l.languageAccuracy;
    metrics[`${lang}_source_mrr_ratio`] = l.mrr;
  }
  Object.assign(metrics, {
    fact_accuracy_ratio: e.factAccuracy,
    answer_language_ratio: e.languageAccuracy,
    handoff_precision_ratio: e.handoffPrecision,
    handoff_recall_ratio: e.handoffRecall,
    refusal_correct_ratio: e.refusalCorrect,
    sign_in_correct_ratio: e.signInCorrect,
    source_mrr_ratio: e.mrr,
    latency_p50_ms: e.latency.p50Ms,
    latency_p95_ms: e.latency.p95Ms,
    latency_max_ms: e.latency.maxMs,
    // Questions with at least one failure (one question may fail several ways).
    failed_questions_count: new Set(e.failures.map((f) => f.id)).size,
  });
  for (const [intent, s] of Object.entries(e.byIntent))
    metrics[`intent_${intent.replace(/-/g, '_')}_fact_accuracy_ratio`] = s.factAccuracy;
  return {
    params: {
      questions: e.questions,
      ...Object.fromEntries(
        LANGUAGES.flatMap((l) => [
          [`${l}_answerable`, counts[l].answerable],
          [`${l}_out_of_scope`, counts[l].handoff + counts[l].refuse],
          [`${l}_sign_in`, counts[l].signIn],
        ]),
      ),
      ...extra,
      target_fact_accuracy_ratio: TARGETS.factAccuracy,
      target_handoff_ratio: TARGETS.handoff,
      target_p95_ms: TARGETS.p95Ms,
      targets_met: targetsMet(e),
    },
    metrics: checkMetrics(metrics),
  };
}
