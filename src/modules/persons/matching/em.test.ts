import { describe, expect, it } from 'vitest';
import { generateRecords } from '../synthetic';
import { estimateModel } from './em';
import type { LevelParameters } from './model';
import { parseMatchModel } from './model-schema';
import { prepareRecord } from './prepare';
import { MATCH_FIELDS, type MatchModel } from './types';

const level = (model: MatchModel, field: string, name: string) =>
  model.fields.find((f) => f.field === field)!.levels.find((l) => l.level === name)!;

describe('a match model estimated without labels', () => {
  const { records } = generateRecords({ persons: 1500, seed: 5, variant: 'standard' });
  const prepared = records.map((r) => prepareRecord(r));
  const model = estimateModel(prepared, { seed: 9 });

  it('is a valid model of every field, converged', () => {
    expect(parseMatchModel(JSON.parse(JSON.stringify(model)))).toEqual(model);
    expect(model.fields.map((f) => f.field)).toEqual([...MATCH_FIELDS]);
    expect(model.trainedOn).toMatchObject({ records: records.length, converged: true });
    expect(model.trainedOn.pairs).toBeGreaterThan(records.length / 2);
  });

  it('finds that one person’s records agree far more often than two persons’', () => {
    for (const field of ['surname', 'given-names', 'date-of-birth', 'place-of-birth']) {
      const exact = level(model, field, 'exact');
      expect(exact.m / exact.u, field).toBeGreaterThan(20);
    }
    const different = level(model, 'date-of-birth', 'different');
    expect(different.m).toBeLessThan(0.01);
    expect(different.u).toBeGreaterThan(0.9);
    // About one record in twenty is a second record of one person in a random pair of 3 000.
    expect(model.lambda).toBeGreaterThan(1e-5);
    expect(model.lambda).toBeLessThan(1e-2);
  });

  it('weighs agreement within one nationality less than between any two records', () => {
    const surname: LevelParameters = level(model, 'surname', 'exact');
    expect(surname.uSameNationality).toBeGreaterThan(surname.u);
  });

  it('gives the same model from the same records and seed', () => {
    expect(estimateModel(prepared, { seed: 9 })).toEqual(model);
  });
});
