import { describe, expect, it } from 'vitest';
import { isAppError } from '../../../platform/errors';
import { officersNeeded } from './officers';
import type { OfficersInputRaw } from './schemas';

/** Ten decisions per officer-week, fully available, planned on the mean (share 0.5): hand-checkable. */
const base: OfficersInputRaw = {
  service: 'temporary-residence-permit',
  demandPerWeek: [100, 100, 100, 100],
  decisionsPerOfficerWeek: 10,
  backlog: 0,
  legalTermDays: 14,
  targetShareWithinTerm: 0.5,
  availability: 1,
};
const plan = (patch: Partial<OfficersInputRaw>) => officersNeeded({ ...base, ...patch });

const codeOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (isAppError(e))
      return {
        code: e.code,
        fields: (e.details?.fields ?? []) as { field: string; message: string }[],
      };
    throw e;
  }
  throw new Error('expected an error');
};

describe('officersNeeded: hand-computed cases', () => {
  it('lets a queue build up to the term: 7 officers (6 would reach 18.7 days in week 4)', () => {
    // 7 officers decide 70 a week; 30 a week pile up: 30, 60, 90, 120 open; week 4 waits
    // 7 × 120 / 70 = 12 days ≤ 14. With 6: 160 open / 60 a week = 18.7 days > 14.
    const p = plan({});
    expect(p.officers).toBe(7);
    expect(p.perWeek.map((w) => w.backlogEnd)).toEqual([30, 60, 90, 120]);
    expect(p.perWeek.map((w) => w.expectedWaitDays)).toEqual([3, 6, 9, 12]);
    expect(p.perWeek.every((w) => w.withinTerm && w.officers === 7)).toBe(true);
    expect(p.maxWaitDays).toBe(12);
  });

  it('a term of 0 days means deciding every week what arrives that week', () => {
    expect(plan({ legalTermDays: 0, demandPerWeek: [95] }).officers).toBe(10);
  });

  it('availability lowers each officer’s pace: 80 cases at 10 × 0.8 need 10 officers', () => {
    const p = plan({ legalTermDays: 0, demandPerWeek: [80], availability: 0.8 });
    expect(p.officers).toBe(10);
    expect(p.explanation[0]).toEqual({
      key: 'analytics.plan.officers.capacity',
      values: { decisionsPerOfficerWeek: 10, availability: 0.8, perOfficerWeek: 8 },
    });
  });

  it('plans on the upper bound when the target share equals the bound’s quantile', () => {
    const p = plan({
      legalTermDays: 0,
      demandPerWeek: [100],
      demandUpper: [130],
      targetShareWithinTerm: 0.975,
    });
    expect(p.plannedDemandPerWeek).toEqual([130]);
    expect(p.officers).toBe(13);
    expect(p.explanation[1]?.key).toBe('analytics.plan.officers.margin.upper-bound');
  });

  it('without an upper bound the margin is the Poisson floor: 100 + 1.96 × 10 → 12 officers', () => {
    const p = plan({ legalTermDays: 0, demandPerWeek: [100], targetShareWithinTerm: 0.975 });
    expect(p.plannedDemandPerWeek).toEqual([119.6]);
    expect(p.officers).toBe(12);
    expect(p.explanation[1]?.key).toBe('analytics.plan.officers.margin.poisson');
  });

  it('the default share 0.95 sits between the mean and the 97.5 % bound', () => {
    const p = plan({
      legalTermDays: 0,
      demandPerWeek: [100],
      demandUpper: [130],
      targetShareWithinTerm: undefined,
    });
    // 100 + 1.645 × (30 / 1.96) = 125.2
    expect(p.plannedDemandPerWeek).toEqual([125.2]);
    expect(p.officers).toBe(13);
  });

  it('no demand and no backlog: no officers', () => {
    const p = plan({ demandPerWeek: [0, 0] });
    expect(p.officers).toBe(0);
    expect(p.perWeek.map((w) => w.expectedWaitDays)).toEqual([0, 0]);
  });
});

describe('officersNeeded: a backlog that already breaches', () => {
  // 300 open cases, 50 new a week, a 7-day term. Week 1 must leave at most one week's work:
  // (300 + 50 − c) / c ≤ 1 → c ≥ 175 → 18 officers. Without the backlog 4 suffice
  // (3 would leave 40 open in week 2: 9.3 days).
  const p = plan({ demandPerWeek: [50, 50], backlog: 300, legalTermDays: 7 });

  it('sizes the team to work it within the term and says how much of it is for the backlog', () => {
    expect(p.officers).toBe(18);
    expect(p.steadyOfficers).toBe(4);
    expect(p.perWeek.map((w) => w.backlogEnd)).toEqual([170, 40]);
    expect(p.perWeek.map((w) => w.expectedWaitDays)).toEqual([6.6, 1.6]);
    expect(p.explanation).toContainEqual({
      key: 'analytics.plan.officers.backlog',
      values: { backlog: 300, extraOfficers: 14, weeksAtSteady: 7.5 },
    });
  });

  it('with today’s 4 officers the backlog never clears and the first late week is named', () => {
    const today = plan({
      demandPerWeek: [50, 50],
      backlog: 300,
      legalTermDays: 7,
      currentOfficers: 4,
    });
    expect(today.officers).toBe(18);
    expect(today.staffedOfficers).toBe(4);
    expect(today.perWeek.map((w) => w.backlogEnd)).toEqual([310, 320]);
    expect(today.perWeek.every((w) => !w.withinTerm)).toBe(true);
    expect(today.explanation.at(-1)).toEqual({
      key: 'analytics.plan.officers.currentShort',
      values: { currentOfficers: 4, shortBy: 14, firstLateWeek: 1, maxWaitDays: 56 },
    });
  });

  it('no officers and work waiting: the wait is unbounded, not a number that looks fine', () => {
    const none = plan({ backlog: 10, currentOfficers: 0 });
    expect(none.perWeek[0]?.expectedWaitDays).toBe(Number.POSITIVE_INFINITY);
    expect(none.perWeek[0]?.withinTerm).toBe(false);
  });
});

describe('officersNeeded: monotonicity and determinism', () => {
  const seasonal = [120, 140, 180, 260, 300, 240, 160, 130, 120, 150, 200, 220];

  it('more demand never means fewer officers', () => {
    let last = 0;
    for (const f of [0.5, 0.8, 1, 1.1, 1.3, 1.7, 2.5, 4]) {
      const n = plan({
        demandPerWeek: seasonal.map((d) => d * f),
        demandUpper: seasonal.map((d) => d * f * 1.3),
        targetShareWithinTerm: 0.95,
        backlog: 400,
        legalTermDays: 28,
      }).officers;
      expect(n).toBeGreaterThanOrEqual(last);
      last = n;
    }
  });

  it('raising any single week never lowers the recommendation', () => {
    const before = plan({
      demandPerWeek: seasonal,
      targetShareWithinTerm: 0.9,
      legalTermDays: 21,
    }).officers;
    seasonal.forEach((_, i) => {
      const bumped = seasonal.map((d, j) => (j === i ? d + 80 : d));
      expect(
        plan({ demandPerWeek: bumped, targetShareWithinTerm: 0.9, legalTermDays: 21 }).officers,
      ).toBeGreaterThanOrEqual(before);
    });
  });

  it('a higher mean under the same upper bound never lowers the recommendation', () => {
    const upper = seasonal.map((d) => d * 1.5);
    let last = 0;
    for (const f of [0.6, 0.8, 1, 1.2, 1.4]) {
      const n = plan({
        demandPerWeek: seasonal.map((d) => d * f),
        demandUpper: upper,
        targetShareWithinTerm: 0.9,
        legalTermDays: 7,
      }).officers;
      expect(n).toBeGreaterThanOrEqual(last);
      last = n;
    }
  });

  it('the recommendation is the smallest headcount that keeps the term', () => {
    const p = plan({ demandPerWeek: seasonal, backlog: 900, legalTermDays: 30 });
    const fewer = plan({
      demandPerWeek: seasonal,
      backlog: 900,
      legalTermDays: 30,
      currentOfficers: p.officers - 1,
    });
    expect(p.perWeek.every((w) => w.withinTerm)).toBe(true);
    expect(fewer.perWeek.some((w) => !w.withinTerm)).toBe(true);
  });

  it('the same input gives the same plan and the input is left alone', () => {
    const input: OfficersInputRaw = { ...base, demandPerWeek: [...seasonal], backlog: 250 };
    const copy = structuredClone(input);
    expect(officersNeeded(input)).toEqual(officersNeeded(copy));
    expect(input).toEqual(copy);
  });
});

describe('officersNeeded: inputs it cannot plan with', () => {
  it.each([
    [{ decisionsPerOfficerWeek: 0 }, 'ANALYTICS_PLAN_ZERO_THROUGHPUT', 'decisionsPerOfficerWeek'],
    [{ availability: 0 }, 'ANALYTICS_PLAN_ZERO_THROUGHPUT', 'availability'],
    [{ demandPerWeek: [] }, 'ANALYTICS_PLAN_EMPTY_HORIZON', 'demandPerWeek'],
    [{ demandUpper: [120] }, 'ANALYTICS_PLAN_HORIZON_MISMATCH', 'demandUpper'],
    [{ demandUpper: [120, 90, 120, 120] }, 'ANALYTICS_PLAN_UPPER_BELOW_MEAN', 'demandUpper.1'],
    [
      { demandUpper: [130, 130, 130, 130], targetShareWithinTerm: 0.99 },
      'ANALYTICS_PLAN_SHARE_BEYOND_BOUND',
      'targetShareWithinTerm',
    ],
    [{ backlog: -1 }, 'ANALYTICS_PLAN_INVALID_INPUT', 'backlog'],
    [{ demandPerWeek: [100, Number.NaN] }, 'ANALYTICS_PLAN_INVALID_INPUT', 'demandPerWeek.1'],
    [{ targetShareWithinTerm: 1 }, 'ANALYTICS_PLAN_INVALID_INPUT', 'targetShareWithinTerm'],
    [{ currentOfficers: 2.5 }, 'ANALYTICS_PLAN_INVALID_INPUT', 'currentOfficers'],
    [{ service: ' ' }, 'ANALYTICS_PLAN_INVALID_INPUT', 'service'],
  ] as [Partial<OfficersInputRaw>, string, string][])('%o → %s', (patch, code, field) => {
    const e = codeOf(() => plan(patch));
    expect(e.code).toBe(code);
    expect(e.fields).toContainEqual({ field, message: code });
  });

  it('names the most telling code when several fields fail', () => {
    expect(codeOf(() => plan({ backlog: -1, decisionsPerOfficerWeek: 0 })).code).toBe(
      'ANALYTICS_PLAN_ZERO_THROUGHPUT',
    );
  });

  it('reads form values: decimal commas, and empty fields fall back to defaults', () => {
    const fromForm = plan({
      decisionsPerOfficerWeek: '12,5',
      availability: '0,8',
      backlog: ' 40 ',
      legalTermDays: '14',
      targetShareWithinTerm: '',
      currentOfficers: '',
    } as unknown as Partial<OfficersInputRaw>);
    const typed = plan({
      decisionsPerOfficerWeek: 12.5,
      availability: 0.8,
      backlog: 40,
      targetShareWithinTerm: 0.95,
    });
    expect(fromForm).toEqual(typed);
  });
});
