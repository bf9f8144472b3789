import talismanJaroWinkler from 'talisman/metrics/jaro-winkler';
import { describe, expect, it } from 'vitest';
import { jaroWinkler } from './jaro-winkler';

describe('Jaro–Winkler', () => {
  it.each([
    ['martha', 'marhta', 0.961],
    ['dwayne', 'duane', 0.84],
    ['oleksandr', 'aleksandr', 0.926],
    ['kovalenk', 'kovalenk', 1],
    ['abc', 'xyz', 0],
    ['', 'abc', 0],
  ])('%s and %s: %f', (a, b, expected) => {
    expect(jaroWinkler(a, b)).toBeCloseTo(expected, 3);
  });

  it('gives what talisman gives, on many pairs of name-like strings', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed / 2147483648);
    const word = () =>
      Array.from(
        { length: 2 + Math.floor(random() * 12) },
        () => 'aeiknorsvl'[Math.floor(random() * 10)],
      ).join('');
    for (let i = 0; i < 2000; i++) {
      const a = word();
      const b = random() < 0.5 ? word() : a.slice(0, -1) + 'x';
      expect(jaroWinkler(a, b), `${a} ${b}`).toBeCloseTo(talismanJaroWinkler(a, b), 12);
    }
  });
});
