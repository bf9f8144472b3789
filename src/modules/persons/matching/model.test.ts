import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MODEL,
  DOCUMENT_ONE_CHARACTER_MAX_BITS,
  probabilityOf,
  scorePair,
  type TermFrequencies,
} from './model';
import { parseMatchModel } from './model-schema';
import { prepareRecord } from './prepare';
import { MATCH_FIELDS, type IdentityRecord } from './types';

const base: IdentityRecord = {
  recordId: 'a',
  givenNames: 'Олександр',
  surname: 'Коваленко',
  dateOfBirth: '1985-04-12',
  sex: 'M',
  nationality: 'UKR',
  documentNumber: null,
  placeOfBirth: null,
  source: null,
};
const score = (a: Partial<IdentityRecord>, b: Partial<IdentityRecord>, tf?: TermFrequencies) =>
  scorePair(DEFAULT_MODEL, prepareRecord({ ...base, ...a }), prepareRecord({ ...base, ...b }), tf);

describe('pairs scored', () => {
  it('links the Kovalenko of the issue in every spelling', () => {
    for (const [givenNames, surname] of [
      ['Oleksandr', 'Kovalenko'],
      ['Aleksandr', 'Kovalenko'],
      ['Aleksandras', 'Kovalenka'],
    ])
      expect(score({}, { givenNames, surname }).probability, givenNames).toBeGreaterThan(0.99);
  });

  it('explains the weight field by field, adding up to it', () => {
    const s = score({}, { givenNames: 'Aleksandr', surname: 'Kovalenko' });
    expect(s.fields.map((f) => f.field)).toEqual([...MATCH_FIELDS]);
    expect(s.fields[0]).toMatchObject({ field: 'surname', level: 'transliteration-equal' });
    expect(s.fields[1]).toMatchObject({ field: 'given-names', level: 'jaro-winkler-0.88' });
    const prior = Math.log2(DEFAULT_MODEL.lambda / (1 - DEFAULT_MODEL.lambda));
    expect(s.weight).toBeCloseTo(prior + s.fields.reduce((sum, f) => sum + f.weight, 0), 9);
    expect(s.probability).toBeCloseTo(probabilityOf(s.weight), 12);
    expect(s.fields.find((f) => f.level === 'missing')?.weight).toBe(0);
  });

  it('scores a date with day and month swapped well', () => {
    const s = score(
      {},
      { givenNames: 'Oleksandr', surname: 'Kovalenko', dateOfBirth: '1985-12-04' },
    );
    expect(s.fields[2]).toMatchObject({ level: 'swapped-day-month' });
    expect(s.fields[2]!.weight).toBeGreaterThan(3);
    expect(s.probability).toBeGreaterThan(0.9);
    expect(s.veto).toBeUndefined();
  });

  it('never links namesakes born ten years apart, even on the same document', () => {
    const s = score({}, { dateOfBirth: '1995-09-30' });
    expect(s.veto).toBe('date-of-birth-differs');
    expect(s.probability).toBe(0);
    const sameDocument = score(
      { documentNumber: 'FE1' },
      { documentNumber: 'FE1', dateOfBirth: '1995-09-30' },
    );
    expect(sameDocument).toMatchObject({
      rule: 'same-document',
      veto: 'date-of-birth-differs',
      probability: 0,
    });
  });

  it('vetoes a different sex', () => {
    expect(score({}, { sex: 'F' })).toMatchObject({ veto: 'sex-differs', probability: 0 });
  });

  it('links on the same document of the same state, unless neither name agrees at all', () => {
    const s = score(
      { documentNumber: 'FE 123456' },
      { documentNumber: 'FE123456', surname: 'Ivanenko' },
    );
    expect(s).toMatchObject({ rule: 'same-document', probability: 1 });
    expect(
      score({ documentNumber: 'FE1' }, { documentNumber: 'FE1', documentState: 'POL' }).rule,
    ).toBeUndefined();
    // Neither name agrees: a number typed into another person's record, not the same person.
    const typo = score(
      { documentNumber: 'FE123456' },
      { documentNumber: 'FE123456', givenNames: 'Petro', surname: 'Ivanenko' },
    );
    expect(typo.rule).toBeUndefined();
    expect(typo.probability).toBeLessThan(0.5);
  });

  it('lets a document one character apart support a pair, not carry it', () => {
    // Passports issued in series: FX100001 and FX100002 may be two persons.
    const series = score(
      { documentNumber: 'FX100001', givenNames: 'Petro', surname: 'Ivanenko' },
      { documentNumber: 'FX100002' },
    );
    const document = series.fields.find((f) => f.field === 'document')!;
    expect(document.level).toBe('one-character');
    expect(document.weight).toBeLessThanOrEqual(DOCUMENT_ONE_CHARACTER_MAX_BITS);
    expect(document.weight).toBeGreaterThan(0);
    expect(series.probability).toBeLessThan(0.5);
  });

  it('weighs agreement on a common name less than on a rare one', () => {
    const tf = (frequency: number): TermFrequencies => ({ frequency: () => frequency });
    const common = score({}, {}, tf(0.05));
    const rare = score({}, {}, tf(0.00001));
    expect(common.fields[0]!.termFrequency).toBe(0.05);
    expect(rare.weight).toBeGreaterThan(common.weight + 10);
    expect(score({}, {}, { frequency: () => undefined }).fields[0]!.termFrequency).toBeUndefined();
  });
});

describe('match models read from JSON', () => {
  it('accepts the default model and rejects a broken one', () => {
    expect(parseMatchModel(JSON.parse(JSON.stringify(DEFAULT_MODEL)))).toEqual(DEFAULT_MODEL);
    expect(() => parseMatchModel({ ...DEFAULT_MODEL, lambda: 2 })).toThrow(/not a match model/);
    expect(() =>
      parseMatchModel({ ...DEFAULT_MODEL, fields: DEFAULT_MODEL.fields.slice(1) }),
    ).toThrow();
  });
});
