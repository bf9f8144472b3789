import { describe, expect, it } from 'vitest';
import { loadCriteria } from './criteria';
import { triage } from './triage';
import type { TriageFeatures, TriageRun } from './triage.schemas';
import { triageCasePanel } from './triage.view';

const criteria = loadCriteria();
const t = (key: string) => `[${key}]`;
const features: TriageFeatures = {
  completeness: 'complete',
  eligibility: { met: 6, notMet: 0, cannotTell: 0 },
  registries: [{ registry: 'sis', state: 'answered', outcome: 'clear' }],
  identity: 'linked',
  documents: { travelDocumentReadable: true, travelDocumentValidForPermit: true },
  inconsistencies: [],
};
const runOf = (f: TriageFeatures, over: Partial<TriageRun> = {}): TriageRun => ({
  id: 'r1',
  caseId: 'c1',
  seq: 1,
  inputRef: 'x',
  features: f,
  switchedOff: false,
  at: new Date('2026-12-07T09:00:00Z'),
  ...triage(f, criteria[0]!),
  ...over,
});

describe('triageCasePanel', () => {
  it('explains an enhanced tier by its flags, in the reader language, from the run version', () => {
    const f = structuredClone(features);
    f.registries[0]!.outcome = 'hit';
    const p = triageCasePanel(runOf(f), null, 'lt', t, criteria);
    expect(p.tier).toBe('enhanced');
    expect(p.tierText).toBe('[triage.tier.enhanced]');
    expect(p.decisive).toEqual([
      expect.objectContaining({
        criterion: 'registry-hit',
        name: 'Registre rasta atitiktis',
        value: 'sis',
      }),
    ]);
    expect(p.weights.map((w) => w.criterion)).toContain('complete');
    expect(p.threshold).toBe(5);
  });

  it('names the unmet routine conditions of a standard tier', () => {
    const f = { ...features, completeness: 'incomplete' as const };
    const p = triageCasePanel(runOf(f), null, 'en', t, criteria);
    expect(p.tier).toBe('standard');
    expect(p.decisive.map((d) => [d.criterion, d.name])).toEqual([
      ['complete', 'The application is complete'],
      // Without the 2 points for completeness, 4 points stay below the threshold of 5.
      ['points-threshold', 'Enough points'],
    ]);
  });

  it('says routine held every condition, and a switched-off run says so', () => {
    expect(
      triageCasePanel(runOf(features), null, 'en', t, criteria).decisive.map((d) => d.name),
    ).toEqual(['[triage.reason.routine-conditions-met.name]']);
    const off = runOf(features, {
      tier: 'standard',
      decisive: ['triage-switched-off'],
      contributions: [],
      switchedOff: true,
    });
    expect(triageCasePanel(off, null, 'en', t, criteria).decisive.map((d) => d.criterion)).toEqual([
      'triage-switched-off',
    ]);
  });

  it('shows an override only when it concerns the run shown', () => {
    const run = runOf(features);
    const o = { id: 'o', caseId: 'c1', officerId: 'a', reason: 'Why', at: run.at };
    expect(triageCasePanel(run, { ...o, runId: 'r1' }, 'en', t, criteria).override?.reason).toBe(
      'Why',
    );
    expect(triageCasePanel(run, { ...o, runId: 'r0' }, 'en', t, criteria).override).toBeNull();
  });
});
