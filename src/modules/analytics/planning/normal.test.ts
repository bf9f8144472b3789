import { describe, expect, it } from 'vitest';
import { normalQuantile } from './normal';

describe('normalQuantile', () => {
  it.each([
    [0.5, 0],
    [0.95, 1.6448536],
    [0.975, 1.959964],
    [0.999, 3.0902323],
    [0.01, -2.3263479],
  ])('Φ⁻¹(%f) = %f', (p, z) => expect(normalQuantile(p)).toBeCloseTo(z, 6));

  it('refuses probabilities outside (0, 1)', () => {
    expect(() => normalQuantile(1)).toThrow(RangeError);
    expect(() => normalQuantile(0)).toThrow(RangeError);
  });
});
