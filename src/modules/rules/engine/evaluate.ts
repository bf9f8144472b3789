import type { LegalReference, Outcome, ParameterSpec } from '../rules.schemas';
import { factAt } from '../snapshot';
import { rulesErrors } from '../errors';
import type { CompiledRuleSet, CompiledTable } from './compile';
import type { FeelContext } from './feel';

/** A rule that applied, with what its explanation needs. */
export interface FiredRule {
  table: string;
  rule: string;
  outcome: Outcome;
  legal: LegalReference;
  /** Inputs, outputs and parameters of the table, for the explanation. */
  values: Record<string, unknown>;
}

/** One check's result: its outcome, values, the rules that applied and the facts it lacked. */
export interface CheckResult {
  check: string;
  table: string;
  ruleSet: string;
  version: string;
  outcome: Outcome;
  outputs: Record<string, unknown>;
  fired: FiredRule[];
  /** Snapshot facts that were absent and kept a rule from being decided. */
  missing: string[];
}

export interface Evaluation {
  date: string;
  ruleSets: { id: string; version: string; hash: string }[];
  checks: CheckResult[];
}

/** A parameter's value on a date (reference values, fee schedules); undefined when none is in force. */
export type ParameterResolver = (spec: ParameterSpec, date: string) => number | boolean | undefined;

const WORST: Record<Outcome, number> = { met: 0, 'cannot-tell': 1, 'not-met': 2 };
const worst = (a: Outcome, b: Outcome): Outcome => (WORST[b] > WORST[a] ? b : a);

/** Resolves a rule set's parameters for a date, or names the one missing. */
export function parametersOf(
  set: CompiledRuleSet,
  date: string,
  resolve: ParameterResolver,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(set.file.parameters)) {
    const v = resolve(spec, date);
    if (v === undefined)
      throw rulesErrors.parameterMissing(
        { ruleSet: set.file.id, version: set.file.version },
        name,
        'value' in spec ? spec.value : `${spec.fee}/${spec.level}`,
        date,
      );
    out[name] = v;
  }
  return out;
}

/**
 * Evaluates every table of the given rule sets against one snapshot. Pure: the caller picks the
 * versions in force and resolves the parameters. The snapshot is turned into FEEL values once.
 */
export function evaluateRuleSets(
  sets: { set: CompiledRuleSet; parameters: Record<string, unknown> }[],
  snapshot: Record<string, unknown>,
  date: string,
): Evaluation {
  // A validated snapshot and resolved parameters are plain JSON (strings, numbers, booleans, lists,
  // objects), which FEEL reads as they are: no coercion per evaluation.
  const checks: CheckResult[] = [];
  for (const { set, parameters } of sets) {
    const context = { ...snapshot, ...parameters };
    for (const table of set.tables)
      checks.push(evaluateTable(set, table, context, snapshot, parameters));
  }
  return {
    date,
    ruleSets: sets.map(({ set }) => ({
      id: set.file.id,
      version: set.file.version,
      hash: set.hash,
    })),
    checks,
  };
}

type Status = 0 | 1 | 2; // match, unknown (a fact is missing), no match

export function evaluateTable(
  set: CompiledRuleSet,
  table: CompiledTable,
  base: FeelContext,
  snapshot: Record<string, unknown>,
  parameters: Record<string, unknown>,
): CheckResult {
  const def = table.def;
  const context: FeelContext = { ...base };
  const unknown: (string[] | undefined)[] = [];
  for (const input of table.inputs) {
    const missing = input.facts.filter((f) => {
      const v = factAt(snapshot, f);
      return v === null || v === undefined;
    });
    if (missing.length > 0) {
      unknown.push(missing);
      context[input.id] = null;
    } else {
      unknown.push(undefined);
      context[input.id] = input.expression(context);
    }
  }
  // Identical tests in a column are compiled once and, here, run at most once per evaluation.
  const memo: (boolean | undefined)[][] = table.columns.map(
    (c) => new Array<boolean | undefined>(c.length),
  );
  const statusOf = (cells: number[], missing: Set<string>): Status => {
    let status: Status = 0;
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i]!;
      if (cell < 0) continue;
      const lacking = unknown[i];
      if (lacking) {
        for (const f of lacking) missing.add(f);
        status = 1;
        continue;
      }
      let hit = memo[i]![cell];
      if (hit === undefined) {
        hit = table.columns[i]![cell]!(context[table.inputs[i]!.id], context) === true;
        memo[i]![cell] = hit;
      }
      if (!hit) return 2;
    }
    return status;
  };

  const fired: FiredRule[] = [];
  const missing = new Set<string>();
  let undecided = false;
  const fire = (index: number) => {
    const rule = table.rules[index]!;
    const outputs: Record<string, unknown> = {};
    const local = { ...context };
    for (const [name, expression] of rule.outputs)
      outputs[name] = local[name] = plain(expression(local));
    const outcome = asOutcome(outputs.outcome, set, def.id, rule.def.id);
    fired.push({
      table: def.id,
      rule: rule.def.id,
      outcome,
      legal: rule.def.legal,
      values: { ...parameters, ...inputValues(table, context), ...outputs },
    });
  };

  if (def.hitPolicy === 'FIRST') {
    for (let r = 0; r < table.rules.length; r++) {
      const lacking = new Set<string>();
      const s = statusOf(table.rules[r]!.cells, lacking);
      if (s === 0) {
        fire(r);
        break;
      }
      if (s === 1) {
        undecided = true;
        lacking.forEach((f) => missing.add(f));
        break;
      }
    }
  } else {
    const matches: number[] = [];
    for (let r = 0; r < table.rules.length; r++) {
      const lacking = new Set<string>();
      const s = statusOf(table.rules[r]!.cells, lacking);
      if (s === 0) matches.push(r);
      else if (s === 1) {
        undecided = true;
        lacking.forEach((f) => missing.add(f));
      }
    }
    if (def.hitPolicy === 'UNIQUE') {
      if (matches.length > 1)
        throw rulesErrors.uniqueOverlap(
          { ruleSet: set.file.id, version: set.file.version, table: def.id },
          matches.map((m) => table.rules[m]!.def.id),
        );
      if (matches.length === 1) {
        undecided = false;
        missing.clear();
      }
    }
    matches.forEach(fire);
  }

  let outcome: Outcome;
  let outputs: Record<string, unknown> = {};
  if (fired.length === 0 && !undecided) {
    if (table.otherwise) {
      const local = { ...context };
      for (const [name, expression] of table.otherwise.outputs)
        outputs[name] = local[name] = plain(expression(local));
      outcome = asOutcome(outputs.outcome, set, def.id, 'otherwise');
    } else {
      outcome = 'cannot-tell';
    }
  } else if (def.hitPolicy === 'COLLECT') {
    outcome = fired.reduce<Outcome>(
      (o, f) => worst(o, f.outcome),
      undecided ? 'cannot-tell' : 'met',
    );
    for (const name of def.outputs)
      if (name !== 'outcome') outputs[name] = fired.map((f) => f.values[name] ?? null);
  } else {
    outcome = undecided ? 'cannot-tell' : fired[0]!.outcome;
    outputs = undecided
      ? {}
      : Object.fromEntries(def.outputs.map((o) => [o, fired[0]!.values[o] ?? null]));
  }
  outputs.outcome = outcome;
  return {
    check: def.check,
    table: def.id,
    ruleSet: set.file.id,
    version: set.file.version,
    outcome,
    outputs,
    fired,
    missing: [...missing].sort(),
  };
}

function inputValues(table: CompiledTable, context: FeelContext): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const i of table.inputs) out[i.id] = plain(context[i.id]);
  return out;
}

function asOutcome(v: unknown, set: CompiledRuleSet, table: string, rule: string): Outcome {
  if (v === 'met' || v === 'not-met' || v === 'cannot-tell') return v;
  throw rulesErrors.feelInvalid(
    { ruleSet: set.file.id, version: set.file.version, table, rule, cell: 'then.outcome' },
    String(v),
    'the outcome must be "met", "not-met" or "cannot-tell"',
  );
}

/** FEEL values back to plain JSON (dates and durations to their ISO text). */
function plain(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (Array.isArray(v)) return v.map(plain);
  if (typeof v === 'object' && 'toString' in v && !isPlainObject(v)) return String(v);
  if (typeof v === 'object')
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  return String(v);
}

function isPlainObject(v: object): boolean {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}
