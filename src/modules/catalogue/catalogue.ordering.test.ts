import { describe, expect, it } from 'vitest';
import { createCatalogueModule } from './index';

const catalogue = createCatalogueModule();
const o = catalogue.ordering;
const day = (d: string) => new Date(`${d}T10:00:00Z`);

describe('urgency levels of a service and ground', () => {
  it('offers the levels that have a term and a fee in the schedule in force', () => {
    expect(o.urgencyLevels('S12', 'passport', day('2026-01-10'))).toEqual([
      { id: 'general', term: { amount: 1, unit: 'months' }, feeCents: 5000 },
      { id: 'urgent', term: { amount: 5, unit: 'working-days' }, feeCents: 10000 },
      { id: 'same-day', term: { amount: 0, unit: 'days' }, feeCents: 20000 },
    ]);
    expect(o.urgencyLevels('S12', 'id-card', day('2026-01-10')).map((l) => l.id)).toEqual([
      'general',
      'urgent',
      'next-day',
    ]);
    // Before 28 July 2023 the identity card cost 8.60 EUR, 31.60 EUR the next day.
    expect(o.urgencyLevels('S12', 'id-card', day('2023-07-27')).at(-1)).toMatchObject({
      id: 'next-day',
      feeCents: 3160,
    });
  });

  it('offers a level with a free or unknown fee by its term alone', () => {
    const levels = o.urgencyLevels('change-of-employer', 'new-employer', day('2026-01-10'));
    expect(levels.length).toBeGreaterThan(0);
    expect(levels.every((l) => l.feeCents === null)).toBe(true);
  });
});

describe('fee exemptions', () => {
  it('gives the exemptions with their age limits and the evidence where the pack names one', () => {
    const passport = o.exemptions('S12', 'passport');
    expect(passport.map((e) => [e.id, e.payPercent, e.maxAge])).toEqual([
      ['minor', 50, 17],
      ['pensioner', 20, undefined],
    ]);
    expect(passport.every((e) => e.evidence === undefined)).toBe(true);
    const trp = o.exemptions('temporary-residence-permit', 'work');
    expect(trp[0]).toMatchObject({ id: 'lithuanian-graduate', evidence: { ref: 'diploma' } });
    expect(trp[0]!.evidence!.uncertain).toBe(true);
  });

  it('charges the most favourable exemption that is claimed', () => {
    const fee = catalogue.feeFor({
      serviceId: 'S12',
      groundId: 'passport',
      urgent: false,
      exemptions: ['minor', 'pensioner'],
      on: day('2026-01-10'),
    });
    expect(fee).toMatchObject({ amountCents: 1000, exemption: 'pensioner' });
  });
});

describe('courier delivery', () => {
  it('costs 9.99 EUR from 5 Sep 2022 and 3.79 EUR from 20 Oct 2025, and did not exist before', () => {
    expect(o.courier('S12', day('2022-09-04'))).toBeUndefined();
    expect(o.courier('S12', day('2025-10-19'))?.feeCents).toBe(999);
    expect(o.courier('S12', day('2025-10-20'))).toMatchObject({
      feeCents: 379,
      levels: ['general'],
      notFirstDocument: true,
      requiresValidIdentityDocument: true,
    });
    expect(o.courier('S12', day('2026-01-10'))!.source).toMatch(/klaipeda\.diena\.lt/);
  });

  it('is only where the pack says so', () => {
    expect(o.hasDelivery('S12')).toBe(true);
    expect(o.deliveryAfterDecision('S12')).toBe(false);
    expect(o.hasDelivery('national-visa')).toBe(false);
    expect(o.courier('national-visa', day('2026-01-10'))).toBeUndefined();
  });

  it('is chosen after the decision for residence permit cards, with conditions uncertain', () => {
    for (const service of ['temporary-residence-permit', 'permanent-residence-permit']) {
      expect(o.hasDelivery(service)).toBe(false);
      expect(o.deliveryAfterDecision(service)).toBe(true);
      expect(o.courier(service, day('2026-01-10'))).toMatchObject({
        feeCents: 379,
        notFirstDocument: false,
        uncertain: true,
      });
    }
  });
});

describe('ordering without a visit', () => {
  it('is an uncertain rule with an uncertain limit on the age of the photo and signature', () => {
    const rule = o.remoteOrder('S12', day('2026-01-10'))!;
    expect(rule).toMatchObject({
      recordMaxAgeMonths: 12,
      requiresValidIdentityDocument: true,
      uncertain: true,
    });
    expect(rule.notes.length).toBe(2);
    expect(o.remoteOrder('temporary-residence-permit', day('2026-01-10'))).toBeUndefined();
    // Before its first dated limit the rule did not exist: a visit, not an error.
    expect(o.remoteOrder('S12', day('2022-09-04'))).toBeUndefined();
  });
});
