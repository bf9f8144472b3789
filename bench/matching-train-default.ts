import fs from 'node:fs';
import path from 'node:path';
import { estimateModel } from '../src/modules/persons/matching/em';
import { prepareRecord, type NameCache } from '../src/modules/persons/matching/prepare';
import type { MatchModel } from '../src/modules/persons/matching/types';
import { generateRecords } from '../src/modules/persons/synthetic';

/**
 * Re-estimates the matcher's DEFAULT_MODEL (`src/modules/persons/matching/default-model.json`):
 * generated records of the 'standard' variant, no labels, EM as `estimateModel` does it. The
 * register scores one new record at a time with this model; `persons:link` and the benchmark
 * estimate their own on the data they link.
 *
 *   npx tsx bench/matching-train-default.ts [persons=20000] [seed=2026]
 */
const persons = Number(process.argv[2] ?? 20_000);
const seed = Number(process.argv[3] ?? 2026);
const target = path.join(import.meta.dirname, '../src/modules/persons/matching/default-model.json');

const { records } = generateRecords({ persons, seed, variant: 'standard' });
const cache: NameCache = new Map();
const started = performance.now();
const model = estimateModel(records.map((r) => prepareRecord(r, cache)));
const seconds = (performance.now() - started) / 1000;

/** Six significant digits: enough for weights, and a readable diff when re-estimated. */
const round = (x: number) => Number(x.toPrecision(6));
const rounded: MatchModel = {
  ...model,
  lambda: round(model.lambda),
  fields: model.fields.map((f) => ({
    field: f.field,
    levels: f.levels.map((l) => ({
      ...l,
      m: round(l.m),
      u: round(l.u),
      ...('uSameNationality' in l ? { uSameNationality: round(l.uSameNationality as number) } : {}),
    })),
  })),
};
fs.writeFileSync(target, `${JSON.stringify(rounded, null, 2)}\n`);
process.stderr.write(
  `${records.length} records of ${persons} persons (seed ${seed}): ${model.trainedOn.pairs} pairs, ` +
    `${model.trainedOn.iterations} iterations, converged ${model.trainedOn.converged}, ` +
    `${seconds.toFixed(1)} s → ${path.relative(process.cwd(), target)}\n`,
);
