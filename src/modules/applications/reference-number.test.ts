import { describe, expect, it } from 'vitest';
import { formatReference, isValidReference } from './reference-number';

describe('reference numbers', () => {
  it('carry a check digit that catches a changed or swapped digit', () => {
    const ref = formatReference(2026, 123);
    expect(ref).toMatch(/^VRT-2026-0000123-\d$/);
    expect(isValidReference(ref)).toBe(true);
    expect(isValidReference(ref.replace('0000123', '0000124'))).toBe(false);
    expect(isValidReference(ref.replace('0000123', '0000213'))).toBe(false);
    expect(isValidReference('vrt-2026-0000123-' + ref.at(-1))).toBe(true);
  });
});
