import { describe, expect, it } from 'vitest';
import { estimateDecisionDate, estimateOutcome, quantile, type EstimateInput } from './estimator';
import { nthWorkingDay, workingDaysBefore, workingDayTest } from './working-days';

/** Wednesday 2027-03-10; no holidays unless a test lists them. Five decisions every day. */
const base: EstimateInput = {
  today: '2027-03-10',
  legalDeadline: '2027-06-30',
  queueAhead: 0,
  dailyThroughput: Array.from({ length: 40 }, () => 5),
  pendingRegistryUntil: null,
  suspended: null,
  holidays: [],
};
const est = (patch: Partial<EstimateInput>) => {
  const e = estimateDecisionDate({ ...base, ...patch });
  if (!e) throw new Error('expected an estimate');
  return e;
};

describe('working days', () => {
  const works = workingDayTest(['2027-03-11']);
  it('skips weekends and listed holidays', () => {
    expect(nthWorkingDay('2027-03-10', 1, works)).toBe('2027-03-10');
    expect(nthWorkingDay('2027-03-10', 2, works)).toBe('2027-03-12');
    expect(nthWorkingDay('2027-03-10', 3, works)).toBe('2027-03-15');
    expect(workingDaysBefore('2027-03-15', 3, works)).toEqual([
      '2027-03-12',
      '2027-03-10',
      '2027-03-09',
    ]);
  });
  it('reads the pack rules: Easter Monday 2027 (29 March) is not a working day', () => {
    const pack = workingDayTest({ fixed: ['01-01'], easterOffsets: [1] });
    expect(nthWorkingDay('2027-03-29', 1, pack)).toBe('2027-03-30');
  });
});

describe('estimateDecisionDate', () => {
  it('queue empty: the case is next, decided today', () => {
    const e = est({});
    expect(e).toMatchObject({ from: '2027-03-10', likely: '2027-03-10', to: '2027-03-10' });
    expect(e.deadline).toBe('within');
    expect(e.basis).toMatchObject({ queueAhead: 0, perWorkingDay: 5, waitingFor: [] });
  });

  it('long queue: 99 ahead at 5 a day is 20 working days, over weekends', () => {
    const e = est({ queueAhead: 99 });
    // The 20th working day counting Wednesday 10 March is Tuesday 6 April.
    expect(e.likely).toBe('2027-04-06');
    expect(e.from <= e.likely && e.likely <= e.to).toBe(true);
  });

  it('a varying pace widens the range: slow and fast quartiles', () => {
    const pace = Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? 2 : 8)); // mean 5
    const e = est({ queueAhead: 49, dailyThroughput: pace });
    expect(e.basis.perWorkingDay).toBe(5);
    expect(e.basis.paceRange).toEqual([2, 8]);
    expect(e.likely).toBe(nthWorkingDay('2027-03-10', 10, workingDayTest([])));
    expect(e.from).toBe(nthWorkingDay('2027-03-10', Math.ceil(50 / 8), workingDayTest([])));
    expect(e.to).toBe(nthWorkingDay('2027-03-10', 25, workingDayTest([])));
  });

  it('zero throughput: no estimate, with the reason', () => {
    const none = { ...base, dailyThroughput: Array.from({ length: 40 }, () => 0) };
    expect(estimateDecisionDate(none)).toBeNull();
    expect(estimateOutcome(none)).toEqual({ kind: 'none', reason: 'no-decisions-lately' });
    expect(estimateOutcome({ ...base, dailyThroughput: [] })).toEqual({
      kind: 'none',
      reason: 'no-history',
    });
    expect(estimateOutcome({ ...base, today: '10/03/2027' })).toEqual({
      kind: 'none',
      reason: 'invalid-input',
    });
  });

  it('a small service deciding on few days still gets an estimate (mean, not median)', () => {
    const sparse = Array.from({ length: 40 }, (_, i) => (i % 10 === 0 ? 1 : 0)); // 0.1 a day
    const e = est({ dailyThroughput: sparse, queueAhead: 1 });
    expect(e.likely).toBe(nthWorkingDay('2027-03-10', 20, workingDayTest([])));
    expect(e.to > e.likely).toBe(true);
  });

  it('suspension: not before today, likely half way to the due date, at the latest the due day', () => {
    const e = est({ suspended: { since: '2027-03-08', dueOn: '2027-03-22' } });
    expect(e.from).toBe('2027-03-10');
    expect(e.likely).toBe('2027-03-16'); // 12 days to go, half is 6: Tuesday 16 March
    expect(e.to).toBe('2027-03-22');
    expect(e.basis).toMatchObject({ suspended: true, waitingFor: ['information'] });
  });

  it('a suspension past its due date no longer moves the range', () => {
    const e = est({ suspended: { since: '2027-02-01', dueOn: '2027-02-15' } });
    expect(e.to).toBe('2027-03-10');
  });

  it('pending registry: no decision before the answer is expected', () => {
    const e = est({ pendingRegistryUntil: '2027-03-20' }); // a Saturday
    expect(e.from).toBe('2027-03-22');
    expect(e.basis.waitingFor).toEqual(['registries']);
    // An answer expected in the past no longer holds the case.
    expect(est({ pendingRegistryUntil: '2027-03-01' }).basis.waitingFor).toEqual([]);
  });

  it('passing the legal deadline is said, never hidden', () => {
    const late = est({ queueAhead: 99, legalDeadline: '2027-03-31' });
    expect(late.deadline).toBe('likely-passes');
    expect(late.legalDeadline).toBe('2027-03-31');
    expect(late.likely > '2027-03-31').toBe(true);
    const edge = est({
      queueAhead: 49,
      legalDeadline: '2027-03-26',
      dailyThroughput: Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? 2 : 8)),
    });
    expect(edge.deadline).toBe('range-passes');
    expect(est({ legalDeadline: null }).deadline).toBe('no-deadline');
  });
});

describe('quantile', () => {
  it('interpolates between neighbours', () => {
    expect(quantile([0, 10], 0.25)).toBe(2.5);
    expect(quantile([], 0.5)).toBe(0);
  });
});
