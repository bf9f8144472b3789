import { z } from 'zod';

/**
 * The shape of a rule set file in the country pack (content/<country>/rules/<id>/<version>.yaml)
 * and of a version an official loads through the workbench. Plain data: the engine compiles it.
 */
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');
const Id = z.string().regex(/^[a-z][a-z0-9-]*$/, 'lower-case letters, digits and hyphens');
/** A FEEL name: letters and digits, starting with a letter (no spaces, so parsing needs no context). */
const FeelName = z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/, 'a FEEL name (letters and digits)');

export const Texts = z.strictObject({
  lt: z.string().min(1),
  en: z.string().min(1),
  ru: z.string().min(1),
  uk: z.string().min(1),
});
export type Texts = z.infer<typeof Texts>;

/** Where in the law a rule comes from: act, article, part, point, with its source. */
export const LegalReference = z.strictObject({
  /** The act's id in the rule set's `acts`. */
  act: Id,
  article: z.string().min(1).optional(),
  part: z.string().min(1).optional(),
  point: z.string().min(1).optional(),
  source: Id,
  /** The sources do not settle the article or the rule (kept marked, as in ../shared/domain). */
  uncertain: z.boolean().optional(),
  note: z.string().optional(),
});
export type LegalReference = z.infer<typeof LegalReference>;

/** A parameter: a dated reference value, or a fee amount from the dated fee schedules. */
export const ParameterSpec = z.union([
  z.strictObject({ value: Id }),
  z.strictObject({ fee: Id, level: Id }),
]);
export type ParameterSpec = z.infer<typeof ParameterSpec>;

export const Input = z.strictObject({
  id: FeelName,
  /** FEEL over the snapshot, the parameters and the inputs before this one. */
  expression: z.string().min(1),
  /** The snapshot facts it reads: when one is absent the input is unknown ("cannot tell"). */
  facts: z.array(z.string().regex(/^[a-zA-Z][a-zA-Z0-9.]*$/)).default([]),
  label: Texts,
});
export type Input = z.infer<typeof Input>;

export const Rule = z.strictObject({
  id: Id,
  /** One FEEL unary test per input, in the inputs' order; "-" matches anything. */
  when: z.array(z.string().min(1)),
  /** FEEL expression per output. */
  then: z.record(z.string(), z.string().min(1)),
  legal: LegalReference,
  /** ICU message per language; {name} inserts an input, an output or a parameter. */
  explain: Texts,
});
export type Rule = z.infer<typeof Rule>;

export const HIT_POLICIES = ['UNIQUE', 'FIRST', 'COLLECT'] as const;
export type HitPolicy = (typeof HIT_POLICIES)[number];

export const Table = z.strictObject({
  id: Id,
  /** The check this table decides; its rules give an `outcome` (met, not-met, cannot-tell). */
  check: Id,
  name: Texts,
  hitPolicy: z.enum(HIT_POLICIES),
  inputs: z.array(Input).min(1),
  outputs: z.array(FeelName).min(1),
  rules: z.array(Rule).min(1),
  /** What the check says when no rule applies (DMN default output), with its explanation. */
  otherwise: z
    .strictObject({ then: z.record(z.string(), z.string().min(1)), explain: Texts })
    .optional(),
});
export type Table = z.infer<typeof Table>;

export const OUTCOMES = ['met', 'not-met', 'cannot-tell'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const TableTest = z.strictObject({
  name: z.string().min(1),
  date: Day,
  service: Id.optional(),
  input: z.record(z.string(), z.unknown()),
  /** Per check: the outcome and, optionally, outputs, the rules that fire and the missing facts. */
  expect: z.record(
    Id,
    z.strictObject({
      outcome: z.enum(OUTCOMES),
      outputs: z.record(z.string(), z.unknown()).optional(),
      fired: z.array(Id).optional(),
      missing: z.array(z.string()).optional(),
    }),
  ),
});
export type TableTest = z.infer<typeof TableTest>;

export const Source = z.strictObject({ id: Id, url: z.string().url(), date: z.string().min(1) });

export const RuleSetFile = z
  .strictObject({
    id: Id,
    version: z.string().regex(/^[0-9A-Za-z.-]+$/, 'letters, digits, dots and hyphens'),
    effectiveFrom: Day,
    effectiveUntil: Day.optional(),
    title: Texts,
    /** A service's rule set names the service and the shared rule sets it uses. */
    service: Id.optional(),
    uses: z.array(Id).default([]),
    sources: z.array(Source).min(1),
    /** The legal acts its rules cite, with their names in each language. */
    acts: z.record(Id, z.strictObject({ name: Texts, source: Id })).default({}),
    parameters: z.record(FeelName, ParameterSpec).default({}),
    tables: z.array(Table).default([]),
    tests: z.array(TableTest).default([]),
  })
  .superRefine((s, ctx) => {
    if (s.effectiveUntil && s.effectiveUntil <= s.effectiveFrom)
      ctx.addIssue({
        code: 'custom',
        path: ['effectiveUntil'],
        message: 'must be after effectiveFrom',
      });
    const sources = new Set(s.sources.map((x) => x.id));
    s.tables.forEach((t, ti) => {
      if (!t.outputs.includes('outcome'))
        ctx.addIssue({
          code: 'custom',
          path: ['tables', ti, 'outputs'],
          message: 'must include outcome',
        });
      t.rules.forEach((r, ri) => {
        if (r.when.length !== t.inputs.length)
          ctx.addIssue({
            code: 'custom',
            path: ['tables', ti, 'rules', ri, 'when'],
            message: `has ${r.when.length} tests for ${t.inputs.length} inputs`,
          });
        for (const o of Object.keys(r.then))
          if (!t.outputs.includes(o))
            ctx.addIssue({
              code: 'custom',
              path: ['tables', ti, 'rules', ri, 'then', o],
              message: 'not an output of the table',
            });
        if (!(r.legal.act in s.acts))
          ctx.addIssue({
            code: 'custom',
            path: ['tables', ti, 'rules', ri, 'legal', 'act'],
            message: `unknown act ${r.legal.act}`,
          });
        if (!sources.has(r.legal.source))
          ctx.addIssue({
            code: 'custom',
            path: ['tables', ti, 'rules', ri, 'legal', 'source'],
            message: `unknown source ${r.legal.source}`,
          });
      });
    });
  });
export type RuleSetFile = z.infer<typeof RuleSetFile>;
