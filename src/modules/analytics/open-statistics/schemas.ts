/**
 * The inputs of open statistics as Zod schemas: the service passes the monthly figures it read
 * from the fact tables through them, so a broken fold shows as ANALYTICS_OPEN_STATS_INVALID
 * instead of a published table that does not add up.
 */
import { z } from 'zod';
import { openStatsErrors } from './errors';

/** The service id of a month's total over services (CSV `service` column, JSON `service`). */
export const TOTAL = 'total';

const count = z.number().int().min(0);

export const openRowSchema = z
  .object({
    /** Calendar month, `YYYY-MM`. */
    month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected YYYY-MM'),
    /** Catalogue service id (e.g. `temporary-residence-permit`). */
    service: z
      .string()
      .min(1)
      .refine((s) => s !== TOTAL, `"${TOTAL}" is the month's total, not a service`),
    /** Applications submitted in the month. */
    applications: count,
    /** Decisions taken in the month (grants, refusals, terminations). */
    decisions: count,
    /** Of those decisions, refusals. */
    refusals: count,
    /**
     * Calendar days from submission to decision, summed over the decisions measured. Whole days
     * (the facts' unit), so sums are exact and the same in any order of rows.
     */
    processingDaysSum: count,
    /** How many decisions `processingDaysSum` covers (the average rests on these). */
    processingDaysCount: count,
  })
  .refine((r) => r.refusals <= r.decisions, {
    message: 'refusals exceed decisions',
    path: ['refusals'],
  });

export type OpenRow = z.infer<typeof openRowSchema>;

export const openOptionsSchema = z.object({
  /** Today in Vilnius, `YYYY-MM-DD`: its month and later ones are not complete, so not published. */
  today: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'expected YYYY-MM-DD'),
  /** Counts from 1 to threshold − 1 are suppressed (primary). */
  threshold: z.number().int().min(1).default(5),
  /** An average resting on fewer decisions than this is suppressed. */
  minDecisionsForAverage: z.number().int().min(1).default(10),
  /**
   * Catalogue order of services: the order of the table and the tie-break of complementary
   * suppression. Services listed here appear in every month (with zeros); others found in the
   * rows follow, sorted by id.
   */
  serviceOrder: z.array(z.string().min(1)).optional(),
});

export type OpenOptions = z.input<typeof openOptionsSchema>;
export type ParsedOpenOptions = z.output<typeof openOptionsSchema>;

function fail(error: z.ZodError, prefix: string): never {
  throw openStatsErrors.invalid(
    error.issues.map((i) => ({
      field: [prefix, ...i.path.map(String)].filter(Boolean).join('.'),
      message: i.message,
    })),
  );
}

export function parseOpenInput(
  rows: unknown,
  options: unknown,
): { rows: OpenRow[]; options: ParsedOpenOptions } {
  const parsedRows = z.array(openRowSchema).safeParse(rows);
  if (!parsedRows.success) fail(parsedRows.error, 'rows');
  const parsedOptions = openOptionsSchema.safeParse(options);
  if (!parsedOptions.success) fail(parsedOptions.error, '');
  return { rows: parsedRows.data, options: parsedOptions.data };
}
