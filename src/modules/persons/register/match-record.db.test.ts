import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR } from '../../../app/context';
import {
  OLEKSANDR,
  codeOf,
  officer,
  record,
  registerUnderTest,
  type RegisterUnderTest,
} from './register.test-support';

/**
 * Matching records into the register (issue 7): a rule or a probability above the auto-link
 * threshold links, the grey band asks an officer, below it a new person; a namesake born years
 * apart is never linked; an officer's "not the same" is never asked again.
 */
let r: RegisterUnderTest;
beforeAll(async () => {
  r = await registerUnderTest(MIGRATIONS_DIR);
});
afterAll(async () => {
  await r?.db.close();
});

const recordsOf = async (personId: string) =>
  (await r.persons.getPerson(personId, officer, 'test')).records;

describe('matching a record', () => {
  it('gives the first record of a person a new person with a checked number', async () => {
    const m = await r.persons.matchRecord(
      record({ ...OLEKSANDR.cyrillic, documentNumber: 'FX123456', sourceLabel: 'VA-2026-000001' }),
    );
    expect(m).toMatchObject({ outcome: 'new', probability: null });
    expect(m.personNumber).toMatch(/^P-\d{4}-\d{4}-[0-9X]$/);
    const p = await r.persons.getPerson(m.personNumber, officer, 'test');
    expect(p.id).toBe(m.personId);
    expect(p.names[0]).toMatchObject({ givenNames: 'Олександр', surname: 'Коваленко' });
    expect(p.names[0]!.latin).toContain('Oleksandr Kovalenko');
    expect(p.documents).toMatchObject([{ number: 'FX123456', source: 'VA-2026-000001' }]);
  });

  it('links the same person written in Latin letters automatically, with its explanation', async () => {
    const first = await r.persons.matchRecord(record({ ...OLEKSANDR.cyrillic, sourceId: 'a-2' }));
    const m = await r.persons.matchRecord(record({ ...OLEKSANDR.latin }));
    expect(m.outcome).toBe('linked');
    expect(m.personId).toBe(first.personId);
    expect(m.probability).toBeGreaterThanOrEqual(r.persons.thresholds.autoLink);
    const linked = (await recordsOf(m.personId)).find((x) => x.id === m.recordId)!;
    expect(linked).toMatchObject({ linkedBy: 'auto' });
    const row = await sql<{
      explanation: { score: { fields: { field: string; level: string }[] } };
    }>`
      select explanation from person_records where id = ${m.recordId}`.execute(r.db.db);
    expect(row.rows[0]!.explanation.score.fields).toContainEqual(
      expect.objectContaining({ field: 'surname', level: 'transliteration-equal' }),
    );
  });

  it('links a record quoting the same document by the deterministic rule, whatever the spelling', async () => {
    const m = await r.persons.matchRecord(
      record({
        sourceKind: 'held-document',
        givenNames: 'Aleksandr',
        surname: 'Kovalenko',
        dateOfBirth: '1990-03-12',
        nationality: 'UKR',
        documentNumber: 'fx 123456',
      }),
    );
    expect(m.outcome).toBe('rule');
    const firstOwner = await r.persons.getPerson(m.personId, officer, 'test');
    expect(firstOwner.documents.map((d) => d.number)).toEqual(['FX123456']);
    expect(firstOwner.records.find((x) => x.id === m.recordId)!.linkedBy).toBe('rule');
  });

  it('never links a namesake born years apart, and does not ask about him', async () => {
    const m = await r.persons.matchRecord(record({ ...OLEKSANDR.namesake }));
    expect(m.outcome).toBe('new');
    expect(m.reviewId).toBeUndefined();
    expect((await recordsOf(m.personId)).map((x) => x.id)).toEqual([m.recordId]);
  });

  it('does not link a record quoting a known passport with another date of birth, but asks', async () => {
    const owner = await r.persons.matchRecord(
      record({
        ...OLEKSANDR.latin,
        givenNames: 'Taras',
        surname: 'Koval',
        documentNumber: 'MK0519273',
      }),
    );
    const m = await r.persons.matchRecord(
      record({
        givenNames: 'Taras',
        surname: 'Koval',
        dateOfBirth: '1961-10-10',
        documentNumber: 'MK0519273',
      }),
    );
    expect(m.outcome).toBe('review');
    expect(m.personId).not.toBe(owner.personId);
    const review = await r.persons.getReview(m.reviewId!, officer);
    expect(review.score).toMatchObject({ rule: 'same-document', veto: 'date-of-birth-differs' });
    expect(review.candidate.id).toBe(owner.personId);
  });

  it('joins the person of a record known to be the same person, unscored', async () => {
    const app = record({ givenNames: 'Olena', surname: 'Moroz', dateOfBirth: '1994-02-14' });
    const applied = await r.persons.matchRecord(app);
    const issued = await r.persons.matchRecord(
      record({
        sourceKind: 'held-document',
        givenNames: 'Olena',
        surname: 'Moroz',
        documentNumber: 'LT5550001',
        documentState: 'LTU',
        samePersonAs: { sourceKind: 'application', sourceId: app.sourceId },
      }),
    );
    expect(issued).toMatchObject({ outcome: 'rule', personId: applied.personId, probability: 1 });
    // Unknown there, the record is matched as any other.
    const unknown = await r.persons.matchRecord(
      record({
        givenNames: 'Olena',
        surname: 'Moroz',
        dateOfBirth: '1994-02-14',
        samePersonAs: { sourceKind: 'application', sourceId: 'never-matched' },
      }),
    );
    expect(unknown).toMatchObject({ outcome: 'linked', personId: applied.personId });
  });

  it('gives a person with nothing in common a new person without candidates', async () => {
    const m = await r.persons.matchRecord(
      record({ givenNames: 'Giorgi', surname: 'Beridze', dateOfBirth: '1995-01-15', sex: 'M' }),
    );
    expect(m).toMatchObject({ outcome: 'new', probability: null });
  });

  it('answers the same for the same source matched again (a retried submission)', async () => {
    const input = record({ givenNames: 'Nino', surname: 'Kapanadze', dateOfBirth: '1993-04-04' });
    const first = await r.persons.matchRecord(input);
    const again = await r.persons.matchRecord({ ...input, givenNames: 'Other' });
    expect(again).toEqual(first);
  });

  it('refuses a record it cannot match, with a stable code', async () => {
    expect(await codeOf(r.persons.matchRecord(record({ surname: ' ' })))).toBe(
      'PERSONS_RECORD_INVALID',
    );
    expect(
      await codeOf(r.persons.matchRecord(record({ surname: 'X', dateOfBirth: '12.03.1990' }))),
    ).toBe('PERSONS_RECORD_INVALID');
  });

  it('files the record under its blocking keys and records the match in the audit log', async () => {
    const m = await r.persons.matchRecord(
      record({ givenNames: 'Ivan', surname: 'Petrenko', dateOfBirth: '1980-01-02' }),
    );
    const keys = await sql<{ key: string }>`
      select key from person_keys where person_record_id = ${m.recordId}`.execute(r.db.db);
    expect(keys.rows.length).toBeGreaterThan(2);
    const entries = await r.audit.entriesFor({ kind: 'person', id: m.personId });
    expect(entries.map((e) => e.action)).toContain('persons.record-matched');
  });
});

describe('the grey band', () => {
  it('gives the record a provisional person and opens a review against the candidate', async () => {
    const a = await r.persons.matchRecord(
      record({ ...OLEKSANDR.cyrillic, givenNames: 'Володимир', surname: 'Ткаченко' }),
    );
    const b = await r.persons.matchRecord(
      record({
        ...OLEKSANDR.lithuanian,
        givenNames: 'Vladimiras',
        surname: 'Tkačenka',
        sourceKind: 'registry',
      }),
    );
    expect(b.outcome).toBe('review');
    expect(b.personId).not.toBe(a.personId);
    expect(b.probability).toBeGreaterThanOrEqual(r.persons.thresholds.review);
    expect(b.probability).toBeLessThan(r.persons.thresholds.autoLink);
    const open = await r.persons.openReviews();
    expect(open.find((v) => v.id === b.reviewId)).toMatchObject({
      recordPerson: { id: b.personId },
      candidate: { id: a.personId },
    });
  });
});
