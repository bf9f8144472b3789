import type { Language } from '../../../platform/i18n';
import { rulesErrors } from '../errors';
import { ApplicationSnapshot } from '../snapshot';
import type { TableTest } from '../rules.schemas';
import type { CompiledRuleSet } from './compile';
import {
  evaluateRuleSets,
  parametersOf,
  type Evaluation,
  type ParameterResolver,
} from './evaluate';
import { explain, type ExplainedCheck } from './explain';

/**
 * Every version of every rule set, and which one is in force on a date: the latest whose
 * effectiveFrom is on or before the date and whose effectiveUntil (if any) is after it.
 */
export interface RuleBook {
  sets: CompiledRuleSet[];
  versionsOf(id: string): CompiledRuleSet[];
  inForce(id: string, date: string): CompiledRuleSet | undefined;
  /** The service's rule set in force and the shared ones it uses (each in force on the date). */
  forService(service: string, date: string): CompiledRuleSet[];
  /** The rule set and the shared ones it uses, each shared one in force on the date. */
  withUses(set: CompiledRuleSet, date: string): CompiledRuleSet[];
  evaluate(service: string, snapshot: unknown, date: string): Evaluation;
  /**
   * For snapshots validated before (stored at submission, made by the benchmark's generator):
   * the same evaluation without validating again.
   */
  evaluateValidated(service: string, snapshot: ApplicationSnapshot, date: string): Evaluation;
  evaluateSets(sets: CompiledRuleSet[], snapshot: unknown, date: string): Evaluation;
  explain(evaluation: Evaluation, lang: Language): ExplainedCheck[];
}

export function createRuleBook(sets: CompiledRuleSet[], resolve: ParameterResolver): RuleBook {
  const byId = new Map<string, CompiledRuleSet[]>();
  for (const s of sets) byId.set(s.file.id, [...(byId.get(s.file.id) ?? []), s]);
  for (const list of byId.values())
    list.sort((a, b) => a.file.effectiveFrom.localeCompare(b.file.effectiveFrom));
  const inForce = (id: string, date: string) =>
    byId
      .get(id)
      ?.filter(
        (s) =>
          s.file.effectiveFrom <= date && (!s.file.effectiveUntil || date < s.file.effectiveUntil),
      )
      .at(-1);
  const withUses = (set: CompiledRuleSet, date: string): CompiledRuleSet[] => {
    const out = [set];
    for (const id of set.file.uses) {
      if (!byId.has(id)) throw rulesErrors.unknownRuleSet(id, set.file.id);
      const used = inForce(id, date);
      if (!used) throw rulesErrors.notInForce(id, date);
      out.push(...withUses(used, date).filter((u) => !out.includes(u)));
    }
    return out;
  };
  const serviceSets = (service: string) =>
    sets.filter((s) => s.file.service === service).map((s) => s.file.id);
  const forService = (service: string, date: string) => {
    const ids = [...new Set(serviceSets(service))];
    if (ids.length === 0) return [];
    const current = ids.map((id) => inForce(id, date)).filter((s): s is CompiledRuleSet => !!s);
    if (current.length === 0) throw rulesErrors.notInForce(ids[0]!, date);
    return current.flatMap((s) => withUses(s, date)).filter((s, i, all) => all.indexOf(s) === i);
  };
  // The sets in force and their parameters depend only on the service and the date: kept for the
  // dates seen lately (an impact analysis evaluates many cases on one date).
  type Prepared = { set: CompiledRuleSet; parameters: Record<string, unknown> }[];
  const prepared = new Map<string, Prepared>();
  const prepare = (chosen: CompiledRuleSet[], date: string): Prepared =>
    chosen.map((set) => ({ set, parameters: parametersOf(set, date, resolve) }));
  const preparedFor = (service: string, date: string): Prepared => {
    const key = `${service}\u0000${date}`;
    const known = prepared.get(key);
    if (known) return known;
    const made = prepare(forService(service, date), date);
    if (prepared.size >= 256) prepared.clear();
    prepared.set(key, made);
    return made;
  };
  const validate = (snapshot: unknown): ApplicationSnapshot => {
    const parsed = ApplicationSnapshot.safeParse(snapshot);
    if (!parsed.success)
      throw rulesErrors.inputInvalid(
        parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
      );
    return parsed.data;
  };
  const run = (sets: Prepared, snapshot: ApplicationSnapshot, date: string) =>
    evaluateRuleSets(sets, snapshot as unknown as Record<string, unknown>, date);
  const evaluateSets = (chosen: CompiledRuleSet[], snapshot: unknown, date: string) =>
    run(prepare(chosen, date), validate(snapshot), date);
  return {
    sets,
    versionsOf: (id) => byId.get(id) ?? [],
    inForce,
    forService,
    withUses,
    evaluate: (service, snapshot, date) =>
      run(preparedFor(service, date), validate(snapshot), date),
    evaluateValidated: (service, snapshot, date) => run(preparedFor(service, date), snapshot, date),
    evaluateSets,
    explain: (evaluation, lang) => explain(evaluation, sets, lang),
  };
}

/** Runs a rule set's table tests; returns one line per failure (empty: all pass). */
export function runTableTests(book: RuleBook, set: CompiledRuleSet): string[] {
  return set.file.tests.flatMap((t) => {
    try {
      return checkTest(book, set, t);
    } catch (e) {
      return [`${t.name}: ${(e as Error).message}`];
    }
  });
}

function checkTest(book: RuleBook, set: CompiledRuleSet, t: TableTest): string[] {
  const snapshot = { service: t.service ?? set.file.service ?? 'any', ...t.input };
  const result = book.evaluateSets(book.withUses(set, t.date), snapshot, t.date);
  const failures: string[] = [];
  for (const [check, want] of Object.entries(t.expect)) {
    const got = result.checks.find((c) => c.check === check);
    if (!got) {
      failures.push(`${t.name}: no check ${check}`);
      continue;
    }
    const say = (what: string, w: unknown, g: unknown) =>
      failures.push(
        `${t.name}: ${check} ${what}: expected ${JSON.stringify(w)}, got ${JSON.stringify(g)}`,
      );
    if (got.outcome !== want.outcome) say('outcome', want.outcome, got.outcome);
    for (const [k, v] of Object.entries(want.outputs ?? {}))
      if (JSON.stringify(got.outputs[k]) !== JSON.stringify(v))
        say(`output ${k}`, v, got.outputs[k]);
    if (want.fired && JSON.stringify(got.fired.map((f) => f.rule)) !== JSON.stringify(want.fired))
      say(
        'fired',
        want.fired,
        got.fired.map((f) => f.rule),
      );
    if (want.missing && JSON.stringify(got.missing) !== JSON.stringify([...want.missing].sort()))
      say('missing', want.missing, got.missing);
  }
  return failures;
}
