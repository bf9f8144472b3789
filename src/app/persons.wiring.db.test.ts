import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationRow } from '../modules/applications';
import type { IssuedDocument } from '../modules/cases';
import { seedDemoPersons } from '../modules/persons/demo-data';
import {
  officer,
  registerUnderTest,
  type RegisterUnderTest,
} from '../modules/persons/register/register.test-support';
import { MIGRATIONS_DIR } from './context';
import {
  matchApplicationOnSubmission,
  matchIssuedDocument,
  recordOfApplication,
} from './persons.wiring';
import { td3, yymmddIn } from './rules.test-support';

/**
 * The register where Vartai meets people: a submitted application and a document handed over
 * are matched into the persons register in their own transaction; the demo persons load once.
 */
let r: RegisterUnderTest;
beforeAll(async () => {
  r = await registerUnderTest(MIGRATIONS_DIR);
});
afterAll(async () => {
  await r?.db.close();
});

let n = 0;
/** The first application submitted (the document below is issued on it). */
let first: ApplicationRow | undefined;
const application = (over: Partial<ApplicationRow> = {}): ApplicationRow => ({
  id: `00000000-0000-4000-8000-0000000001${String(++n).padStart(2, '0')}`,
  reference: `VA-2026-0000${n}`,
  service_id: 'temporary-residence-permit',
  ground_id: 'work',
  urgent: false,
  state: 'submitted',
  owner_account_id: null,
  filed_by_kind: 'self',
  filed_by_account_id: null,
  filed_by_partner_id: null,
  answers: {
    'given-names': 'Oleksandr',
    surname: 'Kovalenko',
    'date-of-birth': '1990-03-27',
    nationality: 'UKR',
    'travel-document-mrz': td3('900327', yymmddIn(5)),
  },
  declaration_at: null,
  fee_receipt: null,
  created_at: r.clock.now(),
  updated_at: r.clock.now(),
  submitted_at: r.clock.now(),
  ...over,
});
const submit = async (row: ApplicationRow) => {
  r.clock.advance(60_000);
  await r.db.db
    .transaction()
    .execute((trx) => matchApplicationOnSubmission(r.persons, { clock: r.clock })(row, trx));
};
/** The person holding the record of that source label. */
const personOf = async (sourceLabel: string) => {
  for (const hit of await r.persons.search({ name: 'Kovalenko' }, officer, 'test')) {
    const p = await r.persons.getPerson(hit.id, officer, 'test');
    if (p.records.some((x) => x.sourceLabel === sourceLabel)) return p;
  }
  return undefined;
};

describe('an application on submission', () => {
  it('reads names, date of birth, nationality and the passport from the machine-readable zone', () => {
    const input = recordOfApplication(application(), r.clock.now())!;
    expect(input).toMatchObject({
      sourceKind: 'application',
      givenNames: 'Oleksandr',
      surname: 'Kovalenko',
      dateOfBirth: '1990-03-27',
      sex: 'M',
      nationality: 'UKR',
      documentNumber: 'FE1234567',
      documentState: 'UKR',
      documentType: 'passport',
    });
    // A mistyped zone gives no document (it must not link anyone by the rule).
    const typo = application({
      answers: { surname: 'Kovalenko', 'travel-document-mrz': td3('900327', '000000') },
    });
    expect(recordOfApplication(typo, r.clock.now())!.documentNumber).toBeNull();
    const typed = application({
      answers: { surname: 'Kovalenko', 'travel-document-number': ' FX123456 ' },
    });
    expect(recordOfApplication(typed, r.clock.now())!.documentNumber).toBe('FX123456');
    expect(recordOfApplication(application({ answers: {} }), r.clock.now())).toBeNull();
    const child = application({
      filed_by_kind: 'parent',
      answers: {},
      for_person_name: 'Sofiia Kovalenko',
      for_person_birth_date: '2015-06-01',
    });
    expect(recordOfApplication(child, r.clock.now())).toMatchObject({
      givenNames: 'Sofiia',
      surname: 'Kovalenko',
      dateOfBirth: '2015-06-01',
    });
  });

  it('makes a person, and the next application of the same passport joins it', async () => {
    first = application();
    await submit(first);
    const person = await personOf(first.reference!);
    expect(person!.documents.map((d) => d.number)).toEqual(['FE1234567']);
    const second = application({
      answers: { ...first.answers, 'given-names': 'Aleksandr', 'date-of-birth': '1990-03-27' },
    });
    await submit(second);
    const again = await r.persons.getPerson(person!.id, officer, 'test');
    expect(again.records.map((x) => [x.sourceLabel, x.linkedBy])).toEqual([
      [first.reference, 'new'],
      [second.reference, 'rule'],
    ]);
  });

  it('never fails a submission over what the register cannot read', async () => {
    await submit(application({ answers: { 'given-names': 'Nobody' } }));
    await submit(
      application({
        answers: { surname: 'Petrenko', nationality: 'Ukraine', 'date-of-birth': '1990' },
      }),
    );
    const [hit] = await r.persons.search({ name: 'Petrenko' }, officer, 'test');
    expect(hit!.nationalities).toEqual([]);
  });
});

describe('a document handed over', () => {
  it('joins its holder, and its number links later records by the rule', async () => {
    const doc: IssuedDocument = {
      caseId: '00000000-0000-4000-8000-000000000900',
      holderAccountId: null,
      holder: {
        givenNames: 'Oleksandr',
        surname: 'Kovalenko',
        dateOfBirth: '1990-03-27',
        nationality: 'UKR',
        personalCode: null,
      },
      applicationId: first!.id,
      serviceId: 'temporary-residence-permit',
      groundId: 'work',
      documentKind: 'residence-permit',
      documentNumber: 'LT9000001',
      issuedAt: r.clock.now(),
      expiresOn: '2028-03-01',
    };
    r.clock.advance(60_000);
    await r.db.db.transaction().execute((trx) => matchIssuedDocument(r.persons, {})(doc, trx));
    const person = await personOf('LT9000001');
    expect(person!.documents.map((d) => [d.number, d.state])).toEqual([
      ['FE1234567', 'UKR'],
      ['LT9000001', 'LTU'],
    ]);
    expect(person!.records.find((x) => x.sourceLabel === 'LT9000001')!.linkedBy).toBe('rule');
    const later = await r.persons.matchRecord({
      sourceKind: 'registry',
      sourceId: 'border-check-1',
      givenNames: 'Aleksandr',
      surname: 'Kowalenko',
      documentNumber: 'LT9000001',
      documentState: 'LTU',
    });
    expect(later).toMatchObject({ outcome: 'rule', personId: person!.id });
  });
});

describe('the demo persons', () => {
  it('load once, with one review waiting in the queue', async () => {
    const first = await seedDemoPersons(r.persons);
    const again = await seedDemoPersons(r.persons);
    expect(again).toEqual(first);
    expect(first.reviews).toBe(1);
    expect(first.results.map((x) => x.outcome)).toEqual([
      'new',
      'review',
      'new',
      'new',
      'rule',
      'linked',
      'new',
      'linked',
      'new',
    ]);
    const queue = await r.persons.openReviews();
    expect(queue.map((v) => v.record.surname)).toContain('Kovalenka');
  });
});
