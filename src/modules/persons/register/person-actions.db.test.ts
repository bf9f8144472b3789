import { sql } from 'kysely';
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
 * Merge and split (issue 7): actions with who, when and why, reversible and audited; a merge
 * moves nothing, so nothing is lost, and the survivor shows both histories.
 */
let r: RegisterUnderTest;
beforeAll(async () => {
  r = await registerUnderTest(MIGRATIONS_DIR);
});
afterAll(async () => {
  await r?.db.close();
});

const tick = () => r.clock.advance(60_000);
/** A person of two records from two sources (linked by their shared document). */
async function personOfTwo(surname: string, dateOfBirth: string) {
  const one = await r.persons.matchRecord(
    record({ givenNames: 'Anna', surname, dateOfBirth, documentNumber: `${surname}-1` }),
  );
  const two = await r.persons.matchRecord(
    record({
      sourceKind: 'registry',
      givenNames: 'Ana',
      surname,
      dateOfBirth,
      documentNumber: `${surname}-1`,
    }),
  );
  expect(two.personId).toBe(one.personId);
  return {
    personId: one.personId,
    number: one.personNumber,
    records: [one.recordId, two.recordId],
  };
}
const view = (id: string) => r.persons.getPerson(id, officer, 'test');
const auditActions = async (personId: string) =>
  (await r.audit.entriesFor({ kind: 'person', id: personId })).map((e) => e.action);

describe('merge', () => {
  it('shows both histories on the survivor, leads the merged number there, and undoes', async () => {
    const a = await personOfTwo('Bondarenko', '1981-02-03');
    tick();
    const b = await personOfTwo('Melnyk', '1979-11-30');
    tick();
    const merge = await r.persons.merge(a.personId, b.number, officer, 'Same passport photo');
    expect(merge).toMatchObject({
      kind: 'merge',
      personId: a.personId,
      otherPersonId: b.personId,
      actorId: officer.accountId,
      reason: 'Same passport photo',
      undoable: true,
      undoneBy: null,
    });
    const survivor = await view(a.personId);
    expect(survivor.records.map((x) => x.id).sort()).toEqual([...a.records, ...b.records].sort());
    expect(survivor.records.find((x) => x.id === b.records[0])!.ownerPersonNumber).toBe(b.number);
    expect(survivor.mergedPersons).toEqual([{ id: b.personId, number: b.number }]);
    expect(survivor.names.map((n) => n.surname)).toEqual([
      'Bondarenko',
      'Bondarenko',
      'Melnyk',
      'Melnyk',
    ]);
    expect(survivor.actions[0]).toMatchObject({ kind: 'merge', id: merge.id });
    const merged = await view(b.number);
    expect(merged).toMatchObject({
      status: 'merged',
      mergedInto: { id: a.personId, number: a.number },
    });

    tick();
    const undo = await r.persons.undo(merge.id, teamLead, 'Different people after all');
    expect(undo).toMatchObject({ kind: 'undo', undoes: merge.id, actorId: teamLead.accountId });
    expect((await view(b.personId)).status).toBe('active');
    const after = await view(a.personId);
    expect(after.records.map((x) => x.id).sort()).toEqual([...a.records].sort());
    expect(after.mergedPersons).toEqual([]);
    // The history keeps both, newest first; the merge is marked undone and no longer undoable.
    expect(after.actions.map((x) => x.kind)).toEqual(['undo', 'merge']);
    expect(after.actions[1]).toMatchObject({ undoneBy: undo.id, undoable: false });
    expect(await auditActions(a.personId)).toEqual(
      expect.arrayContaining(['persons.merged', 'persons.action-undone', 'personal-data.read']),
    );
    expect(await codeOf(r.persons.undo(merge.id, officer, 'again'))).toBe(
      'PERSONS_UNDO_NOT_ALLOWED',
    );
    expect(await codeOf(r.persons.undo(undo.id, officer, 'redo'))).toBe('PERSONS_UNDO_NOT_ALLOWED');
  });

  it('refuses merging a person with itself, a merged person, or without a reason', async () => {
    const a = await personOfTwo('Shevchuk', '1990-01-01');
    const b = await personOfTwo('Tkachenko', '1991-01-01');
    const c = await personOfTwo('Kravets', '1992-01-01');
    expect(await codeOf(r.persons.merge(a.personId, a.number, officer, 'x'))).toBe(
      'PERSONS_MERGE_SAME',
    );
    expect(await codeOf(r.persons.merge(a.personId, b.personId, officer, '  '))).toBe(
      'PERSONS_REASON_REQUIRED',
    );
    await r.persons.merge(a.personId, b.personId, officer, 'same');
    expect(await codeOf(r.persons.merge(c.personId, b.personId, officer, 'x'))).toBe(
      'PERSONS_MERGE_INACTIVE',
    );
    expect(await codeOf(r.persons.merge(b.personId, c.personId, officer, 'x'))).toBe(
      'PERSONS_MERGE_INACTIVE',
    );
    expect(await codeOf(r.persons.merge(a.personId, 'P-0000-0000-1', officer, 'x'))).toBe(
      'PERSONS_NOT_FOUND',
    );
  });

  it('is for officers and team leads: the contact centre reads but does not merge', async () => {
    const a = await personOfTwo('Lysenko', '1970-07-07');
    const b = await personOfTwo('Marchenko', '1971-07-07');
    expect(await codeOf(r.persons.merge(a.personId, b.personId, callCentre, 'x'))).toBe(
      'FORBIDDEN',
    );
    expect((await r.persons.getPerson(a.number, callCentre, 'call-centre-enquiry')).id).toBe(
      a.personId,
    );
  });
});

describe('split', () => {
  it('moves chosen records to a new person, and undo brings them back', async () => {
    const a = await personOfTwo('Savchenko', '1985-05-05');
    const third = await r.persons.matchRecord(
      record({
        sourceKind: 'import',
        givenNames: 'Anna',
        surname: 'Savchenko',
        dateOfBirth: '1985-05-05',
        documentNumber: 'Savchenko-1',
      }),
    );
    tick();
    const { personId, action } = await r.persons.split(
      a.number,
      [third.recordId],
      officer,
      'Another woman used the passport',
    );
    expect(personId).not.toBe(a.personId);
    expect(action).toMatchObject({ kind: 'split', personId: a.personId, otherPersonId: personId });
    expect((await view(personId)).records.map((x) => x.id)).toEqual([third.recordId]);
    expect((await view(a.personId)).records.map((x) => x.id).sort()).toEqual([...a.records].sort());
    expect((await view(personId)).records[0]!.ownerPersonNumber).toBe(a.number);

    tick();
    await r.persons.undo(action.id, officer, 'Split in error');
    const back = await view(a.personId);
    expect(back.records.map((x) => x.id).sort()).toEqual([...a.records, third.recordId].sort());
    // The split's person keeps its number, which now leads back to the person it came from.
    expect(await view(personId)).toMatchObject({
      status: 'merged',
      mergedInto: { id: a.personId },
    });
    expect(await auditActions(a.personId)).toEqual(
      expect.arrayContaining(['persons.split', 'persons.action-undone']),
    );
  });

  it('splits a record that came in by a merge back out of the survivor', async () => {
    const a = await personOfTwo('Rudenko', '1960-06-06');
    const b = await personOfTwo('Moroz', '1961-06-06');
    await r.persons.merge(a.personId, b.personId, officer, 'same');
    const { personId, action } = await r.persons.split(a.personId, [b.records[0]!], officer, 'no');
    await r.persons.undo(action.id, officer, 'yes');
    // Undone, the record goes back to the merged person it came from, not to the survivor.
    const rows = await sql<{ person_id: string }>`
      select person_id from person_records where id = ${b.records[0]!}`.execute(r.db.db);
    expect(rows.rows[0]!.person_id).toBe(b.personId);
    expect((await view(personId)).status).toBe('merged');
  });

  it("refuses an empty choice, all records, another person's record, a merged person", async () => {
    const a = await personOfTwo('Kovalchuk', '1975-03-03');
    const b = await personOfTwo('Oliinyk', '1976-03-03');
    expect(await codeOf(r.persons.split(a.personId, [], officer, 'x'))).toBe(
      'PERSONS_SPLIT_INVALID',
    );
    expect(await codeOf(r.persons.split(a.personId, a.records, officer, 'x'))).toBe(
      'PERSONS_SPLIT_INVALID',
    );
    expect(await codeOf(r.persons.split(a.personId, [b.records[0]!], officer, 'x'))).toBe(
      'PERSONS_SPLIT_INVALID',
    );
    await r.persons.merge(a.personId, b.personId, officer, 'same');
    expect(await codeOf(r.persons.split(b.personId, [b.records[0]!], officer, 'x'))).toBe(
      'PERSONS_SPLIT_INVALID',
    );
    expect(await codeOf(r.persons.split(a.personId, [b.records[0]!], officer, ''))).toBe(
      'PERSONS_REASON_REQUIRED',
    );
  });

  it('cannot be undone once its records moved on, until that is undone', async () => {
    const a = await personOfTwo('Polishchuk', '1988-08-08');
    const third = await r.persons.matchRecord(
      record({
        sourceKind: 'import',
        givenNames: 'Anna',
        surname: 'Polishchuk',
        dateOfBirth: '1988-08-08',
        documentNumber: 'Polishchuk-1',
      }),
    );
    const first = await r.persons.split(a.personId, [a.records[1]!, third.recordId], officer, 'x');
    const second = await r.persons.split(first.personId, [third.recordId], officer, 'y');
    const undoable = async () =>
      (await view(a.personId)).actions.find((x) => x.id === first.action.id)!.undoable;
    expect(await undoable()).toBe(false);
    expect(await codeOf(r.persons.undo(first.action.id, officer, 'back'))).toBe(
      'PERSONS_UNDO_NOT_ALLOWED',
    );
    await r.persons.undo(second.action.id, officer, 'back');
    expect(await undoable()).toBe(true);
    await r.persons.undo(first.action.id, officer, 'back');
    expect((await view(a.personId)).records).toHaveLength(3);
  });
});

describe('reading a person', () => {
  it('is audited with its purpose, by number or id; a bad number says so', async () => {
    const a = await personOfTwo('Hrytsenko', '1999-09-09');
    await r.persons.getPerson(
      a.number.toLowerCase().replace(/-/g, ' '),
      callCentre,
      'call-centre-enquiry',
    );
    const reads = (await r.audit.entriesFor({ kind: 'person', id: a.personId })).filter(
      (e) => e.action === 'personal-data.read',
    );
    expect(reads[0]).toMatchObject({
      purpose: 'call-centre-enquiry',
      actor_id: callCentre.accountId,
    });
    expect(await codeOf(r.persons.getPerson('P-1234-5678-0', officer, 'x'))).toMatch(
      /PERSONS_NOT_FOUND/,
    );
    expect(await codeOf(r.persons.getPerson('no such', officer, 'x'))).toBe('PERSONS_NOT_FOUND');
    expect(await codeOf(r.persons.getPerson(a.personId, { kind: 'anonymous' }, 'x'))).toBe(
      'FORBIDDEN',
    );
  });
});

describe('the history of actions', () => {
  it('is append-only: the database refuses to change or delete an action', async () => {
    const a = await personOfTwo('Zinchenko', '1966-06-16');
    const b = await personOfTwo('Karpenko', '1967-06-16');
    const m = await r.persons.merge(a.personId, b.personId, officer, 'same');
    await expect(
      r.db.executeSql(`update person_actions set reason = 'edited' where id = '${m.id}'`),
    ).rejects.toThrow(/append-only/);
    await expect(
      r.db.executeSql(`delete from person_actions where id = '${m.id}'`),
    ).rejects.toThrow(/append-only/);
  });
});
