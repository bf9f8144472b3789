import { describe, expect, it } from 'vitest';
import { compareNames, comparePair, oneCharacterApart } from './compare';
import { compareDateCodes, compareDates, DATE_LEVELS, dateCode } from './dates';
import { prepareName, prepareRecord } from './prepare';
import {
  DOCUMENT_LEVELS,
  MATCH_FIELDS,
  NAME_LEVELS,
  SIMPLE_LEVELS,
  type IdentityRecord,
} from './types';

const nameLevel = (a: string, b: string) =>
  NAME_LEVELS[compareNames(prepareName(a), prepareName(b))];

const base: IdentityRecord = {
  recordId: 'a',
  givenNames: 'Oleksandr',
  surname: 'Kovalenko',
  dateOfBirth: '1985-04-12',
  sex: 'M',
  nationality: 'UKR',
  documentNumber: 'FE123456',
  placeOfBirth: 'Kyiv',
  source: null,
};

function levels(a: Partial<IdentityRecord>, b: Partial<IdentityRecord>): Record<string, string> {
  const v = comparePair(prepareRecord({ ...base, ...a }), prepareRecord({ ...base, ...b }));
  const levelLists = [
    NAME_LEVELS,
    NAME_LEVELS,
    DATE_LEVELS,
    SIMPLE_LEVELS,
    SIMPLE_LEVELS,
    DOCUMENT_LEVELS,
    SIMPLE_LEVELS,
  ];
  return Object.fromEntries(MATCH_FIELDS.map((f, i) => [f, levelLists[i]![v[i]!]!]));
}

describe('names compared at graded levels', () => {
  it('finds the Kovalenko of the issue in every spelling', () => {
    const spellings = ['Коваленко', 'Kovalenko', 'KOVALENKO', 'Kovalenka', 'Kowalenko'];
    for (const a of spellings)
      for (const b of spellings)
        expect(['exact', 'transliteration-equal'], `${a} ${b}`).toContain(nameLevel(a, b));
    const given = ['Олександр', 'Oleksandr', 'Aleksandr', 'Aleksandras', 'Alexandr'];
    for (const a of given)
      for (const b of given)
        expect(
          ['exact', 'transliteration-equal', 'jaro-winkler-0.95', 'jaro-winkler-0.88'],
          `${a} ${b}`,
        ).toContain(nameLevel(a, b));
  });

  it.each([
    ['Kovalenko', 'Kovalenko', 'exact'],
    ['Коваленко', 'Kovalenko', 'transliteration-equal'],
    ['Юлія', 'Julija', 'transliteration-equal'],
    ['Юлия', 'Yulia', 'transliteration-equal'],
    ['Григорій', 'Grigorii', 'transliteration-equal'],
    ['Kovalenko', 'Kovalemko', 'jaro-winkler-0.95'],
    ['Shevchenko', 'Shevchnko', 'jaro-winkler-0.95'],
    ['Oleksandr', 'Aleksandr', 'jaro-winkler-0.88'],
    ['Anna Maria', 'Anna', 'jaro-winkler-0.88'],
    ['Catherine', 'Kathryn', 'phonetic'],
    ['Kovalenko', 'Petrenko', 'different'],
    ['Kovalenko', '', 'missing'],
  ])('%s and %s: %s', (a, b, level) => {
    expect(nameLevel(a, b)).toBe(level);
  });
});

describe('records compared field by field', () => {
  it('compares each field', () => {
    expect(levels({}, {})).toEqual({
      surname: 'exact',
      'given-names': 'exact',
      'date-of-birth': 'exact',
      sex: 'exact',
      nationality: 'exact',
      document: 'exact',
      'place-of-birth': 'exact',
    });
    expect(
      levels(
        {},
        {
          dateOfBirth: '1985-12-04',
          sex: null,
          nationality: 'POL',
          documentNumber: 'FE123465',
          placeOfBirth: 'Київ',
        },
      ),
    ).toMatchObject({
      'date-of-birth': 'swapped-day-month',
      sex: 'missing',
      nationality: 'different',
      document: 'different',
      'place-of-birth': 'exact',
    });
    expect(levels({}, { documentNumber: 'FE123465' }).document).toBe('one-character');
    expect(
      levels({}, { documentNumber: 'FE 123 456', documentState: null, nationality: null }).document,
    ).toBe('exact');
    expect(levels({}, { documentNumber: null }).document).toBe('missing');
  });

  it('ignores name order when the names agree better the other way round', () => {
    expect(levels({}, { givenNames: 'Kovalenko', surname: 'Oleksandr' })).toMatchObject({
      surname: 'exact',
      'given-names': 'exact',
    });
  });
});

describe('one character apart', () => {
  it.each([
    ['AB123', 'AB124', true],
    ['AB123', 'AB1234', true],
    ['AB123', 'AB213', true],
    ['AB123', 'AB123', false],
    ['AB123', 'AB321', false],
    ['AB123', 'XB124', false],
  ])('%s and %s: %s', (a, b, expected) => {
    expect(oneCharacterApart(a, b)).toBe(expected);
    expect(oneCharacterApart(b, a)).toBe(expected);
  });
});

describe('date codes', () => {
  it('compare as compareDates compares the dates', () => {
    const dates = [
      '1990-03-07',
      '1990-07-03',
      '1990-03-01',
      '1980-03-07',
      '1990-11-21',
      '1990',
      '1989',
      '1991-04-08',
      '1990-03-03',
      null,
      'x',
    ];
    for (const a of dates)
      for (const b of dates)
        expect(DATE_LEVELS[compareDateCodes(dateCode(a), dateCode(b))], `${a} ${b}`).toBe(
          compareDates(a, b),
        );
  });
});
