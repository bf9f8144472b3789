import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadCriteria } from './criteria';
import { triage } from './triage';
import { FORBIDDEN_INPUTS, TriageFeatures } from './triage.schemas';

const criteria = loadCriteria().find((c) => c.version === '2026-12-01')!;

/** A clean, complete application: every check met, every registry answered clear/confirmed. */
const clean = (): TriageFeatures => ({
  completeness: 'complete',
  eligibility: { met: 6, notMet: 0, cannotTell: 0 },
  registries: [
    { registry: 'sis', state: 'answered', outcome: 'clear' },
    { registry: 'wanted', state: 'answered', outcome: 'clear' },
    { registry: 'sodra', state: 'answered', outcome: 'confirmed' },
  ],
  identity: 'linked',
  documents: { travelDocumentReadable: true, travelDocumentValidForPermit: true },
  inconsistencies: [],
});

describe('triage (pure)', () => {
  it('gives routine to a clean case, naming every routine condition as met', () => {
    const o = triage(clean(), criteria);
    expect(o.tier).toBe('routine');
    expect(o.criteriaVersion).toBe('2026-12-01');
    expect(o.decisive).toEqual(['routine-conditions-met']);
    expect(o.points).toBe(2 + 2 + 1 + 1);
    expect(o.contributions.filter((c) => c.kind === 'flag')).toEqual([]);
  });

  const flagged: [string, (f: TriageFeatures) => void][] = [
    ['registry-hit', (f) => (f.registries[0]!.outcome = 'hit')],
    ['registry-not-confirmed', (f) => (f.registries[2]!.outcome = 'not-confirmed')],
    ['identity-review-pending', (f) => (f.identity = 'review-pending')],
    ['inconsistency', (f) => f.inconsistencies.push('birth-date-differs-from-register')],
    ['travel-document-unreadable', (f) => (f.documents.travelDocumentReadable = false)],
  ];
  it.each(flagged)('flag %s sends the case to enhanced scrutiny, decisively', (flag, change) => {
    const f = clean();
    change(f);
    const o = triage(f, criteria);
    expect(o.tier).toBe('enhanced');
    expect(o.decisive).toEqual([flag]);
    expect(o.contributions.find((c) => c.criterion === flag)?.kind).toBe('flag');
  });

  it('names the registry of a hit as the flag value', () => {
    const f = clean();
    f.registries[0]!.outcome = 'hit';
    expect(
      triage(f, criteria).contributions.find((c) => c.criterion === 'registry-hit')?.value,
    ).toBe('sis');
  });

  it('does not flag not-confirmed from a registry that does not confirm facts', () => {
    const f = clean();
    f.registries.push({ registry: 'vsd', state: 'answered', outcome: 'not-confirmed' });
    const o = triage(f, criteria);
    expect(o.tier).toBe('standard');
    expect(o.decisive).toEqual(['registries-clear']);
  });

  it('is standard while a registry answer is awaited, with the waiting weight counted', () => {
    const f = clean();
    f.registries.push({ registry: 'vsd', state: 'waiting', outcome: null });
    f.registries.push({ registry: 'employment', state: 'retrying', outcome: null });
    const o = triage(f, criteria);
    expect(o.tier).toBe('standard');
    expect(o.decisive).toContain('registries-answered');
    expect(o.contributions.find((c) => c.criterion === 'registry-waiting')).toEqual({
      criterion: 'registry-waiting',
      kind: 'weight',
      value: 2,
      points: -2,
    });
  });

  it('is standard when incomplete, when a check is not met or cannot tell, or with no rule set', () => {
    const incomplete = { ...clean(), completeness: 'incomplete' as const };
    expect(triage(incomplete, criteria).decisive).toContain('complete');
    const notMet = { ...clean(), eligibility: { met: 5, notMet: 1, cannotTell: 0 } };
    expect(triage(notMet, criteria)).toMatchObject({ tier: 'standard' });
    expect(triage(notMet, criteria).decisive).toContain('eligibility-all-met');
    const unclear = { ...clean(), eligibility: { met: 5, notMet: 0, cannotTell: 2 } };
    expect(
      triage(unclear, criteria).contributions.find((c) => c.criterion === 'eligibility-cannot-tell')
        ?.points,
    ).toBe(-2);
    expect(triage({ ...clean(), eligibility: null }, criteria).tier).toBe('standard');
  });

  it('needs the points threshold: a new person whose document validity is unknown stays standard', () => {
    const f = { ...clean(), identity: 'new-person' as const };
    f.documents = { travelDocumentReadable: true, travelDocumentValidForPermit: null };
    const o = triage(f, criteria);
    expect(o.points).toBe(4);
    expect(o.tier).toBe('standard');
    expect(o.decisive).toEqual(['points-threshold']);
    f.documents.travelDocumentValidForPermit = true;
    expect(triage(f, criteria).tier).toBe('routine');
  });

  it('is deterministic: the same features give the same outcome', () => {
    const f = clean();
    f.registries[1]!.outcome = 'hit';
    expect(triage(f, criteria)).toEqual(triage(structuredClone(f), criteria));
  });
});

describe('TriageFeatures (what triage may read)', () => {
  it('accepts the clean features', () => {
    expect(TriageFeatures.parse(clean())).toEqual(clean());
  });

  it.each(['nationality', 'sex', 'age', 'dateOfBirth', 'religion', 'countryOfBirth', 'language'])(
    'refuses an extra key %s at the top level',
    (key) => {
      expect(TriageFeatures.safeParse({ ...clean(), [key]: 'x' }).success).toBe(false);
    },
  );

  it('refuses extra keys inside nested objects too', () => {
    const f = clean() as unknown as Record<string, unknown>;
    expect(
      TriageFeatures.safeParse({ ...f, documents: { ...clean().documents, issuingCountry: 'BLR' } })
        .success,
    ).toBe(false);
    expect(
      TriageFeatures.safeParse({
        ...f,
        registries: [{ registry: 'sis', state: 'answered', outcome: 'clear', nationality: 'X' }],
      }).success,
    ).toBe(false);
  });

  it('has no forbidden key anywhere in its shape', () => {
    const keys: string[] = [];
    const walk = (s: z.ZodType): void => {
      const def = (s as unknown as { def: Record<string, unknown> }).def;
      if (def.type === 'object') {
        for (const [k, v] of Object.entries(def.shape as Record<string, z.ZodType>)) {
          keys.push(k);
          walk(v);
        }
      } else if (def.type === 'array') walk(def.element as z.ZodType);
      else if (def.type === 'nullable' || def.type === 'optional') walk(def.innerType as z.ZodType);
    };
    walk(TriageFeatures);
    expect(keys).toContain('completeness');
    expect(keys).toContain('travelDocumentReadable');
    const forbidden = FORBIDDEN_INPUTS.map((k) => k.toLowerCase());
    expect(keys.filter((k) => forbidden.some((f) => k.toLowerCase().includes(f)))).toEqual([]);
  });
});
