import { describe, expect, it } from 'vitest';
import { prepareRecord } from './prepare';
import { termFrequencies } from './tf';
import type { IdentityRecord } from './types';

const record = (
  givenNames: string,
  surname: string,
  nationality: string | null,
): IdentityRecord => ({
  recordId: `${givenNames}-${surname}`,
  givenNames,
  surname,
  dateOfBirth: null,
  sex: null,
  nationality,
  documentNumber: null,
  placeOfBirth: null,
  source: null,
});

describe('term frequencies', () => {
  const records = [
    record('Olga', 'Ivanova', 'RUS'),
    record('Ольга', 'Иванова', 'RUS'),
    record('Anna', 'Ivanova', 'RUS'),
    record('Anna', 'Kovalenko', 'UKR'),
  ].map((r) => prepareRecord(r));
  // No pull towards a model's u (its weight is tested below): the plain shares.
  const tf = termFrequencies(records, null);
  const key = (i: number) => records[i]!;

  it('counts names by spelling skeleton, so that scripts and systems count together', () => {
    expect(key(0).surname.tfKey).toBe(key(1).surname.tfKey);
    expect(tf.frequency('surname', key(0).surname.tfKey)).toBe(0.75);
    expect(tf.frequency('given-names', key(2).givenNames.tfKey)).toBe(0.5);
    expect(tf.frequency('surname', 'nobody')).toBeUndefined();
  });

  it('counts among one nationality and full names', () => {
    expect(tf.frequency('given-names', key(2).givenNames.tfKey, 'RUS')).toBeCloseTo(1 / 3);
    expect(tf.frequency('surname', key(3).surname.tfKey, 'UKR')).toBe(1);
    expect(tf.fullNameFrequency!(key(0).surname.tfKey, key(0).givenNames.tfKey)).toBe(0.5);
    expect(tf.fullNameFrequency!(key(2).surname.tfKey, key(2).givenNames.tfKey, 'RUS')).toBeCloseTo(
      1 / 3,
    );
  });

  it('draws the shares of a few records towards the model’s u', () => {
    const drawn = termFrequencies(records);
    const share = drawn.frequency('surname', key(0).surname.tfKey)!;
    expect(share).toBeLessThan(0.01);
    expect(share).toBeGreaterThan(0.002);
  });
});
