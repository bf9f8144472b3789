import { z } from 'zod';

/**
 * The country pack's file formats (content/<country>/). The loader validates every file with
 * these schemas and then checks the references between files (catalogue.loader.ts).
 */

export const Slug = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a kebab-case id (a-z, 0-9, hyphens)');

/** A text in the four languages of the service. */
export const Text = z.strictObject({
  lt: z.string().min(1),
  en: z.string().min(1),
  ru: z.string().min(1),
  uk: z.string().min(1),
});
export type Text = z.infer<typeof Text>;

/** YAML reads 2023-07-28 as a Date; a quoted string is accepted too. */
export const IsoDate = z.union([
  z.date().transform((d) => d.toISOString().slice(0, 10)),
  z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD'),
]);

export const Source = z.strictObject({
  id: Slug,
  url: z.url(),
  /** The source's own date, or `n.d.` with an era hint. */
  date: z.union([z.string().min(1), z.number().transform(String)]),
});
export type Source = z.infer<typeof Source>;

/**
 * A remark on a fact: advice for applicants in the four languages, or an editorial note from the
 * research (why a fact is uncertain), kept in English as written.
 */
export const Note = z.union([z.string().min(1), Text]);
export type Note = z.infer<typeof Note>;

/** Every fact names its source; facts marked UNCERTAIN in the research carry a note saying why. */
const sourced = {
  source: Slug,
  uncertain: z.boolean().optional(),
  note: Note.optional(),
};
const uncertainNeedsNote = (f: { uncertain?: boolean | undefined; note?: unknown }) =>
  !f.uncertain || Boolean(f.note);
const UNCERTAIN_NOTE = { message: 'an uncertain fact needs a note saying why' };

export const AUDIENCES = [
  'foreigner',
  'eu-citizen',
  'eu-family-member',
  'citizen',
  'organisation',
] as const;
export const APPLICANTS = [
  'self',
  'parent-for-minor',
  'employer',
  'university',
  'representative',
] as const;
export const CHANNELS = ['online', 'branch', 'external-provider', 'embassy'] as const;
export const TERM_UNITS = ['days', 'working-days', 'months'] as const;
export const TERM_STARTS = ['submission', 'application-accepted'] as const;
export const QUESTION_TYPES = [
  'text',
  'date',
  'number',
  'select',
  'yes-no',
  'country',
  'email',
  'phone',
  'address',
] as const;

export const Duration = z.strictObject({
  amount: z.number().int().min(0),
  unit: z.enum(TERM_UNITS),
});
export type Duration = z.infer<typeof Duration>;

/** Urgency levels (general, urgent, next-day, same-day …) to a duration. */
const Levels = z.record(Slug, Duration);

export const Term = z
  .strictObject({
    ...sourced,
    startsAt: z.enum(TERM_STARTS),
    /** Absent when there is no processing term or the sources give none (a note says which). */
    levels: Levels.optional(),
    renewal: Levels.optional(),
  })
  .refine(uncertainNeedsNote, UNCERTAIN_NOTE)
  .refine((t) => t.levels !== undefined || Boolean(t.note), {
    message: 'a term without levels needs a note saying why',
  });
export type Term = z.infer<typeof Term>;

export const Exemption = z
  .strictObject({
    ...sourced,
    id: Slug,
    name: Text,
    /** Share of the fee still paid: 0 = free, 50 = half. */
    payPercent: z.number().int().min(0).max(100),
    /** Ages (in whole years, on the day of applying) the exemption is for, when it has an age. */
    minAge: z.number().int().min(0).optional(),
    maxAge: z.number().int().min(0).optional(),
    /** The document that proves it (documents.yaml); absent: officers check it themselves. */
    evidence: z
      .strictObject({ ref: Slug, ...sourced })
      .refine(uncertainNeedsNote, UNCERTAIN_NOTE)
      .optional(),
  })
  .refine(uncertainNeedsNote, UNCERTAIN_NOTE);
export type Exemption = z.infer<typeof Exemption>;

/** Delivery of a produced document to an address by courier, and who may choose it. */
export const CourierDelivery = z
  .strictObject({
    ...sourced,
    /** The reference value (reference/values.yaml) with the fee per document by date. */
    feeValue: Slug,
    /** Urgency levels with which a courier may be chosen. */
    levels: z.array(Slug).min(1),
    /** Not for the person's first document (they must already hold or have held one). */
    notFirstDocument: z.boolean(),
    /** Only for a person who holds a valid identity card or passport. */
    requiresValidIdentityDocument: z.boolean(),
  })
  .refine(uncertainNeedsNote, UNCERTAIN_NOTE);
export type CourierDelivery = z.infer<typeof CourierDelivery>;

/** How a produced document reaches the person: collection at a branch, or a courier. */
export const Delivery = z
  .strictObject({
    ...sourced,
    /**
     * When the person chooses: with the application (passports, identity cards: the fee is paid
     * with it), or after the decision grants the document (residence permit cards).
     */
    chosenAt: z.enum(['application', 'decision']).default('application'),
    courier: CourierDelivery.optional(),
  })
  .refine(uncertainNeedsNote, UNCERTAIN_NOTE);
export type Delivery = z.infer<typeof Delivery>;

/** When an order needs no visit: a photo and signature on record recent enough, and more. */
export const RemoteOrder = z
  .strictObject({
    ...sourced,
    /** The reference value (months) of how old the photo and signature on record may be. */
    recordMaxAgeValue: Slug,
    requiresValidIdentityDocument: z.boolean(),
  })
  .refine(uncertainNeedsNote, UNCERTAIN_NOTE);
export type RemoteOrder = z.infer<typeof RemoteOrder>;

export const Fee = z
  .strictObject({
    ...sourced,
    /** An item of the dated fee schedule (reference/fees.yaml). */
    item: Slug.optional(),
    free: z.literal(true).optional(),
    unknown: z.literal(true).optional(),
    exemptions: z.array(Exemption).default([]),
  })
  .refine(uncertainNeedsNote, UNCERTAIN_NOTE)
  .refine((f) => [f.item !== undefined, f.free, f.unknown].filter(Boolean).length === 1, {
    message: 'a fee is exactly one of: item, free: true, unknown: true',
  });
export type Fee = z.infer<typeof Fee>;

export const Validity = z
  .strictObject({ ...sourced, text: Text })
  .refine(uncertainNeedsNote, UNCERTAIN_NOTE);
export type Validity = z.infer<typeof Validity>;

/** Biometrics (photo and fingerprints) taken; original documents seen. */
export const VISIT_TAKES = ['biometrics', 'originals'] as const;

export const Visit = z
  .strictObject({
    ...sourced,
    required: z.boolean(),
    /** Months after submission within which the applicant must come. */
    withinMonths: z.number().int().positive().optional(),
    /** What the visit records (the branch desk asks for each); absent on a visit: all of them. */
    takes: z.array(z.enum(VISIT_TAKES)).min(1).optional(),
  })
  .refine(uncertainNeedsNote, UNCERTAIN_NOTE)
  .refine((v) => v.required || v.takes === undefined, {
    message: 'only a required visit takes anything',
    path: ['takes'],
  })
  .refine((v) => new Set(v.takes).size === (v.takes?.length ?? 0), {
    message: 'each thing a visit takes is named once',
    path: ['takes'],
  });
export type Visit = z.infer<typeof Visit>;

/** What the officer records at the visit, in this order on every form. */
export type VisitTake = (typeof VISIT_TAKES)[number];
/**
 * What a service's visit records: its `takes`, or everything when the pack says only that a visit
 * is required (the safe side: the desk asks for more, never less); nothing without a visit.
 */
export const visitTakes = (v: Pick<Visit, 'required' | 'takes'>): VisitTake[] =>
  v.required ? VISIT_TAKES.filter((t) => (v.takes ?? VISIT_TAKES).includes(t)) : [];

/**
 * Whether a grant needs a second officer's approval (refusals, terminations and revocations always
 * do: four eyes). Absent: the proposing officer decides a grant alone.
 */
export const GrantApproval = z
  .strictObject({ ...sourced, required: z.boolean() })
  .refine(uncertainNeedsNote, UNCERTAIN_NOTE);
export type GrantApproval = z.infer<typeof GrantApproval>;

export const DocumentRequirement = z
  .strictObject({
    ...sourced,
    /** A document of documents.yaml. */
    ref: Slug,
    minAge: z.number().int().min(0).optional(),
    maxAge: z.number().int().min(0).optional(),
    firstApplicationOnly: z.boolean().optional(),
  })
  .refine(uncertainNeedsNote, UNCERTAIN_NOTE);
export type DocumentRequirement = z.infer<typeof DocumentRequirement>;

export const Ground = z
  .strictObject({
    ...sourced,
    id: Slug,
    name: Text,
    description: Text.optional(),
    documents: z.array(DocumentRequirement).min(1),
    fee: Fee.optional(),
    term: Term.optional(),
    validity: Validity.optional(),
  })
  .refine(uncertainNeedsNote, UNCERTAIN_NOTE);
export type Ground = z.infer<typeof Ground>;

export const ShowIf = z
  .strictObject({
    /** Shown only for these grounds. */
    grounds: z.array(Slug).min(1).optional(),
    /** Shown only when an earlier answer has one of these values. */
    answer: z.strictObject({ question: Slug, equals: z.array(z.string()).min(1) }).optional(),
  })
  .refine((s) => s.grounds || s.answer, { message: 'showIf needs grounds or answer' });
export type ShowIf = z.infer<typeof ShowIf>;

export const Question = z
  .strictObject({
    id: Slug,
    type: z.enum(QUESTION_TYPES),
    required: z.boolean(),
    label: Text,
    hint: Text.optional(),
    options: z.array(z.strictObject({ value: Slug, label: Text })).optional(),
    showIf: ShowIf.optional(),
  })
  .refine((q) => (q.type === 'select') === Boolean(q.options?.length), {
    message: 'a select question needs options, and only a select question has them',
  });
export type Question = z.infer<typeof Question>;

export const ServiceFile = z.strictObject({
  id: Slug,
  code: z.string().regex(/^S\d{2}$/, 'must be S01, S02 …'),
  audience: z.enum(AUDIENCES),
  name: Text,
  description: Text,
  applicants: z.array(z.enum(APPLICANTS)).min(1),
  channels: z.array(z.enum(CHANNELS)).min(1),
  visit: Visit,
  grantApproval: GrantApproval.optional(),
  fee: Fee,
  term: Term,
  validity: Validity,
  grounds: z.array(Ground).min(1),
  questions: z.array(Question).default([]),
  /** Present when the produced document can be collected at a chosen branch or delivered. */
  delivery: Delivery.optional(),
  remoteOrder: RemoteOrder.optional(),
  /**
   * Where the portal starts this service when it is not an application draft (e.g. a loss report
   * is made on the document itself, at /my-documents). A same-site path.
   */
  startPath: z
    .string()
    .regex(/^\/[a-z0-9/-]*$/, 'must be a same-site path such as /my-documents')
    .optional(),
  sources: z.array(Source).min(1),
});
export type Service = z.infer<typeof ServiceFile>;

export const DocumentsFile = z.strictObject({
  documents: z.record(Slug, z.strictObject({ name: Text })),
});

export const CommonQuestionsFile = z.strictObject({ questions: z.array(Question) });

export const FeeAmounts = z.record(Slug, z.number().int().min(0));

export const FeesFile = z.strictObject({
  sources: z.array(Source).min(1),
  schedules: z
    .array(
      z
        .strictObject({
          ...sourced,
          id: Slug,
          effectiveFrom: IsoDate,
          items: z.record(
            Slug,
            FeeAmounts.refine((a) => a.general !== undefined, {
              message: 'needs a general amount',
            }),
          ),
        })
        .refine(uncertainNeedsNote, UNCERTAIN_NOTE),
    )
    .min(1),
});
export type FeeSchedule = z.infer<typeof FeesFile>['schedules'][number];

/** Non-working days for counting legal terms (reference/holidays.yaml). */
export const HolidaysFile = z
  .strictObject({
    ...sourced,
    sources: z.array(Source).min(1),
    fixed: z.array(z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'MM-DD')).min(1),
    easterOffsets: z.array(z.number().int().min(-60).max(60)),
  })
  .refine(uncertainNeedsNote, UNCERTAIN_NOTE);

export const ValuesFile = z.strictObject({
  sources: z.array(Source).min(1),
  values: z.record(
    Slug,
    z
      .strictObject({
        /** `flag`: a state that is on or off on a date (e.g. the work quota still open). */
        unit: z.enum(['eur-cents', 'ratio', 'months', 'days', 'flag']),
        description: z.string().min(1),
        periods: z
          .array(
            z
              .strictObject({
                ...sourced,
                from: IsoDate,
                value: z.union([z.number(), z.boolean()]),
              })
              .refine(uncertainNeedsNote, UNCERTAIN_NOTE),
          )
          .min(1),
      })
      .refine(
        (v) => v.periods.every((p) => (typeof p.value === 'boolean') === (v.unit === 'flag')),
        {
          message: 'a flag has true/false values, every other unit numbers',
        },
      ),
  ),
});

const FinderAnswer = z
  .strictObject({
    id: Slug,
    label: Text,
    next: Slug.optional(),
    result: z
      .strictObject({ service: Slug, ground: Slug.optional(), note: Text.optional() })
      .optional(),
    none: z.strictObject({ text: Text, where: Text, url: z.url().optional() }).optional(),
  })
  .refine((a) => [a.next, a.result, a.none].filter(Boolean).length === 1, {
    message: 'an answer leads to exactly one of: next, result, none',
  });
export type FinderAnswer = z.infer<typeof FinderAnswer>;

export const FinderFile = z.strictObject({
  start: Slug,
  questions: z
    .array(
      z.strictObject({
        id: Slug,
        text: Text,
        hint: Text.optional(),
        answers: z.array(FinderAnswer).min(2),
      }),
    )
    .min(1),
});
export type Finder = z.infer<typeof FinderFile>;
export type FinderQuestion = Finder['questions'][number];
