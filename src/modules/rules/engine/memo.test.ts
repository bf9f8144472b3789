import { describe, expect, it } from 'vitest';
import { compileFeelExpression, compileFeelTest, namesIn } from './feel';
import { memoiseExpression, memoiseTest } from './memo';

describe('memoised FEEL', () => {
  it('knows the names a text reads', () => {
    expect(namesIn('>= factor * mma', 'test').sort()).toEqual(['factor', 'mma']);
    expect(namesIn('"work","family"', 'test')).toEqual([]);
    expect(namesIn('if "x" in documents then "met" else "not-met"', 'expression')).toEqual([
      'documents',
    ]);
  });

  it('gives the same answers as FEEL for every combination, including ones it has seen', () => {
    const text = '>= factor * mma';
    const plain = compileFeelTest(text);
    const memo = memoiseTest(compileFeelTest(text), namesIn(text, 'test'));
    for (let round = 0; round < 2; round++)
      for (const factor of [0.5, 1, null])
        for (const value of [0, 500, 999, 1000, 2000, null]) {
          const context = { factor, mma: 1000 };
          expect(memo(value, context)).toBe(plain(value, context));
        }
  });

  it('keys lists by their content and leaves objects to FEEL', () => {
    const text = 'if "x" in documents then "met" else "not-met"';
    const memo = memoiseExpression(compileFeelExpression(text), namesIn(text, 'expression'));
    expect(memo({ documents: ['x', 'y'] })).toBe('met');
    expect(memo({ documents: ['y'] })).toBe('not-met');
    expect(memo({ documents: ['y', 'x'] })).toBe('met');
    const path = 'person.age';
    const read = memoiseExpression(compileFeelExpression(path), namesIn(path, 'expression'));
    expect(read({ person: { age: 3 } })).toBe(3);
    expect(read({ person: { age: 4 } })).toBe(4);
  });

  it('reads the tested value as ? inside an expression', () => {
    const test = compileFeelTest('list contains(?, "x")');
    expect(test(['x', 'y'], { '?': ['x', 'y'] })).toBe(true);
    expect(test(['y'], { '?': ['y'] })).toBe(false);
  });
});
