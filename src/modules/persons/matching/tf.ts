import { DEFAULT_MODEL, exactLevelU, TF_PRIOR_RECORDS, type TermFrequencies } from './model';
import { FIELD } from './compare';
import { MATCH_FIELDS, type MatchModel } from './types';
import type { PreparedRecord } from './prepare';

const key = (...parts: string[]) => parts.join('\u0000');

/**
 * Term frequencies counted from records: the share of records whose surname (or given names)
 * has each `tfKey`, and each pair of them (full names), among all records and among those of
 * each nationality, drawn towards the model's u by TF_PRIOR_RECORDS pseudo-records (in a small
 * register every name is "common"). A register can count the same from its stored names.
 */
export function termFrequencies(
  records: readonly PreparedRecord[],
  /** The model whose u the counts are drawn towards (TF_PRIOR_RECORDS pseudo-records); null: none. */
  model: MatchModel | null = DEFAULT_MODEL,
): TermFrequencies {
  const counts = new Map<string, number>();
  const add = (k: string) => counts.set(k, (counts.get(k) ?? 0) + 1);
  for (const r of records) {
    if (r.nationality) add(key('n', r.nationality));
    for (const nationality of r.nationality ? ['', r.nationality] : ['']) {
      const s = r.surname.tfKey;
      const g = r.givenNames.tfKey;
      if (!r.surname.empty) add(key('s', nationality, s));
      if (!r.givenNames.empty) add(key('g', nationality, g));
      if (!r.surname.empty && !r.givenNames.empty) add(key('f', nationality, s, g));
    }
  }
  const priors = (nationality: string | null | undefined) =>
    model ? exactLevelU(model, Boolean(nationality)) : MATCH_FIELDS.map(() => 0);
  const pseudo = model ? TF_PRIOR_RECORDS : 0;
  const share = (k: string, nationality: string | null | undefined, prior: number) => {
    const count = counts.get(k);
    if (count === undefined) return undefined;
    const total = nationality ? (counts.get(key('n', nationality)) ?? 0) : records.length;
    return Math.min((count + prior * pseudo) / (total + pseudo), 1);
  };
  return {
    frequency(field, tfKey, nationality) {
      const prior = priors(nationality)[field === 'surname' ? FIELD.surname : FIELD.givenNames]!;
      return share(
        key(field === 'surname' ? 's' : 'g', nationality ?? '', tfKey),
        nationality,
        prior,
      );
    },
    fullNameFrequency(surnameKey, givenKey, nationality) {
      const u = priors(nationality);
      const prior = u[FIELD.surname]! * u[FIELD.givenNames]!;
      return share(key('f', nationality ?? '', surnameKey, givenKey), nationality, prior);
    },
  };
}
