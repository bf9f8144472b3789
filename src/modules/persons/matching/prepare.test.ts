import { describe, expect, it } from 'vitest';
import { documentNumberKey, prepareName, prepareRecord, type NameCache } from './prepare';
import { spellingSkeleton } from './normalise';
import { transliterateLithuanian } from './transliterate';

const record = {
  recordId: 'r1',
  givenNames: 'Олександр Миколайович',
  surname: 'Коваленко',
  dateOfBirth: '1985-04-12',
  sex: 'M' as const,
  nationality: 'ukr',
  documentNumber: 'fe 123-456',
  placeOfBirth: 'Київ',
  source: 'application',
};

describe('records made ready for comparison', () => {
  it('keeps every Latin form of a Cyrillic name as stems and spelling skeletons', () => {
    const p = prepareRecord(record);
    expect(p.surname.exact).toBe('коваленко');
    expect(p.surname.stemKeys).toEqual(['kovalenk']);
    expect(p.givenNames.stemKeys).toContain('oleksandr');
    expect(p.givenNames.patronymics).toEqual(['mikolaiovich']);
    expect(p.givenNames.exact).toBe('олександр');
    expect(p.surname.phonetic[0]).toEqual([['578650']]);
  });

  it('codes the date of birth, the document key and the default issuing state', () => {
    const p = prepareRecord(record);
    expect(p.dateCode).toBe(19850412);
    expect(p.nationality).toBe('UKR');
    expect(p.documentNumber).toBe('FE123456');
    expect(p.documentState).toBe('UKR');
    expect(p.documentKey).toBe('UKR/FE123456');
    expect(prepareRecord({ ...record, documentState: 'pol' }).documentKey).toBe('POL/FE123456');
    expect(prepareRecord({ ...record, dateOfBirth: '1985' }).dateCode).toBe(19850000);
    expect(prepareRecord({ ...record, dateOfBirth: 'unknown' }).dateCode).toBe(0);
    expect(documentNumberKey(' - ')).toBeNull();
  });

  it('ignores name order, case, diacritics and Lithuanian endings', () => {
    const a = prepareName('Kovalenkienė Julija');
    const b = prepareName('JULIJA KOVALENKO');
    expect(a.stemKeys).toEqual(b.stemKeys);
    expect(a.exact).not.toBe(b.exact);
  });

  it('marks an empty name', () => {
    expect(prepareName(' - ').empty).toBe(true);
    expect(prepareName(null).empty).toBe(true);
  });

  it('prepares each distinct name once when given a cache', () => {
    const cache: NameCache = new Map();
    const a = prepareRecord(record, cache);
    const b = prepareRecord({ ...record, recordId: 'r2' }, cache);
    expect(a.surname).toBe(b.surname);
    expect(cache.size).toBe(3);
  });
});

describe('Lithuanian transliteration and spelling skeletons', () => {
  it.each([
    ['Юлія', 'julija'],
    ['Олександр', 'oleksandr'],
    ['Сергій', 'serhij'],
    ['Елена', 'jelena'],
    ['Наталья', 'natalja'],
    ['Щербаков', 'ščerbakov'],
    ['Хачатрян', 'chačatrian'],
  ])('%s is %s', (cyrillic, latin) => {
    expect(transliterateLithuanian(cyrillic)).toBe(latin);
  });

  it.each([
    ['yulii', 'julij', 'iuli'],
    ['hryhorii', 'grigorii', 'grigori'],
    ['shcherbakov', 'scerbakov', 'scerbakov'],
    ['aleksandr', 'alexandr', 'aleksandr'],
    ['kowalenk', 'kovalenk', 'kovalenk'],
  ])('%s and %s share the skeleton %s', (a, b, skeleton) => {
    expect(spellingSkeleton(a)).toBe(skeleton);
    expect(spellingSkeleton(b)).toBe(skeleton);
  });

  it('keeps different names apart', () => {
    expect(spellingSkeleton('petrov')).not.toBe(spellingSkeleton('ivanov'));
  });
});
