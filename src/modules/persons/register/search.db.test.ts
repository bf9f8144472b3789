import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR } from '../../../app/context';
import {
  OLEKSANDR,
  administrator,
  callCentre,
  codeOf,
  officer,
  record,
  registerUnderTest,
  type RegisterUnderTest,
} from './register.test-support';

/** Finding a person by any spelling (issue 7): the contact centre's and officers' search. */
let r: RegisterUnderTest;
let oleksandr: string;
let namesake: string;
let petro: string;
beforeAll(async () => {
  r = await registerUnderTest(MIGRATIONS_DIR);
  oleksandr = (await r.persons.matchRecord(record({ ...OLEKSANDR.cyrillic }))).personId;
  r.clock.advance(60_000);
  await r.persons.matchRecord(record({ ...OLEKSANDR.latin }));
  namesake = (await r.persons.matchRecord(record({ ...OLEKSANDR.namesake }))).personId;
  petro = (
    await r.persons.matchRecord(
      record({ givenNames: 'Petro', surname: 'Kovalenko', dateOfBirth: '2001-08-30', sex: 'M' }),
    )
  ).personId;
  await r.persons.matchRecord(
    record({ givenNames: 'Jonas', surname: 'Jonaitis', dateOfBirth: '1990-03-12' }),
  );
});
afterAll(async () => {
  await r?.db.close();
});

const ids = async (name: string, dateOfBirth?: string) =>
  (
    await r.persons.search(
      { name, ...(dateOfBirth ? { dateOfBirth } : {}) },
      callCentre,
      'call-centre-enquiry',
    )
  ).map((p) => p.id);

describe('search', () => {
  it('finds the same persons whatever the script or spelling of the surname', async () => {
    const expected = [oleksandr, namesake, petro].sort();
    for (const name of ['Kovalenko', 'Коваленко', 'Kowalenko', 'Kovalenka', 'KOVALENKO'])
      expect((await ids(name)).sort(), name).toEqual(expected);
  });

  it('ranks the persons whose names agree best first', async () => {
    const found = await ids('Oleksandr Kovalenko');
    expect(found.slice(0, 2).sort()).toEqual([oleksandr, namesake].sort());
    expect(found.at(-1)).toBe(petro);
    expect((await ids('Петро Коваленко'))[0]).toBe(petro);
  });

  it('narrows by date of birth, also recorded with day and month swapped', async () => {
    expect(await ids('Kovalenko', '1990-03-12')).toEqual([oleksandr]);
    expect(await ids('Kovalenko', '1990-12-03')).toEqual([oleksandr]);
    expect(await ids('Kovalenko', '1972-05-02')).toEqual([namesake]);
    expect(await ids('Kovalenko', '1950-01-01')).toEqual([]);
  });

  it('shows names in every script, dates of birth and nationalities', async () => {
    const [hit] = await r.persons.search(
      { name: 'Коваленко', dateOfBirth: '1990-03-12' },
      officer,
      'identity-management',
    );
    expect(hit!.names.map((n) => `${n.givenNames} ${n.surname}`)).toEqual([
      'Олександр Коваленко',
      'Oleksandr Kovalenko',
    ]);
    expect(hit!.datesOfBirth).toEqual(['1990-03-12']);
    expect(hit!.nationalities).toEqual(['UKR']);
  });

  it('finds a person by number', async () => {
    const p = await r.persons.getPerson(oleksandr, officer, 'test');
    expect(await ids(p.number.replace(/-/g, ''))).toEqual([oleksandr]);
    expect(await codeOf(ids('P-0000-0001-0'))).toBe(
      p.number === 'P-0000-0001-0' ? 'none' : 'PERSONS_NUMBER_INVALID',
    );
  });

  it('asks for 2 letters at least, and is not open to administrators', async () => {
    expect(await codeOf(ids('K'))).toBe('PERSONS_SEARCH_TOO_SHORT');
    expect(await codeOf(ids(' 1 . '))).toBe('PERSONS_SEARCH_TOO_SHORT');
    expect(await codeOf(r.persons.search({ name: 'Kovalenko' }, administrator, 'x'))).toBe(
      'FORBIDDEN',
    );
  });

  it('audits every search with its purpose and the persons shown, not what was typed', async () => {
    await ids('Kovalenko', '1972-05-02');
    const [entry] = await r.audit.entriesFor({
      kind: 'person-search',
      id: 'name-and-date-of-birth',
    });
    expect(entry).toMatchObject({ purpose: 'call-centre-enquiry', actor_id: callCentre.accountId });
    expect(entry!.details).toMatchObject({ persons: [namesake] });
    expect(JSON.stringify(entry)).not.toContain('Kovalenko');
  });
});
