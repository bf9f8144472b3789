import type { IdentityRecord } from '../matching/types';
import { personFactory, type SyntheticPerson } from './persons';
import { createRandom } from './random';
import { documentIssuer, recordsOf, type Variation } from './records';
import { VARIANTS, type SyntheticVariant } from './variants';

export interface GenerateOptions {
  persons: number;
  seed: number;
  variant: SyntheticVariant;
  /** Also return the variations applied to each record (costs memory; for tests and analysis). */
  trace?: boolean;
}

export const PERSON_KINDS = ['drawn', 'twin', 'sibling', 'namesake'] as const;

export interface GeneratedRecords {
  /** The records in random order, with ids that say nothing about who they are. */
  records: IdentityRecord[];
  /** The true person (0 … persons − 1) of each record, by index: kept apart from the records. */
  truth: Int32Array;
  /** Per person, its index in PERSON_KINDS (how it was made: drawn, or a hard negative). */
  personKinds: Uint8Array;
  /** Per record, the variations applied (only with `trace`). */
  trace?: Variation[][];
}

/**
 * Synthetic identity records of persons of the nationalities that apply in Lithuania (issue 7's
 * benchmark data): 1–6 records per person, each written as some source would, with the truth
 * beside them. The same options give the same records on any machine.
 */
export function generateRecords(options: GenerateOptions): GeneratedRecords {
  const { persons, seed, variant } = options;
  if (!Number.isInteger(persons) || persons < 0) throw new RangeError('persons must be ≥ 0');
  const rates = VARIANTS[variant];
  const random = createRandom(seed);
  const factory = personFactory(variant, rates, random);
  const issue = documentIssuer(random);
  const fields: IdentityRecord[] = [];
  const owners: number[] = [];
  const personKinds = new Uint8Array(persons);
  const trace: Variation[][] | null = options.trace ? [] : null;
  for (let p = 0; p < persons; p++) {
    const person: SyntheticPerson = factory.next();
    personKinds[p] = PERSON_KINDS.indexOf(person.kind);
    const count = 1 + random.weighted(rates.recordsPerPerson);
    for (const r of recordsOf(person, count, rates, random, trace, issue)) {
      fields.push(r);
      owners.push(p);
    }
  }

  // Shuffled so that record order (and so record ids) tells nothing about the person.
  const order = new Int32Array(fields.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  for (let i = order.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
  const width = Math.max(7, String(fields.length).length);
  const records: IdentityRecord[] = new Array(fields.length);
  const truth = new Int32Array(fields.length);
  const shuffledTrace: Variation[][] | undefined = trace ? new Array(fields.length) : undefined;
  for (let i = 0; i < order.length; i++) {
    const from = order[i]!;
    const record = fields[from]!;
    record.recordId = `R${String(i + 1).padStart(width, '0')}`;
    records[i] = record;
    truth[i] = owners[from]!;
    if (shuffledTrace) shuffledTrace[i] = trace![from]!;
  }
  return { records, truth, personKinds, ...(shuffledTrace ? { trace: shuffledTrace } : {}) };
}
