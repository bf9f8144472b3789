import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR } from '../../../app/context';
import {
  callCentre,
  codeOf,
  officer,
  record,
  registerUnderTest,
  teamLead,
  type RegisterUnderTest,
} from './register.test-support';

/**
 * The review queue (issue 7): a grey-band match shown side by side with its explanation, decided
 * as link, merge or not the same person; each decision audited and undoable, and "not the same"
 * never asked again.
 */
let r: RegisterUnderTest;
beforeAll(async () => {
  r = await registerUnderTest(MIGRATIONS_DIR);
});
afterAll(async () => {
  await r?.db.close();
});

/**
 * A Ukrainian applicant (Cyrillic, with a passport) and a Lithuanian registry's record of him
 * (Lithuanianised names, day and month swapped): the grey band.
 */
async function greyPair(n: {
  given: string;
  surname: string;
  givenLt: string;
  surnameLt: string;
  passport: string;
}) {
  const a = await r.persons.matchRecord(
    record({
      givenNames: n.given,
      surname: n.surname,
      dateOfBirth: '1990-03-12',
      sex: 'M',
      nationality: 'UKR',
      documentNumber: n.passport,
    }),
  );
  r.clock.advance(60_000);
  const b = await r.persons.matchRecord(
    record({
      sourceKind: 'registry',
      givenNames: n.givenLt,
      surname: n.surnameLt,
      dateOfBirth: '1990-12-03',
      sex: 'M',
      nationality: 'UKR',
    }),
  );
  expect(b.outcome).toBe('review');
  r.clock.advance(60_000);
  return { a, b, reviewId: b.reviewId! };
}
const isOpen = async (id: string) => (await r.persons.openReviews()).some((v) => v.id === id);
const auditOf = async (kind: string, id: string) =>
  (await r.audit.entriesFor({ kind, id })).map((e) => e.action);

describe('a review', () => {
  it('shows both persons side by side with the explanation, and the reads are audited', async () => {
    const { a, b, reviewId } = await greyPair({
      given: 'Олександр',
      surname: 'Коваленко',
      givenLt: 'Aleksandras',
      surnameLt: 'Kovalenka',
      passport: 'FX482913',
    });
    const v = await r.persons.getReview(reviewId, officer);
    expect(v).toMatchObject({
      status: 'open',
      decision: null,
      record: { givenNames: 'Aleksandras', surname: 'Kovalenka', sourceKind: 'registry' },
      candidateRecord: { givenNames: 'Олександр', documentNumber: 'FX482913' },
      recordPerson: { id: b.personId, number: b.personNumber },
      candidate: { id: a.personId, number: a.personNumber },
    });
    expect(v.person.records.map((x) => x.id)).toEqual([b.recordId]);
    expect(v.candidatePerson.records.map((x) => x.id)).toEqual([a.recordId]);
    expect(v.score.fields.find((f) => f.field === 'date-of-birth')!.level).toBe(
      'swapped-day-month',
    );
    expect(v.probability).toBe(b.probability);
    expect(await auditOf('person-review', reviewId)).toContain('personal-data.read');
    for (const p of [a.personId, b.personId])
      expect(await auditOf('person', p)).toContain('personal-data.read');
    // The queue lists it, and reading the queue for someone is audited too.
    const queue = await r.persons.openReviews(officer);
    expect(queue.map((x) => x.id)).toContain(reviewId);
    expect(await auditOf('person-reviews', 'open')).toContain('personal-data.read');
  });

  it('merged: the survivor shows both histories; undone, the review is open again', async () => {
    const { a, b, reviewId } = await greyPair({
      given: 'Олександр',
      surname: 'Гнатюк',
      givenLt: 'Aleksandras',
      surnameLt: 'Hnatiukas',
      passport: 'KM730265',
    });
    const decided = await r.persons.decideReview(reviewId, 'merge', officer, 'Same photo');
    expect(decided.personId).toBe(a.personId);
    const survivor = await r.persons.getPerson(a.personId, officer, 'test');
    expect(survivor.records.map((x) => x.id)).toEqual([a.recordId, b.recordId]);
    expect(survivor.datesOfBirth.map((d) => d.value)).toEqual(['1990-03-12', '1990-12-03']);
    expect(survivor.mergedPersons).toEqual([{ id: b.personId, number: b.personNumber }]);
    expect(await isOpen(reviewId)).toBe(false);
    expect(await r.persons.getReview(reviewId, officer)).toMatchObject({
      status: 'decided',
      decision: 'merge',
      decidedBy: officer.accountId,
      reason: 'Same photo',
    });
    const merge = survivor.actions.find((x) => x.kind === 'merge')!;
    expect(merge.details).toMatchObject({ reviewId });

    await r.persons.undo(merge.id, teamLead, 'Two people');
    expect(await isOpen(reviewId)).toBe(true);
    expect((await r.persons.getPerson(b.personId, officer, 'test')).status).toBe('active');
    expect(await auditOf('person', a.personId)).toEqual(
      expect.arrayContaining(['persons.merged', 'persons.action-undone']),
    );
  });

  it('linked: the record moves to the candidate; its empty person leads there; undone, back', async () => {
    const { a, b, reviewId } = await greyPair({
      given: 'Володимир',
      surname: 'Мельник',
      givenLt: 'Vladimiras',
      surnameLt: 'Melnikas',
      passport: 'EH195847',
    });
    const decided = await r.persons.decideReview(reviewId, 'link', officer, 'Same person');
    expect(decided.personId).toBe(a.personId);
    const target = await r.persons.getPerson(a.personId, officer, 'test');
    const moved = target.records.find((x) => x.id === b.recordId)!;
    expect(moved).toMatchObject({ ownerPersonNumber: b.personNumber });
    const left = await r.persons.getPerson(b.personNumber, officer, 'test');
    expect(left).toMatchObject({ status: 'merged', mergedInto: { id: a.personId } });

    const link = target.actions.find((x) => x.kind === 'link')!;
    await r.persons.undo(link.id, officer, 'Wrong');
    expect(
      (await r.persons.getPerson(b.personId, officer, 'test')).records.map((x) => x.id),
    ).toEqual([b.recordId]);
    expect((await r.persons.getPerson(b.personId, officer, 'test')).status).toBe('active');
    expect(await isOpen(reviewId)).toBe(true);
    expect(await auditOf('person', a.personId)).toContain('persons.record-linked');
  });

  it('not the same person: never suggested again, until that is undone', async () => {
    const { a, b, reviewId } = await greyPair({
      given: 'Олексій',
      surname: 'Бондаренко',
      givenLt: 'Aleksejus',
      surnameLt: 'Bondarenka',
      passport: 'TT660321',
    });
    const decided = await r.persons.decideReview(reviewId, 'not-same', officer, 'Other father');
    expect(decided.personId).toBe(b.personId);
    expect(await isOpen(reviewId)).toBe(false);
    // Another record of A (same passport) links to A; it scores in the grey band with B, but
    // the officer said A and B are not the same: nothing is asked.
    const again = await r.persons.matchRecord(
      record({
        sourceKind: 'held-document',
        givenNames: 'Oleksii',
        surname: 'Bondarenko',
        dateOfBirth: '1990-03-12',
        sex: 'M',
        nationality: 'UKR',
        documentNumber: 'TT660321',
      }),
    );
    expect(again).toMatchObject({ outcome: 'rule', personId: a.personId });
    expect(again.reviewId).toBeUndefined();
    const open = await r.persons.openReviews();
    expect(open.filter((v) => [a.personId, b.personId].includes(v.candidate.id))).toEqual([]);

    const person = await r.persons.getPerson(b.personId, officer, 'test');
    const notSame = person.actions.find((x) => x.kind === 'not-same')!;
    await r.persons.undo(notSame.id, officer, 'Reconsidered');
    expect(await isOpen(reviewId)).toBe(true);
    expect(await auditOf('person', b.personId)).toEqual(
      expect.arrayContaining(['persons.not-same', 'persons.action-undone']),
    );
  });

  it('refuses a second decision, an unknown review, no reason, and the contact centre', async () => {
    const { reviewId } = await greyPair({
      given: 'Олександр',
      surname: 'Бондар',
      givenLt: 'Aleksandras',
      surnameLt: 'Bondaras',
      passport: 'AB907154',
    });
    expect(await codeOf(r.persons.decideReview(reviewId, 'merge', officer, ''))).toBe(
      'PERSONS_REASON_REQUIRED',
    );
    expect(await codeOf(r.persons.getReview(reviewId, callCentre))).toBe('FORBIDDEN');
    expect(await codeOf(r.persons.decideReview(reviewId, 'merge', callCentre, 'x'))).toBe(
      'FORBIDDEN',
    );
    await r.persons.decideReview(reviewId, 'not-same', officer, 'no');
    expect(await codeOf(r.persons.decideReview(reviewId, 'merge', teamLead, 'yes'))).toBe(
      'PERSONS_REVIEW_DECIDED',
    );
    expect(await codeOf(r.persons.getReview('00000000-0000-4000-8000-000000000000', officer))).toBe(
      'PERSONS_REVIEW_NOT_FOUND',
    );
    expect(await codeOf(r.persons.getReview('nonsense', officer))).toBe('PERSONS_REVIEW_NOT_FOUND');
  });

  it('leaves the queue when its persons were merged another way', async () => {
    const { a, b, reviewId } = await greyPair({
      given: 'Олександр',
      surname: 'Лисенко',
      givenLt: 'Aleksandras',
      surnameLt: 'Lisenka',
      passport: 'FC338870',
    });
    const m = await r.persons.merge(a.personId, b.personId, officer, 'Seen at the desk');
    expect(await isOpen(reviewId)).toBe(false);
    expect(await codeOf(r.persons.decideReview(reviewId, 'link', officer, 'x'))).toBe(
      'PERSONS_REVIEW_DECIDED',
    );
    await r.persons.undo(m.id, officer, 'No');
    expect(await isOpen(reviewId)).toBe(true);
  });
});
