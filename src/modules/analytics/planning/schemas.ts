/**
 * The planner's inputs as Zod schemas: the UI's form values and the forecast's output both pass
 * through them. Every rule's message is an ANALYTICS_PLAN_* code, so a re-rendered form can put a
 * translated message next to the field and an API caller gets a stable code.
 */
import { z } from 'zod';
import {
  PLAN_ERROR_CODES as C,
  isPlanErrorCode,
  planningErrors,
  type PlanErrorCode,
  type PlanFieldError,
} from './errors';

/** Longest horizon accepted: ten years of weeks, far beyond any forecast we make. */
export const MAX_WEEKS = 520;

/**
 * A number, or a number typed into a form: '12,5' (Lithuanian decimal comma) and ' 12.5 ' both
 * read as 12.5. Empty fields are turned into "not given" by `parsePlanInput` before parsing, so an
 * optional field falls back to its default instead of silently becoming 0 (what
 * `z.coerce.number()` would do).
 */
const typed = z
  .string()
  .trim()
  .regex(/^-?\d+([.,]\d+)?$/)
  .transform((s) => Number(s.replace(',', '.')));
const formNumber = (inner: z.ZodNumber, code: PlanErrorCode = C.invalidInput) =>
  z.union([z.number(code), typed], code).pipe(inner);

const num = (code: PlanErrorCode = C.invalidInput) => z.number(code);
const count = (code: PlanErrorCode = C.invalidInput) => formNumber(num(code).min(0, code), code);
const share = (min: number, max: number) =>
  formNumber(num().min(min, C.invalidInput).max(max, C.invalidInput));
const positive = (code: PlanErrorCode) => formNumber(num(code).positive(code), code);
const wholeCount = () => formNumber(num().int(C.invalidInput).min(0, C.invalidInput));

const weeks = () =>
  z.array(count(), C.invalidInput).min(1, C.emptyHorizon).max(MAX_WEEKS, C.invalidInput);

export const officersInputSchema = z
  .object({
    /** An opaque queue key: a catalogue service code, or `VLN/<service>` if branches keep their own queues. */
    service: z.string(C.invalidInput).trim().min(1, C.invalidInput),
    /** Forecast mean of new cases per week, the next N weeks. */
    demandPerWeek: weeks(),
    /** The forecast's upper prediction bound per week (same weeks). */
    demandUpper: weeks().optional(),
    /** Which quantile `demandUpper` is: 0.975 is the top of a central 95 % interval. */
    upperBoundQuantile: share(0.51, 0.9999).default(0.975),
    /** Measured decisions per officer per week at work on cases. */
    decisionsPerOfficerWeek: positive(C.zeroThroughput),
    /** Open cases not yet decided, now. */
    backlog: count(),
    /** The legal term in calendar days (working-day terms converted by the caller). */
    legalTermDays: count(),
    /** Probability the plan keeps the wait within the term, per week (0.5 plans on the mean). */
    targetShareWithinTerm: share(0.5, 0.999).default(0.95),
    /** Share of an officer's time on cases; 1 when the throughput is already net of leave. */
    availability: formNumber(
      num(C.zeroThroughput).positive(C.zeroThroughput).max(1, C.invalidInput),
      C.zeroThroughput,
    ).default(1),
    /** Officers on the service today; the weekly figures are simulated with them when given. */
    currentOfficers: wholeCount().optional(),
  })
  .superRefine((v, ctx) => {
    if (!v.demandUpper) return;
    if (v.targetShareWithinTerm > v.upperBoundQuantile) {
      ctx.addIssue({
        code: 'custom',
        path: ['targetShareWithinTerm'],
        message: C.shareBeyondBound,
      });
    }
    if (v.demandUpper.length !== v.demandPerWeek.length) {
      ctx.addIssue({ code: 'custom', path: ['demandUpper'], message: C.horizonMismatch });
      return;
    }
    v.demandUpper.forEach((u, i) => {
      if (u < (v.demandPerWeek[i] ?? 0))
        ctx.addIssue({ code: 'custom', path: ['demandUpper', i], message: C.upperBelowMean });
    });
  });

export const appointmentInputSchema = z
  .object({
    branch: z.string(C.invalidInput).trim().min(1, C.invalidInput),
    /** Visits wanted per week (people who need to come), the next N weeks. */
    visitsDemandPerWeek: weeks(),
    slotMinutes: positive(C.noSlots),
    /** Desks open today at the branch for this calendar. */
    desks: wholeCount(),
    /** Hours a desk is open per week (Mon–Thu 9 h + Fri 7.75 h = 43.75 at MD branches). */
    openHoursPerWeek: positive(C.noSlots),
    noShowRate: formNumber(num().min(0, C.invalidInput).lt(1, C.allNoShows)),
    targetWaitDays: count(),
    /** Days to the next free slot today; the bookings already queued ahead. */
    currentWaitDays: count().optional(),
  })
  .superRefine((v, ctx) => {
    if (Math.floor((v.openHoursPerWeek * 60) / v.slotMinutes) < 1) {
      ctx.addIssue({ code: 'custom', path: ['slotMinutes'], message: C.noSlots });
    }
  });

const deltas = z.record(z.string(), formNumber(num().int(C.invalidInput)));

export const whatIfChangesSchema = z.object({
  /** 1.3 = demand +30 %. */
  demandFactor: formNumber(num().min(0, C.invalidInput).max(100, C.invalidInput)).optional(),
  /** Queue key (service) → officers added (negative: taken away). */
  officersDelta: deltas.optional(),
  /** Branch code → desks added. */
  desksDelta: deltas.optional(),
  /** 1.1 = each officer decides 10 % more per week (e.g. automation). */
  throughputFactor: formNumber(
    num(C.zeroThroughput).positive(C.zeroThroughput).max(100, C.invalidInput),
    C.zeroThroughput,
  ).optional(),
});

export const planningBaseSchema = z
  .object({
    staffing: z.array(officersInputSchema, C.invalidInput).max(1000, C.invalidInput),
    appointments: z.array(appointmentInputSchema, C.invalidInput).max(1000, C.invalidInput),
  })
  .superRefine((v, ctx) => {
    const dup = (keys: string[], path: string) =>
      keys.forEach((k, i) => {
        if (keys.indexOf(k) !== i)
          ctx.addIssue({ code: 'custom', path: [path, i], message: C.duplicateKey });
      });
    dup(
      v.staffing.map((s) => s.service),
      'staffing',
    );
    dup(
      v.appointments.map((a) => a.branch),
      'appointments',
    );
  });

/** After parsing: defaults filled in. */
export type OfficersInput = z.output<typeof officersInputSchema>;
/** What a caller may pass: defaults optional (numbers, or form strings). */
export type OfficersInputRaw = z.input<typeof officersInputSchema>;
export type AppointmentInput = z.output<typeof appointmentInputSchema>;
export type AppointmentInputRaw = z.input<typeof appointmentInputSchema>;
export type WhatIfChanges = z.output<typeof whatIfChangesSchema>;
export type PlanningBase = z.output<typeof planningBaseSchema>;
export type PlanningBaseRaw = z.input<typeof planningBaseSchema>;

/** Order of preference when several fields fail: the most telling code names the error. */
const specificity: PlanErrorCode[] = [
  C.zeroThroughput,
  C.allNoShows,
  C.noSlots,
  C.emptyHorizon,
  C.horizonMismatch,
  C.upperBelowMean,
  C.shareBeyondBound,
  C.duplicateKey,
  C.invalidInput,
];

/** Parses planner input, throwing the planner's AppError (never a ZodError) when it is unusable. */
export function parsePlanInput<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(blanksToUndefined(value));
  if (parsed.success) return parsed.data;
  const fields: PlanFieldError[] = parsed.error.issues.map((i) => ({
    field: i.path.map(String).join('.') || '(input)',
    message: isPlanErrorCode(i.message) ? i.message : C.invalidInput,
  }));
  const code = specificity.find((c) => fields.some((f) => f.message === c)) ?? C.invalidInput;
  const developer = parsed.error.issues
    .map((i) => `${i.path.join('.') || '(input)'}: ${i.message}`)
    .join('; ');
  throw planningErrors.invalid(code, fields, developer);
}

/** A form posts '' for a field left empty; '' is never a valid planner value, so it means "not given". */
function blanksToUndefined(v: unknown): unknown {
  if (typeof v === 'string') return v.trim() === '' ? undefined : v;
  if (Array.isArray(v)) return v.map(blanksToUndefined);
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, blanksToUndefined(x)]));
  }
  return v;
}
