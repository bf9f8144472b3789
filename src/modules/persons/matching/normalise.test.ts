import { describe, expect, it } from 'vitest';
import {
  isPatronymic,
  lithuanianStem,
  nameKeys,
  plainName,
  transliterationEqual,
} from './normalise';
import { latinForms, transliterate } from './transliterate';

describe('Cyrillic to Latin', () => {
  it.each([
    ['Олександр', 'icao-9303', 'oleksandr'],
    ['Юлія', 'icao-9303', 'iuliia'],
    ['Юлія', 'ukrainian-2010', 'yuliia'],
    ['Євген', 'ukrainian-2010', 'yevhen'],
    ['Євген', 'icao-9303', 'ievgen'],
    ['Згурський', 'ukrainian-2010', 'zghurskyi'],
    ['Щербаков', 'icao-9303', 'shcherbakov'],
    ['Фёдор', 'bgn-pcgn', 'fyodor'],
    ['Фёдор', 'icao-9303', 'fedor'],
    ['Сергей', 'bgn-pcgn', 'sergey'],
    ['Сергей', 'icao-9303', 'sergei'],
    ['Елена', 'bgn-pcgn', 'yelena'],
    ['Наталья', 'russian-passport-1997', 'natalya'],
    ['Наталья', 'icao-9303', 'natalia'],
    ['Подъячев', 'icao-9303', 'podieiachev'],
    ["Мар'яна", 'ukrainian-2010', 'mariana'],
  ] as const)('%s by %s is %s', (cyrillic, system, latin) => {
    expect(transliterate(cyrillic, system)).toBe(latin);
  });

  it('gives every distinct form of a Cyrillic name, and a Latin name as it is', () => {
    expect(latinForms('Юлія').sort()).toEqual(['iuliia', 'yuliia', 'yuliya']);
    expect(latinForms('Kovalenko')).toEqual(['kovalenko']);
  });
});

describe('names as matching compares them', () => {
  it('drops case, diacritics, hyphens and apostrophes', () => {
    expect(plainName('  Žemaitė-Šliūpienė ')).toBe('zemaite sliupiene');
    expect(plainName("O'Brien")).toBe('obrien');
  });

  it.each([
    ['Aleksandras', 'aleksandr'],
    ['Kovalenka', 'kovalenk'],
    ['Kovalenko', 'kovalenk'],
    ['Kovalenkienė', 'kovalenk'],
    ['Kovalenkaitė', 'kovalenk'],
    ['Jonas', 'jon'],
    ['Ona', 'ona'],
    ['Petraitis', 'petrait'],
  ])('the stem of %s is %s', (name, stem) => {
    expect(lithuanianStem(name)).toBe(stem);
  });

  it('sets patronymics apart', () => {
    expect(isPatronymic('Ivanovich')).toBe(true);
    expect(isPatronymic('Petrivna')).toBe(true);
    expect(isPatronymic('Ivan')).toBe(false);
    expect(nameKeys('Sergei Ivanovich', 'Petrov')[0]).toMatchObject({
      tokens: ['petrov', 'sergei'],
      patronymics: ['ivanovich'],
    });
  });

  it('finds the same name across scripts, systems, order and Lithuanian endings', () => {
    const original = { givenNames: 'Юлія', surname: 'Коваленко' };
    for (const other of [
      { givenNames: 'Yuliia', surname: 'Kovalenko' },
      { givenNames: 'IULIIA', surname: 'KOVALENKO' },
      { givenNames: 'Kovalenko', surname: 'Yuliia' },
      { givenNames: 'Yuliia', surname: 'Kovalenkienė' },
    ])
      expect(transliterationEqual(original, other), JSON.stringify(other)).toBe(true);
    expect(transliterationEqual(original, { givenNames: 'Yulia', surname: 'Kovalenko' })).toBe(
      false,
    );
    expect(transliterationEqual(original, { givenNames: 'Yuliia', surname: 'Kovalchuk' })).toBe(
      false,
    );
  });
});
