import { describe, expect, it } from 'vitest';
import {
  findPersonNumber,
  formatPersonNumber,
  isPersonNumber,
  mod11_2,
  parsePersonNumber,
} from './person-number';

describe('the Vartai person number', () => {
  it('computes ISO 7064 MOD 11-2 as published (ISO example, ORCID ids)', () => {
    expect(mod11_2('0794')).toBe('0');
    // ORCID 0000-0002-1825-0097 and 0000-0002-1694-233X.
    expect(mod11_2('000000021825009')).toBe('7');
    expect(mod11_2('000000021694233')).toBe('X');
  });

  it('formats sequence values as P-NNNN-NNNN-C', () => {
    expect(formatPersonNumber(1)).toBe(`P-0000-0001-${mod11_2('00000001')}`);
    expect(formatPersonNumber(12_345_678)).toMatch(/^P-1234-5678-[0-9X]$/);
    expect(() => formatPersonNumber(0)).toThrow(RangeError);
    expect(() => formatPersonNumber(100_000_000)).toThrow(RangeError);
  });

  it('gives X as check character where MOD 11-2 asks for ten', () => {
    const withX = Array.from({ length: 200 }, (_, i) => formatPersonNumber(i + 1)).filter((n) =>
      n.endsWith('X'),
    );
    expect(withX.length).toBeGreaterThan(0);
    for (const n of withX) expect(isPersonNumber(n)).toBe(true);
  });

  it('parses what people type, and refuses a wrong check character', () => {
    const n = formatPersonNumber(4_711);
    const digits = n.slice(2).replace(/-/g, '');
    expect(parsePersonNumber(` ${n.toLowerCase()} `)).toBe(n);
    expect(parsePersonNumber(`P${digits}`)).toBe(n);
    expect(parsePersonNumber(`p ${digits.slice(0, 4)} ${digits.slice(4)}`)).toBe(n);
    const wrong = `${n.slice(0, -1)}${n.endsWith('0') ? '1' : '0'}`;
    expect(() => parsePersonNumber(wrong)).toThrow(
      expect.objectContaining({ code: 'PERSONS_NUMBER_INVALID' }),
    );
    expect(() => parsePersonNumber('P-1234-567-1')).toThrow(
      expect.objectContaining({ code: 'PERSONS_NUMBER_INVALID' }),
    );
  });

  it('catches every single wrong digit and every swap of neighbours', () => {
    for (const value of [1, 4_711, 12_345_678, 90_817_263]) {
      const n = formatPersonNumber(value);
      const d = n.slice(2, 6) + n.slice(7, 11);
      const check = n.at(-1)!;
      for (let i = 0; i < 8; i++) {
        for (let x = 0; x <= 9; x++) {
          if (String(x) === d[i]) continue;
          const typo = d.slice(0, i) + String(x) + d.slice(i + 1);
          expect(findPersonNumber(`P${typo}${check}`)).toBeUndefined();
        }
        if (i < 7 && d[i] !== d[i + 1]) {
          const swapped = d.slice(0, i) + d[i + 1]! + d[i]! + d.slice(i + 2);
          expect(findPersonNumber(`P${swapped}${check}`)).toBeUndefined();
        }
      }
    }
  });

  it('knows the canonical form', () => {
    const n = formatPersonNumber(99);
    expect(isPersonNumber(n)).toBe(true);
    expect(isPersonNumber(n.toLowerCase())).toBe(false);
    expect(isPersonNumber(n.replace(/-/g, ''))).toBe(false);
  });
});
