import { describe, expect, it } from 'vitest';
import {
  nameKey,
  normaliseDocumentNumber,
  normaliseName,
  searchKeysFor,
} from './contact-centre.keys';

describe('contact centre search keys', () => {
  it('folds case, diacritics and a few Latin letters, keeps letters of other scripts', () => {
    expect(normaliseName('  ŽEMAITĖ-Šarūnienė ')).toBe('zemaite saruniene');
    expect(normaliseName('Søren Łukasz O’Brien')).toBe('soren lukasz obrien');
    expect(normaliseName('Straße')).toBe('strasse');
    expect(normaliseName('Шевченко')).toBe('шевченко');
  });

  it('document numbers lose spaces and dashes', () => {
    expect(normaliseDocumentNumber('ab 123-456.7')).toBe('AB1234567');
  });

  it('an application gives its reference, three name keys and its document numbers', () => {
    const keys = searchKeysFor({
      reference: 'vrt-2026-0000001-3',
      answers: {
        surname: 'Kovalenko',
        'given-names': 'Olena',
        'date-of-birth': '1990-04-12',
        'document-number': 'FE 123456',
      },
    });
    expect(keys).toEqual([
      { kind: 'reference', key: 'VRT-2026-0000001-3' },
      { kind: 'name', key: '1990-04-12|kovalenko' },
      { kind: 'name', key: '1990-04-12|olena kovalenko' },
      { kind: 'name', key: '1990-04-12|kovalenko olena' },
      { kind: 'document', key: 'FE123456' },
    ]);
    expect(nameKey('1990-04-12', 'OLENA  Kovalenko')).toBe('1990-04-12|olena kovalenko');
  });

  it('no name key without a valid date of birth, nothing from missing answers', () => {
    expect(
      searchKeysFor({ answers: { surname: 'Kovalenko', 'date-of-birth': '12.04.1990' } }),
    ).toEqual([]);
    expect(searchKeysFor({})).toEqual([]);
  });
});
