import { describe, expect, it } from 'vitest';
import { createCatalogueModule } from '../catalogue';
import { DEMO_HOLDINGS } from './test-data';
import {
  addDays,
  answersFromHeld,
  daysBetween,
  dueThreshold,
  HELD_KINDS,
  nextStepAfterLoss,
  prefilledAnswers,
  vilniusDate,
} from './holdings.core';

const held = (expires_on: string, status: 'valid' | 'reported-lost' = 'valid') => ({
  kind: 'residence-permit' as const,
  status,
  expires_on,
});

describe('dates', () => {
  it('reads the day in Vilnius, not in UTC', () => {
    expect(vilniusDate(new Date('2027-03-31T21:30:00Z'))).toBe('2027-04-01');
    expect(vilniusDate(new Date('2027-03-31T20:30:00Z'))).toBe('2027-03-31');
  });
  it('counts whole days across month ends and leap days', () => {
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
    expect(addDays('2027-12-31', 1)).toBe('2028-01-01');
    expect(addDays('2027-01-10', -10)).toBe('2026-12-31');
  });
});

describe('dueThreshold', () => {
  const today = '2027-01-10';
  it.each([
    [121, undefined],
    [120, 120],
    [61, 120],
    [60, 60],
    [0, 60],
    [-1, undefined],
  ])('%i days before expiry → %s', (days, expected) => {
    expect(dueThreshold(held(addDays(today, days)), today)).toBe(expected);
  });
  it('never reminds about an invalidated document', () => {
    expect(dueThreshold(held(addDays(today, 30), 'reported-lost'), today)).toBeUndefined();
  });
});

describe('pre-filling a renewal', () => {
  it('lets the document win over old answers and keeps only questions the form asks', () => {
    const answers = prefilledAnswers({
      issuedOn: { surname: 'OLD', 'monthly-salary': '2000', stray: 'x', phone: null },
      fromDocument: { surname: 'NEW', 'given-names': 'ONA' },
      questionIds: ['surname', 'given-names', 'monthly-salary', 'phone'],
    });
    expect(answers).toEqual({ surname: 'NEW', 'given-names': 'ONA', 'monthly-salary': '2000' });
  });

  it('maps only to question ids the renewal forms of the country pack ask', () => {
    const catalogue = createCatalogueModule();
    for (const h of DEMO_HOLDINGS) {
      const asked = catalogue.questionsFor(h.renewal.service, h.renewal.ground).map((q) => q.id);
      const mapped = answersFromHeld(
        {
          kind: h.kind,
          document_number: h.number,
          holder_given_names: h.givenNames,
          holder_surname: h.surname,
          holder_date_of_birth: h.dateOfBirth,
          holder_nationality: h.nationality,
          personal_code: h.personalCode ?? null,
        },
        'x@example.lt',
      );
      for (const id of Object.keys(mapped)) expect(asked, `${h.kind}: ${id}`).toContain(id);
    }
  });

  it('points every kind of document to a next step after a loss that exists in the pack', () => {
    const catalogue = createCatalogueModule();
    for (const kind of HELD_KINDS) {
      const href = new URL(nextStepAfterLoss(kind).href, 'http://x');
      const service = href.searchParams.get('service') ?? href.pathname.split('/').at(-1)!;
      const ground = href.searchParams.get('ground');
      expect(catalogue.findService(service), kind).toBeDefined();
      if (ground) expect(catalogue.findGround(service, ground), kind).toBeDefined();
    }
  });
});
