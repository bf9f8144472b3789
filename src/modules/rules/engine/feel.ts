import {
  compileExpression,
  compileUnaryTests,
  evaluate,
  parseExpression,
  parseUnaryTests,
  toFeelContext,
  unaryTest,
} from 'feelin';

/**
 * The one place FEEL is touched: feelin (bpmn.io's FEEL interpreter) parses and builds a closure
 * tree for each text once; evaluations then only run the closures (docs/adr/0009 on the patch that
 * exposes this). `reparse*` evaluate the same text the published way, parsing every time: the
 * benchmark's reference.
 */
export type FeelContext = Record<string, unknown>;
export type CompiledExpression = (context: FeelContext) => unknown;
export type CompiledTest = (value: unknown, context: FeelContext) => boolean | null;

/** Throws feelin's SyntaxError (with the position) when the text does not parse. */
export function compileFeelExpression(text: string): CompiledExpression {
  return compileExpression(text);
}

export function compileFeelTest(text: string): CompiledTest {
  return compileUnaryTests(text);
}

/** Plain data (nested objects, lists) to FEEL values: once per evaluation, not per cell. */
export function feelContext(values: FeelContext): FeelContext {
  return toFeelContext(values);
}

/**
 * The same texts evaluated the published way, parsing on every call: only for the benchmark's
 * comparison (and to show the compiled closures agree with the interpreter).
 */
export function reparseFeelExpression(text: string): CompiledExpression {
  compileExpression(text); // fail at load like the compiled path
  return (context) => evaluate(text, context).value;
}

export function reparseFeelTest(text: string): CompiledTest {
  compileUnaryTests(text);
  return (value, context) => unaryTest(text, { ...context, '?': value }).value;
}

/** The names a FEEL text reads (variables and function names; the caller keeps the ones it binds). */
export function namesIn(text: string, kind: 'expression' | 'test'): string[] {
  const tree =
    kind === 'test' ? parseUnaryTests(text, {}, undefined) : parseExpression(text, {}, undefined);
  const names = new Set<string>();
  tree.iterate({
    enter(node) {
      if (node.name === 'VariableName') names.add(text.slice(node.from, node.to).trim());
    },
  });
  return [...names];
}
