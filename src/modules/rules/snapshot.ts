import { z } from 'zod';

/**
 * The facts an evaluation reads: a typed snapshot of an application on a date. Dates are ISO
 * strings for the explanations; the spans the law counts in (months of passport validity after
 * the permit, months from filing to the visit, age) are given as whole numbers, worked out when
 * the snapshot is made, so the tables compare numbers (readable, and fast to evaluate).
 * A fact that is null is not known: a check that needs it says "cannot tell" and names it.
 */
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const n = <T extends z.ZodType>(t: T) => t.nullable().default(null);

export const ApplicationSnapshot = z.strictObject({
  service: z.string().min(1),
  ground: n(z.string().min(1)),
  /** first or renewal (the "application-kind" answer). */
  applicationKind: n(z.enum(['first', 'renewal'])),
  urgency: z.enum(['general', 'urgent', 'next-day', 'same-day']).default('general'),
  /** Fee exemptions claimed (catalogue ids); [] none. */
  exemptions: z.array(z.string()).default([]),
  /** Document types attached to the application (catalogue ids). */
  documents: z.array(z.string()).default([]),
  person: z
    .strictObject({
      birthDate: n(Day),
      /** Whole years on the evaluation date. */
      age: n(z.number().int().min(0).max(150)),
      nationality: n(z.string()),
      inLithuania: n(z.boolean()),
    })
    .default({ birthDate: null, age: null, nationality: null, inLithuania: null }),
  travelDocument: z
    .strictObject({
      validUntil: n(Day),
      /** Whole months the document stays valid after the permit would end (negative: ends before). */
      monthsValidAfterPermit: n(z.number().int()),
    })
    .default({ validUntil: null, monthsValidAfterPermit: null }),
  permit: z
    .strictObject({
      /** Months of validity asked for (or the longest the ground gives). */
      requestedMonths: n(z.number().int().min(1).max(120)),
      until: n(Day),
    })
    .default({ requestedMonths: null, until: null }),
  means: z
    .strictObject({ monthlyCents: n(z.number().int().min(0)) })
    .default({ monthlyCents: null }),
  employment: z
    .strictObject({
      monthlySalaryCents: n(z.number().int().min(0)),
      /** The occupation is on the high-value shortage list (1.2 × VDU instead of 1.5 × VDU). */
      shortageOccupation: n(z.boolean()),
    })
    .default({ monthlySalaryCents: null, shortageOccupation: null }),
  filedOn: n(Day),
  visit: z
    .strictObject({
      date: n(Day),
      /** Whole months from filing to the visit, and the days past them. */
      fullMonthsAfterFiling: n(z.number().int().min(0)),
      daysBeyondFullMonths: n(z.number().int().min(0).max(30)),
    })
    .default({ date: null, fullMonthsAfterFiling: null, daysBeyondFullMonths: null }),
});
export type ApplicationSnapshot = z.infer<typeof ApplicationSnapshot>;
export type ApplicationSnapshotInput = z.input<typeof ApplicationSnapshot>;

/** A dotted fact path of the snapshot ("travelDocument.validUntil"), read without FEEL. */
export function factAt(snapshot: unknown, path: string): unknown {
  let v: unknown = snapshot;
  for (const key of path.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

/** Every fact path a table may name (leaves of the snapshot schema), to check `facts` at load. */
export const SNAPSHOT_FACTS: ReadonlySet<string> = new Set(
  Object.entries(ApplicationSnapshot.shape).flatMap(([key, schema]) => {
    const inner = unwrap(schema);
    return inner instanceof z.ZodObject
      ? Object.keys(inner.shape).map((k) => `${key}.${k}`)
      : [key];
  }),
);

function unwrap(s: z.ZodType): z.ZodType {
  let t: z.ZodType = s;
  while (t instanceof z.ZodDefault || t instanceof z.ZodNullable || t instanceof z.ZodOptional)
    t = (t as unknown as { unwrap(): z.ZodType }).unwrap();
  return t;
}

/** Whole months from `from` to `to` (ISO dates) and the days past them; negative months when before. */
export function monthsBetween(from: string, to: string): { months: number; days: number } {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
  let months = (ty - fy) * 12 + (tm - fm);
  if (td < fd) months -= 1;
  const anchor = addMonths(from, months);
  const days = Math.round((Date.parse(to) - Date.parse(anchor)) / 86_400_000);
  return { months, days };
}

/** The ISO date `months` after `day`, clamped to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(d, last))).toISOString().slice(0, 10);
}
