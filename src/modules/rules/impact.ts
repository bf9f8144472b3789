import type { CompiledRuleSet } from './engine/compile';
import type { Evaluation } from './engine/evaluate';
import type { RuleBook } from './engine/rule-book';
import type { Outcome } from './rules.schemas';

/**
 * Impact analysis, the pure part: one open case's stored input evaluated under the rule book as it
 * is and as it would be with a proposed version, on the same date, and what differs, tallied per
 * service and per check. The input is the snapshot stored at submission: facts worked out then
 * (age, months of validity) are taken as they were.
 */
export interface ImpactCase {
  applicationId: string;
  caseId: string | null;
  service: string;
  input: unknown;
}

/** A check whose outcome or outputs differ ('absent': the check is only in one of the books). */
export interface CheckChange {
  applicationId: string;
  caseId: string | null;
  service: string;
  check: string;
  before: Outcome | 'absent';
  after: Outcome | 'absent';
  /** Outputs other than the outcome, when they differ (e.g. a fee amount). */
  outputs?: { before: Record<string, unknown>; after: Record<string, unknown> };
}

/** A case that could not be evaluated under one of the books: counted and listed, not fatal. */
export interface CaseError {
  applicationId: string;
  caseId: string | null;
  service: string;
  error: string;
}

export interface ServiceImpact {
  cases: number;
  /** Cases with at least one check whose outcome changes. */
  changed: number;
  /** Cases whose outcomes all stay but some other output differs (a fee amount, a threshold). */
  outputsOnly: number;
  errors: number;
  /** Cases whose outcome changes, per check. */
  checks: Record<string, number>;
}

export interface ImpactSummary {
  forDate: string;
  cases: number;
  changed: number;
  outputsOnly: number;
  errors: number;
  perService: Record<string, ServiceImpact>;
  /** Changes and errors, at most `limit` of them (changed and errors are the full counts). */
  changes: (CheckChange | CaseError)[];
  truncated: boolean;
}

type Diff = Pick<CheckChange, 'check' | 'before' | 'after' | 'outputs'>;

const rest = (outputs: Record<string, unknown>) => {
  const { outcome: _outcome, ...others } = outputs;
  return others;
};

/** The checks whose outcome or other outputs differ; checks are paired by name, in order. */
export function diffEvaluations(before: Evaluation, after: Evaluation): Diff[] {
  const group = (e: Evaluation) => {
    const m = new Map<string, Evaluation['checks']>();
    for (const c of e.checks) m.set(c.check, [...(m.get(c.check) ?? []), c]);
    return m;
  };
  const b = group(before);
  const a = group(after);
  const diffs: Diff[] = [];
  for (const check of new Set([...b.keys(), ...a.keys()])) {
    const bs = b.get(check) ?? [];
    const as = a.get(check) ?? [];
    for (let i = 0; i < Math.max(bs.length, as.length); i++) {
      const x = bs[i];
      const y = as[i];
      const bo = x ? rest(x.outputs) : {};
      const ao = y ? rest(y.outputs) : {};
      const outputsDiffer = JSON.stringify(bo) !== JSON.stringify(ao);
      if (x?.outcome === y?.outcome && !outputsDiffer) continue;
      diffs.push({
        check,
        before: x?.outcome ?? 'absent',
        after: y?.outcome ?? 'absent',
        ...(outputsDiffer && x && y ? { outputs: { before: bo, after: ao } } : {}),
      });
    }
  }
  return diffs;
}

/** Per service: the rule sets that differ between the books on the date (null: look case by case). */
export type ImpactPlans = Map<
  string,
  { before: CompiledRuleSet[]; after: CompiledRuleSet[] } | null
>;

/**
 * Compares one case under both books. Only the service's rule sets that differ between the books
 * are evaluated: a table reads only the snapshot and its own set's parameters (evaluate.ts), so
 * the checks of the sets both books share cannot differ. When none differs nothing is evaluated.
 */
export function compareCase(
  current: RuleBook,
  next: RuleBook,
  c: ImpactCase,
  date: string,
  plans: ImpactPlans,
): Diff[] | { error: string } {
  try {
    if (!plans.has(c.service)) plans.set(c.service, planFor(current, next, c.service, date));
    const plan = plans.get(c.service);
    if (plan === null)
      return diffEvaluations(
        current.evaluate(c.service, c.input, date),
        next.evaluate(c.service, c.input, date),
      );
    if (plan!.before.length === 0 && plan!.after.length === 0) return [];
    return diffEvaluations(
      current.evaluateSets(plan!.before, c.input, date),
      next.evaluateSets(plan!.after, c.input, date),
    );
  } catch (e) {
    return { error: (e as Error).message };
  }
}

function planFor(current: RuleBook, next: RuleBook, service: string, date: string) {
  try {
    const a = current.forService(service, date);
    const b = next.forService(service, date);
    const inA = new Set(a.map((s) => s.hash));
    const inB = new Set(b.map((s) => s.hash));
    return { before: a.filter((s) => !inB.has(s.hash)), after: b.filter((s) => !inA.has(s.hash)) };
  } catch {
    return null; // the evaluation itself reports the error, case by case
  }
}

/**
 * Adds up cases as they stream past. Keeps at most `limit` outcome changes, then (in what is
 * left of the same limit, a tenth at least) errors and output-only differences, so the cases
 * whose outcome changes are never crowded out; the counts are always complete.
 */
export function createImpactTally(forDate: string, limit = 20_000) {
  const s: ImpactSummary = {
    forDate,
    cases: 0,
    changed: 0,
    outputsOnly: 0,
    errors: 0,
    perService: {},
    changes: [],
    truncated: false,
  };
  const kept = {
    outcome: [] as CheckChange[],
    error: [] as CaseError[],
    outputs: [] as CheckChange[],
  };
  const minor = Math.max(1, Math.floor(limit / 10));
  const keep = <T>(list: T[], x: T, max: number) => {
    if (list.length < max) list.push(x);
    else s.truncated = true;
  };
  return {
    add(c: ImpactCase, result: Diff[] | { error: string }) {
      const svc = (s.perService[c.service] ??= {
        cases: 0,
        changed: 0,
        outputsOnly: 0,
        errors: 0,
        checks: {},
      });
      s.cases += 1;
      svc.cases += 1;
      const who = { applicationId: c.applicationId, caseId: c.caseId, service: c.service };
      if ('error' in result) {
        s.errors += 1;
        svc.errors += 1;
        keep(kept.error, { ...who, error: result.error }, minor);
        return;
      }
      if (result.length === 0) return;
      const outcomes = result.filter((r) => r.before !== r.after);
      if (outcomes.length > 0) {
        s.changed += 1;
        svc.changed += 1;
        for (const check of new Set(outcomes.map((r) => r.check)))
          svc.checks[check] = (svc.checks[check] ?? 0) + 1;
        for (const r of result) keep(kept.outcome, { ...who, ...r }, limit);
      } else {
        s.outputsOnly += 1;
        svc.outputsOnly += 1;
        for (const r of result) keep(kept.outputs, { ...who, ...r }, minor);
      }
    },
    summary: (): ImpactSummary => {
      const room = Math.max(minor, limit - kept.outcome.length);
      const errors = kept.error.slice(0, room);
      const outputs = kept.outputs.slice(0, Math.max(minor, room - errors.length));
      return { ...s, changes: [...kept.outcome, ...errors, ...outputs] };
    },
  };
}
