import { describe, expect, it } from 'vitest';
import { isAppError } from '../../../platform/errors';
import type { PlanningBaseRaw } from './schemas';
import { whatIf } from './what-if';

const base: PlanningBaseRaw = {
  staffing: [
    {
      service: 'temporary-residence-permit',
      demandPerWeek: [100, 100, 100, 100],
      decisionsPerOfficerWeek: 10,
      backlog: 0,
      legalTermDays: 14,
      targetShareWithinTerm: 0.5,
      currentOfficers: 8,
    },
    {
      service: 'VLN/permanent-residence-permit',
      demandPerWeek: [20, 25, 30],
      demandUpper: [30, 36, 44],
      decisionsPerOfficerWeek: 6,
      backlog: 60,
      legalTermDays: 30,
    },
  ],
  appointments: [
    {
      branch: 'VLN',
      visitsDemandPerWeek: [100, 100],
      slotMinutes: 30,
      desks: 5,
      openHoursPerWeek: 10,
      noShowRate: 0,
      targetWaitDays: 7,
      currentWaitDays: 14,
    },
    {
      branch: 'KLP',
      visitsDemandPerWeek: [40, 60],
      slotMinutes: 30,
      desks: 3,
      openHoursPerWeek: 10,
      noShowRate: 0.1,
      targetWaitDays: 7,
    },
  ],
};

const errorCode = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (isAppError(e)) return e.code;
    throw e;
  }
  return 'no error';
};

describe('whatIf', () => {
  it('with no changes, before and after are the same plan', () => {
    const r = whatIf(base, {});
    expect(r.changes).toEqual({
      demandFactor: 1,
      officersDelta: {},
      desksDelta: {},
      throughputFactor: 1,
    });
    for (const s of r.services) {
      // The after plan always names its headcount, so it may add a "current staff" reason.
      expect({ ...s.after, explanation: [] }).toEqual({ ...s.before, explanation: [] });
      expect(s.change).toEqual({ recommendedOfficers: 0, staffedOfficers: 0, maxWaitDays: 0 });
    }
    for (const b of r.branches) expect(b.after).toEqual(b.before);
  });

  it('demand +30 %: the same people wait longer, and the plan asks for more', () => {
    const r = whatIf(base, { demandFactor: 1.3 });
    for (const s of r.services) {
      expect(s.after.staffedOfficers).toBe(s.before.staffedOfficers);
      expect(s.after.officers).toBeGreaterThan(s.before.officers);
      expect(s.change.maxWaitDays).toBeGreaterThan(0);
    }
    for (const b of r.branches) {
      expect(b.after.desksNeeded).toBeGreaterThanOrEqual(b.before.desksNeeded);
      expect(b.change.maxWaitDays).toBeGreaterThan(0);
    }
    // Hand-checked: 130 a week at 14 days needs 9 officers (90 a week leave 160 open in week 4,
    // 12.4 days; 8 leave 200 open, 17.5 days).
    expect(r.services[0]?.before.officers).toBe(7);
    expect(r.services[0]?.after.officers).toBe(9);
  });

  it('two more desks in Vilnius shorten its wait and leave the other branch alone', () => {
    const r = whatIf(base, { desksDelta: { VLN: 2 } });
    const [vln, klp] = r.branches;
    expect(vln?.after.desks).toBe(7);
    expect(vln?.after.maxWaitDays).toBeLessThan(vln?.before.maxWaitDays ?? 0);
    expect(vln?.after.desksNeeded).toBe(vln?.before.desksNeeded);
    expect(klp?.after).toEqual(klp?.before);
  });

  it('more officers on a queue never lengthen its waits, week by week', () => {
    let previous: number[] | undefined;
    for (const delta of [-4, -2, 0, 1, 2, 5]) {
      const s = whatIf(base, { officersDelta: { 'temporary-residence-permit': delta } })
        .services[0];
      const waits = s?.after.perWeek.map((w) => w.expectedWaitDays) ?? [];
      if (previous)
        waits.forEach((w, i) => expect(w).toBeLessThanOrEqual(previous?.[i] ?? Infinity));
      previous = waits;
    }
  });

  it('two more officers on a queue without a known headcount are added to the recommendation', () => {
    const s = whatIf(base, { officersDelta: { 'VLN/permanent-residence-permit': 2 } }).services[1];
    expect(s?.after.staffedOfficers).toBe((s?.before.officers ?? 0) + 2);
    expect(s?.change.staffedOfficers).toBe(2);
  });

  it('faster decisions need fewer officers', () => {
    const r = whatIf(base, { throughputFactor: 1.25 });
    for (const s of r.services) expect(s.after.officers).toBeLessThanOrEqual(s.before.officers);
    expect(r.services[0]?.after.officers).toBeLessThan(r.services[0]?.before.officers ?? 0);
  });

  it('takes the what-if form as posted', () => {
    const r = whatIf(base, {
      demandFactor: '1,3',
      throughputFactor: '',
      officersDelta: { 'temporary-residence-permit': '2' },
    });
    expect(r.changes.demandFactor).toBe(1.3);
    expect(r.changes.throughputFactor).toBe(1);
    expect(r.services[0]?.after.staffedOfficers).toBe(10);
  });

  it('is deterministic', () => {
    const changes = {
      demandFactor: 1.3,
      officersDelta: { 'temporary-residence-permit': 2 },
      desksDelta: { KLP: 1 },
    };
    expect(whatIf(base, changes)).toEqual(whatIf(structuredClone(base), structuredClone(changes)));
  });

  it('refuses changes it cannot apply', () => {
    expect(errorCode(() => whatIf(base, { officersDelta: { Vilnius: 2 } }))).toBe(
      'ANALYTICS_PLAN_UNKNOWN_KEY',
    );
    expect(errorCode(() => whatIf(base, { desksDelta: { VLN: -6 } }))).toBe(
      'ANALYTICS_PLAN_NEGATIVE_STAFF',
    );
    expect(errorCode(() => whatIf(base, { throughputFactor: 0 }))).toBe(
      'ANALYTICS_PLAN_ZERO_THROUGHPUT',
    );
    expect(errorCode(() => whatIf(base, { demandFactor: -1 }))).toBe(
      'ANALYTICS_PLAN_INVALID_INPUT',
    );
    const twice = {
      ...base,
      appointments: [base.appointments[0], base.appointments[0]],
    } as PlanningBaseRaw;
    expect(errorCode(() => whatIf(twice, {}))).toBe('ANALYTICS_PLAN_DUPLICATE_KEY');
  });
});
