import { describe, expect, it } from 'vitest';
import { generateRecords } from '../synthetic';
import { DEFAULT_MODEL } from './model';
import { linkRecords } from './link';
import type { IdentityRecord } from './types';

/** Pairwise precision and recall of a clustering against the truth. */
function pairwise(truth: ArrayLike<number>, predicted: ArrayLike<number>) {
  const count = (key: (i: number) => string) => {
    const sizes = new Map<string, number>();
    for (let i = 0; i < truth.length; i++) sizes.set(key(i), (sizes.get(key(i)) ?? 0) + 1);
    let pairs = 0;
    for (const n of sizes.values()) pairs += (n * (n - 1)) / 2;
    return pairs;
  };
  const both = count((i) => `${truth[i]}/${predicted[i]}`);
  const precision = both / count((i) => String(predicted[i]));
  const recall = both / count((i) => String(truth[i]));
  return { precision, recall, f1: (2 * precision * recall) / (precision + recall) };
}

const person = (recordId: string, fields: Partial<IdentityRecord>): IdentityRecord => ({
  recordId,
  givenNames: 'Олександр',
  surname: 'Коваленко',
  dateOfBirth: '1985-04-12',
  sex: 'M',
  nationality: 'UKR',
  documentNumber: null,
  placeOfBirth: 'Kyiv',
  source: null,
  ...fields,
});

describe('records linked into persons', () => {
  it('links the spellings of the issue and keeps a namesake born ten years later apart', () => {
    const records = [
      person('a', {}),
      person('b', { givenNames: 'Oleksandr', surname: 'Kovalenko', documentNumber: 'FE123456' }),
      person('c', { givenNames: 'Aleksandr', surname: 'Kovalenko', dateOfBirth: '1985-12-04' }),
      person('d', { givenNames: 'Aleksandras', surname: 'Kovalenka', placeOfBirth: 'Kijevas' }),
      person('e', { givenNames: 'Oleksandr', surname: 'Kovalenko', dateOfBirth: '1995-09-30' }),
      person('f', {
        givenNames: 'Ivan',
        surname: 'Petrenko',
        documentNumber: 'FE123456',
        dateOfBirth: null,
      }),
    ];
    const result = linkRecords(records, { model: DEFAULT_MODEL });
    const p = result.personOf;
    expect([p[1], p[2], p[3]]).toEqual([p[0], p[0], p[0]]);
    expect(p[4]).not.toBe(p[0]);
    // Same document, but neither name agrees: a mistyped number, not the same person.
    expect(p[5]).not.toBe(p[0]);
    expect(result.persons).toBe(3);
    expect(result.model).toBe(DEFAULT_MODEL);
  });

  it('estimates its model on the data, reports its stages and reaches F1 ≥ 0.95 on generated records', () => {
    const { records, truth } = generateRecords({ persons: 1500, seed: 11, variant: 'standard' });
    const stages = new Set<string>();
    const result = linkRecords(records, { onProgress: (stage) => stages.add(stage) });
    expect([...stages]).toEqual(['prepare', 'block', 'estimate', 'score', 'cluster']);
    expect(Object.keys(result.seconds)).toEqual([...stages]);
    expect(result.model.trainedOn.records).toBe(records.length);
    expect(result.personOf.length).toBe(records.length);
    expect(result.pairsLinked).toBeLessThanOrEqual(result.pairsCompared);
    const scores = pairwise(truth, result.personOf);
    expect(scores.f1).toBeGreaterThan(0.95);
    expect(scores.precision).toBeGreaterThan(0.95);
  });

  it('links more with a lower link probability', () => {
    const { records } = generateRecords({ persons: 500, seed: 3, variant: 'independent' });
    const strict = linkRecords(records, { model: DEFAULT_MODEL, linkProbability: 0.999 });
    const loose = linkRecords(records, { model: DEFAULT_MODEL, linkProbability: 0.01 });
    expect(loose.pairsLinked).toBeGreaterThan(strict.pairsLinked);
    expect(loose.persons).toBeLessThan(strict.persons);
  });
});
