import { z } from 'zod';
import { INTENTS } from '../assistant.model';

/**
 * The curated FAQ (content/lt/assistant/faq/*.yaml), written in our own words from the domain
 * research, every entry in the four languages and citing its sources. Strict objects: a misspelt
 * field is an error, not a silently missing answer.
 */

const Line = z.string().trim().min(1);
const Texts = z.strictObject({ lt: Line, en: Line, ru: Line, uk: Line });
const Words = z.array(Line);

/**
 * A public web page (http or https only: the url becomes a link) or, for entries about using the
 * portal itself, a same-site path such as /applications.
 */
const SourceUrl = z.union(
  [
    z.url({ protocol: /^https?$/ }),
    z.string().regex(/^\/(?!\/)\S*$/, 'must be an http(s) url or a same-site path'),
  ],
  { error: 'must be an http(s) url or a same-site path such as /applications' },
);

export const FaqSource = z.strictObject({
  title: Line,
  url: SourceUrl,
  /** `n.d.`, YYYY-MM-DD, YYYY-MM or YYYY as the research gives it (YAML may read a year or date). */
  date: z.union([
    Line,
    z.number().transform(String),
    z.date().transform((d) => d.toISOString().slice(0, 10)),
  ]),
});
export type FaqSource = z.infer<typeof FaqSource>;

export const FaqEntrySchema = z.strictObject({
  /** q<N>: the faq-facts question number; x-<slug>: an extra entry. */
  id: z.string().regex(/^(q\d+|x-[a-z0-9]+(-[a-z0-9]+)*)$/, 'must be q<number> or x-<slug>'),
  /** First = main. */
  intents: z.array(z.enum(INTENTS)).min(1),
  services: z.array(z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a service id')),
  /** The answer then says itself that it may be out of date. */
  uncertain: z.boolean(),
  sources: z.array(FaqSource).min(1),
  question: Texts,
  keywords: z.strictObject({ lt: Words, en: Words, ru: Words, uk: Words }),
  answer: Texts,
});

export const FaqFile = z.strictObject({ entries: z.array(z.unknown()) });

/** One FAQ entry; `published` is set on entries the contact centre published at runtime. */
export type FaqEntry = z.infer<typeof FaqEntrySchema> & { published?: Date };
