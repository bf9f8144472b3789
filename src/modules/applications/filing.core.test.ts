import { describe, expect, it } from 'vitest';
import { ageOn, checkChild, isoDay } from './filing.core';

describe('filing for a child', () => {
  it('counts age in Vilnius days: the 18th birthday starts at midnight in Vilnius', () => {
    // 2026-03-26T22:30Z is already 27 March in Vilnius (UTC+2).
    expect(ageOn('2008-03-27', new Date('2026-03-26T21:30:00Z'))).toBe(17);
    expect(ageOn('2008-03-27', new Date('2026-03-26T22:30:00Z'))).toBe(18);
    expect(isoDay(new Date('2026-03-26T22:30:00Z'))).toBe('2026-03-27');
  });

  it('accepts a minor and refuses an adult, a future birth and an impossible date', () => {
    const on = new Date('2026-12-04T10:00:00Z');
    expect(checkChild('2015-06-01', on)).toBe('ok');
    expect(checkChild('2008-12-05', on)).toBe('ok');
    expect(checkChild('2008-12-04', on)).toBe('not-minor');
    expect(checkChild('1990-01-01', on)).toBe('not-minor');
    expect(checkChild('2027-01-01', on)).toBe('not-born');
    expect(checkChild('2026-12-05', on)).toBe('not-born');
    expect(checkChild('2015-02-30', on)).toBe('invalid-date');
    expect(checkChild('', on)).toBe('invalid-date');
  });
});
