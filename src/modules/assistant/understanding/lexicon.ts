/**
 * The assistant's lexicon (content/lt/assistant/lexicon.yaml): concepts with the words people use
 * for them in each language, rules that refine the service, the phrases behind the safety flags,
 * stop words and language markers. Checked with Zod when loaded, so a typo in the file stops
 * start-up naming the file and the field instead of silently weakening the assistant.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';
import { AppError } from '../../../platform/errors';
import { INTENTS } from '../assistant.model';

export const DEFAULT_LEXICON = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../../content/lt/assistant/lexicon.yaml',
);

/**
 * The languages a term list can be written in: the four of the service, and Russian and Ukrainian
 * typed in Latin letters ("skolko stoit vnzh"), which are matched without stemming.
 */
export const TERM_LANGS = ['lt', 'en', 'ru', 'uk', 'ru-latn', 'uk-latn'] as const;
export type TermLang = (typeof TERM_LANGS)[number];

const Term = z.string().trim().min(1).max(120);
const Terms = z.strictObject(
  Object.fromEntries(TERM_LANGS.map((l) => [l, z.array(Term).optional()])) as Record<
    TermLang,
    z.ZodOptional<z.ZodArray<typeof Term>>
  >,
);
export type Terms = z.infer<typeof Terms>;

/** `svc:<catalogue service id>` or `c:<topic>`. */
const ConceptId = z.string().regex(/^(svc|c):[a-z0-9-]+$/, 'must be svc:<id> or c:<id>');

const Concept = z.strictObject({
  id: ConceptId,
  /** How strongly the concept points to each intent; negative makes an intent less likely. */
  intents: z.partialRecord(z.enum(INTENTS), z.number().min(-2).max(2)).optional(),
  /** Concepts that come with this one (a Blue Card is a temporary residence permit). */
  implies: z.array(ConceptId).optional(),
  terms: Terms,
  /** Words that only suggest the concept (for services: a lower score). */
  weak: Terms.optional(),
  /**
   * Where the asker is or comes from (a city, a nationality): it shapes the intents and the
   * service, but is no topic to match passages on ("I live in Kaunas, …" is not about Kaunas).
   */
  context: z.boolean().optional(),
});

const Rule = z.strictObject({
  all: z.array(ConceptId).min(1),
  service: z.string().regex(/^[a-z0-9-]+$/),
  /** The service score the rule gives; a rule wins over a better-scored service only if it names it. */
  score: z.number().min(0).max(1).optional(),
});

const LexiconFile = z.strictObject({
  concepts: z.array(Concept).min(1),
  rules: z.array(Rule).default([]),
  flags: z.strictObject({
    handoffRequest: Terms,
    greeting: Terms,
    injection: Terms,
    otherPerson: Terms,
    firstPerson: Terms,
  }),
  stopwords: Terms,
  markers: Terms,
});
export type Lexicon = z.infer<typeof LexiconFile>;
export type LexiconConcept = Lexicon['concepts'][number];

const invalid = (file: string, field: string, message: string) =>
  new AppError(
    'ASSISTANT_LEXICON_INVALID',
    'internal',
    `${file}: ${field ? `${field}: ` : ''}${message}`,
    { file, field },
  );

/** Checks what Zod cannot: unique ids, and that implies and rules name concepts that exist. */
function checkReferences(lexicon: Lexicon, name: string): void {
  const ids = new Set<string>();
  lexicon.concepts.forEach((c, i) => {
    if (ids.has(c.id)) throw invalid(name, `concepts.${i}.id`, `duplicate concept ${c.id}`);
    ids.add(c.id);
  });
  lexicon.concepts.forEach((c, i) =>
    c.implies?.forEach((id, j) => {
      if (!ids.has(id)) throw invalid(name, `concepts.${i}.implies.${j}`, `unknown concept ${id}`);
    }),
  );
  lexicon.rules.forEach((r, i) => {
    r.all.forEach((id, j) => {
      if (!ids.has(id)) throw invalid(name, `rules.${i}.all.${j}`, `unknown concept ${id}`);
    });
    if (!ids.has(`svc:${r.service}`))
      throw invalid(name, `rules.${i}.service`, `no concept svc:${r.service}`);
  });
}

/** Validates lexicon data already parsed (tests build small lexicons this way). */
export function parseLexicon(data: unknown, name = 'lexicon'): Lexicon {
  const result = LexiconFile.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw invalid(name, issue.path.map(String).join('.'), issue.message);
  }
  checkReferences(result.data, name);
  return result.data;
}

/** Reads and checks the lexicon file; throws ASSISTANT_LEXICON_INVALID naming file and field. */
export function loadLexicon(file: string = DEFAULT_LEXICON): Lexicon {
  const name = path.basename(file);
  let data: unknown;
  try {
    data = parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw invalid(name, '', (e as Error).message);
  }
  return parseLexicon(data, name);
}
