/**
 * Open statistics (issue 11; ADR 0015 "Open statistics"): per complete month and service, and the
 * month's total over services, applications, decisions, refusals and the average processing time,
 * with small counts suppressed. Pure: the caller reads the monthly figures and passes today.
 */
import { parseOpenInput, type OpenOptions, type OpenRow } from './schemas';
import { suppressAverages, suppressMonthCounts } from './suppress';

/** Measure ids, stable (CSV `measure` column, JSON `measure`). */
export const OPEN_MEASURES = [
  'applications',
  'decisions',
  'refusals',
  'average-processing-days',
] as const;
export type OpenMeasure = (typeof OPEN_MEASURES)[number];

export interface OpenValue {
  /** The figure; null when suppressed, or for an average when there were no decisions. */
  value: number | null;
  /** `c` (confidential) when suppressed. Never says why, which would tell a partner's range. */
  flag: 'c' | null;
}

export type OpenFigures = Record<OpenMeasure, OpenValue>;

export interface OpenMonth {
  month: string;
  /** Every service, in catalogue order, zeros included. */
  services: { service: string; figures: OpenFigures }[];
  /** The month's total over services. */
  total: OpenFigures;
}

export interface OpenStatisticsTable {
  /** Complete months, oldest first. */
  months: OpenMonth[];
  /** Service ids in the order of every month's `services`. */
  services: string[];
  threshold: number;
  minDecisionsForAverage: number;
}

type Counts = Omit<OpenRow, 'month' | 'service'>;

const ZERO: Counts = {
  applications: 0,
  decisions: 0,
  refusals: 0,
  processingDaysSum: 0,
  processingDaysCount: 0,
};

function add(a: Counts, b: Counts): Counts {
  return {
    applications: a.applications + b.applications,
    decisions: a.decisions + b.decisions,
    refusals: a.refusals + b.refusals,
    processingDaysSum: a.processingDaysSum + b.processingDaysSum,
    processingDaysCount: a.processingDaysCount + b.processingDaysCount,
  };
}

/** One decimal: days are the terms' unit, a tenth is enough to compare months. */
const average = (c: Counts): number | null =>
  c.processingDaysCount === 0
    ? null
    : Math.round((c.processingDaysSum / c.processingDaysCount) * 10) / 10;

const shown = (value: number | null, hidden: boolean): OpenValue =>
  hidden ? { value: null, flag: 'c' } : { value, flag: null };

function orderServices(rows: OpenRow[], catalogue: readonly string[] | undefined): string[] {
  const order = [...new Set(catalogue ?? [])];
  const known = new Set(order);
  const others = [...new Set(rows.map((r) => r.service))].filter((s) => !known.has(s)).sort();
  return [...order, ...others];
}

function publishMonth(
  month: string,
  services: string[],
  counts: Counts[],
  threshold: number,
  minDecisions: number,
): OpenMonth {
  const total = counts.reduce(add, ZERO);
  const { applications, decisions, refusals } = suppressMonthCounts(counts, threshold);
  const averages = suppressAverages(
    {
      counts: counts.map((c) => c.processingDaysCount),
      decisionsHidden: decisions.hidden,
      decisionsTotalHidden: decisions.totalHidden,
    },
    minDecisions,
  );
  const figures = (c: Counts, at: (s: { hidden: boolean[]; totalHidden: boolean }) => boolean) => ({
    applications: shown(c.applications, at(applications)),
    decisions: shown(c.decisions, at(decisions)),
    refusals: shown(c.refusals, at(refusals)),
    'average-processing-days': shown(average(c), at(averages)),
  });
  return {
    month,
    services: services.map((service, i) => ({
      service,
      figures: figures(counts[i]!, (s) => s.hidden[i]!),
    })),
    total: figures(total, (s) => s.totalHidden),
  };
}

/**
 * The published table. Rows of the same month and service are added up (e.g. one per branch);
 * months from today's on are left out (a published month never changes); a service without rows
 * in a month shows zeros. Same rows in any order → the same table.
 */
export function openStatistics(
  rows: readonly OpenRow[],
  options: OpenOptions,
): OpenStatisticsTable {
  const { rows: parsed, options: opts } = parseOpenInput(rows, options);
  const currentMonth = opts.today.slice(0, 7);
  const complete = parsed.filter((r) => r.month < currentMonth);
  const services = orderServices(complete, opts.serviceOrder);
  const index = new Map(services.map((s, i) => [s, i]));
  const byMonth = new Map<string, Counts[]>();
  for (const row of complete) {
    let counts = byMonth.get(row.month);
    if (!counts) byMonth.set(row.month, (counts = services.map(() => ZERO)));
    const i = index.get(row.service)!;
    counts[i] = add(counts[i]!, row);
  }
  const months = [...byMonth.keys()]
    .sort()
    .map((month) =>
      publishMonth(
        month,
        services,
        byMonth.get(month)!,
        opts.threshold,
        opts.minDecisionsForAverage,
      ),
    );
  return {
    months,
    services,
    threshold: opts.threshold,
    minDecisionsForAverage: opts.minDecisionsForAverage,
  };
}
