import { z } from 'zod';
import { LANGUAGES, type Language } from '../../platform/i18n';

/**
 * The virtual assistant's vocabulary (issue 10). Every part of the module speaks in these types:
 * the understanding step turns a question into an `Understanding`, the knowledge sources
 * (catalogue, FAQ, the applicant's own cases) turn that into an `Answer`.
 */

/** What a question is about. Order matters nowhere; names are stable (the dev set uses them). */
export const INTENTS = [
  'fee',
  'processing-time',
  'documents',
  'eligibility',
  'appointment',
  'status',
  'decision',
  'missing',
  'delivery',
  'payment',
  'validity',
  'address',
  'contact',
  'other',
] as const;
export type Intent = (typeof INTENTS)[number];

/** Intents answered from the applicant's own cases when they are signed in. */
export const OWN_CASE_INTENTS: readonly Intent[] = [
  'status',
  'decision',
  'missing',
  'appointment',
  'payment',
  'delivery',
];

export interface ScoredIntent {
  intent: Intent;
  /** 0–1, how sure the understanding step is. */
  score: number;
}

export interface Understanding {
  /** The question as asked (trimmed, at most QUESTION_MAX characters). */
  question: string;
  /** The language to answer in: the caller's hint when given, else the detected one. */
  lang: Language;
  /** The language the text itself looks like (may differ from `lang` for mixed questions). */
  detected: Language;
  /** Normalised, stemmed terms with synonyms mapped to canonical concepts (e.g. `svc:national-visa`). */
  terms: string[];
  /** Best first; empty when nothing matched. */
  intents: ScoredIntent[];
  /** The catalogue service the question is about, when one is named. */
  service?: { id: string; score: number };
  /** The question asks about "my" application (first person), not a general rule. */
  personal: boolean;
  flags: {
    /** Tries to change the assistant's instructions or extract hidden data. */
    injection: boolean;
    /** Asks for facts about another person (someone else's case, address, status). */
    otherPerson: boolean;
    /** Explicitly asks for a human ("operator", "žmogus", "людина"). */
    handoffRequest: boolean;
    /** Only a greeting or thanks. */
    greeting: boolean;
  };
}

export interface Source {
  /** Stable: `faq:<id>`, `service:<id>`, `branch:<id>`, `case:<id>`. */
  id: string;
  title: string;
  url: string;
}

export interface AnswerLink {
  label: string;
  href: string;
}

export const ANSWER_KINDS = [
  'catalogue',
  'faq',
  'own-case',
  'sign-in',
  'refusal',
  'greeting',
  'not-sure',
  'handoff',
] as const;
export type AnswerKind = (typeof ANSWER_KINDS)[number];

export interface Answer {
  answer: string;
  lang: Language;
  /** 0–1. */
  confidence: number;
  sources: Source[];
  /** True when the assistant offers (or made) a handoff to a person. */
  handoff: boolean;
  kind: AnswerKind;
  /** Links to act on (book, pay, open the case); shown under the answer. */
  links: AnswerLink[];
}

/** Below this, an answer is not given as fact: the assistant says it is not sure and offers a person. */
export const HANDOFF_BELOW = 0.45;
export const QUESTION_MAX = 1000;

export const AskRequest = z.object({
  question: z.string().trim().min(1).max(QUESTION_MAX),
  lang: z.enum(LANGUAGES).optional(),
});
export type AskRequest = z.infer<typeof AskRequest>;

export const AskResponse = z.object({
  answer: z.string(),
  lang: z.enum(LANGUAGES),
  confidence: z.number().min(0).max(1),
  sources: z.array(z.object({ id: z.string(), title: z.string(), url: z.string() })),
  handoff: z.boolean(),
});
export type AskResponse = z.infer<typeof AskResponse>;
