import { describe, expect, it } from 'vitest';
import { blockingKeys, surnameSearchKeys } from './blocking';
import { prepareRecord } from './prepare';
import type { IdentityRecord } from './types';

const base: IdentityRecord = {
  recordId: 'a',
  givenNames: 'Олександр',
  surname: 'Коваленко',
  dateOfBirth: '1985-04-12',
  sex: 'M',
  nationality: 'UKR',
  documentNumber: 'FE123456',
  placeOfBirth: null,
  source: null,
};
const keys = (r: Partial<IdentityRecord>) =>
  new Set(blockingKeys(prepareRecord({ ...base, ...r })));
const shared = (a: Set<string>, b: Set<string>) => [...a].filter((k) => b.has(k));

describe('blocking keys', () => {
  it('files every spelling of a surname under a shared search key', () => {
    const search = new Set(surnameSearchKeys('Коваленко'));
    for (const s of ['Kovalenko', 'Kovalenka', 'Kowalenko', 'Kovalenco'])
      expect(shared(search, new Set(surnameSearchKeys(s))).length, s).toBeGreaterThan(0);
    expect(shared(search, new Set(surnameSearchKeys('Petrenko')))).toEqual([]);
  });

  it('includes the surname search keys, the document and names with the date of birth', () => {
    const k = keys({});
    for (const s of surnameSearchKeys('Коваленко')) expect(k.has(s)).toBe(true);
    expect(k.has('d:FE123456')).toBe(true);
    expect(k.has('sy:578650:1985')).toBe(true);
    expect([...k].some((x) => x.startsWith('gd:') && x.endsWith(':19850412'))).toBe(true);
  });

  it('still shares a key when the surname changed, the date was mistyped or only the document agrees', () => {
    const a = keys({});
    expect(shared(a, keys({ surname: 'Petrenko', documentNumber: null })).length).toBeGreaterThan(
      0,
    );
    expect(
      shared(a, keys({ dateOfBirth: '1958-04-12', documentNumber: null })).length,
    ).toBeGreaterThan(0);
    expect(shared(a, keys({ givenNames: 'Ivan', surname: 'Petrenko', dateOfBirth: null }))).toEqual(
      ['d:FE123456'],
    );
    expect(
      shared(a, keys({ givenNames: 'Ivan', surname: 'Petrenko', documentNumber: null })),
    ).toEqual([]);
  });
});
