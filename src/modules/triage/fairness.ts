import { loadCriteria, type TriageCriteria } from './criteria';
import {
  AGE_BANDS,
  SEXES,
  generateApplicants,
  loadPopulation,
  type Population,
  type SyntheticApplicant,
} from './synthetic';
import { triage } from './triage';
import { TIERS, type Tier } from './triage.schemas';

export interface FairnessOptions {
  /** Applicants generated (default 4000). */
  size?: number;
  seed?: number;
  /** The criteria version to measure (default: the newest in the pack). */
  criteria?: TriageCriteria;
  population?: Population;
}

export interface GroupStats {
  group: string;
  n: number;
  tiers: Record<Tier, number>;
  needsScrutiny: number;
  clean: number;
  /** Needs scrutiny but routine. */
  falseRoutine: number;
  /** Clean but enhanced. */
  falseEnhanced: number;
  falseRoutineRate: number | null;
  falseEnhancedRate: number | null;
}

export type Dimension = 'nationality' | 'sex' | 'age';

export interface FairnessReport {
  size: number;
  seed: number;
  criteriaVersion: string;
  /** The population's rates are assumptions, not statistics (kept visible on the page). */
  uncertain: boolean;
  note: string;
  overall: GroupStats;
  dimensions: {
    dimension: Dimension;
    groups: GroupStats[];
    /** Highest group rate over lowest (null when a rate is zero or missing): disparity at a glance. */
    falseEnhancedRatio: number | null;
    falseRoutineRatio: number | null;
  }[];
}

const keyOf: Record<Dimension, (a: SyntheticApplicant) => string> = {
  nationality: (a) => a.nationalityGroup,
  sex: (a) => a.sex,
  age: (a) => a.ageBand,
};

function stats(group: string, rows: readonly { a: SyntheticApplicant; tier: Tier }[]): GroupStats {
  const tiers = Object.fromEntries(TIERS.map((t) => [t, 0])) as Record<Tier, number>;
  let needsScrutiny = 0;
  let falseRoutine = 0;
  let falseEnhanced = 0;
  for (const { a, tier } of rows) {
    tiers[tier]++;
    if (a.needsScrutiny) {
      needsScrutiny++;
      if (tier === 'routine') falseRoutine++;
    } else if (tier === 'enhanced') falseEnhanced++;
  }
  const clean = rows.length - needsScrutiny;
  return {
    group,
    n: rows.length,
    tiers,
    needsScrutiny,
    clean,
    falseRoutine,
    falseEnhanced,
    falseRoutineRate: needsScrutiny ? falseRoutine / needsScrutiny : null,
    falseEnhancedRate: clean ? falseEnhanced / clean : null,
  };
}

function ratio(values: (number | null)[]): number | null {
  const v = values.filter((x): x is number => x !== null);
  if (v.length < 2) return null;
  const lo = Math.min(...v);
  return lo > 0 ? Math.max(...v) / lo : null;
}

/**
 * The fairness report on the synthetic population: triage with the given criteria over seeded
 * applicants, then per nationality group, sex and age band the tier distribution and the error
 * rates against the ground truth. Deterministic for a seed, so the bench and tests can pin it.
 */
export function fairnessReport(options: FairnessOptions = {}): FairnessReport {
  const size = options.size ?? 4000;
  const seed = options.seed ?? 1;
  const population = options.population ?? loadPopulation();
  const criteria = options.criteria ?? loadCriteria().at(-1)!;
  const rows = generateApplicants(size, seed, population).map((a) => ({
    a,
    tier: triage(a.features, criteria).tier,
  }));
  const order: Record<Dimension, readonly string[]> = {
    nationality: population.groups.map((g) => g.id),
    sex: SEXES,
    age: AGE_BANDS,
  };
  const dimensions = (['nationality', 'sex', 'age'] as const).map((dimension) => {
    const groups = order[dimension].map((g) =>
      stats(
        g,
        rows.filter((r) => keyOf[dimension](r.a) === g),
      ),
    );
    return {
      dimension,
      groups,
      falseEnhancedRatio: ratio(groups.map((g) => g.falseEnhancedRate)),
      falseRoutineRatio: ratio(groups.map((g) => g.falseRoutineRate)),
    };
  });
  return {
    size,
    seed,
    criteriaVersion: criteria.version,
    uncertain: population.uncertain,
    note: population.note,
    overall: stats('all', rows),
    dimensions,
  };
}
