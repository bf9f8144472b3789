import type { FairnessReport, GroupStats } from './fairness';
import type { Population } from './synthetic';
import type { OverrideTally } from './triage.repository';
import { TIERS, type Tier } from './triage.schemas';
import { addMonths, vilniusDay } from './triage.service';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** The synthetic population is generated per request: large enough to see, small enough to be quick. */
export const FAIRNESS_MAX = 20000;
export const FAIRNESS_DEFAULT = 4000;

export interface ReportQuery {
  from: Date;
  to: Date;
  size: number;
  seed: number;
  values: { from: string; to: string; size: string; seed: string };
  errors: { field: string; code: string }[];
}

/**
 * The reports' query: the override report's days (from, to inclusive, Vilnius calendar days;
 * the last month by default) and the synthetic population's size and seed. A wrong value is
 * reported and its default used, so the page still shows something true.
 */
export function parseReportQuery(query: unknown, now: Date): ReportQuery {
  const q = (query ?? {}) as Record<string, unknown>;
  const s = (k: string) => (typeof q[k] === 'string' ? (q[k] as string).trim() : '');
  const errors: ReportQuery['errors'] = [];
  const today = vilniusDay(now);
  const monthAgo = vilniusDay(addMonths(now, -1));
  const day = (k: string, dflt: string) => {
    const v = s(k);
    if (!v) return dflt;
    if (!DAY.test(v) || Number.isNaN(Date.parse(v))) {
      errors.push({ field: k, code: 'TRIAGE_REPORT_DATE_INVALID' });
      return dflt;
    }
    return v;
  };
  let from = day('from', monthAgo);
  const to = day('to', today);
  if (from > to) {
    errors.push({ field: 'from', code: 'TRIAGE_REPORT_RANGE_INVALID' });
    from = to;
  }
  const int = (k: string, dflt: number, min: number, max: number) => {
    const v = s(k);
    if (!v) return dflt;
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > max) {
      errors.push({
        field: k,
        code: k === 'size' ? 'TRIAGE_REPORT_SIZE_INVALID' : 'TRIAGE_REPORT_SEED_INVALID',
      });
      return dflt;
    }
    return n;
  };
  const size = int('size', FAIRNESS_DEFAULT, 100, FAIRNESS_MAX);
  const seed = int('seed', 1, 0, 2 ** 31 - 1);
  // Whole Vilnius calendar days, as the Department reads the report: `to` is included.
  return {
    from: vilniusMidnight(from),
    to: vilniusMidnight(nextDay(to)),
    size,
    seed,
    values: { from, to, size: String(size), seed: String(seed) },
    errors,
  };
}

function nextDay(day: string): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** The instant a Vilnius calendar day starts. */
export function vilniusMidnight(day: string): Date {
  const guess = new Date(`${day}T00:00:00Z`);
  const offsetMin = (d: Date) => {
    const parts = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Vilnius',
      timeZoneName: 'longOffset',
    }).formatToParts(d);
    const m = /GMT([+-])(\d{2}):(\d{2})/.exec(
      parts.find((p) => p.type === 'timeZoneName')?.value ?? '',
    );
    return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
  };
  return new Date(guess.getTime() - offsetMin(guess) * 60_000);
}

export interface OverrideRow {
  tier: Tier;
  runs: number;
  cases: number;
  overridden: number;
  /** Share of the tier's cases an officer overrode, formatted for the language. */
  rate: string;
}

/** The override report, one row per tier (tiers without runs show zeros). */
export function overrideReportView(tally: readonly OverrideTally[], lang: string): OverrideRow[] {
  const pct = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 });
  return TIERS.map((tier) => {
    const t = tally.find((x) => x.tier === tier) ?? { runs: 0, cases: 0, overridden: 0 };
    return {
      tier,
      runs: t.runs,
      cases: t.cases,
      overridden: t.overridden,
      rate: t.cases ? pct.format(t.overridden / t.cases) : '–',
    };
  });
}

export interface FairnessRow {
  group: string;
  name: string;
  n: number;
  tiers: { tier: Tier; count: number; share: string }[];
  needsScrutiny: number;
  falseRoutineRate: string;
  falseEnhancedRate: string;
}

/** The fairness report formatted for the page: group names in the reader's language, percents. */
export function fairnessView(
  report: FairnessReport,
  population: Population,
  lang: 'lt' | 'en' | 'ru' | 'uk',
  t: (key: string) => string,
) {
  const pct = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 });
  const num = new Intl.NumberFormat(lang, { maximumFractionDigits: 1 });
  const p = (v: number | null) => (v === null ? '–' : pct.format(v));
  const nameOf = (dimension: string, g: string) =>
    dimension === 'nationality'
      ? (population.groups.find((x) => x.id === g)?.name[lang] ?? g)
      : dimension === 'sex'
        ? t(`triage.fairness.sex.${g}`)
        : g === 'all'
          ? t('triage.fairness.all')
          : g.replace('-', '–');
  const row = (dimension: string, s: GroupStats): FairnessRow => ({
    group: s.group,
    name: nameOf(dimension, s.group),
    n: s.n,
    tiers: TIERS.map((tier) => ({
      tier,
      count: s.tiers[tier],
      share: s.n ? pct.format(s.tiers[tier] / s.n) : '–',
    })),
    needsScrutiny: s.needsScrutiny,
    falseRoutineRate: p(s.falseRoutineRate),
    falseEnhancedRate: p(s.falseEnhancedRate),
  });
  return {
    size: report.size,
    seed: report.seed,
    criteriaVersion: report.criteriaVersion,
    uncertain: report.uncertain,
    overall: row('all', report.overall),
    dimensions: report.dimensions.map((d) => ({
      dimension: d.dimension,
      rows: d.groups.map((g) => row(d.dimension, g)),
      falseEnhancedRatio: d.falseEnhancedRatio === null ? '–' : num.format(d.falseEnhancedRatio),
      falseRoutineRatio: d.falseRoutineRatio === null ? '–' : num.format(d.falseRoutineRatio),
    })),
  };
}
