import type { LegalReference, Outcome, ParameterSpec } from '../rules.schemas';
import { rulesErrors } from '../errors';
import type { CompiledRuleSet, CompiledTable } from './compile';
import type { FeelContext } from './feel';

/** A rule that applied, with what its explanation needs. */
export interface FiredRule {
  table: string;
  rule: string;
  outcome: Outcome;
  legal: LegalReference;
  /** Inputs and outputs of the table, for the explanation (with the check's parameters). */
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
  /** The rule set's parameters on the date (the values in force), for explanations and the record. */
  parameters: Record<string, unknown>;
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
  // objects), which FEEL reads as they are: no coercion per evaluation. One context serves every
  // table in turn (copying it per table cost more than the FEEL): each table sets its parameters
  // and inputs before its rules read them, and nothing reads a name another table left behind
  // (inputs are named in the table; the schema's facts are never overwritten).
  const checks: CheckResult[] = [];
  const context: FeelContext = Object.assign({}, snapshot);
  const ruleSets: Evaluation['ruleSets'] = [];
  for (const { set, parameters } of sets) {
    ruleSets.push({ id: set.file.id, version: set.file.version, hash: set.hash });
    Object.assign(context, parameters);
    for (const table of set.tables)
      checks.push(evaluateTable(set, table, context, snapshot, parameters));
  }
  return { date, ruleSets, checks };
}

/** Values kept per column (compile.ts byValue): bounded, continuous values just run FEEL. */
const VALUES_KEPT = 512;
const MATCH = 0;
const UNKNOWN = 1;
const NO_MATCH = 2;

function absent(snapshot: Record<string, unknown>, path: string[]): boolean {
  let v: unknown = snapshot;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return true;
    v = (v as Record<string, unknown>)[key];
  }
  return v === null || v === undefined;
}

/** What one table's evaluation knows while it runs (module-level helpers, no closures per call). */
interface Run {
  table: CompiledTable;
  context: FeelContext;
  snapshot: Record<string, unknown>;
  unknown: boolean[];
  memo: (boolean | undefined)[][];
  /** The inputs' values as plain JSON, made when the first rule fires. */
  inputs?: Record<string, unknown>;
}

function statusOf(run: Run, cells: number[]): number {
  let status = MATCH;
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i]!;
    if (cell < 0) continue;
    if (run.unknown[i]) {
      status = UNKNOWN;
      continue;
    }
    const column = run.memo[i]!;
    let hit = column[cell];
    if (hit === undefined) {
      const value = run.context[run.table.inputs[i]!.id];
      // A test may read the tested value as `?` inside an expression (`list contains(?, "x")`).
      run.context['?'] = value;
      hit = run.table.columns[i]![cell]!(value, run.context) === true;
      column[cell] = hit;
    }
    if (!hit) return NO_MATCH;
  }
  return status;
}

function addLacking(run: Run, cells: number[], missing: Set<string>): void {
  for (let i = 0; i < cells.length; i++) {
    if (cells[i]! < 0 || !run.unknown[i]) continue;
    const input = run.table.inputs[i]!;
    for (let f = 0; f < input.facts.length; f++)
      if (absent(run.snapshot, input.paths[f]!)) missing.add(input.facts[f]!);
  }
}

function fire(run: Run, set: CompiledRuleSet, index: number): FiredRule {
  const rule = run.table.rules[index]!;
  const outputs: Record<string, unknown> = {};
  // A later output may read an earlier one: they go into the context, cleared when the table ends.
  for (const [name, expression] of rule.outputs) {
    const value = plain(expression(run.context));
    outputs[name] = value;
    run.context[name] = value;
  }
  return {
    table: run.table.def.id,
    rule: rule.def.id,
    outcome: asOutcome(outputs.outcome, set, run.table.def.id, rule.def.id),
    legal: rule.def.legal,
    values: Object.assign({}, (run.inputs ??= inputValues(run.table, run.context)), outputs),
  };
}

/**
 * One table against one context. Written for speed (it runs for every check of every case in an
 * impact analysis): no allocation per rule, identical tests of a column run once, the facts an
 * unknown input lacks are collected only when a rule is left undecided by them.
 */
export function evaluateTable(
  set: CompiledRuleSet,
  table: CompiledTable,
  base: FeelContext,
  snapshot: Record<string, unknown>,
  parameters: Record<string, unknown>,
): CheckResult {
  const def = table.def;
  const context = base;
  const inputs = table.inputs;
  const unknown: boolean[] = [];
  for (let i = 0; i < inputs.length; i++) {
    const input = inputs[i]!;
    let lacking = false;
    for (let p = 0; p < input.paths.length; p++)
      if (absent(snapshot, input.paths[p]!)) lacking = true;
    unknown.push(lacking);
    context[input.id] = lacking ? null : input.expression(context);
  }
  // Each column's test results for this evaluation; a column whose tests read only the value
  // shares them with every evaluation that had the same value (compile.ts, byValue).
  const memo: (boolean | undefined)[][] = [];
  for (let c = 0; c < table.columns.length; c++) {
    const byValue = table.byValue[c];
    const value = context[inputs[c]!.id];
    if (byValue && !unknown[c] && (value === null || typeof value !== 'object')) {
      let results = byValue.get(value);
      if (!results) {
        results = [];
        if (byValue.size < VALUES_KEPT) byValue.set(value, results);
      }
      memo.push(results);
    } else memo.push([]);
  }
  const run: Run = { table, context, snapshot, unknown, memo };
  let missing: Set<string> | undefined;
  const fired: FiredRule[] = [];
  let undecided = false;

  const rules = table.rules;
  if (def.hitPolicy === 'FIRST') {
    for (let r = 0; r < rules.length; r++) {
      const s = statusOf(run, rules[r]!.cells);
      if (s === MATCH) {
        fired.push(fire(run, set, r));
        break;
      }
      if (s === UNKNOWN) {
        undecided = true;
        addLacking(run, rules[r]!.cells, (missing ??= new Set<string>()));
        break;
      }
    }
  } else {
    const matches: number[] = [];
    for (let r = 0; r < rules.length; r++) {
      const s = statusOf(run, rules[r]!.cells);
      if (s === MATCH) matches.push(r);
      else if (s === UNKNOWN) {
        undecided = true;
        addLacking(run, rules[r]!.cells, (missing ??= new Set<string>()));
      }
    }
    if (def.hitPolicy === 'UNIQUE') {
      if (matches.length > 1)
        throw rulesErrors.uniqueOverlap(
          { ruleSet: set.file.id, version: set.file.version, table: def.id },
          matches.map((m) => rules[m]!.def.id),
        );
      // A well-formed UNIQUE table has one rule for the facts given: the others cannot apply.
      if (matches.length === 1) {
        undecided = false;
        missing = undefined;
      }
    }
    for (let m = 0; m < matches.length; m++) fired.push(fire(run, set, matches[m]!));
  }

  let outcome: Outcome;
  const outputs: Record<string, unknown> = {};
  if (fired.length === 0 && !undecided) {
    if (table.otherwise) {
      for (const [name, expression] of table.otherwise.outputs)
        outputs[name] = context[name] = plain(expression(context));
      outcome = asOutcome(outputs.outcome, set, def.id, 'otherwise');
    } else {
      outcome = 'cannot-tell';
    }
  } else if (def.hitPolicy === 'COLLECT') {
    outcome = undecided ? 'cannot-tell' : 'met';
    for (const f of fired) outcome = worst(outcome, f.outcome);
    for (const name of def.outputs)
      if (name !== 'outcome') {
        const values: unknown[] = [];
        for (const f of fired) values.push(f.values[name] ?? null);
        outputs[name] = values;
      }
  } else if (undecided) {
    outcome = 'cannot-tell';
  } else {
    const only = fired[0]!;
    outcome = only.outcome;
    for (const o of def.outputs) outputs[o] = only.values[o] ?? null;
  }
  outputs.outcome = outcome;
  // Leave nothing of this table for the next one to read by mistake.
  for (const input of inputs) context[input.id] = null;
  for (const name of def.outputs) context[name] = null;
  return {
    check: def.check,
    table: def.id,
    ruleSet: set.file.id,
    version: set.file.version,
    outcome,
    outputs,
    fired,
    missing: missing === undefined || missing.size === 0 ? [] : [...missing].sort(),
    parameters,
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
