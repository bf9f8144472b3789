import IntlMessageFormat from 'intl-messageformat';
import { createHash } from 'node:crypto';
import type { RuleSetFile, Rule, Table } from '../rules.schemas';
import { SNAPSHOT_FACTS } from '../snapshot';
import { rulesErrors, type RulePlace } from '../errors';
import {
  compileFeelExpression,
  compileFeelTest,
  reparseFeelExpression,
  reparseFeelTest,
  type CompiledExpression,
  type CompiledTest,
  namesIn,
} from './feel';
import { memoiseExpression, memoiseTest } from './memo';

export interface CompileOptions {
  /** Parse the FEEL text on every evaluation instead (the benchmark's reference only). */
  reparse?: boolean;
  /** Keep FEEL results per combination of the values read (memo.ts); default on, off when re-parsing. */
  memo?: boolean;
}

/** A table ready to evaluate: every FEEL text compiled once, identical tests of a column shared. */
export interface CompiledTable {
  def: Table;
  inputs: { id: string; facts: string[]; paths: string[][]; expression: CompiledExpression }[];
  /** Per input column, the distinct tests (index by CompiledRule.cells). */
  columns: CompiledTest[][];
  /**
   * Per input column whose tests read only the tested value (`"work"`, `>= 18`): every test's
   * result by value, filled as values come (memo on; bounded). Undefined: tests read other names.
   */
  byValue: (Map<unknown, (boolean | undefined)[]> | undefined)[];
  rules: CompiledRule[];
  otherwise?: { outputs: [string, CompiledExpression][] };
}

export interface CompiledRule {
  def: Rule;
  /** Per input: index into the column's tests, or -1 for "-" (any value). */
  cells: number[];
  outputs: [string, CompiledExpression][];
}

export interface CompiledRuleSet {
  file: RuleSetFile;
  /** sha-256 of the file's canonical JSON: identifies exactly what was evaluated. */
  hash: string;
  tables: CompiledTable[];
}

const ANY = '-';
const BARE_PATH = /^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z][A-Za-z0-9]*)*$/;

interface Feel {
  expression: (text: string) => CompiledExpression;
  test: (text: string) => CompiledTest;
  memo?: boolean;
}
const SNAPSHOT_ROOTS = new Set([...SNAPSHOT_FACTS].map((f) => f.split('.')[0]!));

/**
 * Compiles a validated rule set: every FEEL text and explanation template is parsed here, so a
 * syntax error stops loading with the table, rule and cell named, and evaluation parses nothing.
 * Also refuses facts the snapshot does not have and UNIQUE tables with two identical rules.
 */
export function compileRuleSet(file: RuleSetFile, options: CompileOptions = {}): CompiledRuleSet {
  const memo = options.memo ?? !options.reparse;
  const base = options.reparse
    ? { expression: reparseFeelExpression, test: reparseFeelTest }
    : { expression: compileFeelExpression, test: compileFeelTest };
  const feel: Feel = memo
    ? {
        // A bare name or path ("ground", "person.age") is cheaper to read than to look up.
        expression: (text: string) =>
          BARE_PATH.test(text.trim())
            ? base.expression(text)
            : memoiseExpression(base.expression(text), namesIn(text, 'expression')),
        test: (text: string) => memoiseTest(base.test(text), namesIn(text, 'test')),
      }
    : base;
  feel.memo = memo;
  const at = (p: Omit<RulePlace, 'ruleSet' | 'version'>): RulePlace => ({
    ruleSet: file.id,
    version: file.version,
    ...p,
  });
  for (const name of Object.keys(file.parameters))
    if (SNAPSHOT_ROOTS.has(name))
      throw rulesErrors.feelInvalid(
        at({ cell: `parameters.${name}` }),
        name,
        'hides a fact of the snapshot; choose another name',
      );
  const tables = file.tables.map((t) => compileTable(t, at, feel));
  const hash = createHash('sha256').update(JSON.stringify(file)).digest('hex');
  return { file, hash, tables };
}

function compileTable(
  t: Table,
  at: (p: Omit<RulePlace, 'ruleSet' | 'version'>) => RulePlace,
  feel: Feel,
): CompiledTable {
  const expr = (text: string, p: Omit<RulePlace, 'ruleSet' | 'version'>) => {
    try {
      return feel.expression(text);
    } catch (e) {
      throw rulesErrors.feelInvalid(at(p), text, (e as Error).message);
    }
  };
  // Inputs and outputs are set in the shared evaluation context: they must not hide a fact.
  for (const name of [...t.inputs.map((i) => i.id), ...t.outputs])
    if (SNAPSHOT_ROOTS.has(name))
      throw rulesErrors.feelInvalid(
        at({ table: t.id, cell: name }),
        name,
        'hides a fact of the snapshot; choose another name',
      );
  const inputs = t.inputs.map((i) => {
    for (const f of i.facts)
      if (!SNAPSHOT_FACTS.has(f))
        throw rulesErrors.feelInvalid(
          at({ table: t.id, cell: `input.${i.id}` }),
          f,
          'not a fact of the application snapshot',
        );
    return {
      id: i.id,
      facts: i.facts,
      paths: i.facts.map((f) => f.split('.')),
      expression: expr(i.expression, { table: t.id, cell: `input.${i.id}` }),
    };
  });
  const texts: Map<string, number>[] = t.inputs.map(() => new Map());
  const columns: CompiledTest[][] = t.inputs.map(() => []);
  const valueOnly: boolean[] = t.inputs.map(() => feel.memo === true);
  const seen = new Map<string, string>();
  const rules = t.rules.map((r): CompiledRule => {
    const cells = r.when.map((raw, i) => {
      const text = raw.trim();
      if (text === ANY) return -1;
      const known = texts[i]!.get(text);
      if (known !== undefined) return known;
      let test: CompiledTest;
      try {
        test = feel.test(text);
      } catch (e) {
        throw rulesErrors.feelInvalid(
          at({ table: t.id, rule: r.id, cell: `when[${i}]` }),
          text,
          (e as Error).message,
        );
      }
      if (namesIn(text, 'test').length > 0) valueOnly[i] = false;
      columns[i]!.push(test);
      texts[i]!.set(text, columns[i]!.length - 1);
      return columns[i]!.length - 1;
    });
    const key = r.when.map((w) => w.trim()).join('\u0000');
    const twin = seen.get(key);
    if (t.hitPolicy === 'UNIQUE' && twin)
      throw rulesErrors.uniqueOverlap(at({ table: t.id }), [twin, r.id]);
    seen.set(key, r.id);
    checkExplanation(r.explain, at({ table: t.id, rule: r.id }));
    return {
      def: r,
      cells,
      outputs: Object.entries(r.then).map(([o, text]) => [
        o,
        expr(text, { table: t.id, rule: r.id, cell: `then.${o}` }),
      ]),
    };
  });
  if (t.otherwise) checkExplanation(t.otherwise.explain, at({ table: t.id, rule: 'otherwise' }));
  return {
    def: t,
    inputs,
    columns,
    byValue: valueOnly.map((only) => (only ? new Map() : undefined)),
    rules,
    ...(t.otherwise
      ? {
          otherwise: {
            outputs: Object.entries(t.otherwise.then).map(([o, text]) => [
              o,
              expr(text, { table: t.id, rule: 'otherwise', cell: `then.${o}` }),
            ]),
          },
        }
      : {}),
  };
}

function checkExplanation(texts: Record<string, string>, place: RulePlace): void {
  for (const [lang, text] of Object.entries(texts)) {
    try {
      new IntlMessageFormat(text, lang);
    } catch (e) {
      throw rulesErrors.explanationInvalid(
        { ...place, cell: `explain.${lang}` },
        (e as Error).message,
      );
    }
  }
}
