import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { triageErrors } from './errors';
import type { TriageFeatures } from './triage.schemas';
import { createRandom } from '../../platform/random';

const Texts = z.strictObject({ lt: z.string(), en: z.string(), ru: z.string(), uk: z.string() });
const Rate = z.number().min(0).max(1);
export const Population = z.strictObject({
  uncertain: z.boolean(),
  note: z.string().min(1),
  source: z.url(),
  groups: z
    .array(
      z.strictObject({
        id: z.string().regex(/^[a-z][a-z-]*$/),
        name: Texts,
        share: Rate,
        scrutinyRate: Rate,
        unreadableRate: Rate,
        reviewPendingRate: Rate,
        registryDelayRate: Rate,
      }),
    )
    .min(2),
});
export type Population = z.infer<typeof Population>;

export const SEXES = ['F', 'M'] as const;
export const AGE_BANDS = ['18-29', '30-44', '45-64', '65+'] as const;
const AGE_SHARES = [0.34, 0.4, 0.21, 0.05];

const POPULATION_FILE = join(import.meta.dirname, '../../../content/lt/triage/population.yaml');

/** The synthetic population's groups and rates (content/lt/triage/population.yaml). */
export function loadPopulation(file: string = POPULATION_FILE): Population {
  const r = Population.safeParse(parse(readFileSync(file, 'utf8')));
  if (!r.success) {
    const i = r.error.issues[0]!;
    throw triageErrors.criteriaInvalid(file, i.path.join('.'), i.message);
  }
  return r.data;
}

/** The nationality groups of the fairness report, from the pack. */
export const nationalityGroups = (population: Population = loadPopulation()): string[] =>
  population.groups.map((g) => g.id);

/**
 * A synthetic applicant: who they are (only for the report: the groups are never triage inputs),
 * what triage sees, and the ground truth an ideal examination would find.
 */
export interface SyntheticApplicant {
  nationalityGroup: string;
  sex: (typeof SEXES)[number];
  ageBand: (typeof AGE_BANDS)[number];
  features: TriageFeatures;
  needsScrutiny: boolean;
}

/** A seeded uniform source in [0, 1): the same seed gives the same run on every machine. */
function prng(seed: number): () => number {
  const r = createRandom(seed);
  return () => r.next();
}

function pick<T>(r: number, items: readonly T[], shares: readonly number[]): T {
  const total = shares.reduce((a, b) => a + b, 0);
  let x = r * total;
  for (let i = 0; i < items.length; i++) {
    x -= shares[i]!;
    if (x < 0) return items[i]!;
  }
  return items[items.length - 1]!;
}

/**
 * N applicants, seeded. A case that needs scrutiny shows a hard signal often but not always (so
 * "false routine" can happen); a clean case shows noise at its group's rates (so "false enhanced"
 * differs by group where the rates do).
 */
export function generateApplicants(
  size: number,
  seed: number,
  population: Population = loadPopulation(),
): SyntheticApplicant[] {
  const rnd = prng(seed);
  const chance = (p: number) => rnd() < p;
  const groups = population.groups;
  const out: SyntheticApplicant[] = [];
  for (let i = 0; i < size; i++) {
    const g = pick(
      rnd(),
      groups,
      groups.map((x) => x.share),
    );
    const sex = chance(0.45) ? 'F' : 'M';
    const ageBand = pick(rnd(), AGE_BANDS, AGE_SHARES);
    const bad = chance(g.scrutinyRate);
    const registry = (id: string, kind: 'alert' | 'confirm', pHit: number) => {
      if (chance(g.registryDelayRate))
        return { registry: id, state: 'waiting' as const, outcome: null };
      const hit = bad ? chance(pHit) : chance(kind === 'alert' ? 0.001 : 0.02);
      const outcome =
        kind === 'alert'
          ? hit
            ? ('hit' as const)
            : ('clear' as const)
          : hit
            ? ('not-confirmed' as const)
            : ('confirmed' as const);
      return { registry: id, state: 'answered' as const, outcome };
    };
    const registries = [
      registry('sis', 'alert', 0.3),
      registry('wanted', 'alert', 0.1),
      registry('sodra', 'confirm', 0.25),
      registry('employment', 'confirm', 0.2),
      ...(chance(0.5) ? [registry('vsd', 'alert', 0.15)] : []),
    ];
    const cannotTell = chance(0.06) ? 1 : 0;
    const notMet = chance(bad ? 0.3 : 0.02) ? 1 : 0;
    const features: TriageFeatures = {
      completeness: chance(0.87) ? 'complete' : chance(0.7) ? 'incomplete' : 'unknown',
      eligibility: { met: 5 + Math.floor(rnd() * 3) - notMet - cannotTell, notMet, cannotTell },
      registries,
      identity: chance(bad ? 0.15 : g.reviewPendingRate)
        ? 'review-pending'
        : chance(0.02)
          ? 'not-matched'
          : chance(0.45)
            ? 'new-person'
            : 'linked',
      documents: {
        travelDocumentReadable: !chance(bad ? 0.1 : g.unreadableRate),
        travelDocumentValidForPermit: !chance(0.05),
      },
      inconsistencies: chance(bad ? 0.3 : 0.01) ? ['birth-date-differs-from-register'] : [],
    };
    out.push({ nationalityGroup: g.id, sex, ageBand, features, needsScrutiny: bad });
  }
  return out;
}
