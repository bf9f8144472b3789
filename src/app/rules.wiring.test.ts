import { describe, expect, it } from 'vitest';
import type { ApplicationRow } from '../modules/applications';
import { ApplicationSnapshot } from '../modules/rules';
import { euroCents, missingFactsFor, snapshotOf, type SnapshotFacts } from './rules.wiring';

const row = (over: Partial<ApplicationRow> = {}): ApplicationRow => ({
  id: '00000000-0000-4000-8000-000000000001',
  reference: null,
  service_id: 'temporary-residence-permit',
  ground_id: 'work',
  urgent: false,
  urgency: 'general',
  fee_exemptions: [],
  state: 'draft',
  owner_account_id: null,
  filed_by_kind: 'self',
  filed_by_account_id: null,
  filed_by_partner_id: null,
  answers: {},
  declaration_at: null,
  fee_receipt: null,
  created_at: new Date('2026-03-01T10:00:00Z'),
  updated_at: new Date('2026-03-01T10:00:00Z'),
  submitted_at: null,
  ...over,
});
const facts = (over: Partial<SnapshotFacts> = {}): SnapshotFacts => ({
  on: '2026-03-02',
  documents: [],
  travelDocumentExpiry: null,
  permitStartsOn: '2026-07-02',
  visitDate: null,
  ...over,
});

describe('the application as the rules read it', () => {
  it('turns answers into typed facts, valid for the snapshot schema', () => {
    const s = snapshotOf(
      row({
        urgency: 'urgent',
        fee_exemptions: ['lithuanian-graduate'],
        answers: {
          'application-kind': 'renewal',
          'date-of-birth': '1990-03-03',
          nationality: 'UKR',
          'in-lithuania': 'no',
          'monthly-salary': '2400.50',
          'monthly-means': '1200',
          'shortage-occupation': 'yes',
          'requested-months': '24',
        },
      }),
      facts({ documents: ['proof-of-means', 'travel-document', 'travel-document'] }),
    );
    expect(s).toMatchObject({
      service: 'temporary-residence-permit',
      ground: 'work',
      applicationKind: 'renewal',
      urgency: 'urgent',
      exemptions: ['lithuanian-graduate'],
      documents: ['proof-of-means', 'travel-document'],
      // Not 36 until the next day.
      person: { birthDate: '1990-03-03', age: 35, nationality: 'UKR', inLithuania: false },
      means: { monthlyCents: 120000 },
      employment: { monthlySalaryCents: 240050, shortageOccupation: true },
      permit: { requestedMonths: 24, until: '2028-07-02' },
      filedOn: null,
    });
    expect(ApplicationSnapshot.safeParse(s).success).toBe(true);
  });

  it('counts the travel document against the permit asked for, from when it would start', () => {
    const answers = { 'travel-document-mrz': 'x', 'requested-months': '24' };
    const short = snapshotOf(row({ answers }), facts({ travelDocumentExpiry: '2028-08-15' }));
    expect(short.travelDocument).toEqual({ validUntil: '2028-08-15', monthsValidAfterPermit: 1 });
    const before = snapshotOf(row({ answers }), facts({ travelDocumentExpiry: '2028-05-01' }));
    expect(before.travelDocument!.monthsValidAfterPermit).toBe(-3);
    // Without the period asked for, the margin is unknown, never guessed.
    const noPeriod = snapshotOf(row(), facts({ travelDocumentExpiry: '2030-01-01' }));
    expect(noPeriod.travelDocument).toEqual({
      validUntil: '2030-01-01',
      monthsValidAfterPermit: null,
    });
    expect(noPeriod.permit).toEqual({ requestedMonths: null, until: null });
  });

  it('leaves unknown what is missing or not a plain answer', () => {
    const s = snapshotOf(
      row({
        urgency: 'express' as never,
        answers: {
          'date-of-birth': '27.03.1990',
          'monthly-salary': '2,400',
          'requested-months': '3200',
          'in-lithuania': null,
        },
      }),
      facts(),
    );
    expect(s.urgency).toBe('general');
    expect(s.person).toEqual({ birthDate: null, age: null, nationality: null, inLithuania: null });
    expect(s.employment).toEqual({ monthlySalaryCents: null, shortageOccupation: null });
    expect(s.permit!.requestedMonths).toBeNull();
    expect(s.applicationKind).toBeNull();
    expect(ApplicationSnapshot.safeParse(s).success).toBe(true);
  });

  it('takes the filing date from the submission and the visit in whole months after it', () => {
    const s = snapshotOf(
      row({ state: 'submitted', submitted_at: new Date('2026-03-01T22:30:00Z') }),
      facts({ visitDate: '2026-07-10' }),
    );
    // 22:30 UTC is already 2 March in Vilnius.
    expect(s.filedOn).toBe('2026-03-02');
    expect(s.visit).toEqual({
      date: '2026-07-10',
      fullMonthsAfterFiling: 4,
      daysBeyondFullMonths: 8,
    });
    expect(snapshotOf(row(), facts({ visitDate: '2026-07-10' })).visit!.date).toBeNull();
  });

  it('a parent filing for a child: the child’s date of birth when the form has none', () => {
    const s = snapshotOf(row({ for_person_birth_date: '2015-06-01' }), facts());
    expect(s.person).toMatchObject({ birthDate: '2015-06-01', age: 10 });
  });
});

describe('euro amounts and missing facts', () => {
  it('reads euros as typed into cents', () => {
    expect(euroCents('2400')).toBe(240000);
    expect(euroCents(' 0.5 ')).toBe(50);
    expect(euroCents('-1')).toBeNull();
    expect(euroCents('1e3')).toBeNull();
    expect(euroCents(null)).toBeNull();
  });

  it('names what a derived fact is made of, with where the applicant gives it', () => {
    const r = row();
    const missing = missingFactsFor(r, snapshotOf(r, facts()));
    expect(missing(['travelDocument.monthsValidAfterPermit', 'person.age', 'visit.date'])).toEqual([
      { fact: 'travelDocument.validUntil', href: `/applications/${r.id}/travel-document` },
      { fact: 'permit.requestedMonths', href: `/applications/${r.id}/questions/requested-months` },
      { fact: 'person.birthDate', href: `/applications/${r.id}/questions/date-of-birth` },
      { fact: 'visit.date' },
    ]);
    const known = row({ answers: { 'requested-months': '12' } });
    expect(
      missingFactsFor(known, snapshotOf(known, facts()))(['travelDocument.monthsValidAfterPermit']),
    ).toEqual([
      { fact: 'travelDocument.validUntil', href: `/applications/${r.id}/travel-document` },
    ]);
  });
});
