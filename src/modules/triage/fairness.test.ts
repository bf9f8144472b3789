import { describe, expect, it } from 'vitest';
import { fairnessReport } from './fairness';
import { generateApplicants, loadPopulation } from './synthetic';
import { TriageFeatures } from './triage.schemas';

describe('synthetic population and fairness report', () => {
  it('generates the same applicants for the same seed, others for another', () => {
    expect(generateApplicants(200, 7)).toEqual(generateApplicants(200, 7));
    expect(generateApplicants(200, 8)).not.toEqual(generateApplicants(200, 7));
  });

  it('gives triage only valid features (the groups stay outside them)', () => {
    for (const a of generateApplicants(500, 3)) {
      expect(TriageFeatures.safeParse(a.features).success).toBe(true);
      expect(JSON.stringify(a.features)).not.toMatch(/nationality|eu-eea|"F"|"M"|18-29/);
    }
  });

  it('reports every group of each dimension, with counts that add up', () => {
    const r = fairnessReport({ size: 3000, seed: 11 });
    expect(r.criteriaVersion).toBe('2026-12-01');
    expect(r.uncertain).toBe(true);
    expect(r.dimensions.map((d) => d.dimension)).toEqual(['nationality', 'sex', 'age']);
    const nat = r.dimensions[0]!;
    expect(nat.groups.map((g) => g.group)).toEqual(loadPopulation().groups.map((g) => g.id));
    for (const d of r.dimensions) {
      expect(d.groups.reduce((s, g) => s + g.n, 0)).toBe(3000);
      for (const g of d.groups) {
        expect(g.tiers.routine + g.tiers.standard + g.tiers.enhanced).toBe(g.n);
        expect(g.needsScrutiny + g.clean).toBe(g.n);
      }
    }
    expect(r.overall.tiers.routine).toBeGreaterThan(0);
    expect(r.overall.tiers.enhanced).toBeGreaterThan(0);
    expect(r.overall.falseEnhanced).toBeGreaterThan(0);
  });

  it('makes a disparity visible when a group has more of a noisy signal', () => {
    const base = loadPopulation();
    const skewed = {
      ...base,
      groups: base.groups.map((g) => (g.id === 'south-asia' ? { ...g, unreadableRate: 0.4 } : g)),
    };
    const r = fairnessReport({ size: 4000, seed: 5, population: skewed });
    const nat = r.dimensions.find((d) => d.dimension === 'nationality')!;
    const rate = (id: string) => nat.groups.find((g) => g.group === id)!.falseEnhancedRate!;
    expect(rate('south-asia')).toBeGreaterThan(3 * rate('eu-eea'));
    expect(nat.falseEnhancedRatio).toBeGreaterThan(3);
  });
});
