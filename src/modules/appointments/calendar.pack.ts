/**
 * The branches part of the country pack (content/lt/branches.yaml): branches with addresses,
 * opening hours, desks and visit length per service, and closures. Validated with Zod at load
 * like the rest of the pack: a broken file stops start-up, naming the field.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { DEFAULT_PACK_ROOT } from '../catalogue';
import { appointmentsErrors } from './errors';

/** content/lt/branches.yaml: beside the rest of the country pack. */
export const DEFAULT_BRANCHES_FILE = path.join(DEFAULT_PACK_ROOT, 'branches.yaml');

const Slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a kebab-case id');
const Time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM');
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD');
const Sourced = {
  source: Slug,
  uncertain: z.literal(true).optional(),
  note: z.string().min(1).optional(),
};
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const Hours = z
  .strictObject({ open: Time, close: Time })
  .refine((h) => h.open < h.close, 'opens after it closes');
const Capacity = z.strictObject({
  desks: z.number().int().min(1).max(100),
  slotMinutes: z.number().int().min(5).max(240),
});
export type Capacity = z.infer<typeof Capacity>;
const Week = z.partialRecord(z.enum(WEEKDAYS), Hours);

export const BranchesFile = z.strictObject({
  sources: z
    .array(
      z.strictObject({
        id: Slug,
        url: z.url(),
        date: z.union([z.string().min(1), z.date().transform((d) => d.toISOString().slice(0, 10))]),
      }),
    )
    .min(1),
  hours: z.strictObject({ ...Sourced, week: Week }),
  capacity: z.strictObject({ ...Sourced, services: z.record(Slug, Capacity) }),
  branches: z
    .array(
      z.strictObject({
        code: z.string().regex(/^[A-Z]{3}$/, 'must be three capital letters'),
        name: z.strictObject({
          lt: z.string().min(1),
          en: z.string().min(1),
          ru: z.string().min(1),
          uk: z.string().min(1),
        }),
        address: z.string().min(5),
        ...Sourced,
        /** This branch's own hours, replacing the common ones. */
        hours: Week.optional(),
        /** This branch's desks and visit length, replacing the common ones per service. */
        capacity: z.record(Slug, Capacity).optional(),
        /** The branch desk also serves visitors without a booking (walk-ins); assumed, uncertain. */
        walkIns: z.boolean().default(false),
      }),
    )
    .min(1),
  closures: z.array(z.strictObject({ day: Day, branches: z.array(z.string()).optional() })),
  /** Changes (reschedules and cancellations) allowed before booking is blocked for a while. */
  changes: z.strictObject({
    ...Sourced,
    free: z.number().int().min(0).max(10),
    blockMonths: z.number().int().min(0).max(12),
  }),
  /**
   * How long a place freed for the next in line (or an alternative after a branch change) is
   * held before it goes to the next. Vartai's own rule, not from the research: no source.
   */
  waitlist: z.strictObject({
    holdHours: z.number().int().min(1).max(168),
    uncertain: z.literal(true).optional(),
    note: z.string().min(1).optional(),
  }),
});
export type BranchesPack = z.infer<typeof BranchesFile>;
export type PackBranch = BranchesPack['branches'][number];

const invalid = appointmentsErrors.packInvalid;

/** Reads and checks content/lt/branches.yaml: sources named, branch codes unique. */
export function loadBranchesPack(file = DEFAULT_BRANCHES_FILE): BranchesPack {
  let data: unknown;
  try {
    data = parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw invalid('', (e as Error).message);
  }
  const r = BranchesFile.safeParse(data);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw invalid(issue.path.map(String).join('.'), issue.message);
  }
  const pack = r.data;
  const sources = new Set(pack.sources.map((s) => s.id));
  const refs = [
    ['hours.source', pack.hours.source],
    ['capacity.source', pack.capacity.source],
    ['changes.source', pack.changes.source],
    ...pack.branches.map((b, i) => [`branches.${i}.source`, b.source]),
  ];
  for (const [field, id] of refs)
    if (!sources.has(id!)) throw invalid(field!, `unknown source ${id}`);
  const codes = new Set<string>();
  pack.branches.forEach((b, i) => {
    if (codes.has(b.code)) throw invalid(`branches.${i}.code`, `duplicate ${b.code}`);
    codes.add(b.code);
  });
  pack.closures.forEach((c, i) =>
    (c.branches ?? []).forEach((code, j) => {
      if (!codes.has(code)) throw invalid(`closures.${i}.branches.${j}`, `unknown branch ${code}`);
    }),
  );
  return pack;
}
