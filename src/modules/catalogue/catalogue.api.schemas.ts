import { z } from 'zod';
import {
  APPLICANTS,
  AUDIENCES,
  CHANNELS,
  QUESTION_TYPES,
  TERM_STARTS,
  TERM_UNITS,
  VISIT_TAKES,
} from './catalogue.schemas';

/** Response and query schemas of the catalogue API (their texts go into the OpenAPI document). */

export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number(),
    code: z.string(),
    instance: z.string().optional(),
  })
  .describe('RFC 9457 problem details with a stable `code`');

export const lang = z
  .enum(['lt', 'en', 'ru', 'uk'])
  .optional()
  .describe('Language of the names and texts (default lt)')
  .meta({ examples: ['en'] });
export const Lang = z.strictObject({ lang });
export const EXAMPLE_SERVICE = 'e-resident';
export const EXAMPLE_DAY = '2026-01-15';
export const DetailQuery = z.strictObject({
  lang,
  on: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional()
    .describe('Give the fees in force on this date (YYYY-MM-DD, Vilnius time); default today')
    .meta({ examples: [EXAMPLE_DAY] }),
});

const Fact = {
  uncertain: z.boolean().describe('True when the source is weak or the rule may have changed'),
  note: z
    .string()
    .nullable()
    .describe(
      'A remark for applicants in the language asked for, or why the fact is uncertain (research notes are in English)',
    ),
};

export const ServiceSummary = z.object({
  id: z.string().describe('Stable kebab-case id'),
  code: z.string().describe('The service number in the catalogue, S01 … S15'),
  audience: z.enum(AUDIENCES).describe('Who the service is for'),
  name: z.string(),
  description: z.string(),
  grounds: z
    .array(z.object({ id: z.string(), name: z.string() }))
    .describe('Legal grounds an application can be made on'),
});

const FeeLine = z.object({
  level: z.string().describe('Urgency level: general, urgent, next-day or same-day'),
  amountCents: z.number().int().describe('Amount in euro cents'),
  currency: z.literal('EUR'),
  basis: z.string().describe('Fee schedule, item and level the amount comes from'),
  source: z.url().describe('Where the amount is published'),
  uncertain: z.boolean(),
});

const TermLine = z.object({
  level: z.string().describe('Urgency level: general, urgent, next-day or same-day'),
  renewal: z.boolean().describe('True for the term of a renewal (replacement)'),
  amount: z.number().int(),
  unit: z.enum(TERM_UNITS),
});

const QuestionView = z.object({
  id: z.string(),
  type: z.enum(QUESTION_TYPES),
  required: z.boolean(),
  label: z.string(),
  hint: z.string().nullable(),
  options: z.array(z.object({ value: z.string(), label: z.string() })),
  showIf: z
    .object({ question: z.string(), equals: z.array(z.string()) })
    .nullable()
    .describe('Asked only when an earlier answer has one of these values'),
});

const GroundDetail = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  documents: z
    .array(
      z.object({
        id: z.string().describe('Document type id, used when uploading'),
        name: z.string(),
        minAge: z.number().int().nullable().describe('Required only from this age'),
        maxAge: z.number().int().nullable().describe('Required only up to this age'),
        firstApplicationOnly: z.boolean().describe('Not required for a renewal'),
        source: z.url(),
        ...Fact,
      }),
    )
    .describe('Documents required for this ground'),
  fee: z.object({
    free: z.boolean(),
    known: z.boolean().describe('False when the amount is not in the catalogue'),
    amounts: z.array(FeeLine).describe('Amounts in force on `feesOn`'),
    exemptions: z.array(
      z.object({
        id: z.string().describe('Pass in `exemptions` when creating an application'),
        name: z.string(),
        payPercent: z.number().int().describe('Share of the fee still paid'),
      }),
    ),
    ...Fact,
  }),
  term: z.object({
    startsAt: z.enum(TERM_STARTS).describe('The event from which the legal term runs'),
    terms: z.array(TermLine).describe('Empty when no term is stated'),
    source: z.url(),
    ...Fact,
  }),
  validity: z.object({ text: z.string(), ...Fact }),
  questions: z.array(QuestionView).describe('The application form for this ground, in order'),
});

export const ServiceDetail = ServiceSummary.omit({ grounds: true }).extend({
  applicants: z.array(z.enum(APPLICANTS)).describe('Who may file the application'),
  channels: z.array(z.enum(CHANNELS)).describe('Where the application is filed or handed in'),
  visit: z
    .object({
      required: z.boolean().describe('A personal visit (biometrics, originals) is needed'),
      withinMonths: z.number().int().nullable().describe('Months after submission to come in'),
      takes: z
        .array(z.enum(VISIT_TAKES))
        .describe(
          'What the visit records: biometrics (photo and fingerprints taken), originals (original documents seen); empty when no visit is needed',
        ),
      ...Fact,
    })
    .describe('The personal visit rule'),
  feesOn: z.string().describe('The date (YYYY-MM-DD, Vilnius time) for which fees are given'),
  grounds: z.array(GroundDetail),
  sources: z.array(z.object({ id: z.string(), url: z.url(), date: z.string() })),
});
