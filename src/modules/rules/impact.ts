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
  changed: number;
  errors: number;
  /** Changed cases per check. */
  checks: Record<string, number>;
}

export interface ImpactSummary {
  forDate: string;
  cases: number;
  changed: number;
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

/**
 * Compares one case under both books. When the service's rule sets are the same in both on the
 * date nothing can differ, and neither is evaluated (`same` caches that per service).
 */
export function compareCase(
  current: RuleBook,
  next: RuleBook,
  c: ImpactCase,
  date: string,
  same: Map<string, boolean>,
): Diff[] | { error: string } {
  try {
    let unchanged = same.get(c.service);
    if (unchanged === undefined) {
      unchanged = sameSets(current, next, c.service, date);
      same.set(c.service, unchanged);
    }
    if (unchanged) return [];
    return diffEvaluations(
      current.evaluate(c.service, c.input, date),
      next.evaluate(c.service, c.input, date),
    );
  } catch (e) {
    return { error: (e as Error).message };
  }
}

function sameSets(current: RuleBook, next: RuleBook, service: string, date: string): boolean {
  try {
    const a = current.forService(service, date).map((s) => s.hash);
    const b = next.forService(service, date).map((s) => s.hash);
    return a.length === b.length && a.every((h, i) => h === b[i]);
  } catch {
    return false; // let the evaluation report the error case by case
  }
}

/** Adds up cases as they stream past; keeps at most `limit` changes and errors. */
export function createImpactTally(forDate: string, limit = 20_000) {
  const s: ImpactSummary = {
    forDate,
    cases: 0,
    changed: 0,
    errors: 0,
    perService: {},
    changes: [],
    truncated: false,
  };
  const keep = (x: CheckChange | CaseError) => {
    if (s.changes.length < limit) s.changes.push(x);
    else s.truncated = true;
  };
  return {
    add(c: ImpactCase, result: Diff[] | { error: string }) {
      const svc = (s.perService[c.service] ??= { cases: 0, changed: 0, errors: 0, checks: {} });
      s.cases += 1;
      svc.cases += 1;
      const who = { applicationId: c.applicationId, caseId: c.caseId, service: c.service };
      if ('error' in result) {
        s.errors += 1;
        svc.errors += 1;
        keep({ ...who, error: result.error });
        return;
      }
      if (result.length === 0) return;
      s.changed += 1;
      svc.changed += 1;
      for (const d of new Set(result.map((r) => r.check))) svc.checks[d] = (svc.checks[d] ?? 0) + 1;
      for (const r of result) keep({ ...who, ...r });
    },
    summary: (): ImpactSummary => s,
  };
}
