import type { CompiledExpression, CompiledTest, FeelContext } from './feel';

/**
 * Memoisation of FEEL results by the values they read. A FEEL expression is a pure function of
 * the names it reads (and, for a unary test, of the value tested): the same values give the same
 * result, so a result is kept per combination of values and FEEL runs only for a combination not
 * seen before. Grounds, urgency levels, ages, document lists and parameters repeat across cases,
 * so most cells are answered from the memo in an impact analysis over many cases. Only values
 * with a cheap exact key are memoised (text, numbers, booleans, null and lists of them); anything
 * else, or a memo that is full, runs FEEL every time. FEEL still decides every result.
 */
// Per cell; continuous values (salaries) fill it and then simply run FEEL: memory stays bounded.
const LIMIT = 512;

// A list's key is made once per list object (the snapshot's lists are read by many cells).
const listKeys = new WeakMap<object, string | null>();

function keyOf(v: unknown): string | undefined {
  switch (typeof v) {
    case 'string':
      return 's' + v;
    case 'number':
      return 'n' + v;
    case 'boolean':
      return v ? 'T' : 'F';
    case 'undefined':
      return 'z';
    case 'object': {
      if (v === null) return 'z';
      if (!Array.isArray(v)) return undefined;
      const made = listKeys.get(v);
      if (made !== undefined) return made ?? undefined;
      let k: string | null = 'a';
      for (const x of v) {
        const e = typeof x === 'object' && x !== null ? undefined : keyOf(x);
        if (e === undefined) {
          k = null;
          break;
        }
        k += '\u0001' + e;
      }
      listKeys.set(v, k);
      return k ?? undefined;
    }
    default:
      return undefined;
  }
}

function keyFor(names: readonly string[], context: FeelContext, start: string): string | undefined {
  if (names.length === 1 && start === '') return keyOf(context[names[0]!]);
  let key = start;
  for (let i = 0; i < names.length; i++) {
    const k = keyOf(context[names[i]!]);
    if (k === undefined) return undefined;
    key += '\u0000' + k;
  }
  return key;
}

/** `names`: the context names the test reads (its input value is always part of the key). */
export function memoiseTest(test: CompiledTest, names: readonly string[]): CompiledTest {
  const memo = new Map<string, boolean | null>();
  // Most cells read only the tested value ("work", >= 18): the value itself is the key.
  const byValue = new Map<unknown, boolean | null>();
  return (value, context) => {
    if (names.length === 0 && (value === null || typeof value !== 'object')) {
      const known = byValue.get(value);
      if (known !== undefined) return known;
      const result = test(value, context);
      if (byValue.size < LIMIT) byValue.set(value, result);
      return result;
    }
    const start = keyOf(value);
    const key = start === undefined ? undefined : keyFor(names, context, start);
    if (key === undefined) return test(value, context);
    const known = memo.get(key);
    if (known !== undefined) return known;
    const result = test(value, context);
    if (memo.size < LIMIT) memo.set(key, result);
    return result;
  };
}

export function memoiseExpression(
  expression: CompiledExpression,
  names: readonly string[],
): CompiledExpression {
  // Reads nothing: a constant, worked out once (a literal output such as "met" or 4).
  if (names.length === 0) {
    const value = expression({});
    if (value === null || typeof value !== 'object') return () => value;
  }
  const memo = new Map<string, unknown>();
  return (context) => {
    const key = keyFor(names, context, '');
    if (key === undefined) return expression(context);
    if (memo.has(key)) return memo.get(key);
    const result = expression(context);
    // Only plain results are shared (a FEEL list or context could be changed by a caller).
    if (memo.size < LIMIT && (result === null || typeof result !== 'object')) memo.set(key, result);
    return result;
  };
}
