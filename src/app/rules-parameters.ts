import type { CatalogueModule } from '../modules/catalogue';
import type { ParameterResolver } from '../modules/rules';
import { AppError } from '../platform/errors';

/** Distinct (parameter, date) pairs remembered; an impact analysis uses a handful of dates. */
const CACHE_LIMIT = 10_000;

/**
 * Rule-set parameters from the catalogue's dated data (issue 6): `{value: id}` is the reference
 * value in force on the date, `{fee: item, level}` the amount in cents of the fee schedule in
 * force on the date. Undefined when the pack has none, so the rule book reports
 * RULES_PARAMETER_MISSING instead of evaluating with a guess. Answers are cached per date: the
 * pack does not change while the process runs, and every evaluation resolves every parameter.
 */
export function parameterResolverFrom(catalogue: CatalogueModule): ParameterResolver {
  const schedules = [...catalogue.pack.fees.schedules].sort((a, b) =>
    a.effectiveFrom.localeCompare(b.effectiveFrom),
  );
  const lookUp: ParameterResolver = (spec, date) => {
    if ('value' in spec) {
      try {
        // Midday UTC is the same calendar day in Vilnius, where values change at local midnight.
        const on = new Date(`${date}T12:00:00Z`);
        return catalogue.pack.values[spec.value]?.unit === 'flag'
          ? catalogue.referenceFlag(spec.value, on)
          : catalogue.referenceValue(spec.value, on).value;
      } catch (e) {
        if (e instanceof AppError && e.code === 'CATALOGUE_REFERENCE_UNKNOWN') return undefined;
        throw e;
      }
    }
    // The schedule in force on the date, as catalogue.feeFor picks it: an item it lacks is unknown
    // on that date rather than taken from an older schedule.
    const schedule = schedules.filter((s) => s.effectiveFrom <= date).at(-1);
    return schedule?.items[spec.fee]?.[spec.level];
  };
  const cache = new Map<string, number | boolean | undefined>();
  return (spec, date) => {
    const key = 'value' in spec ? `v ${spec.value} ${date}` : `f ${spec.fee} ${spec.level} ${date}`;
    if (cache.has(key)) return cache.get(key);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    const value = lookUp(spec, date);
    cache.set(key, value);
    return value;
  };
}
